import Foundation

extension ComplaintProcedure {
    /// Step 5 ends (CP-14): the unit head approves the proposal on the day of the decision, which
    /// ends the 7-working-day clock. 受理 starts the 45-working-day mediation clock (CP-21); 不予受理
    /// closes the complaint. The head may instead send the proposal back.
    public enum ApproveDecision: ComplaintStep {
        static let verdict = TypedField<Verdict>.choice("verdict", "审批意见")

        public enum Verdict: String, Sendable, CaseIterable, ChoiceValue {
            case approve, sendBack = "send-back"
            public var nameZH: String { self == .approve ? "同意" : "退回重拟" }
        }

        public static let spec = TransitionSpec("approveDecision", "审批受理意见", from: ["awaitingApproval"], permissions: [.complaintApprove],
                                                fields: [verdict.spec], rule: "CP-14",
                                                // CP-14: the decision is communicated — served on the complainant (DOC-30).
                                                issues: ["CP-ACCEPT", "CP-REJECT"], to: ["mediating", "rejected"])

        public static func decode(_ i: ActionInput) -> Verdict? { verdict(i) }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.proposal == nil
                ? [FieldError(field: "state", rule: "CP-14", code: "complaint.proposal.missing", messageZH: "尚无承办人的受理意见")] : []
        }

        public static func apply(_ input: Verdict, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            guard input == .approve, let p = f.proposal else {
                f.proposal = nil
                return Outcome(state: "awaitingDecision", gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "受理意见退回重拟")
            }
            let today = context.today
            f.decision = .init(choice: p.choice, ground: p.ground, on: today, approvedBy: context.actor.userID)
            if p.choice == .accept {
                return Outcome(state: "mediating", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                               clocks: [.end(step: "acceptance", on: today), .start(step: "mediation", on: today)], summaryZH: "决定受理，调解期限起算")
            }
            return Outcome(state: "rejected", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "acceptance", on: today)],
                           closedOn: today, summaryZH: "决定不予受理：\(p.ground?.nameZH ?? "")")
        }
    }
}
