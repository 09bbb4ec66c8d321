import FengqiaoCore
import FluentKit
import SQLKit

// Migration 004: one case one file (DOC-40…44): archive numbers, holds that stop destruction, and
// destruction proposals kept whole as the permanent record (DOC-50, DOC-51).

public struct CreateArchives: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("archives")
            .id()
            .field("case_id", .uuid, .required)
            .field("unit_id", .uuid, .required)
            .field("archive_number", .string, .required)
            .field("fonds", .string, .required)
            .field("year", .int, .required)
            .field("retention_code", .string, .required)
            .field("item", .int, .required)
            .field("archived_on", .string, .required)
            .field("retention_ends", .string)
            .field("destroyed_on", .string)
            .field("created_at", .int64, .required)
            .unique(on: "case_id")
            .unique(on: "archive_number")
            .create()
        try await db.schema("case_holds")
            .id()
            .field("case_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("note", .string, .required)
            .field("released_on", .string)
            .field("created_at", .int64, .required)
            .create()
        try await db.schema("destruction_proposals")
            .id()
            .field("unit_id", .uuid, .required)
            .field("status", .string, .required)
            .field("body", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_case_holds_case ON case_holds (case_id)").run()
    }
    public func revert(on db: any Database) async throws {
        for t in ["destruction_proposals", "case_holds", "archives"] { try await db.schema(t).delete() }
    }
}
