import Foundation

/// The 12315 platform synchronisation as the database keeps it (CP-43; complaints.md step 1 "platform
/// pull ≥ hourly", and the reminder "Platform sync failing for >2 hours"). Times are Unix milliseconds.
public struct PlatformSyncState: Sendable, Equatable {
    /// The platform's cursor of the last successful pull: the next pull asks for items changed since.
    public var cursor: String?
    public var lastPullAt: Int64?
    public var lastPullOkAt: Int64?
    /// Items the last successful pull brought, and all pulls together.
    public var lastPullItems: Int
    public var itemsPulled: Int
    public var lastPushOkAt: Int64?
    /// The first failed pull (push) since the last good one; nil while they work.
    public var pullFailingSince: Int64?
    public var pushFailingSince: Int64?
    public var lastError: String?
    public var lastErrorAt: Int64?
    /// When this failure episode was told to the system administrators and to the centre head.
    public var adminsToldAt: Int64?
    public var headToldAt: Int64?

    public init(cursor: String? = nil, lastPullAt: Int64? = nil, lastPullOkAt: Int64? = nil, lastPullItems: Int = 0, itemsPulled: Int = 0,
                lastPushOkAt: Int64? = nil, pullFailingSince: Int64? = nil, pushFailingSince: Int64? = nil, lastError: String? = nil,
                lastErrorAt: Int64? = nil, adminsToldAt: Int64? = nil, headToldAt: Int64? = nil) {
        self.cursor = cursor
        self.lastPullAt = lastPullAt
        self.lastPullOkAt = lastPullOkAt
        self.lastPullItems = lastPullItems
        self.itemsPulled = itemsPulled
        self.lastPushOkAt = lastPushOkAt
        self.pullFailingSince = pullFailingSince
        self.pushFailingSince = pushFailingSince
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.adminsToldAt = adminsToldAt
        self.headToldAt = headToldAt
    }

    /// The start of the failure episode: the earlier of a failing pull and a failing push.
    public var failingSince: Int64? { [pullFailingSince, pushFailingSince].compactMap { $0 }.min() }
}

/// How the outbox of status changes stands.
public struct PlatformOutboxCounts: Sendable, Equatable {
    /// Not yet delivered (waiting for their first try or for a retry).
    public var pending: Int
    /// Of those, the ones whose last try failed.
    public var failed: Int
    public var sent: Int

    public init(pending: Int, failed: Int, sent: Int) {
        self.pending = pending
        self.failed = failed
        self.sent = sent
    }
}

/// One status change queued for the platform (CP-43): the platform's number and the case's new
/// state — no party, so a reporter's or complainant's identity never leaves (CP-08).
public struct PlatformStatusMessage: Sendable, Equatable {
    public let id: UUID
    public let caseID: UUID
    public let caseNumber: String?
    public let channel: String
    public let channelNameZH: String
    public let externalNo: String
    public let statusCode: String
    public let statusNameZH: String
    public let on: LocalDate
    public let attempts: Int
    public let nextAttemptAt: Int64

    public init(id: UUID, caseID: UUID, caseNumber: String?, channel: String, channelNameZH: String, externalNo: String, statusCode: String,
                statusNameZH: String, on: LocalDate, attempts: Int, nextAttemptAt: Int64) {
        self.id = id
        self.caseID = caseID
        self.caseNumber = caseNumber
        self.channel = channel
        self.channelNameZH = channelNameZH
        self.externalNo = externalNo
        self.statusCode = statusCode
        self.statusNameZH = statusNameZH
        self.on = on
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
    }
}
