import FengqiaoCore
import Foundation
import SQLKit

/// Frozen figures of closed periods (ST-03, CP-38, migration 026): stored once, read back unchanged;
/// later changes to cases never alter them.
public struct StatisticsSnapshotRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// A stored snapshot: its body and the day it was frozen.
    public struct Snapshot: Sendable, Equatable {
        public let frozenOn: LocalDate
        public let body: String
    }

    /// The snapshot of `kind` for `period` (`2025-09`), if frozen.
    public func find(kind: String, period: String) async throws -> Snapshot? {
        guard let row = try await store.sql.select().columns("frozen_on", "body").from("statistics_snapshots")
            .where("kind", .equal, SQLBind(kind)).where("period", .equal, SQLBind(period)).first() else { return nil }
        return Snapshot(frozenOn: LocalDate(iso: try row.decode(column: "frozen_on", as: String.self)) ?? LocalDate(ordinal: 0),
                        body: try row.decode(column: "body", as: String.self))
    }

    /// Stores the snapshot unless one exists (a freeze happens once; a second run, or a second server,
    /// changes nothing). Returns whether this call stored it. Audited.
    @discardableResult
    public func freeze(kind: String, period: String, frozenOn: LocalDate, body: String, summary: String, context: AuditContext) async throws -> Bool {
        try await store.write(context) { tx in
            let existing = try await tx.sql.select().column("id").from("statistics_snapshots")
                .where("kind", .equal, SQLBind(kind)).where("period", .equal, SQLBind(period)).first()
            guard existing == nil else { return false }
            try await tx.sql.insert(into: "statistics_snapshots").columns("id", "kind", "period", "frozen_on", "body", "created_at")
                .values(SQLBind(UUID()), SQLBind(kind), SQLBind(period), SQLBind(frozenOn.iso), SQLBind(body), SQLBind(tx.now)).run()
            tx.record("statistics.freeze", "statistics", "\(kind):\(period)", changes: ["frozenOn": .init(before: nil, after: frozenOn.iso)],
                      detail: summary)
            return true
        }
    }
}
