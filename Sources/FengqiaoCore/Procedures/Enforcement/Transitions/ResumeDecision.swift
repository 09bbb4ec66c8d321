import Foundation

extension EnforcementProcedure {
    /// CP-30: the pause ends; its last day is the last day not counted.
    public enum ResumeDecision: EnforcementStep {
        static let lastDay = TypedField<LocalDate>.date("lastDay", "暂停结束日期（最后一个不计算的日期）")

        public static let spec = TransitionSpec("resumeDecision", "恢复计算办案期限", from: ["paused"], permissions: [.enforcementHandle],
                                                fields: [lastDay.spec], rule: "CP-30")

        public static func decode(_ i: ActionInput) -> LocalDate? { lastDay(i) }

        public static func check(_ input: LocalDate, case c: ProcedureCase<EnforcementFacts>, context: ProcedureContext) -> [FieldError] {
            guard let open = c.facts.pauses.last, open.to == nil else { return [] }
            if input < open.from {
                return [FieldError(field: lastDay.name, rule: "CP-30", code: "enforcement.pause.order", messageZH: "暂停结束日期不能早于开始日期\(open.from.chinese)")]
            }
            if input > context.today {
                return [FieldError(field: lastDay.name, rule: "X-02", code: "enforcement.pause.future", messageZH: "暂停结束日期不能晚于今天")]
            }
            return []
        }

        public static func apply(_ input: LocalDate, case c: ProcedureCase<EnforcementFacts>, context: ProcedureContext) -> Outcome<EnforcementFacts> {
            var f = c.facts
            if !f.pauses.isEmpty { f.pauses[f.pauses.count - 1].to = input }
            return Outcome(state: "filed", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.resume(step: "decision", lastSuspendedDay: input)], summaryZH: "恢复计算办案期限（暂停至\(input.chinese)）")
        }
    }
}
