import Foundation

extension EnforcementProcedure {
    /// CP-30: the 负责人 extends the 90-day decision limit once, by at most 30 days, with a ground.
    public enum ExtendDecision: EnforcementStep {
        static let days = TypedField<Int>.number("days", "延长天数", help: "不超过30日")
        static let ground = TypedField<String>.textarea("ground", "延长理由")

        public static let spec = TransitionSpec("extendDecision", "批准延长办案期限", from: ["filed", "paused"], permissions: [.penaltyExtend],
                                                fields: [days.spec, ground.spec], rule: "CP-30")

        public static func decode(_ i: ActionInput) -> (days: Int, ground: String)? {
            guard let d = days(i), let g = ground(i) else { return nil }
            return (d, g)
        }

        public static func preconditions(_ c: ProcedureCase<EnforcementFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.decisionExtension == nil ? []
                : [FieldError(field: "state", rule: "CP-30", code: "enforcement.extension.second", messageZH: "办案期限只能延长一次")]
        }

        public static func check(_ input: (days: Int, ground: String), case c: ProcedureCase<EnforcementFacts>, context: ProcedureContext) -> [FieldError] {
            (1...30).contains(input.days) ? []
                : [FieldError(field: days.name, rule: "CP-30", code: "enforcement.extension.too-long", messageZH: "办案期限延长不得超过30日")]
        }

        public static func apply(_ input: (days: Int, ground: String), case c: ProcedureCase<EnforcementFacts>,
                                 context: ProcedureContext) -> Outcome<EnforcementFacts> {
            var f = c.facts
            f.decisionExtension = "\(context.today.chinese)经\(context.actor.name)批准延长\(input.days)日：\(input.ground)"
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.extend(step: "decision", count: input.days, ground: input.ground)], summaryZH: "办案期限延长\(input.days)日")
        }
    }
}
