import FengqiaoCore
import FengqiaoStore
import Foundation
import SQLKit
import Vapor

/// Issue 15's figure for the monthly 台帐 (MD-41): a bureau's monthly report as the pages make it —
/// each reporting unit's figures (`UnitReportPages.figures`: counted in the database as the
/// procedure's ledger says, the cases concluded or falling due read whole), added up as 法制科's
/// consolidation does — against the
/// same counts by hand-written SQL on the same data (JSON fields read in the database, grouped by
/// unit); both timed, median of three, and their totals compared.
enum MediationLedgerBench {
    /// The counts compared: the 台帐's registrations, acceptances, dispatches, major disputes and conclusions.
    static let keys = ["registered", "accepted", "dispatched", "major", "agreement", "withdrawn"]

    static func run(_ context: CommandContext, store: Store) async throws {
        let today = store.clock.todayInBeijing
        guard let month = ReportPeriod.month(today.year, today.month) else { return }
        let units = try await store.sql.select().distinct().column("unit_id").from("cases").where("case_type", .equal, SQLBind(MediationProcedure.caseType)).all()
            .map { try $0.decode(column: "unit_id", as: UUID.self) }
        guard !units.isEmpty else { return }
        var page: [Double] = [], hand: [Double] = []
        var swift: [String: Int] = [:], sql: [String: Int] = [:]
        for _ in 0..<3 {
            var t0 = Date()
            let due = MonthlyReportDue(period: month, unit: DueDate(date: today, provisional: false), consolidation: DueDate(date: today, provisional: false))
            let figures = try await UnitReportPages<MediationProcedure>.figures(store, units: units, month: month, asOf: today)
            let reports = units.compactMap { unit in
                figures[unit].map { UnitReport.from($0, unitID: unit, unitName: "", submittedOn: today, submittedBy: "bench", due: due) }
            }
            let sum = ConsolidatedReport.consolidate(reports, missing: [], due: due, on: today, by: "bench")
            page.append(Date().timeIntervalSince(t0))
            swift = Dictionary(uniqueKeysWithValues: keys.map { k in (k, Int(sum.figures.first { $0.key == k }?.value ?? 0)) })
            t0 = Date()
            sql = try await handWritten(store, month: month)
            hand.append(Date().timeIntervalSince(t0))
        }
        let median = { (xs: [Double]) in xs.sorted()[xs.count / 2] * 1000 }
        let shown = keys.map { "\($0) \(swift[$0] ?? 0)" }.joined(separator: ", ")
        context.console.print(String(format: "mediation 台帐 %@ (MD-41), bureau, %d units: pages (counted by the ledger, the concluded and due cases read) %.0f ms, hand-written SQL %.0f ms (%.2f×); counts %@ (%@)",
                                     month.key, units.count, median(page), median(hand), median(page) / max(median(hand), 0.001),
                                     swift == sql ? "the same" : "DIFFER: SQL \(sql)", shown))
    }

    /// The month's counts in one grouped query: each date read from the facts in the database.
    static func handWritten(_ store: Store, month: ReportPeriod) async throws -> [String: Int] {
        let pg = try SQLSupport.dialect(store.db) == .postgres
        func j(_ path: String) -> String {
            pg ? "(facts::jsonb #>> '{\(path.replacingOccurrences(of: ".", with: ","))}')" : "json_extract(facts, '$.\(path)')"
        }
        func within(_ column: String) -> String { "CASE WHEN \(column) BETWEEN '\(month.first.iso)' AND '\(month.last.iso)' THEN 1 ELSE 0 END" }
        let query = """
            SELECT SUM(\(within("r"))) AS registered, SUM(\(within("a"))) AS accepted, SUM(\(within("d"))) AS dispatched, SUM(\(within("m"))) AS major,
              SUM(CASE WHEN o = 'agreement' THEN \(within("e")) ELSE 0 END) AS agreement, SUM(CASE WHEN o = 'withdrawn' THEN \(within("e")) ELSE 0 END) AS withdrawn
            FROM (SELECT \(j("registeredOn")) AS r, \(j("acceptedOn")) AS a, \(j("dispatch.approvedOn")) AS d, \(j("major.on")) AS m,
                    \(j("ending.on")) AS e, \(j("ending.outcome")) AS o
                  FROM cases WHERE case_type = 'mediation') t
            """
        guard let row = try await store.sql.raw(SQLQueryString(query)).first() else { return [:] }
        return Dictionary(uniqueKeysWithValues: try keys.map { k in (k, try row.decode(column: k, as: Int?.self) ?? 0) })
    }
}
