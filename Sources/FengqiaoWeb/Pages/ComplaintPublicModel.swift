import FengqiaoCore
import FengqiaoDocuments
import Foundation

/// The quarterly public statistics page (complaint-public.mustache), its downloads and the DOCX
/// 统计分析报告 (CP-39): one set of tables for all of them, counts only — no names, numbers or
/// addresses, small breakdown cells merged (`ComplaintPublicFigures.smallCell`).
struct ComplaintPublicModel {
    typealias Table = ComplaintMonthlyModel.Table

    let page: PageChrome
    let quarterKey: String
    let quarterLabel: String
    let asOf: String
    /// CP-39: published (and frozen) on this day; nil while unpublished.
    let publishedOn: String?
    /// Stored, not computed: the template reads the model by reflection (ViewTree).
    let published: Bool
    let canPublish: Bool
    let tables: [Table]
    let action: String
    let publishAction: String
    let years: [SelectOption]
    let quarters: [SelectOption]
    let xlsxHref: String
    let csvHref: String
    let docxHref: String
    let smallCell: Int

    init(page: PageChrome, figures: ComplaintPublicFigures, publishedOn: LocalDate?, categoryName: (String) -> String, canPublish: Bool, today: LocalDate) {
        self.page = page
        let q = figures.quarter
        quarterKey = q.key
        quarterLabel = q.labelZH
        asOf = figures.asOf.iso
        self.publishedOn = publishedOn?.iso
        published = publishedOn != nil
        self.canPublish = canPublish
        let summary = figures.summaryRows(), channels = figures.channelRows(), categories = figures.categoryRows(name: categoryName)
        let yoy = figures.yearOnYearRows()
        tables = [Table(id: "summary", title: "总体情况", header: summary[0], body: Array(summary.dropFirst())),
                  Table(id: "yoy", title: "同比", header: yoy[0], body: Array(yoy.dropFirst())),
                  Table(id: "channels", title: "投诉来源渠道", header: channels[0], body: Array(channels.dropFirst())),
                  Table(id: "categories", title: "举报违法行为类别", header: categories[0], body: Array(categories.dropFirst()))]
        action = SiteURL.complaintPublic.path
        publishAction = SiteURL.complaintPublicPublish.path
        let query = "\(action)?period=\(q.key)"
        xlsxHref = query + "&format=xlsx"
        csvHref = query + "&format=csv"
        docxHref = query + "&format=docx"
        years = (max(2000, today.year - 5)...today.year).reversed().map { SelectOption(value: String($0), label: "\($0)年", selected: $0 == q.year) }
        quarters = ["一", "二", "三", "四"].enumerated().map { SelectOption(value: String($0.offset + 1), label: "第\($0.element)季度", selected: $0.offset + 1 == q.index) }
        smallCell = ComplaintPublicFigures.smallCell
    }

    /// The 统计分析报告 (complaints.md step 13): the same tables, GB/T 9704 layout.
    func document() -> RenderedDocument {
        TablesDocument.render(code: "CP-PUBLIC", nameZH: "投诉举报统计分析报告", typeWord: "析",
                              heading: [("统计期间", quarterLabel), ("数据截至", asOf + "；" + (publishedOn.map { "已于\($0)发布" } ?? "未发布"))],
                              tables: tables.map { ($0.title, $0.rows) }, date: publishedOn ?? asOf)
    }
}
