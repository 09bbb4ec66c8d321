import Foundation

// The complaint track on the generic statistics page (complaints.md "Statistics and KPIs"): complaints
// are counted in a period by their competent receipt date; decisions, endings and amounts by the day
// they happened. The report track has its own page (举报立案率); 办结率 here counts complaints only —
// the spec's combined figure over both tracks belongs to the monthly analysis (CP-38), still to come.

extension ComplaintProcedure {
    static let targets = IndicatorTargets([
        .init("timelyDecision", "按期受理决定率", .ratio, standard: 1.0),
        .init("acceptance", "受理率", .ratio, standard: nil),
        .init("mediationSuccess", "调解成功率", .ratio, standard: nil),
        .init("completion", "办结率", .ratio, standard: 0.9),
    ])

    /// The acceptance decision's due date: 7 working days (the bound rule set's count) from the competent receipt.
    static func acceptDue(_ f: ComplaintFacts, calendar: WorkCalendar) -> LocalDate? {
        guard let receipt = f.competentReceiptOn, let rule = RuleBook.shipped.inForce(ruleSetKey, on: f.receivedOn)?.rule("acceptance") else { return nil }
        return rule.due(from: receipt, in: calendar).date
    }

    /// Concluded: 不予受理 decided, the termination notice served, or mediated, settled or withdrawn.
    static func concludedOn(_ f: ComplaintFacts) -> LocalDate? {
        if let d = f.decision, d.choice == .reject { return d.on }
        if let t = f.termination { return t.servedOn }
        return f.ending?.on
    }

    public static func indicators(_ cases: [StatisticsCase<ComplaintFacts>], _ r: IndicatorRequest) -> IndicatorReport? {
        let last = min(r.period.last, r.asOf ?? r.period.last)
        func inWindow(_ d: LocalDate?) -> Bool { d.map { r.period.first <= $0 && $0 <= last } ?? false }
        let facts = r.mine(cases).map(\.procedureCase.facts)
        let targets = r.targets(module.indicatorTargets)

        let received = facts.filter { inWindow($0.competentReceiptOn) }
        let decided = facts.compactMap { f in f.decision.map { (f, $0) } }.filter { inWindow($0.1.on) }
        let timely = decided.filter { f, d in acceptDue(f, calendar: r.calendar).map { d.on <= $0 } ?? false }
        let accepted = decided.filter { $0.1.choice == .accept }
        let successes = facts.filter { inWindow($0.ending?.on) && $0.ending?.outcome != .withdrawn }
        let terminated = facts.filter { inWindow($0.termination?.decidedOn) }
        let concluded = received.filter { inWindow(concludedOn($0)) }
        let recoveredFen = facts.filter { inWindow(concludedOn($0)) }.compactMap { $0.ending?.recoveredFen }.reduce(0, +)

        func indicator(_ key: String, _ numerator: Int, _ denominator: Int, _ citation: String) -> Indicator {
            Indicator(key: key, nameZH: module.indicatorTargets.target(key)?.nameZH ?? key, citation: citation,
                      measure: .ratio, numerator: Double(numerator), denominator: denominator, target: targets.target(key))
        }
        let indicators = [
            indicator("timelyDecision", timely.count, decided.count, "CP-14"),
            indicator("acceptance", accepted.count, decided.count, "complaints.md 统计"),
            indicator("mediationSuccess", successes.count, successes.count + terminated.count, "complaints.md 统计（撤回不计）"),
            indicator("completion", concluded.count, received.count, "complaints.md 统计"),
        ]
        let months = r.period.months.map { m in
            IndicatorReport.Month(month: m, values: [facts.count { $0.competentReceiptOn.map(m.contains) == true },
                                                     facts.count { concludedOn($0).map(m.contains) == true }])
        }
        return IndicatorReport(
            period: r.period, through: last, indicators: indicators, assessment: nil,
            counts: [.init("received", "收到投诉", received.count), .init("accepted", "受理", accepted.count),
                     .init("rejected", "不予受理", decided.count - accepted.count), .init("mediated", "调解成功或和解", successes.count),
                     .init("terminated", "终止调解", terminated.count), .init("concluded", "办结", concluded.count),
                     .init("recovered", "挽回经济损失（元）", recoveredFen / 100)],
            seriesLabels: ["收到投诉", "办结"], monthly: months, empty: received.isEmpty && decided.isEmpty && successes.isEmpty)
    }
}
