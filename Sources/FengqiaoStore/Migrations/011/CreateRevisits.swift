import FengqiaoCore
import FluentKit
import SQLKit

// Migration 011: revisits of closed interview cases (statistics.md ST-06, ST-21), which feed the
// interview satisfaction indicator. Scores are NULL when the party did not answer.

public struct CreateRevisits: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("revisits")
            .id()
            .field("case_id", .uuid, .required)
            .field("unit_id", .uuid, .required)
            .field("on_date", .string, .required)
            .field("method", .string, .required)
            .field("answer", .string, .required)
            .field("effect", .int)
            .field("conduct", .int)
            .field("service", .int)
            .field("note", .string, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .int64, .required)
            .create()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_revisits_case ON revisits (case_id)").run()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_revisits_unit_on ON revisits (unit_id, on_date)").run()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("revisits").delete()
    }
}
