import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// Clocks, their suspensions and extensions, recomputation on calendar revisions (CAL-04), the
/// overdue scan and cards (CAL-42). Every change is audited against the clock's case, so it shows
/// on the case timeline.
public struct ClockRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// The columns every clock row is inserted with (bulk loads use them too).
    public static let columns = ["id", "case_id", "unit_id", "handler_id", "step", "rule_set", "rule", "start_date", "due_date", "provisional",
                          "rule_unconfirmed", "calendar_revision", "ended_on", "cancelled_on", "late", "reminder_stage"]
    /// The columns a clock is read with: `columns` plus the hour clocks' instants (migration 012, CAL-13)
    /// and whether it only measures an indicator (migration 020; bulk loads leave it false), and the
    /// early reminders sent (migration 029).
    public static let selected = columns + ["start_at", "due_at", "ended_at", "measure", "early_reminders"]

    private var calendars: CalendarRepository { CalendarRepository(store: store) }

    // MARK: Reading

    /// The clocks of a case the actor may see, oldest first.
    /// `reading`: also for a unit with read access to the case (a dispatch that kept it, a sub-task's unit).
    public func clocks(ofCase caseID: UUID, actor: Actor, reading: Bool = false) async throws -> [ClockRecord] {
        guard try await CaseRepository(store: store).find(caseID, actor: actor, reading: reading) != nil else { throw DomainError.notFound }
        let rows = try await store.sql.select().columns(Self.selected).from("clocks").where("case_id", .equal, SQLBind(caseID))
            .orderBy("created_at").orderBy("step").all()
        return try await Self.decode(rows, on: store.sql)
    }

    /// One clock, scope-checked through its case (PLT-05: an `own`-scope user finds only the clocks
    /// of cases they are involved in).
    public func find(_ id: UUID, actor: Actor) async throws -> ClockRecord? {
        guard let c = try await Self.load(id, on: store.sql), actor.sees(unit: c.unitID),
              try await CaseRepository(store: store).find(c.caseID, actor: actor) != nil else { return nil }
        return c
    }

    static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> ClockRecord? {
        let rows = try await sql.select().columns(selected).from("clocks").where("id", .equal, SQLBind(id)).all()
        return try await decode(rows, on: sql).first
    }

    /// The open clocks of a handler, most urgent first (the "my deadlines" list).
    public func open(handler: UUID, limit: Int = 200) async throws -> [ClockRecord] {
        let rows = try await store.sql.select().columns(Self.selected).from("clocks").where("handler_id", .equal, SQLBind(handler))
            .where("ended_on", .is, SQLLiteral.null).where("cancelled_on", .is, SQLLiteral.null)
            .orderBy("due_date").limit(limit).all()
        return try await Self.decode(rows, on: store.sql)
    }

    /// The overdue and near-due scan (CAL-40): open clocks whose last computed due date is on or
    /// before `horizon`, earliest first. Served by the partial index on open clocks.
    public func dueBy(_ horizon: LocalDate, limit: Int = 10_000) async throws -> [ClockRecord] {
        let rows = try await store.sql.select().columns(Self.selected).from("clocks")
            .where("ended_on", .is, SQLLiteral.null).where("cancelled_on", .is, SQLLiteral.null)
            .where("due_date", .lessThanOrEqual, SQLBind(horizon.iso))
            .orderBy("due_date").limit(limit).all()
        return try await Self.decode(rows, on: store.sql)
    }

    /// How many open clocks are overdue (due before `today`) and near due (due from `today` through
    /// `horizon`) — two counts answered from the partial index on open clocks alone.
    public func scanCounts(today: LocalDate, horizon: LocalDate) async throws -> (overdue: Int, nearDue: Int) {
        func count(_ build: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> Int {
            let q = store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("clocks")
                .where("ended_on", .is, SQLLiteral.null).where("cancelled_on", .is, SQLLiteral.null)
            return try await build(q).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        let overdue = try await count { $0.where("due_date", .lessThan, SQLBind(today.iso)) }
        let near = try await count { $0.where("due_date", .greaterThanOrEqual, SQLBind(today.iso)).where("due_date", .lessThanOrEqual, SQLBind(horizon.iso)) }
        return (overdue, near)
    }

    // MARK: Starting and ending

    /// Starts the clock of `step` on a case, with the rule of the rule-set version the case is bound
    /// to (CAL-21), counted on the calendar in force. The handler is told at once (CAL-41).
    public func start(caseID: UUID, ruleSet key: String, step: String, on start: LocalDate, handlerID: UUID?,
                      actor: Actor, context: AuditContext) async throws -> ClockRecord {
        try actor.require(.caseHandle)
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor) else { throw DomainError.notFound }
        let book = try await RuleSetRepository(store: store).book()
        guard let version = c.ruleVersions[key], let set = book.sets.first(where: { $0.key == key && $0.version == version }) else {
            throw DomainError.invalid([FieldError(field: "ruleSet", rule: "CAL-21", code: "ruleset.not-bound", messageZH: "案件未绑定时限规则“\(key)”")])
        }
        let calendar = try await calendars.current()
        let today = store.clock.todayInBeijing
        let id = try await store.write(context) { tx in
            let id = try await Self.start(tx, case: .init(id: caseID, unitID: c.unitID, title: c.title, handlerID: handlerID ?? c.handlerID), set: set,
                                          step: step, on: start, calendar: calendar, today: today)
            try await Self.refreshNextDue(tx.sql, caseIDs: [caseID])
            return id
        }
        guard let stored = try await Self.load(id, on: store.sql) else { throw DomainError.notFound }
        return stored
    }

    /// The case a clock starts on, as the clock needs it.
    public struct ClockCase: Sendable {
        public let id: UUID
        public let unitID: UUID
        public let title: String
        /// Told at once (CAL-41), and the clock's handler.
        public let handlerID: UUID?
        public init(id: UUID, unitID: UUID, title: String, handlerID: UUID?) {
            self.id = id
            self.unitID = unitID
            self.title = title
            self.handlerID = handlerID
        }
    }

    /// Starts the clock of `step` inside a write transaction (with the case's other changes):
    /// the row, its audit event and the handler's notice — unless `tellHandler` is false: a step
    /// someone else must act on (法制审核, 审批) is not the handler's to be told of (CAL-41). The caller
    /// refreshes `next_due`.
    static func start(_ tx: WriteTx, case c: ClockCase, set: RuleSet, step: String, on start: LocalDate, calendar: WorkCalendar,
                      today: LocalDate, tellHandler: Bool = true) async throws -> UUID {
        guard let rule = set.rule(step) else {
            throw DomainError.invalid([FieldError(field: "step", rule: "CAL-20", code: "ruleset.step.unknown", messageZH: "时限规则“\(set.nameZH)”没有环节“\(tx.store.procedures.stepName(step))”")])
        }
        // CAL-13: an hour clock starts at the transition's instant (the write's), not at a date.
        let clock: Clock
        do {
            clock = rule.unit == .hour ? try Clock(startAt: tx.now / 1000, rule: rule, calendar: calendar)
                                       : try Clock(start: start, rule: rule, calendar: calendar)
        } catch { throw Self.domain(error) }
        let due = clock.dueDate(asOf: today)
        let id = UUID()
        // A measure (约谈启动及时率) waits on no one: nobody is told it started.
        let measure = tx.store.procedures.measures(ruleSet: set.key, step: step)
        try await tx.sql.insert(into: "clocks").columns(Self.selected + ["created_at", "updated_at"])
            .values(SQLBind(id), SQLBind(c.id), SQLBind(c.unitID), SQLBind(c.handlerID), SQLBind(step), SQLBind(set.id), SQLBind(Self.encode(rule)),
                    SQLBind(clock.start.iso), SQLBind(due.date.iso), SQLBind(due.provisional), SQLBind(set.isUnconfirmed),
                    SQLBind(calendar.revision), SQLLiteral.null, SQLLiteral.null, SQLBind(false), SQLBind(ReminderStage.started.rawValue),
                    SQLBind(clock.startAt), SQLBind(clock.dueAt), SQLLiteral.null, SQLBind(measure), SQLBind(0), SQLBind(tx.now), SQLBind(tx.now))
            .run()
        var changes: [String: AuditDraft.Change] = [
            "step": .init(before: nil, after: step), "rule": .init(before: nil, after: "\(set.id) \(rule.count) \(rule.unit.rawValue)"),
            "start": .init(before: nil, after: clock.start.iso), "due": .init(before: nil, after: due.date.iso),
        ]
        if let startAt = clock.startAt, let dueAt = clock.dueAt {
            changes["startAt"] = .init(before: nil, after: Self.instantText(startAt))
            changes["dueAt"] = .init(before: nil, after: Self.instantText(dueAt))
        }
        tx.record("clock.start", "case", c.id.uuidString, changes: changes, detail: "clock \(id.uuidString)")
        if let handler = c.handlerID, tellHandler, !measure {
            try await NotificationRepository.insert(tx, [handler], Notice(
                kind: "clock.started", title: ReminderPlan.titleZH(.started, step: tx.store.procedures.stepName(step), due: due.date),
                body: "案件“\(c.title)”的环节“\(tx.store.procedures.stepName(step))”已开始计时，期限 \(due.date.chinese)\(due.provisional ? "（暂定）" : "")。",
                link: "/cases/\(c.id.uuidString)"))
        }
        return id
    }

    /// CAL-33: the step ended on `day`. A late end stays late (overdue) and earns the unit a yellow
    /// card, and a red one on the third consecutive late step of the year (CAL-42).
    public func end(_ id: UUID, on day: LocalDate, actor: Actor, context: AuditContext) async throws -> ClockRecord {
        try actor.require(.caseHandle)
        let calendar = try await calendars.current()
        try await mutate(id, actor: actor, context: context) { tx, record in
            try await Self.end(tx, record, on: day, calendar: calendar)
        }
        guard let stored = try await Self.load(id, on: store.sql) else { throw DomainError.notFound }
        return stored
    }

    /// Ends a clock inside a write transaction. The caller refreshes `next_due`.
    static func end(_ tx: WriteTx, _ record: ClockRecord, on day: LocalDate, calendar: WorkCalendar) async throws {
        guard record.isOpen else { throw Self.closed(record) }
        // A count-back clock (CAL-14) starts from its reference date, the deadline it counts back
        // from: the step may end any day before it.
        guard day >= record.start || record.rule.countsBack else {
            throw DomainError.invalid([FieldError(field: "endedOn", rule: "CAL-33", code: "clock.end.before-start", messageZH: "完成日期早于计时起算日 \(record.start.iso)")])
        }
        let clock = record.clock(on: calendar)
        let due = clock.dueDate(asOf: day).date
        var late = day > due
        var update = tx.sql.update("clocks")
        var changes: [String: AuditDraft.Change] = ["step": .init(before: nil, after: record.step)]
        if let dueAt = clock.dueAt {
            // CAL-13: an hour clock ends at the transition's instant and is met only at or before its due instant.
            let endedAt = tx.now / 1000
            late = endedAt > dueAt
            let endedOn = WorkCalendar.beijingDate(ofInstant: endedAt)
            update = update.set("ended_at", to: SQLBind(endedAt)).set("ended_on", to: SQLBind(endedOn.iso))
            changes["ended"] = .init(before: nil, after: endedOn.iso)
            changes["endedAt"] = .init(before: nil, after: Self.instantText(endedAt))
        } else {
            update = update.set("ended_on", to: SQLBind(day.iso))
            changes["ended"] = .init(before: nil, after: day.iso)
        }
        changes["state"] = .init(before: "running", after: late ? ClockState.overdue.rawValue : ClockState.met.rawValue)
        try await update.set("late", to: SQLBind(late)).set("due_date", to: SQLBind(due.iso)).set("updated_at", to: SQLBind(tx.now))
            .where("id", .equal, SQLBind(record.id)).run()
        try await ClockExtensionRepository.withdrawPending(tx, clockID: record.id, reason: "环节已办结")
        tx.record("clock.end", "case", record.caseID.uuidString, changes: changes, detail: "clock \(record.id.uuidString)")
        // CAL-42 cards are for steps of work; a measure ending late counts in its indicator only.
        if late && !record.measure { try await Self.awardCards(tx, record: record, due: due, ended: day, stepName: tx.store.procedures.stepName(record.step)) }
    }

    /// Cancels a clock (the step no longer runs).
    public func cancel(_ id: UUID, on day: LocalDate, reason: String, actor: Actor, context: AuditContext) async throws {
        try actor.require(.caseHandle)
        try await mutate(id, actor: actor, context: context) { tx, record in
            try await Self.cancel(tx, record, on: day, reason: reason)
        }
    }

    /// Cancels a clock inside a write transaction. The caller refreshes `next_due`.
    static func cancel(_ tx: WriteTx, _ record: ClockRecord, on day: LocalDate, reason: String) async throws {
        guard record.isOpen else { throw Self.closed(record) }
        try await tx.sql.update("clocks").set("cancelled_on", to: SQLBind(day.iso)).set("updated_at", to: SQLBind(tx.now))
            .where("id", .equal, SQLBind(record.id)).run()
        try await ClockExtensionRepository.withdrawPending(tx, clockID: record.id, reason: "计时已撤销")
        tx.record("clock.cancel", "case", record.caseID.uuidString, changes: ["step": .init(before: nil, after: record.step)],
                  detail: "clock \(record.id.uuidString)：\(reason)")
    }

    /// The open clocks of a case, read inside a write transaction.
    static func openClocks(ofCase caseID: UUID, on sql: any SQLDatabase) async throws -> [ClockRecord] {
        let rows = try await sql.select().columns(selected).from("clocks").where("case_id", .equal, SQLBind(caseID))
            .where("ended_on", .is, SQLLiteral.null).where("cancelled_on", .is, SQLLiteral.null).orderBy("created_at").orderBy("step").all()
        return try await decode(rows, on: sql)
    }

    // MARK: Suspension and extension

    /// CAL-31: stops the clock from `from` (a suspended day), with ground and approver; `to` closes
    /// it at once when the end is known.
    public func suspend(_ id: UUID, from: LocalDate, to: LocalDate?, ground: String, approverID: UUID,
                        actor: Actor, context: AuditContext) async throws -> ClockRecord {
        try actor.require(.caseHandle)
        let calendar = try await calendars.current()
        let approver = try await approverName(approverID)
        let today = store.clock.todayInBeijing
        try await mutate(id, actor: actor, context: context) { tx, record in
            try await Self.suspend(tx, record, from: from, to: to, ground: ground, approverID: approverID, approverName: approver, calendar: calendar,
                                   today: today)
        }
        guard let stored = try await Self.load(id, on: store.sql) else { throw DomainError.notFound }
        return stored
    }

    /// CAL-31: ends the open suspension; `lastSuspendedDay` is the last day not counted.
    public func resume(_ id: UUID, lastSuspendedDay: LocalDate, actor: Actor, context: AuditContext) async throws -> ClockRecord {
        try actor.require(.caseHandle)
        let calendar = try await calendars.current()
        let today = store.clock.todayInBeijing
        try await mutate(id, actor: actor, context: context) { tx, record in
            try await Self.resume(tx, record, lastSuspendedDay: lastSuspendedDay, calendar: calendar, today: today)
        }
        guard let stored = try await Self.load(id, on: store.sql) else { throw DomainError.notFound }
        return stored
    }

    // MARK: Helpers

    func mutate(_ id: UUID, actor: Actor, context: AuditContext,
                        _ body: @escaping @Sendable (WriteTx, ClockRecord) async throws -> Void) async throws {
        guard try await find(id, actor: actor) != nil else { throw DomainError.notFound }
        try await store.write(context) { tx in
            // Re-read inside the transaction: the write lock is held, so this is the current state.
            guard let record = try await Self.load(id, on: tx.sql) else { throw DomainError.notFound }
            try await body(tx, record)
            try await Self.refreshNextDue(tx.sql, caseIDs: [record.caseID])
        }
    }

    /// Stores the clock's due date (and instant) as of `today` after a suspension, resumption or extension.
    static func storeDue(_ tx: WriteTx, id: UUID, clock: Clock, today: LocalDate) async throws -> LocalDate {
        let due = clock.dueDate(asOf: today)
        try await tx.sql.update("clocks").set("due_date", to: SQLBind(due.date.iso)).set("provisional", to: SQLBind(due.provisional))
            .set("due_at", to: SQLBind(clock.dueAt)).set("updated_at", to: SQLBind(tx.now)).where("id", .equal, SQLBind(id)).run()
        return due.date
    }

    /// `2025-10-01 16:00:00` (Beijing) for an instant in Unix seconds, as the audit trail shows it.
    static func instantText(_ seconds: Int64) -> String { WallClock.beijingText(millis: seconds * 1000) }

    private func approverName(_ id: UUID) async throws -> String {
        guard let user = try await OrganisationRepository(store: store).user(id: id), user.active else {
            throw DomainError.invalid([FieldError(field: "approver", rule: "CAL-31", code: "clock.approver.unknown", messageZH: "批准人不存在或已停用")])
        }
        return user.name
    }

    static func closed(_ record: ClockRecord) -> DomainError {
        DomainError(.conflict, code: "clock.closed", messageZH: "该计时已结束或已撤销", ruleID: "CAL-30")
    }

    static func domain(_ error: any Error) -> any Error {
        guard let e = error as? CalendarError else { return error }
        return DomainError.invalid([FieldError(field: e.field ?? "clock", rule: e.ruleID, code: e.code.rawValue, messageZH: e.messageZH)])
    }

    public static func encode(_ rule: TimeLimitRule) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: (try? e.encode(rule)) ?? Data(), as: UTF8.self)
    }

    static func decode(_ rows: [any SQLRow], on sql: any SQLDatabase) async throws -> [ClockRecord] {
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        var records: [UUID: [ClockRecordEntry]] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            for r in try await sql.select().columns("id", "clock_id", "kind", "from_date", "to_date", "count", "ground", "approver_id", "approver_name", "granted_on")
                .from("clock_records").where("clock_id", .in, SQLBind.group(chunk)).orderBy("created_at").all() {
                let entry = ClockRecordEntry(
                    id: try r.decode(column: "id", as: UUID.self),
                    kind: ClockRecordEntry.Kind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .suspension,
                    from: try r.decode(column: "from_date", as: String?.self).flatMap(LocalDate.init(iso:)),
                    to: try r.decode(column: "to_date", as: String?.self).flatMap(LocalDate.init(iso:)),
                    count: try r.decode(column: "count", as: Int.self), ground: try r.decode(column: "ground", as: String.self),
                    approverID: try r.decode(column: "approver_id", as: UUID.self), approverName: try r.decode(column: "approver_name", as: String.self),
                    grantedOn: try r.decode(column: "granted_on", as: String?.self).flatMap(LocalDate.init(iso:)))
                records[try r.decode(column: "clock_id", as: UUID.self), default: []].append(entry)
            }
        }
        let pending = try await ClockExtensionRepository.pending(clockIDs: ids, on: sql)
        let decoder = JSONDecoder()
        // A page's clocks share a handful of rules: each stored text is decoded once (JSON decoding was
        // a twentieth of a worklist request's time).
        var rules: [String: TimeLimitRule] = [:]
        func rule(_ text: String) throws -> TimeLimitRule {
            if let r = rules[text] { return r }
            let r = try decoder.decode(TimeLimitRule.self, from: Data(text.utf8))
            rules[text] = r
            return r
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            var record = ClockRecord(
                id: id, caseID: try row.decode(column: "case_id", as: UUID.self), unitID: try row.decode(column: "unit_id", as: UUID.self),
                handlerID: try row.decode(column: "handler_id", as: UUID?.self), step: try row.decode(column: "step", as: String.self),
                ruleSet: try row.decode(column: "rule_set", as: String.self),
                rule: try rule(try row.decode(column: "rule", as: String.self)),
                start: LocalDate(iso: try row.decode(column: "start_date", as: String.self)) ?? LocalDate(ordinal: 0),
                due: LocalDate(iso: try row.decode(column: "due_date", as: String.self)) ?? LocalDate(ordinal: 0),
                provisional: try row.decode(column: "provisional", as: Bool.self), ruleUnconfirmed: try row.decode(column: "rule_unconfirmed", as: Bool.self),
                calendarRevision: try row.decode(column: "calendar_revision", as: Int.self),
                endedOn: try row.decode(column: "ended_on", as: String?.self).flatMap(LocalDate.init(iso:)),
                cancelledOn: try row.decode(column: "cancelled_on", as: String?.self).flatMap(LocalDate.init(iso:)),
                late: try row.decode(column: "late", as: Bool.self),
                reminderStage: ReminderStage(rawValue: try row.decode(column: "reminder_stage", as: Int.self)) ?? .none,
                records: records[id] ?? [],
                startAt: try row.decode(column: "start_at", as: Int64?.self), dueAt: try row.decode(column: "due_at", as: Int64?.self),
                endedAt: try row.decode(column: "ended_at", as: Int64?.self), measure: try row.decode(column: "measure", as: Bool.self),
                pendingExtensions: pending[id] ?? [])
            record.earlyReminders = try row.decode(column: "early_reminders", as: Int.self)
            return record
        }
    }
}
