import FengqiaoCore
import Foundation

/// A procedure's weekly meeting for one week (weekly_meeting.mustache, MD-45): the week's meeting day
/// (moved off a holiday Monday, or none in a week without a working day), the pack — each person's
/// work of the week before and the items overdue on the meeting day — and the meeting as recorded,
/// or the form to record it.
struct WeeklyMeetingModel {
    struct Person { let name: String; let steps: String; let cases: String; let overdue: [String] }
    struct Record { let heldOn: String; let time: String; let minutes: String; let chair: String; let recorder: String; let attendees: String; let text: String }
    struct Form {
        let action: String
        let week: String
        let heldOn: String
        let startTime: String
        let minutes: String
        let chairs: [SelectOption]
        let recorders: [SelectOption]
        let attendees: String
        let record: String
    }

    let page: PageChrome
    let titleZH: String
    let rule: String
    let unitName: String
    let weekLabel: String
    /// The day, e.g. `2026-10-08 星期四`; nil when the week has no working day.
    let meetingDay: String?
    /// Why the day is not the Monday, when it is not.
    let movedNote: String?
    let reviewedLabel: String
    let previousHref: String
    let nextHref: String
    let people: [Person]
    let record: Record?
    let form: Form?
    let errors: [String]

    /// One person's row of the pack.
    static func person(_ e: WeeklyMeetingPackEntry) -> Person {
        Person(name: e.name, steps: e.steps == 0 ? "无" : "\(e.steps)个办理步骤",
               cases: e.cases.isEmpty ? "—" : e.cases.joined(separator: "、"),
               overdue: e.overdue.map { "\($0.caseNumber) \($0.stepZH)（应于\($0.due.iso)前完成）" })
    }

    /// `2026-10-05（星期一）至 2026-10-11（星期日）`.
    static func weekLabel(_ monday: LocalDate) -> String {
        "\(monday.iso)（星期一）至 \(monday.adding(days: 6).iso)（星期日）"
    }

    /// MD-45's note when the Monday is a rest day: moved to the week's first working day, or no meeting.
    static func movedNote(monday: LocalDate, day: LocalDate?) -> String? {
        guard day != monday else { return nil }
        guard let day else { return "本周没有工作日，不召开例会（MD-45）。" }
        return "星期一（\(monday.iso)）为休息日，例会顺延至本周第一个工作日 \(day.iso)（\(day.weekdayZH)）（MD-45）。"
    }
}
