import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// A procedure's monthly reports (MD-41), for any procedure whose module declares a `ReportingRoll`:
/// `/statistics/{path word}/reports?month=2025-10` shows the month's due dates (the units' and the
/// consolidation's, rolled around holidays), each reporting unit's status (按时, 逾期, 逾期未报送), the
/// reports side by side with their sum, and downloads (XLSX, CSV, DOCX). A unit head submits his own
/// unit's report — its statistics for its own cases of the month, frozen on the day (a second
/// submission is refused); the consolidating office (法制科) consolidates its bureau's reports once,
/// the units not reported named. The same over the API.
struct UnitReportPages<P: Procedure> {
    static var path: String { StatisticsPages<P>.path + "/reports" }
    static var roll: ReportingRoll { P.module.reporting! }
    static var readers: [Permission] { [.statisticsRead, roll.submit, roll.consolidate] }

    static func boot(web: any RoutesBuilder, api: any RoutesBuilder) {
        guard P.module.reporting != nil else { return }
        let word = PathComponent(stringLiteral: P.module.pathWord)
        web.get("statistics", word, "reports", use: page).access(.anyOf(readers))
        web.post("statistics", word, "reports", "submit", use: submitForm).access(.permission(roll.submit))
        web.post("statistics", word, "reports", "consolidate", use: consolidateForm).access(.permission(roll.consolidate))
        api.get("statistics", word, "reports") { req async throws -> UnitReportDTO in
            UnitReportDTO(try await model(req))
        }.access(.anyOf(readers))
        api.post("statistics", word, "reports", "submit") { req async throws -> UnitReport in
            try await submit(req, month: try month(req, field: true))
        }.access(.permission(roll.submit))
        api.post("statistics", word, "reports", "consolidate") { req async throws -> ConsolidatedReport in
            try await consolidate(req, month: try month(req, field: true))
        }.access(.permission(roll.consolidate))
    }

    /// The month asked (`month=2025-10` in the query, or the form's field); default the previous month.
    /// 422 `report.month.invalid`; a month not yet over cannot be reported (`report.month.open`).
    static func month(_ req: Request, field: Bool = false) throws -> ReportPeriod {
        let today = req.store.clock.todayInBeijing
        let raw = field ? req.field("month") : req.query[String.self, at: "month"]
        guard let raw, !raw.isEmpty else {
            // A submission names its month; a page without one shows the previous month.
            if field { throw DomainError.invalid([FieldError(field: "month", rule: roll.rule, code: "report.month.required", messageZH: "请指定报告期（月份）")]) }
            let last = LocalDate(ordinal: today.ordinal - today.day)
            return ReportPeriod.month(last.year, last.month)!
        }
        guard raw.wholeMatch(of: /[0-9]{4}-[0-9]{2}/) != nil, let p = ReportPeriod(key: raw), p.kind == .month, p.year >= 2000 else {
            throw DomainError.invalid([FieldError(field: "month", rule: roll.rule, code: "report.month.invalid", messageZH: "月份格式应为 2025-10")])
        }
        guard p.last < today else {
            throw DomainError.invalid([FieldError(field: "month", rule: roll.rule, code: "report.month.open",
                                                  messageZH: "\(p.labelZH)尚未结束，月报须在次月报送")])
        }
        return p
    }

    static func due(_ req: Request, _ month: ReportPeriod) async throws -> MonthlyReportDue {
        guard let due = roll.due(month, try await CalendarRepository(store: req.store).current()) else { throw DomainError.notFound }
        return due
    }

    /// The bureau a unit reports within: its nearest 局, else the top of its tree.
    static func bureau(_ tree: UnitTree, of unit: UUID) -> UUID {
        tree.nearest(.bureau, from: unit)?.id ?? tree.path(from: unit).last?.id ?? unit
    }

    /// `unit`'s figures for `month`: the procedure's statistics over the unit's own cases.
    static func figures(_ req: Request, unit: UUID, month: ReportPeriod, asOf: LocalDate) async throws -> IndicatorReport {
        try await figures(req.store, unit: unit, month: month, asOf: asOf)
    }

    /// The same from a store.
    static func figures(_ store: Store, unit: UUID, month: ReportPeriod, asOf: LocalDate) async throws -> IndicatorReport {
        guard let report = try await figures(store, units: [unit], month: month, asOf: asOf)[unit] else { throw DomainError.notFound }
        return report
    }

