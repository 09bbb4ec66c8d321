import Foundation

// Report periods (statistics.md ST-01): the month, quarter, half-year and year every procedure's
// indicators are reported over. Pure values.

/// A reporting period (ST-01): a month, a quarter, a half-year or a year, with its first and last
/// day (both inclusive) and its Chinese label.
public struct ReportPeriod: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case month, quarter, halfYear = "half-year", year
    }

    public let kind: Kind
    public let year: Int
    /// Month 1–12, quarter 1–4, half 1–2, or 1 for a year.
    public let index: Int
    /// First and last day of the period, inclusive.
    public let first: LocalDate
    public let last: LocalDate

    private init?(kind: Kind, year: Int, index: Int, firstMonth: Int, months: Int) {
        let lastMonth = firstMonth + months - 1
        guard let first = LocalDate(year: year, month: firstMonth, day: 1),
              let last = LocalDate(year: year, month: lastMonth, day: LocalDate.daysIn(year: year, month: lastMonth)) else { return nil }
        self.kind = kind
        self.year = year
        self.index = index
        self.first = first
        self.last = last
    }

    /// `2025年10月`; nil for an invalid month.
    public static func month(_ year: Int, _ month: Int) -> ReportPeriod? {
        guard (1...12).contains(month) else { return nil }
        return ReportPeriod(kind: .month, year: year, index: month, firstMonth: month, months: 1)
    }

    /// `2025年第四季度`; nil for a quarter outside 1–4.
    public static func quarter(_ year: Int, _ quarter: Int) -> ReportPeriod? {
        guard (1...4).contains(quarter) else { return nil }
        return ReportPeriod(kind: .quarter, year: year, index: quarter, firstMonth: quarter * 3 - 2, months: 3)
    }

    /// `2025年上半年` / `2025年下半年` (the half-yearly effect evaluation); nil for a half outside 1–2.
    public static func halfYear(_ year: Int, _ half: Int) -> ReportPeriod? {
        guard (1...2).contains(half) else { return nil }
        return ReportPeriod(kind: .halfYear, year: year, index: half, firstMonth: half * 6 - 5, months: 6)
    }

    /// `2025年`.
    public static func year(_ year: Int) -> ReportPeriod? {
        ReportPeriod(kind: .year, year: year, index: 1, firstMonth: 1, months: 12)
    }

    /// The month, quarter, half-year or year containing `date`.
    public static func containing(_ date: LocalDate, kind: Kind) -> ReportPeriod {
        let p: ReportPeriod? = switch kind {
        case .month: .month(date.year, date.month)
        case .quarter: .quarter(date.year, (date.month + 2) / 3)
        case .halfYear: .halfYear(date.year, date.month <= 6 ? 1 : 2)
        case .year: .year(date.year)
        }
        return p!  // the date's own year and month are valid by construction
    }

    /// 2025年10月, 2025年第四季度, 2025年上半年, 2025年.
    public var labelZH: String {
        switch kind {
        case .month: "\(year)年\(index)月"
        case .quarter: "\(year)年第\(["一", "二", "三", "四"][index - 1])季度"
        case .halfYear: "\(year)年\(index == 1 ? "上" : "下")半年"
        case .year: "\(year)年"
        }
    }

    public var description: String { labelZH }

    /// Whether `date` lies in the period (both ends inclusive).
    public func contains(_ date: LocalDate) -> Bool { first <= date && date <= last }

    /// The calendar months of the period, in order (one for a month, twelve for a year).
    public var months: [ReportPeriod] {
        (first.month...last.month).compactMap { ReportPeriod.month(year, $0) }
    }

    /// The same period one year earlier (the base of 同比 and of the reconsideration comparison).
    public var sameLastYear: ReportPeriod? {
        switch kind {
        case .month: .month(year - 1, index)
        case .quarter: .quarter(year - 1, index)
        case .halfYear: .halfYear(year - 1, index)
        case .year: .year(year - 1)
        }
    }

    /// The `count` months ending with the month containing `date`, oldest first — the 12-month
    /// trend window of a dashboard chart.
    public static func months(endingWith date: LocalDate, count: Int = 12) -> [ReportPeriod] {
        guard count > 0 else { return [] }
        let start = LocalDate(year: date.year, month: date.month, day: 1)!.adding(months: -(count - 1))
        return (0..<count).map { ReportPeriod.containing(start.adding(months: $0), kind: .month) }
    }
}
