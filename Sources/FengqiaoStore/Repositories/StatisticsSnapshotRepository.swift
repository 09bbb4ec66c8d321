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

    /// The snapshot of `kind` for `period` decoded as `T`, with the day it was frozen.
    public func find<T: Decodable>(_ type: T.Type, kind: String, period: String) async throws -> (value: T, frozenOn: LocalDate)? {
        guard let snap = try await find(kind: kind, period: period) else { return nil }
        return (try JSONDecoder().decode(T.self, from: Data(snap.body.utf8)), snap.frozenOn)
    }

    /// Stores `value` as JSON with sorted keys (the same figures always give the same text), as `freeze(kind:…body:…)`.
    @discardableResult
    public func freeze<T: Encodable>(_ value: T, kind: String, period: String, frozenOn: LocalDate, summary: String, context: AuditContext) async throws -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try await freeze(kind: kind, period: period, frozenOn: frozenOn, body: String(decoding: try encoder.encode(value), as: UTF8.self),
                                summary: summary, context: context)
    }
}
