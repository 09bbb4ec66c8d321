import FengqiaoCore
import Foundation
import SQLKit

/// The days and values a case's statistics count it by (`Procedure.statisticDates`,
/// `Procedure.statisticKeys`, migration 033), kept with every write of the case — opening,
/// transition (a move included: the rows carry the unit now handling it) and facts written outside a
/// transition — in that write's transaction. Generic: the procedure says what, the store keeps it.
public enum CaseStatistics {
    /// Replaces the case's rows with those of `facts` in `unitID`; `replacing`: the case may have rows already.
    static func write<P: Procedure>(_ sql: any SQLDatabase, _ p: P.Type, caseID: UUID, unitID: UUID, facts: P.Facts, replacing: Bool) async throws {
        let dates = P.statisticDates(facts), tags = P.statisticKeys(facts)
        if replacing {
            try await sql.delete(from: "case_dates").where("case_id", .equal, SQLBind(caseID)).run()
            try await sql.delete(from: "case_tags").where("case_id", .equal, SQLBind(caseID)).run()
        }
        try await SQLSupport.bulkInsert(sql, into: "case_dates", columns: dateColumns, rows: dateRows(P.caseType, caseID: caseID, unitID: unitID, dates, tags))
        try await SQLSupport.bulkInsert(sql, into: "case_tags", columns: tagColumns, rows: tagRows(P.caseType, caseID: caseID, tags))
    }

    /// A transition's write: only when the dates, the values or the unit changed.
    static func update<P: Procedure>(_ sql: any SQLDatabase, _ p: P.Type, caseID: UUID, from: (unit: UUID, facts: P.Facts), to: (unit: UUID, facts: P.Facts)) async throws {
        guard from.unit != to.unit || P.statisticDates(from.facts) != P.statisticDates(to.facts) || P.statisticKeys(from.facts) != P.statisticKeys(to.facts)
        else { return }
        try await write(sql, p, caseID: caseID, unitID: to.unit, facts: to.facts, replacing: true)
    }

    public static let dateColumns = ["case_id", "case_type", "unit_id", "key", "day", "pair_key", "pair_value"]
    public static let tagColumns = ["case_id", "case_type", "key", "value"]

    /// The `case_dates` and `case_tags` rows of a case written in bulk (the bench's seeded cases).
    public static func bulkRows<P: Procedure>(_ p: P.Type, caseID: UUID, unitID: UUID, facts: P.Facts) -> (dates: [[BulkValue]], tags: [[BulkValue]]) {
        (dateRows(P.caseType, caseID: caseID, unitID: unitID, P.statisticDates(facts), P.statisticKeys(facts)), tagRows(P.caseType, caseID: caseID, P.statisticKeys(facts)))
    }

    /// The `case_dates` rows of one case: each date's own row (empty `pair_key`), and beside it a row per
    /// other date (`date:K`) and per value (`tag:K`) of the case, so a count needs no join (migration 033).
    static func dateRows(_ caseType: String, caseID: UUID, unitID: UUID, _ dates: [String: LocalDate], _ tags: [String: String]) -> [[BulkValue]] {
        let pairs = dates.sorted { $0.key < $1.key }.map { ("date:" + $0.key, $0.key, $0.value.iso) } + tags.sorted { $0.key < $1.key }.map { ("tag:" + $0.key, "", $0.value) }
        return dates.sorted { $0.key < $1.key }.flatMap { key, day in
            let row: (String, String) -> [BulkValue] = { [.uuid(caseID), .text(caseType), .uuid(unitID), .text(key), .text(day.iso), .text($0), .text($1)] }
            return [row("", "")] + pairs.filter { $0.1 != key }.map { row($0.0, $0.2) }
        }
    }

    static func tagRows(_ caseType: String, caseID: UUID, _ tags: [String: String]) -> [[BulkValue]] {
        tags.sorted { $0.key < $1.key }.map { [.uuid(caseID), .text(caseType), .text($0.key), .text($0.value)] }
    }

    /// Migration 033: the rows of every existing case of `p`, its facts decoded a page at a time.
    static func backfill(_ p: any Procedure.Type, on sql: any SQLDatabase) async throws {
        try await backfillTyped(p, on: sql)
    }

    private static func backfillTyped<P: Procedure>(_ p: P.Type, on sql: any SQLDatabase) async throws {
        let decoder = JSONDecoder()
        var after: UUID?
        while true {
            var q = sql.select().columns("id", "unit_id", "facts").from("cases").where("case_type", .equal, SQLBind(P.caseType))
            if let after { q = q.where("id", .greaterThan, SQLBind(after)) }
            let rows = try await q.orderBy("id").limit(1_000).all()
            guard let last = rows.last else { return }
            after = try last.decode(column: "id", as: UUID.self)
            var dates: [[BulkValue]] = [], tags: [[BulkValue]] = []
            for r in rows {
                guard let text = try r.decode(column: "facts", as: String?.self), let facts = try? decoder.decode(P.Facts.self, from: Data(text.utf8)) else { continue }
                let id = try r.decode(column: "id", as: UUID.self), unit = try r.decode(column: "unit_id", as: UUID.self)
                dates += dateRows(P.caseType, caseID: id, unitID: unit, P.statisticDates(facts), P.statisticKeys(facts))
                tags += tagRows(P.caseType, caseID: id, P.statisticKeys(facts))
            }
            try await SQLSupport.bulkInsert(sql, into: "case_dates", columns: dateColumns, rows: dates)
            try await SQLSupport.bulkInsert(sql, into: "case_tags", columns: tagColumns, rows: tags)
        }
    }
}
