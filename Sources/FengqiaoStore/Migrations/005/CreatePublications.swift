import FengqiaoCore
import FluentKit
import SQLKit

// Migration 005: the typical-case library (DOC-60). Only the masked text is ever stored.

public struct CreatePublications: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("publications")
            .id()
            .field("case_id", .uuid, .required)
            .field("unit_id", .uuid, .required)
            .field("title", .string, .required)
            .field("text", .string, .required)
            .field("channel", .string, .required)
            .field("reviewer", .string, .required)
            .field("published_at", .int64, .required)
            .create()
    }
    public func revert(on db: any Database) async throws { try await db.schema("publications").delete() }
}
