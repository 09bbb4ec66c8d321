import Foundation

extension EnforcementProcedure {
    /// The decision is served (filed ≤ decision ≤ served ≤ closed); execution and payments follow.
    public enum ServeDecision: EnforcementStep {
        static let servedOn = TypedField<LocalDate>.date("servedOn", "送达日期")

        public static let spec = TransitionSpec("serveDecision", "登记决定书送达", from: ["decided"], permissions: [.enforcementHandle],
                                                fields: [servedOn.spec], rule: "CP-30")

        public static func decode(_ i: ActionInput) -> LocalDate? { servedOn(i) }

        public static func check(_ input: LocalDate, case c: ProcedureCase<EnforcementFacts>, context: ProcedureContext) -> [FieldError] {
            if let d = c.facts.decision?.on, input < d {
                return [FieldError(field: servedOn.name, rule: "CP-30", code: "enforcement.dates.order", messageZH: "送达日期不能早于决定日期\(d.chinese)")]
            }
            if input > context.today {
                return [FieldError(field: servedOn.name, rule: "X-02", code: "enforcement.served.future", messageZH: "送达日期不能晚于今天")]
            }
            return []
        }

        public static func apply(_ input: LocalDate, case c: ProcedureCase<EnforcementFacts>, context: ProcedureContext) -> Outcome<EnforcementFacts> {
            var f = c.facts
            f.servedOn = input
            return Outcome(state: "executing", gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "\(input.chinese)送达处理决定书")
        }
    }
}
