import FengqiaoCore
import FluentKit

// Migration 034: what MD-48 and the duplicate warning compare, one row per key of a registered case —
// the procedure, the key (a blind index, never the value), the registration day, the case — with the
// unique constraint as the index the lookups use (one key over a date range), so no lookup scans the
// cases.

public struct CreateRecurrenceKeys: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("recurrence_keys")
            .field("case_type", .string, .required)
            .field("key", .string, .required)
            .field("registered_on", .string, .required)
            .field("case_id", .uuid, .required)
            .field("case_number", .string, .required)
            .unique(on: "case_type", "key", "registered_on", "case_id")
            .create()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("recurrence_keys").delete()
    }
}
