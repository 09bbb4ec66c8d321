import FengqiaoCore
import Foundation

/// The statistics page of any procedure with indicators (statistics.mustache).
struct StatisticsModel {
    struct Row { let name: String; let numerator: String; let denominator: String; let rate: String; let target: String; let met: String; let metClass: String; let citation: String }
    struct Component { let name: String; let weight: String; let points: String }
    struct Assessment { let components: [Component]; let total: String; let attainable: String; let annual: String; let annualWeight: String }
    struct Bar { let label: String; let x: Int; let y: Int; let height: Int; let value: Int; let series: Int; let seriesLabel: String }
    struct Month { let label: String; let x: Int; let bars: [Bar] }
    struct Legend { let series: Int; let label: String }
    struct Count { let label: String; let value: Int }
    struct Mean { let label: String; let value: String }
    struct RatingRow {
        let name: String
        let count: Int
        /// Each mean labelled by its dimension, so a phone names the column (`data-label`).
        let means: [Mean]
        init(name: String, count: Int, means: [String], dimensions: [String] = []) {
            self.name = name
            self.count = count
            self.means = means.enumerated().map { Mean(label: $0.offset < dimensions.count ? dimensions[$0.offset] : "平均分", value: $0.element) }
        }
    }
    /// One procedure with indicators in the switcher above the page (`/statistics/{path word}`).
    struct Tab { let label: String; let href: String; let active: Bool }
    struct Ratings { let rule: String; let dimensions: [String]; let rows: [RatingRow]; let minimumSample: Int }

    let page: PageChrome
    let procedureName: String
    let action: String
    let periodLabel: String
    let periods: [SelectOption]
    let units: [SelectOption]
    let rows: [Row]
    let assessment: Assessment?
    let counts: [Count]
    let months: [Month]
    let legend: [Legend]
    let chartWidth: Int
    let xlsxHref: String
    let csvHref: String
    let through: String
    let empty: Bool
    let ratings: Ratings?
    /// Every procedure with indicators, this one active; set by the page.
    var tabs: [Tab] = []
    /// Which year's targets the rows use (statistics.md "targets configurable"); set by the page.
    var targetsNote: String? = nil
    /// The year's targets page, for holders of `statistics.targets`; set by the page.
    var targetsHref: String? = nil
    /// The procedure's further reports (`ProcedureModule.reports`); set by the page.
    var reports: [Tab] = []

    static let chartHeight = 160, slot = 56

    init(page: PageChrome, procedureName: String, action: String, report: IndicatorReport, today: LocalDate, units: [SelectOption], ratings: Ratings?,
         xlsxHref: String, csvHref: String) {
        self.page = page
        self.procedureName = procedureName
        self.action = action
        periodLabel = report.period.labelZH
        periods = Self.periods(today: today).map { SelectOption(value: $0.key, label: $0.labelZH, selected: $0 == report.period) }
        self.units = units
        rows = report.indicators.map {
            Row(name: $0.nameZH, numerator: $0.numeratorText, denominator: $0.denominatorText, rate: $0.rateText, target: $0.targetText, met: $0.metText,
                metClass: $0.met.map { $0 ? "met" : "unmet" } ?? "none", citation: $0.citation)
        }
        assessment = report.assessment.map { a in
            Assessment(components: a.components.map {
                Component(name: $0.nameZH, weight: String(format: "%.0f", $0.weight), points: $0.points.map { String(format: "%.1f", $0) } ?? "—")
            }, total: String(format: "%.1f", a.total), attainable: String(format: "%.0f", a.attainable), annual: String(format: "%.2f", a.annualContribution),
            annualWeight: IndicatorFormat.format(a.annualWeight, .ratio))
        }
        counts = report.counts.map { Count(label: $0.label, value: $0.value) }
        // The chart: up to two series per month, as SVG bars (no script).
        let series = Array(report.seriesLabels.prefix(2))
        let maxValue = max(1, report.monthly.flatMap { $0.values.prefix(series.count) }.max() ?? 1)
        months = report.monthly.enumerated().map { i, m in
            let x = i * Self.slot + 8
            return Month(label: "\(m.month.index)月", x: x, bars: zip(series.indices, m.values).map { s, v in
                let h = v * Self.chartHeight / maxValue
                return Bar(label: "\(m.month.index)月", x: x + s * 20, y: 10 + Self.chartHeight - h, height: h, value: v, series: s, seriesLabel: series[s])
            })
        }
        legend = series.enumerated().map { Legend(series: $0.offset, label: $0.element) }
        chartWidth = max(1, report.monthly.count) * Self.slot + 16
        self.xlsxHref = xlsxHref
        self.csvHref = csvHref
        through = report.through.chinese
        empty = report.empty
        self.ratings = ratings
    }

    /// The periods offered: this year's and last year's, newest first, none in the future.
    static func periods(today: LocalDate) -> [ReportPeriod] {
        var out: [ReportPeriod] = []
        for y in [today.year, today.year - 1] {
            out += [ReportPeriod.year(y)].compactMap { $0 }
            out += [2, 1].compactMap { ReportPeriod.halfYear(y, $0) }
            out += [4, 3, 2, 1].compactMap { ReportPeriod.quarter(y, $0) }
            out += (1...12).reversed().compactMap { ReportPeriod.month(y, $0) }
        }
        return out.filter { $0.first <= today }
    }
}
