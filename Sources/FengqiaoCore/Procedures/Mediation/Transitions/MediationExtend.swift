import Foundation

extension MediationProcedure {
    /// MD-24: the director approves one extension of at most 10 working days, before the limit
    /// expires, and the parties are told. The clock refuses a grant after its effective due date and
    /// a second grant (CAL-32); the step refuses a second one and more than 10 here too.
    public enum ExtendMediation: MediationStep {
        static let workdays = TypedField<Int>.number("workdays", "延长工作日数（不超过10）")
        static let ground = TypedField<String>.textarea("ground", "延长理由")
        static let partiesTold = TypedField<Bool>.checkbox("partiesTold", "已告知各方当事人")

        public static let spec = TransitionSpec("extendMediation", "批准延长调解期限", from: ["mediating", "suspended"], permissions: [.mediationExtend],
                                                fields: [workdays.spec, ground.spec, partiesTold.spec], rule: "MD-24")

        public static func decode(_ i: ActionInput) -> (days: Int, ground: String, told: Bool)? {
            guard let d = workdays(i), let g = ground(i) else { return nil }
            return (d, g, partiesTold(i) ?? false)
        }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.extended == nil ? [] : [MediationRules.refusal("state", "MD-24", "mediation.extension.second", "调解期限只能延长一次")]
        }

        public static func check(_ input: (days: Int, ground: String, told: Bool), case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            if input.days < 1 || input.days > 10 {
                v.append(MediationRules.refusal(workdays.name, "MD-24", "mediation.extension.too-long", "延长期限为1至10个工作日"))
            }
            if !input.told {
                v.append(MediationRules.refusal(partiesTold.name, "MD-24", "mediation.extension.untold", "延长调解期限须告知各方当事人"))
            }
            return v
        }

        public static func apply(_ input: (days: Int, ground: String, told: Bool), case c: ProcedureCase<MediationFacts>,
                                 context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.extended = .init(on: context.today, workdays: input.days, ground: input.ground, by: context.actor.userID)
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.extend(step: "mediation", count: input.days, ground: input.ground)],
                           summaryZH: "调解期限延长\(input.days)个工作日：\(input.ground)")
        }
    }
}
