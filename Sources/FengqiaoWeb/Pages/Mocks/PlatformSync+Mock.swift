import FengqiaoCore
import Foundation

extension PlatformSyncModel {
    /// 2025-09-30 10:00 Beijing time, in Unix ms.
    static let mockNow: Int64 = 1_759_197_600_000

    /// CP-43: a configured platform failing since 10:00, told to the administrators at 12:01, with a
    /// status change waiting for its retry; the last error as the platform's answer (escaped, PLT-35).
    static var mock: Self {
        let state = PlatformSyncState(cursor: "2025-09-30T01:00:00Z", lastPullAt: mockNow + 121 * 60_000, lastPullOkAt: mockNow - 3_600_000,
                                      lastPullItems: 3, itemsPulled: 42, lastPushOkAt: mockNow - 3_600_000, pullFailingSince: mockNow,
                                      lastError: "拉取失败：平台返回 HTTP 503 \(MockData.hostile)", lastErrorAt: mockNow + 121 * 60_000,
                                      adminsToldAt: mockNow + 121 * 60_000)
        return PlatformSyncModel(page: .mock("12315平台同步"),
                                 config: .init(url: "https://12315.example.gov.cn/api", token: "secret-token", unitCode: "JC", intervalMinutes: 60),
                                 state: state, outbox: PlatformOutboxCounts(pending: 2, failed: 1, sent: 17), now: mockNow + 121 * 60_000)
    }

    /// Not configured: how to configure it, no button.
    static var mockUnconfigured: Self {
        PlatformSyncModel(page: .mock("12315平台同步"), config: nil, state: PlatformSyncState(), outbox: PlatformOutboxCounts(pending: 0, failed: 0, sent: 0),
                          now: mockNow)
    }
}
