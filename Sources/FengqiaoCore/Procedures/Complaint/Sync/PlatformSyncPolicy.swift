/// When the 12315 platform is pulled, when a status push is retried, and who is told when the
/// synchronisation fails (CP-43; complaints.md step 1 and "Reminders and escalations"). Pure: the
/// scheduler passes the state and the instant (Unix ms).
public enum PlatformSyncPolicy {
    /// "Platform sync failing for >2 hours": the system administrators are told (the reminder).
    public static let adminsAfterMs: Int64 = 2 * 3_600_000
    /// The escalation to the centre head, two hours after the administrators were told and nothing
    /// recovered (our reading: the spec names no delay; an escalation follows its reminder, as every
    /// other row of the table does, and 4 hours of no platform items is the centre's problem).
    public static let headAfterMs: Int64 = 4 * 3_600_000
    /// After a failed pull the platform is asked again this soon, not a whole interval later.
    public static let retryPullAfterMs: Int64 = 5 * 60_000
    /// The longest wait between two tries of one status message.
    public static let maxBackoffMs: Int64 = 60 * 60_000

    /// Whether a pull is due: never pulled, a whole interval since the last try, or — while pulls
    /// fail — a few minutes since the failed one (step 1: at least hourly).
    public static func pullDue(_ s: PlatformSyncState, now: Int64, intervalMs: Int64) -> Bool {
        guard let last = s.lastPullAt else { return true }
        let wait = s.pullFailingSince == nil ? intervalMs : min(intervalMs, retryPullAfterMs)
        return now - last >= wait
    }

    /// The wait before the next try of a status message that failed `attempts` times: 1, 2, 4 …
    /// minutes, at most an hour.
    public static func backoffMs(attempts: Int) -> Int64 {
        min(maxBackoffMs, Int64(60_000) << Int64(min(max(attempts - 1, 0), 10)))
    }

    public struct Alerts: Sendable, Equatable {
        public var admins: Bool
        public var head: Bool
        public init(admins: Bool, head: Bool) {
            self.admins = admins
            self.head = head
        }
    }

    /// Who is to be told now: each once per failure episode, the administrators after more than
    /// 2 hours of failing, the centre head after more than 4.
    public static func alerts(_ s: PlatformSyncState, now: Int64) -> Alerts {
        guard let since = s.failingSince else { return Alerts(admins: false, head: false) }
        return Alerts(admins: s.adminsToldAt == nil && now - since > adminsAfterMs, head: s.headToldAt == nil && now - since > headAfterMs)
    }
}
