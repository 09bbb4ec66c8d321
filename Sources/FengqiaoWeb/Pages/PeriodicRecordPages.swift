import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// A procedure's yearly records (MD-44), for any procedure whose module declares them:
/// `/statistics/{path word}/yearly-records?year=2026` shows each record the actor's unit owes that
/// year with its window and status (已记录, 待记录, 逾期未记录) and the form to make one, once. A bad
/// form comes back with every fault and what was typed, nothing saved.
struct PeriodicRecordPages<P: Procedure> {
    static var path: String { SiteURL.periodicRecords(P.module.pathWord).path }
    static var rules: [PeriodicRecordRule] { P.module.periodicRecords }
    static var permissions: [Permission] { Array(Set(rules.map(\.permission))) }
    static var titleZH: String { "\(P.nameZH)年度工作记录" }

    static func boot(web: any RoutesBuilder, api: any RoutesBuilder) {
        guard !rules.isEmpty else { return }
        let word = PathComponent(stringLiteral: P.module.pathWord)
        web.get("statistics", word, "yearly-records", use: show).access(.anyOf(permissions))
        web.post("statistics", word, "yearly-records", use: submit).access(.anyOf(permissions))
        api.get("statistics", word, "yearly-records", use: PeriodicRecordAPI<P>.get).access(.anyOf(permissions))
        api.post("statistics", word, "yearly-records", use: PeriodicRecordAPI<P>.post).access(.anyOf(permissions))
    }

    /// The year asked (`?year=2026`, or the form's), else this year; 422 `periodic.year.invalid` outside 2000 … next year.
    static func year(_ raw: String?, today: LocalDate) throws -> Int {
        guard let raw, !raw.isEmpty else { return today.year }
        guard let y = Int(raw), (2000...(today.year + 1)).contains(y) else {
            throw DomainError.invalid([FieldError(field: "year", rule: rules.first?.rule ?? "X-06", code: "periodic.year.invalid", messageZH: "年度应为2000年至明年之间的年份")])
        }
        return y
    }

    static func show(_ req: Request) async throws -> Response {
        try await render(req, year: try year(req.query[String.self, at: "year"], today: req.store.clock.todayInBeijing))
    }

    static func submit(_ req: Request) async throws -> Response {
        let year = try year(req.field("year"), today: req.store.clock.todayInBeijing)
        let typed = ["key", "heldOn", "attendees", "note"].reduce(into: [String: String]()) { $0[$1] = req.field($1) ?? "" }
        do {
            try await record(req, year: year, typed: typed)
        } catch let e as DomainError where e.kind == .invalid {
            return try await render(req, year: year, typed: typed, errors: e.fields, status: .unprocessableEntity)
        }
        return req.redirect(to: "\(path)?year=\(year)&ok=periodic-recorded")
    }

    /// Checks and records one of the year's records for the actor's unit from the raw values (the
    /// form's or the API's); refused with every fault, nothing saved.
    static func record(_ req: Request, year: Int, typed: [String: String]) async throws {
        let actor = try req.actor()
        guard let rule = rules.first(where: { $0.key == typed["key"] }) else {
            throw DomainError.invalid([FieldError(field: "key", rule: rules.first?.rule ?? "X-06", code: "periodic.key.unknown", messageZH: "请选择要记录的事项")])
        }
        switch PeriodicRecordEntry.validate(rule, year: year, heldOn: typed["heldOn"], attendees: typed["attendees"], note: typed["note"],
                                            today: req.store.clock.todayInBeijing) {
        case let .success(entry):
            try await PeriodicRecordRepository(store: req.store, caseType: P.caseType).record(entry, rule: rule, unit: actor.unitID, actor: actor,
                                                                                             context: req.auditContext)
        case let .failure(e): throw e
        }
    }

    static func render(_ req: Request, year: Int, typed: [String: String] = [:], errors: [FieldError] = [], status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard permissions.contains(where: actor.can) else { throw DomainError.forbidden(permissions.map(\.rawValue).joined(separator: "|")) }
        let today = req.store.clock.todayInBeijing
        let records = try await PeriodicRecordRepository(store: req.store, caseType: P.caseType).records(unit: actor.unitID, year: year)
        let rows = rules.map { r -> PeriodicRecordsModel.Row in
            let state = PeriodicRecordStatus.of(records[r.key], rule: r, year: year, today: today)
            let css = switch state { case .recorded: "ok"; case .pending: "pending"; case .missed: "overdue" }
            return PeriodicRecordsModel.Row(title: r.titleZH, rule: r.rule, window: r.window(year).map { "\($0.lowerBound.iso)至\($0.upperBound.iso)" } ?? "",
                             status: state.textZH, css: css, attendees: records[r.key]?.attendees ?? "", note: records[r.key]?.note ?? "")
        }
        let pending = rules.filter { records[$0.key] == nil && actor.can($0.permission) }
            .map { SelectOption(value: $0.key, label: $0.titleZH, selected: typed["key"] == $0.key) }
        let model = PeriodicRecordsModel(page: PageChrome(request: req, title: titleZH), title: titleZH, year: year,
                          years: ((today.year - 3)...today.year).reversed().map { SelectOption(value: String($0), label: "\($0)年", selected: $0 == year) },
                          action: path, rows: rows, pending: pending, heldOn: typed["heldOn"] ?? today.iso, attendees: typed["attendees"] ?? "",
                          note: typed["note"] ?? "", errors: errors.map { "\($0.messageZH)（\($0.rule)）" })
        let response = try FengqiaoWeb.render(req, "periodic_records", model)
        response.status = status
        return response
    }
}

/// The yearly records page of a procedure (periodic_records.mustache, MD-44): each record with its
/// window and status, and the form for those still to make.
struct PeriodicRecordsModel {
    struct Row { let title: String; let rule: String; let window: String; let status: String; let css: String; let attendees: String; let note: String }
    let page: PageChrome
    let title: String
    let year: Int
    let years: [SelectOption]
    let action: String
    let rows: [Row]
    /// The records still to make this year, for the form; empty: none.
    let pending: [SelectOption]
    let heldOn: String
    let attendees: String
    let note: String
    let errors: [String]
}
