import Foundation

/// The 办公室主任's verdict on a dispatch proposal.
public enum DispatchVerdict: String, ChoiceValue, Codable {
    case approve, reject
    public var nameZH: String { self == .approve ? "同意分流" : "不同意，退回中心" }
}

extension MediationProcedure {
    /// Step 3 (MD-13, MD-15): the 领导小组办公室主任 approves the dispatch — never his own proposal —
    /// and the case moves to the target (the centre keeps read access); its acceptance is due 5
    /// working days later. A re-dispatch request is decided here too: the director may name another
    /// unit. A rejected proposal goes back to the centre's triage.
    public enum ApproveDispatch: MediationStep {
        static let verdict = TypedField<DispatchVerdict>.choice("verdict", "审批意见")
        static let unit = TypedField<String>.text("unit", "承办单位代码（改派时填写）", required: false, maxLength: 32)
        static let opinion = TypedField<String>.textarea("opinion", "审批说明", required: false)

        public static let spec = TransitionSpec("approveDispatch", "审批分流", from: ["proposed"], permissions: [.mediationApprove],
                                                fields: [verdict.spec, unit.spec, opinion.spec], rule: "MD-13", issues: ["MD-DISPATCH"], to: ["accepting", "registered"])

        public struct Input: Sendable {
            let verdict: DispatchVerdict
            let unit: String?
            let opinion: String?
        }

        public static func decode(_ i: ActionInput) -> Input? { verdict(i).map { Input(verdict: $0, unit: unit(i), opinion: opinion(i)) } }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            guard let d = c.facts.dispatch else {
                return [MediationRules.refusal("state", "MD-13", "mediation.dispatch.none", "没有待审批的分流建议")]
            }
            return d.proposedBy == context.actor.userID && c.facts.redispatches.isEmpty
                ? [MediationRules.refusal("actor", "MD-13", "mediation.dispatch.own-proposal", "不能审批自己提出的分流建议")] : []
        }

        public static func check(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            guard input.verdict == .approve, let code = input.unit else { return [] }
            return ProposeDispatch.unitErrors(code, field: unit.name, case: c, context: context)
        }

        public static func apply(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            guard var d = f.dispatch else { return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "") }
            let today = context.today
            guard input.verdict == .approve else {
                let back = f.redispatches.isEmpty ? "registered" : "accepting"
                if f.redispatches.isEmpty { f.dispatch = nil }
                return Outcome(state: back, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                               clocks: [.end(step: "dispatchApproval", on: today)] + (back == "registered" ? [.start(step: "triage", on: today)] : []),
                               summaryZH: f.redispatches.isEmpty ? "不同意分流，退回中心重新分流" : "不同意改派，仍由\(d.unitCode)办理" + (input.opinion.map { "：\($0)" } ?? ""))
            }
            if let code = input.unit { d.unitCode = code }
            d.approvedBy = context.actor.userID
            d.approvedOn = today
            d.opinion = input.opinion
            f.dispatch = d
            var o = Outcome(state: "accepting", gravity: c.gravity, facts: f, handlerID: nil,
                            // MD-16: the weekly progress reports run from the approval (a re-dispatch starts them again).
                            clocks: [.end(step: "dispatchApproval", on: today), .start(step: "consent", on: today),
                                     .end(step: "progress", on: today), .start(step: "progress", on: today)],
                            summaryZH: "同意分流至\(d.unitCode)" + (input.opinion.map { "：\($0)" } ?? ""))
            o.move = CaseMove(to: .code(d.unitCode), keepReadAccess: true, rule: "MD-13")
            return o
        }
    }

    /// MD-15: the target may not decline; within 2 working days of the approval it may ask the
    /// director to re-dispatch, with its reason. The case waits for the director's decision.
    public enum RequestRedispatch: MediationStep {
        static let reason = TypedField<String>.textarea("reason", "申请重新分流的理由")

        public static let spec = TransitionSpec("requestRedispatch", "申请重新分流", from: ["accepting"], permissions: [.mediationHandle],
                                                fields: [reason.spec], rule: "MD-15", to: ["proposed"])

        public static func decode(_ i: ActionInput) -> String? { reason(i) }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            guard let approved = c.facts.dispatch?.approvedOn else {
                return [MediationRules.refusal("state", "MD-15", "mediation.redispatch.not-dispatched", "只有分流交办的纠纷可以申请重新分流")]
            }
            let last = context.calendar.due(from: approved, count: 2, unit: .workday).date
            return context.today > last
                ? [MediationRules.refusal("state", "MD-15", "mediation.redispatch.late", "申请重新分流须在交办后2个工作日内（\(last.chinese)前）提出")] : []
        }

        public static func apply(_ input: String, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.redispatches.append(.init(on: context.today, reason: input, by: context.actor.userID))
            return Outcome(state: "proposed", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.start(step: "dispatchApproval", on: context.today)], summaryZH: "申请重新分流：\(input)")
        }
    }
}
