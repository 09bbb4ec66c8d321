import Foundation

extension MediationProcedure {
    /// Step 7(c) (MD-17): a dispatched unit may not terminate a failed mediation; it returns it (回流)
    /// to the centre with the reason and what it tried — within 2 working days after the limit
    /// expires or the parties declare no agreement possible. The case goes back to the unit it came
    /// from, whose centre decides the termination or mediates again.
    public enum ReturnToCentre: MediationStep {
        static let reason = TypedField<String>.textarea("reason", "回流原因")
        static let attempts = TypedField<String>.textarea("attempts", "已开展的调解工作")

        public static let spec = TransitionSpec("returnToCentre", "回流调解中心", from: ["mediating", "suspended"], permissions: [.mediationHandle],
                                                fields: [reason.spec, attempts.spec], rule: "MD-17", issues: ["MD-RETURN"], to: ["returned"])

        public static func decode(_ i: ActionInput) -> (reason: String, attempts: String)? {
            guard let r = reason(i), let a = attempts(i) else { return nil }
            return (r, a)
        }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.dispatched && c.facts.returns.isEmpty ? []
                : [MediationRules.refusal("state", "MD-17", "mediation.return.not-dispatched", "只有分流交办的纠纷回流调解中心")]
        }

        public static func apply(_ input: (reason: String, attempts: String), case c: ProcedureCase<MediationFacts>,
                                 context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.returns.append(.init(on: context.today, reason: input.reason, attempts: input.attempts, unitCode: f.dispatch?.unitCode ?? ""))
            f.endOpenPause(on: context.today)
            var o = Outcome(state: "returned", gravity: c.gravity, facts: f, handlerID: f.dispatch?.proposedBy,
                            clocks: [.end(step: "mediation", on: context.today), .end(step: "returnToCentre", on: context.today),
                                     .end(step: "progress", on: context.today), stopWatch(context.today, "回流调解中心")],
                            summaryZH: "回流调解中心：\(input.reason)")
            o.move = CaseMove(to: .id(f.dispatch?.fromUnitID ?? c.unitID), keepReadAccess: true, rule: "MD-17")
            return o
        }
    }
}
