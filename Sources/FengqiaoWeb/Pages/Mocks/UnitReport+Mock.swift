import Foundation

extension UnitReportModel {
    /// MD-41: October 2025 — 中村所 reported on time, the centre late, 东湖所 not at all; the table side by
    /// side with its sum; the head's own unit still to report; 法制科 yet to consolidate.
    static var mock: Self {
        let table = rows([["项目", "中村市场监管所", "行政调解中心 \(MockData.hostile)", "合计"],
                          ["登记", "3", "1", "4"], ["调解成功率", "66.7%（2/3）", "100.0%（1/1）", "75.0%（3/4）"]])
        return UnitReportModel(
            page: .mock("行政调解统计月报"), titleZH: "行政调解统计月报", rule: "MD-41", consolidatorZH: "法制科", monthKey: "2025-10",
            monthLabel: "2025年10月", months: SelectOption.list([("2025-10", "2025年10月"), ("2025-09", "2025年9月")], selected: "2025-10"),
            action: "/statistics/mediations/reports", unitDue: "2025-11-24", consolidationDue: "2025-11-25",
            statuses: [Status(unit: "中村市场监管所", text: "2025-11-24已报送（按时）", css: "ok", by: "张建国"),
                       Status(unit: "行政调解中心 \(MockData.hostile)", text: "2025-11-25已报送（逾期）", css: "late", by: "郑中心"),
                       Status(unit: "东湖市场监管所", text: "逾期未报送（应于2025-11-24前报送）", css: "overdue", by: "")],
            tableHeader: table.header, tableRows: table.rows, consolidation: nil,
            submission: Submission(unit: "东湖市场监管所", figures: [Cell(label: "登记", value: "2"), Cell(label: "调解成功率", value: "—（0/0）")]),
            submitAction: "/statistics/mediations/reports/submit", canConsolidate: true, consolidateAction: "/statistics/mediations/reports/consolidate",
            consolidateConfirm: "尚有1个单位未报送（东湖市场监管所），汇总后将注明未报送单位且不可更改。确定汇总上报吗？",
            downloads: [Link(label: "导出 XLSX", href: "/statistics/mediations/reports?month=2025-10&format=xlsx")])
    }
}
