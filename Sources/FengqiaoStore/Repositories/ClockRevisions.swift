import FengqiaoCore
import Foundation
import SQLKit

// Due dates recomputed when the calendar changes (CAL-04) and each open case's `next_due`, the
// worklists' order (migration 009), split from `ClockRepository`.

extension ClockRepository {
    // MARK: Calendar revisions (CAL-04)

    /// Inside the transaction that saves a calendar revision: every open clock whose period touches a
    /// changed date is recounted on the new calendar; each due date that moves is an audit event
    /// naming the revision. Returns the number of due dates moved.
    @discardableResult
    static func recompute(_ tx: WriteTx, calendar: WorkCalendar, changed: [LocalDate], today: LocalDate) async throws -> Int {
        guard let first = changed.min(), let last = changed.max() else { return 0 }
        // Open clocks whose [start, due] meets the changed range, plus every suspended clock (its due
        // date keeps moving while the suspension is open).
        let spanning = try await tx.sql.select().columns(selected).from("clocks")
            .where("ended_on", .is, SQLLiteral.null).where("cancelled_on", .is, SQLLiteral.null)
            .where("due_date", .greaterThanOrEqual, SQLBind(first.iso)).where("start_date", .lessThanOrEqual, SQLBind(last.iso)).all()
        let suspendedIDs = try await tx.sql.select().distinct().column("clock_id").from("clock_records")
            .where("kind", .equal, SQLBind("suspension")).where("to_date", .is, SQLLiteral.null).all()
            .map { try $0.decode(column: "clock_id", as: UUID.self) }
        var rows = spanning
        if !suspendedIDs.isEmpty {
            rows += try await tx.sql.select().columns(selected).from("clocks").where("id", .in, SQLBind.group(suspendedIDs))
                .where("ended_on", .is, SQLLiteral.null).where("cancelled_on", .is, SQLLiteral.null).all()
        }
        var seen = Set<UUID>()
        var cases = Set<UUID>()
        var moved = 0
        for record in try await decode(rows, on: tx.sql) where seen.insert(record.id).inserted {
            cases.insert(record.caseID)
            let due = record.clock(on: calendar).dueDate(asOf: today)
            try await tx.sql.update("clocks").set("due_date", to: SQLBind(due.date.iso)).set("provisional", to: SQLBind(due.provisional))
                .set("calendar_revision", to: SQLBind(calendar.revision)).set("updated_at", to: SQLBind(tx.now))
                .where("id", .equal, SQLBind(record.id)).run()
            guard due.date != record.due else { continue }
            moved += 1
            tx.record("clock.recompute", "case", record.caseID.uuidString, changes: [
                "step": .init(before: nil, after: record.step), "due": .init(before: record.due.iso, after: due.date.iso),
                "calendarRevision": .init(before: String(record.calendarRevision), after: String(calendar.revision)),
            ], detail: "日历修订 \(calendar.revision)：clock \(record.id.uuidString)")
        }
        try await refreshNextDue(tx.sql, caseIDs: Array(cases))
        return moved
    }

    // MARK: The worklists' order (migration 009)

    /// `MIN(due_date)` of the running clocks of the case in the enclosing `UPDATE cases`.
    private static var nextDueOfCase: some SQLExpression {
        SQLSubquery.select { q in
            q.column(SQLFunction("MIN", args: SQLColumn("due_date", table: "clocks"))).from("clocks")
                .where(SQLColumn("case_id", table: "clocks"), .equal, SQLColumn("id", table: "cases"))
                .where(SQLColumn("ended_on", table: "clocks"), .is, SQLLiteral.null)
                .where(SQLColumn("cancelled_on", table: "clocks"), .is, SQLLiteral.null)
                // A clock that only measures an indicator waits on no one (ProcedureModule.measureSteps).
                .where(SQLColumn("measure", table: "clocks"), .equal, SQLBind(false))
        }
    }

    /// Writes `cases.next_due` — the earliest due date of the case's running steps, or NULL when
    /// none runs — for these cases, inside the transaction that changed their clocks.
    public static func refreshNextDue(_ sql: any SQLDatabase, caseIDs: [UUID]) async throws {
        for part in stride(from: 0, to: caseIDs.count, by: 500) {
            let slice = Array(caseIDs[part..<min(part + 500, caseIDs.count)])
            try await sql.update("cases").set("next_due", to: nextDueOfCase).where("id", .in, SQLBind.group(slice)).run()
        }
    }

    /// The same for every open case (the migration's backfill, bulk loads).
    public static func refreshNextDue(_ sql: any SQLDatabase, openCasesOnly: Bool) async throws {
        var q = sql.update("cases").set("next_due", to: nextDueOfCase)
        if openCasesOnly { q = q.where("closed_on", .is, SQLLiteral.null) }
        try await q.run()
    }
}
