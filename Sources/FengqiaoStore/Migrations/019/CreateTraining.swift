import FengqiaoCore
import FluentKit
import SQLKit

// Migration 019: training and assessment (PLT-07) — each unit's courses with their pass mark and the
// qualification a pass grants, and one result per person per course (attendance, component scores,
// the computed total, the qualification written on a pass and its revocation).

public struct CreateTraining: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("training_courses")
            .id()
            .field("unit_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("pass_mark", .int, .required)
            .field("grants", .string)
            .field("validity_months", .int)
            .field("created_by", .uuid, .required)
            .field("created_at", .int64, .required)
            .create()
        try await db.schema("training_results")
            .id()
            .field("course_id", .uuid, .required)
            .field("user_id", .uuid, .required)
            .field("unit_id", .uuid, .required)
            .field("attended", .bool, .required)
            .field("written", .int)
            .field("mock", .int)
            .field("satisfaction", .int)
            .field("total_tenths", .int)
            .field("passed", .bool, .required)
            .field("assessed_on", .string, .required)
            .field("qualification_id", .uuid)
            .field("revoked_on", .string)
            .field("revoke_reason", .string)
            .field("created_by", .uuid, .required)
            .field("created_at", .int64, .required)
            .create()
        let sql = try SQLSupport.sql(db)
        try await sql.raw("CREATE INDEX idx_training_courses_unit ON training_courses (unit_id, ends_on)").run()
        try await sql.raw("CREATE UNIQUE INDEX idx_training_results_course_user ON training_results (course_id, user_id)").run()
        try await sql.raw("CREATE INDEX idx_training_results_user ON training_results (user_id, assessed_on)").run()
    }
    public func revert(on db: any Database) async throws {
        for t in ["training_results", "training_courses"] { try await db.schema(t).delete() }
    }
}
