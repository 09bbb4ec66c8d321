import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

struct ClockDTO: Content {
    struct Record: Content {
        let kind: String
        let from: String?
        let to: String?
        let count: Int
        let ground: String
        let approver: String
        let grantedOn: String?
    }
    /// CAL-32: an extension asked for and waiting for its named approver.
    struct PendingExtension: Content {
        let id: UUID
        let count: Int
        let ground: String
        let approverId: UUID
        let approver: String
        let requestedOn: String
    }
    let id: UUID
    let step: String
    let ruleSet: String
    let count: Int
    let unit: String
    let start: String
    let due: String
    let provisional: Bool
    let ruleUnconfirmed: Bool
    let state: String
    let signal: String
    let stoppedDays: Int
    let extended: Int
    let endedOn: String?
    /// CAL-13: an hour clock's instants, ISO 8601 in Beijing time (`2025-10-01T16:00:00+08:00`); absent on day clocks.
    let startAt: String?
    let dueAt: String?
    let endedAt: String?
    let calendarRevision: Int
    let records: [Record]
    let pendingExtensions: [PendingExtension]

    init(_ r: ClockRecord, calendar: WorkCalendar, now: Int64, warning: Int) {
        let today = WorkCalendar.beijingDate(ofInstant: now)
        let clock = r.clock(on: calendar)
        let due = clock.dueDate(asOf: r.endedOn ?? today)
        id = r.id
        step = r.step
        ruleSet = r.ruleSet
        count = r.rule.count
        unit = r.rule.unit.rawValue
        start = r.start.iso
        self.due = due.date.iso
        provisional = due.provisional
        ruleUnconfirmed = r.ruleUnconfirmed
        state = clock.state(now: now, ended: r.endedOn, endedAt: r.endedAt).rawValue
        signal = clock.signal(now: now, warningWindow: warning, ended: r.endedOn, endedAt: r.endedAt).rawValue
        stoppedDays = clock.stoppedDays(asOf: today)
        extended = clock.extended
        endedOn = r.endedOn?.iso
        startAt = clock.startAt.map(WallClock.beijingISO(seconds:))
        dueAt = clock.dueAt.map(WallClock.beijingISO(seconds:))
        endedAt = r.endedAt.map(WallClock.beijingISO(seconds:))
        pendingExtensions = r.pendingExtensions.map {
            PendingExtension(id: $0.id, count: $0.count, ground: $0.ground, approverId: $0.approverID, approver: $0.approverName,
                             requestedOn: $0.requestedOn.iso)
        }
        calendarRevision = r.calendarRevision
        records = r.records.map {
            Record(kind: $0.kind.rawValue, from: $0.from?.iso, to: $0.to?.iso, count: $0.count, ground: $0.ground, approver: $0.approverName,
                   grantedOn: $0.grantedOn?.iso)
        }
    }
}

struct CaseDTO: Content {
    let id: UUID
    let unitId: UUID
    let caseType: String
    let number: String?
    let title: String
    let gravity: String
    let state: String
    let openedOn: String
    let ruleVersions: [String: Int]
    let version: Int
    let clocks: [ClockDTO]
    /// Issue 12 item 4: the units asked and their replies.
    let subtasks: [SubtaskDTO]
}

struct TimelineDTO: Content {
    let seq: Int64
    let at: String
    let action: String
    let user: String?
    let detail: String?
    let changes: [String: AuditDraft.Change]
}

struct SuspendDTO: Content { let from: String; let to: String?; let ground: String; let approverId: UUID }
struct ResumeDTO: Content { let lastSuspendedDay: String }
/// CAL-32: an extension request; the grant date is the confirmation's, never typed.
struct ExtendDTO: Content { let count: Int; let ground: String; let approverId: UUID }

