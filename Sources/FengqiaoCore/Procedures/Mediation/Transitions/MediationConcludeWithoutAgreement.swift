import Foundation

/// The endings without an agreement or a termination notice (MD-21).
public enum PlainEnding: String, ChoiceValue, Codable {
    case settled, withdrawn, refused
    public var nameZH: String {
        switch self {
        case .settled: "当事人自行和解"
        case .withdrawn: "当事人撤回调解申请"
        case .refused: "当事人拒绝或撤回同意"
        }
    }
    var outcome: DisputeOutcome {
        switch self {
        case .settled: .settled
        case .withdrawn: .withdrawn
        case .refused: .refused
        }
    }
}

extension MediationProcedure {
    /// Step 7(b) (MD-21, MD-49): the parties settle themselves, the applicant withdraws, or a party
    /// refuses or withdraws consent — at any time, a dispatched unit included (MD-17 exempts these).
    /// Refused until the investigation and result are written.
    public enum ConcludeWithoutAgreement: MediationStep {
        static let ending = TypedField<PlainEnding>.choice("ending", "结案方式")
        static let on = TypedField<LocalDate>.date("on", "结案日期")
        static let investigation = TypedField<String>.textarea("investigation", "调查情况")
        static let result = TypedField<String>.textarea("result", "处理结果")

        public static let spec = TransitionSpec("concludeWithoutAgreement", "和解、撤回或拒绝调解结案", from: ["accepting", "mediating", "suspended"],
                                                permissions: [.mediationHandle], fields: [ending.spec, on.spec, investigation.spec, result.spec], rule: "MD-49",
                                                to: ["concluded"])

        public struct Input: Sendable {
            let ending: PlainEnding
            let on: LocalDate
            let investigation: String
            let result: String
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let e = ending(i), let d = on(i), let inv = investigation(i), let r = result(i) else { return nil }
            return Input(ending: e, on: d, investigation: inv, result: r)
        }

        public static func check(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            MediationRules.dateErrors(input.on, field: on.name, label: "结案日期", facts: c.facts, context: context)
        }

        public static func apply(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.ending = .init(outcome: input.ending.outcome, on: input.on, investigation: input.investigation, result: input.result)
            f.endOpenPause(on: input.on)
            let running: [ClockEffect] = c.state == "accepting" ? [.end(step: "consent", on: input.on)] : [.end(step: "mediation", on: input.on)]
            return Outcome(state: "concluded", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: running + MediationProcedure.afterConclusion(f, on: input.on), closedOn: input.on,
                           summaryZH: "\(input.on.chinese)\(input.ending.nameZH)，结案")
        }
    }
}
