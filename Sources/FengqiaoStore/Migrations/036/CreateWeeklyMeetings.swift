import FengqiaoCore
import FluentKit
import SQLKit

// Migration 036: a procedure's weekly meetings (MD-45: the 行政调解中心's Monday meeting), one per unit
// and week, with who chaired and who recorded; and the index the meeting pack reads each person's
// work of the week before by (the audit events of a user over a range of instants).

public struct CreateWeeklyMeetings: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("weekly_meetings")
            .id()
            .field("case_type", .string, .required)
            .field("unit_id", .uuid, .required)
            .field("week", .string, .required)
            .field("held_on", .string, .required)
            .field("start_time", .string, .required)
            .field("minutes", .int, .required)
            .field("chair_id", .uuid, .required)
            .field("recorder_id", .uuid, .required)
            .field("attendees", .string, .required)
            .field("record", .string, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .int64, .required)
            .unique(on: "case_type", "unit_id", "week")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX idx_audit_events_user_at ON audit_events (user_id, at)").run()
    }
    public func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase { try await sql.raw("DROP INDEX idx_audit_events_user_at").run() }
        try await db.schema("weekly_meetings").delete()
    }
}
