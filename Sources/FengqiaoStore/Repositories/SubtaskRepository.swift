import FengqiaoCore
import Foundation
import SQLKit

// Parallel sub-tasks on one case (issue 12 item 4, migration 017): opened and withdrawn inside the
// transition's write, replied to by a user of the unit asked. The unit asked may read the case
// (`case_readers`, the same read access a dispatch may keep) but acts only on its own sub-task; a
// user of any other unit gets "not found" (X-05, PLT-05).

/// A sub-task opening resolved before the write: the unit exists, is not the case's own and has no
/// open sub-task of the same kind (X-06: every problem named at once).
struct ResolvedSubtask: Sendable {
    let opening: SubtaskOpening
    let unit: OrgUnit
    /// Users of the unit who handle cases, told of the new sub-task (CAL-41).
    let recipients: [UUID]
}

public struct SubtaskRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    static let columns = ["id", "case_id", "unit_id", "kind", "title", "step", "rule", "state", "opened_on", "clock_id", "reply_text", "replied_on",
                          "replied_by", "withdrawn_on"]

    // MARK: Reading

    /// The case's sub-tasks, for anyone who may read the case (its unit, a unit that kept read access,
    /// a unit asked); nil outside that.
    public func subtasks(ofCase caseID: UUID, actor: Actor) async throws -> [Subtask]? {
        guard try await CaseRepository(store: store).find(caseID, actor: actor, reading: true) != nil else { return nil }
        return try await Self.load(caseID: caseID, on: store.sql)
    }

    /// The sub-tasks of a case, unscoped (the engine's context; the caller checked the case).
    static func load(caseID: UUID, on sql: any SQLDatabase) async throws -> [Subtask] {
        try await decode(try await sql.select().columns(columns).from("case_subtasks").where("case_id", .equal, SQLBind(caseID))
            .orderBy("created_at").orderBy("id").all(), on: sql)
    }

    static func decode(_ rows: [any SQLRow], on sql: any SQLDatabase) async throws -> [Subtask] {
        guard !rows.isEmpty else { return [] }
        // Only the units these sub-tasks name (a worklist page reads this on every request).
        let unitIDs = Array(Set(try rows.map { try $0.decode(column: "unit_id", as: UUID.self) }))
        let units = Dictionary(uniqueKeysWithValues: try await sql.select().columns("id", "name").from("units")
            .where("id", .in, SQLBind.group(unitIDs)).all()
            .map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "name", as: String.self)) })
        let repliers = try rows.compactMap { try $0.decode(column: "replied_by", as: UUID?.self) }
        var names: [UUID: String] = [:]
        if !repliers.isEmpty {
            for r in try await sql.select().columns("id", "name").from("users").where("id", .in, SQLBind.group(Array(Set(repliers)))).all() {
                names[try r.decode(column: "id", as: UUID.self)] = try r.decode(column: "name", as: String.self)
            }
        }
        return try rows.map { r in
            let unitID = try r.decode(column: "unit_id", as: UUID.self)
            let by = try r.decode(column: "replied_by", as: UUID?.self)
            let reply: SubtaskReply? = try {
                guard let by, let text = try r.decode(column: "reply_text", as: String?.self),
                      let on = LocalDate(iso: try r.decode(column: "replied_on", as: String?.self) ?? "") else { return nil }
                return SubtaskReply(text: text, on: on, byID: by, byName: names[by] ?? "")
            }()
            return Subtask(id: try r.decode(column: "id", as: UUID.self), caseID: try r.decode(column: "case_id", as: UUID.self), unitID: unitID,
                           unitName: units[unitID] ?? "", kind: try r.decode(column: "kind", as: String.self),
                           titleZH: try r.decode(column: "title", as: String.self), step: try r.decode(column: "step", as: String.self),
                           rule: try r.decode(column: "rule", as: String.self),
                           state: SubtaskState(rawValue: try r.decode(column: "state", as: String.self)) ?? .open,
                           openedOn: LocalDate(iso: try r.decode(column: "opened_on", as: String.self)) ?? LocalDate(year: 2000, month: 1, day: 1)!,
                           clockID: try r.decode(column: "clock_id", as: UUID?.self), reply: reply,
                           withdrawnOn: LocalDate(iso: try r.decode(column: "withdrawn_on", as: String?.self) ?? ""))
        }
    }

    /// The open sub-tasks asked of `units` (nil: every unit), with their cases — the receiving
    /// units' worklist entries.
    public func open(units: Set<UUID>?, limit: Int = 200) async throws -> [(WorkCase, Subtask, ClockRecord?)] {
        if let units, units.isEmpty { return [] }
        var q = store.sql.select().columns(Self.columns).from("case_subtasks").where("state", .equal, SQLBind(SubtaskState.open.rawValue))
        if let units { q = q.where("unit_id", .in, SQLBind.group(Array(units))) }
        let subtasks = try await Self.decode(try await q.orderBy("opened_on").orderBy("id").limit(limit).all(), on: store.sql)
        var out: [(WorkCase, Subtask, ClockRecord?)] = []
        for s in subtasks {
            guard let c = try await CaseRepository.load(s.caseID, on: store.sql), c.closedOn == nil else { continue }
            out.append((WorkCase(id: c.id, number: c.number, title: c.title, caseType: c.caseType, state: c.state,
                                 gravity: Gravity(rawValue: c.gravity) ?? .ordinary, handlerID: c.handlerID), s,
                        s.clockID == nil ? nil : try await ClockRepository.load(s.clockID!, on: store.sql)))
        }
        return out
    }

    // MARK: Replying

    /// A user of the sub-task's unit replies (PA-25): text and date, checked all at once; the reply
    /// ends the sub-task's clock on its date (CAL-33), tells the case's handler, and is audited on
    /// the case. Another unit's user gets "not found".
    public func reply(_ id: UUID, caseID: UUID, text: String?, on raw: String?, actor: Actor, context audit: AuditContext) async throws -> Subtask {
        guard let s = try await Self.load(caseID: caseID, on: store.sql).first(where: { $0.id == id }),
              actor.sees(unit: s.unitID), !actor.ownOnlyUnits.contains(s.unitID) || actor.unitID == s.unitID else { throw DomainError.notFound }
        try actor.require(.caseHandle)
        let today = store.clock.todayInBeijing
        let errors = Subtasks.checkReply(s, text: text, on: raw, today: today)
        guard errors.isEmpty, let on = raw.flatMap({ LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) }) else { throw DomainError.invalid(errors) }
        let body = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let calendar = try await CalendarRepository(store: store).current()
        guard let c = try await CaseRepository.load(caseID, on: store.sql) else { throw DomainError.notFound }
        try await store.write(audit) { tx in
            try await tx.sql.update("case_subtasks").set("state", to: SQLBind(SubtaskState.replied.rawValue)).set("reply_text", to: SQLBind(body))
                .set("replied_on", to: SQLBind(on.iso)).set("replied_by", to: SQLBind(actor.userID)).set("replied_at", to: SQLBind(tx.now))
                .where("id", .equal, SQLBind(id)).where("state", .equal, SQLBind(SubtaskState.open.rawValue)).run()
            // Two replies at once: only the first lands.
            let check = try await tx.sql.select().column("replied_by").from("case_subtasks").where("id", .equal, SQLBind(id)).first()
            guard try check?.decode(column: "replied_by", as: UUID?.self) == actor.userID else {
                throw DomainError.invalid([FieldError(field: "subtask", rule: s.rule, code: "subtask.closed", messageZH: "该协办事项已回复")])
            }
            if let clockID = s.clockID, let clock = try await ClockRepository.load(clockID, on: tx.sql), clock.isOpen {
                try await ClockRepository.end(tx, clock, on: on, calendar: calendar)
                try await ClockRepository.refreshNextDue(tx.sql, caseIDs: [caseID])
            }
            tx.record("case.subtask.reply", "case", caseID.uuidString, changes: [
                "subtask": .init(before: nil, after: id.uuidString), "unit": .init(before: nil, after: s.unitID.uuidString),
                "state": .init(before: SubtaskState.open.rawValue, after: SubtaskState.replied.rawValue), "repliedOn": .init(before: nil, after: on.iso),
            ], detail: "\(s.unitName)回复“\(s.titleZH)”：\(body)（\(s.rule)）")
            if let handler = c.handlerID {
                try await NotificationRepository.insert(tx, [handler], Notice(kind: "case.subtask.reply", title: "\(s.unitName)已回复“\(s.titleZH)”",
                                                                             body: "\(c.number ?? c.title)：\(body)", link: "/cases/\(caseID.uuidString)"))
            }
        }
        return try await Self.load(caseID: caseID, on: store.sql).first { $0.id == id } ?? s
    }

    // MARK: Inside a transition's write

    /// Checks the openings before the write: each unit exists, is not the case's own, and has no open
    /// sub-task of the same kind on the case; the step is one of the case's rule set.
    func resolve(_ openings: [SubtaskOpening], caseUnit: UUID, existing: [Subtask], set: RuleSet?) async throws -> [ResolvedSubtask] {
        guard !openings.isEmpty else { return [] }
        let units = try await OrganisationRepository(store: store).tree().units
        let notices = NotificationRepository(store: store)
        var problems: [FieldError] = []
        var out: [ResolvedSubtask] = []
        for o in openings {
            if set?.rule(o.step) == nil {
                problems.append(FieldError(field: "step", rule: "CAL-21", code: "ruleset.step.unknown", messageZH: "案件绑定的时限规则没有环节“\(store.procedures.stepName(o.step))”"))
            }
            for ref in o.units {
                let unit: OrgUnit?
                switch ref {
                case let .id(id): unit = units[id]
                case let .code(code): unit = units.values.first { $0.code == code }
                }
                guard let unit else {
                    problems.append(FieldError(field: "units", rule: o.rule, code: "subtask.unit-unknown", messageZH: "没有要分送的单位"))
                    continue
                }
                if unit.id == caseUnit {
                    problems.append(FieldError(field: "units", rule: o.rule, code: "subtask.same-unit", messageZH: "“\(unit.name)”是本案承办单位，无需分送"))
                } else if existing.contains(where: { $0.isOpen && $0.unitID == unit.id && $0.kind == o.kind })
                            || out.contains(where: { $0.unit.id == unit.id && $0.opening.kind == o.kind }) {
                    problems.append(FieldError(field: "units", rule: o.rule, code: "subtask.duplicate", messageZH: "“\(unit.name)”已有未回复的“\(o.titleZH)”"))
                } else {
                    let recipients = try await notices.users(withPermission: .caseHandle, inUnits: [unit.id]).map(\.id)
                    out.append(ResolvedSubtask(opening: o, unit: unit, recipients: recipients))
                }
            }
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        return out
    }

    /// Opens the resolved sub-tasks in the transition's write: one row, one clock (in the unit asked,
    /// so its reminders and cards are that unit's) and read access for the unit, audited on the case.
    static func open(_ tx: WriteTx, _ resolved: [ResolvedSubtask], caseID: UUID, caseTitle: String, set: RuleSet?, calendar: WorkCalendar,
                     today: LocalDate, actor: Actor) async throws {
        guard !resolved.isEmpty else { return }
        guard let set else {
            throw DomainError.invalid([FieldError(field: "ruleSet", rule: "CAL-21", code: "ruleset.not-bound", messageZH: "案件未绑定时限规则")])
        }
        for r in resolved {
            let o = r.opening
            let clockID = try await ClockRepository.start(tx, case: .init(id: caseID, unitID: r.unit.id, title: "\(caseTitle)·\(o.titleZH)", handlerID: nil),
                                                          set: set, step: o.step, on: o.on, calendar: calendar, today: today, tellHandler: false)
            let id = UUID()
            try await tx.sql.insert(into: "case_subtasks")
                .columns("id", "case_id", "unit_id", "kind", "title", "step", "rule", "state", "opened_on", "clock_id", "created_by", "created_at")
                .values(SQLBind(id), SQLBind(caseID), SQLBind(r.unit.id), SQLBind(o.kind), SQLBind(o.titleZH), SQLBind(o.step), SQLBind(o.rule),
                        SQLBind(SubtaskState.open.rawValue), SQLBind(o.on.iso), SQLBind(clockID), SQLBind(actor.isSystem ? nil : actor.userID),
                        SQLBind(tx.now))
                .run()
            // the unit asked reads the case (never acts on it but for its own reply).
            let reader = try await tx.sql.select().column("unit_id").from("case_readers").where("case_id", .equal, SQLBind(caseID))
                .where("unit_id", .equal, SQLBind(r.unit.id)).first()
            if reader == nil {
                try await tx.sql.insert(into: "case_readers").columns("case_id", "unit_id", "granted_at")
                    .values(SQLBind(caseID), SQLBind(r.unit.id), SQLBind(tx.now)).run()
            }
            tx.record("case.subtask.open", "case", caseID.uuidString, changes: [
                "subtask": .init(before: nil, after: id.uuidString), "unit": .init(before: nil, after: r.unit.id.uuidString),
                "kind": .init(before: nil, after: o.kind), "step": .init(before: nil, after: o.step),
            ], detail: "分送\(r.unit.name)：\(o.titleZH)（\(o.rule)）")
            try await NotificationRepository.insert(tx, r.recipients, Notice(kind: "case.subtask.open", title: "待回复：\(o.titleZH)",
                                                                            body: caseTitle, link: "/cases/\(caseID.uuidString)"))
        }
        try await ClockRepository.refreshNextDue(tx.sql, caseIDs: [caseID])
    }

    /// Withdraws the open sub-tasks (of `kind`, or all) in the transition's write: state, date, their
    /// clocks cancelled (PA-41), audited.
    static func withdraw(_ tx: WriteTx, _ w: SubtaskWithdrawal, caseID: UUID) async throws {
        for s in try await load(caseID: caseID, on: tx.sql) where s.isOpen && (w.kind == nil || s.kind == w.kind) {
            try await tx.sql.update("case_subtasks").set("state", to: SQLBind(SubtaskState.withdrawn.rawValue)).set("withdrawn_on", to: SQLBind(w.on.iso))
                .where("id", .equal, SQLBind(s.id)).run()
            if let clockID = s.clockID, let clock = try await ClockRepository.load(clockID, on: tx.sql), clock.isOpen {
                try await ClockRepository.cancel(tx, clock, on: w.on, reason: w.reasonZH)
            }
            tx.record("case.subtask.withdraw", "case", caseID.uuidString, changes: [
                "subtask": .init(before: nil, after: s.id.uuidString), "state": .init(before: SubtaskState.open.rawValue, after: SubtaskState.withdrawn.rawValue),
            ], detail: "撤回分送\(s.unitName)的“\(s.titleZH)”：\(w.reasonZH)（\(w.rule)）")
        }
        try await ClockRepository.refreshNextDue(tx.sql, caseIDs: [caseID])
    }

    /// The clocks of the case's sub-tasks: they end only by a reply or a withdrawal, never with the
    /// case's own steps, and stay with the unit asked when the case moves.
    static func clockIDs(caseID: UUID, on sql: any SQLDatabase) async throws -> Set<UUID> {
        Set(try await sql.select().column("clock_id").from("case_subtasks").where("case_id", .equal, SQLBind(caseID))
            .where("clock_id", .isNot, SQLLiteral.null).all().compactMap { try $0.decode(column: "clock_id", as: UUID?.self) })
    }
}
