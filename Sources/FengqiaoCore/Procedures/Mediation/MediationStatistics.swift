import Foundation

// Mediation on the generic statistics page (mediation.md "Statistics and KPIs"), computed from the
// cases: success, performance, on-time conclusion, return and satisfaction rates, the average working
// days, and the 台帐 counts a unit reports monthly (MD-41) — each event counted in the period it
// happened in.

extension MediationProcedure {
    /// Configurable per year (statistics.md); MD-46 weighs the success rate at most 30 % of an
    /// assessment and asks a quality indicator beside it, so it carries no target of its own.
    static let targets = IndicatorTargets([
        .init("success", "调解成功率", .ratio, standard: nil),
        .init("performance", "协议履行率", .ratio, standard: 0.9),
        .init("onTime", "按期办结率", .ratio, standard: 1.0),
        .init("returns", "回流率", .ratio, standard: nil),
        .init("satisfaction", "回访满意率", .ratio, standard: 0.9),
    ])

    /// The effective due date of the 20 working days (MD-24, MD-25): the rule in force at acceptance,
    /// the extension granted, the suspended working days added. Nil before acceptance.
    public static func effectiveDue(_ f: MediationFacts, calendar: WorkCalendar) -> LocalDate? {
        guard let accepted = f.acceptedOn, let rule = RuleBook.shipped.inForce(ruleSetKey, on: accepted)?.rule("mediation") else { return nil }
        let count = rule.count + (f.extended?.workdays ?? 0) + suspendedWorkdays(f, through: nil, calendar: calendar)
        return calendar.due(from: accepted, count: count, unit: .workday).date
    }

    /// Working days suspended (MD-25), an open suspension counted through `through`.
    static func suspendedWorkdays(_ f: MediationFacts, through: LocalDate?, calendar: WorkCalendar) -> Int {
        f.pauses.reduce(0) { sum, p in
            guard let last = p.to ?? through else { return sum }
            return sum + (last < p.from ? 0 : calendar.between(p.from.adding(days: -1), last))
        }
    }

    /// The statistics page's figures from every case read: the ledger's counts taken from the facts in
    /// Swift, then the same figures as the 台帐 counted in the database (`indicators(_:read:_:)`).
    public static func indicators(_ cases: [StatisticsCase<MediationFacts>], _ r: IndicatorRequest) -> IndicatorReport? {
        let mine = r.mine(cases)
        let last = min(r.period.last, r.asOf ?? r.period.last)
        let tally = StatisticTally.from(self, mine.map(\.procedureCase.facts), ledger: ledgerPlan, first: r.period.first, last: last)
        return figures(tally, read: mine, r, allRead: true)
    }

    public static func indicators(_ tally: StatisticTally, read: [StatisticsCase<MediationFacts>], _ r: IndicatorRequest) -> IndicatorReport? {
        figures(tally, read: r.mine(read), r, allRead: false)
    }

    /// The figures from the counts and the cases read whole (those concluded, falling due or revisited
    /// in the period; with `allRead`, every case, for a monthly series over a longer period).
    static func figures(_ tally: StatisticTally, read: [StatisticsCase<MediationFacts>], _ r: IndicatorRequest, allRead: Bool) -> IndicatorReport {
        let last = min(r.period.last, r.asOf ?? r.period.last)
        func inWindow(_ d: LocalDate?) -> Bool { d.map { r.period.first <= $0 && $0 <= last } ?? false }
        let facts = read.map(\.procedureCase.facts)
        let targets = r.targets(module.indicatorTargets)
        typealias K = MediationStatisticKey

        let concluded = facts.filter { inWindow($0.ending?.on) }
        func ended(_ o: DisputeOutcome) -> Int { concluded.count { $0.ending?.outcome == o } }
        let successes = ended(.agreement) + ended(.settled)
        // Agreements whose last obligation fell due in the period (performed on the spot: the signing day).
        let due = facts.filter { inWindow(performanceDue($0)) }
        let performed = due.filter { $0.obligations.allSatisfy { $0.status == .performed } }
        let timed = concluded.compactMap { f -> Bool? in effectiveDue(f, calendar: r.calendar).flatMap { d in f.ending.map { $0.on <= d } } }
        let durations = concluded.compactMap { f -> Int? in
            guard let a = f.acceptedOn, let e = f.ending?.on else { return nil }
            return max(0, r.calendar.between(a, e) - suspendedWorkdays(f, through: e, calendar: r.calendar))
        }
        let answers = read.flatMap(\.revisits).filter { inWindow($0.on) && $0.answer != .unanswered }

        func indicator(_ key: String, _ numerator: Int, _ denominator: Int, _ citation: String) -> Indicator {
            Indicator(key: key, nameZH: module.indicatorTargets.target(key)?.nameZH ?? key, citation: citation, measure: .ratio,
                      numerator: Double(numerator), denominator: denominator, target: targets.target(key))
        }
        let indicators = [
            indicator("success", successes, successes + ended(.noAgreement) + ended(.refused), "mediation.md 统计（撤回不计）"),
            indicator("performance", performed.count, due.count, "MD-29"),
            indicator("onTime", timed.count { $0 }, timed.count, "MD-24"),
            indicator("returns", tally.count(K.returned), tally.count(K.dispatched), "MD-17"),
            indicator("satisfaction", answers.count { $0.answer != .dissatisfied }, answers.count, "MD-35"),
            // mediation.md: acceptance to conclusion in working days, suspensions left out — a mean, so that
            // monthly reports add up (numerator the days, denominator the cases).
            Indicator(key: "duration", nameZH: "平均办理工作日", citation: "MD-24, MD-25", measure: .mean,
                      numerator: Double(durations.reduce(0, +)), denominator: durations.count, target: nil),
        ]
        let months = r.period.months.map { m in
            allRead || r.period.months.count > 1
                ? IndicatorReport.Month(month: m, values: [facts.count { m.contains($0.registeredOn) }, facts.count { $0.ending.map { m.contains($0.on) } == true }])
                : IndicatorReport.Month(month: m, values: [tally.count(K.registered), concluded.count])
        }
        return IndicatorReport(
            period: r.period, through: last, indicators: indicators, assessment: nil,
            counts: [
                .init("registered", "登记", tally.count(K.registered)), .init("accepted", "受理", tally.count(K.accepted)),
                .init("notAccepted", "不予受理", tally.count(K.rejected)), .init("dispatched", "分流交办", tally.count(K.dispatched)),
                .init("returned", "回流", tally.count(K.returned)), .init("joint", "会办", tally.count(K.joint)),
                .init("major", "重大矛盾纠纷", tally.count(K.major)),
                .init("recurring", "多发矛盾（MD-48）", tally.count(K.recurring)), .init("agreement", "达成协议", ended(.agreement)),
                .init("settled", "自行和解", ended(.settled)), .init("noAgreement", "调解不成", ended(.noAgreement)), .init("refused", "拒绝调解", ended(.refused)),
                .init("withdrawn", "撤回申请", ended(.withdrawn)), .init("simple", "简易程序", concluded.count { $0.simple }),
                .init("general", "一般程序", concluded.count { !$0.simple }), .init("reneged", "未履行协议", tally.count(K.reneged)),
                .init("amount", "涉及金额（元）", tally.sum(K.amountFen) / 100),
            ],
            seriesLabels: ["登记", "结案"], monthly: months, empty: tally.count(K.registered) == 0 && concluded.isEmpty)
    }
}
