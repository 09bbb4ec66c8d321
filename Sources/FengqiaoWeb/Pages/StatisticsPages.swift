import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import Vapor

/// The indicators of one procedure for a unit and a period (statistics.md; any procedure with the
/// `indicators` capability): a dashboard with a monthly chart and the officers' rating averages,
/// and the same table as XLSX and as CSV (UTF-8 with BOM).
struct StatisticsPages<P: Procedure> {
    static var path: String { "/statistics/\(P.module.pathWord)" }

    /// The period, the units and the computed report a request asks for, in the actor's scope.
    static func compute(_ req: Request) async throws -> (report: IndicatorReport, units: Set<UUID>?, targets: IndicatorTargets.InForce) {
        let actor = try req.actor()
        try actor.require(.statisticsRead)
        let today = req.store.clock.todayInBeijing
        let period: ReportPeriod
        if let key = req.query[String.self, at: "period"], !key.isEmpty {
            guard let p = ReportPeriod(key: key) else {
                throw DomainError.invalid([FieldError(field: "period", rule: "X-06", code: "statistics.period.invalid",
                                                      messageZH: "统计期间格式应为 2025、2025-H2、2025-Q4 或 2025-10")])
            }
            period = p
        } else {
            period = ReportPeriod.containing(today, kind: .quarter)
        }
        var units: Set<UUID>? = actor.visibleUnits
        if let raw = req.query[String.self, at: "unit"], !raw.isEmpty {
            guard let id = UUID(uuidString: raw), actor.sees(unit: id) else { throw DomainError.notFound }
            units = Set(try await req.unitTree().subtree(of: id))
        }
        let from = LocalDate(ordinal: period.first.ordinal - 366)
        let cases = try await StatisticsRepository(store: req.store).cases(P.self, units: units, from: from, actor: actor)
        // PLT-16: the key sectors are those of the category tree in force on the last day counted.
        let categories = try await ViolationCategoryRepository(store: req.store).inForce(on: min(period.last, today))
        // Statistics "targets configurable", ST-10: the targets set for the period's year over the declared defaults.
        let targets = try await IndicatorTargetRepository(store: req.store).inForce(P.self, year: period.first.year)
        let request = IndicatorRequest(period: period, units: units, calendar: try await CalendarRepository(store: req.store).current(), asOf: today,
                                       categories: categories, targets: targets)
        guard let report = P.indicators(cases, request) else { throw DomainError.notFound }
        return (report, units, targets)
    }

    static func dashboard(_ req: Request) async throws -> Response {
        let (report, scope, targets) = try await compute(req)
        let actor = try req.actor()
        switch req.query[String.self, at: "format"] {
        case "csv": return try StatisticsExport.csv(report, name: P.module.pathWord)
        case "xlsx": return try StatisticsExport.xlsx(report, name: P.module.pathWord, sheet: "\(P.nameZH)指标")
        default: break
        }
        let unitParam = req.query[String.self, at: "unit"] ?? ""
        let tree = try await req.unitTree()
        let units = [SelectOption(value: "", label: "全部可见单位", selected: unitParam.isEmpty)] + tree.units.values
            .filter { actor.sees(unit: $0.id) }.sorted { $0.code < $1.code }
            .map { SelectOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == unitParam) }
        var ratings: StatisticsModel.Ratings?
        if P.module.capabilities.contains(.ratings) {
            var names: [UUID: String] = [:]
            for u in try await req.organisation.users() { names[u.id] = u.name }
            let dimensions = P.module.ratingDimensions.map(\.nameZH)
            let rows = try await RatingRepository(store: req.store).officerSummaries(P.self, units: scope, own: (actor.userID, actor.ownOnlyUnits)).map {
                StatisticsModel.RatingRow(name: names[$0.officer] ?? "", count: $0.summary.count,
                                          means: $0.summary.means.map { String(format: "%.2f", $0) }, dimensions: dimensions)
            }
            ratings = .init(rule: P.module.ratingRule, dimensions: dimensions, rows: rows, minimumSample: Rating.minimumSample)
        }
        let query = "period=\(report.period.key)" + (unitParam.isEmpty ? "" : "&unit=\(unitParam)")
        var model = StatisticsModel(page: PageChrome(request: req, title: "\(P.nameZH)统计"), procedureName: P.nameZH, action: path, report: report,
                                    today: req.store.clock.todayInBeijing, units: units, ratings: ratings,
                                    xlsxHref: "\(path)?\(query)&format=xlsx", csvHref: "\(path)?\(query)&format=csv")
        model.tabs = StatisticsIndex.tabs(req.procedures, active: P.caseType, period: report.period.key)
        let year = report.period.first.year
        if !P.module.indicatorTargets.isEmpty {
            let changed = targets.configured.count
            model.targetsNote = changed == 0 ? "目标为默认目标（\(year)年度未调整）。" : "目标按\(year)年度设定计算（\(changed)项已调整）。"
            if actor.can(.statisticsTargets) { model.targetsHref = "\(IndicatorTargetPages<P>.path)?year=\(year)" }
        }
        model.reports = P.module.reports.map { StatisticsModel.Tab(label: $0.labelZH, href: $0.path, active: false) }
        return try render(req, "statistics", model)
    }

    static func boot(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.get("statistics", PathComponent(stringLiteral: P.module.pathWord), use: dashboard).access(.permission(.statisticsRead))
        api.get("statistics", PathComponent(stringLiteral: P.module.pathWord)) { req async throws -> StatisticsDTO in
            StatisticsDTO(try await compute(req).report)
        }.access(.permission(.statisticsRead))
        if !P.module.indicatorTargets.isEmpty { IndicatorTargetPages<P>.boot(web: web, api: api) }
    }
}

