import Foundation

extension ComplaintProcedure {
    /// CP-42 (办法 30): once the units' 7 working days to agree have run out, their common superior
    /// (the nearest unit above both in the unit tree; a 科室 or 中心 acts for the unit it belongs to)
    /// decides which of the two handles the item (指定管辖). The case moves there and is received that
    /// day, which starts the acceptance clock (CP-14). Anyone else is refused.
    public enum DecideJurisdiction: ComplaintStep {
        static let unit = TypedField<String>.text("unit", "指定管辖单位编码", maxLength: 32)
        static let reason = TypedField<String>.textarea("reason", "指定理由", required: false)

        public static let spec = TransitionSpec("decideJurisdiction", "指定管辖（共同上级）", from: ["disputed"],
                                                permissions: [.complaintDispatch, .complaintApprove], fields: [unit.spec, reason.spec], rule: "CP-42",
                                                to: ["awaitingDecision"])

        public static func decode(_ i: ActionInput) -> (unit: String, reason: String?)? { unit(i).map { ($0, reason(i)) } }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            guard let d = c.facts.openDispute else {
                return [FieldError(field: "state", rule: "CP-42", code: "complaint.dispute.none", messageZH: "没有待决的管辖争议")]
            }
            var v: [FieldError] = []
            let superior = commonSuperior(d.holderUnitID, d.otherUnitID, in: context.units)
            if superior == nil || actingUnit(context.actor, in: context.units)?.id != superior?.id {
                v.append(FieldError(field: "actor", rule: "CP-42", code: "complaint.dispute.not-superior",
                                    messageZH: "管辖争议由争议双方共同的上一级单位\(superior.map { "（\($0.name)）" } ?? "")指定管辖"))
            }
            if let due = disputeDue(d, receivedOn: c.facts.receivedOn, calendar: context.calendar), context.today <= due {
                v.append(FieldError(field: "state", rule: "CP-42", code: "complaint.dispute.pending",
                                    messageZH: "争议双方协商期限至\(due.chinese)止，届满仍未协商一致的，方由共同上级指定管辖"))
            }
            return v
        }

        public static func check(_ input: (unit: String, reason: String?), case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            RaiseDispute.partyUnitCheck(input.unit, field: unit.name, c.facts, context: context)
        }

        public static func apply(_ input: (unit: String, reason: String?), case c: ProcedureCase<ComplaintFacts>,
                                 context: ProcedureContext) -> Outcome<ComplaintFacts> {
            RaiseDispute.settle(c, to: input.unit, decided: true, reason: input.reason, context: context)
        }
    }
}
