import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// A procedure's weekly meeting (MD-45), for any procedure whose module declares one:
/// `/statistics/{path word}/weekly-meetings?week=2026-10-05` shows the week's meeting day, the pack
/// of the actor's unit and the meeting as recorded; the form records it once, chaired and recorded
/// by two people of the unit, 30–60 minutes in the morning. A bad form comes back with every fault
/// and what was typed, nothing saved.
struct WeeklyMeetingPages<P: Procedure> {
    static var path: String { SiteURL.weeklyMeetings(P.module.pathWord).path }
    static var rule: WeeklyMeetingRule { P.module.weeklyMeeting! }

    static func boot(web: any RoutesBuilder, api: any RoutesBuilder) {
        guard P.module.weeklyMeeting != nil else { return }
        let word = PathComponent(stringLiteral: P.module.pathWord)
        web.get("statistics", word, "weekly-meetings", use: show).access(.permission(rule.permission))
        web.post("statistics", word, "weekly-meetings", use: submit).access(.permission(rule.permission))
        api.get("statistics", word, "weekly-meetings", use: WeeklyMeetingAPI<P>.get).access(.permission(rule.permission))
        api.post("statistics", word, "weekly-meetings", use: WeeklyMeetingAPI<P>.post).access(.permission(rule.permission))
    }

    /// The week asked (`?week=` any day of it, or the form's `week`), else this week; 422 `meeting.week.invalid`.
    static func week(_ raw: String?, today: LocalDate) throws -> LocalDate {
        guard let raw, !raw.isEmpty else { return WeeklyMeeting.monday(of: today) }
        guard let day = LocalDate(iso: raw), day.year >= 2000 else {
            throw DomainError.invalid([FieldError(field: "week", rule: rule.rule, code: "meeting.week.invalid", messageZH: "周次格式应为该周任一日期，如 2026-10-05")])
        }
        return WeeklyMeeting.monday(of: day)
    }

    static func show(_ req: Request) async throws -> Response {
        try await render(req, week: try week(req.query[String.self, at: "week"], today: req.store.clock.todayInBeijing))
    }

    static func submit(_ req: Request) async throws -> Response {
        let monday = try week(req.field("week"), today: req.store.clock.todayInBeijing)
        let typed = ["heldOn", "startTime", "minutes", "chair", "recorder", "attendees", "record"].reduce(into: [String: String]()) { $0[$1] = req.field($1) ?? "" }
        do {
            try await record(req, week: monday, typed: typed)
        } catch let e as DomainError where e.kind == .invalid {
            return try await render(req, week: monday, typed: typed, errors: e.fields, status: .unprocessableEntity)
        }
        return req.redirect(to: "\(path)?week=\(monday.iso)&ok=meeting-recorded")
    }

    /// Checks and records the meeting of the week of `monday` for the actor's unit from the raw values
    /// (the form's or the API's); refused with every fault, nothing saved.
    static func record(_ req: Request, week monday: LocalDate, typed: [String: String]) async throws {
        let actor = try req.actor()
        try actor.require(rule.permission)
        let repository = WeeklyMeetingRepository(store: req.store, procedure: P.self)
        let people = try await repository.people(unit: actor.unitID)
        let calendar = try await CalendarRepository(store: req.store).current()
        let checked = WeeklyMeetingRecord.validate(week: monday, heldOn: typed["heldOn"], startTime: typed["startTime"], minutes: typed["minutes"],
                                                   chair: typed["chair"], recorder: typed["recorder"], attendees: typed["attendees"], record: typed["record"],
                                                   rule: rule, people: Set(people.map(\.id)), today: req.store.clock.todayInBeijing, calendar: calendar)
        switch checked {
        case let .success(m): try await repository.record(m, unit: actor.unitID, actor: actor, context: req.auditContext)
        case let .failure(e): throw e
        }
    }

    /// The week of `monday` for the actor's unit: its day (nil: none), the people, their pack, the record.
    struct Week {
        let monday: LocalDate
        let day: LocalDate?
        let provisional: Bool
        let people: [(id: UUID, name: String)]
        let pack: [WeeklyMeetingPackEntry]
        let recorded: WeeklyMeetingRecord?
    }

    static func week(_ req: Request, monday: LocalDate) async throws -> Week {
        let actor = try req.actor()
        try actor.require(rule.permission)
        let calendar = try await CalendarRepository(store: req.store).current()
        let day = WeeklyMeeting.day(inWeekOf: monday, calendar: calendar)
        let repository = WeeklyMeetingRepository(store: req.store, procedure: P.self)
        let people = try await repository.people(unit: actor.unitID)
        return Week(monday: monday, day: day, provisional: day.map { !calendar.covers($0) } ?? false, people: people,
                    pack: try await repository.pack(people: people, week: monday, day: day ?? monday, stepName: req.store.procedures.stepName),
                    recorded: try await repository.meeting(unit: actor.unitID, week: monday))
    }

    static func render(_ req: Request, week monday: LocalDate, typed: [String: String]? = nil, errors: [FieldError] = [],
                       status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let w = try await week(req, monday: monday)
        let (day, people, pack, recorded) = (w.day, w.people, w.pack, w.recorded)
        let names = Dictionary(people.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let reviewed = WeeklyMeeting.reviewed(before: monday)
        func options(_ selected: String?) -> [SelectOption] {
            [SelectOption(value: "", label: "请选择", selected: selected?.isEmpty ?? true)]
                + people.map { SelectOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == selected) }
        }
        let t = typed ?? [:]
        let form: WeeklyMeetingModel.Form? = recorded != nil || day == nil ? nil : .init(
            action: path, week: monday.iso, heldOn: t["heldOn"] ?? day?.iso ?? "", startTime: t["startTime"] ?? "08:30", minutes: t["minutes"] ?? "45",
            chairs: options(t["chair"]), recorders: options(t["recorder"]), attendees: t["attendees"] ?? people.map(\.name).joined(separator: "、"),
            record: t["record"] ?? "")
        let tree = try await req.unitTree()
        let model = WeeklyMeetingModel(
            page: PageChrome(request: req, title: rule.titleZH), titleZH: rule.titleZH, rule: rule.rule, unitName: tree.units[actor.unitID]?.name ?? "",
            weekLabel: WeeklyMeetingModel.weekLabel(monday), meetingDay: day.map { "\($0.iso) \($0.weekdayZH)" + (w.provisional ? "（暂定，CAL-03）" : "") },
            movedNote: WeeklyMeetingModel.movedNote(monday: monday, day: day),
            reviewedLabel: "\(reviewed.lowerBound.iso)至\(reviewed.upperBound.iso)",
            previousHref: "\(path)?week=\(monday.adding(days: -7).iso)", nextHref: "\(path)?week=\(monday.adding(days: 7).iso)",
            people: pack.map(WeeklyMeetingModel.person),
            record: recorded.map {
                .init(heldOn: "\($0.heldOn.iso) \($0.heldOn.weekdayZH)", time: $0.startTime, minutes: "\($0.minutes)分钟", chair: names[$0.chairID] ?? "—",
                      recorder: names[$0.recorderID] ?? "—", attendees: $0.attendees, text: $0.record)
            },
            form: form, errors: errors.map { "\($0.messageZH)（\($0.rule)）" })
        let response = try FengqiaoWeb.render(req, "weekly_meeting", model)
        response.status = status
        return response
    }
}
