import Foundation

extension ComplaintProcedure {
    /// Step 5 (CP-14, CP-15): the handler proposes 受理 or 不予受理; 不予受理 needs a ground of 办法 15
    /// (1)–(6). The suggested grounds (CP-15) are shown, never chosen for the handler.
    public enum ProposeDecision: ComplaintStep {
        static let choice = TypedField<AcceptanceChoice>.choice("decision", "拟办意见")
        static let ground = TypedField<RejectionGround>.choice("ground", "不予受理理由", required: false, help: "不予受理时必选（办法第十五条）")
        static let reason = TypedField<String>.textarea("reason", "说明", required: false)

        public static let spec = TransitionSpec("proposeDecision", "提出受理意见", from: ["awaitingDecision"], permissions: [.complaintHandle],
                                                fields: [choice.spec, ground.spec, reason.spec], rule: "CP-14",
                                                // Step 5: missing materials are asked for before the decision, by accept_due (CP-04).
                                                issues: ["CP-MATERIALS"], to: ["awaitingApproval"])

        public struct Input: Sendable {
            let choice: AcceptanceChoice
            let ground: RejectionGround?
            let reason: String?
        }

        public static func decode(_ i: ActionInput) -> Input? { choice(i).map { Input(choice: $0, ground: ground(i), reason: reason(i)) } }

        public static func check(_ input: Input, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            if input.choice == .reject && input.ground == nil {
                return [FieldError(field: ground.name, rule: "CP-15", code: "complaint.ground.required",
                                   messageZH: "不予受理须选择《市场监督管理投诉举报处理暂行办法》第十五条规定的理由")]
            }
            if input.choice == .accept && input.ground != nil {
                return [FieldError(field: ground.name, rule: "CP-15", code: "complaint.ground.unexpected", messageZH: "受理的投诉不选择不予受理理由")]
            }
            return []
        }

        public static func apply(_ input: Input, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            f.proposal = .init(choice: input.choice, ground: input.ground, reason: input.reason, on: context.today, by: context.actor.userID)
            return Outcome(state: "awaitingApproval", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           summaryZH: "拟\(input.choice.nameZH)" + (input.ground.map { "：\($0.nameZH)" } ?? ""))
        }
    }
}
