import Foundation

extension ComplaintProcedure {
    /// Step 7 (CP-22): the 《投诉终止调解决定书》 is served on both parties — a copy to each — and the
    /// complaint is concluded. The step is refused until the decision is issued and every copy's
    /// service recorded (DOC-30); the service date, unless given, is the last copy's.
    public enum ServeTermination: ComplaintStep {
        static let servedOn = TypedField<LocalDate>.date("servedOn", "送达日期", required: false, help: "默认为决定书的送达日期")

        public static let spec = TransitionSpec("serveTermination", "送达终止调解决定", from: ["terminating"], permissions: [.complaintHandle],
                                                fields: [servedOn.spec], rule: "CP-22",
                                                // CP-22, DOC-30: only a served 终止调解决定书 concludes the complaint.
                                                requires: [.served("CP-TERMINATION", rule: "CP-22")], issues: ["CP-TERMINATION"], to: ["concluded"])

        public static func decode(_ i: ActionInput) -> LocalDate?? { .some(servedOn(i)) }

        /// The copies of the decision issued and not voided.
        static func copies(_ context: ProcedureContext) -> [DocumentFact] {
            context.documents.filter { $0.templateCode == "CP-TERMINATION" && !$0.void }
        }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            // The engine checks the newest copy (`requires`); CP-22 wants every party's served.
            let checked = context.document("CP-TERMINATION")?.id
            return copies(context).filter { $0.servedOn == nil && $0.id != checked }.map {
                FieldError(field: "CP-TERMINATION", rule: "CP-22", code: "document.unserved", messageZH: "《投诉终止调解决定书》（\($0.number)）尚未送达，请先登记送达回证")
            }
        }

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
            let on = input ?? copies(context).compactMap(\.servedOn).max() ?? context.today
            var f = c.facts
            f.termination?.servedOn = on
            return Outcome(state: "concluded", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "terminationNotice", on: on)],
                           closedOn: on, summaryZH: "终止调解决定已送达双方")
        }
    }
}
