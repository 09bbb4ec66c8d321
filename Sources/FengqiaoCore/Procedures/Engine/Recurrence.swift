import Foundation

// What a registration repeats (mediation.md MD-48 and "Bad input and edge cases"): keys a new case
// shares with earlier ones of its procedure, counted over a window — the 多发矛盾 flag once enough
// registrations share one — and the key of "the same registration again" (same parties and object
// within days), a warning with a link to the earlier case, never a refusal. A procedure says what its
// new case's keys are (`Procedure.recurrence`) and declares the windows (`ProcedureModule.recurrence`);
// the store counts by index and the case keeps what was found.

/// The windows and thresholds a procedure compares registrations over.
public struct RecurrenceRule: Sendable {
    /// A key shared by `threshold` registrations (this one included) within `windowDays` flags the case.
    public let windowDays: Int
    public let threshold: Int
    /// A duplicate is the same registration within this many days before.
    public let duplicateDays: Int
    /// The rule of the flag (MD-48).
    public let rule: String
    /// The flag's name on the case: 多发矛盾.
    public let flagZH: String

    public init(windowDays: Int, threshold: Int, duplicateDays: Int, rule: String, flagZH: String) {
        self.windowDays = windowDays
        self.threshold = threshold
        self.duplicateDays = duplicateDays
        self.rule = rule
        self.flagZH = flagZH
    }

    /// The first day of the window ending on `day` (both ends counted).
    public func windowStart(_ day: LocalDate) -> LocalDate { day.adding(days: -(windowDays - 1)) }
    /// The first day a duplicate of a registration on `day` may have been registered.
    public func duplicateStart(_ day: LocalDate) -> LocalDate { day.adding(days: -duplicateDays) }
    /// Whether `count` registrations sharing a key flag the case.
    public func flags(_ count: Int) -> Bool { count >= threshold }
}

/// What a newly registered case shares with earlier ones of its procedure.
public struct Recurrence: Sendable, Equatable {
    public struct Key: Sendable, Equatable {
        /// The compared value (stored only as a blind index).
        public let value: String
        /// What it means on the case: 同一被申请人.
        public let labelZH: String
        public init(_ value: String, _ labelZH: String) {
            self.value = value
            self.labelZH = labelZH
        }
    }

    public let on: LocalDate
    /// Keys counted over the rule's window.
    public let counted: [Key]
    /// "The same registration again": same parties and object.
    public let duplicate: String?

    public init(on: LocalDate, counted: [Key], duplicate: String?) {
        self.on = on
        self.counted = counted
        self.duplicate = duplicate
    }

    /// A free-text value as compared: no spaces or punctuation, lower case (the same object typed twice).
    public static func normalised(_ s: String) -> String {
        String(s.filter { !$0.isWhitespace && !$0.isPunctuation && !$0.isSymbol }.lowercased())
    }
}

/// What the store found for a new case, kept in its facts and shown on the case page.
public struct RecurrenceFound: Codable, Sendable, Equatable {
    public struct Flag: Codable, Sendable, Equatable {
        public let labelZH: String
        public let count: Int
        public init(labelZH: String, count: Int) {
            self.labelZH = labelZH
            self.count = count
        }
    }

    /// The keys that reached the threshold, with their counts (this case included).
    public var flags: [Flag]
    /// The earlier cases registered with the same parties and object within the duplicate window.
    public var duplicates: [String]

    public init(flags: [Flag], duplicates: [String]) {
        self.flags = flags
        self.duplicates = duplicates
    }

    public var isEmpty: Bool { flags.isEmpty && duplicates.isEmpty }

    /// The case page's rows.
    public func rowsZH(_ rule: RecurrenceRule) -> [(label: String, value: String)] {
        var rows: [(label: String, value: String)] = []
        if !flags.isEmpty {
            rows.append(("\(rule.flagZH)（\(rule.rule)）",
                         flags.map { "\($0.labelZH)\(rule.windowDays)日内登记\($0.count)件" }.joined(separator: "；")))
        }
        if !duplicates.isEmpty {
            rows.append(("可能重复登记", "\(rule.duplicateDays)日内已有相同当事人和客体的登记：\(duplicates.joined(separator: "、"))（仅提示，不影响办理）"))
        }
        return rows
    }
}

/// Facts that keep what their registration repeats.
public protocol KeepsRecurrence {
    var recurrence: RecurrenceFound? { get set }
}

extension Procedure {
    public static func archiveHold(_ facts: Facts) -> FieldError? { nil }
    public static func recurrence(_ facts: Facts) -> Recurrence? { nil }
    public static func keeping(_ found: RecurrenceFound, in facts: Facts) -> Facts? { nil }
}

extension Procedure where Facts: KeepsRecurrence {
    public static func keeping(_ found: RecurrenceFound, in facts: Facts) -> Facts? {
        var f = facts
        f.recurrence = found
        return f
    }
}
