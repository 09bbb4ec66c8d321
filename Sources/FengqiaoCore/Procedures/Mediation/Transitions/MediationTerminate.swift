import Foundation

extension MediationProcedure {
    /// Step 7(d) (MD-17, MD-30, MD-31): the centre — never a dispatched unit — terminates a mediation
    /// that cannot succeed (or a returned one). The 行政调解终止告知书 must name the remedies: 行政复议
    /// (60日) and 行政诉讼 (6个月) for an administrative dispute, 和解, other mediation, 仲裁 or 民事诉讼
    /// for a civil one; it is served within 7 working days.
    public enum DecideTermination: MediationStep {
        static let reason = TypedField<String>.textarea("reason", "终止调解的理由")
        static let remedies = TypedField<[String]>.lines("remedies", "告知的救济途径")
        static let investigation = TypedField<String>.textarea("investigation", "调查情况")
        static let result = TypedField<String>.textarea("result", "处理结果")

        public static let spec = TransitionSpec("decideTermination", "决定终止调解", from: ["mediating", "suspended", "returned"], permissions: [.mediationTriage],
                                                fields: [reason.spec, InputField("remedies", "告知的救济途径", .lines,
                                                                                 options: MediationRemedy.allCases.map { InputOption($0.rawValue, $0.nameZH) },
                                                                                 help: "每行一个：" + MediationRemedy.allCases.map { "\($0.rawValue)=\($0.nameZH)" }.joined(separator: "；")),
                                                         investigation.spec, result.spec],
                                                rule: "MD-30", issues: ["MD-TERMINATION"], to: ["terminating"])

        public struct Input: Sendable {
            let reason: String
            let remedies: [String]
            let investigation: String
            let result: String
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let r = reason(i), let inv = investigation(i), let res = result(i) else { return nil }
            return Input(reason: r, remedies: remedies(i) ?? [], investigation: inv, result: res)
        }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.dispatched && c.state != "returned"
                ? [MediationRules.refusal("state", "MD-17", "mediation.terminate.dispatched", "分流交办的纠纷调解不成的，承办单位不得终止调解，应回流调解中心")] : []
        }

        /// MD-30: the remedies a notice in `scope` must name.
        public static func requiredRemedies(_ scope: MediationScope) -> [MediationRemedy] {
            scope.administrative ? [.reconsideration, .litigation] : [.civilSuit]
        }

        public static func check(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            let chosen = input.remedies.compactMap { MediationRemedy(rawValue: $0) }
            var v: [FieldError] = []
            let unknown = input.remedies.filter { MediationRemedy(rawValue: $0) == nil }
            if !unknown.isEmpty {
                v.append(MediationRules.refusal(remedies.name, "MD-30", "mediation.remedy.unknown", "未知的救济途径：\(unknown.joined(separator: "、"))"))
            }
            let missing = requiredRemedies(c.facts.scope).filter { !chosen.contains($0) }
            if !missing.isEmpty {
                v.append(MediationRules.refusal(remedies.name, "MD-30", "mediation.remedy.missing",
                                                "\(c.facts.scope.nameZH)的终止告知书须告知：\(missing.map(\.nameZH).joined(separator: "、"))"))
            }
            return v
        }

        public static func apply(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            let chosen = input.remedies.compactMap { MediationRemedy(rawValue: $0) }
            f.termination = .init(decidedOn: context.today, reason: input.reason, remedies: chosen, servedOn: nil)
            f.ending = .init(outcome: .noAgreement, on: context.today, investigation: input.investigation, result: input.result)
            f.endOpenPause(on: context.today)
            let running: [ClockEffect] = c.state == "returned" ? [] : [.end(step: "mediation", on: context.today)]
            return Outcome(state: "terminating", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: running + [.start(step: "terminationNotice", on: context.today)], summaryZH: "决定终止调解：\(input.reason)")
        }
    }

    /// MD-31: the termination notice served (its 送达回证 on file); the dispute concludes on the
    /// decision day — the notice records it — and the volume is due 30 days after.
    public enum ServeTermination: MediationStep {
        public static let spec = TransitionSpec("serveTermination", "终止告知书送达", from: ["terminating"], permissions: [.mediationTriage, .mediationHandle],
                                                fields: [], rule: "MD-31", requires: [.served("MD-TERMINATION", rule: "MD-31")], to: ["concluded"])

        public static func decode(_ i: ActionInput) -> Void? { () }

        public static func apply(_ input: Void, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            let served = context.documents.filter { $0.templateCode == "MD-TERMINATION" && !$0.void }.compactMap(\.servedOn).max() ?? context.today
            f.termination?.servedOn = served
            let decided = f.termination?.decidedOn ?? context.today
            return Outcome(state: "concluded", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.end(step: "terminationNotice", on: served)] + MediationProcedure.afterConclusion(f, on: decided), closedOn: decided,
                           summaryZH: "终止调解告知书已于\(served.chinese)送达，结案")
        }
    }
}
