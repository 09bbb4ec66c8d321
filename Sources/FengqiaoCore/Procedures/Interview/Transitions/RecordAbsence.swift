import Foundation

extension InterviewProcedure {
    /// IV-20: the party refuses the interview or does not attend without good reason — the case goes
    /// to a penalty case.
    enum RecordAbsence: InterviewStep {
        static let on = TypedField<LocalDate>.date("on", "日期")
        static let reason = TypedField<String>.textarea("reason", "情况说明")

        static let spec = TransitionSpec("recordAbsence", "当事人拒绝约谈或无正当理由不到场", from: ["interview"], permissions: [.interviewHandle],
                                         fields: [on.spec, reason.spec, ProcedureEngine.closingOverride], rule: "IV-20",
                                         issues: ["IV-PENALTY-NOTICE"], to: ["handedOver"])

        struct Input: Sendable {
            let on: LocalDate
            let reason: String
        }

        static func decode(_ i: ActionInput) -> Input? {
            guard let d = on(i), let r = reason(i) else { return nil }
            return Input(on: d, reason: r)
        }

        static func apply(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            f.absence = input.reason
            f.handoff = .init(on: input.on, reason: "当事人拒绝约谈或无正当理由不到场：\(input.reason)", rule: "IV-20")
            var out = Outcome(state: "handedOver", gravity: c.gravity, facts: f, handlerID: c.handlerID, closedOn: input.on,
                              summaryZH: "当事人拒绝约谈或无正当理由不到场，移交行政处罚（IV-20）")
            out.linked = [penaltyCase(f, failure: "拒绝接受约谈或无正当理由未到场", context: context)]
            return out
        }
    }
}
