import Foundation

extension ComplaintProcedure {
    /// CP-17: a delegation ends before the mediation does — the body cannot mediate, the mediator is
    /// replaced, or the delegate gives it back. The handler (or the delegate) records why; the
    /// delegate leaves the case (its worklist and, unless delegated again, its `own` scope) and acts
    /// on it no more; the handler mediates, or delegates again to another body or mediator. The
    /// mediation clock keeps running, as delegation never touched it.
    public enum WithdrawDelegation: ComplaintStep {
        static let reason = TypedField<String>.textarea("reason", "撤回委托理由")

        public static let spec = TransitionSpec("withdrawDelegation", "撤回委托调解", from: ["mediating", "paused"], permissions: [.complaintHandle],
                                                fields: [reason.spec], rule: "CP-17")

        public static func decode(_ i: ActionInput) -> String? { reason(i) }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.delegation == nil
                ? [FieldError(field: "state", rule: "CP-17", code: "complaint.delegation.none", messageZH: "本案调解未委托，无可撤回的委托")] : []
        }

        public static func apply(_ input: String, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            guard let d = f.delegation else { return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "") }
            f.withdrawnDelegations = (f.withdrawnDelegations ?? []) + [.init(delegation: d, on: context.today, by: context.actor.userID, reason: input)]
            f.delegation = nil
            let by = d.mediatorID == context.actor.userID ? "受托调解员退回委托" : "撤回对\(d.servicePointName)（受托调解员\(d.mediatorName)）的委托"
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "\(by)：\(input)")
        }
    }

    /// CP-42 (办法 30): when the units' 7 working days to agree run out, the system puts the dispute
    /// to their common superior the next day (a timed transition, CAL-43): the holders there of the
    /// dispatch or approval permission are told to decide (`DecideJurisdiction`). Nobody takes this
    /// step by hand.
    public enum ReferDispute: ComplaintStep {
        public static let spec = TransitionSpec("referDispute", "协商期满，提请共同上级指定管辖", from: ["disputed"], permissions: [.complaintDispatch],
                                                fields: [], rule: "CP-42")

        public static func decode(_ i: ActionInput) -> Void? { () }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.openDispute?.referredOn == nil ? []
                : [FieldError(field: "state", rule: "CP-42", code: "complaint.dispute.referred", messageZH: "管辖争议已提请共同上级指定管辖")]
        }

        public static func apply(_ input: Void, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            guard var disputes = f.disputes, let d = f.openDispute,
                  let superior = commonSuperior(d.holderUnitID, d.otherUnitID, in: context.units) else {
                return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "管辖争议协商期限届满")
            }
            disputes[disputes.count - 1].referredOn = context.today
            f.disputes = disputes
            let names = d.units.compactMap { context.units.units[$0]?.name }.joined(separator: "与")
            var o = Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                            summaryZH: "\(names)协商期限届满未协商一致，提请\(superior.name)指定管辖")
            o.unitNotices = [UnitNotice(unitIDs: actingThrough(superior, in: context.units), permissions: [.complaintDispatch, .complaintApprove],
                                        titleZH: "投诉：管辖争议待指定管辖",
                                        bodyZH: "“\(f.respondentName)”投诉件：\(names)自\(d.raisedOn.chinese)起协商7个工作日期满仍未协商一致，请作为共同上级指定管辖（CP-42）。")]
            return o
        }
    }
}