    /// Each unit's figures for `month` as of `asOf` (the bench times a bureau's, `MediationLedgerBench`): with a
    /// ledger (`Procedure.ledger`), counted in the database and only the cases it reads whole decoded; without
    /// one, from the units' cases of the year before.
    static func figures(_ store: Store, units: [UUID], month: ReportPeriod, asOf: LocalDate) async throws -> [UUID: IndicatorReport] {
        let stats = StatisticsRepository(store: store)
        let calendar = try await CalendarRepository(store: store).current()
        let categories = try await ViolationCategoryRepository(store: store).inForce(on: month.last)
        let targets = try await IndicatorTargetRepository(store: store).inForce(P.self, year: month.first.year)
        func request(_ unit: UUID) -> IndicatorRequest {
            IndicatorRequest(period: month, units: [unit], calendar: calendar, asOf: asOf, categories: categories, targets: targets)
        }
        var out: [UUID: IndicatorReport] = [:]
        if P.ledger != nil {
            let last = min(month.last, asOf)
            let tallies = try await stats.tally(P.self, units: Set(units), first: month.first, last: last)
            let read = Dictionary(grouping: try await stats.ledgerCases(P.self, units: Set(units), first: month.first, last: last), by: \.procedureCase.unitID)
            for unit in units { out[unit] = P.indicators(tallies[unit] ?? StatisticTally(), read: read[unit] ?? [], request(unit)) }
        } else {
            for unit in units {
                let cases = try await stats.cases(P.self, units: [unit], from: LocalDate(ordinal: month.first.ordinal - 366))
                out[unit] = P.indicators(cases, request(unit))
            }
        }
        return out
    }

    /// The unit head's submission of his own unit's report for `month`, frozen today.
    static func submit(_ req: Request, month: ReportPeriod) async throws -> UnitReport {
        let actor = try req.actor()
        try actor.require(roll.submit)
        let today = req.store.clock.todayInBeijing
        let tree = try await req.unitTree()
        let report = UnitReport.from(try await figures(req, unit: actor.unitID, month: month, asOf: today), unitID: actor.unitID,
                                     unitName: tree.units[actor.unitID]?.name ?? "", submittedOn: today, submittedBy: actor.name, due: try await due(req, month))
        try await UnitReportRepository(store: req.store, caseType: P.caseType).submit(report, titleZH: roll.titleZH, context: req.auditContext)
        return report
    }

    /// The consolidating office's consolidation of its bureau's reports for `month`, made today.
    static func consolidate(_ req: Request, month: ReportPeriod) async throws -> ConsolidatedReport {
        let actor = try req.actor()
        try actor.require(roll.consolidate)
        let today = req.store.clock.todayInBeijing
        let tree = try await req.unitTree()
        let bureau = bureau(tree, of: actor.unitID)
        let repository = UnitReportRepository(store: req.store, caseType: P.caseType)
        let (reports, missing) = try await reports(req, repository, tree: tree, bureau: bureau, month: month)
        guard !reports.isEmpty else {
            throw DomainError(.invalid, code: "report.consolidate.empty", messageZH: "\(month.labelZH)尚无单位报送，不能汇总", ruleID: roll.rule)
        }
        let report = ConsolidatedReport.consolidate(reports, missing: missing, due: try await due(req, month), on: today, by: actor.name)
        try await repository.consolidate(report, bureau: bureau, titleZH: roll.titleZH, context: req.auditContext)
        return report
    }

    /// The bureau's reporting units' reports on `month` in unit order, and the names of those without one.
    static func reports(_ req: Request, _ repository: UnitReportRepository, tree: UnitTree, bureau: UUID, month: ReportPeriod) async throws
        -> (reports: [UnitReport], missing: [String]) {
        let units = try await repository.reportingUnits(holding: roll.submit, among: tree.subtree(of: bureau))
            .compactMap { tree.units[$0] }.sorted { $0.code < $1.code }
        let submitted = try await repository.submitted(period: month.key)
        return (units.compactMap { submitted[$0.id] }, units.filter { submitted[$0.id] == nil }.map(\.name))
    }

