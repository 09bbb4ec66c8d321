import Foundation

/// MD-16: one progress report of a dispatched dispute to the centre.
public struct MediationProgress: Codable, Sendable, Equatable {
    public var on: LocalDate
    public var text: String
    public var by: UUID
}

extension MediationProcedure {
    /// MD-16: a dispatched unit reports its progress to the centre at least once a week. The approval
    /// starts the week (`progress`, 7 days); each report ends it and starts the next; the return or the
    /// conclusion ends the cadence. A week without a report turns the clock red and the centre head is told.
    public enum ReportProgress: MediationStep {
        static let text = TypedField<String>.textarea("progress", "本周调解进展")

        public static let spec = TransitionSpec("reportProgress", "报送每周进展", from: ["accepting", "mediating", "suspended"], permissions: [.mediationHandle],
                                                fields: [text.spec], rule: "MD-16")

        public static func decode(_ i: ActionInput) -> String? { text(i) }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.dispatched && c.facts.returns.isEmpty ? []
                : [MediationRules.refusal("state", "MD-16", "mediation.progress.not-dispatched", "只有分流交办、尚未回流的纠纷须每周报送进展")]
        }

        public static func apply(_ input: String, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.progress = (f.progress ?? []) + [MediationProgress(on: context.today, text: input, by: context.actor.userID)]
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.end(step: "progress", on: context.today), .start(step: "progress", on: context.today)],
                           summaryZH: "向调解中心报送进展：\(input)")
        }
    }
}
