@testable import FengqiaoCore
import Foundation
import Testing

/// MD-45: the weekly meeting's day around holidays and what its record must hold.
@Suite("Weekly meeting (MD-45)")
struct WeeklyMeetingTests {
    static let rule = MediationProcedure.module.weeklyMeeting!
    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
    static func meetingDay(_ iso: String) -> String? { WeeklyMeeting.day(inWeekOf: day(iso), calendar: .shipped)?.iso }

    @Test("MD-45: an ordinary Monday holds it (Mon 2026-12-07, asked from Wed 12-09); a holiday Monday moves it to the week's first working day — Thu 2026-10-08 after the National Day, Thu 2025-10-09 in 2025, Tue 2026-02-24 after the Spring Festival; the Spring Festival week of 2026-02-16 has no working day and no meeting")
    func days() {
        #expect(Self.meetingDay("2026-12-09") == "2026-12-07")
        #expect(Self.meetingDay("2026-10-05") == "2026-10-08")
        #expect(Self.meetingDay("2025-10-11") == "2025-10-09")
        #expect(Self.meetingDay("2026-02-23") == "2026-02-24")
        #expect(Self.meetingDay("2026-02-16") == nil && Self.meetingDay("2026-02-22") == nil)
        #expect(WeeklyMeeting.reviewed(before: Self.day("2026-12-07")) == Self.day("2026-11-30")...Self.day("2026-12-06"))
        #expect(Self.rule.rule == "MD-45" && Self.rule.minutes == 30...60)
    }

    static let chair = UUID(), recorder = UUID()

    static func check(heldOn: String = "2026-10-08", time: String = "08:30", minutes: String = "45", chair: UUID? = Self.chair, recorder: UUID? = Self.recorder,
                      record: String = "逐人听取上周工作") -> [String] {
        switch WeeklyMeetingRecord.validate(week: day("2026-10-07"), heldOn: heldOn, startTime: time, minutes: minutes, chair: chair?.uuidString,
                                            recorder: recorder?.uuidString, attendees: "郑中心、吴调解", record: record, rule: rule,
                                            people: [Self.chair, Self.recorder], today: day("2026-10-09"), calendar: .shipped) {
        case let .success(m):
            #expect(m.week == day("2026-10-05") && m.minutes == 45 && m.chairID == Self.chair)
            return []
        case let .failure(e): return e.fields.map(\.code)
        }
    }

    @Test("MD-45: the record of the week of 2026-10-05 — held Thu 10-08 at 08:30 for 45 minutes is kept; 20 or 90 minutes, an afternoon start, the rest day 10-05, a day of another week or after today, the chair recording, a stranger chairing, no record — each refused with its code")
    func validation() {
        #expect(Self.check().isEmpty)
        #expect(Self.check(minutes: "20") == ["meeting.minutes.range"] && Self.check(minutes: "90") == ["meeting.minutes.range"])
        #expect(Self.check(minutes: "六十") == ["meeting.minutes.range"])
        #expect(Self.check(time: "14:00") == ["meeting.time.morning"] && Self.check(time: "8点") == ["meeting.time.morning"])
        #expect(Self.check(heldOn: "2026-10-05") == ["meeting.day.rest"])
        #expect(Self.check(heldOn: "2026-10-12") == ["meeting.day.other-week", "meeting.day.future"])
        #expect(Self.check(heldOn: "2026-10-09").isEmpty)
        #expect(Self.check(recorder: Self.chair) == ["meeting.recorder.chair"])
        #expect(Self.check(chair: UUID()) == ["meeting.chair.required"])
        #expect(Self.check(record: " ") == ["meeting.record.required"])
    }
}
