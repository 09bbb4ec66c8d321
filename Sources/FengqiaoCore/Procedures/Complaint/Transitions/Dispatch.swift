import Foundation

extension ComplaintProcedure {
    /// Step 3 (CP-09, CP-13): the 分送员 dispatches the item to the competent unit with a report-back
    /// date; the receiving unit has 1 working day to return it if not competent (CP-12). A receiving
    /// unit never forwards it on (CP-12): the step is refused once the item has been dispatched.
    public enum Dispatch: ComplaintStep {
        static let unit = TypedField<String>.text("unit", "接收单位编码", maxLength: 32)
        static let reportBackOn = TypedField<LocalDate>.date("reportBackOn", "反馈日期")

        public static let spec = TransitionSpec("dispatch", "分送", from: ["registered", "dispatched"], permissions: [.complaintDispatch],
                                                fields: [unit.spec, reportBackOn.spec], rule: "CP-13",
                                                // complaints.md step 3: the 分送通知书 carries the item and the report-back date.
                                                issues: ["CP-DISPATCH"], to: ["dispatched"])

        public static func decode(_ i: ActionInput) -> (unit: String, reportBackOn: LocalDate)? {
            guard let u = unit(i), let r = reportBackOn(i) else { return nil }
            return (u, r)
        }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            c.state == "dispatched"
                ? [FieldError(field: "state", rule: "CP-12", code: "complaint.forward.refused",
                              messageZH: "接收单位无管辖权的，应退回分送单位并说明理由，不得自行转送")]
                : []
        }

        public static func check(_ input: (unit: String, reportBackOn: LocalDate), case c: ProcedureCase<ComplaintFacts>,
                                 context: ProcedureContext) -> [FieldError] {
            input.reportBackOn < context.today
                ? [FieldError(field: reportBackOn.name, rule: "CP-13", code: "complaint.report-back.past", messageZH: "反馈日期不能早于今天")] : []
        }

        public static func apply(_ input: (unit: String, reportBackOn: LocalDate), case c: ProcedureCase<ComplaintFacts>,
                                 context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            f.dispatches.append(.init(unitCode: input.unit, on: context.today, reportBackOn: input.reportBackOn, by: context.actor.userID))
            var o = Outcome(state: "dispatched", gravity: c.gravity, facts: f, handlerID: nil,
                            clocks: [.start(step: "returnNotCompetent", on: context.today)],
                            summaryZH: "分送至\(input.unit)，反馈日期\(input.reportBackOn.chinese)")
            // The dispatching unit keeps sight of what it sent (CP-13's report-back); only the receiver acts.
            o.move = CaseMove(to: .code(input.unit), keepReadAccess: true, rule: "CP-09")
            return o
        }
    }
}
