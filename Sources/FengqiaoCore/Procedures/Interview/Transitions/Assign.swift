import Foundation

extension InterviewProcedure {
    /// IV-12, IV-18: the head assigns the two interviewers and the rectification tracker, who then
    /// handles the case.
    enum Assign: InterviewStep {
        static let interviewers = TypedField<[UUID]>.users("interviewers", "约谈人员（两名）")
        static let tracker = TypedField<UUID>.user("tracker", "整改跟踪人")

        static let spec = TransitionSpec("assign", "指派约谈人员和整改跟踪人", from: ["clue", "legalReview", "approval", "notice", "interview"],
                                         permissions: [.caseAssign], fields: [interviewers.spec, tracker.spec], rule: "IV-12")

        struct Input: Sendable {
            let interviewers: [UUID]
            let tracker: UUID
        }

        static func decode(_ i: ActionInput) -> Input? {
            guard let people = interviewers(i), let t = tracker(i) else { return nil }
            return Input(interviewers: people, tracker: t)
        }

        static func check(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            var v = interviewerRules(input.interviewers, on: context.today, case: c, context: context, field: interviewers.name)
            if context.people[input.tracker] == nil {
                v.append(FieldError(field: tracker.name, rule: "IV-18", code: "interview.tracker.unknown", messageZH: "整改跟踪人不存在"))
            }
            return v
        }

        static func apply(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            f.interviewers = input.interviewers
            f.tracker = input.tracker
            let names = f.interviewers.compactMap { context.people[$0]?.name }
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: input.tracker,
                           summaryZH: "指派约谈人员：\(names.joined(separator: "、"))；整改跟踪人：\(context.people[input.tracker]?.name ?? "")")
        }
    }
}
