@testable import FengqiaoCore
import Testing

@Suite("Reminders and cards (CAL-41, CAL-42)")
struct RemindersTests {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    // Inspection: 5 working days from 2025-09-26 → due 2025-10-10 (09-28 and 10-11 are make-up days).
    static let clock = try! Clock(start: d("2025-09-26"), rule: TimeLimitRule(5, .workday, from: "x", citation: "test"))

    @Test("CAL-41 the ladder across the 2025 National Day: yellow, due day, red, leader on the third red working day",
          arguments: [("2025-09-29", ReminderStage.started), ("2025-09-30", .yellow), ("2025-10-05", .yellow), ("2025-10-09", .yellow),
                      ("2025-10-10", .dueDay), ("2025-10-11", .red), ("2025-10-12", .red), ("2025-10-13", .red), ("2025-10-14", .leader)])
    func ladder(_ day: String, _ expected: ReminderStage) {
        #expect(Self.clock.dueDate(asOf: Self.d(day)).date == Self.d("2025-10-10"))
        #expect(ReminderPlan.stage(for: Self.clock, today: Self.d(day)) == expected)
    }

    @Test("CAL-41 each stage is owed once; a clock that jumped stages gets only the newest; an ended step owes nothing")
    func owed() {
        #expect(ReminderPlan.owed(for: Self.clock, today: Self.d("2025-09-30"), sent: .started) == .yellow)
        #expect(ReminderPlan.owed(for: Self.clock, today: Self.d("2025-09-30"), sent: .yellow) == nil)
        #expect(ReminderPlan.owed(for: Self.clock, today: Self.d("2025-10-14"), sent: .started) == .leader)
        #expect(ReminderPlan.owed(for: Self.clock, today: Self.d("2025-10-14"), sent: .started, ended: Self.d("2025-10-13")) == nil)
        #expect(ReminderStage.red.recipients == [.handler, .unitHead])
        #expect(ReminderStage.leader.recipients == [.handler, .unitHead, .leader])
        #expect(ReminderStage.yellow.recipients == [.handler])
    }

    @Test("CAL-42 three consecutive late steps by due date earn a red card; an on-time step between breaks the run")
    func redCard() {
        let late1 = FinishedStep(due: Self.d("2025-03-03"), ended: Self.d("2025-03-04"))
        let late2 = FinishedStep(due: Self.d("2025-04-01"), ended: Self.d("2025-04-09"))
        let late3 = FinishedStep(due: Self.d("2025-05-06"), ended: Self.d("2025-05-07"))
        let onTime = FinishedStep(due: Self.d("2025-04-15"), ended: Self.d("2025-04-15"))
        #expect(CardRules.yellow(for: late1))
        #expect(!CardRules.yellow(for: onTime))
        #expect(CardRules.red([late3, late1, late2]))
        #expect(!CardRules.red([late1, late2, onTime, late3]))
        #expect(!CardRules.red([late1, late2]))
    }
}
