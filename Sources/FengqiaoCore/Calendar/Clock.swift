// Step clocks with suspension and extension (CAL-30…CAL-33) and their traffic-light signal (CAL-40).
// Pure values: every question about "now" takes `today` (the Beijing date, X-01) as a parameter.

/// CAL-30 clock states.
public enum ClockState: String, Sendable, Codable, CaseIterable {
    case running, suspended, met, overdue, cancelled
}

/// CAL-40 signal shown wherever a step appears.
public enum Signal: String, Sendable, Codable, CaseIterable {
    /// Running (or stopped, met, cancelled): nothing to do yet.
    case green
    /// Due within the warning window (default 2 working days).
    case yellow
    /// Due today.
    case orange
    /// Overdue — and stays red after a late end (CAL-33).
    case red
}

/// CAL-31 中止计时: a period during which the clock does not run, with its legal ground and approver.
///
/// `from` and `to` are both *suspended days*: a pause "2025-02-10 to 2025-02-21" stops the clock on
/// both of those days and it runs again from 2025-02-22 (CP-20: "each inclusive pause interval").
public struct Suspension: Sendable, Equatable, Codable {
    /// First day not counted.
    public let from: LocalDate
    /// Last day not counted; nil while the suspension is open.
    public let to: LocalDate?
    /// The legal ground, e.g. 检验检测、等待当事人补正材料、听证.
    public let ground: String
    /// Who approved the suspension (user id).
    public let approver: String

    /// A suspension record; `to` nil while it is open.
    public init(from: LocalDate, to: LocalDate?, ground: String, approver: String) {
        self.from = from
        self.to = to
        self.ground = ground
        self.approver = approver
    }

    /// True until the clock is resumed.
    public var isOpen: Bool { to == nil }
}

/// CAL-32 延期: more time granted, in the rule's unit, by an approver holding the rule's permission.
public struct Extension: Sendable, Equatable, Codable {
    /// Added count, in the rule's unit.
    public let count: Int
    /// The ground of the extension, e.g. 重大疑难案件、案情复杂.
    public let ground: String
    /// Who approved the extension (user id).
    public let approver: String
    /// The day the extension was granted (must be on or before the due date then in force).
    public let grantedOn: LocalDate

    /// An extension record, as granted.
    public init(count: Int, ground: String, approver: String, grantedOn: LocalDate) {
        self.count = count
        self.ground = ground
        self.approver = approver
        self.grantedOn = grantedOn
    }
}

/// A running step's clock (CAL-30): start date, rule, calendar (and so its revision), suspensions and
/// extensions; the due date and state are always computed, never stored.
///
/// **How a suspension moves the due date (CAL-31).** The period is counted in *counting days*: the
/// working days (for `workday` rules) or calendar days (for `day` and `month` rules) after the start
/// day that fall in no suspension. The due date is the day on which the rule's count (plus extensions)
/// of counting days is reached — then, for `day`/`month` rules, the roll rule applies. Consequences a
/// legal user can check by hand:
/// - a suspension wholly before the due date moves it by exactly the number of counting days in the
///   suspension (testing 2025-02-10…02-21 = 10 working days moves a 45-working-day due date from
///   2025-03-12 to 2025-03-26, complaints.md scenario 2);
/// - rest days inside a suspension move nothing under a `workday` rule (they were never counted);
/// - a suspension that straddles the due date pushes the days still owed after its end: the whole
///   suspension counts, because the period had not run out when it began;
/// - a suspension cannot begin after the due date (refused: an expired period cannot be revived), nor
///   before the start date; the start day itself is never counted, so a suspension beginning on it
///   counts from the next day;
/// - while a suspension is open its days so far are counted as suspended (`dueDate(asOf:)` projects
///   the due date as if it ended `today`).
///
/// **Extensions (CAL-32)** add to the count before suspensions and rolling, so a `day` extension runs
/// from the unrolled original end (PT-22): 60日 from 2025-08-04 ends on holiday 10-03 and rolls to
/// 10-09, but +30日 runs from 10-03 to 11-02 (a Sunday) and rolls to 11-03.
public struct Clock: Sendable {
    /// The start date (not counted) — or, for a `countsBack` rule, the reference date counted back from.
    public let start: LocalDate
    /// The rule from the rule-set version bound to the case (CAL-21).
    public let rule: TimeLimitRule
    /// The calendar the clock counts on; recompute with `recomputed(with:)` when a new revision is
    /// loaded (CAL-04).
    public let calendar: WorkCalendar
    /// Suspensions, sorted by start (CAL-31).
    public private(set) var suspensions: [Suspension]
    /// Extensions, in the order granted (CAL-32).
    public private(set) var extensions: [Extension]
    /// The day the clock was cancelled, if it was.
    public private(set) var cancelledOn: LocalDate?
    /// CAL-13: the instant (Unix seconds) an hour clock started; nil for day clocks.
    public let startAt: Int64?

