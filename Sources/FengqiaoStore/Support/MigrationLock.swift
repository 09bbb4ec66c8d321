import FluentKit
import Foundation
import SQLKit

/// Migrations when several servers share one database (issue 13 item 4, PLT-55): every `serve`
/// migrates at start, so two servers started together on an empty or older PostgreSQL database
/// would both create the same tables, and one would die on "relation already exists" (or leave a
/// migration half done). On PostgreSQL the migration therefore runs under a transaction-level
/// advisory lock, held on its own connection for as long as `body` runs: the second server waits,
/// then finds nothing left to do. A SQLite file is served by one process, so there it just runs.
public enum MigrationLock {
    /// The advisory lock's key: "fengqiao" in ASCII.
    static let key: Int64 = 0x6665_6E67_7169_616F

    public static func run<T: Sendable>(_ db: any Database, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard try SQLSupport.dialect(db) == .postgres else { return try await body() }
        return try await db.transaction { tx in
            try await SQLSupport.sql(tx).raw("SELECT pg_advisory_xact_lock(\(bind: key))").run()
            return try await body()
        }
    }
}
