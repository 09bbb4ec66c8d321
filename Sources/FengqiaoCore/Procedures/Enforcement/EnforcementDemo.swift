import Foundation

// The registry's demo (issue 14 item 11): a 一般程序 case filed before the 2026 Spring Festival,
// decided, served, paid with its voucher and closed; a 简易程序 warning; a case filed twenty days ago
// with its decision clock running; and a clue waiting for 立案. 李明 zc_officer and 王芳 zc_officer2
// hold 行政执法证.

extension EnforcementProcedure {
    static func demoPlan(_ ctx: DemoContext) -> DemoPlan {
        guard ctx.parties.count >= 28 else { return DemoPlan() }
        let today = ctx.today
        let officer = "zc_officer"
        let officers = [ctx.user("zc_officer"), ctx.user("zc_officer2")]
        func open(_ i: Int, on day: LocalDate, _ category: EnforcementCategory, _ summary: String, filed: Bool) -> DemoStep {
            var input: [String: [String]] = [
                Register.source.name: [EnforcementSource.inspection.rawValue], Register.party.name: [ctx.parties[24 + i].id.uuidString],
                Register.category.name: [category.rawValue], Register.summary.name: [summary], Register.receivedOn.name: [day.iso],
            ]
            if filed { input[Register.filedOn.name] = [day.iso]; input[Register.officers.name] = officers }
            return .open(as: officer, on: day, input: input)
        }
        let filed = LocalDate(year: 2026, month: 1, day: 26) ?? today
        let decided = ctx.workdays(20, after: filed)
        let served = ctx.workdays(2, after: decided)
        let paid = ctx.workdays(10, after: served)
        var cases = [DemoCase([
            open(0, on: filed, .food, "销售超过保质期的预包装食品，货值金额1,860元", filed: true),
            .act(as: officer, on: decided, key: RecordDecision.spec.key, input: [
                RecordDecision.decidedOn.name: [decided.iso], RecordDecision.type.name: [EnforcementDecisionType.penalty.rawValue],
                RecordDecision.documentNumber.name: ["江中市监处罚〔\(decided.year)〕3号"], RecordDecision.fine.name: ["5000"],
                RecordDecision.gains.name: ["420.50"], RecordDecision.goodsValue.name: ["1860"],
            ]),
            .act(as: officer, on: served, key: ServeDecision.spec.key, input: [ServeDecision.servedOn.name: [served.iso]]),
            .act(as: officer, on: paid, key: RecordPayment.spec.key, input: [
                RecordPayment.amount.name: ["5420.50"], RecordPayment.paidOn.name: [paid.iso], RecordPayment.voucherNo.name: ["非税3301\(paid.year)0000871"],
            ]),
            .act(as: officer, on: paid, key: CloseCase.spec.key, input: [CloseCase.closedOn.name: [paid.iso]]),
        ])]
        let warned = today.adding(days: -12)
        cases.append(DemoCase([
            open(1, on: warned, .price, "商品未明码标价", filed: false),
            .act(as: officer, on: warned, key: FileCase.spec.key, input: [
                FileCase.filedOn.name: [warned.iso], FileCase.procedure.name: [PenaltyProcedureKind.simple.rawValue], FileCase.officers.name: officers,
                FileCase.simplePenalty.name: [SimplePenalty.warning.rawValue], FileCase.documentNumber.name: ["江中市监简罚〔\(warned.year)〕12号"],
            ]),
        ]))
        cases.append(DemoCase([open(2, on: today.adding(days: -20), .advertising, "发布含有“最佳”“国家级”用语的广告", filed: true)]))
        cases.append(DemoCase([open(3, on: today.adding(days: -2), .unlicensed, "巡查发现未取得营业执照从事经营活动", filed: false)]))
        let from = LocalDate(year: 2024, month: 1, day: 1) ?? today
        return DemoPlan(qualifications: ["zc_officer", "zc_officer2"].map {
            DemoPlan.Qualification($0, EnforcementOfficers.certificate, issuer: "江城市人民政府", obtainedOn: from, expiresOn: from.adding(months: 72))
        }, cases: cases)
    }
}