    /// Starts a day clock. Hour rules are refused here: they start at an instant (`init(startAt:…)`, CAL-13).
    public init(start: LocalDate, rule: TimeLimitRule, calendar: WorkCalendar = .shipped) throws(CalendarError) {
        guard rule.unit != .hour else {
            throw CalendarError(.ruleUnusable, ruleID: "CAL-13", field: "rule.unit", "小时时限按时刻计算，应从时刻起算")
        }
        guard rule.count >= 0 else {
            throw CalendarError(.ruleUnusable, ruleID: "CAL-20", field: "rule.count", "时限数不能为负数")
        }
        guard !rule.countsBack || rule.unit == .workday else {
            throw CalendarError(.ruleUnusable, ruleID: "CAL-14", field: "rule.countsBack", "倒数期限只能以工作日计")
        }
        self.init(restoring: start, rule: rule, calendar: calendar, suspensions: [], extensions: [], cancelledOn: nil)
    }

    /// CAL-13: starts an hour clock at an instant (Unix seconds). Its start date is the Beijing date of
    /// the instant; it is due exactly `count` hours later, never rolled.
    public init(startAt instant: Int64, rule: TimeLimitRule, calendar: WorkCalendar = .shipped) throws(CalendarError) {
        guard rule.unit == .hour else {
            throw CalendarError(.ruleUnusable, ruleID: "CAL-13", field: "rule.unit", "只有小时时限从时刻起算")
        }
        guard rule.count >= 0 else {
            throw CalendarError(.ruleUnusable, ruleID: "CAL-20", field: "rule.count", "时限数不能为负数")
        }
        guard !rule.countsBack else {
            throw CalendarError(.ruleUnusable, ruleID: "CAL-14", field: "rule.countsBack", "倒数期限只能以工作日计")
        }
        self.init(restoring: WorkCalendar.beijingDate(ofInstant: instant), rule: rule, calendar: calendar, suspensions: [], extensions: [],
                  cancelledOn: nil, startAt: instant)
    }

    /// Rebuilds a stored clock as recorded, without re-checking its records (they were checked when
    /// made; permissions then are not knowable now).
    public init(
        restoring start: LocalDate, rule: TimeLimitRule, calendar: WorkCalendar,
        suspensions: [Suspension], extensions: [Extension], cancelledOn: LocalDate?, startAt: Int64? = nil
    ) {
        self.startAt = startAt
        self.start = start
        self.rule = rule
        self.calendar = calendar
        self.suspensions = suspensions.sorted { $0.from < $1.from }
        self.extensions = extensions
        self.cancelledOn = cancelledOn
    }

    /// CAL-04: the same clock counted on another calendar revision.
    public func recomputed(with calendar: WorkCalendar) -> Clock {
        Clock(restoring: start, rule: rule, calendar: calendar, suspensions: suspensions,
              extensions: extensions, cancelledOn: cancelledOn, startAt: startAt)
    }

    /// The calendar revision the due date is computed with (CAL-30).
    public var calendarRevision: Int { calendar.revision }

    /// Total extension granted, in the rule's unit.
    public var extended: Int { extensions.reduce(0) { $0 + $1.count } }

