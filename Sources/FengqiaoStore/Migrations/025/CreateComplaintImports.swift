import FengqiaoCore
import FluentKit

// Migration 025: imports of the 12315 platform's and hotline's exports (CP-43). An import keeps every
// uploaded row whole (its raw text) with what became of it; an item — one external number per
// channel — is registered once and found again by its key on every later import, whichever cases
// (complaint, report track) it opened. The unique constraints are the indexes the lookups use.

public struct CreateComplaintImports: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("complaint_imports")
            .id()
            .field("unit_id", .uuid, .required)
            .field("user_id", .uuid, .required)
            .field("filename", .string, .required)
            .field("state", .string, .required)
            .field("receive", .bool, .required)
            .field("total", .int, .required)
            .field("processed", .int, .required)
            .field("created_count", .int, .required)
            .field("updated_count", .int, .required)
            .field("unchanged_count", .int, .required)
            .field("refused_count", .int, .required)
            .field("created_at", .int64, .required)
            .field("finished_at", .int64)
            .create()
        try await db.schema("complaint_import_rows")
            .id()
            .field("import_id", .uuid, .required)
            .field("row_no", .int, .required)
            .field("raw", .string, .required)
            .field("item_key", .string)
            .field("outcome", .string)
            .field("case_numbers", .string)
            .field("errors", .string)
            .unique(on: "import_id", "row_no")
            .create()
        try await db.schema("complaint_import_items")
            .field("item_key", .string, .required)
            .field("complaint_id", .uuid)
            .field("report_id", .uuid)
            .field("import_id", .uuid, .required)
            .field("created_at", .int64, .required)
            .unique(on: "item_key")
            .create()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("complaint_import_items").delete()
        try await db.schema("complaint_import_rows").delete()
        try await db.schema("complaint_imports").delete()
    }
}
