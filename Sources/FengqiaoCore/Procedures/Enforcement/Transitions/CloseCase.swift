import Foundation

extension EnforcementProcedure {
    /// 结案 (CP-33): a decision plus full payment or execution, or a closure reason (不予处罚, 撤销, 移送,
    /// 申请强制执行); the 结案 date is not before service (filed ≤ decision ≤ served ≤ closed).
    public enum CloseCase: EnforcementStep {
        static let closedOn = TypedField<LocalDate>.date("closedOn", "结案日期")
        static let reason = TypedField<ClosureReason>.choice("closureReason", "结案情形", required: false)

        public static let spec = TransitionSpec("close", "结案", from: ["decided", "executing"], permissions: [.enforcementHandle],
                                                fields: [closedOn.spec, reason.spec], rule: "CP-33")

        public static func decode(_ i: ActionInput) -> (closedOn: LocalDate, reason: ClosureReason?)? { closedOn(i).map { ($0, reason(i)) } }

        public static func check(_ input: (closedOn: LocalDate, reason: ClosureReason?), case c: ProcedureCase<EnforcementFacts>,
                                 context: ProcedureContext) -> [FieldError] {
            var v = EnforcementRules.closable(c.facts, reason: input.reason)
            if c.facts.decision?.type == .penalty && c.facts.servedOn == nil {
                v.append(FieldError(field: "state", rule: "CP-33", code: "enforcement.close.unserved", messageZH: "处罚决定书尚未送达，不能结案"))
            }
            if let last = c.facts.servedOn ?? c.facts.decision?.on, input.closedOn < last {
                v.append(FieldError(field: closedOn.name, rule: "CP-33", code: "enforcement.dates.order", messageZH: "结案日期不能早于\(last.chinese)"))
            }
            if input.closedOn > context.today {
                v.append(FieldError(field: closedOn.name, rule: "X-02", code: "enforcement.closed.future", messageZH: "结案日期不能晚于今天"))
            }
            return v
        }

        public static func apply(_ input: (closedOn: LocalDate, reason: ClosureReason?), case c: ProcedureCase<EnforcementFacts>,
                                 context: ProcedureContext) -> Outcome<EnforcementFacts> {
            var f = c.facts
            f.closedOn = input.closedOn
            f.closureReason = input.reason ?? .executed
            return Outcome(state: "closed", gravity: c.gravity, facts: f, handlerID: c.handlerID, closedOn: input.closedOn,
                           summaryZH: "\(input.closedOn.chinese)结案（\((input.reason ?? .executed).nameZH)）")
        }
    }
}
