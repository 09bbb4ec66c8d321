import Foundation

/// MD-14: a 督察意见 of the 综合督察室 on the legality of a dispute's procedure and method.
public struct MediationSupervision: Codable, Sendable, Equatable {
    public var on: LocalDate
    public var opinion: String
    public var by: UUID
    public var answeredOn: LocalDate?
    public var answer: String?
}

extension MediationProcedure {
    /// Every state a 督察意见 may be attached in: any, the closed ones included until the volume is filed.
    static let anyState: Set<String> = ["registered", "proposed", "accepting", "mediating", "suspended", "returned", "terminating", "concluded", "notAccepted"]

    /// MD-14: the 综合督察室 attaches a 督察意见 to any dispute it may read; the handling unit answers
    /// within 5 working days, and the volume is not filed while it is unanswered. One at a time: a
    /// second waits for the first's answer.
    public enum AttachSupervision: MediationStep {
        static let opinion = TypedField<String>.textarea("opinion", "督察意见（调解程序、方式是否合法）")

        public static let spec = TransitionSpec("attachSupervision", "出具督察意见", from: anyState, permissions: [.mediationSupervise],
                                                fields: [opinion.spec], rule: "MD-14")

        public static func decode(_ i: ActionInput) -> String? { opinion(i) }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            guard let open = c.facts.openSupervision else { return [] }
            return [MediationRules.refusal("state", "MD-14", "mediation.supervision.pending", "\(open.on.chinese)的督察意见尚未答复，答复后再出具新的意见")]
        }

        public static func apply(_ input: String, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.supervisions = (f.supervisions ?? []) + [MediationSupervision(on: context.today, opinion: input, by: context.actor.userID)]
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.start(step: "supervisionAnswer", on: context.today)],
                           summaryZH: "综合督察室出具督察意见：\(input)（5个工作日内答复）")
        }
    }

    /// MD-14: the handling unit answers the open 督察意见.
    public enum AnswerSupervision: MediationStep {
        static let answer = TypedField<String>.textarea("answer", "答复（整改或说明情况）")

        public static let spec = TransitionSpec("answerSupervision", "答复督察意见", from: anyState, permissions: [.mediationHandle, .mediationTriage],
                                                fields: [answer.spec], rule: "MD-14")

        public static func decode(_ i: ActionInput) -> String? { answer(i) }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.openSupervision == nil ? [MediationRules.refusal("state", "MD-14", "mediation.supervision.none", "没有待答复的督察意见")] : []
        }

        public static func apply(_ input: String, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            if var list = f.supervisions, let i = list.lastIndex(where: { $0.answeredOn == nil }) {
                list[i].answeredOn = context.today
                list[i].answer = input
                f.supervisions = list
            }
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "supervisionAnswer", on: context.today)],
                           summaryZH: "答复督察意见：\(input)")
        }
    }

    /// MD-14: no filing while a 督察意见 is unanswered.
    public static func archiveHold(_ f: MediationFacts) -> FieldError? {
        guard let open = f.openSupervision else { return nil }
        return MediationRules.refusal("case", "MD-14", "mediation.supervision.unanswered", "\(open.on.chinese)的督察意见尚未答复，不能立卷归档")
    }
}

extension MediationFacts {
    /// MD-14: the 督察意见 still to answer.
    public var openSupervision: MediationSupervision? { supervisions?.last { $0.answeredOn == nil } }
}
