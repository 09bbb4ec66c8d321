import Foundation

// Statistics as grouped counts (issue 14's benchmark: the monthly analysis over 1,000,000 submissions).
// A procedure declares the days and values its statistics count a case by (`Procedure.statisticDates`,
// `Procedure.statisticKeys`) — computed from its facts in Swift, so the rule stays in the procedure's
// folder; the store keeps them indexed with every write and answers plain counts per unit; the
// procedure's figures are built from those counts in the core.

/// How many cases of `caseType` have the date `dateKey` in `from…to`, per unit now handling them, and
/// of those how many have the date `doneKey` on or before `doneBy`.
public struct StatisticCountQuery: Sendable, Equatable {
    public let caseType: String
    public let dateKey: String
    public let from: LocalDate
    public let to: LocalDate
    public let doneKey: String?
    public let doneBy: LocalDate?

    public init(caseType: String, dateKey: String, in period: ReportPeriod, doneKey: String? = nil, doneBy: LocalDate? = nil) {
        self.caseType = caseType
        self.dateKey = dateKey
        from = period.first
        to = period.last
        self.doneKey = doneKey
        self.doneBy = doneBy
    }
}

/// The cases a `StatisticCountQuery` counts, per unit, grouped by the value of `tagKey` (a case
/// without the value is not counted).
public struct StatisticTagQuery: Sendable, Equatable {
    public let caseType: String
    public let dateKey: String
    public let from: LocalDate
    public let to: LocalDate
    public let tagKey: String

    public init(caseType: String, dateKey: String, in period: ReportPeriod, tagKey: String) {
        self.caseType = caseType
        self.dateKey = dateKey
        from = period.first
        to = period.last
        self.tagKey = tagKey
    }
}

/// One unit's count: the cases counted and, of those, the ones done.
public struct StatisticCount: Sendable, Equatable {
    public var counted: Int
    public var done: Int
    public init(counted: Int, done: Int) {
        self.counted = counted
        self.done = done
    }
}

/// The store's side: grouped counts over the kept dates and values, nothing decoded.
public protocol StatisticCounting: Sendable {
    /// Per unit: the cases with the date in the period, and those also done by the day.
    func counts(_ query: StatisticCountQuery) async throws -> [UUID: StatisticCount]
    /// Per unit and value: the cases with the date in the period.
    func tagCounts(_ query: StatisticTagQuery) async throws -> [UUID: [String: Int]]
}
