import Foundation

extension MediationProcedure {
    /// MD-33: a major dispute's 工作预案 — made before the next session (`holdSession` is refused until
    /// then); it may be revised, each version kept in the record.
    public enum RecordMajorPlan: MediationStep {
        static let plan = TypedField<String>.textarea("plan", "工作预案（工作措施、责任分工、稳控和应急处置）")

        public static let spec = TransitionSpec("recordMajorPlan", "制定工作预案", from: ["registered", "proposed", "accepting", "mediating", "suspended", "returned"],
                                                permissions: [.mediationTriage, .mediationHandle], fields: [plan.spec], rule: "MD-33")

        public static func decode(_ i: ActionInput) -> String? { plan(i) }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.major == nil ? [MediationRules.refusal("state", "MD-33", "mediation.major.none", "本纠纷未标记为重大矛盾纠纷")] : []
        }

        public static func apply(_ input: String, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            let revised = f.major?.plan != nil
            f.major?.plan = input
            f.major?.planOn = context.today
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           summaryZH: (revised ? "修订工作预案：" : "制定工作预案：") + input)
        }
    }

    /// MD-33: the centre's 效能评估 of a major dispute within 30 日 of its conclusion (`majorEvaluation`).
    public enum EvaluateMajor: MediationStep {
        static let evaluation = TypedField<String>.textarea("evaluation", "效能评估（化解效果、稳控情况、经验和不足）")

        public static let spec = TransitionSpec("evaluateMajor", "效能评估", from: ["concluded"], permissions: [.mediationTriage],
                                                fields: [evaluation.spec], rule: "MD-33")

        public static func decode(_ i: ActionInput) -> String? { evaluation(i) }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            guard let major = c.facts.major, c.facts.ending != nil else {
                return [MediationRules.refusal("state", "MD-33", "mediation.major.none", "只有已结案的重大矛盾纠纷须作效能评估")]
            }
            return major.evaluatedOn.map { [MediationRules.refusal("state", "MD-33", "mediation.major.evaluated", "效能评估已于\($0.chinese)完成")] } ?? []
        }

        public static func apply(_ input: String, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.major?.evaluation = input
            f.major?.evaluatedOn = context.today
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "majorEvaluation", on: context.today)],
                           summaryZH: "重大矛盾纠纷效能评估：\(input)")
        }
    }
}
