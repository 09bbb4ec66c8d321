import Foundation

extension InterviewProcedure {
    /// IV-25: the response to the oldest unanswered media report ends its clock.
    enum RespondMedia: InterviewStep {
        static let on = TypedField<LocalDate>.date("on", "回应日期")
        static let response = TypedField<String>.textarea("response", "回应内容")

        static let spec = TransitionSpec("respondMedia", "媒体回应", from: openStates.union(terminalStates), permissions: [.interviewHandle],
                                         fields: [on.spec, response.spec], rule: "IV-25")

        struct Input: Sendable {
            let on: LocalDate
            let response: String
        }

        static func decode(_ i: ActionInput) -> Input? {
            guard let d = on(i), let r = response(i) else { return nil }
            return Input(on: d, response: r)
        }

        static func preconditions(_ c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.mediaReports.contains { $0.respondedOn == nil }
                ? [] : [FieldError(field: "state", rule: "IV-25", code: "interview.media.none", messageZH: "没有待回应的媒体反映")]
        }

        static func apply(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            if let i = f.mediaReports.firstIndex(where: { $0.respondedOn == nil }) {
                f.mediaReports[i].respondedOn = input.on
                f.mediaReports[i].response = input.response
            }
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "mediaResponse", on: input.on)],
                           summaryZH: "回应媒体：\(input.response)")
        }
    }
}