    /// The open suspension, if any.
    public var openSuspension: Suspension? { suspensions.last(where: \.isOpen) }

    // MARK: Due date

    /// The due date with rule, extensions and suspensions applied; an open suspension is counted as
    /// lasting through `today` (the due date it would have if the clock ran again tomorrow).
    public func dueDate(asOf today: LocalDate) -> DueDate {
        // CAL-13: an hour clock is due on the Beijing date of its due instant, never rolled.
        if let dueAt { return DueDate(date: WorkCalendar.beijingDate(ofInstant: dueAt), provisional: false) }
        let count = rule.count + extended
        let intervals = suspensions.map { s in (s.from, s.to ?? Swift.max(today, s.from)) }
        switch rule.unit {
        case .workday:
            var d: LocalDate
            if rule.countsBack {
                d = calendar.workdaysBefore(start, count: rule.count)
                if extended > 0 { d = calendar.due(from: d, count: extended, unit: .workday).date }
            } else {
                d = calendar.due(from: start, count: count, unit: .workday).date
            }
            for (from, to) in intervals {
                let a = Swift.max(from, start.adding(days: 1))
                guard a <= d else { break }  // sorted: later suspensions start later still
                let suspended = calendar.between(a.adding(days: -1), to)
                if suspended > 0 { d = calendar.due(from: d, count: suspended, unit: .workday).date }
            }
            let from = rule.countsBack ? Swift.min(d, start) : start.adding(days: 1)
            return DueDate(date: d, provisional: calendar.isProvisional(from: from, through: Swift.max(d, start)))
        case .day, .month, .hour:
            var raw = rule.unit == .month ? start.adding(months: count) : start.adding(days: count)
            for (from, to) in intervals {
                let a = Swift.max(from, start.adding(days: 1))
                guard a <= calendar.rolled(raw, rule.roll).date else { break }
                let suspended = to.ordinal - a.ordinal + 1
                if suspended > 0 { raw = raw.adding(days: suspended) }
            }
            return calendar.rolled(raw, rule.roll)
        }
    }

    /// CAL-13: the exact instant (Unix seconds) an hour clock is due — its start plus the rule's hours
    /// and any extension hours; nil for day clocks.
    public var dueAt: Int64? {
        startAt.map { WorkCalendar.dueInstant(from: $0, hours: rule.count + extended) }
    }

    /// The due date with any open suspension counted through its first day only (the least it can
    /// move the date). Use `dueDate(asOf:)` for the projection shown on a case page.
    public var dueDate: DueDate {
        dueDate(asOf: openSuspension?.from ?? start)
    }

    /// CAL-31: how long the clock has been stopped up to `today`, in the rule's unit (working days
    /// for `workday` rules, calendar days otherwise) — the figure the case page shows.
    public func stoppedDays(asOf today: LocalDate) -> Int {
        suspensions.reduce(0) { sum, s in
            let a = Swift.max(s.from, start.adding(days: 1))
            let b = Swift.min(s.to ?? today, today)
            guard a <= b else { return sum }
            return sum + (rule.unit == .workday ? calendar.between(a.adding(days: -1), b) : b.ordinal - a.ordinal + 1)
        }
    }

    // MARK: State and signal

    /// CAL-30/CAL-33 state on `today`, given the day the step ended (nil while it is open).
    /// Met: ended on or before its due date. Overdue: the due date passed with the step open, and it
    /// stays overdue after a late end. A cancelled clock is `cancelled` from its cancellation day.
    public func state(today: LocalDate, ended: LocalDate? = nil) -> ClockState {
        if let c = cancelledOn, c <= today { return .cancelled }
        if let e = ended, e <= today {
            return e <= dueDate(asOf: e).date ? .met : .overdue
        }
        if isSuspended(on: today) { return .suspended }
        return today > dueDate(asOf: today).date ? .overdue : .running
    }