    static func model(_ req: Request, month given: ReportPeriod? = nil, flashError: String? = nil) async throws -> UnitReportModel {
        let actor = try req.actor()
        guard readers.contains(where: actor.can) else { throw DomainError.forbidden(roll.submit.rawValue) }
        let month = try given ?? month(req)
        let today = req.store.clock.todayInBeijing
        let tree = try await req.unitTree()
        let due = try await due(req, month)
        let repository = UnitReportRepository(store: req.store, caseType: P.caseType)
        let bureau = bureau(tree, of: actor.unitID)
        let units = try await repository.reportingUnits(holding: roll.submit, among: tree.subtree(of: bureau))
            .filter(actor.sees(unit:)).compactMap { tree.units[$0] }.sorted { $0.code < $1.code }
        let submitted = try await repository.submitted(period: month.key)
        let statuses = units.map { u in
            let s = UnitReportStatus(submitted[u.id], due: due, today: today)
            return UnitReportModel.Status(unit: u.name, text: s.textZH, css: UnitReportModel.css(s), by: submitted[u.id]?.submittedBy ?? "")
        }
        let shown = units.compactMap { submitted[$0.id] }
        let consolidated = try await repository.consolidated(period: month.key, bureau: bureau)
        let total = consolidated?.figures ?? ConsolidatedReport.consolidate(shown, missing: [], due: due, on: today, by: "").figures
        var submission: UnitReportModel.Submission?
        if actor.can(roll.submit), submitted[actor.unitID] == nil {
            let live = UnitReport.from(try await figures(req, unit: actor.unitID, month: month, asOf: today), unitID: actor.unitID,
                                       unitName: tree.units[actor.unitID]?.name ?? "", submittedOn: today, submittedBy: actor.name, due: due)
            submission = .init(unit: live.unitName, figures: live.figures.map { .init(label: $0.label, value: $0.text) })
        }
        let missing = units.filter { submitted[$0.id] == nil }.map(\.name)
        let query = "\(path)?month=\(month.key)"
        let table = UnitReportModel.rows(UnitReportModel.table(shown, total: total))
        return UnitReportModel(
            page: PageChrome(request: req, title: roll.titleZH, flashError: flashError), titleZH: roll.titleZH, rule: roll.rule,
            consolidatorZH: roll.consolidatorZH, monthKey: month.key, monthLabel: month.labelZH,
            months: ReportPeriod.months(endingWith: LocalDate(ordinal: today.ordinal - today.day), count: 12).reversed()
                .map { SelectOption(value: $0.key, label: $0.labelZH, selected: $0 == month) },
            action: path, unitDue: UnitReportModel.dueText(due.unit), consolidationDue: UnitReportModel.dueText(due.consolidation),
            statuses: statuses, tableHeader: table.header, tableRows: table.rows,
            consolidation: consolidated.map {
                .init(on: $0.consolidatedOn.iso, by: $0.consolidatedBy, timing: $0.onTime ? "按时" : "逾期", missing: $0.missing)
            },
            submission: submission, submitAction: path + "/submit",
            canConsolidate: consolidated == nil && actor.can(roll.consolidate) && !shown.isEmpty, consolidateAction: path + "/consolidate",
            consolidateConfirm: missing.isEmpty ? "汇总后数字定稿、不可更改。确定汇总上报吗？"
                : "尚有\(missing.count)个单位未报送（\(missing.joined(separator: "、"))），汇总后将注明未报送单位且不可更改。确定汇总上报吗？",
            downloads: [.init(label: "导出 XLSX", href: query + "&format=xlsx"), .init(label: "导出 CSV", href: query + "&format=csv"),
                        .init(label: "月报 DOCX", href: query + "&format=docx")])
    }

    static func page(_ req: Request) async throws -> Response {
        try await respond(req, try await model(req))
    }

    static func respond(_ req: Request, _ model: UnitReportModel, status: HTTPStatus = .ok) async throws -> Response {
        let name = "\(model.titleZH)-\(model.monthKey)"
        if let download = try TablesDownload.response(format: req.query[String.self, at: "format"], name: name, tables: model.tables, document: {
            TablesDocument.render(code: "\(P.caseType)-monthly-report", nameZH: model.titleZH, typeWord: "月报",
                                  heading: [("报告期", model.monthLabel), ("单位报送期限", model.unitDue), ("汇总上报期限", model.consolidationDue)],
                                  tables: model.tables, date: req.store.clock.todayInBeijing.chinese)
        }) { return download }
        let response = try render(req, "unit_reports", model)
        response.status = status
        return response
    }

    /// The form's submission; a refusal shows the page again with the reason.
    static func submitForm(_ req: Request) async throws -> Response {
        let month = try month(req, field: true)
        do {
            _ = try await submit(req, month: month)
        } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
            return try await respond(req, try await model(req, month: month, flashError: e.messageZH), status: e.kind == .conflict ? .conflict : .unprocessableEntity)
        }
        return req.redirect(to: "\(path)?month=\(month.key)&ok=report-submitted")
    }

    static func consolidateForm(_ req: Request) async throws -> Response {
        let month = try month(req, field: true)
        do {
            _ = try await consolidate(req, month: month)
        } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
            return try await respond(req, try await model(req, month: month, flashError: e.messageZH), status: e.kind == .conflict ? .conflict : .unprocessableEntity)
        }
        return req.redirect(to: "\(path)?month=\(month.key)&ok=report-consolidated")
    }
}

/// The monthly reports over the API: due dates, statuses and the table as the page shows them.
struct UnitReportDTO: Content {
    struct Status: Content { let unit: String; let status: String; let submittedBy: String }
    let month: String
    let unitDue: String
    let consolidationDue: String
    let statuses: [Status]
    let table: [[String]]
    let consolidatedOn: String?
    let missing: [String]

    init(_ m: UnitReportModel) {
        month = m.monthKey
        unitDue = m.unitDue
        consolidationDue = m.consolidationDue
        statuses = m.statuses.map { Status(unit: $0.unit, status: $0.text, submittedBy: $0.by) }
        table = m.table
        consolidatedOn = m.consolidation?.on
        missing = m.consolidation?.missing ?? []
    }
}

extension UnitReport: Content {}
extension ConsolidatedReport: Content {}
