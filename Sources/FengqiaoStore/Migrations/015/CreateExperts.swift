import FengqiaoCore
import FluentKit
import SQLKit

// Migration 015: the expert pool (PLT-08) — experts with their field and unit (the contact sealed,
// PLT-34), the parties each must not be involved with (PLT-06), and their participation in cases.

public struct CreateExperts: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("experts")
            .id()
            .field("name", .string, .required)
            .field("field", .string, .required)
            .field("organisation", .string, .required)
            .field("phone_cipher", .string)
            .field("active", .bool, .required)
            .field("created_at", .int64, .required)
            .create()
        try await db.schema("expert_conflicts")
            .id()
            .field("expert_id", .uuid, .required)
            .field("party_id", .uuid, .required)
            .field("relation", .string, .required)
            .field("created_at", .int64, .required)
            .create()
        try await db.schema("case_experts")
            .id()
            .field("case_id", .uuid, .required)
            .field("expert_id", .uuid, .required)
            .field("occasion", .string, .required)
            .field("on_date", .string, .required)
            .field("note", .string, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .int64, .required)
            .create()
        let sql = try SQLSupport.sql(db)
        try await sql.raw("CREATE UNIQUE INDEX idx_expert_conflicts ON expert_conflicts (expert_id, party_id)").run()
        try await sql.raw("CREATE INDEX idx_case_experts_case ON case_experts (case_id)").run()
    }
    public func revert(on db: any Database) async throws {
        for t in ["case_experts", "expert_conflicts", "experts"] { try await db.schema(t).delete() }
    }
}
