import FengqiaoCore
import FluentKit
import SQLKit

// Migration 020: whether a clock only measures an indicator (`ProcedureModule.measureSteps`, issue 12
// item 6) — the interview's §5.3 start timeliness runs beside the steps as 约谈启动及时率: nobody is
// reminded of it, it earns no card and it does not order the worklists. Before this migration the
// store recognised that one step by its key; the backfill marks the clocks it recognised.

public struct AddClockMeasure: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        let sql = try SQLSupport.sql(db)
        // The same statement on SQLite and PostgreSQL: existing rows take the default.
        try await sql.raw("ALTER TABLE clocks ADD COLUMN measure BOOLEAN NOT NULL DEFAULT FALSE").run()
        try await sql.update("clocks").set("measure", to: SQLBind(true)).where("step", .equal, SQLBind("startTimeliness")).run()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("clocks").deleteField("measure").update()
    }
}
