import Foundation

extension ComplaintProcedure {
    /// CP-42 (办法 30): a unit that received a dispatched item and holds another unit competent — or,
    /// the item having been returned and dispatched again, the second unit that declines it too —
    /// records a 管辖争议 naming the other unit, instead of returning it (CP-12) and never forwarding it.
    /// The two have 7 working days (`jurisdictionDispute`) to agree; after that their common superior
    /// decides (`DecideJurisdiction`).
    public enum RaiseDispute: ComplaintStep {
        static let unit = TypedField<String>.text("unit", "争议对方单位编码", help: "认为有管辖权（或同样不予接收）的单位", maxLength: 32)
        static let reason = TypedField<String>.textarea("reason", "争议理由")

        public static let spec = TransitionSpec("raiseDispute", "提出管辖争议", from: ["dispatched"], permissions: [.complaintHandle],
                                                fields: [unit.spec, reason.spec], rule: "CP-42", to: ["disputed"])

        public static func decode(_ i: ActionInput) -> (unit: String, reason: String)? {
            guard let u = unit(i), let r = reason(i) else { return nil }
            return (u, r)
        }

        public static func check(_ input: (unit: String, reason: String), case c: ProcedureCase<ComplaintFacts>,
                                 context: ProcedureContext) -> [FieldError] {
            guard let other = context.units.units.values.first(where: { $0.code == input.unit && $0.active }) else {
                return [FieldError(field: unit.name, rule: "CP-42", code: "complaint.dispute.unit-unknown", messageZH: "没有编码为\(input.unit)的单位")]
            }
            if other.id == c.unitID {
                return [FieldError(field: unit.name, rule: "CP-42", code: "complaint.dispute.same-unit", messageZH: "争议对方不能是本单位")]
            }
            if commonSuperior(c.unitID, other.id, in: context.units) == nil {
                return [FieldError(field: unit.name, rule: "CP-42", code: "complaint.dispute.no-superior",
                                   messageZH: "\(other.name)与本单位没有共同的上级单位，不能在本系统内指定管辖")]
            }
            return []
        }

        public static func apply(_ input: (unit: String, reason: String), case c: ProcedureCase<ComplaintFacts>,
                                 context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            let other = context.units.units.values.first { $0.code == input.unit }
            f.disputes = (f.disputes ?? []) + [.init(holderUnitID: c.unitID, otherUnitID: other?.id ?? UUID(), otherUnitCode: input.unit, reason: input.reason,
                                                     raisedOn: context.today, raisedBy: context.actor.userID)]
            // The receiving unit answered within its working day (CP-12) by disputing; the 7 working days run.
            return Outcome(state: "disputed", gravity: c.gravity, facts: f, handlerID: context.actor.userID,
                           clocks: [.end(step: "returnNotCompetent", on: context.today), .start(step: "jurisdictionDispute", on: context.today)],
                           summaryZH: "与\(other?.name ?? input.unit)发生管辖争议：\(input.reason)")
        }

        /// The dispute settled for `code` (agreed, or decided by the superior): the case moves to that
        /// unit, which receives it that day — the competent receipt that starts the 7-working-day
        /// acceptance clock (CP-14) and from which CP-15's limitation is judged.
        static func settle(_ c: ProcedureCase<ComplaintFacts>, to code: String, decided: Bool, reason: String?, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            let today = context.today
            let target = context.units.units.values.first { $0.code == code }
            let unitID = target?.id ?? c.unitID
            if var disputes = f.disputes, !disputes.isEmpty {
                disputes[disputes.count - 1].settlement = .init(decided: decided, unitID: unitID, unitCode: code, on: today, by: context.actor.userID,
                                                                 reason: reason)
                f.disputes = disputes
            }
            f.competentReceiptOn = today
            f.suggestedGrounds = ComplaintFacts.suggested(knewOn: f.knewOn, receiptOn: today)
            let moves = unitID != c.unitID
            var o = Outcome(state: "awaitingDecision", gravity: c.gravity, facts: f, handlerID: moves ? nil : c.handlerID,
                            clocks: [.end(step: "jurisdictionDispute", on: today), .start(step: "acceptance", on: today)],
                            summaryZH: (decided ? "共同上级指定由" : "协商确定由") + "\(target?.name ?? code)管辖，\(today.chinese)收到，受理决定期限起算")
            if moves { o.move = CaseMove(to: .id(unitID), keepReadAccess: false, rule: "CP-42") }
            return o
        }

        /// The unit named must be one of the two in dispute.
        static func partyUnitCheck(_ code: String, field: String, _ f: ComplaintFacts, context: ProcedureContext) -> [FieldError] {
            guard let d = f.openDispute else { return [] }
            let id = context.units.units.values.first { $0.code == code }?.id
            return id.map { d.units.contains($0) } == true ? []
                : [FieldError(field: field, rule: "CP-42", code: "complaint.dispute.unit", messageZH: "管辖单位须为争议双方之一")]
        }
    }

    /// CP-42: the two units agree which of them handles the item, within their 7 working days (or
    /// later, as long as the superior has not decided); the case moves there and is received that day.
    public enum AgreeJurisdiction: ComplaintStep {
        static let unit = TypedField<String>.text("unit", "协商确定的管辖单位编码", maxLength: 32)

        public static let spec = TransitionSpec("agreeJurisdiction", "协商确定管辖", from: ["disputed"], permissions: [.complaintHandle, .complaintDispatch],
                                                fields: [unit.spec], rule: "CP-42", to: ["awaitingDecision"])

        public static func decode(_ i: ActionInput) -> String? { unit(i) }

        public static func check(_ input: String, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            RaiseDispute.partyUnitCheck(input, field: unit.name, c.facts, context: context)
        }

        public static func apply(_ input: String, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            RaiseDispute.settle(c, to: input, decided: false, reason: nil, context: context)
        }
    }
}
