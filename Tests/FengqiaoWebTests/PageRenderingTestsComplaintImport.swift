import FengqiaoCore
import Foundation
import Testing
@testable import FengqiaoWeb

/// STYLE habit 7: the platform and hotline import page (CP-43) from its `.mock`.
@Suite("Page rendering: complaint import (CP-43)")
struct PageRenderingComplaintImportTests {
    @Test("CP-43 Import result: the counts, each row's outcome and case numbers, the refused row with its field and rule, the upload form")
    func result() async throws {
        let page = try await RenderedPage.render("complaint_import", ComplaintImportModel.mock)
        page.check(contains: ["导入12315平台/热线来件", "共 4 行：新登记 2，已更新 0，无变化 1，未导入 1。", "第 5 行", "收到日期：", "（X-06）",
                              "JC-ZC-TS-2025-0002、JC-ZC-JB-2025-0001", "与第2行重复", "新登记", "未导入",
                              #"enctype="multipart/form-data""#, #"name="receive""#, #"max="4" value="4""#])
        #expect(!page.html.contains(#"http-equiv="refresh""#), "a finished import does not refresh itself")
    }

    @Test("CP-43 Import running: the progress bar, the refresh without JavaScript, the status URL the script polls; no receive option without complaint.handle")
    func running() async throws {
        let page = try await RenderedPage.render("complaint_import", ComplaintImportModel.mockRunning)
        page.check(contains: [#"<progress id="import-progress" max="200" value="50">25%</progress>"#, "已处理 50 / 200 行（25%）", "导入中",
                              #"<noscript><meta http-equiv="refresh" content="3"></noscript>"#,
                              #"data-import-status="/complaints/imports/\#(ComplaintImportModel.mockID.uuidString)/status""#])
        #expect(!page.html.contains(#"name="receive""#))
        #expect(!page.html.contains("import-summary"))
    }
}
