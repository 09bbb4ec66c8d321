import FengqiaoCore
import Foundation

extension PeriodicRecordsModel {
    /// MD-44: 2026 — the first half's 联席会议 recorded, the second half's pending, the Q4 inspection
    /// missed (shown on 2027-01-04); the form for what is left, a refusal kept beside what was typed.
    static var mock: Self {
        PeriodicRecordsModel(
            page: .mock("行政调解年度工作记录"), title: "行政调解年度工作记录", year: 2026,
            years: SelectOption.list([("2026", "2026年"), ("2025", "2025年")], selected: "2026"), action: "/statistics/mediations/yearly-records",
            rows: [Row(title: "上半年行政调解联席会议", rule: "MD-44", window: "2026-01-01至2026-06-30", status: "已记录（2026-06-15）", css: "ok",
                       attendees: "孙局长、郑中心 \(MockData.hostile)", note: "汇报上半年调解工作"),
                   Row(title: "下半年行政调解联席会议", rule: "MD-44", window: "2026-07-01至2026-12-31", status: "逾期未记录", css: "overdue", attendees: "", note: ""),
                   Row(title: "第四季度行政调解工作检查", rule: "MD-44", window: "2026-10-01至2026-12-31", status: "逾期未记录", css: "overdue", attendees: "", note: "")],
            pending: SelectOption.list([("jointMeetingH2", "下半年行政调解联席会议"), ("inspection", "第四季度行政调解工作检查")], selected: "inspection"),
            heldOn: "2026-12-20", attendees: "市政府法制办检查组", note: "", errors: ["请填写会议或检查情况（MD-44）"])
    }
}
