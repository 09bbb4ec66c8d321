import Foundation

extension MediationProcedure {
    /// MD-22: an agreement in an administrative dispute is reviewed by 法制科 before it is signed —
    /// against the checklist (no waiver of liability or penalty, no harm to the state, the public or a
    /// third party).
    public enum ReviewAgreement: MediationStep {
        static let terms = TypedField<String>.textarea("terms", "审核的协议内容")
        static let checklist = TypedField<Bool>.checkbox("checklist", "已逐项审核：不免除法律责任或处罚，不损害国家、公共和第三人利益")

        public static let spec = TransitionSpec("reviewAgreement", "法制审核调解协议", from: ["mediating"], permissions: [.legalReview],
                                                fields: [terms.spec, checklist.spec], rule: "MD-22")

        public static func decode(_ i: ActionInput) -> (terms: String, checked: Bool)? { terms(i).map { ($0, checklist(i) ?? false) } }

        public static func check(_ input: (terms: String, checked: Bool), case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            input.checked ? [] : [MediationRules.refusal(checklist.name, "MD-22", "mediation.agreement.checklist", "须完成协议审核清单")]
        }

        public static func apply(_ input: (terms: String, checked: Bool), case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.legalReviewOn = context.today
            f.agreementTerms = input.terms
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "法制科审核调解协议，同意签订")
        }
    }
}
