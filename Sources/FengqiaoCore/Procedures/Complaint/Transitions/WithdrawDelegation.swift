import Foundation

extension ComplaintProcedure {
    /// CP-17: a delegation ends before the mediation does — the body cannot mediate, the mediator is
    /// replaced, or the delegate gives it back. The handler (or the delegate) records why; the
    /// delegate leaves the case (its worklist and, unless delegated again, its `own` scope) and acts
    /// on it no more; the handler mediates, or delegates again to another body or mediator. The
    /// mediation clock keeps running, as delegation never touched it.
    public enum WithdrawDelegation: ComplaintStep {
        static let reason = TypedField<String>.textarea("reason", "撤回委托理由")

        public static let spec = TransitionSpec("withdrawDelegation", "撤回委托调解", from: ["mediating", "paused"], permissions: [.complaintHandle],
                                                fields: [reason.spec], rule: "CP-17")

        public static func decode(_ i: ActionInput) -> String? { reason(i) }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.delegation == nil
                ? [FieldError(field: "state", rule: "CP-17", code: "complaint.delegation.none", messageZH: "本案调解未委托，无可撤回的委托")] : []
        }

        public static func apply(_ input: String, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            guard let d = f.delegation else { return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "") }
            f.withdrawnDelegations = (f.withdrawnDelegations ?? []) + [.init(delegation: d, on: context.today, by: context.actor.userID, reason: input)]
            f.delegation = nil
            let by = d.mediatorID == context.actor.userID ? "受托调解员退回委托" : "撤回对\(d.servicePointName)（受托调解员\(d.mediatorName)）的委托"
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "\(by)：\(input)")
        }
    }
}
