import FengqiaoCore
import FluentKit
import SQLKit

// Migration 017: parallel sub-tasks on one case (issue 12 item 4) — 抄告单 to the departments of a
// parallel approval (PA-24, PA-25), 联办 subtasks (PA-14): one row per unit asked, with its kind,
// its clock (a rule-set step, in `clocks`), its state and its reply. States are strings (open,
// replied, withdrawn); dates are plain ISO dates, instants Unix milliseconds.

public struct CreateCaseSubtasks: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("case_subtasks")
            .id()
            .field("case_id", .uuid, .required)
            .field("unit_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("step", .string, .required)
            .field("rule", .string, .required)
            .field("state", .string, .required)
            .field("opened_on", .string, .required)
            .field("clock_id", .uuid)
            .field("reply_text", .string)
            .field("replied_on", .string)
            .field("replied_by", .uuid)
            .field("replied_at", .int64)
            .field("withdrawn_on", .string)
            .field("created_by", .uuid)
            .field("created_at", .int64, .required)
            .create()
        let sql = try SQLSupport.sql(db)
        try await sql.raw("CREATE INDEX idx_case_subtasks_case ON case_subtasks (case_id)").run()
        // The receiving unit's worklist: its open sub-tasks.
        try await sql.raw("CREATE INDEX idx_case_subtasks_unit_state ON case_subtasks (unit_id, state)").run()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("case_subtasks").delete()
    }
}
