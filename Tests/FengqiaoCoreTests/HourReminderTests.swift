@testable import FengqiaoCore
import Foundation
import Testing

/// CAL-13 in reminders and the worklist: an hour clock is judged at the instant, not by the date.
@Suite("Hour clocks in reminders and worklists (CAL-13, CAL-40, CAL-41)")
struct HourReminderTests {
    static func beijing(_ iso: String, _ hour: Int, _ minute: Int) throws -> Int64 {
        WorkCalendar.endOfDayInstant(try #require(LocalDate(iso: iso))) - 86_400 + Int64(hour * 3600 + minute * 60)
    }

    @Test("CAL-13 CAL-41 an urgent interview served 2025-09-30 08:00 is red at 2025-10-01 09:00 (a holiday) in the reminder ladder and the worklist, not orange until the next day")
    func overdueUrgentIsRedAtTheInstant() throws {
        // setup: 24 hours from 09-30 08:00 → due 10-01 08:00, not rolled over the National Day holiday
        let rule = try #require(ShippedRuleSets.interview.rule("interviewUrgent"))
        let clock = try Clock(startAt: try Self.beijing("2025-09-30", 8, 0), rule: rule)
        let now = try Self.beijing("2025-10-01", 9, 0)
        let today = WorkCalendar.beijingDate(ofInstant: now)
        let c = WorkCase(id: UUID(), number: "ZC-IV-2025-0001", title: "紧急约谈", caseType: "interview", state: "interview", gravity: .ordinary, handlerID: nil)
        // act
        let stage = ReminderPlan.stage(for: clock, today: today, now: now)
        let owed = ReminderPlan.owed(for: clock, today: today, sent: .dueDay, now: now)
        let item = Worklist.item(c, stateNameZH: "实施约谈", clocks: [("interviewUrgent", clock)], today: today, warningWindow: 2, now: now)
        // check: one hour past the due instant — red; by the date alone it would still be orange
        #expect(ReminderPlan.stage(for: clock, today: today) == .dueDay)
        #expect(stage == .red)
        #expect(owed == .red)
        #expect(item.signal == .red)
        // an hour before the due instant it is orange (due today), not red
        let early = try Self.beijing("2025-10-01", 7, 0)
        #expect(ReminderPlan.stage(for: clock, today: today, now: early) == .dueDay)
        #expect(Worklist.item(c, stateNameZH: "实施约谈", clocks: [("interviewUrgent", clock)], today: today, warningWindow: 2, now: early).signal == .orange)
    }
}
