import FengqiaoCore
import Foundation
import SQLKit

/// Grouped counts over the days and values procedures declare for their statistics (migration 033,
/// `CaseStatistics`): per unit now handling the case, nothing decoded and nothing joined — each count
/// is one range of the index — and the figures are built from these counts in the core (CP-38:
/// `ComplaintMonthlyFigures.compute(from:…)`).
public struct StatisticCountRepository: StatisticCounting {
    public let store: Store
    public init(store: Store) { self.store = store }

    public func counts(_ query: StatisticCountQuery) async throws -> [UUID: StatisticCount] {
        // The cases with the date in the period: the dates' own rows.
        var out: [UUID: StatisticCount] = [:]
        for (unit, n) in try await grouped(query.caseType, key: query.dateKey, pair: "", from: query.from, to: query.to) {
            out[unit] = StatisticCount(counted: n, done: 0)
        }
        // Of those, the ones whose other date is on or before the day: the pair rows beside them (no join).
        if let doneKey = query.doneKey, let doneBy = query.doneBy {
            for (unit, n) in try await grouped(query.caseType, key: query.dateKey, pair: "date:" + doneKey, from: query.from, to: query.to,
                                               valueAtMost: doneBy.iso) {
                out[unit, default: StatisticCount(counted: 0, done: 0)].done = n
            }
        }
        return out
    }

    public func tagCounts(_ query: StatisticTagQuery) async throws -> [UUID: [String: Int]] {
        let rows = try await inRange(store.sql.select().column("unit_id").column("pair_value").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("case_dates"), caseType: query.caseType, key: query.dateKey, pair: "tag:" + query.tagKey, from: query.from, to: query.to)
            .groupBy("unit_id").groupBy("pair_value").all()
        var out: [UUID: [String: Int]] = [:]
        for r in rows {
            out[try r.decode(column: "unit_id", as: UUID.self), default: [:]][try r.decode(column: "pair_value", as: String.self)] = try r.decode(column: "n", as: Int.self)
        }
        return out
    }

    /// Per unit, the rows of one type, key and pair with the day in `from…to` (and the pair's value at most `valueAtMost`).
    private func grouped(_ caseType: String, key: String, pair: String, from: LocalDate, to: LocalDate, valueAtMost: String? = nil) async throws -> [UUID: Int] {
        var select = inRange(store.sql.select().column("unit_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("case_dates"),
                             caseType: caseType, key: key, pair: pair, from: from, to: to)
        if let valueAtMost { select = select.where("pair_value", .lessThanOrEqual, SQLBind(valueAtMost)) }
        var out: [UUID: Int] = [:]
        for r in try await select.groupBy("unit_id").all() { out[try r.decode(column: "unit_id", as: UUID.self)] = try r.decode(column: "n", as: Int.self) }
        return out
    }

    /// The rows of one case type, key and pair with the day in `from…to`: one range of `idx_case_dates_count`.
    private func inRange(_ select: SQLSelectBuilder, caseType: String, key: String, pair: String, from: LocalDate, to: LocalDate) -> SQLSelectBuilder {
        select.where("case_type", .equal, SQLBind(caseType)).where("key", .equal, SQLBind(key)).where("pair_key", .equal, SQLBind(pair))
            .where("day", .greaterThanOrEqual, SQLBind(from.iso)).where("day", .lessThanOrEqual, SQLBind(to.iso))
    }
}
