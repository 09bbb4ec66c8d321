import Foundation

// The registry on the generic statistics page (complaints.md, Statistics: Enforcement): the brief's
// counts for the period and the units asked, the month-by-month chart, and no targets (CP-34).

enum EnforcementStatistics {
    static func report(_ cases: [StatisticsCase<EnforcementFacts>], _ r: IndicatorRequest) -> IndicatorReport {
        let last = min(r.period.last, r.asOf ?? r.period.last)
        let facts = r.mine(cases).map(\.procedureCase.facts)
        let brief = EnforcementBrief(period: r.period, through: last, entries: facts.map { .init(unitName: "", facts: $0) })
        let window = brief.days
        let decided = facts.compactMap(\.decision).filter { window.contains($0.on) }
        let months = r.period.months.map { m in
            IndicatorReport.Month(month: m, values: [facts.count { EnforcementBrief.handled($0, in: .init(m)) }, facts.count { $0.closedOn.map(m.contains) == true }])
        }
        var counts: [IndicatorReport.Count] = [
            .init("handled", "查处案件数", brief.handled), .init("generalFiled", "一般程序立案", brief.generalFiled),
            .init("simpleDecided", "简易程序决定", brief.simpleDecided), .init("closed", "结案数", brief.closed),
            .init("collected", "罚没入库（元）", brief.collectedFen / 100),
            .init("registered", "登记待立案", facts.count { $0.filing == nil && $0.notFiledGround == nil && $0.receivedOn.map(window.contains) != false }),
        ]
        counts += brief.bands.map { .init("band\($0.thresholdFen / 100)", "大要案（罚没合计≥\($0.thresholdFen / 1_000_000)万元）", $0.cases) }
        return IndicatorReport(period: r.period, through: last, indicators: [], assessment: nil, counts: counts, seriesLabels: ["查处案件", "结案"],
                               monthly: months, empty: brief.handled == 0 && brief.closed == 0 && brief.collectedFen == 0 && decided.isEmpty)
    }
}
