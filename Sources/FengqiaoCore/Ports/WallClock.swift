import Foundation

/// "Now" and "today in Beijing", injected so tests can pin a date (STYLE habit 4, X-01).
public struct WallClock: Sendable {
    private let nowProvider: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.nowProvider = now }

    public static let system = WallClock(now: { Date() })

    public static func fixed(_ date: Date) -> WallClock { WallClock(now: { date }) }

    public var now: Date { nowProvider() }

    /// Milliseconds since the Unix epoch.
    public var nowMillis: Int64 { Int64((now.timeIntervalSince1970 * 1000).rounded()) }

    /// The calendar date in Asia/Shanghai (UTC+8, no daylight saving since 1991) — computed by
    /// offset so the server's own time zone never matters.
    public var todayInBeijing: LocalDate { WallClock.beijingDate(of: now) }

    public static func beijingDate(of date: Date) -> LocalDate {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        return LocalDate(ordinal: Int(days))
    }

    /// `2025-10-14 09:30` in Beijing time, for display.
    public static func beijingText(millis: Int64) -> String {
        let seconds = millis / 1000 + 8 * 3600
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secOfDay = seconds - days * 86400
        let d = LocalDate(ordinal: Int(days))
        let h = secOfDay / 3600, m = (secOfDay % 3600) / 60, s = secOfDay % 60
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(d.iso) \(two(h)):\(two(m)):\(two(s))"
    }

    /// CAL-13: an instant (Unix seconds) as ISO 8601 in Beijing time, `2025-10-01T16:00:00+08:00` (the API).
    public static func beijingISO(seconds: Int64) -> String {
        beijingText(millis: seconds * 1000).replacingOccurrences(of: " ", with: "T") + "+08:00"
    }

    /// CAL-13: an instant (Unix seconds) to the minute in Beijing time, `2025-10-01 16:00` (the pages).
    public static func beijingMinute(seconds: Int64) -> String {
        String(beijingText(millis: seconds * 1000).dropLast(3))
    }
}

/// The slow salted password hash (PLT-30); implemented in the web layer with bcrypt.
public protocol PasswordHashing: Sendable {
    /// Hashes a password with a fresh salt.
    func hash(_ password: String) throws -> String
    /// Checks a password against a stored hash.
    func verify(_ password: String, against hash: String) throws -> Bool
}
