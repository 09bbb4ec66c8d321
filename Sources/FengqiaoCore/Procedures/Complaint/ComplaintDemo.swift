import Foundation

// The complaint track's demo (issue 14 item 11, first part): complaints of the office in several
// states, played through the real procedure on their own dates — one accepted across the 2026 Spring
// Festival and mediated to agreement, one paused for testing, one awaiting the head's approval and one
// just received. 李明 zc_officer registers and handles; the office head zc_head approves. Each decision
// is issued and served as the office would (CP-14, DOC-30), and the agreement is a 调解书 (CP-23).

extension ComplaintProcedure {
    static func demoPlan(_ ctx: DemoContext) -> DemoPlan {
        guard ctx.people.count >= 6, ctx.businesses.count >= 22 else { return DemoPlan() }
        let today = ctx.today
        let officer = "zc_officer", head = "zc_head"
        func open(_ i: Int, on day: LocalDate, _ request: String) -> DemoStep { demoOpen(ctx, i, on: day, request) }
        // A complaint document with the sample text, addressed and naming the demo's parties; served by post when `served`.
        func document(_ code: String, _ i: Int, on day: LocalDate, _ own: [String: String], served: Bool) -> [DemoStep] {
            let complainant = demoComplainant(ctx, i).name, respondent = demoRespondent(ctx, i).name
            let to = ComplaintDocuments.toComplainant.contains(code) ? complainant : respondent
            var values = ComplaintDocuments.sampleValues(for: code)
            let names = ["party.name": to, "complainant.name": complainant, "respondent.name": respondent]
            for (k, v) in names.merging(own, uniquingKeysWith: { _, o in o }) where values[k] != nil { values[k] = v }
            let issued: DemoStep = .issue(as: officer, on: day, template: code, values: values, recipient: to)
            return served ? [issued, .servePost(as: officer, on: day, recipient: to, posted: day, mailNumber: "11877\(i)\(100_000 + day.ordinal % 100_000)")] : [issued]
        }
        func accepted(_ i: Int, _ day: LocalDate, _ request: String) -> [DemoStep] {
            let decided = ctx.workdays(3, after: day)
            return [.act(as: officer, on: day, key: Receive.spec.key, input: [:]),
                    .act(as: officer, on: ctx.workdays(2, after: day), key: ProposeDecision.spec.key, input: [ProposeDecision.choice.name: [AcceptanceChoice.accept.rawValue]]),
                    .act(as: head, on: decided, key: ApproveDecision.spec.key, input: [ApproveDecision.verdict.name: [ApproveDecision.Verdict.approve.rawValue]])]
                + document("CP-ACCEPT", i, on: decided, ["complaint.receivedDate": day.chinese, "decision.date": decided.chinese,
                                                         "complaint.request": request + "。"], served: true)
        }
        let spring = LocalDate(year: 2026, month: 2, day: 11) ?? today
        let agreed = ctx.workdays(8, after: spring)
        let consented = ctx.workdays(5, after: spring)
        var cases = [DemoCase([open(0, on: spring, "退还预付卡余额")] + accepted(0, spring, "退还预付卡余额") + [
            .act(as: officer, on: consented, key: RecordConsents.spec.key, input: [
                RecordConsents.complainantOn.name: [ctx.workdays(4, after: spring).iso], RecordConsents.respondentOn.name: [consented.iso],
            ]),
        ] + document("CP-MEDIATION-NOTICE", 0, on: consented, ["decision.date": ctx.workdays(3, after: spring).chinese, "complaint.request": "退还预付卡余额。",
                                                               "mediation.time": "\(agreed.chinese)上午9时30分"], served: true)
          + document("CP-AGREEMENT", 0, on: agreed, [
              "complaint.receivedDate": spring.chinese, "complaint.request": "退还预付卡余额。", "complaint.facts": "在被投诉人处办理的预付卡尚有余额，被投诉人拒绝退还，双方协商未果。",
              "agreement.terms": "1.被投诉人于\(ctx.workdays(3, after: agreed).chinese)前一次性退还投诉人预付卡余额人民币壹仟贰佰捌拾元整（¥1,280.00）；\n2.投诉人收到退款后将预付卡交还被投诉人；\n3.双方就本次消费争议再无其他争议。",
          ], served: false) + [
            .act(as: officer, on: agreed, key: RecordOutcome.spec.key, input: [
                RecordOutcome.outcome.name: [MediationOutcome.agreement.rawValue], RecordOutcome.complainantSigned.name: ["on"],
                RecordOutcome.respondentSigned.name: ["on"], RecordOutcome.originals.name: ["3"], RecordOutcome.recovered.name: ["1280.00"],
            ]),
        ])]
        let testing = today.adding(days: -30)
        let pauseFrom = ctx.workdays(6, after: testing)
        cases.append(DemoCase([open(1, on: testing, "电动车电池质量问题，要求更换")] + accepted(1, testing, "更换电动车电池") + [
            .act(as: officer, on: ctx.workdays(4, after: testing), key: RecordConsents.spec.key, input: [
                RecordConsents.complainantOn.name: [ctx.workdays(4, after: testing).iso], RecordConsents.respondentOn.name: [ctx.workdays(4, after: testing).iso],
            ]),
            .act(as: officer, on: pauseFrom, key: PauseMediation.spec.key, input: [PauseMediation.reason.name: [PauseReason.testing.rawValue],
                                                                                      PauseMediation.from.name: [pauseFrom.iso]]),
        ]))
        let proposed = today.adding(days: -4)
        cases.append(DemoCase([open(2, on: proposed, "美容店拒不退还剩余课时费"),
                               .act(as: officer, on: proposed, key: Receive.spec.key, input: [:]),
                               .act(as: officer, on: ctx.workdays(1, after: proposed) <= today ? ctx.workdays(1, after: proposed) : proposed,
                                    key: ProposeDecision.spec.key, input: [ProposeDecision.choice.name: [AcceptanceChoice.accept.rawValue]])]))
        cases.append(DemoCase([open(3, on: today, "网购商品与描述不符"), .act(as: officer, on: today, key: Receive.spec.key, input: [:])]))
        return DemoPlan(cases: cases + demoDelegationAndDispute(ctx) + demoStates(ctx))
    }

    /// The demo's `i`-th complainant: a natural person (a consumer), never a shop.
    static func demoComplainant(_ ctx: DemoContext, _ i: Int) -> DemoContext.Party { ctx.people[i % ctx.people.count] }
    /// The business the `i`-th complaint is against.
    static func demoRespondent(_ ctx: DemoContext, _ i: Int) -> DemoContext.Party { ctx.businesses[(16 + i) % ctx.businesses.count] }

    /// A complaint of the demo's `i`-th complainant against its respondent, from the 12315 platform,
    /// registered by zc_officer on `day`.
    static func demoOpen(_ ctx: DemoContext, _ i: Int, on day: LocalDate, _ request: String, as login: String = "zc_officer") -> DemoStep {
        .open(as: login, on: day, input: [
            Register.complainant.name: [demoComplainant(ctx, i).id.uuidString], Register.respondent.name: [demoRespondent(ctx, i).id.uuidString],
            Register.channel.name: [ComplaintChannel.platform.rawValue], Register.externalNo.name: ["\(day.year)\(String(format: "%02d%02d", day.month, day.day))00\(i + 1)"],
            Register.receivedOn.name: [day.iso], Register.knewOn.name: [day.adding(days: -5).iso], Register.request.name: [request],
            Register.statement.name: ["投诉人称：\(request)，经协商未果，请求市场监管部门调解。"],
        ])
    }
}
