import FengqiaoCore
import FluentKit
import SQLKit

// Migration 013 (issue 12 item 3): revisit and rating scores in child tables, one row per dimension
// the procedure declares, instead of the interview's fixed columns (008, 011). The existing rows'
// scores are copied over, then the fixed columns dropped (SQLite ≥ 3.35 and PostgreSQL both drop).

public struct MoveScoresToChildTables: AsyncMigration {
    public init() {}

    static let moves: [(table: String, child: String, key: String, columns: [String])] = [
        ("revisits", "revisit_scores", "revisit_id", ["effect", "conduct", "service"]),
        ("ratings", "rating_scores", "rating_id", ["attitude", "professionalism", "communication"]),
    ]

    public func prepare(on db: any Database) async throws {
        let sql = try SQLSupport.sql(db)
        for m in Self.moves {
            try await db.schema(m.child)
                .field(FieldKey(stringLiteral: m.key), .uuid, .required)
                .field("dimension", .string, .required)
                .field("score", .int, .required)
                .create()
            try await sql.raw("CREATE UNIQUE INDEX idx_\(unsafeRaw: m.child)_owner ON \(unsafeRaw: m.child) (\(unsafeRaw: m.key), dimension)").run()
            for column in m.columns {
                try await sql.raw("""
                    INSERT INTO \(unsafeRaw: m.child) (\(unsafeRaw: m.key), dimension, score)
                    SELECT id, '\(unsafeRaw: column)', \(unsafeRaw: column) FROM \(unsafeRaw: m.table) WHERE \(unsafeRaw: column) IS NOT NULL
                    """).run()
            }
            for column in m.columns {
                try await sql.raw("ALTER TABLE \(unsafeRaw: m.table) DROP COLUMN \(unsafeRaw: column)").run()
            }
        }
    }

    /// Puts the fixed columns back (nullable) with the scores of their dimensions, then drops the
    /// child tables; scores of other dimensions are lost.
    public func revert(on db: any Database) async throws {
        let sql = try SQLSupport.sql(db)
        for m in Self.moves {
            for column in m.columns {
                try await sql.raw("ALTER TABLE \(unsafeRaw: m.table) ADD COLUMN \(unsafeRaw: column) INTEGER").run()
                try await sql.raw("""
                    UPDATE \(unsafeRaw: m.table) SET \(unsafeRaw: column) = (SELECT score FROM \(unsafeRaw: m.child) c
                    WHERE c.\(unsafeRaw: m.key) = \(unsafeRaw: m.table).id AND c.dimension = '\(unsafeRaw: column)')
                    """).run()
            }
            try await db.schema(m.child).delete()
        }
    }
}
