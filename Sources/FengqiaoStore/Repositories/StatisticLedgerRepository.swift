import FengqiaoCore
import Foundation
import SQLKit

/// MD-41: a month's figures as the procedure's ledger says (`StatisticLedger`): the counted dates
/// and summed values in two grouped queries over `case_dates` (per unit now handling the case, each
/// key a range of `idx_case_dates_count`), and only the cases the ledger reads whole decoded — those
/// with a read date in the window, and those revisited in it.
extension StatisticsRepository {
    /// Per unit of `units`: the ledger's counts and sums of the cases of `P` dated in `first…last`.
    public func tally<P: Procedure>(_ p: P.Type, units: Set<UUID>, first: LocalDate, last: LocalDate) async throws -> [UUID: StatisticTally] {
        guard let ledger = P.ledger, !units.isEmpty else { return [:] }
        var out: [UUID: StatisticTally] = [:]
        if !ledger.counted.isEmpty {
            let rows = try await window(P.self, keys: ledger.counted, pair: "", units: units, first: first, last: last,
                                        store.sql.select().column("unit_id").column("key").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"))
                .groupBy("unit_id").groupBy("key").all()
            for r in rows {
                out[try r.decode(column: "unit_id", as: UUID.self), default: StatisticTally()].counts[try r.decode(column: "key", as: String.self)] =
                    try r.decode(column: "n", as: Int.self)
            }
        }
        // A sum: the date's rows paired with the value (`tag:K`), grouped by value, multiplied out here.
        for dateKey in Set(ledger.summed.values).sorted() {
            let values = ledger.summed.filter { $0.value == dateKey }.keys.map { "tag:" + $0 }
            let rows = try await window(P.self, keys: [dateKey], pairs: values, units: units, first: first, last: last,
                                        store.sql.select().column("unit_id").column("pair_key").column("pair_value").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"))
                .groupBy("unit_id").groupBy("pair_key").groupBy("pair_value").all()
            for r in rows {
                guard let value = Int(try r.decode(column: "pair_value", as: String.self)) else { continue }
                let key = String(try r.decode(column: "pair_key", as: String.self).dropFirst(4))
                out[try r.decode(column: "unit_id", as: UUID.self), default: StatisticTally()].sums[key, default: 0] += value * (try r.decode(column: "n", as: Int.self))
            }
        }
        return out
    }

    /// The cases of `P` in `units` the ledger reads whole for `first…last`: a read date in it, or a revisit.
    public func ledgerCases<P: Procedure>(_ p: P.Type, units: Set<UUID>, first: LocalDate, last: LocalDate) async throws -> [StatisticsCase<P.Facts>] {
        guard let ledger = P.ledger, !units.isEmpty else { return [] }
        let q = selectCases(P.self).where("unit_id", .in, SQLBind.group(Array(units))).where {
            $0.where("id", .in, SQLSubquery.select { sub in
                sub.column("case_id").from("case_dates").where("case_type", .equal, SQLBind(P.caseType)).where("key", .in, SQLBind.group(ledger.read))
                    .where("pair_key", .equal, SQLBind("")).where("day", .greaterThanOrEqual, SQLBind(first.iso)).where("day", .lessThanOrEqual, SQLBind(last.iso))
                    .where("unit_id", .in, SQLBind.group(Array(units)))
            })
            .orWhere("id", .in, SQLSubquery.select {
                $0.column("case_id").from("revisits").where("on_date", .greaterThanOrEqual, SQLBind(first.iso)).where("on_date", .lessThanOrEqual, SQLBind(last.iso))
            })
        }
        return try await read(P.self, q)
    }

    /// The rows of `keys` and one pair with the day in `first…last` in `units`: ranges of `idx_case_dates_count`.
    private func window<P: Procedure>(_ p: P.Type, keys: [String], pair: String = "", pairs: [String]? = nil, units: Set<UUID>, first: LocalDate, last: LocalDate,
                                      _ select: SQLSelectBuilder) -> SQLSelectBuilder {
        let q = select.from("case_dates").where("case_type", .equal, SQLBind(P.caseType)).where("key", .in, SQLBind.group(keys))
        return (pairs.map { q.where("pair_key", .in, SQLBind.group($0)) } ?? q.where("pair_key", .equal, SQLBind(pair)))
            .where("day", .greaterThanOrEqual, SQLBind(first.iso)).where("day", .lessThanOrEqual, SQLBind(last.iso))
            .where("unit_id", .in, SQLBind.group(Array(units)))
    }
}
