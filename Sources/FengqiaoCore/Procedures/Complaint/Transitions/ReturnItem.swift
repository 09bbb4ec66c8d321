import Foundation

extension ComplaintProcedure {
    /// Step 4 (CP-12): a receiving unit without competence returns the item to the unit that
    /// dispatched it, with its reasons, within 1 working day.
    public enum ReturnItem: ComplaintStep {
        static let reason = TypedField<String>.textarea("reason", "退回理由")

        public static let spec = TransitionSpec("returnItem", "退回分送单位", from: ["dispatched"], permissions: [.complaintHandle],
                                                fields: [reason.spec], rule: "CP-12")

        public static func decode(_ i: ActionInput) -> String? { reason(i) }

        public static func apply(_ input: String, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            f.returns.append(.init(on: context.today, reason: input, by: context.actor.userID))
            let back = f.dispatches.last?.by
            var o = Outcome(state: "registered", gravity: c.gravity, facts: f, handlerID: back,
                            clocks: [.end(step: "returnNotCompetent", on: context.today)], summaryZH: "无管辖权，退回分送单位：\(input)")
            o.move = CaseMove(to: .id(f.registeredUnitID), keepReadAccess: false, rule: "CP-12")
            return o
        }
    }
}
