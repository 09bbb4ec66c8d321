import Foundation

extension ReportProcedure {
    /// CP-42 (办法 30) for reports: a unit the report was dispatched to that holds another unit
    /// competent for the place of the act (CP-10) — or, the report having been returned and dispatched
    /// again, the second unit that declines it too — records a 管辖争议 naming the other unit, instead of
    /// returning it (CP-12) and never forwarding it. The two have 7 working days (`jurisdictionDispute`)
    /// to agree; after that their common superior decides (`DecideJurisdiction`). Nothing of the
    /// reporter goes into the dispute (CP-08).
    public enum RaiseDispute: ReportStep {
        public static let spec = TransitionSpec("raiseDispute", "提出管辖争议", from: [Dispatching.dispatchedState], permissions: [.reportHandle],
                                                fields: [Disputing.otherUnit.spec, Disputing.reason.spec], rule: "CP-42", to: [Disputing.disputedState])

        public static func decode(_ i: ActionInput) -> (unit: String, reason: String)? {
            guard let u = Disputing.otherUnit(i), let r = Disputing.reason(i) else { return nil }
            return (u, r)
        }

        public static func check(_ input: (unit: String, reason: String), case c: ProcedureCase<ReportFacts>,
                                 context: ProcedureContext) -> [FieldError] {
            Disputing.raiseErrors(input.unit, holder: c.unitID, prefix: "report", context: context)
        }

        public static func apply(_ input: (unit: String, reason: String), case c: ProcedureCase<ReportFacts>,
                                 context: ProcedureContext) -> Outcome<ReportFacts> {
            Disputing.raised(c, unit: input.unit, reason: input.reason, context: context)
        }
    }
}
