/// The legal department's edits of a time-limit rule set (CAL-20…22, X-08): each edit is a new
/// version with its own effective date; earlier versions stay, so cases accepted under them keep
/// their limits (CAL-21).
public enum RuleSetEditing {
    /// One step's new values, as typed in the edit form.
    public struct StepEdit: Sendable, Equatable {
        public var count: Int
        public var unit: PeriodUnit
        public var roll: Roll
        public var maxExtension: Int
        public var citation: String

        public init(count: Int, unit: PeriodUnit, roll: Roll, maxExtension: Int, citation: String) {
            self.count = count
            self.unit = unit
            self.roll = roll
            self.maxExtension = maxExtension
            self.citation = citation
        }
    }

    /// A step's values out of range (CAL-20 count, CAL-32 extension, CAL-13 no roll for hours) — shared by
    /// an edit and an activation (CP-03).
    static func rangeErrors(step: String, _ edit: StepEdit) -> [FieldError] {
        var errors: [FieldError] = []
        let limit = edit.unit == .hour ? 720 : 3650
        if !(1...limit).contains(edit.count) {
            errors.append(FieldError(field: "\(step).count", rule: "CAL-20", code: "ruleset.count.range", messageZH: "“\(step)”的期限应为 1 至 \(limit)"))
        }
        if edit.maxExtension < 0 || edit.maxExtension > 3650 {
            errors.append(FieldError(field: "\(step).maxExtension", rule: "CAL-32", code: "ruleset.extension.range", messageZH: "“\(step)”的最长延期应为 0 至 3650"))
        }
        if edit.unit == .hour && edit.roll != .none {
            errors.append(FieldError(field: "\(step).roll", rule: "CAL-13", code: "ruleset.hour.roll", messageZH: "按小时计算的期限不顺延（CAL-13）"))
        }
        return errors
    }

    /// Builds the next version of `key` from its latest version and the edits, or every problem
    /// at once. A version in force may not start in the past: a limit is never changed
    /// retroactively; a draft may carry any date, since it is never in force.
    public static func nextVersion(of versions: [RuleSet], edits: [String: StepEdit], status: RuleSetStatus, effectiveFrom: LocalDate,
                                   citation: String, today: LocalDate) -> Result<RuleSet, DomainError> {
        guard let latest = versions.max(by: { $0.version < $1.version }) else { return .failure(.notFound) }
        var errors: [FieldError] = []
        var rules = latest.rules
        for (step, edit) in edits.sorted(by: { $0.key < $1.key }) {
            guard var rule = rules[step] else {
                errors.append(FieldError(field: step, rule: "CAL-20", code: "ruleset.step.unknown", messageZH: "步骤“\(step)”不在该规则集中"))
                continue
            }
            errors += RuleSetEditing.rangeErrors(step: step, edit)
            if edit.citation.trimmingCharacters(in: .whitespaces).isEmpty {
                errors.append(FieldError(field: "\(step).citation", rule: "CAL-20", code: "ruleset.citation.required", messageZH: "“\(step)”须注明依据"))
            }
            rule.count = edit.count
            rule.unit = edit.unit
            rule.roll = edit.roll
            rule.maxExtension = edit.maxExtension
            rule.citation = edit.citation
            rules[step] = rule
        }
        if status != .draft && effectiveFrom < today {
            errors.append(FieldError(field: "effectiveFrom", rule: "X-08", code: "ruleset.effective.past",
                                     messageZH: "生效日期不能早于今天（\(today.iso)）：期限规则不溯及既往"))
        }
        if citation.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError(field: "citation", rule: "CAL-20", code: "ruleset.citation.required", messageZH: "须注明规则集的依据"))
        }
        if status == .retired {
            errors.append(FieldError(field: "status", rule: "CAL-20", code: "ruleset.status.retired", messageZH: "新版本不能直接设为已废止"))
        }
        if !errors.isEmpty { return .failure(.invalid(errors)) }
        let next = (versions.map(\.version).max() ?? 0) + 1
        return .success(RuleSet(key: latest.key, version: next, nameZH: latest.nameZH, citation: citation, status: status,
                                effectiveFrom: effectiveFrom, effectiveTo: nil, rules: rules))
    }
}
