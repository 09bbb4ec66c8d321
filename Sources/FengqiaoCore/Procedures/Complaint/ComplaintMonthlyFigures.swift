import Foundation

// CP-38 per unit: the month's figures of each handling unit, so that each 所 sees its own rows and a
// bureau the sum (complaints.md "Recipients": each 所 sees its own rows, ST-05), and so that the
// figures frozen on the 5th working day of the next month can be stored and read back unchanged.
// Pure: the store hands in both tracks' facts with their unit.

/// One month's complaint and report figures, per handling unit: what the freeze stores.
public struct ComplaintMonthlyFigures: Sendable, Equatable, Codable {
    /// One unit's figures.
    public struct UnitRow: Sendable, Equatable, Codable {
        public let unitID: UUID
        public var current: ComplaintMonthlyAnalysis.Counts
        public var sameMonthLastYear: ComplaintMonthlyAnalysis.Counts
        public var previousMonth: ComplaintMonthlyAnalysis.Counts
        /// 结构: the month's complaints by channel (raw value → count).
        public var channels: [String: Int]
        /// 类型: the month's reports by violation category (key → count).
        public var reportCategories: [String: Int]
    }

    /// `2025-09`.
    public let month: ReportPeriod
    /// CP-38: the 5th working day of the next month.
    public let freezesOn: LocalDate
    /// The day the figures count concluded items to (the freeze day once frozen).
    public let asOf: LocalDate
    public let units: [UnitRow]

    /// The figures of `month` per unit, concluded items counted to `asOf` (at most the freeze day). The page
    /// counts the same figures in the database (`compute(from:…)`); this one, over the facts, is their cross-check.
    public static func compute(complaints: [(unit: UUID, facts: ComplaintFacts)], reports: [(unit: UUID, facts: ReportFacts)], month: ReportPeriod,
                               calendar: WorkCalendar, asOf: LocalDate) -> ComplaintMonthlyFigures {
        let ids = Set(complaints.map(\.unit) + reports.map(\.unit)).sorted { $0.uuidString < $1.uuidString }
        var freeze = month.last
        var rows: [UnitRow] = []
        for unit in ids {
            let c = complaints.filter { $0.unit == unit }.map(\.facts)
            let r = reports.filter { $0.unit == unit }.map(\.facts)
            let a = ComplaintMonthlyAnalysis.compute(complaints: c, reports: r, month: month, calendar: calendar, asOf: min(asOf, freezeDay(month, calendar)))
            freeze = a.freezesOn
            var channels: [String: Int] = [:]
            for f in c where f.competentReceiptOn.map(month.contains) == true { channels[f.channel.rawValue, default: 0] += 1 }
            var categories: [String: Int] = [:]
            for f in r where month.contains(f.receivedOn) { categories[f.category, default: 0] += 1 }
            let row = UnitRow(unitID: unit, current: a.current, sameMonthLastYear: a.sameMonthLastYear, previousMonth: a.previousMonth,
                              channels: channels, reportCategories: categories)
            // A unit with nothing received in any of the three months has no row (as from the counts).
            if !row.isEmpty { rows.append(row) }
        }
        if rows.isEmpty { freeze = freezeDay(month, calendar) }
        return ComplaintMonthlyFigures(month: month, freezesOn: freeze, asOf: min(asOf, freeze), units: rows)
    }

    /// CP-38: the 5th working day of the month after `month`.
    public static func freezeDay(_ month: ReportPeriod, _ calendar: WorkCalendar) -> LocalDate {
        let next = month.last.adding(days: 1)
        return calendar.workday(5, ofYear: next.year, month: next.month) ?? next
    }

    /// The rows of the units in `scope` (nil: all) — ST-05: a 所 sees its own.
    public func rows(in scope: Set<UUID>?) -> [UnitRow] {
        units.filter { scope?.contains($0.unitID) ?? true }
    }

    /// The analysis summed over the units in `scope`.
    public func analysis(in scope: Set<UUID>?) -> ComplaintMonthlyAnalysis {
        func sum(_ pick: (UnitRow) -> ComplaintMonthlyAnalysis.Counts) -> ComplaintMonthlyAnalysis.Counts {
            var out = ComplaintMonthlyAnalysis.Counts()
            for row in rows(in: scope) {
                let c = pick(row)
                out.complaints += c.complaints
                out.reports += c.reports
                out.concluded += c.concluded
            }
            return out
        }
        return ComplaintMonthlyAnalysis(month: month, freezesOn: freezesOn, current: sum(\.current), sameMonthLastYear: sum(\.sameMonthLastYear),
                                        previousMonth: sum(\.previousMonth))
    }

    /// 结构 by channel, summed over `scope`: channel name, count, share; largest first.
    public func channelRows(in scope: Set<UUID>?) -> [[String]] {
        Self.shareRows(rows(in: scope).map(\.channels), header: ["渠道", "投诉件数", "占比"]) { ComplaintChannel(rawValue: $0)?.nameZH ?? $0 }
    }

    /// 类型 of reports, summed over `scope`.
    public func categoryRows(in scope: Set<UUID>?, name: (String) -> String) -> [[String]] {
        Self.shareRows(rows(in: scope).map(\.reportCategories), header: ["违法行为类别", "举报件数", "占比"], name: name)
    }

    static func shareRows(_ maps: [[String: Int]], header: [String], name: (String) -> String) -> [[String]] {
        var total: [String: Int] = [:]
        for m in maps { for (k, v) in m { total[k, default: 0] += v } }
        let all = total.values.reduce(0, +)
        return [header] + total.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
            [name($0.key), String($0.value), all == 0 ? "—" : IndicatorFormat.format(Double($0.value) / Double(all), .ratio)]
        }
    }
}
