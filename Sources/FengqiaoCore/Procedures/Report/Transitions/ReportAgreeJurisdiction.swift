import Foundation

extension ReportProcedure {
    /// CP-42 for reports: the two units agree which of them handles the report, within their 7 working
    /// days (or later, as long as the superior has not decided). The report moves there and is received
    /// that day: the 15-working-day verification runs from it (CP-26), as on `Receive`.
    public enum AgreeJurisdiction: ReportStep {
        public static let spec = TransitionSpec("agreeJurisdiction", "协商确定管辖", from: [Disputing.disputedState], permissions: [.reportHandle, .complaintDispatch],
                                                fields: [Disputing.agreedUnit.spec], rule: "CP-42", to: ["verifying"])

        public static func decode(_ i: ActionInput) -> String? { Disputing.agreedUnit(i) }

        public static func check(_ input: String, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> [FieldError] {
            Disputing.partyUnitErrors(input, field: Disputing.agreedUnit.name, c.facts, prefix: "report", context: context)
        }

        public static func apply(_ input: String, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> Outcome<ReportFacts> {
            settled(c, to: input, decided: false, reason: nil, context: context)
        }

        /// The dispute settled for `code` (agreed, or decided by the superior): the report moves to that
        /// unit, which receives it today — the competent receipt that starts verification (CP-26).
        static func settled(_ c: ProcedureCase<ReportFacts>, to code: String, decided: Bool, reason: String?, context: ProcedureContext) -> Outcome<ReportFacts> {
            var o = Disputing.settled(c, to: code, decided: decided, reason: reason, state: "verifying", startsZH: "核查期限起算", context: context)
            o.clocks.append(Receive.receipt(&o.facts, on: context.today))
            return o
        }
    }
}
