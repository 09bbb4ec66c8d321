import Foundation

extension ComplaintProcedure {
    /// Step 4 (CP-12): a receiving unit without competence returns the item to the unit that
    /// dispatched it, with its reasons, within 1 working day.
    public enum ReturnItem: ComplaintStep {
        public static let spec = TransitionSpec("returnItem", "退回分送单位", from: ["dispatched"], permissions: [.complaintHandle],
                                                fields: [Dispatching.reason.spec], rule: "CP-12")

        public static func decode(_ i: ActionInput) -> String? { Dispatching.reason(i) }

        public static func apply(_ input: String, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            Dispatching.returned(c, reason: input, context: context)
        }
    }
}