    /// CAL-30/CAL-33 state at the instant `now` (Unix seconds). An hour clock compares instants
    /// (CAL-13): met when it ended at or before its due instant, overdue once `now` passes the due
    /// instant with the step open (and after a late end). A day clock answers on the Beijing dates of
    /// `now` and of its end day, as `state(today:ended:)`.
    public func state(now: Int64, ended: LocalDate? = nil, endedAt: Int64? = nil) -> ClockState {
        let today = WorkCalendar.beijingDate(ofInstant: now)
        guard let dueAt else { return state(today: today, ended: ended) }
        if let c = cancelledOn, c <= today { return .cancelled }
        if let e = endedAt, e <= now { return e <= dueAt ? .met : .overdue }
        return now > dueAt ? .overdue : .running
    }

    /// CAL-40 signal at the instant `now`: as `signal(today:…)`, with an hour clock's state taken at
    /// the instant (CAL-13) — red the moment its due instant passes, orange on its due day.
    public func signal(now: Int64, warningWindow: Int = 2, ended: LocalDate? = nil, endedAt: Int64? = nil) -> Signal {
        let today = WorkCalendar.beijingDate(ofInstant: now)
        guard startAt != nil else { return signal(today: today, warningWindow: warningWindow, ended: ended) }
        switch state(now: now, ended: ended, endedAt: endedAt) {
        case .overdue: return .red
        case .met, .cancelled, .suspended: return .green
        case .running:
            let due = dueDate(asOf: today).date
            if due == today { return .orange }
            return calendar.between(today, due) <= warningWindow ? .yellow : .green
        }
    }

    /// CAL-40 signal on `today`: red when overdue (including a late end); orange on the due day;
    /// yellow when the due date is within `warningWindow` working days after today; otherwise green
    /// (also while suspended, met or cancelled).
    public func signal(today: LocalDate, warningWindow: Int = 2, ended: LocalDate? = nil) -> Signal {
        switch state(today: today, ended: ended) {
        case .overdue: return .red
        case .met, .cancelled, .suspended: return .green
        case .running:
            let due = dueDate(asOf: today).date
            if due == today { return .orange }
            return calendar.between(today, due) <= warningWindow ? .yellow : .green
        }
    }

    private func isSuspended(on day: LocalDate) -> Bool {
        suspensions.contains { s in s.from <= day && (s.to.map { day <= $0 } ?? true) }
    }

    // MARK: Records

    /// CAL-31: stops the clock from `from` (a suspended day). Pass `to` to record a suspension whose
    /// end is already known; otherwise end it with `resume(lastSuspendedDay:)`.
    ///
    /// Refused: without ground or approver; before the start date; after the due date then in force;
    /// overlapping another suspension or while one is open; on a cancelled clock.
    public mutating func suspend(
        from: LocalDate, to: LocalDate? = nil, ground: String, approver: String
    ) throws(CalendarError) {
        try requireOpen()
        try requireRecord(ground: ground, approver: approver, rule: "CAL-31")
        // CAL-13: an hour limit runs without stopping (an urgent step has no 中止计时).
        guard startAt == nil else {
            throw CalendarError(.suspensionInvalid, ruleID: "CAL-13", field: "from", "小时时限不能中止计时")
        }
        if let to, to < from {
            throw CalendarError(.suspensionInvalid, ruleID: "CAL-31", field: "to", "中止结束日期早于开始日期")
        }
        guard from >= start else {
            throw CalendarError(.suspensionInvalid, ruleID: "CAL-31", field: "from", "中止开始日期早于计时起算日 \(start.iso)")
        }
        if openSuspension != nil {
            throw CalendarError(.suspensionInvalid, ruleID: "CAL-31", field: "from", "已有未结束的中止，请先恢复计时")
        }
        if let last = suspensions.last?.to, from <= last {
            throw CalendarError(.suspensionInvalid, ruleID: "CAL-31", field: "from", "中止期间与 \(last.iso) 结束的中止重叠")
        }
        let due = dueDate(asOf: from).date
        guard from <= due else {
            throw CalendarError(.suspensionInvalid, ruleID: "CAL-31", field: "from", "期限已于 \(due.iso) 届满，不能中止计时")
        }
        suspensions.append(Suspension(from: from, to: to, ground: ground, approver: approver))
    }

