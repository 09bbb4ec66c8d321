import Foundation

// What a procedure's statistics produce (statistics.md ST-01, ST-04) and what they are given: the
// generic statistics page, its API and its XLSX/CSV export render an `IndicatorReport` whatever the
// procedure; the procedure computes it from `StatisticsCase` values the store reads.

/// One case as the statistics read it: the case with its facts, its closing day, whether its file
/// is complete (DOC-40) and its revisits (ST-21).
public struct StatisticsCase<Facts: Codable & Sendable & Equatable>: Sendable {
    public let procedureCase: ProcedureCase<Facts>
    public let closedOn: LocalDate?
    /// For closed cases: the file's required documents all present, final and served; nil open.
    public let documentsComplete: Bool?
    public let revisits: [RevisitScore]

    public init(procedureCase: ProcedureCase<Facts>, closedOn: LocalDate?, documentsComplete: Bool?, revisits: [RevisitScore]) {
        self.procedureCase = procedureCase
        self.closedOn = closedOn
        self.documentsComplete = documentsComplete
        self.revisits = revisits
    }
}

/// The question a statistics page asks: a period, the units counted (nil: all given), the
/// calendar, and the last day whose data is in.
public struct IndicatorRequest: Sendable {
    public let period: ReportPeriod
    public let units: Set<UUID>?
    public let calendar: WorkCalendar
    public let asOf: LocalDate?
    /// The violation-category tree whose sector flags decide the key sectors (PLT-16): the version in
    /// force on the period's last counted day.
    public let categories: ViolationCategoryVersion
    /// The targets in force for the period's year (statistics.md "targets configurable", ST-10): the
    /// procedure's declared defaults overridden by the values set for that year; nil: the defaults.
    public let targets: IndicatorTargets.InForce?

    public init(period: ReportPeriod, units: Set<UUID>?, calendar: WorkCalendar, asOf: LocalDate?, categories: ViolationCategoryVersion = .shipped,
                targets: IndicatorTargets.InForce? = nil) {
        self.period = period
        self.units = units
        self.calendar = calendar
        self.asOf = asOf
        self.categories = categories
        self.targets = targets
    }

    /// The targets to compute with: those given, else `declared`'s defaults for the period's year.
    public func targets(_ declared: IndicatorTargets) -> IndicatorTargets.InForce {
        targets ?? declared.defaults(year: period.first.year)
    }

    /// The cases of the requested units.
    public func mine<F>(_ cases: [StatisticsCase<F>]) -> [StatisticsCase<F>] {
        guard let units else { return cases }
        return cases.filter { units.contains($0.procedureCase.unitID) }
    }
}

/// A procedure's figures for one period and set of units.
public struct IndicatorReport: Sendable, Equatable {
    /// A labelled count (线索 12, 实施约谈 9 …); the key names it in the API.
    public struct Count: Sendable, Equatable {
        public let key: String
        public let label: String
        public let value: Int
        public init(_ key: String, _ label: String, _ value: Int) {
            self.key = key
            self.label = label
            self.value = value
        }
    }

    /// One month of the chart: one value per series, in `seriesLabels` order.
    public struct Month: Sendable, Equatable {
        public let month: ReportPeriod
        public let values: [Int]
        public init(month: ReportPeriod, values: [Int]) {
            self.month = month
            self.values = values
        }
    }

    public let period: ReportPeriod
    /// The window's last day: `min(period.last, asOf)`.
    public let through: LocalDate
    public let indicators: [Indicator]
    public let assessment: Assessment?
    public let counts: [Count]
    /// The chart's series names (two at most are drawn), and one `Month` per month of the period.
    public let seriesLabels: [String]
    public let monthly: [Month]
    /// Whether the period had nothing to count (the page says so instead of a table of dashes).
    public let empty: Bool

    public init(period: ReportPeriod, through: LocalDate, indicators: [Indicator], assessment: Assessment?, counts: [Count],
                seriesLabels: [String], monthly: [Month], empty: Bool) {
        self.period = period
        self.through = through
        self.indicators = indicators
        self.assessment = assessment
        self.counts = counts
        self.seriesLabels = seriesLabels
        self.monthly = monthly
        self.empty = empty
    }

    /// The export table (ST-04): the period, the indicators, then the assessment when there is one.
    public func table() -> [[String]] {
        [["统计期间", period.labelZH, "截至", through.chinese]] + [[]] + IndicatorFormat.rows(indicators)
            + (assessment.map { [[]] + $0.rows() } ?? [])
    }
}
