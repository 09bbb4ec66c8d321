import Foundation

extension ReportProcedure {
    /// CP-24, CP-26: the unit head extends the verification once, by 15 working days, with a ground.
    /// A second extension is refused.
    public enum ExtendVerification: ReportStep {
        static let ground = TypedField<String>.textarea("ground", "延期理由")

        public static let spec = TransitionSpec("extendVerification", "批准核查延期", from: ["verifying", "paused"], permissions: [.complaintVerifyExtend],
                                                fields: [ground.spec], rule: "CP-26")

        public static func decode(_ i: ActionInput) -> String? { ground(i) }

        public static func preconditions(_ c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.verificationExtension == nil ? []
                : [FieldError(field: "state", rule: "CP-26", code: "report.extension.second", messageZH: "核查期限只能延长一次")]
        }

        public static func apply(_ input: String, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> Outcome<ReportFacts> {
            var f = c.facts
            f.verificationExtension = "\(context.today.chinese)经\(context.actor.name)批准延长15个工作日：\(input)"
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.extend(step: f.origin.clockStep, count: 15, ground: input)], summaryZH: "核查期限延长15个工作日")
        }
    }
}
