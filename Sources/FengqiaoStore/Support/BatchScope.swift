import FengqiaoCore
import FluentKit
import Foundation
import SQLKit
import Synchronization

// Many small writes in one durable commit (issue 14's import benchmark: a platform item is about
// seven writes — its parties, the opening, the receipt, the split, the signals, the row — and on
// SQLite each commit is an fsync). Inside `Store.batch` every `write` keeps its own rules: it
// appends its audit events to the chain and either lands whole or not at all, as a savepoint of the
// batch's one transaction; a failed write rolls back to its savepoint and the batch goes on.

/// The batch a store's writes belong to: the savepoint names it hands out.
final class BatchScope: Sendable {
    private let counter = Mutex(0)
    /// The idempotency claim the batch was started under (PLT-52): read when the batch starts, since
    /// the transaction's closure may run in a task that does not inherit it.
    let claim: IdempotencyClaimScope?

    init(claim: IdempotencyClaimScope?) { self.claim = claim }

    /// Runs one write as a savepoint of the batch's transaction (on `store.db`).
    func savepoint<T: Sendable>(_ store: Store, _ context: AuditContext, _ body: @escaping @Sendable (WriteTx) async throws -> T) async throws -> T {
        let name = "fq_write_\(counter.withLock { $0 += 1; return $0 })"
        let sql = store.sql
        try await sql.raw("SAVEPOINT \(unsafeRaw: name)").run()
        do {
            let result = try await Store.run(WriteTx(db: store.db, store: store, context: context), claim: IdempotencyClaimScope.current ?? claim, body)
            try await sql.raw("RELEASE SAVEPOINT \(unsafeRaw: name)").run()
            return result
        } catch {
            // The write leaves nothing behind; the batch's transaction stays usable (PostgreSQL
            // aborts a transaction on an error unless it is rolled back to a savepoint).
            try await sql.raw("ROLLBACK TO SAVEPOINT \(unsafeRaw: name)").run()
            try await sql.raw("RELEASE SAVEPOINT \(unsafeRaw: name)").run()
            throw error
        }
    }
}

extension Store {
    /// Runs `body` on a store whose writes and reads share one transaction, committed once at the
    /// end: each write inside is a savepoint (its audit events with it), a refused write undoes only
    /// itself, and nothing of the batch is visible to others — or durable — until the commit. On
    /// SQLite the batch holds the write gate throughout, so keep batches short (tens of items) and
    /// never take the gate inside (no job claims), and read only through the store handed in — another
    /// connection may be the batch's own, held until the commit. Not nested: a batch store's `batch`
    /// runs inline.
    public func batch<T: Sendable>(_ body: @escaping @Sendable (Store) async throws -> T) async throws -> T {
        if batchScope != nil { return try await body(self) }
        let dialect = try SQLSupport.dialect(db)
        if dialect == .sqlite { await gate.lock() }
        defer { if dialect == .sqlite { gate.unlock() } }
        let claim = IdempotencyClaimScope.current
        return try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            // As a write: the audit head first (PostgreSQL orders concurrent chains on it; SQLite takes its write lock).
            try await sql.raw("UPDATE audit_head SET seq = seq WHERE id = 1").run()
            try await SQLSupport.tuneWriteConnection(sql)
            let inner = Store(db: tx, crypto: crypto, chainHash: chainHash, clock: clock, gate: gate, procedures: procedures, batch: BatchScope(claim: claim))
            return try await body(inner)
        }
    }
}
