import Foundation

extension ComplaintProcedure {
    /// CP-42 (办法 30): a unit that received a dispatched item and holds another unit competent — or,
    /// the item having been returned and dispatched again, the second unit that declines it too —
    /// records a 管辖争议 naming the other unit, instead of returning it (CP-12) and never forwarding it.
    /// The two have 7 working days (`jurisdictionDispute`) to agree; after that their common superior
    /// decides (`DecideJurisdiction`). What the step does is the kit's (`Disputing`).
    public enum RaiseDispute: ComplaintStep {
        public static let spec = TransitionSpec("raiseDispute", "提出管辖争议", from: [Dispatching.dispatchedState], permissions: [.complaintHandle],
                                                fields: [Disputing.otherUnit.spec, Disputing.reason.spec], rule: "CP-42", to: [Disputing.disputedState])

        public static func decode(_ i: ActionInput) -> (unit: String, reason: String)? {
            guard let u = Disputing.otherUnit(i), let r = Disputing.reason(i) else { return nil }
            return (u, r)
        }

        public static func check(_ input: (unit: String, reason: String), case c: ProcedureCase<ComplaintFacts>,
                                 context: ProcedureContext) -> [FieldError] {
            Disputing.raiseErrors(input.unit, holder: c.unitID, prefix: "complaint", context: context)
        }

        public static func apply(_ input: (unit: String, reason: String), case c: ProcedureCase<ComplaintFacts>,
                                 context: ProcedureContext) -> Outcome<ComplaintFacts> {
            Disputing.raised(c, unit: input.unit, reason: input.reason, context: context)
        }

        /// The dispute settled for `code` (agreed, or decided by the superior): the case moves to that
        /// unit, which receives it that day — the competent receipt that starts the 7-working-day
        /// acceptance clock (CP-14) and from which CP-15's limitation is judged.
        static func settle(_ c: ProcedureCase<ComplaintFacts>, to code: String, decided: Bool, reason: String?, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var o = Disputing.settled(c, to: code, decided: decided, reason: reason, state: "awaitingDecision", startsZH: "受理决定期限起算", context: context)
            o.facts.competentReceiptOn = context.today
            o.facts.suggestedGrounds = ComplaintFacts.suggested(knewOn: o.facts.knewOn, receiptOn: context.today)
            o.clocks.append(.start(step: "acceptance", on: context.today))
            return o
        }
    }

    /// CP-42: the two units agree which of them handles the item, within their 7 working days (or
    /// later, as long as the superior has not decided); the case moves there and is received that day.
    public enum AgreeJurisdiction: ComplaintStep {
        public static let spec = TransitionSpec("agreeJurisdiction", "协商确定管辖", from: [Disputing.disputedState], permissions: [.complaintHandle, .complaintDispatch],
                                                fields: [Disputing.agreedUnit.spec], rule: "CP-42", to: ["awaitingDecision"])

        public static func decode(_ i: ActionInput) -> String? { Disputing.agreedUnit(i) }

        public static func check(_ input: String, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            Disputing.partyUnitErrors(input, field: Disputing.agreedUnit.name, c.facts, prefix: "complaint", context: context)
        }

        public static func apply(_ input: String, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            RaiseDispute.settle(c, to: input, decided: false, reason: nil, context: context)
        }
    }
}
