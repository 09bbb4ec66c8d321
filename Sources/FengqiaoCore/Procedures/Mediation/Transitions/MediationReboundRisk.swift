import Foundation

/// MD-34: why a dispute is revisited a second time though not major — 疑难复杂, or a risk that it
/// rebounds (反弹) after the conclusion.
public struct MediationReboundRisk: Codable, Sendable, Equatable {
    public var on: LocalDate
    public var reason: String
}

extension MediationProcedure {
    /// MD-34: the centre or the mediating unit flags a dispute complex or at risk of rebounding, at any
    /// time until it is closed and after: it is then revisited a second time, 90 日 after the
    /// conclusion. Flagged after the conclusion, the second revisit's clock starts from the conclusion
    /// day (a major dispute has it already).
    public enum FlagReboundRisk: MediationStep {
        static let reason = TypedField<String>.textarea("reason", "疑难复杂或反弹风险的情况")

        public static let spec = TransitionSpec("flagReboundRisk", "标记疑难复杂或反弹风险",
                                                from: ["registered", "proposed", "accepting", "mediating", "suspended", "returned", "terminating", "concluded"],
                                                permissions: [.mediationTriage, .mediationHandle], fields: [reason.spec], rule: "MD-34")

        public static func decode(_ i: ActionInput) -> String? { reason(i) }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            if let r = c.facts.reboundRisk {
                return [MediationRules.refusal("state", "MD-34", "mediation.rebound.already", "已于\(r.on.chinese)标记为疑难复杂或有反弹风险")]
            }
            return c.facts.major == nil ? [] : [MediationRules.refusal("state", "MD-34", "mediation.rebound.major", "重大矛盾纠纷已须第二次回访，无需另行标记")]
        }

        public static func apply(_ input: String, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.reboundRisk = .init(on: context.today, reason: input)
            // Already concluded: the second revisit is due 90 日 after the conclusion, as it would have been
            // (a termination not yet served starts it on serving, with the other after-conclusion clocks).
            let concluded = c.state == "concluded" ? f.ending : nil
            let clocks: [ClockEffect] = concluded.map { [.start(step: "secondRevisit", on: $0.on)] } ?? []
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: clocks,
                           summaryZH: "标记为疑难复杂或有反弹风险（结案后90日内第二次回访）：\(input)")
        }
    }
}
