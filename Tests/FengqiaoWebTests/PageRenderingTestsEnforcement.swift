import FengqiaoCore
import Foundation
import Testing
@testable import FengqiaoWeb

/// STYLE habit 7: the enforcement registry's own pages — 专项行动 and service points — from their `.mock`.
@Suite("Page rendering: campaigns and service points (STYLE habit 7)")
struct PageRenderingEnforcementTests {
    @Test("Campaign list: one campaign, a refused form keeping what was typed, no quota column (CP-34)")
    func campaigns() async throws {
        let page = try await RenderedPage.render("campaigns", CampaignPages.ListModel.mock)
        page.check(contains: ["专项行动", "2025年秋季校园周边食品安全专项行动", "2/40", "不合格批次（5）不能多于抽检批次（4）（X-06）", #"value="元旦春节市场专项检查""#,
                              #"name="batchesFailed" value="5""#, "出动人次", "取缔无照"])
        let inputs = page.html.components(separatedBy: "name=\"").dropFirst().map { $0.prefix { $0 != "\"" }.lowercased() }
        #expect(!inputs.isEmpty && !inputs.contains { $0.contains("quota") || $0.contains("budget") || $0.contains("target") })
        #expect(!page.html.contains("<th>预算") && !page.html.contains("完成率</th>"))
    }

    @Test("Campaign: counters, linked cases with their 罚没, the link and edit forms")
    func campaign() async throws {
        let page = try await RenderedPage.render("campaign", CampaignPages.DetailModel.mock)
        page.check(contains: ["出动人次", "126", "检查户数", "348", "ZC-PN-2025-0003", "5420.50元", "归入本专项行动", "修改专项行动及计数"])
        #expect(page.postForms.count == 3, "the layout's logout and the two forms")
    }

    @Test("CP-40 Service points: 挂牌率 per unit (— without a target), a point still to be listed, the forms")
    func servicePoints() async throws {
        let page = try await RenderedPage.render("service_points", ServicePointPages.Model.mock)
        page.check(contains: ["服务站点与挂牌率（CP-40）", "80.0%", "未设定", "中村商业街投诉站", "（待挂牌）", "联系电话只能包含数字和“-”（X-06）", #"value="新街联络点""#,
                              "设定目标数"])
        #expect(page.postForms.count == 3, "the layout's logout and the two forms")
    }

    @Test("Enforcement brief: totals, 大要案 bands and the category breakdown with shares; no 预算完成率 (CP-34)")
    func brief() async throws {
        let page = try await RenderedPage.render("enforcement-brief", EnforcementBriefPages.Model.mock)
        page.check(contains: ["执法办案简报 · 2025年", "总体情况", "查处案件数", "282571.00元", "大要案（罚没合计）", "≥1万元", "按案件类别", "食品安全", "100.0%",
                              "简报 DOCX"])
        #expect(!page.html.contains("完成率</th>") && !page.html.contains("<th>预算"))
    }
}
