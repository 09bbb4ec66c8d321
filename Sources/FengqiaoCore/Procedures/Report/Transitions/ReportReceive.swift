import Foundation

extension ReportProcedure {
    /// Step 9 begins (CP-26): the competent unit records the day it received the report — the unit it
    /// was dispatched to last, or the registering unit that finds itself competent after all (after a
    /// return). Verification runs 15 working days from that day; a clue found in mediation keeps
    /// its discovery day (CP-24).
    public enum Receive: ReportStep {
        static let receivedOn = TypedField<LocalDate>.date("receivedOn", "有管辖权单位收到日期", required: false, help: "默认为今天")

        public static let spec = TransitionSpec("receive", "签收（确认管辖）", from: ["registered", "dispatched"], permissions: [.reportHandle],
                                                fields: [receivedOn.spec], rule: "CP-26", to: ["verifying"])

        public static func decode(_ i: ActionInput) -> LocalDate?? { .some(receivedOn(i)) }

        public static func check(_ input: LocalDate?, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> [FieldError] {
            Dispatching.receiptErrors(input ?? context.today, earliest: Dispatching.earliestReceipt(c.facts, received: c.facts.receivedOn),
                                      field: receivedOn.name, prefix: "report", rule: "CP-26", context: context)
        }

        public static func apply(_ input: LocalDate?, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> Outcome<ReportFacts> {
            let on = input ?? context.today
            var f = c.facts
            let clocks = Dispatching.receiptClocks(state: c.state, context: context) + [receipt(&f, on: on)]
            return Outcome(state: "verifying", gravity: c.gravity, facts: f, handlerID: context.actor.userID, clocks: clocks,
                           summaryZH: "签收，\(on.chinese)收到，核查期限起算")
        }

        /// CP-26: the competent unit's receipt on `on` — recorded, and the verification clock it starts
        /// (a clue found in mediation keeps its discovery day, CP-24). Also the receipt of the unit a
        /// jurisdiction dispute was settled for (CP-42).
        static func receipt(_ f: inout ReportFacts, on: LocalDate) -> ClockEffect {
            f.handlingReceiptOn = on
            return .start(step: f.origin.clockStep, on: f.origin == .mediation ? f.receivedOn : on)
        }
    }
}
