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
    let calendarRevision: Int
    let records: [Record]

    init(_ r: ClockRecord, calendar: WorkCalendar, today: LocalDate, warning: Int) {
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
        state = clock.state(today: today, ended: r.endedOn).rawValue
        signal = clock.signal(today: today, warningWindow: warning, ended: r.endedOn).rawValue
        stoppedDays = clock.stoppedDays(asOf: today)
        extended = clock.extended
        endedOn = r.endedOn?.iso
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
struct ExtendDTO: Content { let count: Int; let ground: String; let approverId: UUID; let grantedOn: String? }
struct EndDTO: Content { let endedOn: String? }

/// Cases and their clocks over the API (CAL-30…33): read a case with its clocks and timeline;
/// suspend, resume, extend and end a clock.
struct CaseAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", ":id", use: get)
        routes.get("cases", ":id", "timeline", use: timeline)
        routes.post("clocks", ":id", "suspend", use: suspend)
        routes.post("clocks", ":id", "resume", use: resume)
        routes.post("clocks", ":id", "extend", use: extend)
        routes.post("clocks", ":id", "end", use: end)
    }

    func get(_ req: Request) async throws -> CaseDTO {
        let actor = try req.actor()
        try actor.require(.caseRead)
        let id = try req.uuidParameter()
        guard let c = try await CaseRepository(store: req.store).find(id, actor: actor) else { throw DomainError.notFound }
        return try await Self.dto(req, c, actor: actor)
    }

    static func dto(_ req: Request, _ c: CaseRecord, actor: Actor) async throws -> CaseDTO {
        let calendar = try await CalendarRepository(store: req.store).current()
        let today = req.store.clock.todayInBeijing
        let warning = req.application.fengqiao.config.warningWorkdays
        let clocks = try await ClockRepository(store: req.store).clocks(ofCase: c.id, actor: actor)
        return CaseDTO(id: c.id, unitId: c.unitID, caseType: c.caseType, number: c.number, title: c.title, gravity: c.gravity, state: c.state,
                       openedOn: c.openedOn.iso, ruleVersions: c.ruleVersions, version: c.version,
                       clocks: clocks.map { ClockDTO($0, calendar: calendar, today: today, warning: warning) })
    }

    func timeline(_ req: Request) async throws -> [TimelineDTO] {
        let actor = try req.actor()
        try actor.require(.caseRead)
        return try await CaseRepository(store: req.store).timeline(try req.uuidParameter(), actor: actor).map {
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
        return ClockDTO(r, calendar: calendar, today: req.store.clock.todayInBeijing, warning: req.application.fengqiao.config.warningWorkdays)
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

    func extend(_ req: Request) async throws -> ClockDTO {
        let actor = try req.actor()
        let dto = try req.content.decode(ExtendDTO.self)
        let granted = try dto.grantedOn.map { try Self.date($0, field: "grantedOn", rule: "CAL-32") } ?? req.store.clock.todayInBeijing
        return try await respond(req, try await ClockRepository(store: req.store).extend(
            try req.uuidParameter(), by: dto.count, ground: dto.ground, approverID: dto.approverId, grantedOn: granted,
            actor: actor, context: req.auditContext))
    }

    func end(_ req: Request) async throws -> ClockDTO {
        let actor = try req.actor()
        let dto = try req.content.decode(EndDTO.self)
        let day = try dto.endedOn.map { try Self.date($0, field: "endedOn", rule: "CAL-33") } ?? req.store.clock.todayInBeijing
        return try await respond(req, try await ClockRepository(store: req.store).end(try req.uuidParameter(), on: day, actor: actor, context: req.auditContext))
    }
}
