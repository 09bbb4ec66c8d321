import FengqiaoCore
import Foundation

extension CampaignPages.ListModel {
    /// complaints.md Campaign: one campaign listed, a refused form with what was typed.
    static var mock: Self {
        CampaignPages.ListModel(
            page: .mock("专项行动"),
            rows: [Row(href: "/campaigns/2f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b6c", name: "2025年秋季校园周边食品安全专项行动 \(MockData.hostile)",
                       period: "2025年9月1日至2025年11月30日", category: "食品安全", cases: 3, failed: "2/40")],
            errors: ["不合格批次（5）不能多于抽检批次（4）（X-06）"],
            form: CampaignPages.form(nil, typed: ["name": "元旦春节市场专项检查", "batchesSampled": "4", "batchesFailed": "5"]))
    }
}

extension CampaignPages.DetailModel {
    /// One campaign with its counters and two linked cases.
    static var mock: Self {
        let c = Campaign(name: "2025年秋季校园周边食品安全专项行动", startsOn: LocalDate(year: 2025, month: 9, day: 1)!, endsOn: LocalDate(year: 2025, month: 11, day: 30)!,
                         category: .food, counters: .init(turnouts: 126, premisesInspected: 348, batchesSampled: 40, batchesFailed: 2, unlicensedClosed: 1))
        return CampaignPages.DetailModel(
            page: .mock(c.name), name: c.name, period: "2025年9月1日至2025年11月30日", category: "食品安全",
            counters: Campaign.Counters.fields.map { CampaignPages.Stat(label: $0.labelZH, value: "\(c.counters[keyPath: $0.path])") }
                + [CampaignPages.Stat(label: "查处案件", value: "2")],
            cases: [CaseRow(href: "/cases/1", number: "ZC-PN-2025-0003", title: "江城市东湖食品有限公司涉嫌食品安全违法案 \(MockData.hostile)", state: "已结案",
                            total: "5420.50元", paid: "5420.50元"),
                    CaseRow(href: "/cases/2", number: "ZC-PN-2025-0004", title: "某小吃店涉嫌食品安全违法案", state: "已立案", total: "0.00元", paid: "0.00元")],
            totalFen: "5420.50元", paidFen: "5420.50元", errors: [], form: CampaignPages.form(c, typed: nil),
            action: "/campaigns/2f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b6c", linkAction: "/campaigns/2f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b6c/cases")
    }
}

extension ServicePointPages.Model {
    /// CP-40: two units' rates, one point still to be listed, the forms.
    static var mock: Self {
        ServicePointPages.Model(
            page: .mock("服务站点"), asOf: "2025年12月31日",
            rates: [Rate(unit: "中村市场监管所", established: 4, target: "5", rate: "80.0%"), Rate(unit: "东湖市场监管所", established: 1, target: "未设定", rate: "—")],
            rows: [Row(unit: "中村市场监管所", kind: "投诉举报站", name: "中村商业街投诉站 \(MockData.hostile)", liaison: "周敏", phone: "0571-86001234",
                       listedOn: "2025年3月15日", listed: true),
                   Row(unit: "中村市场监管所", kind: "消协分会", name: "中村消协分会", liaison: "吴强", phone: "13800001111", listedOn: "2026年1月5日", listed: false)],
            errors: ["联系电话只能包含数字和“-”（X-06）"],
            form: ServicePointPages.Form(units: [SelectOption(value: "u1", label: "中村市场监管所", selected: true)],
                       kinds: ServicePointKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0 == .complaintStation) },
                       name: "新街联络点", liaisonName: "郑芳", liaisonPhone: "abc", listedOn: "2025-12-31"))
    }
}

extension EnforcementBriefPages.Model {
    /// The brief of a year: totals, bands and a category breakdown, as `EnforcementBrief` writes them.
    static var mock: Self {
        var f = EnforcementFacts(source: .inspection, sourceRef: nil, partyID: nil, partyName: "某公司", summary: nil, category: .food,
                                 violationCategory: nil, receivedOn: LocalDate(year: 2025, month: 3, day: 3))
        f.filing = .init(on: LocalDate(year: 2025, month: 3, day: 4)!, procedure: .general, officers: [], by: UUID())
        f.payments = [.init(amountFen: 28_257_100, paidOn: LocalDate(year: 2025, month: 6, day: 30)!, voucherNo: "V1", surcharge: false)]
        let brief = EnforcementBrief(period: .year(2025)!, entries: [.init(unitName: "中村市场监管所 \(MockData.hostile)", facts: f)])
        return EnforcementBriefPages.Model(page: .mock("执法办案简报"), periodKey: "2025", periodLabel: "2025年", through: "2025年12月31日",
                                           tables: EnforcementBriefPages.sections(brief), xlsxHref: "/statistics/enforcement/brief?period=2025&format=xlsx",
                                           csvHref: "/statistics/enforcement/brief?period=2025&format=csv",
                                           docxHref: "/statistics/enforcement/brief?period=2025&format=docx", empty: false)
    }
}
