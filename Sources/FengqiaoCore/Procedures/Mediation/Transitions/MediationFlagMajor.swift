import Foundation

extension MediationProcedure {
    /// MD-33: anyone handling the dispute flags it major (large social impact or risk of a group
    /// incident); the centre head's 专题报告 to the leading group is due 1 working day later and the
    /// case is major from then on (revisited twice, MD-34).
    public enum FlagMajor: MediationStep {
        static let reason = TypedField<String>.textarea("reason", "重大矛盾纠纷的理由")

        public static let spec = TransitionSpec("flagMajor", "标记重大矛盾纠纷", from: ["registered", "proposed", "accepting", "mediating", "suspended", "returned"],
                                                permissions: [.mediationTriage, .mediationHandle], fields: [reason.spec], rule: "MD-33")

        public static func decode(_ i: ActionInput) -> String? { reason(i) }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.major == nil ? [] : [MediationRules.refusal("state", "MD-33", "mediation.major.already", "已标记为重大矛盾纠纷")]
        }

        public static func apply(_ input: String, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.major = .init(on: context.today, reason: input, reportedOn: nil)
            var o = Outcome(state: c.state, gravity: .major, facts: f, handlerID: c.handlerID, clocks: [.start(step: "majorReport", on: context.today)],
                            summaryZH: "标记为重大矛盾纠纷：\(input)")
            o.leaderNoticeZH = "\(c.facts.applicantName)与\(c.facts.respondentName)的纠纷被标记为重大矛盾纠纷（\(input)），专题报告须于1个工作日内报送领导小组。"
            return o
        }
    }

    /// MD-33: the 重大矛盾纠纷专题报告 (facts, risk, measures, plan) reaches the leading group.
    public enum SubmitMajorReport: MediationStep {
        public static let spec = TransitionSpec("submitMajorReport", "报送专题报告", from: ["registered", "proposed", "accepting", "mediating", "suspended", "returned"],
                                                permissions: [.mediationTriage], fields: [], rule: "MD-33", requires: [.issued("MD-MAJOR", rule: "MD-33")])

        public static func decode(_ i: ActionInput) -> Void? { () }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            guard let m = c.facts.major else { return [MediationRules.refusal("state", "MD-33", "mediation.major.none", "本纠纷未标记为重大矛盾纠纷")] }
            return m.reportedOn == nil ? [] : [MediationRules.refusal("state", "MD-33", "mediation.major.reported", "专题报告已于\(m.reportedOn!.chinese)报送")]
        }

        public static func apply(_ input: Void, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.major?.reportedOn = context.today
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "majorReport", on: context.today)],
                           summaryZH: "专题报告已报送领导小组")
        }
    }
}
