import Foundation

extension MediationProcedure {
    /// MD-36: after a 不满意 revisit the centre discusses the issues collectively (minuted), names who
    /// is responsible and what is rectified, and tells the party — within 15 working days of the
    /// revisit (the `feedback` clock the revisit started).
    public enum RecordFeedback: MediationStep {
        static let discussedOn = TypedField<LocalDate>.date("discussedOn", "集体讨论日期")
        static let responsible = TypedField<String>.text("responsible", "责任人", maxLength: 60)
        static let rectification = TypedField<String>.textarea("rectification", "整改情况")
        static let toldOn = TypedField<LocalDate>.date("toldOn", "向当事人反馈日期")

        public static let spec = TransitionSpec("recordFeedback", "不满意回访整改反馈", from: ["concluded"], permissions: [.mediationTriage, .mediationHandle],
                                                fields: [discussedOn.spec, responsible.spec, rectification.spec, toldOn.spec], rule: "MD-36")

        public struct Input: Sendable {
            let discussedOn: LocalDate
            let responsible: String
            let rectification: String
            let toldOn: LocalDate
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let d = discussedOn(i), let r = responsible(i), let x = rectification(i), let t = toldOn(i) else { return nil }
            return Input(discussedOn: d, responsible: r, rectification: x, toldOn: t)
        }

        public static func check(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            let floor = c.facts.ending.map { ($0.on, "结案日期") }
            var v = MediationRules.dateErrors(input.discussedOn, field: discussedOn.name, label: "集体讨论日期", facts: c.facts, notBefore: floor, context: context)
            v += MediationRules.dateErrors(input.toldOn, field: toldOn.name, label: "向当事人反馈日期", facts: c.facts, notBefore: (input.discussedOn, "集体讨论日期"),
                                           context: context)
            return v
        }

        public static func apply(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.feedbacks.append(.init(discussedOn: input.discussedOn, responsible: input.responsible, rectification: input.rectification, toldOn: input.toldOn))
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "feedback", on: input.toldOn)],
                           summaryZH: "不满意回访已集体讨论（\(input.discussedOn.chinese)），责任人\(input.responsible)，\(input.toldOn.chinese)向当事人反馈")
        }
    }
}
