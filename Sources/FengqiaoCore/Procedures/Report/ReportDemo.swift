import Foundation

// The report track's demo (issue 14 item 11: submissions in every state): reports registered by the
// office's 受理员 — one waiting for the 分局's 分送员, one sent to 东湖所, one 东湖所 disputes with 中村所,
// one the 分送员 told to go to the 烟草专卖局, and 中村所's own: verifying, paused for testing, a 不予立案
// proposal waiting for the 局负责人, and one decided and waiting for its reporter to be told. The one
// filed and paid is the complaint demo's split item (ComplaintDemoStates).

extension ReportProcedure {
    static func demoPlan(_ ctx: DemoContext) -> DemoPlan {
        guard ctx.people.count >= 6, ctx.businesses.count >= 30, ctx.users["jcq_dispatcher"] != nil, ctx.users["chief"] != nil else { return DemoPlan() }
        let today = ctx.today, officer = "zc_officer"
        func open(_ i: Int, on day: LocalDate, _ clue: String, category: String = "other", routing: ReportRouting = .handle, anonymous: Bool = false) -> DemoStep {
            var input: [String: [String]] = [
                Register.reported.name: [ctx.businesses[(22 + i) % ctx.businesses.count].id.uuidString], Register.actPlace.name: ["江城区中村街道商业街"],
                Register.category.name: [category], Register.clue.name: [clue], Register.origin.name: [ReportOrigin.direct.rawValue],
                Register.receivedOn.name: [day.iso], Register.routing.name: [routing.rawValue],
            ]
            if !anonymous { input[Register.reporter.name] = [ctx.people[(i + 3) % ctx.people.count].id.uuidString] }
            return .open(as: "zc_registrar", on: day, input: input)
        }
        func dispatch(on day: LocalDate) -> DemoStep {
            .act(as: "jcq_dispatcher", on: day, key: Dispatch.spec.key,
                 input: [Dispatching.unit.name: ["DH"], Dispatching.reportBackOn.name: [ctx.workdays(5, after: day).iso]])
        }
        let yesterday = ctx.calendar.previousWorkday(onOrBefore: today.adding(days: -1))
        let raised = (0..<3).reduce(today) { day, _ in ctx.calendar.previousWorkday(onOrBefore: day.adding(days: -1)) }
        let verifying = today.adding(days: -7), testing = today.adding(days: -20), proposed = today.adding(days: -16), decided = today.adding(days: -12)
        let officers = [ctx.user("zc_officer"), ctx.user("zc_officer2")]
        return DemoPlan(cases: [
            // 已登记: waiting for the 分送员.
            DemoCase([open(0, on: today, "商户在店门口占道堆放液化气钢瓶", routing: .dispatch)]),
            // 已分送: sent to 东湖所 yesterday.
            DemoCase([open(1, on: yesterday, "网店宣称“国家级产品”，涉嫌虚假宣传", routing: .dispatch), dispatch(on: yesterday)]),
            // 管辖争议: 东湖所 names 中村所 (CP-42), three working days ago.
            DemoCase([open(2, on: raised, "药店无证销售处方药", routing: .dispatch), dispatch(on: raised),
                      .act(as: "dh_officer", on: raised, key: RaiseDispute.spec.key,
                           input: [Disputing.otherUnit.name: ["ZC"], Disputing.reason.name: ["被举报药店位于中村街道，东湖所无管辖"]])]),
            // 已告知向有权机关举报 (CP-11): cigarettes sold to minors are the 烟草专卖局's.
            DemoCase([open(3, on: yesterday, "便利店向未成年人销售卷烟", routing: .dispatch),
                      .act(as: "jcq_dispatcher", on: yesterday, key: Refer.spec.key, input: [
                          Refer.authority.name: ["江城市烟草专卖局"], Refer.reason.name: ["向未成年人销售卷烟由烟草专卖行政主管部门查处"],
                      ])]),
            // 核查中: anonymous, seven days in.
            DemoCase([open(4, on: verifying, "餐馆后厨卫生状况差，老鼠出没", anonymous: true)]),
            // 核查暂停计时: the sample sent for testing (CP-26: testing time is not counted).
            DemoCase([open(5, on: testing, "农贸市场摊位销售的韭菜农药残留超标"),
                      .act(as: officer, on: ctx.workdays(4, after: testing), key: PauseVerification.spec.key,
                           input: [PauseVerification.reason.name: [VerificationPauseReason.testing.rawValue], PauseVerification.from.name: [ctx.workdays(4, after: testing).iso]])]),
            // 待局负责人审批: a 不予立案 proposal (the violation already corrected).
            DemoCase([open(6, on: proposed, "理发店价目表未公示"),
                      .act(as: officer, on: ctx.workdays(6, after: proposed), key: ProposeDecision.spec.key, input: [
                          ProposeDecision.decision.name: [ReportDecision.notFile.rawValue], ProposeDecision.ground.name: [NotFilingGround.minorCorrected.rawValue],
                          ProposeDecision.findings.name: ["现场检查时价目表已在店堂显著位置公示，当事人系初次违法且已改正"], ProposeDecision.officers.name: officers,
                      ])]),
            // 待告知举报人: the 不予立案 approved, the named reporter to be told within 5 working days (CP-28).
            DemoCase([open(7, on: decided, "健身房宣传“包瘦”，涉嫌虚假宣传"),
                      .act(as: officer, on: ctx.workdays(4, after: decided), key: ProposeDecision.spec.key, input: [
                          ProposeDecision.decision.name: [ReportDecision.notFile.rawValue], ProposeDecision.ground.name: [NotFilingGround.unfounded.rawValue],
                          ProposeDecision.findings.name: ["经查宣传单页所称“包瘦”系对课程目标的描述，未发现以虚假承诺招揽会员的证据"], ProposeDecision.officers.name: officers,
                      ]),
                      .act(as: "chief", on: ctx.workdays(6, after: decided), key: ApproveDecision.spec.key,
                           input: [ApproveDecision.verdict.name: [ApproveDecision.Verdict.approve.rawValue]])]),
        ])
    }
}