/// `/statistics`: the first procedure with indicators (the nav's 统计); each procedure's page links to
/// the others' (the switcher), keeping the period.
enum StatisticsIndex {
    static func tabs(_ procedures: ProcedureRegistry, active caseType: String, period: String) -> [StatisticsModel.Tab] {
        procedures.with(.indicators).map {
            StatisticsModel.Tab(label: $0.nameZH, href: "/statistics/\($0.module.pathWord)?period=\(period)", active: $0.caseType == caseType)
        }
    }

    static func boot(_ web: any RoutesBuilder, procedures: ProcedureRegistry) {
        web.get("statistics") { req async throws -> Response in
            try req.actor().require(.statisticsRead)
            guard let first = procedures.with(.indicators).first else { throw DomainError.notFound }
            return req.redirect(to: "/statistics/\(first.module.pathWord)")
        }.access(.permission(.statisticsRead))
    }
}

struct IndicatorDTO: Content {
    let kind: String
    let name: String
    let numerator: Double
    let denominator: Int
    let rate: Double?
    let target: Double?
    let met: Bool?
}

/// A procedure's figures over the API: `counts` is keyed by each count's stable key.
struct StatisticsDTO: Content {
    let period: String
    let periodName: String
    let through: String
    let indicators: [IndicatorDTO]
    let assessmentTotal: Double?
    let counts: [String: Int]

    init(_ r: IndicatorReport) {
        period = r.period.key
        periodName = r.period.labelZH
        through = r.through.iso
        indicators = r.indicators.map {
            IndicatorDTO(kind: $0.key, name: $0.nameZH, numerator: $0.numerator, denominator: $0.denominator, rate: $0.rate, target: $0.target, met: $0.met)
        }
        assessmentTotal = r.assessment?.total
        counts = Dictionary(r.counts.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}

/// ST-04 exports of a report.
enum StatisticsExport {
    /// CSV, UTF-8 with BOM so Excel opens the Chinese correctly.
    static func csv(_ r: IndicatorReport, name: String) throws -> Response {
        var w = CSVWriter(bom: true)
        for row in r.table() { w.append(row) }
        let response = Response(status: .ok, body: .init(data: Data(w.bytes)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)-\(r.period.key).csv\"")
        return response
    }

    static func xlsx(_ r: IndicatorReport, name: String, sheet: String) throws -> Response {
        var w = XLSXWriter()
        w.addSheet(name: sheet, rows: IndicatorFormat.rows(r.indicators).map { $0.map { XLSXCell.text($0) } })
        if let a = r.assessment { w.addSheet(name: "考核得分", rows: a.rows().map { $0.map { XLSXCell.text($0) } }) }
        w.addSheet(name: "按月", rows: [[XLSXCell.text("月份")] + r.seriesLabels.map { XLSXCell.text($0) }]
            + r.monthly.map { [XLSXCell.text($0.month.labelZH)] + $0.values.map { XLSXCell.integer($0) } })
        let response = Response(status: .ok, body: .init(data: try w.data()))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)-\(r.period.key).xlsx\"")
        return response
    }
}
