import FengqiaoCore
import FengqiaoDocuments
import Foundation

/// The monthly analysis page (complaint-monthly.mustache), its downloads and the DOCX 月度分析报告:
/// one set of tables for all of them, built from the figures of the units the user sees (ST-05).
struct ComplaintMonthlyModel {
    /// A cell with its column's name, so a phone names the column (`data-label`).
    struct Cell { let label: String; let value: String }
    struct Row { let cells: [Cell] }
    struct Table {
        let id: String; let title: String; let header: [String]; let body: [Row]
        var rows: [[String]] { [header] + body.map { $0.cells.map(\.value) } }
        init(id: String, title: String, header: [String], body: [[String]]) {
            self.id = id
            self.title = title
            self.header = header
            self.body = body.map { r in Row(cells: r.enumerated().map { Cell(label: $0.offset < header.count ? header[$0.offset] : "", value: $0.element) }) }
        }
    }

    let page: PageChrome
    let monthKey: String
    let monthLabel: String
    let asOf: String
    let freezesOn: String
    /// CP-38: stored on the freeze day; later changes to cases do not alter it.
    let frozen: Bool
    let tables: [Table]
    let action: String
    let months: [SelectOption]
    let xlsxHref: String
    let csvHref: String
    let docxHref: String

    init(page: PageChrome, figures: ComplaintMonthlyFigures, frozen: Bool, scope: Set<UUID>?, unitName: (UUID) -> String,
         categoryName: (String) -> String, action: String) {
        self.page = page
        monthKey = figures.month.key
        monthLabel = figures.month.labelZH
        asOf = figures.asOf.iso
        freezesOn = figures.freezesOn.iso
        self.frozen = frozen
        let analysis = figures.analysis(in: scope)
        let counts = analysis.rows()
        var tables = [Table(id: "counts", title: "数量", header: counts[0], body: Array(counts.dropFirst()))]
        let categories = figures.categoryRows(in: scope, name: categoryName)
        tables.append(Table(id: "types", title: "类型", header: categories[0], body: Array(categories.dropFirst())))
        let channels = figures.channelRows(in: scope)
        tables.append(Table(id: "channels", title: "结构（渠道）", header: channels[0], body: Array(channels.dropFirst())))
        tables.append(Table(id: "units", title: "结构（承办单位）", header: ["承办单位", "投诉", "举报", "办结", "办结率"],
                            body: figures.rows(in: scope).map { row in
                                let all = row.current.complaints + row.current.reports
                                return [unitName(row.unitID), String(row.current.complaints), String(row.current.reports), String(row.current.concluded),
                                        all == 0 ? "—" : IndicatorFormat.format(Double(row.current.concluded) / Double(all), .ratio)]
                            }.sorted { $0[0] < $1[0] }))
        let change = { (now: Int, base: Int) in ComplaintMonthlyAnalysis.signed(ComplaintMonthlyAnalysis.change(now, base)) }
        let c = analysis.current, y = analysis.sameMonthLastYear, p = analysis.previousMonth
        tables.append(Table(id: "yoy", title: "同比", header: ["类型", "本月", "去年同月", "同比"],
                            body: [["投诉", String(c.complaints), String(y.complaints), change(c.complaints, y.complaints)],
                                   ["举报", String(c.reports), String(y.reports), change(c.reports, y.reports)]]))
        tables.append(Table(id: "mom", title: "环比", header: ["类型", "本月", "上月", "环比"],
                            body: [["投诉", String(c.complaints), String(p.complaints), change(c.complaints, p.complaints)],
                                   ["举报", String(c.reports), String(p.reports), change(c.reports, p.reports)]]))
        self.tables = tables
        self.action = action
        let query = "\(action)?month=\(figures.month.key)"
        xlsxHref = query + "&format=xlsx"
        csvHref = query + "&format=csv"
        docxHref = query + "&format=docx"
        let last = figures.month.last.adding(days: 62)
        months = ReportPeriod.months(endingWith: last, count: 15).reversed().map {
            SelectOption(value: $0.key, label: $0.labelZH, selected: $0.key == figures.month.key)
        }
    }

    /// The 月度分析报告 (complaints.md step 12): the same tables, GB/T 9704 layout.
    func document() -> RenderedDocument {
        TablesDocument.render(code: "CP-MONTHLY", nameZH: "投诉举报月度分析报告", typeWord: "析",
                              heading: [("统计月份", monthLabel), ("数据截至", asOf + "；" + (frozen ? "已定稿（\(freezesOn)）" : "未定稿，数据截至\(asOf)"))],
                              tables: tables.map { ($0.title, $0.rows) }, date: asOf)
    }
}
