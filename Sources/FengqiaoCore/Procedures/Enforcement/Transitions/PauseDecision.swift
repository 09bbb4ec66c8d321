import Foundation

extension EnforcementProcedure {
    /// CP-30: 中止, a hearing, a public notice or testing stops the decision clock from its first day;
    /// pauses never overlap.
    public enum PauseDecision: EnforcementStep {
        static let reason = TypedField<DecisionPauseReason>.choice("reason", "暂停计时原因")
        static let from = TypedField<LocalDate>.date("from", "开始日期")

        public static let spec = TransitionSpec("pauseDecision", "暂停计算办案期限", from: ["filed"], permissions: [.enforcementHandle],
                                                fields: [reason.spec, from.spec], rule: "CP-30")

        public static func decode(_ i: ActionInput) -> (reason: DecisionPauseReason, from: LocalDate)? {
            guard let r = reason(i), let f = from(i) else { return nil }
            return (r, f)
        }

        public static func check(_ input: (reason: DecisionPauseReason, from: LocalDate), case c: ProcedureCase<EnforcementFacts>,
                                 context: ProcedureContext) -> [FieldError] {
            if let last = c.facts.pauses.last?.to, input.from <= last {
                return [FieldError(field: from.name, rule: "CP-30", code: "enforcement.pause.overlap", messageZH: "暂停期间不得重叠：上一次暂停至\(last.chinese)")]
            }
            if let filed = c.facts.filing?.on, input.from <= filed {
                return [FieldError(field: from.name, rule: "CP-30", code: "enforcement.pause.early", messageZH: "暂停开始日期须晚于立案日期\(filed.chinese)")]
            }
            if input.from > context.today {
                return [FieldError(field: from.name, rule: "X-02", code: "enforcement.pause.future", messageZH: "暂停开始日期不能晚于今天")]
            }
            return []
        }

        public static func apply(_ input: (reason: DecisionPauseReason, from: LocalDate), case c: ProcedureCase<EnforcementFacts>,
                                 context: ProcedureContext) -> Outcome<EnforcementFacts> {
            var f = c.facts
            f.pauses.append(.init(reason: input.reason, from: input.from, to: nil))
            return Outcome(state: "paused", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.suspend(step: "decision", from: input.from, ground: "\(input.reason.nameZH)（CP-30）")],
                           summaryZH: "因\(input.reason.nameZH)自\(input.from.chinese)暂停计算办案期限")
        }
    }
}
