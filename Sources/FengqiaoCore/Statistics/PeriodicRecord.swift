import Foundation

// Records an office owes once in a window of each year (MD-44: attendance at the government's
// 联席会议 in each half-year, and the fourth quarter's inspection): the window, whether the year's
// record was made and when, and what a record must hold. Pure: the store keeps them, the web shows them.

/// One record a procedure's office owes each year (`ProcedureModule.periodicRecords`).
public struct PeriodicRecordRule: Sendable, Equatable {
    public let key: String
    public let titleZH: String
    public let rule: String
    /// The months of the year it falls in (上半年 1…6, 第四季度 10…12).
    public let months: ClosedRange<Int>
    /// Who records it.
    public let permission: Permission

    public init(key: String, titleZH: String, rule: String, months: ClosedRange<Int>, permission: Permission) {
        self.key = key
        self.titleZH = titleZH
        self.rule = rule
        self.months = months
        self.permission = permission
    }

    /// The days of `year` it may be held on: the first of its first month to the last of its last.
    public func window(_ year: Int) -> ClosedRange<LocalDate>? {
        guard let first = LocalDate(year: year, month: months.lowerBound, day: 1),
              let last = LocalDate(year: year, month: months.upperBound, day: LocalDate.daysIn(year: year, month: months.upperBound)) else { return nil }
        return first...last
    }
}

/// One year's record as made.
public struct PeriodicRecordEntry: Sendable, Equatable {
    public let key: String
    public let year: Int
    public let heldOn: LocalDate
    public let attendees: String
    public let note: String

    public init(key: String, year: Int, heldOn: LocalDate, attendees: String, note: String) {
        self.key = key
        self.year = year
        self.heldOn = heldOn
        self.attendees = attendees
        self.note = note
    }
}

/// Where a year's record stands on a day.
public enum PeriodicRecordStatus: Sendable, Equatable {
    case recorded(LocalDate)
    /// Its window is open or yet to come.
    case pending
    /// Its window closed without a record.
    case missed

    public static func of(_ entry: PeriodicRecordEntry?, rule: PeriodicRecordRule, year: Int, today: LocalDate) -> Self {
        if let entry { return .recorded(entry.heldOn) }
        guard let window = rule.window(year) else { return .pending }
        return today > window.upperBound ? .missed : .pending
    }

    public var textZH: String {
        switch self {
        case let .recorded(on): "已记录（\(on.iso)）"
        case .pending: "待记录"
        case .missed: "逾期未记录"
        }
    }
}

extension PeriodicRecordEntry {
    /// Checks a record of `rule` for `year` from the form's raw values: held within the
    /// rule's window of that year and not after today, who attended (or inspected), and what happened.
    public static func validate(_ rule: PeriodicRecordRule, year: Int, heldOn raw: String?, attendees: String?, note: String?,
                                today: LocalDate) -> Result<PeriodicRecordEntry, DomainError> {
        var errors: [FieldError] = []
        func fail(_ field: String, _ r: String, _ code: String, _ message: String) { errors.append(FieldError(field: field, rule: r, code: code, messageZH: message)) }
        let heldOn = raw.flatMap { LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) }
        if let heldOn, let window = rule.window(year) {
            if !window.contains(heldOn) {
                fail("heldOn", rule.rule, "periodic.day.window", "\(rule.titleZH)应在\(window.lowerBound.iso)至\(window.upperBound.iso)之间")
            }
            if heldOn > today { fail("heldOn", "X-06", "periodic.day.future", "日期不能晚于今天（\(today.iso)）") }
        } else {
            fail("heldOn", "X-06", "periodic.day.invalid", "请填写日期（YYYY-MM-DD）")
        }
        let who = (attendees ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if who.isEmpty { fail("attendees", rule.rule, "periodic.attendees.required", "请填写参加（检查）人员") }
        if who.count > 200 { fail("attendees", "X-06", "periodic.attendees.long", "人员不超过200字") }
        let text = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { fail("note", rule.rule, "periodic.note.required", "请填写会议或检查情况") }
        if text.count > 2000 { fail("note", "X-06", "periodic.note.long", "情况不超过2000字") }
        guard errors.isEmpty, let heldOn else { return .failure(.invalid(errors)) }
        return .success(PeriodicRecordEntry(key: rule.key, year: year, heldOn: heldOn, attendees: who, note: text))
    }
}
