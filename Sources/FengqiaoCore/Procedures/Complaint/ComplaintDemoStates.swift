import Foundation

// The complaint track's demo, third part (issue 14 item 11: "submissions in every state across the
// National Day and Spring Festival, a split item, a report that became a case with payments"): an
// item just registered, one dispatched to 东湖所 and not yet opened there, one rejected with its
// 不予受理告知书 served, one whose mediation is being terminated, and a mixed item received on
// 09-29 before the National Day whose report track — split the same day — is verified across the
// holiday, filed (立案) by the 局负责人, its reporter told by a served 告知书, and whose registry entry
// is decided, served, paid with its voucher and closed.

extension ComplaintProcedure {
    static func demoStates(_ ctx: DemoContext) -> [DemoCase] {
        guard ctx.users["zc_registrar"] != nil, ctx.users["jcq_dispatcher"] != nil, ctx.users["chief"] != nil else { return [] }
        let today = ctx.today, officer = "zc_officer", head = "zc_head"
        // What the officer types into the prefilled forms: the review and litigation bodies, the contact.
        let typed = demoTyped
        func accept(on day: LocalDate) -> [DemoStep] {
            [.act(as: officer, on: day, key: Receive.spec.key, input: [:]),
             .act(as: officer, on: ctx.workdays(1, after: day), key: ProposeDecision.spec.key, input: [ProposeDecision.choice.name: [AcceptanceChoice.accept.rawValue]]),
             .act(as: head, on: ctx.workdays(2, after: day), key: ApproveDecision.spec.key, input: [ApproveDecision.verdict.name: [ApproveDecision.Verdict.approve.rawValue]]),
             .issueFromCase(as: officer, on: ctx.workdays(2, after: day), template: "CP-ACCEPT", values: typed),
             .servePost(as: officer, on: ctx.workdays(4, after: day), recipient: "", posted: ctx.workdays(2, after: day), mailNumber: "1187\(day.ordinal)01")]
        }
        func consents(on day: LocalDate) -> DemoStep {
            .act(as: officer, on: day, key: RecordConsents.spec.key, input: [RecordConsents.complainantOn.name: [day.iso], RecordConsents.respondentOn.name: [day.iso]])
        }
        // 已登记: registered this morning by the office's 受理员, nobody has received it yet.
        var cases = [DemoCase([demoOpen(ctx, 6, on: today, "购买的儿童玩具存在安全隐患，要求退货", as: "zc_registrar")])]
        // 已分送: the 分局's 分送员 sent it to 东湖所 yesterday; 东湖所 has not opened it.
        let sent = ctx.calendar.previousWorkday(onOrBefore: today.adding(days: -1))
        cases.append(DemoCase([
            demoOpen(ctx, 7, on: sent, "理发店办卡后停业，要求退还余额"),
            .act(as: "jcq_dispatcher", on: sent, key: Dispatch.spec.key,
                 input: [Dispatching.unit.name: ["DH"], Dispatching.reportBackOn.name: [ctx.workdays(5, after: sent).iso]]),
        ]))
        // 不予受理: bought for the buyer's shop, not 生活消费 (办法第十五条第三项); the 告知书 served by post.
        let refused = today.adding(days: -21)
        cases.append(DemoCase([
            demoOpen(ctx, 8, on: refused, "为经营的餐馆采购的冰柜制冷故障，要求赔偿"),
            .act(as: officer, on: refused, key: Receive.spec.key, input: [:]),
            .act(as: officer, on: ctx.workdays(2, after: refused), key: ProposeDecision.spec.key,
                 input: [ProposeDecision.choice.name: [AcceptanceChoice.reject.rawValue], ProposeDecision.ground.name: [RejectionGround.g3.rawValue],
                         ProposeDecision.reason.name: ["所购冰柜用于投诉人经营的餐馆，非生活消费需要"]]),
            .act(as: head, on: ctx.workdays(3, after: refused), key: ApproveDecision.spec.key,
                 input: [ApproveDecision.verdict.name: [ApproveDecision.Verdict.approve.rawValue]]),
            .issueFromCase(as: officer, on: ctx.workdays(3, after: refused), template: "CP-REJECT", values: typed),
            .servePost(as: officer, on: ctx.workdays(5, after: refused), recipient: "", posted: ctx.workdays(3, after: refused),
                       mailNumber: "1187\(refused.ordinal)02"),
        ]))
        // 终止调解待送达: the respondent said it will not agree (办法第二十一条第四项); the decision is issued, not yet served.
        let ending = today.adding(days: -40)
        let ended = ctx.workdays(20, after: ending)
        cases.append(DemoCase([demoOpen(ctx, 9, on: ending, "装修公司延期交付，要求支付违约金")] + accept(on: ending) + [
            consents(on: ctx.workdays(5, after: ending)),
            .act(as: head, on: ended, key: DecideTermination.spec.key, input: [DecideTermination.ground.name: [TerminationGround.g4.rawValue]]),
            .issueFromCase(as: officer, on: ended, template: "CP-TERMINATION", values: typed),
        ]))
        return cases + [demoSplit(ctx)].compactMap { $0 }
    }

    /// The values a demo officer types into a prefilled complaint document (the facts do not hold them).
    static let demoTyped = ["appeal.government": "江城市人民政府", "appeal.court": "江城市江城区人民法院", "contact.name": "李明",
                            "contact.phone": "0571-86001234", "party.address": "江城市江城区中村路18号（投诉人提供的送达地址）"]

