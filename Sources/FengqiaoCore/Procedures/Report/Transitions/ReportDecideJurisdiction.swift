import Foundation

extension ReportProcedure {
    /// CP-42 (办法 30) for reports: once the units' 7 working days to agree have run out, their common
    /// superior (the nearest unit above both; a 科室 or 中心 acts for the unit it belongs to) — its 分送员
    /// or its 局负责人 — decides which of the two handles the report (指定管辖). The report moves there and
    /// is received that day, which starts verification (CP-26). Anyone else is refused.
    public enum DecideJurisdiction: ReportStep {
        public static let spec = TransitionSpec("decideJurisdiction", "指定管辖（共同上级）", from: [Disputing.disputedState],
                                                permissions: [.complaintDispatch, .reportApprove], fields: [Disputing.decidedUnit.spec, Disputing.decisionReason.spec],
                                                rule: "CP-42", to: ["verifying"])

        public static func decode(_ i: ActionInput) -> (unit: String, reason: String?)? { Disputing.decidedUnit(i).map { ($0, Disputing.decisionReason(i)) } }

        public static func preconditions(_ c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> [FieldError] {
            Disputing.decideErrors(c, prefix: "report", context: context) { disputeDue($0, receivedOn: c.facts.receivedOn, calendar: context.calendar) }
        }

        public static func check(_ input: (unit: String, reason: String?), case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> [FieldError] {
            Disputing.partyUnitErrors(input.unit, field: Disputing.decidedUnit.name, c.facts, prefix: "report", context: context)
        }

        public static func apply(_ input: (unit: String, reason: String?), case c: ProcedureCase<ReportFacts>,
                                 context: ProcedureContext) -> Outcome<ReportFacts> {
            AgreeJurisdiction.settled(c, to: input.unit, decided: true, reason: input.reason, context: context)
        }
    }

    /// CP-42: the day the units' 7 working days to agree run out — `jurisdictionDispute` of the
    /// `complaint` rule set the report shares with the complaint track, bound by its receipt (CP-02).
    public static func disputeDue(_ d: UnitDispute, receivedOn: LocalDate, calendar: WorkCalendar) -> LocalDate? {
        Disputing.due(d, ruleSets: ComplaintProcedure.module.ruleSets, key: ruleSetKey, boundOn: receivedOn, calendar: calendar)
    }
}
