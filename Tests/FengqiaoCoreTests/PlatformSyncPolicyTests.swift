import FengqiaoCore
import Foundation
import Testing

/// CP-43, complaints.md step 1 and "Platform sync failing for >2 hours": when to pull, how long a
/// failed status push waits, and who is told when.
@Suite("Platform sync policy (CP-43)")
struct PlatformSyncPolicyTests {
    static let ten: Int64 = 1_759_197_600_000  // 2025-09-30 10:00 Beijing
    static let minute: Int64 = 60_000

    @Test("CP-43 step 1 pull at least hourly: never pulled → due; 59 minutes after a good pull → not due, 60 → due; after a failed pull, again in 5 minutes")
    func pullDue() {
        // setup
        let hour = 60 * Self.minute
        let good = PlatformSyncState(lastPullAt: Self.ten, lastPullOkAt: Self.ten)
        let failing = PlatformSyncState(lastPullAt: Self.ten, pullFailingSince: Self.ten)
        // check
        #expect(PlatformSyncPolicy.pullDue(PlatformSyncState(), now: Self.ten, intervalMs: hour))
        #expect(!PlatformSyncPolicy.pullDue(good, now: Self.ten + 59 * Self.minute, intervalMs: hour))
        #expect(PlatformSyncPolicy.pullDue(good, now: Self.ten + hour, intervalMs: hour))
        #expect(!PlatformSyncPolicy.pullDue(failing, now: Self.ten + 4 * Self.minute, intervalMs: hour))
        #expect(PlatformSyncPolicy.pullDue(failing, now: Self.ten + 5 * Self.minute, intervalMs: hour))
    }

    @Test("CP-43 a failed status push waits 1, 2, 4 … minutes, at most an hour")
    func backoff() {
        #expect([1, 2, 3, 4, 7, 8, 30].map { PlatformSyncPolicy.backoffMs(attempts: $0) / Self.minute } == [1, 2, 4, 8, 60, 60, 60])
    }

    @Test("CP-43 failing since 10:00: at 12:00 no one, at 12:01 the administrators, at 14:01 the centre head, each once per episode; a push failure counts from its own start")
    func alerts() {
        // setup
        var s = PlatformSyncState(pullFailingSince: Self.ten)
        // check
        #expect(PlatformSyncPolicy.alerts(s, now: Self.ten + 120 * Self.minute) == .init(admins: false, head: false))
        #expect(PlatformSyncPolicy.alerts(s, now: Self.ten + 121 * Self.minute) == .init(admins: true, head: false))
        s.adminsToldAt = Self.ten + 121 * Self.minute
        #expect(PlatformSyncPolicy.alerts(s, now: Self.ten + 180 * Self.minute) == .init(admins: false, head: false))
        #expect(PlatformSyncPolicy.alerts(s, now: Self.ten + 241 * Self.minute) == .init(admins: false, head: true))
        s.headToldAt = Self.ten + 241 * Self.minute
        #expect(PlatformSyncPolicy.alerts(s, now: Self.ten + 600 * Self.minute) == .init(admins: false, head: false))
        let push = PlatformSyncState(pushFailingSince: Self.ten + 60 * Self.minute)
        #expect(push.failingSince == Self.ten + 60 * Self.minute)
        #expect(PlatformSyncPolicy.alerts(push, now: Self.ten + 181 * Self.minute) == .init(admins: true, head: false))
        #expect(PlatformSyncPolicy.alerts(PlatformSyncState(), now: Self.ten + 600 * Self.minute) == .init(admins: false, head: false))
    }
}