    /// The mixed item of 09-29 before the National Day (this year's, or last year's while this year's
    /// story is not over): the complaint accepted and mediating, its report filed and paid.
    private static func demoSplit(_ ctx: DemoContext) -> DemoCase? {
        let officer = "zc_officer"
        guard let thisYear = LocalDate(year: ctx.today.year, month: 9, day: 29), let lastYear = LocalDate(year: ctx.today.year - 1, month: 9, day: 29) else { return nil }
        func story(_ received: LocalDate) -> (propose: LocalDate, approve: LocalDate, notice: LocalDate, told: LocalDate, decided: LocalDate, served: LocalDate, paid: LocalDate) {
            let propose = ctx.workdays(10, after: received), approve = ctx.workdays(1, after: propose)
            let notice = ctx.workdays(1, after: approve), decided = ctx.workdays(15, after: approve), served = ctx.workdays(2, after: decided)
            return (propose, approve, notice, ctx.workdays(2, after: notice), decided, served, ctx.workdays(8, after: served))
        }
        let received = story(thisYear).paid < ctx.today ? thisYear : lastYear
        let d = story(received)
        let officers = [ctx.user("zc_officer"), ctx.user("zc_officer2")]
        let complaint: [DemoStep] = [
            demoOpen(ctx, 10, on: received, "超市销售过期牛奶，要求退一赔十"),
            .act(as: officer, on: received, key: SplitReport.spec.key, input: [
                SplitReport.actPlace.name: ["中村路超市食品区"], SplitReport.category.name: ["other"],
                SplitReport.clue.name: ["超市货架上仍在销售超过保质期的盒装牛奶，消费者要求依法查处"],
            ]),
            .act(as: officer, on: received, key: Receive.spec.key, input: [:]),
            .act(as: officer, on: ctx.workdays(1, after: received), key: ProposeDecision.spec.key, input: [ProposeDecision.choice.name: [AcceptanceChoice.accept.rawValue]]),
            .act(as: "zc_head", on: ctx.workdays(2, after: received), key: ApproveDecision.spec.key,
                 input: [ApproveDecision.verdict.name: [ApproveDecision.Verdict.approve.rawValue]]),
            .act(as: officer, on: ctx.workdays(4, after: received), key: RecordConsents.spec.key,
                 input: [RecordConsents.complainantOn.name: [ctx.workdays(4, after: received).iso], RecordConsents.respondentOn.name: [ctx.workdays(4, after: received).iso]]),
        ]
        let report: [DemoStep] = [
            .follow(caseType: ReportProcedure.caseType),
            .act(as: officer, on: d.propose, key: ReportProcedure.ProposeDecision.spec.key, input: [
                ReportProcedure.ProposeDecision.decision.name: [ReportDecision.file.rawValue], ReportProcedure.ProposeDecision.officers.name: officers,
                ReportProcedure.ProposeDecision.findings.name: ["现场查见超过保质期的盒装牛奶3箱（36盒）仍在货架销售，当事人对此无异议"],
            ]),
            .act(as: "chief", on: d.approve, key: ReportProcedure.ApproveDecision.spec.key,
                 input: [ReportProcedure.ApproveDecision.verdict.name: [ReportProcedure.ApproveDecision.Verdict.approve.rawValue]]),
            .issueFromCase(as: officer, on: d.notice, template: "RP-NOTICE", values: ["contact.phone": "0571-86001234"]),
            .servePost(as: officer, on: d.told, recipient: "", posted: d.notice, mailNumber: "1187\(d.notice.ordinal)03"),
            .act(as: officer, on: d.told, key: ReportProcedure.NotifyReporter.spec.key, input: [:]),
        ]
        let enforcement: [DemoStep] = [
            .follow(caseType: EnforcementProcedure.caseType),
            .act(as: officer, on: d.decided, key: EnforcementProcedure.RecordDecision.spec.key, input: [
                EnforcementProcedure.RecordDecision.decidedOn.name: [d.decided.iso],
                EnforcementProcedure.RecordDecision.type.name: [EnforcementDecisionType.penalty.rawValue],
                EnforcementProcedure.RecordDecision.documentNumber.name: ["江中市监处罚〔\(d.decided.year)〕9号"],
                EnforcementProcedure.RecordDecision.fine.name: ["3000"], EnforcementProcedure.RecordDecision.goodsValue.name: ["216"],
            ]),
            .act(as: officer, on: d.served, key: EnforcementProcedure.ServeDecision.spec.key, input: [EnforcementProcedure.ServeDecision.servedOn.name: [d.served.iso]]),
            .act(as: officer, on: d.paid, key: EnforcementProcedure.RecordPayment.spec.key, input: [
                EnforcementProcedure.RecordPayment.amount.name: ["3000"], EnforcementProcedure.RecordPayment.paidOn.name: [d.paid.iso],
                EnforcementProcedure.RecordPayment.voucherNo.name: ["非税3301\(d.paid.year)0001296"],
            ]),
            .act(as: officer, on: d.paid, key: EnforcementProcedure.CloseCase.spec.key, input: [EnforcementProcedure.CloseCase.closedOn.name: [d.paid.iso]]),
        ]
        return DemoCase(complaint + report + enforcement)
    }
}
