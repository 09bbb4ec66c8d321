import FengqiaoCore
import FluentKit
import SQLKit

// Migration 008: the party's anonymous ratings of an interview (IV-24). A link is stored only as the
// SHA-256 of its secret and is used once; a rating row names the case, never the rater.

public struct CreateRatings: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("rating_links")
            .id()
            .field("case_id", .uuid, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .int64, .required)
            .field("used_at", .int64)
            .unique(on: "token_hash")
            .create()
        try await db.schema("ratings")
            .id()
            .field("case_id", .uuid, .required)
            .field("unit_id", .uuid, .required)
            .field("attitude", .int, .required)
            .field("professionalism", .int, .required)
            .field("communication", .int, .required)
            .field("source", .string, .required)
            .field("created_at", .int64, .required)
            .create()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_ratings_unit ON ratings (unit_id)").run()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("ratings").delete()
        try await db.schema("rating_links").delete()
    }
}
