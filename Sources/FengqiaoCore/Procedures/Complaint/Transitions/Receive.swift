import Foundation

extension ComplaintProcedure {
    /// Step 5 begins (CP-14): the competent unit records the day it received the item — a unit that
    /// registered it itself (CP-13: ordinary complaints straight to the 所; also after a return, when
    /// the registering unit finds itself competent), or the last unit it was dispatched to. The 7-working-day acceptance clock starts on that day; CP-15's limitation
    /// suggestion is worked out from it.
    public enum Receive: ComplaintStep {
        static let receivedOn = TypedField<LocalDate>.date("receivedOn", "有管辖权单位收到日期", required: false, help: "默认为今天")

        public static let spec = TransitionSpec("receive", "签收（确认管辖）", from: ["registered", "dispatched"], permissions: [.complaintHandle],
                                                fields: [receivedOn.spec], rule: "CP-14")

        public static func decode(_ i: ActionInput) -> LocalDate?? { .some(receivedOn(i)) }

        public static func check(_ input: LocalDate?, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            Dispatching.receiptErrors(input ?? context.today, earliest: Dispatching.earliestReceipt(c.facts, received: c.facts.receivedOn),
                                      field: receivedOn.name, prefix: "complaint", rule: "CP-14", context: context)
        }

        public static func apply(_ input: LocalDate?, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            let on = input ?? context.today
            var f = c.facts
            f.competentReceiptOn = on
            f.suggestedGrounds = ComplaintFacts.suggested(knewOn: f.knewOn, receiptOn: on)
            let clocks = Dispatching.receiptClocks(state: c.state, context: context) + [.start(step: "acceptance", on: on)]
            return Outcome(state: "awaitingDecision", gravity: c.gravity, facts: f, handlerID: context.actor.userID, clocks: clocks,
                           summaryZH: "签收，\(on.chinese)收到，受理决定期限起算")
        }
    }
}
