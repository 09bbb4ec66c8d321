import Foundation

/// CP-03: the legal department activates (confirms) an unconfirmed rule-set version, with a citation
/// for each parameter. Activation is a new version (CAL-22: every edit is one) that `confirms` the
/// unconfirmed one: same label, same effective range, status active. The cases bound to the
/// unconfirmed version follow it — the version they bound at receipt (CAL-21) was the instrument in
/// force then, only its values were provisional — so their clocks lose 规则待核实 and the open ones
/// are recounted with the confirmed values. Pure: the store reads the clocks and applies the changes.
public enum RuleSetActivation {
    /// The confirmed version of `target`, or every problem at once: only an unconfirmed version not
    /// yet confirmed may be activated, and every step needs its value and a citation (CP-03).
    public static func activate(_ target: RuleSet, versions: [RuleSet], values: [String: RuleSetEditing.StepEdit],
                                citation: String) -> Result<RuleSet, DomainError> {
        guard target.status == .unconfirmed else {
            return .failure(DomainError(.conflict, code: "ruleset.activate.not-unconfirmed",
                                        messageZH: "只有待法制科确认的规则集版本才能确认生效（第\(target.version)版当前为“\(statusZH(target.status))”）", ruleID: "CP-03"))
        }
        if let done = versions.first(where: { $0.key == target.key && $0.confirms == target.version }) {
            return .failure(DomainError(.conflict, code: "ruleset.activate.already",
                                        messageZH: "第\(target.version)版已由第\(done.version)版确认生效", ruleID: "CP-03"))
        }
        var errors: [FieldError] = []
        var rules = target.rules
        for step in target.rules.keys.sorted() {
            guard let edit = values[step], var rule = rules[step] else {
                errors.append(FieldError(field: "\(step).count", rule: "CP-03", code: "ruleset.activate.value.required", messageZH: "“\(step)”须确认期限数值"))
                continue
            }
            errors += RuleSetEditing.rangeErrors(step: step, edit)
            let cited = edit.citation.trimmingCharacters(in: .whitespacesAndNewlines)
            if cited.isEmpty {
                errors.append(FieldError(field: "\(step).citation", rule: "CP-03", code: "ruleset.activate.citation.required",
                                         messageZH: "确认生效须逐项注明依据：“\(step)”未注明依据"))
            } else if cited.contains("待核实") {
                // A citation that still says it is unverified confirms nothing.
                errors.append(FieldError(field: "\(step).citation", rule: "CP-03", code: "ruleset.activate.citation.unverified",
                                         messageZH: "“\(step)”的依据仍为“待核实”，请注明核实后的条款"))
            }
            rule.count = edit.count
            rule.unit = edit.unit
            rule.roll = edit.roll
            rule.maxExtension = edit.maxExtension
            rule.citation = cited
            rules[step] = rule
        }
        for step in values.keys.sorted() where target.rules[step] == nil {
            errors.append(FieldError(field: step, rule: "CAL-20", code: "ruleset.step.unknown", messageZH: "步骤“\(step)”不在该规则集中"))
        }
        let setCitation = citation.trimmingCharacters(in: .whitespacesAndNewlines)
        if setCitation.isEmpty || setCitation.contains("待核实") {
            errors.append(FieldError(field: "citation", rule: "CP-03", code: "ruleset.activate.citation.required", messageZH: "须注明确认生效的依据（核实后的规章名称与文号）"))
        }
        if !errors.isEmpty { return .failure(.invalid(errors)) }
        // The confirmed version ends where a later version in force begins, so activating never
        // displaces a version the legal department has since put in force.
        let later = versions.filter { $0.key == target.key && $0.version > target.version && $0.status != .draft && $0.confirms == nil
            && $0.effectiveFrom > target.effectiveFrom }.map(\.effectiveFrom).min()
        let end = [target.effectiveTo, later.map { $0.adding(days: -1) }].compactMap { $0 }.min()
        return .success(RuleSet(key: target.key, version: (versions.map(\.version).max() ?? target.version) + 1, label: target.label,
                                nameZH: target.nameZH, citation: setCitation, status: .active, effectiveFrom: target.effectiveFrom,
                                effectiveTo: end, rules: rules, confirms: target.version))
    }

