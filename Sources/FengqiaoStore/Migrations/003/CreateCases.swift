import FengqiaoCore
import FluentKit
import SQLKit

// Migration 003: the generic case every procedure builds on (issue 5 adds its own columns). A case
// belongs to a unit, records the rule-set versions in force on its opening date (CAL-21) and
// carries an optimistic version (PLT-53).

public struct CreateCases: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("cases")
            .id()
            .field("unit_id", .uuid, .required)
            .field("case_type", .string, .required)
            .field("number", .string)
            .field("title", .string, .required)
            .field("gravity", .string, .required)
            .field("state", .string, .required)
            .field("handler_id", .uuid)
            .field("opened_on", .string, .required)
            .field("rule_versions", .string, .required)
            .field("closed_on", .string)
            .field("version", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "number")
            .create()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_cases_unit ON cases (unit_id, case_type, state)").run()
    }
    public func revert(on db: any Database) async throws { try await db.schema("cases").delete() }
}
