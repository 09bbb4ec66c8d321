import Foundation

extension MediationProcedure {
    /// Step 2 (MD-19, MD-20): the centre keeps a dispute of one legal relation it can handle itself and
    /// asks the parties' consent; acceptance (the last consent) is due in 5 working days.
    public enum MediateAtCentre: MediationStep {
        static let opinion = TypedField<String>.textarea("opinion", "分流意见", required: false)

        public static let spec = TransitionSpec("mediateAtCentre", "中心直接调解", from: ["registered"], permissions: [.mediationTriage],
                                                fields: [opinion.spec], rule: "MD-20", to: ["accepting"])

        public static func decode(_ i: ActionInput) -> String? { opinion(i) ?? "" }

        public static func apply(_ input: String, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.triagedOn = context.today
            return Outcome(state: "accepting", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.end(step: "triage", on: context.today), .start(step: "consent", on: context.today)],
                           summaryZH: "调解中心直接受理调解" + (input.isEmpty ? "" : "：\(input)"))
        }
    }

    /// Step 2 (MD-19): a request outside the three scopes, or unrelated to the bureau's functions, is
    /// not accepted; the 不予受理告知书 names the proper channel (a 生活消费投诉 goes to the complaint
    /// track, beyond the bureau to 政府法制部门, MD-20). The case closes on the day.
    public enum DeclineRequest: MediationStep {
        static let reason = TypedField<String>.textarea("reason", "不予受理理由")
        static let channel = TypedField<String>.text("channel", "告知的救济或办理渠道", help: "如：向人民法院起诉、向人民调解委员会申请、按投诉程序办理", maxLength: 200)

        public static let spec = TransitionSpec("declineRequest", "不予受理", from: ["registered"], permissions: [.mediationTriage],
                                                fields: [reason.spec, channel.spec], rule: "MD-19", issues: ["MD-REJECT"], to: ["notAccepted"])

        public static func decode(_ i: ActionInput) -> (reason: String, channel: String)? {
            guard let r = reason(i), let ch = channel(i) else { return nil }
            return (r, ch)
        }

        public static func apply(_ input: (reason: String, channel: String), case c: ProcedureCase<MediationFacts>,
                                 context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.triagedOn = context.today
            f.rejection = .init(on: context.today, reason: input.reason, channel: input.channel)
            return Outcome(state: "notAccepted", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "triage", on: context.today)],
                           closedOn: context.today, summaryZH: "不予受理：\(input.reason)；告知其\(input.channel)")
        }
    }
}