/// Cases and their clocks over the API (CAL-30…33): read a case with its clocks and timeline;
/// suspend, resume, request an extension and (as its named approver) confirm it. A clock ends only
/// through its procedure's transitions, on the transition's date or instant (X-02, CAL-33).
struct CaseAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", ":id", use: get).access(.permission(.caseRead), ["id": .case])
        routes.get("cases", ":id", "timeline", use: timeline).access(.permission(.caseRead), ["id": .case])
        routes.post("clocks", ":id", "suspend", use: suspend).access(.permission(.caseHandle), ["id": .clock])
        routes.post("clocks", ":id", "resume", use: resume).access(.permission(.caseHandle), ["id": .clock])
        routes.post("clocks", ":id", "extend", use: extend).access(.permission(.caseHandle), ["id": .clock])
        // CAL-32: the approver named in the request (the repository checks it is them).
        routes.post("clocks", ":id", "extensions", ":requestId", "confirm", use: confirm)
            .access(.permission(.caseRead), ["id": .clock, "requestId": .extensionRequest])
    }

    func get(_ req: Request) async throws -> CaseDTO {
        let actor = try req.actor()
        try actor.require(.caseRead)
        let id = try req.uuidParameter()
        // Issue 12 item 4: also a unit that kept read access or was asked a sub-task (read only).
        guard let c = try await CaseRepository(store: req.store).find(id, actor: actor, reading: true) else { throw DomainError.notFound }
        return try await Self.dto(req, c, actor: actor)
    }

    static func dto(_ req: Request, _ c: CaseRecord, actor: Actor) async throws -> CaseDTO {
        let calendar = try await CalendarRepository(store: req.store).current()
        let now = req.store.clock.nowMillis / 1000
        let warning = req.application.fengqiao.config.warningWorkdays
        let clocks = try await ClockRepository(store: req.store).clocks(ofCase: c.id, actor: actor, reading: true)
        let subtasks = try await SubtaskRepository(store: req.store).subtasks(ofCase: c.id, actor: actor) ?? []
        return CaseDTO(id: c.id, unitId: c.unitID, caseType: c.caseType, number: c.number, title: c.title, gravity: c.gravity, state: c.state,
                       openedOn: c.openedOn.iso, ruleVersions: c.ruleVersions, version: c.version,
                       clocks: clocks.map { ClockDTO($0, calendar: calendar, now: now, warning: warning) }, subtasks: subtasks.map(SubtaskDTO.init))
    }

    func timeline(_ req: Request) async throws -> [TimelineDTO] {
        let actor = try req.actor()
        try actor.require(.caseRead)
        return try await CaseRepository(store: req.store).timeline(try req.uuidParameter(), actor: actor, reading: true).map {
            TimelineDTO(seq: $0.seq, at: WallClock.beijingText(millis: $0.at), action: $0.action, user: $0.login, detail: $0.detail, changes: $0.changes)
        }
    }

    static func date(_ raw: String?, field: String, rule: String) throws -> LocalDate {
        guard let raw, let d = LocalDate(iso: raw) else {
            throw DomainError.invalid([FieldError(field: field, rule: rule, code: "date.invalid", messageZH: "日期格式应为 YYYY-MM-DD")])
        }
        return d
    }

    func respond(_ req: Request, _ r: ClockRecord) async throws -> ClockDTO {
        let calendar = try await CalendarRepository(store: req.store).current()
        return ClockDTO(r, calendar: calendar, now: req.store.clock.nowMillis / 1000, warning: req.application.fengqiao.config.warningWorkdays)
    }

    func suspend(_ req: Request) async throws -> ClockDTO {
        let actor = try req.actor()
        let dto = try req.content.decode(SuspendDTO.self)
        let from = try Self.date(dto.from, field: "from", rule: "CAL-31")
        let to = try dto.to.map { try Self.date($0, field: "to", rule: "CAL-31") }
        return try await respond(req, try await ClockRepository(store: req.store).suspend(
            try req.uuidParameter(), from: from, to: to, ground: dto.ground, approverID: dto.approverId, actor: actor, context: req.auditContext))
    }

    func resume(_ req: Request) async throws -> ClockDTO {
        let actor = try req.actor()
        let dto = try req.content.decode(ResumeDTO.self)
        let last = try Self.date(dto.lastSuspendedDay, field: "lastSuspendedDay", rule: "CAL-31")
        return try await respond(req, try await ClockRepository(store: req.store).resume(
            try req.uuidParameter(), lastSuspendedDay: last, actor: actor, context: req.auditContext))
    }

    /// CAL-32: asks for an extension naming the approver; it is pending until they confirm it.
    func extend(_ req: Request) async throws -> ClockDTO {
        let actor = try req.actor()
        let dto = try req.content.decode(ExtendDTO.self)
        return try await respond(req, try await ClockExtensionRepository(store: req.store).request(
            try req.uuidParameter(), by: dto.count, ground: dto.ground, approverID: dto.approverId, actor: actor, context: req.auditContext))
    }

    /// CAL-32: the named approver confirms a pending request; the due date moves.
    func confirm(_ req: Request) async throws -> ClockDTO {
        let actor = try req.actor()
        return try await respond(req, try await ClockExtensionRepository(store: req.store).confirm(
            try req.uuidParameter("requestId"), clockID: try req.uuidParameter(), actor: actor, context: req.auditContext))
    }
}
