import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import Vapor

/// CP-38: the monthly analysis of complaints and reports (`/statistics/complaints/monthly?month=2025-09`
/// and its API twin): 数量 with 同比 and 环比, 类型, 结构 by channel and by unit, 办结率, with the as-of
/// date; each 所 sees its own rows (ST-05). Until the 5th working day of the next month the figures
/// are live; the freeze job then stores them (ST-03) and the page shows them marked 已定稿, whatever
/// changes later. Downloads: XLSX, CSV (UTF-8 with BOM) and the 月度分析报告 as DOCX (ST-04).
enum ComplaintMonthlyPages {
    static let kind = "complaints.monthly"

    /// The month's figures: the frozen snapshot if there is one, else computed now.
    static func figures(_ store: Store, month: ReportPeriod) async throws -> (figures: ComplaintMonthlyFigures, frozen: Bool) {
        if let snap = try await StatisticsSnapshotRepository(store: store).find(ComplaintMonthlyFigures.self, kind: kind, period: month.key) {
            return (snap.value, true)
        }
        return (try await compute(store, month: month, asOf: store.clock.todayInBeijing), false)
    }

    /// Both tracks' facts, each with the unit now handling it, of cases opened from 400 days before `period` on
    /// (enough for a year-earlier comparison); the monthly analysis (CP-38) and the public statistics (CP-39) read them.
    static func tracks(_ store: Store, period: ReportPeriod) async throws
        -> (complaints: [(unit: UUID, facts: ComplaintFacts)], reports: [(unit: UUID, facts: ReportFacts)]) {
        let from = LocalDate(ordinal: period.first.ordinal - 400)
        let stats = StatisticsRepository(store: store)
        let complaints = try await stats.cases(ComplaintProcedure.self, units: nil, from: from).map { (unit: $0.procedureCase.unitID, facts: $0.procedureCase.facts) }
        let reports = try await stats.cases(ReportProcedure.self, units: nil, from: from).map { (unit: $0.procedureCase.unitID, facts: $0.procedureCase.facts) }
        return (complaints, reports)
    }

    /// Both tracks' figures, each counted to the unit now handling it: grouped counts over the days the
    /// procedures declare (`case_dates`, migration 033), turned into the figures in the core.
    static func compute(_ store: Store, month: ReportPeriod, asOf: LocalDate) async throws -> ComplaintMonthlyFigures {
        let calendar = try await CalendarRepository(store: store).current()
        let counts = try await ComplaintMonthlyCounts.load(StatisticCountRepository(store: store), month: month, calendar: calendar, asOf: asOf)
        return ComplaintMonthlyFigures.compute(from: counts, month: month, calendar: calendar, asOf: asOf)
    }

    /// The same figures from every case's facts, counted in Swift: the cross-check of `compute`.
    static func computeFromFacts(_ store: Store, month: ReportPeriod, asOf: LocalDate) async throws -> ComplaintMonthlyFigures {
        let (complaints, reports) = try await tracks(store, period: month)
        return ComplaintMonthlyFigures.compute(complaints: complaints, reports: reports, month: month,
                                               calendar: try await CalendarRepository(store: store).current(), asOf: asOf)
    }

    /// CP-38, the scheduled job: on (or, after downtime, from) the 5th working day of a month, the
    /// previous month's figures as of that day are stored once.
    @discardableResult
    static func freezeDue(_ store: Store) async throws -> Bool {
        let today = store.clock.todayInBeijing
        let lastMonthDay = LocalDate(ordinal: today.ordinal - today.day)
        guard let month = ReportPeriod.month(lastMonthDay.year, lastMonthDay.month) else { return false }
        let calendar = try await CalendarRepository(store: store).current()
        let freezeDay = ComplaintMonthlyFigures.freezeDay(month, calendar)
        guard today >= freezeDay else { return false }
        let repository = StatisticsSnapshotRepository(store: store)
        if try await repository.find(kind: kind, period: month.key) != nil { return false }
        let figures = try await compute(store, month: month, asOf: freezeDay)
        let all = figures.analysis(in: nil)
        return try await repository.freeze(figures, kind: kind, period: month.key, frozenOn: freezeDay,
                                           summary: "投诉举报月度分析\(month.labelZH)定稿：投诉\(all.current.complaints)件，举报\(all.current.reports)件（CP-38）",
                                           context: .system("scheduler"))
    }

    /// The month a request asks for (`month=2025-09`; default the previous month).
    static func month(_ req: Request) throws -> ReportPeriod {
        guard let raw = req.query[String.self, at: "month"], !raw.isEmpty else {
            let today = req.store.clock.todayInBeijing
            let last = LocalDate(ordinal: today.ordinal - today.day)
            return ReportPeriod.month(last.year, last.month)!
        }
        guard let p = ReportPeriod(key: raw), p.kind == .month else {
            throw DomainError.invalid([FieldError(field: "month", rule: "X-06", code: "statistics.month.invalid", messageZH: "月份格式应为 2025-09")])
        }
        return p
    }

    static func model(_ req: Request) async throws -> ComplaintMonthlyModel {
        let actor = try req.actor()
        try actor.require(.statisticsRead)
        let month = try month(req)
        let (figures, frozen) = try await figures(req.store, month: month)
        let tree = try await req.unitTree()
        let categories = try await ViolationCategoryRepository(store: req.store).inForce(on: month.last)
        return ComplaintMonthlyModel(page: PageChrome(request: req, title: "投诉举报月度分析"), figures: figures, frozen: frozen,
                                     scope: actor.visibleUnits, unitName: { tree.units[$0]?.name ?? "（已撤销的单位）" },
                                     categoryName: { categories.node($0)?.nameZH ?? $0 }, action: SiteURL.complaintMonthly.path)
    }

    static func page(_ req: Request) async throws -> Response {
        let model = try await model(req)
        let name = "投诉举报月度分析-\(model.monthKey)"
        return try TablesDownload.response(format: req.query[String.self, at: "format"], name: name, tables: model.tables.map { ($0.title, $0.rows) },
                                           document: model.document) ?? render(req, "complaint-monthly", model)
    }

    static func boot(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.get(SiteURL.complaintMonthly.pattern, use: page).access(.permission(.statisticsRead))
        api.get("statistics", "complaints", "monthly") { req async throws -> ComplaintMonthlyDTO in
            ComplaintMonthlyDTO(try await model(req))
        }.access(.permission(.statisticsRead))
    }
}

/// The monthly analysis over the API: the tables as the page shows them, with as-of date and 已定稿.
struct ComplaintMonthlyDTO: Content {
    struct Table: Content { let title: String; let rows: [[String]] }
    let month: String
    let asOf: String
    let freezesOn: String
    let frozen: Bool
    let tables: [Table]

    init(_ m: ComplaintMonthlyModel) {
        month = m.monthKey
        asOf = m.asOf
        freezesOn = m.freezesOn
        frozen = m.frozen
        tables = m.tables.map { Table(title: $0.title, rows: $0.rows) }
    }
}
