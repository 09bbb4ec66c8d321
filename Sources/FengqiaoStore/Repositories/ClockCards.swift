import FengqiaoCore
import Foundation
import SQLKit

// The reminder stages sent and the cards a unit earns (CAL-41, CAL-42), split from
// `ClockRepository` so each file reads as one subject.

extension ClockRepository {
    // MARK: Reminders (CAL-41)

    /// Records that a reminder stage was sent (so each is sent once).
    public func markReminded(_ id: UUID, stage: ReminderStage) async throws {
        try await store.sql.update("clocks").set("reminder_stage", to: SQLBind(stage.rawValue)).where("id", .equal, SQLBind(id)).run()
    }

    /// Records how many of the step's early reminders were sent (`StepReminders`); a due date moved
    /// later brings the count back to the leads reached, so the new leads are sent.
    public func markEarlyReminded(_ id: UUID, count: Int) async throws {
        try await store.sql.update("clocks").set("early_reminders", to: SQLBind(count)).where("id", .equal, SQLBind(id)).run()
    }

    /// The unit's cards of a year (CAL-42), newest first.
    public func cards(unit: UUID, year: Int) async throws -> [(color: CardColor, reason: String, caseID: UUID?, at: Int64)] {
        try await store.sql.select().columns("color", "reason", "case_id", "created_at").from("unit_cards")
            .where("unit_id", .equal, SQLBind(unit)).where("year", .equal, SQLBind(year)).orderBy("created_at", .descending).all().map {
                (CardColor(rawValue: try $0.decode(column: "color", as: String.self)) ?? .yellow, try $0.decode(column: "reason", as: String.self),
                 try $0.decode(column: "case_id", as: UUID?.self), try $0.decode(column: "created_at", as: Int64.self))
            }
    }

    static func awardCards(_ tx: WriteTx, record: ClockRecord, due: LocalDate, ended: LocalDate, stepName: String) async throws {
        let year = due.year
        try await tx.sql.insert(into: "unit_cards").columns("id", "unit_id", "year", "color", "clock_id", "case_id", "reason", "created_at")
            .values(SQLBind(UUID()), SQLBind(record.unitID), SQLBind(year), SQLBind(CardColor.yellow.rawValue), SQLBind(record.id),
                    SQLBind(record.caseID), SQLBind("环节“\(stepName)”超期完成（期限 \(due.iso)，完成 \(ended.iso)）"), SQLBind(tx.now))
            .run()
        tx.record("card.yellow", "unit", record.unitID.uuidString, detail: "CAL-42 \(year)：\(stepName) 超期完成")
        let hasRed = try await tx.sql.select().column("id").from("unit_cards").where("unit_id", .equal, SQLBind(record.unitID))
            .where("year", .equal, SQLBind(year)).where("color", .equal, SQLBind(CardColor.red.rawValue)).first() != nil
        guard !hasRed else { return }
        let steps = try await tx.sql.select().columns("due_date", "ended_on").from("clocks").where("unit_id", .equal, SQLBind(record.unitID))
            .where("ended_on", .isNot, SQLLiteral.null).where("measure", .equal, SQLBind(false)).where("due_date", .greaterThanOrEqual, SQLBind("\(year)-01-01"))
            .where("due_date", .lessThanOrEqual, SQLBind("\(year)-12-31")).all().compactMap { row -> FinishedStep? in
                guard let d = LocalDate(iso: try row.decode(column: "due_date", as: String.self)),
                      let e = try row.decode(column: "ended_on", as: String?.self).flatMap(LocalDate.init(iso:)) else { return nil }
                return FinishedStep(due: d, ended: e)
            }
        guard CardRules.red(steps) else { return }
        try await tx.sql.insert(into: "unit_cards").columns("id", "unit_id", "year", "color", "clock_id", "case_id", "reason", "created_at")
            .values(SQLBind(UUID()), SQLBind(record.unitID), SQLBind(year), SQLBind(CardColor.red.rawValue), SQLBind(record.id),
                    SQLBind(record.caseID), SQLBind("\(year)年连续\(CardRules.redAfterConsecutiveLate)个环节超期，取消当年评优资格"), SQLBind(tx.now))
            .run()
        tx.record("card.red", "unit", record.unitID.uuidString, detail: "CAL-42 \(year)：连续\(CardRules.redAfterConsecutiveLate)个环节超期")
    }
}
