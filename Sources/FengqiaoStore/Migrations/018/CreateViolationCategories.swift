import Foundation
import FengqiaoCore
import FluentKit
import SQLKit

// Migration 018: the shared violation-category tree (PLT-16) — one row per published version (its
// number, effective date, note, publisher) and one row per node of each version (a full snapshot,
// so any version reads back as it was), seeded with version 1: the codes interview cases already
// hold, under their sectors, with their legal bases.

public struct CreateViolationCategories: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("violation_category_versions")
            .id()
            .field("version", .int, .required)
            .field("effective_on", .string, .required)
            .field("note", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .int64, .required)
            .create()
        try await db.schema("violation_categories")
            .id()
            .field("version", .int, .required)
            .field("position", .int, .required)
            .field("code", .string, .required)
            .field("name_zh", .string, .required)
            .field("legal_basis", .string, .required)
            .field("parent_code", .string)
            .field("key_sector", .bool, .required)
            .field("retired", .bool, .required)
            .create()
        let sql = try SQLSupport.sql(db)
        try await sql.raw("CREATE UNIQUE INDEX idx_violation_category_versions ON violation_category_versions (version)").run()
        try await sql.raw("CREATE UNIQUE INDEX idx_violation_categories ON violation_categories (version, code)").run()
        try await Self.insert(.shipped, by: "system:migration", at: 0, on: sql)
    }

    public func revert(on db: any Database) async throws {
        for t in ["violation_categories", "violation_category_versions"] { try await db.schema(t).delete() }
    }

    /// Writes one version and its nodes (the migration's seed and every publication).
    public static func insert(_ v: ViolationCategoryVersion, by: String, at: Int64, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "violation_category_versions").columns("id", "version", "effective_on", "note", "created_by", "created_at")
            .values(SQLBind(UUID()), SQLBind(v.version), SQLBind(v.effectiveOn.iso), SQLBind(v.note), SQLBind(by), SQLBind(at)).run()
        let rows: [[any SQLExpression]] = v.nodes.enumerated().map { i, n in
            [SQLBind(UUID()), SQLBind(v.version), SQLBind(i), SQLBind(n.code), SQLBind(n.nameZH), SQLBind(n.legalBasis), SQLBind(n.parent),
             SQLBind(n.keySector), SQLBind(n.retired)]
        }
        let per = SQLSupport.rowsPerInsert(columns: 9)
        for s in stride(from: 0, to: rows.count, by: per) {
            try await sql.insert(into: "violation_categories")
                .columns("id", "version", "position", "code", "name_zh", "legal_basis", "parent_code", "key_sector", "retired")
                .rows(Array(rows[s..<min(s + per, rows.count)])).run()
        }
    }
}
