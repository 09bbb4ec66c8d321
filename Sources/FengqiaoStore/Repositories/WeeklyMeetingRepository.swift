import FengqiaoCore
import Foundation
import SQLKit

/// A procedure's weekly meetings (MD-45), per unit and week: the people of the unit whose work the
/// pack lists, the pack itself — each person's steps on the procedure's cases in the week before
/// (from the audit chain) and the overdue clocks of the cases they handle or that wait on them —
/// and the meeting as recorded, once per week, audited.
public struct WeeklyMeetingRepository: Sendable {
    public let store: Store
    public let procedure: any Procedure.Type

    public init(store: Store, procedure: any Procedure.Type) {
        self.store = store
        self.procedure = procedure
    }

    var caseType: String { procedure.caseType }

    /// The unit's active people who hold the meeting's permission or handle the procedure's cases,
    /// by name.
    public func people(unit: UUID) async throws -> [(id: UUID, name: String)] {
        guard let rule = procedure.module.weeklyMeeting else { return [] }
        let catalog = try await RoleRepository(store: store).catalog()
        let codes = Set(([rule.permission] + procedure.module.handlerPermissions).flatMap { catalog.codes(granting: $0) }).sorted()
        guard !codes.isEmpty else { return [] }
        let ids = try await store.sql.select().column("user_id").from("role_assignments").where("role_code", .in, SQLBind.group(codes))
            .where("unit_id", .equal, SQLBind(unit)).all().map { try $0.decode(column: "user_id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        return try await store.sql.select().columns("id", "name").from("users").where("id", .in, SQLBind.group(Array(Set(ids))))
            .where("active", .equal, SQLBind(true)).orderBy("name").all()
            .map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "name", as: String.self)) }
    }

    /// The pack of the meeting of the week of `week` held on `day` (MD-45): for each of `people`, the
    /// steps they took on the procedure's cases in the seven days before the week, with the cases'
    /// numbers, and the clocks overdue on `day` of the open cases they handle or that wait on them.
    public func pack(people: [(id: UUID, name: String)], week: LocalDate, day: LocalDate, stepName: (String) -> String) async throws -> [WeeklyMeetingPackEntry] {
        let reviewed = WeeklyMeeting.reviewed(before: WeeklyMeeting.monday(of: week))
        let from = (WorkCalendar.endOfDayInstant(reviewed.lowerBound.adding(days: -1))) * 1000
        let to = WorkCalendar.endOfDayInstant(reviewed.upperBound) * 1000
        var out: [WeeklyMeetingPackEntry] = []
        for person in people {
            // The audit index (user, instant) holds each person's week; the cases are then read by id.
            let touched = try await store.sql.select().column("object_id").from("audit_events")
                .where("user_id", .equal, SQLBind(person.id.uuidString)).where("at", .greaterThanOrEqual, SQLBind(from)).where("at", .lessThan, SQLBind(to))
                .where("object_type", .equal, SQLBind("case")).where("action", .in, SQLBind.group(["case.transition", "case.create"])).all()
                .compactMap { try $0.decode(column: "object_id", as: String?.self).flatMap(UUID.init(uuidString:)) }
            var numbers: [UUID: String] = [:]
            if !touched.isEmpty {
                for r in try await store.sql.select().columns("id", "number").from("cases").where("id", .in, SQLBind.group(Array(Set(touched))))
                    .where("case_type", .equal, SQLBind(caseType)).all() {
                    numbers[try r.decode(column: "id", as: UUID.self)] = try r.decode(column: "number", as: String?.self) ?? ""
                }
            }
            let steps = touched.filter { numbers[$0] != nil }.count
            out.append(WeeklyMeetingPackEntry(personID: person.id, name: person.name, steps: steps, cases: Set(numbers.values).sorted(),
                                              overdue: try await overdue(of: person.id, on: day, stepName: stepName)))
        }
        return out
    }

    /// The clocks overdue on `day` (due before it, neither ended nor cancelled, not a measure) of the
    /// procedure's cases `person` handles or that wait on them, by due date.
    func overdue(of person: UUID, on day: LocalDate, stepName: (String) -> String) async throws -> [WeeklyMeetingPackEntry.Overdue] {
        let waiting = try await store.sql.select().column("case_id").from("case_waiting").where("user_id", .equal, SQLBind(person)).all()
            .map { try $0.decode(column: "case_id", as: UUID.self) }
        let rows = try await store.sql.select()
            .column(SQLColumn("number", table: "c")).column(SQLColumn("step", table: "k")).column(SQLColumn("due_date", table: "k"))
            .from(SQLAlias(SQLIdentifier("clocks"), as: SQLIdentifier("k")))
            .join(SQLAlias(SQLIdentifier("cases"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                  on: SQLColumn("id", table: "c"), .equal, SQLColumn("case_id", table: "k"))
            .where(SQLColumn("case_type", table: "c"), .equal, SQLBind(caseType))
            .where { w in
                let mine = w.where(SQLColumn("handler_id", table: "c"), .equal, SQLBind(person))
                return waiting.isEmpty ? mine : mine.orWhere(SQLColumn("id", table: "c"), .in, SQLBind.group(waiting))
            }
            .where(SQLColumn("ended_on", table: "k"), .is, SQLLiteral.null).where(SQLColumn("cancelled_on", table: "k"), .is, SQLLiteral.null)
            .where(SQLColumn("measure", table: "k"), .equal, SQLBind(false))
            .where(SQLColumn("due_date", table: "k"), .lessThan, SQLBind(day.iso))
            .orderBy(SQLColumn("due_date", table: "k")).limit(200).all()
        return try rows.map {
            WeeklyMeetingPackEntry.Overdue(caseNumber: try $0.decode(column: "number", as: String?.self) ?? "", stepZH: stepName(try $0.decode(column: "step", as: String.self)),
                                           due: LocalDate(iso: try $0.decode(column: "due_date", as: String.self)) ?? day)
        }
    }

    /// The meeting of the week of `week` as recorded, if it was.
    public func meeting(unit: UUID, week: LocalDate) async throws -> WeeklyMeetingRecord? {
        guard let r = try await store.sql.select().columns("week", "held_on", "start_time", "minutes", "chair_id", "recorder_id", "attendees", "record")
            .from("weekly_meetings").where("case_type", .equal, SQLBind(caseType)).where("unit_id", .equal, SQLBind(unit))
            .where("week", .equal, SQLBind(WeeklyMeeting.monday(of: week).iso)).first() else { return nil }
        return WeeklyMeetingRecord(week: LocalDate(iso: try r.decode(column: "week", as: String.self)) ?? week,
                                   heldOn: LocalDate(iso: try r.decode(column: "held_on", as: String.self)) ?? week,
                                   startTime: try r.decode(column: "start_time", as: String.self), minutes: try r.decode(column: "minutes", as: Int.self),
                                   chairID: try r.decode(column: "chair_id", as: UUID.self), recorderID: try r.decode(column: "recorder_id", as: UUID.self),
                                   attendees: try r.decode(column: "attendees", as: String.self), record: try r.decode(column: "record", as: String.self))
    }

    /// Records the meeting of its week for `unit`; a week is recorded once (`meeting.recorded`), by
    /// one who holds the meeting's permission over the unit.
    public func record(_ m: WeeklyMeetingRecord, unit: UUID, actor: Actor, context: AuditContext) async throws {
        guard let rule = procedure.module.weeklyMeeting, actor.sees(unit: unit) else { throw DomainError.notFound }
        try actor.require(rule.permission)
        let recorded = DomainError.invalid([FieldError(field: "week", rule: rule.rule, code: "meeting.recorded", messageZH: "本周例会已记录")])
        if try await meeting(unit: unit, week: m.week) != nil { throw recorded }
        try await store.write(context) { tx in
            if try await tx.sql.select().column("id").from("weekly_meetings").where("case_type", .equal, SQLBind(caseType))
                .where("unit_id", .equal, SQLBind(unit)).where("week", .equal, SQLBind(m.week.iso)).first() != nil { throw recorded }
            let id = UUID()
            try await tx.sql.insert(into: "weekly_meetings")
                .columns("id", "case_type", "unit_id", "week", "held_on", "start_time", "minutes", "chair_id", "recorder_id", "attendees", "record", "created_by", "created_at")
                .values(SQLBind(id), SQLBind(caseType), SQLBind(unit), SQLBind(m.week.iso), SQLBind(m.heldOn.iso), SQLBind(m.startTime), SQLBind(m.minutes),
                        SQLBind(m.chairID), SQLBind(m.recorderID), SQLBind(m.attendees), SQLBind(m.record), SQLBind(actor.userID), SQLBind(tx.now))
                .run()
            tx.record("meeting.weekly", "weekly_meeting", id.uuidString, changes: [
                "week": .init(before: nil, after: m.week.iso), "heldOn": .init(before: nil, after: m.heldOn.iso),
                "minutes": .init(before: nil, after: String(m.minutes)),
            ], detail: "\(rule.titleZH)：\(m.heldOn.iso) \(m.startTime)，\(m.minutes)分钟")
        }
    }
}
