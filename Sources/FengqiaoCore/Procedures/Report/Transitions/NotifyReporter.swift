import Foundation

extension ReportProcedure {
    /// Step 10 (CP-28): the named reporter is told of 立案/不予立案 — the 举报处理结果告知书 goes to the
    /// reporter only, never to the reported party (CP-08); the report is concluded. The step is refused
    /// until the 告知书 is issued and its service recorded (DOC-30, DOC-31); the date the reporter was
    /// told, unless given, is its service date.
    public enum NotifyReporter: ReportStep {
        static let toldOn = TypedField<LocalDate>.date("toldOn", "告知日期", required: false, help: "默认为告知书的送达日期")

        public static let spec = TransitionSpec("notifyReporter", "告知举报人", from: ["notifying"], permissions: [.reportHandle],
                                                fields: [toldOn.spec], rule: "CP-28",
                                                // CP-28, DOC-30: only a served 告知书 tells the reporter.
                                                requires: [.served("RP-NOTICE", rule: "CP-28")], issues: ["RP-NOTICE"], to: ["concluded"])

        public static func decode(_ i: ActionInput) -> LocalDate?? { .some(toldOn(i)) }

        public static func check(_ input: LocalDate?, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> [FieldError] {
            guard let on = input else { return [] }
            if on > context.today { return [FieldError(field: toldOn.name, rule: "X-02", code: "report.told.future", messageZH: "告知日期不能晚于今天")] }
            if let d = c.facts.decision?.on, on < d {
                return [FieldError(field: toldOn.name, rule: "CP-28", code: "report.told.early", messageZH: "告知日期不能早于决定日期\(d.chinese)")]
            }
            return []
        }

        public static func apply(_ input: LocalDate?, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> Outcome<ReportFacts> {
            let on = input ?? context.document("RP-NOTICE")?.servedOn ?? context.today
            var f = c.facts
            f.reporterToldOn = on
            return Outcome(state: "concluded", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "reporterNotice", on: on)],
                           closedOn: on, summaryZH: "已告知举报人处理结果")
        }
    }
}
