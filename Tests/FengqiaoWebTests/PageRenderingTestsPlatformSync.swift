import FengqiaoCore
import Foundation
import Testing
@testable import FengqiaoWeb

/// STYLE habit 7: the 12315 platform synchronisation page (CP-43) from its `.mock`.
@Suite("Page rendering: platform sync (CP-43)")
struct PageRenderingPlatformSyncTests {
    @Test("CP-43 Platform sync page: last pull, cursor, items pulled, outbox pending and failed, the failing episode and who was told, the last error escaped, the pull-now form with CSRF; the token never shown")
    func configured() async throws {
        let page = try await RenderedPage.render("platform_sync", PlatformSyncModel.mock)
        page.check(contains: ["12315平台同步", "https://12315.example.gov.cn/api", "已设置令牌", "来件登记单位", "JC", "60 分钟",
                              "2025-09-30 12:01", "2025-09-30 09:00（本次 3 件）", "2025-09-30T01:00:00Z", "42 件",
                              "2 条（其中回传失败、等待重试 1 条）", "17 条", "同步自 2025-09-30 10:00 起失败", "已于 2025-09-30 12:01 提醒系统管理员",
                              RenderedPage.escapedHostile, #"action="/admin/platform-sync/pull""#, #"name="_csrf""#, #"id="platform-pull-now""#])
        #expect(!page.html.contains("secret-token"))
        #expect(!page.html.contains("<script>alert(1)"))
        #expect(!page.html.contains("platform-unconfigured"))
    }

    @Test("CP-43 Platform sync page, not configured: the empty state says which variables to set, and offers no pull")
    func unconfigured() async throws {
        let page = try await RenderedPage.render("platform_sync", PlatformSyncModel.mockUnconfigured)
        page.check(contains: ["尚未配置", "FENGQIAO_PLATFORM_URL", "FENGQIAO_PLATFORM_UNIT", "FENGQIAO_PLATFORM_TOKEN", "FENGQIAO_PLATFORM_INTERVAL_MINUTES"], hostile: false)
        #expect(!page.html.contains("platform-pull-now"))
    }
}
