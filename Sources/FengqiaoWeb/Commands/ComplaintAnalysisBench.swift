import FengqiaoCore
import FengqiaoStore
import Foundation
import SQLKit
import Vapor

/// Issue 14's figure for the monthly analysis (CP-38): the bureau's figures of a month as the page
/// computes them (`ComplaintMonthlyPages.compute`: grouped counts over the dates the procedures
/// declare, `case_dates`) against the same figures by hand-written SQL on the same data (JSON fields
/// read in the database, grouped by unit) — both timed, median of three, and their totals compared;
/// up to 300,000 cases also the figures from every case's facts counted in Swift (the cross-check),
/// timed once.
enum ComplaintAnalysisBench {
    static func run(_ context: CommandContext, store: Store) async throws {
        let today = store.clock.todayInBeijing
        guard let month = ReportPeriod.month(today.year, today.month) else { return }
        let calendar = try await CalendarRepository(store: store).current()
        let cutoff = min(today, ComplaintMonthlyFigures.freezeDay(month, calendar))
        var page: [Double] = [], hand: [Double] = []
        var figures: ComplaintMonthlyFigures?
        var sql: Totals?
        for _ in 0..<3 {
            var t0 = Date()
            figures = try await ComplaintMonthlyPages.compute(store, month: month, asOf: today)
            page.append(Date().timeIntervalSince(t0))
            t0 = Date()
            sql = try await handWritten(store, month: month, cutoff: cutoff)
            hand.append(Date().timeIntervalSince(t0))
        }
        guard let figures, let sql else { return }
        let cases = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("cases").first()?.decode(column: "n", as: Int.self) ?? 0
        if cases <= 300_000 {
            let t0 = Date()
            let facts = try await ComplaintMonthlyPages.computeFromFacts(store, month: month, asOf: today)
            context.console.print(String(format: "monthly analysis from every case's facts in Swift (the cross-check): %.0f ms, figures %@", Date().timeIntervalSince(t0) * 1000,
                                         facts == figures ? "the same as the page's" : "DIFFER from the page's"))
        }
        let all = figures.analysis(in: nil)
        let swift = Totals(complaints: all.current.complaints, reports: all.current.reports, concluded: all.current.concluded,
                           previous: all.previousMonth.complaints + all.previousMonth.reports,
                           lastYear: all.sameMonthLastYear.complaints + all.sameMonthLastYear.reports,
                           units: figures.units.filter { [$0.current, $0.previousMonth, $0.sameMonthLastYear].contains { $0.complaints + $0.reports > 0 } }.count)
        let median = { (xs: [Double]) in xs.sorted()[xs.count / 2] * 1000 }
        context.console.print(String(format: "monthly analysis %@ (CP-38), bureau, %d units: page (counts over case_dates) %.0f ms, hand-written SQL %.0f ms (%.2f×); figures %@ (%@)",
                                     month.key, swift.units, median(page), median(hand), median(page) / max(median(hand), 0.001),
                                     swift == sql ? "the same" : "DIFFER: SQL \(sql)", "\(swift)"))
    }

    struct Totals: Equatable, CustomStringConvertible {
        var complaints = 0, reports = 0, concluded = 0, previous = 0, lastYear = 0, units = 0
        var description: String {
            "投诉\(complaints) 举报\(reports) 办结\(concluded) 上月\(previous) 去年同月\(lastYear) 单位\(units)"
        }
    }

    /// The month's counts per unit in SQL: complaints by competent receipt and reports by receipt in
    /// the month, the month before and the same month a year earlier, and those concluded by `cutoff`.
    static func handWritten(_ store: Store, month: ReportPeriod, cutoff: LocalDate) async throws -> Totals {
        let pg = try SQLSupport.dialect(store.db) == .postgres
        func j(_ path: String) -> String {
            pg ? "(facts::jsonb #>> '{\(path.replacingOccurrences(of: ".", with: ","))}')" : "json_extract(facts, '$.\(path)')"
        }
        let before = month.first.adding(days: -1)
        let previous = ReportPeriod.month(before.year, before.month) ?? month
        let lastYear = month.sameLastYear ?? month
        func within(_ p: ReportPeriod) -> String { "r BETWEEN '\(p.first.iso)' AND '\(p.last.iso)'" }
        func sums(done: String) -> String {
            [month, previous, lastYear].enumerated().map { i, p in
                "SUM(CASE WHEN \(within(p)) THEN 1 ELSE 0 END) AS n\(i), SUM(CASE WHEN \(within(p)) AND \(done) THEN 1 ELSE 0 END) AS d\(i)"
            }.joined(separator: ", ")
        }
        let window = "(\(within(month)) OR \(within(previous)) OR \(within(lastYear)))"
        let complaints = """
            SELECT unit_id, \(sums(done: "c IS NOT NULL AND c <= '\(cutoff.iso)'")) FROM (
              SELECT unit_id, \(j("competentReceiptOn")) AS r,
                CASE WHEN \(j("decision.choice")) = 'reject' THEN \(j("decision.on"))
                     WHEN \(j("termination")) IS NOT NULL THEN \(j("termination.servedOn"))
                     ELSE \(j("ending.on")) END AS c
              FROM cases WHERE case_type = 'complaint') t
            WHERE \(window) GROUP BY unit_id
            """
        let done = "d IS NOT NULL AND d <= '\(cutoff.iso)' AND (rid IS NULL OR (told IS NOT NULL AND told <= '\(cutoff.iso)') OR dd NOT IN ('file', 'not-file'))"
        let reports = """
            SELECT unit_id, \(sums(done: done)) FROM (
              SELECT unit_id, \(j("receivedOn")) AS r, \(j("decision.on")) AS d, \(j("decision.decision")) AS dd,
                \(j("reporterID")) AS rid, \(j("reporterToldOn")) AS told
              FROM cases WHERE case_type = 'report') t
            WHERE \(window) GROUP BY unit_id
            """
        var totals = Totals()
        var units = Set<UUID>()
        for (query, isComplaint) in [(complaints, true), (reports, false)] {
            for row in try await store.sql.raw(SQLQueryString(query)).all() {
                units.insert(try row.decode(column: "unit_id", as: UUID.self))
                func n(_ c: String) throws -> Int { try row.decode(column: c, as: Int?.self) ?? 0 }
                if isComplaint { totals.complaints += try n("n0") } else { totals.reports += try n("n0") }
                totals.concluded += try n("d0")
                totals.previous += try n("n1")
                totals.lastYear += try n("n2")
            }
        }
        totals.units = units.count
        return totals
    }
}
