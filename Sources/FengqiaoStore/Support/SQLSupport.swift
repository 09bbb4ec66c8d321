import FluentKit
import Foundation
import SQLKit
import SQLiteNIO

/// The one place that knows which SQL dialect is underneath (STYLE: one code path, two
/// databases). Everything dialect-specific is here and is exercised by the suite on both.
public enum SQLSupport {
    public enum Dialect: Sendable { case sqlite, postgres }

    public static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        return sql
    }

    public static func dialect(_ db: any Database) throws -> Dialect {
        try sql(db).dialect.name == "sqlite" ? .sqlite : .postgres
    }

    /// Settings applied once at start: WAL on SQLite (persistent in the file). `synchronous` stays
    /// FULL: every committed write, and its audit event, survives a power cut.
    public static func prepareConnection(_ db: any Database) async throws {
        let s = try sql(db)
        if try dialect(db) == .sqlite {
            try await s.raw("PRAGMA journal_mode=WAL").run()
        }
    }

    /// Read settings for a pooled SQLite connection, set once at start on each event loop's
    /// connection: the 64 MB page cache of `tuneWriteConnection` and the file memory-mapped (256 MB),
    /// so a worklist over a large database reads pages in place instead of copying each through a
    /// `pread` (a profile of the worklist showed a fifth of its time there). Nothing on PostgreSQL.
    public static func tuneReadConnection(_ db: any Database) async throws {
        let s = try sql(db)
        guard s.dialect.name == "sqlite" else { return }
        try await s.raw("PRAGMA cache_size = -65536").run()
        try await s.raw("PRAGMA mmap_size = 268435456").run()
    }

    /// Called at the start of every write transaction, after its first (locking) statement: on
    /// SQLite a 64 MB page cache for the connection (the default 2 MB thrashes on bulk imports into
    /// indexed tables), and temporary storage in memory: a multi-row INSERT into a table with a
    /// unique index keeps a statement journal, which otherwise spills past 64 KB into a temporary
    /// file opened, written and deleted for every bulk statement (nothing durable lives there).
    /// Cheap when already set; nothing on PostgreSQL.
    public static func tuneWriteConnection(_ sql: any SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            try await sql.raw("PRAGMA cache_size = -65536").run()
            // Refused (and harmless) on a connection whose temporary database is already open, e.g.
            // the one that ran migration 013's ALTER TABLE … DROP COLUMN: that connection keeps files.
            _ = try? await sql.raw("PRAGMA temp_store = MEMORY").run()
        }
    }

    /// The application's tables (Fluent's own bookkeeping excluded), for the backup's completeness check.
    public static func tableNames(_ db: any Database) async throws -> [String] {
        let s = try sql(db)
        let rows: [any SQLRow]
        if try dialect(db) == .sqlite {
            rows = try await s.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
        } else {
            rows = try await s.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()").all()
        }
        return try rows.map { try $0.decode(column: "name", as: String.self) }.filter { $0 != "_fluent_migrations" }.sorted()
    }

    /// A consistent online copy of a SQLite database into a new file (PLT-56): `VACUUM INTO` takes
    /// a read snapshot, so writers are not blocked and the copy is transactionally consistent.
    public static func sqliteBackup(_ db: any Database, to path: String) async throws {
        let escaped = path.replacingOccurrences(of: "'", with: "''")
        try await sql(db).raw("VACUUM INTO '\(unsafeRaw: escaped)'").run()
    }

    /// Claims up to `limit` due jobs for `worker` in one statement (CAL-43). On PostgreSQL the inner
    /// select takes `FOR UPDATE SKIP LOCKED`, so concurrent schedulers never claim the same job and
    /// never wait on each other; on SQLite the statement runs under the single writer lock.
    public static func claimJobs(_ sql: any SQLDatabase, worker: String, now: Int64, limit: Int) async throws -> [any SQLRow] {
        let lock: SQLQueryString = sql.dialect.name == "sqlite" ? "" : " FOR UPDATE SKIP LOCKED"
        return try await sql.raw("""
            UPDATE jobs SET state = 'running', claimed_by = \(bind: worker), claimed_at = \(bind: now), attempts = attempts + 1
            WHERE id IN (SELECT id FROM jobs WHERE state = 'pending' AND run_at <= \(bind: now) ORDER BY run_at LIMIT \(bind: limit)\(lock))
            RETURNING id, kind, payload, run_at, attempts
            """).all()
    }

    /// Inserts many rows in as few statements as the parameter limit allows. On SQLite the values are
    /// bound straight to the driver (SQLKit's per-value encoding is the bulk import's largest cost);
    /// the representations are SQLKit's own — UUIDs as their uppercase text, booleans as 0/1 — so
    /// rows written either way read back alike. PostgreSQL goes through SQLKit.
    public static func bulkInsert(_ sql: any SQLDatabase, into table: String, columns: [String], rows: [[BulkValue]]) async throws {
        guard !rows.isEmpty else { return }
        let per = rowsPerInsert(columns: columns.count)
        if sql.dialect.name == "sqlite", let lite = sql as? any SQLiteDatabase {
            let head = "INSERT INTO \"\(table)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES "
            let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
            for start in stride(from: 0, to: rows.count, by: per) {
                let chunk = rows[start..<min(start + per, rows.count)]
                let text = head + Array(repeating: tuple, count: chunk.count).joined(separator: ", ")
                var binds: [SQLiteData] = []
                binds.reserveCapacity(chunk.count * columns.count)
                for row in chunk { for v in row { binds.append(v.sqlite) } }
                try await lite.query(text, binds, { _ in }).get()
            }
            return
        }
        for start in stride(from: 0, to: rows.count, by: per) {
            try await sql.insert(into: table).columns(columns).rows(rows[start..<min(start + per, rows.count)].map { $0.map(\.bind) }).run()
        }
    }

    /// The largest number of rows a multi-row INSERT may carry for `columns` columns (SQLite's
    /// bound-parameter limit is 32766 since 3.32; PostgreSQL's is 65535).
    public static func rowsPerInsert(columns: Int) -> Int { max(1, 30000 / columns) }
}

public enum StoreError: Error, Sendable {
    case notSQL
    case corrupt(String)
}

/// A value for `SQLSupport.bulkInsert`.
public enum BulkValue: Sendable {
    case text(String)
    case int(Int64)
    case bool(Bool)
    case uuid(UUID)
    /// A UUID whose `uuidString` the caller already has: one id is bound on many rows (a party's
    /// search terms), and formatting it each time is a bulk import's measurable cost.
    case uuidText(UUID, String)
    case null

    public static func optionalText(_ s: String?) -> BulkValue { s.map(BulkValue.text) ?? .null }

    var sqlite: SQLiteData {
        switch self {
        case .text(let s): .text(s)
        case .int(let i): .integer(SQLiteInt64(i))
        case .bool(let b): .integer(b ? 1 : 0)
        case .uuid(let u): .text(u.uuidString)
        case .uuidText(_, let text): .text(text)
        case .null: .null
        }
    }

    var bind: any SQLExpression {
        switch self {
        case .text(let s): SQLBind(s)
        case .int(let i): SQLBind(i)
        case .bool(let b): SQLBind(b)
        case .uuid(let u): SQLBind(u)
        case .uuidText(let u, _): SQLBind(u)
        case .null: SQLLiteral.null
        }
    }
}
