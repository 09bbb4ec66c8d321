import Foundation

extension ComplaintProcedure {
    /// CP-37: only the unit head reopens a concluded complaint, within 30日 of its conclusion, with a
    /// reason. A 不予受理 goes back to the acceptance decision, an ended or terminated mediation back to
    /// mediating; the step gets its full period again from the reopening day (the spec is silent; a
    /// reopened item is handled anew), and the outcome of the earlier round is kept in the reopening.
    public enum Reopen: ComplaintStep {
        static let reason = TypedField<String>.textarea("reason", "重新办理理由")
        /// CP-37: 30 calendar days from the conclusion.
        static let window = 30

        public static let spec = TransitionSpec("reopen", "重新办理", from: ["rejected", "concluded"], permissions: [.complaintApprove],
                                                fields: [reason.spec], rule: "CP-37")

        public static func decode(_ i: ActionInput) -> String? { reason(i) }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            guard let concluded = ComplaintProcedure.concludedOn(c.facts) else { return [] }
            let last = concluded.adding(days: window)
            return context.today <= last ? []
                : [FieldError(field: "state", rule: "CP-37", code: "complaint.reopen.expired",
                              messageZH: "办结已超过30日（\(concluded.chinese)办结，至\(last.chinese)止），不能重新办理")]
        }

        public static func apply(_ input: String, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            f.reopenings = (f.reopenings ?? []) + [.init(on: context.today, by: context.actor.userID, reason: input, from: c.state)]
            let rejected = c.state == "rejected"
            if rejected {
                f.proposal = nil
                f.decision = nil
            } else {
                f.ending = nil
                f.termination = nil
                f.terminationProposedOn = nil
            }
            var o = Outcome(state: rejected ? "awaitingDecision" : "mediating", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                            clocks: [.start(step: rejected ? "acceptance" : "mediation", on: context.today)],
                            summaryZH: "重新办理：\(input)")
            o.reopens = true
            return o
        }
    }
}
