import Foundation

extension ReportProcedure {
    /// Step 4 for reports (CP-12): a receiving unit without competence returns the report to the unit
    /// that dispatched it, with its reasons, within 1 working day.
    public enum ReturnItem: ReportStep {
        public static let spec = TransitionSpec("returnItem", "退回分送单位", from: ["dispatched"], permissions: [.reportHandle],
                                                fields: [Dispatching.reason.spec], rule: "CP-12")

        public static func decode(_ i: ActionInput) -> String? { Dispatching.reason(i) }

        public static func apply(_ input: String, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> Outcome<ReportFacts> {
            Dispatching.returned(c, reason: input, context: context)
        }
    }
}
