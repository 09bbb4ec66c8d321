import FengqiaoCore
import Foundation
import SQLKit

// What a procedure's transition records on its own clocks (CAL-31, CAL-32 driven by the engine: a
// complaint's testing or recusal pause, CP-19, CP-20; a report's one extension of its verification,
// CP-26): the same suspension and extension rows and audit entries as the clock page's 中止/恢复计时 and
// 延期, written inside the transition's transaction, the actor taking it on record as approver.
extension ClockRepository {
    /// CAL-31: stops the open clock `record` from `from` on `ground` (`to` closes it at once when the
    /// end is known); the due date moves as the suspension runs (`Clock.dueDate(asOf:)`). The clock
    /// page's 中止计时 and a transition's pause (the actor as approver) both write through here.
    static func suspend(_ tx: WriteTx, _ record: ClockRecord, from: LocalDate, to: LocalDate? = nil, ground: String, approverID: UUID,
                        approverName: String, calendar: WorkCalendar, today: LocalDate) async throws {
        var clock = record.clock(on: calendar)
        let before = clock.dueDate(asOf: today).date
        do { try clock.suspend(from: from, to: to, ground: ground, approver: approverName) } catch { throw Self.domain(error) }
        try await tx.sql.insert(into: "clock_records")
            .columns("id", "clock_id", "kind", "from_date", "to_date", "count", "ground", "approver_id", "approver_name", "granted_on", "created_at")
            .values(SQLBind(UUID()), SQLBind(record.id), SQLBind("suspension"), SQLBind(from.iso), SQLBind(to?.iso), SQLBind(0), SQLBind(ground),
                    SQLBind(approverID), SQLBind(approverName), SQLLiteral.null, SQLBind(tx.now))
            .run()
        let after = try await storeDue(tx, id: record.id, clock: clock, today: today)
        tx.record("clock.suspend", "case", record.caseID.uuidString, changes: [
            "step": .init(before: nil, after: record.step), "suspension": .init(before: nil, after: "\(from.iso)…\(to?.iso ?? "")"),
            "ground": .init(before: nil, after: ground), "approver": .init(before: nil, after: approverName),
            "due": .init(before: before.iso, after: after.iso),
        ], detail: "clock \(record.id.uuidString)")
    }

    /// CAL-31: ends the open suspension of `record`; `lastSuspendedDay` is the last day not counted.
    static func resume(_ tx: WriteTx, _ record: ClockRecord, lastSuspendedDay: LocalDate, calendar: WorkCalendar, today: LocalDate) async throws {
        var clock = record.clock(on: calendar)
        let before = clock.dueDate(asOf: today).date
        do { try clock.resume(lastSuspendedDay: lastSuspendedDay) } catch { throw Self.domain(error) }
        guard let open = record.records.last(where: { $0.kind == .suspension && $0.to == nil }) else {
            throw DomainError.invalid([FieldError(field: "to", rule: "CAL-31", code: "clock.not-suspended", messageZH: "没有正在中止的计时")])
        }
        try await tx.sql.update("clock_records").set("to_date", to: SQLBind(lastSuspendedDay.iso)).where("id", .equal, SQLBind(open.id)).run()
        let after = try await storeDue(tx, id: record.id, clock: clock, today: today)
        tx.record("clock.resume", "case", record.caseID.uuidString, changes: [
            "step": .init(before: nil, after: record.step), "suspensionEnd": .init(before: nil, after: lastSuspendedDay.iso),
            "due": .init(before: before.iso, after: after.iso),
        ], detail: "clock \(record.id.uuidString)")
    }

    /// CAL-32: extends the open clock `record` by `count` (its rule's unit) on `today`, the actor as
    /// approver — who must hold the rule's extension permission; the rule's limits on grants apply.
    static func extend(_ tx: WriteTx, _ record: ClockRecord, count: Int, ground: String, actor: Actor, calendar: WorkCalendar,
                       today: LocalDate) async throws {
        var clock = record.clock(on: calendar)
        let before = clock.dueDate(asOf: today).date
        do {
            try clock.extend(by: count, ground: ground, approver: actor.name, approverPermissions: Set(actor.permissions.map(\.rawValue)), grantedOn: today)
        } catch { throw Self.domain(error) }
        try await tx.sql.insert(into: "clock_records")
            .columns("id", "clock_id", "kind", "from_date", "to_date", "count", "ground", "approver_id", "approver_name", "granted_on", "created_at")
            .values(SQLBind(UUID()), SQLBind(record.id), SQLBind("extension"), SQLLiteral.null, SQLLiteral.null, SQLBind(count), SQLBind(ground),
                    SQLBind(actor.userID), SQLBind(actor.name), SQLBind(today.iso), SQLBind(tx.now))
            .run()
        let after = try await storeDue(tx, id: record.id, clock: clock, today: today)
        tx.record("clock.extend", "case", record.caseID.uuidString, changes: [
            "step": .init(before: nil, after: record.step), "extension": .init(before: nil, after: "+\(count) \(record.rule.unit.rawValue)"),
            "ground": .init(before: nil, after: ground), "approver": .init(before: nil, after: actor.name),
            "due": .init(before: before.iso, after: after.iso),
        ], detail: "clock \(record.id.uuidString)")
    }
}
