import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import Vapor

/// The interview indicators for a unit and a period (interview.md §Statistics; issue 5 item 6): a
/// dashboard with a monthly chart, and the same table as XLSX and as CSV (UTF-8 with BOM).
struct StatisticsPages: RouteCollection {
    struct Model {
        struct Row { let name: String; let numerator: String; let denominator: String; let rate: String; let target: String; let met: String; let metClass: String; let citation: String }
        struct Component { let name: String; let weight: String; let points: String }
        struct Bar { let label: String; let x: Int; let heldY: Int; let heldH: Int; let passedX: Int; let passedY: Int; let passedH: Int; let held: Int; let passed: Int }
        struct Count { let label: String; let value: Int }
        struct RatingRow { let name: String; let count: Int; let attitude: String; let professionalism: String; let communication: String }
        let page: PageChrome
        let periodLabel: String
        let periods: [SelectOption]
        let units: [SelectOption]
        let rows: [Row]
        let components: [Component]
        let total: String
        let attainable: String
        let annual: String
        let counts: [Count]
        let bars: [Bar]
        let chartWidth: Int
        let xlsxHref: String
        let csvHref: String
        let through: String
        let empty: Bool
        let ratings: [RatingRow]
        let minimumSample: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("statistics", "interviews", use: dashboard)
    }

    /// The period, the units and the computed indicators a request asks for, in the actor's scope.
    static func compute(_ req: Request) async throws -> (InterviewIndicators, [InterviewIndicators.MonthlyCounts], ReportPeriod, Set<UUID>?) {
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
        let tree = try await req.unitTree()
        var units: Set<UUID>? = actor.visibleUnits
        if let raw = req.query[String.self, at: "unit"], !raw.isEmpty {
            guard let id = UUID(uuidString: raw), actor.sees(unit: id) else { throw DomainError.notFound }
            units = Set(tree.subtree(of: id))
        }
        let from = LocalDate(ordinal: period.first.ordinal - 366)
        let cases = try await StatisticsRepository(store: req.store).interviewSummaries(units: units, from: from)
        let indicators = InterviewIndicators.compute(cases: cases, period: period, units: units, reconsiderations: nil, previousYearReconsiderations: nil,
                                                     calendar: try await CalendarRepository(store: req.store).current(), asOf: today)
        let series = InterviewIndicators.monthlySeries(cases: cases, within: period, units: units)
        return (indicators, series, period, units)
    }

