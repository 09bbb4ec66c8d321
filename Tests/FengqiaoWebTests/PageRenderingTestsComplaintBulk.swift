import FengqiaoCore
import Foundation
import Testing
@testable import FengqiaoWeb

/// STYLE habit 7: the quarterly public statistics (CP-39) and the bulk page (CP-44) from their `.mock`s.
@Suite("Page rendering: complaint public statistics and bulk operations (CP-39, CP-44)")
struct PageRenderingComplaintBulkTests {
    @Test("CP-39 public statistics: Q4 2025 published on 2026-01-05, counts, small channels merged into 其他, downloads; no publish form once published")
    func publicStatistics() async throws {
        let page = try await RenderedPage.render("complaint-public", ComplaintPublicModel.mock)
        page.check(contains: ["投诉举报季度公开统计 · 2025年第四季度", "已发布", "2026-01-05", "总体情况", "收到投诉（件）", "挽回经济损失", "1234.50元",
                              "同比", "去年同期", "+20.0%", "—", "投诉来源渠道", "全国12315平台", "其他（不足3件的类别合并）", "举报违法行为类别", "导出 XLSX", "导出 CSV", "统计分析报告 DOCX"])
        #expect(!page.html.contains("publish-form"))
        #expect(!page.html.contains("传真") && !page.html.contains("来信"), "a channel under 3 is merged, not named")
    }

    @Test("CP-44 bulk confirmation: what will happen to which item, the refused one with its reason and code, the apply form with CSRF carrying only the ready item")
    func bulkConfirmation() async throws {
        let page = try await RenderedPage.render("bulk", BulkModel.mock)
        page.check(contains: ["<h1>投诉批量办理 · 批量分送</h1>", "请确认", "分送至东湖市场监管所（DH），反馈日期2025年10月10日", "将办理", "不予办理", "不得自行转送", "complaint.forward.refused",
                              "确认批量分送", #"name="ids[]" value="0A1B2C3D-4E5F-4607-8819-2A3B4C5D6E7F""#])
        #expect(!page.html.contains(#"name="ids[]" value="1A1B2C3D"#), "a refused item is not applied")
    }

    @Test("CP-44 bulk selection: checkboxes, the three operations, the limit of 200 and the refusal of bulk decisions stated")
    func bulkSelection() async throws {
        let page = try await RenderedPage.render("bulk", BulkModel.mockSelecting)
        page.check(contains: [#"type="checkbox" name="ids[]""#, #"value="dispatch""#, #"value="assign""#, #"value="export""#, "最多 200 件",
                              "受理/不予受理、终止调解和办结须逐件办理", "吴所长（head_b）", "东湖市场监管所（DH）", "<h1>投诉批量办理</h1>"])
        #expect(!page.html.contains("<h1>投诉批量办理 ·"), "no operation is chosen yet: the heading names none")
    }

    @Test("CP-44 CP-08 report bulk selection: the same page for reports — 举报批量办理, the report refusals stated, dispatch offered, no assignment without the permission")
    func reportBulkSelection() async throws {
        let page = try await RenderedPage.render("bulk", BulkModel.mockReports)
        page.check(contains: ["<h1>举报批量办理</h1>", "选择举报", "立案/不予立案、告知举报人", #"value="dispatch""#, #"value="export""#, "/reports/bulk"])
        #expect(!page.html.contains(#"value="assign""#))
    }
}