    /// CAL-31: ends the open suspension; `lastSuspendedDay` is the last day not counted (the clock
    /// runs again the day after).
    public mutating func resume(lastSuspendedDay: LocalDate) throws(CalendarError) {
        try requireOpen()
        guard let index = suspensions.lastIndex(where: \.isOpen) else {
            throw CalendarError(.suspensionInvalid, ruleID: "CAL-31", field: "to", "没有正在中止的计时")
        }
        let open = suspensions[index]
        guard lastSuspendedDay >= open.from else {
            throw CalendarError(.suspensionInvalid, ruleID: "CAL-31", field: "to", "中止结束日期早于开始日期 \(open.from.iso)")
        }
        suspensions[index] = Suspension(from: open.from, to: lastSuspendedDay, ground: open.ground, approver: open.approver)
    }

    /// CAL-32: grants an extension of `count` (in the rule's unit) on `grantedOn`.
    ///
    /// Refused (with rule CAL-32): a non-positive count or missing ground/approver; an approver without
    /// the rule's `extensionPermission`; a rule that may not be extended; more grants than the rule
    /// allows or a total beyond `maxExtension`; a grant after the due date then in force (MD-24, PT-22:
    /// approved before expiry).
    public mutating func extend(
        by count: Int, ground: String, approver: String, approverPermissions: Set<String>, grantedOn: LocalDate
    ) throws(CalendarError) {
        try requireOpen()
        try requireRecord(ground: ground, approver: approver, rule: "CAL-32")
        guard count > 0 else {
            throw CalendarError(.recordIncomplete, ruleID: "CAL-32", field: "count", "延期数应大于0")
        }
        guard rule.maxExtension > 0, let permission = rule.extensionPermission else {
            throw CalendarError(.extensionExceedsMaximum, ruleID: "CAL-32", field: "count", "该时限不得延期")
        }
        guard approverPermissions.contains(permission) else {
            throw CalendarError(.extensionNotPermitted, ruleID: "CAL-32", field: "approver", "批准人不具有延期审批权限（\(permission)）")
        }
        if let grants = rule.maxExtensionGrants, extensions.count >= grants {
            throw CalendarError(.extensionExceedsMaximum, ruleID: "CAL-32", field: "count", "该时限只能延期\(grants)次")
        }
        guard extended + count <= rule.maxExtension else {
            let unit = Self.unitZH(rule.unit)
            throw CalendarError(.extensionExceedsMaximum, ruleID: "CAL-32", field: "count",
                                "延期累计\(extended + count)\(unit)，超过规则允许的最多\(rule.maxExtension)\(unit)")
        }
        let due = dueDate(asOf: grantedOn).date
        guard grantedOn <= due else {
            throw CalendarError(.extensionAfterExpiry, ruleID: "CAL-32", field: "grantedOn", "期限已于 \(due.iso) 届满，不能延期")
        }
        extensions.append(Extension(count: count, ground: ground, approver: approver, grantedOn: grantedOn))
    }

    /// Cancels the clock (the step no longer runs, e.g. the case was withdrawn).
    public mutating func cancel(on day: LocalDate) throws(CalendarError) {
        try requireOpen()
        cancelledOn = day
    }

    private func requireOpen() throws(CalendarError) {
        if let c = cancelledOn {
            throw CalendarError(.clockClosed, ruleID: "CAL-30", "计时已于 \(c.iso) 撤销")
        }
    }

    private func requireRecord(ground: String, approver: String, rule id: String) throws(CalendarError) {
        if ground.allSatisfy(\.isWhitespace) {
            throw CalendarError(.recordIncomplete, ruleID: id, field: "ground", "请填写法律依据或理由")
        }
        if approver.allSatisfy(\.isWhitespace) {
            throw CalendarError(.recordIncomplete, ruleID: id, field: "approver", "请填写批准人")
        }
    }

    static func unitZH(_ unit: PeriodUnit) -> String {
        switch unit {
        case .workday: "个工作日"
        case .day: "日"
        case .month: "个月"
        case .hour: "小时"
        }
    }
}
