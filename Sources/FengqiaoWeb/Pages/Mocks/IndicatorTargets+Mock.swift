import Foundation

extension IndicatorTargetsModel {
    /// statistics.md "targets configurable", ST-10: the interview's targets for 2025 — coverage set to
    /// 85 % by the main leader, rectification refused as typed (text, with its error), the rest by
    /// default, and the annual weight 15 %.
    static var mock: Self {
        IndicatorTargetsModel(
            page: .mock("行政约谈考核目标"), procedureName: "行政约谈", year: 2025,
            years: SelectOption.list([("2026", "2026年"), ("2025", "2025年"), ("2024", "2024年")], selected: "2025"),
            action: "/statistics/interviews/targets", saveAction: "/statistics/interviews/targets?year=2025",
            statisticsHref: "/statistics/interviews?period=2025",
            rows: [
                Row(field: "coverage", name: "重点领域约谈覆盖率", measure: "百分比（%）", unit: "%", standard: "80.0%", value: "85", inForce: "85.0%",
                    source: "本年度设定（王局长）", error: nil),
                Row(field: "rectification", name: "整改完成率", measure: "百分比（%）", unit: "%", standard: "90.0%", value: MockData.hostile, inForce: "90.0%",
                    source: "默认", error: "整改完成率的目标应为数字，如 85（即85%）（ST-10）"),
                Row(field: "satisfaction", name: "回访满意度", measure: "分（0至100）", unit: "分", standard: "95.0", value: "", inForce: "95.0",
                    source: "默认", error: nil),
                Row(field: "start-timeliness", name: "约谈启动及时率（15个工作日内）", measure: "百分比（%）", unit: "%", standard: "无", value: "",
                    inForce: "—", source: "默认", error: nil),
            ],
            weight: Row(field: "annualWeight", name: "计入年度考核的权重", measure: "百分比（%）", unit: "%", standard: "15.0%", value: "", inForce: "15.0%",
                        source: "默认", error: nil),
            errors: ["整改完成率的目标应为数字，如 85（即85%）（ST-10）"])
    }
}
