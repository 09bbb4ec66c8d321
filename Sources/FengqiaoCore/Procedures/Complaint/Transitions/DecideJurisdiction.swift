import Foundation

extension ComplaintProcedure {
    /// CP-42 (办法 30): once the units' 7 working days to agree have run out, their common superior
    /// (the nearest unit above both in the unit tree; a 科室 or 中心 acts for the unit it belongs to)
    /// decides which of the two handles the item (指定管辖). The case moves there and is received that
    /// day, which starts the acceptance clock (CP-14). Anyone else is refused.
    public enum DecideJurisdiction: ComplaintStep {
        public static let spec = TransitionSpec("decideJurisdiction", "指定管辖（共同上级）", from: [Disputing.disputedState],
                                                permissions: [.complaintDispatch, .complaintApprove], fields: [Disputing.decidedUnit.spec, Disputing.decisionReason.spec],
                                                rule: "CP-42", to: ["awaitingDecision"])

        public static func decode(_ i: ActionInput) -> (unit: String, reason: String?)? { Disputing.decidedUnit(i).map { ($0, Disputing.decisionReason(i)) } }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            Disputing.decideErrors(c, prefix: "complaint", context: context) { disputeDue($0, receivedOn: c.facts.receivedOn, calendar: context.calendar) }
        }

        public static func check(_ input: (unit: String, reason: String?), case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            Disputing.partyUnitErrors(input.unit, field: Disputing.decidedUnit.name, c.facts, prefix: "complaint", context: context)
        }

        public static func apply(_ input: (unit: String, reason: String?), case c: ProcedureCase<ComplaintFacts>,
                                 context: ProcedureContext) -> Outcome<ComplaintFacts> {
            RaiseDispute.settle(c, to: input.unit, decided: true, reason: input.reason, context: context)
        }
    }
}
