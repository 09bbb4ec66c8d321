import Foundation

extension ComplaintProcedure {
    /// Step 3 (CP-09, CP-13): the 分送员 dispatches the item to the competent unit with a report-back
    /// date; the receiving unit has 1 working day to return it if not competent (CP-12). A receiving
    /// unit never forwards it on (CP-12): the step is refused once the item has been dispatched.
    public enum Dispatch: ComplaintStep {
        public static let spec = TransitionSpec("dispatch", "分送", from: ["registered", "dispatched"], permissions: [.complaintDispatch],
                                                fields: [Dispatching.unit.spec, Dispatching.reportBackOn.spec], rule: "CP-13",
                                                // complaints.md step 3: the 分送通知书 carries the item and the report-back date.
                                                issues: ["CP-DISPATCH"], to: ["dispatched"])

        public static func decode(_ i: ActionInput) -> (unit: String, reportBackOn: LocalDate)? {
            guard let u = Dispatching.unit(i), let r = Dispatching.reportBackOn(i) else { return nil }
            return (u, r)
        }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            Dispatching.forwardRefusal(state: c.state, code: "complaint.forward.refused")
        }

        public static func check(_ input: (unit: String, reportBackOn: LocalDate), case c: ProcedureCase<ComplaintFacts>,
                                 context: ProcedureContext) -> [FieldError] {
            Dispatching.reportBackErrors(input.reportBackOn, code: "complaint.report-back.past", context: context)
        }

        public static func apply(_ input: (unit: String, reportBackOn: LocalDate), case c: ProcedureCase<ComplaintFacts>,
                                 context: ProcedureContext) -> Outcome<ComplaintFacts> {
            Dispatching.dispatched(c, to: input.unit, reportBackOn: input.reportBackOn, context: context)
        }
    }
}
