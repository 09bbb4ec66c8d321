import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

public struct Job: Sendable, Equatable {
    public let id: UUID
    public let kind: String
    public let payload: String
    public let runAt: Int64
    public let attempts: Int
}

/// The scheduler's jobs, kept in the database (CAL-43): each fires once even with several server
/// processes, and jobs whose time passed while every server was down fire at the next start.
/// Job bookkeeping is not an audited business write; what a job does is audited by its handler.
public struct JobRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// Schedules a job. With a `dedupeKey`, scheduling the same key again does nothing (so every
    /// server can schedule "tomorrow's digest" without making two).
    @discardableResult
    public func enqueue(kind: String, payload: String = "", runAt: Int64, dedupeKey: String? = nil) async throws -> Bool {
        if let key = dedupeKey,
           try await store.sql.select().column("id").from("jobs").where("dedupe_key", .equal, SQLBind(key)).first() != nil {
            return false
        }
        do {
            try await store.sql.insert(into: "jobs")
                .columns("id", "kind", "payload", "dedupe_key", "run_at", "state", "attempts", "created_at")
                .values(SQLBind(UUID()), SQLBind(kind), SQLBind(payload), SQLBind(dedupeKey), SQLBind(runAt), SQLBind("pending"), SQLBind(0),
                        SQLBind(store.clock.nowMillis))
                .run()
            return true
        } catch where dedupeKey != nil {
            // Another server inserted the same key between our check and insert.
            return false
        }
    }

    /// Bulk scheduling, for tests and benchmarks.
    public func enqueueMany(kind: String, count: Int, runAt: Int64) async throws {
        let now = store.clock.nowMillis
        let rows: [[any SQLExpression]] = (0..<count).map { i in
            [SQLBind(UUID()), SQLBind(kind), SQLBind(String(i)), SQLBind(runAt), SQLBind("pending"), SQLBind(0), SQLBind(now)]
        }
        let per = SQLSupport.rowsPerInsert(columns: 7)
        for s in stride(from: 0, to: rows.count, by: per) {
            try await store.sql.insert(into: "jobs").columns("id", "kind", "payload", "run_at", "state", "attempts", "created_at")
                .rows(rows[s..<min(s + per, rows.count)]).run()
        }
    }

    /// Claims due jobs for this worker: at most `limit`, oldest first, none claimed twice.
    public func claim(worker: String, limit: Int) async throws -> [Job] {
        let now = store.clock.nowMillis
        let rows: [any SQLRow]
        if try SQLSupport.dialect(store.db) == .sqlite {
            rows = try await store.gate.withLock { try await SQLSupport.claimJobs(store.sql, worker: worker, now: now, limit: limit) }
        } else {
            rows = try await SQLSupport.claimJobs(store.sql, worker: worker, now: now, limit: limit)
        }
        return try rows.map {
            Job(id: try $0.decode(column: "id", as: UUID.self), kind: try $0.decode(column: "kind", as: String.self),
                payload: try $0.decode(column: "payload", as: String.self), runAt: try $0.decode(column: "run_at", as: Int64.self),
                attempts: try $0.decode(column: "attempts", as: Int.self))
        }.sorted { $0.runAt < $1.runAt }
    }

    public func finish(_ id: UUID) async throws {
        try await store.sql.update("jobs").set("state", to: SQLBind("done")).set("finished_at", to: SQLBind(store.clock.nowMillis))
            .where("id", .equal, SQLBind(id)).run()
    }

    /// A failed job is retried later, up to `maxAttempts`, then left as failed for an administrator.
    public func fail(_ job: Job, error: String, retryAt: Int64, maxAttempts: Int = 5) async throws {
        try await store.sql.update("jobs")
            .set("state", to: SQLBind(job.attempts >= maxAttempts ? "failed" : "pending"))
            .set("run_at", to: SQLBind(retryAt)).set("last_error", to: SQLBind(String(error.prefix(500))))
            .where("id", .equal, SQLBind(job.id)).run()
    }

    /// Jobs left `running` by a server that died are handed back after `staleAfter` ms.
    public func releaseStale(staleAfter: Int64) async throws {
        try await store.sql.update("jobs").set("state", to: SQLBind("pending"))
            .where("state", .equal, SQLBind("running")).where("claimed_at", .lessThan, SQLBind(store.clock.nowMillis - staleAfter)).run()
    }

    public func counts() async throws -> [String: Int] {
        let rows = try await store.sql.select().column("state").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("jobs").groupBy("state").all()
        var out: [String: Int] = [:]
        for r in rows { out[try r.decode(column: "state", as: String.self)] = try r.decode(column: "n", as: Int.self) }
        return out
    }
}
