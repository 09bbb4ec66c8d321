import Foundation

extension ComplaintProcedure {
    /// Step 7 (CP-22): the termination notice is served on both parties; the complaint is concluded.
    public enum ServeTermination: ComplaintStep {
        static let servedOn = TypedField<LocalDate>.date("servedOn", "送达日期", required: false, help: "默认为今天")

        public static let spec = TransitionSpec("serveTermination", "送达终止调解决定", from: ["terminating"], permissions: [.complaintHandle],
                                                fields: [servedOn.spec], rule: "CP-22")

        public static func decode(_ i: ActionInput) -> LocalDate?? { .some(servedOn(i)) }

        public static func check(_ input: LocalDate?, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            guard let on = input else { return [] }
            if on > context.today {
                return [FieldError(field: servedOn.name, rule: "X-02", code: "complaint.served.future", messageZH: "送达日期不能晚于今天")]
            }
            if let decided = c.facts.termination?.decidedOn, on < decided {
                return [FieldError(field: servedOn.name, rule: "CP-22", code: "complaint.served.early", messageZH: "送达日期不能早于终止决定日期\(decided.chinese)")]
            }
            return []
        }

        public static func apply(_ input: LocalDate?, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            let on = input ?? context.today
            var f = c.facts
            f.termination?.servedOn = on
            return Outcome(state: "concluded", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "terminationNotice", on: on)],
                           closedOn: on, summaryZH: "终止调解决定已送达双方")
        }
    }
}