    /// A stored clock bound to the unconfirmed version, as activation needs it.
    public struct BoundClock: Sendable {
        public let id: UUID
        public let caseID: UUID
        public let step: String
        /// The clock as stored, with its suspensions and extensions, on the current calendar.
        public let clock: Clock
        /// The due date last stored.
        public let storedDue: LocalDate
        public let isOpen: Bool

        public init(id: UUID, caseID: UUID, step: String, clock: Clock, storedDue: LocalDate, isOpen: Bool) {
            self.id = id
            self.caseID = caseID
            self.step = step
            self.clock = clock
            self.storedDue = storedDue
            self.isOpen = isOpen
        }
    }

    /// What activation does to one clock. Every clock loses 规则待核实; an open clock takes the
    /// confirmed rule and version and is recounted; a finished one keeps the rule it was measured
    /// against (CAL-33: its outcome stands).
    public struct ClockChange: Sendable, Equatable {
        public let clockID: UUID
        public let caseID: UUID
        public let step: String
        /// `key@version` before and after: an ended clock keeps its version.
        public let oldRuleSet: String
        public let newRuleSet: String
        public let oldRule: TimeLimitRule
        public let newRule: TimeLimitRule
        public let oldDue: LocalDate
        public let newDue: LocalDate
        /// CAL-03: the new due date rests on a year the calendar does not cover.
        public let provisional: Bool
        /// CP-03: the confirmed value differs, so the clock was recounted.
        public let recomputed: Bool
        /// The calendar revision the new due date was counted on.
        public let calendarRevision: Int
        /// The hour clock's new due instant (CAL-13); nil on day clocks.
        public let dueAt: Int64?

        /// Whether the due date moved.
        public var moved: Bool { oldDue != newDue }
    }

    /// The changes activation makes to the clocks bound to `old`, as of `today`.
    public static func changes(_ clocks: [BoundClock], from old: RuleSet, to new: RuleSet, today: LocalDate) -> [ClockChange] {
        clocks.map { bound in
            let stored = bound.clock.rule
            guard bound.isOpen, let confirmed = new.rule(bound.step) else {
                return ClockChange(clockID: bound.id, caseID: bound.caseID, step: bound.step, oldRuleSet: old.id, newRuleSet: old.id, oldRule: stored,
                                   newRule: stored, oldDue: bound.storedDue, newDue: bound.storedDue, provisional: false, recomputed: false,
                                   calendarRevision: bound.clock.calendarRevision, dueAt: bound.clock.dueAt)
            }
            let valueChanged = stored.count != confirmed.count || stored.unit != confirmed.unit || stored.roll != confirmed.roll
                || stored.countsBack != confirmed.countsBack
            let recounted = bound.clock.withRule(confirmed)
            let due = recounted.dueDate(asOf: today)
            return ClockChange(clockID: bound.id, caseID: bound.caseID, step: bound.step, oldRuleSet: old.id, newRuleSet: new.id, oldRule: stored,
                               newRule: confirmed, oldDue: bound.storedDue, newDue: due.date, provisional: due.provisional, recomputed: valueChanged,
                               calendarRevision: recounted.calendarRevision, dueAt: recounted.dueAt)
        }
    }

    static func statusZH(_ s: RuleSetStatus) -> String {
        switch s {
        case .draft: "草稿"
        case .unconfirmed: "待法制科确认"
        case .active: "生效"
        case .retired: "已废止"
        }
    }
}

extension Clock {
    /// CP-03: the same clock (start, suspensions, extensions) counted with another rule.
    public func withRule(_ rule: TimeLimitRule) -> Clock {
        Clock(restoring: start, rule: rule, calendar: calendar, suspensions: suspensions, extensions: extensions, cancelledOn: cancelledOn,
              startAt: startAt)
    }
}
