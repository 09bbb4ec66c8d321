import FengqiaoCore
import FluentKit
import SQLKit

// Migration 009: the worklists' order kept on the case (and an index for the red-card check). `next_due` is the earliest due date of the
// case's running steps (the start-timeliness measure aside), written with every clock change (see
// `ClockRepository.refreshNextDue`), so a worklist is one ordered index range of 50 rows instead of
// a grouping of every open clock in scope (issue 5: ≤ 30 ms with 100,000 cases). Additive: the
// column is filled here for the cases already stored; the indexes ordered by the last change,
// which no query reads any more, give way to indexes ordered by the due date.

public struct AddCaseNextDue: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("cases")
            .field("next_due", .string)
            .update()
        let sql = try SQLSupport.sql(db)
        // The backfill as of this migration: clocks had no `measure` column yet (migration 020), and
        // the one measuring step was known by its key.
        let nextDue = SQLSubquery.select { q in
            q.column(SQLFunction("MIN", args: SQLColumn("due_date", table: "clocks"))).from("clocks")
                .where(SQLColumn("case_id", table: "clocks"), .equal, SQLColumn("id", table: "cases"))
                .where(SQLColumn("ended_on", table: "clocks"), .is, SQLLiteral.null)
                .where(SQLColumn("cancelled_on", table: "clocks"), .is, SQLLiteral.null)
                .where(SQLColumn("step", table: "clocks"), .notIn, SQLBind.group(["startTimeliness"]))
        }
        try await sql.update("cases").set("next_due", to: nextDue).where("closed_on", .is, SQLLiteral.null).run()
        for name in ["idx_cases_handler_open", "idx_cases_unit_open", "idx_cases_gravity_open"] {
            try await sql.raw("DROP INDEX \(unsafeRaw: name)").run()
        }
        try await sql.raw("CREATE INDEX idx_cases_due ON cases (next_due) WHERE closed_on IS NULL").run()
        try await sql.raw("CREATE INDEX idx_cases_due_unit ON cases (unit_id, next_due) WHERE closed_on IS NULL").run()
        try await sql.raw("CREATE INDEX idx_cases_due_handler ON cases (handler_id, next_due) WHERE closed_on IS NULL").run()
        try await sql.raw("CREATE INDEX idx_cases_due_gravity ON cases (gravity, next_due) WHERE closed_on IS NULL").run()
        // CAL-42: a late step's red-card check reads the unit's finished steps of the year; without
        // this it scanned every clock (the bench: 25 transitions/s with 1,300,000 clocks stored, 181 with it).
        try await sql.raw("CREATE INDEX idx_clocks_unit_finished ON clocks (unit_id, due_date) WHERE ended_on IS NOT NULL").run()
    }
    public func revert(on db: any Database) async throws {
        let sql = try SQLSupport.sql(db)
        for name in ["idx_cases_due", "idx_cases_due_unit", "idx_cases_due_handler", "idx_cases_due_gravity", "idx_clocks_unit_finished"] {
            try await sql.raw("DROP INDEX \(unsafeRaw: name)").run()
        }
        try await sql.raw("CREATE INDEX idx_cases_handler_open ON cases (handler_id, updated_at) WHERE closed_on IS NULL").run()
        try await sql.raw("CREATE INDEX idx_cases_unit_open ON cases (unit_id, updated_at) WHERE closed_on IS NULL").run()
        try await sql.raw("CREATE INDEX idx_cases_gravity_open ON cases (gravity, updated_at) WHERE closed_on IS NULL").run()
        try await db.schema("cases").deleteField("next_due").update()
    }
}
