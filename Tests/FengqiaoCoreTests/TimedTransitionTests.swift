import Foundation
import Testing
@testable import FengqiaoCore

private func day(_ iso: String) -> LocalDate {
    guard let d = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return d
}

/// Beijing `hour:minute` on `iso`, as Unix seconds.
private func beijing(_ iso: String, _ hour: Int, _ minute: Int) -> Int64 {
    WorkCalendar.endOfDayInstant(day(iso)) - 86_400 + Int64(hour * 3600 + minute * 60)
}

@Suite("Timed transitions in the core (CAL-43)")
struct CoreTimedTransitionTests {
    static let twoWorkdays = TimeLimitRule(2, .workday, from: "test.start", citation: "test")

    @Test("CAL-43 PA-27: a 2-working-day clock from 2025-09-30 is due 2025-10-10 across National Day and runs out at 00:00 on the make-up Saturday 10-11, not a second before")
    func dayClockRunsOutAtMidnight() throws {
        // setup
        let clock = try Clock(start: day("2025-09-30"), rule: Self.twoWorkdays)
        // check
        #expect(clock.dueDate.date == day("2025-10-10"))
        #expect(!TimedTransition.runOut(clock, now: beijing("2025-10-10", 23, 59)))
        #expect(TimedTransition.runOut(clock, now: beijing("2025-10-11", 0, 0) + 1))
    }

    @Test("CAL-43 CAL-31: a suspended clock never fires, however late; once resumed it fires at its moved due date")
    func suspendedNeverFires() throws {
        // setup: suspended 10-09 (the first working day after the holiday), resumed after 10-10
        var clock = try Clock(start: day("2025-09-30"), rule: Self.twoWorkdays)
        try clock.suspend(from: day("2025-10-09"), ground: "检验检测", approver: "u-head")
        // check: still suspended long after the original due date
        #expect(!TimedTransition.runOut(clock, now: beijing("2025-10-20", 9, 0)))
        // act
        try clock.resume(lastSuspendedDay: day("2025-10-10"))
        // check: two working days suspended (10-09, 10-10) move 10-10 to Mon 10-13 (10-11 is a make-up Saturday)
        #expect(clock.dueDate.date == day("2025-10-13"))
        #expect(!TimedTransition.runOut(clock, now: beijing("2025-10-13", 23, 0)))
        #expect(TimedTransition.runOut(clock, now: beijing("2025-10-14", 0, 1)))
    }

    @Test("CAL-43 PLT-03: the system actor holds exactly the timed transition's permissions, in the case's unit only")
    func systemActor() throws {
        // setup
        let unit = UUID()
        let timed = TimedTransition(step: "x", transition: "verify", rule: "T")
        // act
        let actor = try #require(InterviewProcedure.timedActor(timed, unitID: unit))
        // check
        #expect(actor.isSystem)
        #expect(actor.permissions == Set(try #require(InterviewProcedure.transition("verify")).permissions))
        #expect(actor.visibleUnits == [unit])
        #expect(InterviewProcedure.timedActor(TimedTransition(step: "x", transition: "nope", rule: "T"), unitID: unit) == nil)
    }
}
