import FengqiaoCore
import FluentKit
import SQLKit

// Migration 003: step clocks (CAL-30) and their suspension and extension records (CAL-31, CAL-32).
//
// `due_date` is the computed due date (X-02: computed, never typed) kept for the overdue scan; it is
// rewritten whenever the clock or the calendar changes (CAL-04). The partial index holds only open
// clocks, so the daily scan reads the few near their date however many have closed.

public struct CreateClocks: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("clocks")
            .id()
            .field("case_id", .uuid, .required)
            .field("unit_id", .uuid, .required)
            .field("handler_id", .uuid)
            .field("step", .string, .required)
            .field("rule_set", .string, .required)
            .field("rule", .string, .required)
            .field("start_date", .string, .required)
            .field("due_date", .string, .required)
            .field("provisional", .bool, .required)
            .field("rule_unconfirmed", .bool, .required)
            .field("calendar_revision", .int, .required)
            .field("ended_on", .string)
            .field("cancelled_on", .string)
            .field("late", .bool, .required)
            .field("reminder_stage", .int, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()
        try await db.schema("clock_records")
            .id()
            .field("clock_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("from_date", .string)
            .field("to_date", .string)
            .field("count", .int, .required)
            .field("ground", .string, .required)
            .field("approver_id", .uuid, .required)
            .field("approver_name", .string, .required)
            .field("granted_on", .string)
            .field("created_at", .int64, .required)
            .create()
        let sql = try SQLSupport.sql(db)
        try await sql.raw("CREATE INDEX idx_clocks_open_due ON clocks (due_date) WHERE ended_on IS NULL AND cancelled_on IS NULL").run()
        try await sql.raw("CREATE INDEX idx_clocks_case ON clocks (case_id)").run()
        try await sql.raw("CREATE INDEX idx_clocks_handler_open ON clocks (handler_id, due_date) WHERE ended_on IS NULL AND cancelled_on IS NULL").run()
        try await sql.raw("CREATE INDEX idx_clock_records_clock ON clock_records (clock_id)").run()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("clock_records").delete()
        try await db.schema("clocks").delete()
    }
}
