import Foundation

extension InterviewProcedure {
    /// IV-04, step 11b: the case goes to a penalty case — from the clue when the interview is
    /// excluded (IV-03), during rectification only once its deadline has passed.
    enum HandToPenalty: InterviewStep {
        static let reason = TypedField<String>.textarea("reason", "移交理由")

        static let spec = TransitionSpec("handToPenalty", "移交行政处罚", from: ["clue", "rectification", "inspection"], permissions: [.interviewHandle],
                                         fields: [reason.spec, ProcedureEngine.closingOverride], rule: "IV-04",
                                         issues: ["IV-PENALTY-NOTICE"], to: ["handedOver"])

        static func decode(_ i: ActionInput) -> String? { reason(i) }

        static func preconditions(_ c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            if c.state == "rectification", let deadline = c.facts.record?.deadline, context.today <= deadline {
                return [FieldError(field: "state", rule: "IV-04", code: "interview.handoff.not-overdue",
                                   messageZH: "整改期限（\(deadline.chinese)）尚未届满，不能以逾期为由移交处罚")]
            }
            return []
        }

        static func apply(_ reason: String, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            let today = context.today
            f.handoff = .init(on: today, reason: reason, rule: "IV-04")
            var out = Outcome(state: "handedOver", gravity: c.gravity, facts: f, handlerID: c.handlerID, closedOn: today, summaryZH: "移交行政处罚：\(reason)")
            out.linked = [penaltyCase(f, failure: c.state == "rectification" ? "逾期未完成整改" : reason, context: context)]
            return out
        }
    }
}