    func dashboard(_ req: Request) async throws -> Response {
        let (ind, series, period, scope) = try await Self.compute(req)
        let actor = try req.actor()
        switch req.query[String.self, at: "format"] {
        case "csv": return try Self.csv(ind)
        case "xlsx": return try Self.xlsx(ind, series: series)
        default: break
        }
        let today = req.store.clock.todayInBeijing
        var periods: [ReportPeriod] = []
        for y in [today.year, today.year - 1] {
            periods.append(.year(y)!)
            for h in [2, 1] { periods.append(.halfYear(y, h)!) }
            for q in [4, 3, 2, 1] { periods.append(.quarter(y, q)!) }
            for m in (1...12).reversed() { periods.append(.month(y, m)!) }
        }
        periods = periods.filter { $0.first <= today }
        let tree = try await req.unitTree()
        let unitParam = req.query[String.self, at: "unit"] ?? ""
        let units = [SelectOption(value: "", label: "全部可见单位", selected: unitParam.isEmpty)] + tree.units.values
            .filter { actor.sees(unit: $0.id) }.sorted { $0.code < $1.code }
            .map { SelectOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == unitParam) }
        let rows = ind.all.map {
            Model.Row(name: $0.nameZH, numerator: $0.numeratorText, denominator: $0.denominatorText, rate: $0.rateText, target: $0.targetText, met: $0.metText,
                      metClass: $0.met.map { $0 ? "met" : "unmet" } ?? "none", citation: $0.citation)
        }
        let components = ind.assessment.components.map {
            Model.Component(name: $0.kind.nameZH, weight: String(format: "%.0f", $0.weight), points: $0.points.map { String(format: "%.1f", $0) } ?? "—")
        }
        // The chart: interviews held and passed per month, as SVG bars (no script).
        let maxValue = max(1, series.map { max($0.counts.held, $0.counts.passed) }.max() ?? 1)
        let height = 160, slot = 56
        let bars = series.enumerated().map { i, m -> Model.Bar in
            let h = m.counts.held * height / maxValue, p = m.counts.passed * height / maxValue
            return Model.Bar(label: "\(m.month.index)月", x: i * slot + 8, heldY: 10 + height - h, heldH: h, passedX: i * slot + 28, passedY: 10 + height - p,
                             passedH: p, held: m.counts.held, passed: m.counts.passed)
        }
        let c = ind.counts
        let counts: [Model.Count] = [("线索", c.clues), ("完成核查", c.verified), ("实施约谈", c.held), ("整改验收", c.inspected), ("验收合格", c.passed),
                                     ("移交处罚", c.handedOver), ("不予约谈", c.rejected), ("期末在办", c.openAtEnd)].map { Model.Count(label: $0.0, value: $0.1) }
        // IV-24: each interviewer's averages, only over enough ratings that none can be read back.
        var names: [UUID: String] = [:]
        for u in try await req.organisation.users() { names[u.id] = u.name }
        let ratings = try await RatingRepository(store: req.store).interviewerSummaries(units: scope).map {
            Model.RatingRow(name: names[$0.interviewer] ?? "", count: $0.summary.count, attitude: String(format: "%.2f", $0.summary.attitude),
                            professionalism: String(format: "%.2f", $0.summary.professionalism), communication: String(format: "%.2f", $0.summary.communication))
        }
        let query = "period=\(period.key)" + (unitParam.isEmpty ? "" : "&unit=\(unitParam)")
        let model = Model(page: PageChrome(request: req, title: "约谈统计"), periodLabel: period.labelZH,
                          periods: periods.map { SelectOption(value: $0.key, label: $0.labelZH, selected: $0 == period) }, units: units, rows: rows,
                          components: components, total: String(format: "%.1f", ind.assessment.total), attainable: String(format: "%.0f", ind.assessment.attainable),
                          annual: String(format: "%.2f", ind.assessment.annualContribution), counts: counts, bars: bars, chartWidth: max(1, series.count) * slot + 16,
                          xlsxHref: "/statistics/interviews?\(query)&format=xlsx", csvHref: "/statistics/interviews?\(query)&format=csv", through: ind.through.chinese,
                          empty: c.clues == 0 && c.held == 0 && c.closed == 0, ratings: ratings, minimumSample: InterviewRating.minimumSample)
        return try render(req, "statistics", model)
    }

    static func table(_ ind: InterviewIndicators) -> [[String]] {
        [["统计期间", ind.period.labelZH, "截至", ind.through.chinese]] + [[]] + ind.tableRows() + [[]] + ind.assessmentRows()
    }

    /// CSV, UTF-8 with BOM so Excel opens the Chinese correctly.
    static func csv(_ ind: InterviewIndicators) throws -> Response {
        var w = CSVWriter(bom: true)
        for row in table(ind) { w.append(row) }
        let response = Response(status: .ok, body: .init(data: Data(w.bytes)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"interview-\(ind.period.key).csv\"")
        return response
    }

    static func xlsx(_ ind: InterviewIndicators, series: [InterviewIndicators.MonthlyCounts]) throws -> Response {
        var w = XLSXWriter()
        w.addSheet(name: "约谈指标", rows: ind.tableRows().map { $0.map { XLSXCell.text($0) } })
        w.addSheet(name: "考核得分", rows: ind.assessmentRows().map { $0.map { XLSXCell.text($0) } })
        w.addSheet(name: "按月", rows: [["月份", "线索", "实施约谈", "验收合格", "移交处罚"]] + series.map {
            [XLSXCell.text($0.month.labelZH), .integer($0.counts.clues), .integer($0.counts.held), .integer($0.counts.passed), .integer($0.counts.handedOver)]
        })
        let response = Response(status: .ok, body: .init(data: try w.data()))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"interview-\(ind.period.key).xlsx\"")
        return response
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

struct InterviewStatisticsDTO: Content {
    let period: String
    let periodName: String
    let through: String
    let indicators: [IndicatorDTO]
    let assessmentTotal: Double
    let counts: InterviewIndicators.Counts
}

/// The same figures over the API.
struct StatisticsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("statistics", "interviews", use: interviews)
    }

    func interviews(_ req: Request) async throws -> InterviewStatisticsDTO {
        let (ind, _, period, _) = try await StatisticsPages.compute(req)
        return InterviewStatisticsDTO(period: period.key, periodName: period.labelZH, through: ind.through.iso, indicators: ind.all.map {
            IndicatorDTO(kind: $0.kind.rawValue, name: $0.nameZH, numerator: $0.numerator, denominator: $0.denominator, rate: $0.rate, target: $0.target, met: $0.met)
        }, assessmentTotal: ind.assessment.total, counts: ind.counts)
    }
}
