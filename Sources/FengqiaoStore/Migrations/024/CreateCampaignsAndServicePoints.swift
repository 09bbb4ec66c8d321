import FengqiaoCore
import FluentKit
import SQLKit

// Migration 024: the enforcement registry's 专项行动 with their counters and linked cases, and the
// service points (消协分会, 投诉举报站, 联络点) with each unit's target count for 挂牌率 (complaints.md,
// Campaign and ServicePoint; CP-40). No quota or budget column (CP-34).

public struct CreateCampaignsAndServicePoints: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("campaigns")
            .id()
            .field("unit_id", .uuid, .required)
            .field("name", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("category", .string, .required)
            .field("turnouts", .int, .required)
            .field("premises_inspected", .int, .required)
            .field("batches_sampled", .int, .required)
            .field("batches_failed", .int, .required)
            .field("unlicensed_closed", .int, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()
        try await db.schema("campaign_cases")
            .field("case_id", .uuid, .identifier(auto: false))
            .field("campaign_id", .uuid, .required)
            .field("created_at", .int64, .required)
            .create()
        try await db.schema("service_points")
            .id()
            .field("unit_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("liaison_name", .string, .required)
            .field("liaison_phone", .string, .required)
            .field("listed_on", .string, .required)
            .field("created_at", .int64, .required)
            .create()
        try await db.schema("service_point_targets")
            .field("unit_id", .uuid, .identifier(auto: false))
            .field("target", .int, .required)
            .field("updated_at", .int64, .required)
            .create()
        let sql = try SQLSupport.sql(db)
        try await sql.raw("CREATE INDEX idx_campaigns_unit ON campaigns (unit_id, starts_on)").run()
        try await sql.raw("CREATE INDEX idx_campaign_cases_campaign ON campaign_cases (campaign_id)").run()
        try await sql.raw("CREATE INDEX idx_service_points_unit ON service_points (unit_id)").run()
    }
    public func revert(on db: any Database) async throws {
        for t in ["service_point_targets", "service_points", "campaign_cases", "campaigns"] { try await db.schema(t).delete() }
    }
}
