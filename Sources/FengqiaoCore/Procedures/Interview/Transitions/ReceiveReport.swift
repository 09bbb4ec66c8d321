import Foundation

extension InterviewProcedure {
    /// Step 9 (CAL-14): the party's rectification report is received; the inspection is due in 5
    /// working days (step 10).
    enum ReceiveReport: InterviewStep {
        static let receivedOn = TypedField<LocalDate>.date("receivedOn", "收到日期")
        static let summary = TypedField<String>.textarea("summary", "整改报告摘要（整改前后照片、检测报告、制度等）")

        static let spec = TransitionSpec("receiveReport", "收到整改报告", from: ["rectification"], permissions: [.interviewHandle],
                                         fields: [receivedOn.spec, summary.spec], rule: "CAL-14",
                                         issues: ["IV-RECT-REPORT", "IV-LEDGER"], to: ["inspection"])

        struct Input: Sendable {
            let receivedOn: LocalDate
            let summary: String
        }

        static func decode(_ i: ActionInput) -> Input? {
            guard let d = receivedOn(i), let s = summary(i) else { return nil }
            return Input(receivedOn: d, summary: s)
        }

        static func check(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            input.receivedOn > context.today
                ? [FieldError(field: receivedOn.name, rule: "X-02", code: "interview.report.future", messageZH: "收到日期不能晚于今天")] : []
        }

        static func apply(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            f.report = .init(receivedOn: input.receivedOn, summary: input.summary)
            return Outcome(state: "inspection", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.end(step: "rectificationReport", on: input.receivedOn), .start(step: "inspection", on: input.receivedOn)],
                           summaryZH: "收到整改报告（\(input.receivedOn.chinese)）")
        }
    }
}
