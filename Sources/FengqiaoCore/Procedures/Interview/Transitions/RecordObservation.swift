import Foundation

extension InterviewProcedure {
    /// IV-25: the supervision panel (人大代表, 政协委员, lawyers) observes a major interview.
    enum RecordObservation: InterviewStep {
        static let on = TypedField<LocalDate>.date("on", "观摩日期")
        static let observers = TypedField<[String]>.lines("observers", "观摩人员及身份（每行一人）")
        static let opinions = TypedField<String>.textarea("opinions", "监督意见")

        static let spec = TransitionSpec("recordObservation", "登记监督团观摩（人大代表、政协委员、律师）", from: ["interview", "rectification"],
                                         permissions: [.interviewHandle], fields: [on.spec, observers.spec, opinions.spec], rule: "IV-25")

        struct Input: Sendable {
            let on: LocalDate
            let observers: [String]
            let opinions: String
        }

        static func decode(_ i: ActionInput) -> Input? {
            guard let d = on(i), let people = observers(i), let o = opinions(i) else { return nil }
            return Input(on: d, observers: people, opinions: o)
        }

        static func preconditions(_ c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            c.gravity == .major
                ? [] : [FieldError(field: "state", rule: "IV-25", code: "interview.observation.major", messageZH: "监督团观摩限于重大案件的约谈")]
        }

        static func apply(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            f.observations.append(.init(on: input.on, observers: input.observers, opinions: input.opinions))
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "监督团观摩：\(input.observers.joined(separator: "、"))")
        }
    }
}
