import Foundation

extension InterviewProcedure {
    /// Step 3 (IV-11): the legal reviewer passes the case, confirming the five points, or returns it
    /// for correction; the proposer may not review their own proposal.
    enum Review: InterviewStep {
        enum Decision: String, ChoiceValue {
            case pass, `return`
            var nameZH: String { self == .pass ? "通过" : "退回补正" }
        }

        static let decision = TypedField<Decision>.choice("decision", "审核结论")
        static let opinion = TypedField<String>.textarea("opinion", "审核意见")
        /// The five points a pass confirms (step 3).
        static let points: [TypedField<Bool>] = [
            .checkbox("partyQualified", "主体适格"), .checkbox("factsClear", "事实清楚"), .checkbox("evidenceSufficient", "证据充分"),
            .checkbox("lawCorrect", "适用依据正确"), .checkbox("procedureLawful", "程序合法"),
        ]

        static let spec = TransitionSpec("review", "法制审核", from: ["legalReview"], permissions: [.legalReview],
                                         fields: [decision.spec, opinion.spec] + points.map(\.spec), rule: "IV-11",
                                         issues: ["IV-LEGAL-REVIEW"], to: ["approval", "clue"])

        struct Input: Sendable {
            let decision: Decision
            let opinion: String
            /// The points left unconfirmed.
            let unconfirmed: [TypedField<Bool>]
        }

        static func decode(_ i: ActionInput) -> Input? {
            guard let d = decision(i), let o = opinion(i) else { return nil }
            return Input(decision: d, opinion: o, unconfirmed: points.filter { $0(i) != true })
        }

        static func preconditions(_ c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            // IV-11: the proposer may not review their own proposal.
            c.facts.proposer == context.actor.userID
                ? [FieldError(field: "actor", rule: "IV-11", code: "interview.review.proposer", messageZH: "提出约谈建议的人员不能进行法制审核")] : []
        }

        static func check(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            guard input.decision == .pass else { return [] }
            return input.unconfirmed.sorted { $0.name < $1.name }.map {
                FieldError(field: $0.name, rule: "IV-11", code: "interview.review.check", messageZH: "审核通过须确认“\($0.spec.labelZH)”")
            }
        }

        static func apply(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            let today = context.today
            let passed = input.decision == .pass
            f.reviews.append(.init(by: context.actor.userID, on: today, passed: passed, opinion: input.opinion))
            let step = c.gravity == .major ? "legalReviewMajor" : "legalReview"
            if passed {
                return Outcome(state: "approval", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                               clocks: [.end(step: step, on: today), .start(step: c.gravity == .major ? "approvalMajor" : "approval", on: today)],
                               summaryZH: "法制审核通过")
            }
            return Outcome(state: "clue", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.end(step: step, on: today), .start(step: "verification", on: today)], summaryZH: "法制审核退回补正：\(input.opinion)")
        }
    }
}
