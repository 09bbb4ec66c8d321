import Foundation

// The interview's part in the generic statistics page (statistics.md; interview.md §Statistics):
// its indicators, assessment, counts and monthly chart as an `IndicatorReport`.

extension InterviewProcedure {
    public static func indicators(_ cases: [StatisticsCase<InterviewFacts>], _ request: IndicatorRequest) -> IndicatorReport? {
        let summaries = cases.map {
            InterviewCaseSummary($0.procedureCase, closedOn: $0.closedOn, documentsComplete: $0.documentsComplete, revisits: $0.revisits)
        }
        // Statistics "targets configurable": the year's targets in force, else the declared defaults.
        let ind = InterviewIndicators.compute(cases: summaries, period: request.period, units: request.units, calendar: request.calendar,
                                              targets: request.targets(module.indicatorTargets), asOf: request.asOf, categories: request.categories)
        let series = InterviewIndicators.monthlySeries(cases: summaries, within: request.period, units: request.units)
        return ind.report(monthly: series)
    }
}

extension InterviewIndicators {
    /// The generic report: the indicators, the assessment (coverage 40, rectification 30,
    /// satisfaction 20, documents 10), the handling counts and interviews held and passed by month.
    public func report(monthly: [MonthlyCounts]) -> IndicatorReport {
        let c = counts
        return IndicatorReport(
            period: period, through: through, indicators: all, assessment: assessment,
            counts: [.init("clues", "线索", c.clues), .init("verified", "完成核查", c.verified), .init("held", "实施约谈", c.held),
                     .init("inspected", "整改验收", c.inspected), .init("passed", "验收合格", c.passed), .init("closed", "办结", c.closed),
                     .init("handedOver", "移交处罚", c.handedOver), .init("rejected", "不予约谈", c.rejected),
                     .init("transferred", "移送司法", c.transferred), .init("openAtEnd", "期末在办", c.openAtEnd)],
            seriesLabels: ["实施约谈", "验收合格"], monthly: monthly.map { .init(month: $0.month, values: [$0.counts.held, $0.counts.passed]) },
            empty: c.clues == 0 && c.held == 0 && c.closed == 0)
    }
}
