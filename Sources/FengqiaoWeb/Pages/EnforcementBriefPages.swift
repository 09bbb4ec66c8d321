import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import Vapor

/// The enforcement brief for the monthly 碰头会 (complaints.md, Statistics: Enforcement; `EnforcementBrief`)
/// at `/statistics/enforcement/brief?period=2025-09` (a month, quarter, half-year or year; default last
/// month), over the units the reader sees, with XLSX, CSV and DOCX downloads — and no quota, target or
/// 预算完成率 column (CP-34).
enum EnforcementBriefPages {
    static let path = "/statistics/enforcement/brief"

    struct Model {
        let page: PageChrome
        let periodKey: String
        let periodLabel: String
        let through: String
        let tables: [ComplaintMonthlyModel.Table]
        let xlsxHref: String
        let csvHref: String
        let docxHref: String
        let empty: Bool
    }

    static func period(_ req: Request) throws -> ReportPeriod {
        guard let raw = req.query[String.self, at: "period"], !raw.isEmpty else {
            let today = req.store.clock.todayInBeijing
            let last = LocalDate(ordinal: today.ordinal - today.day)
            return ReportPeriod.month(last.year, last.month)!
        }
        guard let p = ReportPeriod(key: raw) else {
            throw DomainError.invalid([FieldError(field: "period", rule: "ST-01", code: "statistics.period.invalid", messageZH: "统计期间格式应为 2025、2025-Q3 或 2025-09")])
        }
        return p
    }

    /// The brief's rows split into its sections: each section's first row is its header.
    static func sections(_ brief: EnforcementBrief) -> [ComplaintMonthlyModel.Table] {
        var groups: [[[String]]] = [[]]
        for row in brief.table().dropFirst(2) {
            if row.isEmpty { groups.append([]) } else { groups[groups.count - 1].append(row) }
        }
        // The first section is the totals; the others are titled by their first header cell (大要案, 按案件类别, 按单位).
        return groups.filter { !$0.isEmpty }.enumerated().map { i, rows in
            ComplaintMonthlyModel.Table(id: "brief-\(i)", title: i == 0 ? "总体情况" : rows[0][0], header: rows[0], body: Array(rows.dropFirst()))
        }
    }

    static func model(_ req: Request) async throws -> Model {
        let actor = try req.actor()
        try actor.require(.statisticsRead)
        let p = try period(req)
        let today = req.store.clock.todayInBeijing
        let through = min(p.last, today)
        // Cases closed before the period can still have payments in it: read every case of the visible units.
        let cases = try await StatisticsRepository(store: req.store).cases(EnforcementProcedure.self, units: actor.visibleUnits,
                                                                         from: LocalDate(year: 2000, month: 1, day: 1)!)
        let tree = try await req.unitTree()
        let brief = EnforcementBrief(period: p, through: through, entries: cases.map {
            EnforcementBrief.Entry(unitName: tree.units[$0.procedureCase.unitID]?.name ?? "（已撤销的单位）", facts: $0.procedureCase.facts)
        })
        let query = "\(path)?period=\(p.key)"
        return Model(page: PageChrome(request: req, title: "执法办案简报"), periodKey: p.key, periodLabel: p.labelZH, through: through.chinese,
                     tables: sections(brief), xlsxHref: query + "&format=xlsx", csvHref: query + "&format=csv", docxHref: query + "&format=docx",
                     empty: brief.handled == 0 && brief.closed == 0 && brief.collectedFen == 0)
    }

    static func page(_ req: Request) async throws -> Response {
        let model = try await model(req)
        let name = "执法办案简报-\(model.periodKey)"
        let tables = model.tables.map { (title: $0.title, rows: $0.rows) }
        return try TablesDownload.response(format: req.query[String.self, at: "format"], name: name, tables: tables) {
            TablesDocument.render(code: "PN-BRIEF", nameZH: "执法办案简报", typeWord: "报", heading: [("统计期间", model.periodLabel), ("数据截至", model.through)],
                                  tables: tables, date: model.through)
        } ?? render(req, "enforcement-brief", model)
    }

    static func boot(web: any RoutesBuilder) {
        web.get("statistics", "enforcement", "brief", use: page).access(.permission(.statisticsRead))
    }
}
