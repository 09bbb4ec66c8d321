import FengqiaoCore
import Foundation
import SQLKit

/// The 12315 platform synchronisation's state, lease and status outbox (CP-43, migration 032). The
/// HTTP side lives in the web target (`PlatformSync`); this keeps what several stateless servers on
/// one database must agree on.
public struct PlatformSyncRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    // MARK: outbox

    /// CP-43: queues a status change of a case from outside, in the transaction of the change (so
    /// the change and its message land together or not at all). Called by the engine's write for
    /// any procedure that declares an `ExternalReference`.
    public static func enqueue(_ tx: WriteTx, _ ref: ExternalReference, caseID: UUID, caseNumber: String?, state: String, stateNameZH: String,
                               on day: LocalDate) async throws {
        try await tx.sql.insert(into: "platform_outbox")
            .columns("id", "case_id", "case_number", "channel", "channel_name", "external_no", "status_code", "status_name", "on_date", "created_at",
                     "attempts", "next_attempt_at")
            .values(SQLBind(UUID()), SQLBind(caseID), SQLBind(caseNumber), SQLBind(ref.channel), SQLBind(ref.channelNameZH), SQLBind(ref.number),
                    SQLBind(state), SQLBind(stateNameZH), SQLBind(day.iso), SQLBind(tx.now), SQLBind(0), SQLBind(tx.now))
            .run()
    }

    /// The status code of a filed case (it has left the procedure's states).
    public static let archivedCode = "archived"

    /// A stored case's reference to the system it came from, by its procedure (nil: none, or a
    /// procedure not registered here).
    static func reference(caseType: String, facts: String?, procedures: ProcedureRegistry) -> ExternalReference? {
        guard let facts, let p = procedures.procedure(caseType: caseType) else { return nil }
        return reference(p, facts)
    }

    private static func reference<P: Procedure>(_ p: P.Type, _ text: String) -> ExternalReference? {
        guard let facts = try? JSONDecoder().decode(P.Facts.self, from: Data(text.utf8)) else { return nil }
        return P.externalReference(facts)
    }

    /// Undelivered messages, oldest first (a case's changes reach the platform in order).
    public func unsent(limit: Int = 200) async throws -> [PlatformStatusMessage] {
        try await store.sql.select().columns("id", "case_id", "case_number", "channel", "channel_name", "external_no", "status_code", "status_name",
                                             "on_date", "attempts", "next_attempt_at")
            .from("platform_outbox").where("sent_at", .is, SQLLiteral.null).orderBy("created_at").orderBy("id").limit(limit).all().map { r in
                PlatformStatusMessage(id: try r.decode(column: "id", as: UUID.self), caseID: try r.decode(column: "case_id", as: UUID.self),
                                      caseNumber: try r.decode(column: "case_number", as: String?.self),
                                      channel: try r.decode(column: "channel", as: String.self), channelNameZH: try r.decode(column: "channel_name", as: String.self),
                                      externalNo: try r.decode(column: "external_no", as: String.self),
                                      statusCode: try r.decode(column: "status_code", as: String.self),
                                      statusNameZH: try r.decode(column: "status_name", as: String.self),
                                      on: LocalDate(iso: try r.decode(column: "on_date", as: String.self)) ?? store.clock.todayInBeijing,
                                      attempts: try r.decode(column: "attempts", as: Int.self),
                                      nextAttemptAt: try r.decode(column: "next_attempt_at", as: Int64.self))
            }
    }

    /// Delivered: never sent again.
    public func markSent(_ id: UUID) async throws {
        try await store.sql.update("platform_outbox").set("sent_at", to: SQLBind(store.clock.nowMillis)).set("last_error", to: SQLBind(String?.none))
            .where("id", .equal, SQLBind(id)).run()
    }

    /// Not delivered: tried again after the policy's backoff.
    public func markFailed(_ m: PlatformStatusMessage, error: String) async throws {
        let attempts = m.attempts + 1
        try await store.sql.update("platform_outbox").set("attempts", to: SQLBind(attempts))
            .set("next_attempt_at", to: SQLBind(store.clock.nowMillis + PlatformSyncPolicy.backoffMs(attempts: attempts)))
            .set("last_error", to: SQLBind(String(error.prefix(500)))).where("id", .equal, SQLBind(m.id)).run()
    }

    public func outboxCounts() async throws -> PlatformOutboxCounts {
        let rows = try await store.sql.select().columns("attempts", "sent_at").from("platform_outbox").all()
        var counts = PlatformOutboxCounts(pending: 0, failed: 0, sent: 0)
        for r in rows {
            if try r.decode(column: "sent_at", as: Int64?.self) != nil { counts.sent += 1; continue }
            counts.pending += 1
            if try r.decode(column: "attempts", as: Int.self) > 0 { counts.failed += 1 }
        }
        return counts
    }

    // MARK: state

    public func state() async throws -> PlatformSyncState {
        guard let r = try await store.sql.select().column("*").from("platform_sync").where("id", .equal, SQLBind(1)).first() else {
            return PlatformSyncState()
        }
        return PlatformSyncState(cursor: try r.decode(column: "cursor", as: String?.self), lastPullAt: try r.decode(column: "last_pull_at", as: Int64?.self),
                                 lastPullOkAt: try r.decode(column: "last_pull_ok_at", as: Int64?.self),
                                 lastPullItems: try r.decode(column: "last_pull_items", as: Int.self),
                                 itemsPulled: try r.decode(column: "items_pulled", as: Int.self),
                                 lastPushOkAt: try r.decode(column: "last_push_ok_at", as: Int64?.self),
                                 pullFailingSince: try r.decode(column: "pull_failing_since", as: Int64?.self),
                                 pushFailingSince: try r.decode(column: "push_failing_since", as: Int64?.self),
                                 lastError: try r.decode(column: "last_error", as: String?.self), lastErrorAt: try r.decode(column: "last_error_at", as: Int64?.self),
                                 adminsToldAt: try r.decode(column: "admins_told_at", as: Int64?.self),
                                 headToldAt: try r.decode(column: "head_told_at", as: Int64?.self))
    }

    /// The state row exists from the first use on (not seeded: a restored older backup has none).
    private func ensureRow() async throws {
        guard try await store.sql.select().column("id").from("platform_sync").where("id", .equal, SQLBind(1)).first() == nil else { return }
        do {
            try await store.sql.insert(into: "platform_sync").columns("id", "last_pull_items", "items_pulled").values(SQLBind(1), SQLBind(0), SQLBind(0)).run()
        } catch {
            // Another server inserted it between the check and the insert.
        }
    }

    /// Takes the lease for one pass of pull and push, when no other server holds a live one: only
    /// one server talks to the platform at a time, however many run the scheduler. The update is
    /// conditional on the row as it stands, so two servers cannot both win.
    public func acquireLease(_ holder: String, forMs: Int64 = 10 * 60_000) async throws -> Bool {
        try await ensureRow()
        let now = store.clock.nowMillis
        try await store.sql.update("platform_sync").set("lease_holder", to: SQLBind(holder)).set("lease_until", to: SQLBind(now + forMs))
            .where("id", .equal, SQLBind(1))
            .where { $0.where("lease_until", .is, SQLLiteral.null).orWhere("lease_until", .lessThan, SQLBind(now)).orWhere("lease_holder", .equal, SQLBind(holder)) }
            .run()
        let row = try await store.sql.select().column("lease_holder").from("platform_sync").where("id", .equal, SQLBind(1)).first()
        return try row?.decode(column: "lease_holder", as: String?.self) == holder
    }

    public func releaseLease(_ holder: String) async throws {
        try await store.sql.update("platform_sync").set("lease_until", to: SQLBind(Int64?.none)).set("lease_holder", to: SQLBind(String?.none))
            .where("id", .equal, SQLBind(1)).where("lease_holder", .equal, SQLBind(holder)).run()
    }

    /// A pull that worked: the platform's new cursor (kept when it sent none) and the items it brought.
    public func pullSucceeded(cursor: String?, items: Int) async throws {
        try await ensureRow()
        let s = try await state()
        let now = store.clock.nowMillis
        try await store.sql.update("platform_sync").set("cursor", to: SQLBind(cursor ?? s.cursor)).set("last_pull_at", to: SQLBind(now))
            .set("last_pull_ok_at", to: SQLBind(now)).set("last_pull_items", to: SQLBind(items)).set("items_pulled", to: SQLBind(s.itemsPulled + items))
            .set("pull_failing_since", to: SQLBind(Int64?.none)).where("id", .equal, SQLBind(1)).run()
    }

    public func pullFailed(_ error: String) async throws {
        try await ensureRow()
        let s = try await state()
        let now = store.clock.nowMillis
        try await store.sql.update("platform_sync").set("last_pull_at", to: SQLBind(now)).set("pull_failing_since", to: SQLBind(s.pullFailingSince ?? now))
            .set("last_error", to: SQLBind("拉取失败：" + String(error.prefix(500)))).set("last_error_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(1)).run()
    }

    /// The outcome of a pass's deliveries (none tried: nothing is learnt, nothing changes).
    public func pushed(failures: Int, delivered: Int, lastError: String?) async throws {
        guard failures + delivered > 0 else { return }
        try await ensureRow()
        let s = try await state()
        let now = store.clock.nowMillis
        if failures == 0 {
            try await store.sql.update("platform_sync").set("last_push_ok_at", to: SQLBind(now)).set("push_failing_since", to: SQLBind(Int64?.none))
                .where("id", .equal, SQLBind(1)).run()
        } else {
            var update = store.sql.update("platform_sync").set("push_failing_since", to: SQLBind(s.pushFailingSince ?? now))
                .set("last_error", to: SQLBind("回传失败：" + String((lastError ?? "").prefix(500)))).set("last_error_at", to: SQLBind(now))
            if delivered > 0 { update = update.set("last_push_ok_at", to: SQLBind(now)) }
            try await update.where("id", .equal, SQLBind(1)).run()
        }
    }

    /// This failure episode was told to the administrators (`admins`) or to the centre head.
    public func told(admins: Bool) async throws {
        try await store.sql.update("platform_sync").set(admins ? "admins_told_at" : "head_told_at", to: SQLBind(store.clock.nowMillis))
            .where("id", .equal, SQLBind(1)).run()
    }

    /// A recovery ends the episode: the next failure is told again.
    public func episodeEnded() async throws {
        try await store.sql.update("platform_sync").set("admins_told_at", to: SQLBind(Int64?.none)).set("head_told_at", to: SQLBind(Int64?.none))
            .where("id", .equal, SQLBind(1)).run()
    }
}
