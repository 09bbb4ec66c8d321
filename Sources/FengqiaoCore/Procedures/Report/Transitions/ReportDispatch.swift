import Foundation

extension ReportProcedure {
    /// Step 3 for reports (CP-09, CP-10, CP-13): the 分送员 dispatches the report to the unit competent
    /// for the place of the act — a 所 handles it in the county bureau's name (CP-10) — with a
    /// report-back date; the centre keeps read access. The receiving unit has 1 working day to return
    /// it (CP-12) and never forwards it on. A report the registering unit opened for verification may
    /// still be dispatched while nothing of the verification has happened: its clock is cancelled and
    /// runs again from the competent unit's receipt (CP-26).
    public enum Dispatch: ReportStep {
        public static let spec = TransitionSpec("dispatch", "分送", from: ["registered", "verifying", "dispatched"], permissions: [.complaintDispatch],
                                                fields: [Dispatching.unit.spec, Dispatching.reportBackOn.spec], rule: "CP-13",
                                                // complaints.md step 3: the 举报分送通知书 carries the item and the report-back date.
                                                issues: ["RP-DISPATCH"], to: ["dispatched"])

        public static func decode(_ i: ActionInput) -> (unit: String, reportBackOn: LocalDate)? {
            guard let u = Dispatching.unit(i), let r = Dispatching.reportBackOn(i) else { return nil }
            return (u, r)
        }

        public static func preconditions(_ c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> [FieldError] {
            guard c.state == "verifying" else { return Dispatching.forwardRefusal(state: c.state, code: "report.forward.refused") }
            // CP-12: a unit that received the report from the 分送员 never passes it on.
            if !c.facts.dispatchLog.isEmpty || (c.facts.registeredUnitID ?? c.unitID) != c.unitID {
                return Dispatching.forwardRefusal(state: Dispatching.dispatchedState, code: "report.forward.refused")
            }
            return c.facts.verificationUntouched ? [] : [FieldError(field: "state", rule: "CP-26", code: "report.dispatch.verifying",
                                                                   messageZH: "举报已开始核查，不能再分送")]
        }

        public static func check(_ input: (unit: String, reportBackOn: LocalDate), case c: ProcedureCase<ReportFacts>,
                                 context: ProcedureContext) -> [FieldError] {
            Dispatching.reportBackErrors(input.reportBackOn, code: "report.report-back.past", context: context)
        }

        public static func apply(_ input: (unit: String, reportBackOn: LocalDate), case c: ProcedureCase<ReportFacts>,
                                 context: ProcedureContext) -> Outcome<ReportFacts> {
            var o = Dispatching.dispatched(c, to: input.unit, reportBackOn: input.reportBackOn, context: context)
            if c.state == "verifying" {
                // CP-26: verification runs from the competent unit's receipt, not the registering unit's.
                o.facts.handlingReceiptOn = nil
                o.clocks.insert(.cancel(step: c.facts.origin.clockStep, on: context.today, reason: "分送有管辖权单位，核查期限自其收到之日起算（CP-26）"), at: 0)
            }
            return o
        }
    }
}
