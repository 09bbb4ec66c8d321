import Foundation

// CP-38 from grouped counts (issue 14's benchmark: the monthly analysis over 1,000,000 submissions):
// the store counts the kept dates (`ComplaintProcedure.statisticDates`, `ReportProcedure.statisticDates`)
// per unit; the figures are built here from those plain counts. `ComplaintMonthlyFigures.compute`
// over the facts gives the same figures and stays as the cross-check.

/// The counts the monthly analysis of `month` needs, per track and unit.
public struct ComplaintMonthlyCounts: Sendable, Equatable {
    /// One track's counts per unit.
    public struct Track: Sendable, Equatable {
        /// Received in the month, in the month before, in the same month a year earlier; `done`:
        /// of those, concluded by the cut-off day.
        public var current: [UUID: StatisticCount]
        public var previousMonth: [UUID: StatisticCount]
        public var sameMonthLastYear: [UUID: StatisticCount]
        /// Received in the month, by the track's grouping (a complaint's channel, a report's category).
        public var groups: [UUID: [String: Int]]

        public init(current: [UUID: StatisticCount] = [:], previousMonth: [UUID: StatisticCount] = [:], sameMonthLastYear: [UUID: StatisticCount] = [:],
                    groups: [UUID: [String: Int]] = [:]) {
            self.current = current
            self.previousMonth = previousMonth
            self.sameMonthLastYear = sameMonthLastYear
            self.groups = groups
        }

        var units: Set<UUID> { Set(current.keys).union(previousMonth.keys).union(sameMonthLastYear.keys).union(groups.keys) }
    }

    public var complaints: Track
    public var reports: Track

    public init(complaints: Track, reports: Track) {
        self.complaints = complaints
        self.reports = reports
    }

    /// The month the period before `month` is.
    static func previous(_ month: ReportPeriod) -> ReportPeriod? {
        let before = month.first.adding(days: -1)
        return ReportPeriod.month(before.year, before.month)
    }

    /// The counts of `month`, concluded items counted to `asOf` (at most the freeze day), as the store answers them.
    public static func load(_ counting: some StatisticCounting, month: ReportPeriod, calendar: WorkCalendar, asOf: LocalDate) async throws -> Self {
        let cutoff = min(asOf, ComplaintMonthlyFigures.freezeDay(month, calendar))
        func track(_ caseType: String, group: String) async throws -> Track {
            func counts(_ p: ReportPeriod?) async throws -> [UUID: StatisticCount] {
                guard let p else { return [:] }
                return try await counting.counts(StatisticCountQuery(caseType: caseType, dateKey: ComplaintStatisticKey.received, in: p,
                                                                     doneKey: ComplaintStatisticKey.concluded, doneBy: cutoff))
            }
            return Track(current: try await counts(month), previousMonth: try await counts(previous(month)),
                         sameMonthLastYear: try await counts(month.sameLastYear),
                         groups: try await counting.tagCounts(StatisticTagQuery(caseType: caseType, dateKey: ComplaintStatisticKey.received, in: month, tagKey: group)))
        }
        return ComplaintMonthlyCounts(complaints: try await track(ComplaintProcedure.caseType, group: ComplaintStatisticKey.channel),
                                      reports: try await track(ReportProcedure.caseType, group: ComplaintStatisticKey.category))
    }
}

extension ComplaintMonthlyFigures {
    /// The figures of `month` per unit from the counts the store answered (`ComplaintMonthlyCounts.load`
    /// with the same `asOf`): the same figures `compute(complaints:reports:…)` gives from the facts.
    public static func compute(from counts: ComplaintMonthlyCounts, month: ReportPeriod, calendar: WorkCalendar, asOf: LocalDate) -> ComplaintMonthlyFigures {
        let freeze = freezeDay(month, calendar)
        let c = counts.complaints, r = counts.reports
        func pick(_ unit: UUID, _ period: (ComplaintMonthlyCounts.Track) -> [UUID: StatisticCount]) -> ComplaintMonthlyAnalysis.Counts {
            var out = ComplaintMonthlyAnalysis.Counts()
            let complaints = period(c)[unit], reports = period(r)[unit]
            out.complaints = complaints?.counted ?? 0
            out.reports = reports?.counted ?? 0
            out.concluded = (complaints?.done ?? 0) + (reports?.done ?? 0)
            return out
        }
        let rows = c.units.union(r.units).sorted { $0.uuidString < $1.uuidString }.map { unit in
            UnitRow(unitID: unit, current: pick(unit, \.current), sameMonthLastYear: pick(unit, \.sameMonthLastYear), previousMonth: pick(unit, \.previousMonth),
                    channels: c.groups[unit] ?? [:], reportCategories: r.groups[unit] ?? [:])
        }.filter { !$0.isEmpty }
        return ComplaintMonthlyFigures(month: month, freezesOn: freeze, asOf: min(asOf, freeze), units: rows)
    }
}

extension ComplaintMonthlyFigures.UnitRow {
    /// Nothing received in any of the three months: the unit has no row.
    var isEmpty: Bool {
        [current, sameMonthLastYear, previousMonth].allSatisfy { $0.complaints == 0 && $0.reports == 0 } && channels.isEmpty && reportCategories.isEmpty
    }
}
