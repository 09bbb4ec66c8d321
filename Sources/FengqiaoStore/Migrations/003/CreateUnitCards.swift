import FengqiaoCore
import FluentKit
import SQLKit

// Migration 003: red and yellow cards (CAL-42), one row per card, kept for the unit's assessment.

public struct CreateUnitCards: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("unit_cards")
            .id()
            .field("unit_id", .uuid, .required)
            .field("year", .int, .required)
            .field("color", .string, .required)
            .field("clock_id", .uuid)
            .field("case_id", .uuid)
            .field("reason", .string, .required)
            .field("created_at", .int64, .required)
            .create()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_unit_cards_unit ON unit_cards (unit_id, year)").run()
    }
    public func revert(on db: any Database) async throws { try await db.schema("unit_cards").delete() }
}
