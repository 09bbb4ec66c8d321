import Foundation

// The complaint track's demo, second part (issue 14 item 11): a mediation delegated to the demo's
// 中村消协分会 and carried by its 受托调解员 zc_delegate (CP-17, CP-18), and an item the 分局's 分送员
// dispatched to 东湖所, which disputes jurisdiction with 中村所 (CP-42) — raised ten working days ago,
// so the 7 working days to agree have run out and the scheduler puts it to 江城区分局 when the demo
// serves.

extension ComplaintProcedure {
    static func demoDelegationAndDispute(_ ctx: DemoContext) -> [DemoCase] {
        guard ctx.users["zc_delegate"] != nil, ctx.users["jcq_dispatcher"] != nil else { return [] }
        let today = ctx.today, officer = "zc_officer", head = "zc_head"
        // Delegated: received about five weeks ago, accepted, both consent, delegated, one remote session by the delegate.
        let received = today.adding(days: -36)
        let decided = ctx.workdays(3, after: received), consented = ctx.workdays(5, after: received)
        let delegated = ctx.workdays(6, after: received), session = ctx.workdays(9, after: received)
        let delegation = DemoCase([
            demoOpen(ctx, 4, on: received, "健身房闭店，要求退还剩余会员费"),
            .act(as: officer, on: received, key: Receive.spec.key, input: [:]),
            .act(as: officer, on: ctx.workdays(2, after: received), key: ProposeDecision.spec.key,
                 input: [ProposeDecision.choice.name: [AcceptanceChoice.accept.rawValue]]),
            .act(as: head, on: decided, key: ApproveDecision.spec.key, input: [ApproveDecision.verdict.name: [ApproveDecision.Verdict.approve.rawValue]]),
            .act(as: officer, on: consented, key: RecordConsents.spec.key,
                 input: [RecordConsents.complainantOn.name: [consented.iso], RecordConsents.respondentOn.name: [consented.iso]]),
            .act(as: officer, on: delegated, key: DelegateMediation.spec.key, input: [
                DelegateMediation.servicePoint.name: [demoAssociation], DelegateMediation.mediator.name: [ctx.user("zc_delegate")],
                DelegateMediation.time.name: ["\(session.chinese)上午9时30分"], DelegateMediation.place.name: ["中村消协分会调解室"],
                DelegateMediation.scope.name: ["组织双方调解，制作调解记录或调解书"],
            ]),
            .act(as: "zc_delegate", on: session, key: HoldMediation.spec.key, input: [
                HoldMediation.mode.name: [MediationMode.remote.rawValue], HoldMediation.on.name: [session.iso],
                HoldMediation.note.name: ["电话联系双方，被投诉人同意按剩余课时折算退费，金额待核对"],
            ]),
        ])
        // Disputed: registered and dispatched to 东湖所 ten working days ago; 东湖所 names 中村所 the same day.
        let raised = (0..<10).reduce(today) { day, _ in ctx.calendar.previousWorkday(onOrBefore: day.adding(days: -1)) }
        let dispute = DemoCase([
            demoOpen(ctx, 5, on: raised, "外卖商家食品变质，要求退款赔偿"),
            .act(as: "jcq_dispatcher", on: raised, key: Dispatch.spec.key,
                 input: [Dispatching.unit.name: ["DH"], Dispatching.reportBackOn.name: [ctx.workdays(5, after: raised).iso]]),
            .act(as: "dh_officer", on: raised, key: RaiseDispute.spec.key,
                 input: [Disputing.otherUnit.name: ["ZC"], Disputing.reason.name: ["被投诉人实际经营地址在中村所辖区，营业执照登记地址在东湖所辖区"]]),
        ])
        return [delegation, dispute]
    }

    /// The demo bureau's 消协分会 at 中村所 (`fengqiao demo` registers it as a service point).
    public static let demoAssociation = "中村消协分会"
}
