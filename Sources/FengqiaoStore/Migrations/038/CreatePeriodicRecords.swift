import FengqiaoCore
import FluentKit

// Migration 038: the records an office owes once in a window of each year (MD-44: the 联席会议 each
// half-year, the Q4 inspection), one per procedure, unit, record and year.

public struct CreatePeriodicRecords: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("periodic_records")
            .id()
            .field("case_type", .string, .required)
            .field("unit_id", .uuid, .required)
            .field("key", .string, .required)
            .field("year", .int, .required)
            .field("held_on", .string, .required)
            .field("attendees", .string, .required)
            .field("note", .string, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .int64, .required)
            .unique(on: "case_type", "unit_id", "key", "year")
            .create()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("periodic_records").delete()
    }
}
