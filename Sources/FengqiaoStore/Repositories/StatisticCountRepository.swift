import FengqiaoCore
import Foundation
import SQLKit

/// Grouped counts over the days and values procedures declare for their statistics (migration 033,
/// `CaseStatistics`): per unit now handling the case, nothing decoded — the figures are built from
/// these counts in the core (CP-38: `ComplaintMonthlyFigures.compute(from:…)`).
public struct StatisticCountRepository: StatisticCounting {
    public let store: Store
    public init(store: Store) { self.store = store }

    public func counts(_ query: StatisticCountQuery) async throws -> [UUID: StatisticCount] {
        let d = "d", c = "c"
        var select = store.sql.select().column(SQLColumn("unit_id", table: d))
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
        if let doneKey = query.doneKey, let doneBy = query.doneBy {
            // The done date of the same case, when it falls on or before the day.
            let on = SQLBinaryExpression(
                SQLBinaryExpression(SQLBinaryExpression(SQLColumn("case_id", table: c), .equal, SQLColumn("case_id", table: d)), .and,
                                    SQLBinaryExpression(SQLColumn("key", table: c), .equal, SQLBind(doneKey))), .and,
                SQLBinaryExpression(SQLColumn("day", table: c), .lessThanOrEqual, SQLBind(doneBy.iso)))
            select = select.column(SQLFunction("COUNT", args: SQLColumn("day", table: c)), as: "done")
                .from(SQLAlias(SQLIdentifier("case_dates"), as: SQLIdentifier(d)))
                .join(SQLAlias(SQLIdentifier("case_dates"), as: SQLIdentifier(c)), method: SQLJoinMethod.left, on: on)
        } else {
            select = select.column(SQLLiteral.numeric("0"), as: "done").from(SQLAlias(SQLIdentifier("case_dates"), as: SQLIdentifier(d)))
        }
        let rows = try await inRange(select, d, caseType: query.caseType, key: query.dateKey, from: query.from, to: query.to)
            .groupBy(SQLColumn("unit_id", table: d)).all()
        var out: [UUID: StatisticCount] = [:]
        for r in rows {
            out[try r.decode(column: "unit_id", as: UUID.self)] = StatisticCount(counted: try r.decode(column: "n", as: Int.self),
                                                                                 done: try r.decode(column: "done", as: Int.self))
        }
        return out
    }

    public func tagCounts(_ query: StatisticTagQuery) async throws -> [UUID: [String: Int]] {
        let d = "d", t = "t"
        let on = SQLBinaryExpression(SQLBinaryExpression(SQLColumn("case_id", table: t), .equal, SQLColumn("case_id", table: d)), .and,
                                     SQLBinaryExpression(SQLColumn("key", table: t), .equal, SQLBind(query.tagKey)))
        let select = store.sql.select().column(SQLColumn("unit_id", table: d)).column(SQLColumn("value", table: t))
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SQLAlias(SQLIdentifier("case_dates"), as: SQLIdentifier(d)))
            .join(SQLAlias(SQLIdentifier("case_tags"), as: SQLIdentifier(t)), on: on)
        let rows = try await inRange(select, d, caseType: query.caseType, key: query.dateKey, from: query.from, to: query.to)
            .groupBy(SQLColumn("unit_id", table: d)).groupBy(SQLColumn("value", table: t)).all()
        var out: [UUID: [String: Int]] = [:]
        for r in rows {
            out[try r.decode(column: "unit_id", as: UUID.self), default: [:]][try r.decode(column: "value", as: String.self)] = try r.decode(column: "n", as: Int.self)
        }
        return out
    }

    /// The rows of `alias` of one case type and key with the day in `from…to` (the index's range).
    private func inRange(_ select: SQLSelectBuilder, _ alias: String, caseType: String, key: String, from: LocalDate, to: LocalDate) -> SQLSelectBuilder {
        select.where(SQLColumn("case_type", table: alias), .equal, SQLBind(caseType)).where(SQLColumn("key", table: alias), .equal, SQLBind(key))
            .where(SQLColumn("day", table: alias), .greaterThanOrEqual, SQLBind(from.iso)).where(SQLColumn("day", table: alias), .lessThanOrEqual, SQLBind(to.iso))
    }
}
