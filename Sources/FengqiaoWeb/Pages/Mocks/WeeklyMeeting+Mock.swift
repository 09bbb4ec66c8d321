import FengqiaoCore
import Foundation

extension WeeklyMeetingModel {
    /// MD-45: the week of the 2026 National Day — Monday 10-05 a rest day, the meeting moved to Thursday
    /// 10-08; two people, one with an overdue revisit; the form still to fill.
    static var mock: Self {
        WeeklyMeetingModel(
            page: .mock("行政调解中心周例会"), titleZH: "行政调解中心周例会", rule: "MD-45", unitName: "行政调解中心",
            weekLabel: weekLabel(LocalDate(iso: "2026-10-05")!), meetingDay: "2026-10-08 星期四",
            movedNote: movedNote(monday: LocalDate(iso: "2026-10-05")!, day: LocalDate(iso: "2026-10-08")!),
            reviewedLabel: "2026-09-28至2026-10-04", previousHref: "/statistics/mediations/weekly-meetings?week=2026-09-28",
            nextHref: "/statistics/mediations/weekly-meetings?week=2026-10-12",
            people: [Person(name: "郑中心 \(MockData.hostile)", steps: "3个办理步骤", cases: "TJZX-MD-2026-0012、TJZX-MD-2026-0015",
                            overdue: ["TJZX-MD-2026-0009 回访（应于2026-09-30前完成）"]),
                     Person(name: "吴调解", steps: "无", cases: "—", overdue: [])],
            record: nil,
            form: Form(action: "/statistics/mediations/weekly-meetings", week: "2026-10-05", heldOn: "2026-10-08", startTime: "08:30", minutes: "45",
                       chairs: [SelectOption(value: "", label: "请选择", selected: true), SelectOption(value: "a", label: "郑中心", selected: false)],
                       recorders: [SelectOption(value: "", label: "请选择", selected: true), SelectOption(value: "b", label: "吴调解", selected: false)],
                       attendees: "郑中心、吴调解", record: ""),
            errors: [])
    }
}
