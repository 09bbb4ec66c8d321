import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor

/// Issue 12 item 6: the interview's start-timeliness clock (§5.3, 约谈启动及时率) measures an
/// indicator; it is not work. A procedure declares such steps (`ProcedureModule.measureSteps`), and the
/// store keeps the flag on the clock: nobody is told of it, it earns no card and it does not order the
/// worklists — while a step of work beside it still does all three.
@Suite("Clocks that only measure (issue 12, CAL-41, CAL-42)", .serialized)
struct MeasureClockTests {
    @Test("CAL-41 CAL-42 CAL-40 the §5.3 start-timeliness measure tells no one, earns no card when late and does not order the worklist; verification beside it does")
    func measureIsNotWork() async throws {
        try await withApp { env in
            // setup: office A's case, a clue recorded Fri 2025-09-26
            let w = try await ClockTests.world(env)
            let officer = try await env.actor(w.s.officerA)
            let clocks = ClockRepository(store: env.store)
            let inbox = NotificationRepository(store: env.store)
            func clockNotices(_ u: UserRecord) async throws -> [InboxItem] { try await inbox.inbox(userID: u.id).filter { $0.kind.hasPrefix("clock.") } }
            func worklist() async throws -> [UUID] {
                try await WorklistRepository(store: env.store).cases(view: .unit, waiting: ["test": []], state: nil, actor: officer).map(\.0.id)
            }
            #expect(env.app.fengqiao.procedures.measures(ruleSet: "interview@1", step: "startTimeliness"))
            #expect(!env.app.fengqiao.procedures.measures(ruleSet: "interview@1", step: "verification"))

            // act: the measure starts — 15 working days across National Day (09-28 and 10-11 are make-up days) → Thu 10-23
            let measure = try await clocks.start(caseID: w.caseID, ruleSet: "interview", step: "startTimeliness", on: ClockTests.d("2025-09-26"),
                                                 handlerID: nil, actor: officer, context: .system("t"))
            // check: flagged, nobody told, not in the worklist (it is the case's only running clock)
            #expect(measure.measure)
            #expect(measure.due.iso == "2025-10-23")
            #expect(try await clockNotices(w.s.officerA).isEmpty)
            #expect(try await worklist().isEmpty)

            // act: a step of work beside it — verification, 3 working days → Tue 09-30
            let verification = try await clocks.start(caseID: w.caseID, ruleSet: "interview", step: "verification", on: ClockTests.d("2025-09-26"),
                                                      handlerID: nil, actor: officer, context: .system("t"))
            #expect(!verification.measure)
            #expect(verification.due.iso == "2025-09-30")
            #expect(try await clockNotices(w.s.officerA).map(\.kind) == ["clock.started"])
            #expect(try await worklist() == [w.caseID])

            // act: Mon 2025-10-27 both are overdue; the reminder pass runs
            env.moveClock(to: "2025-10-27")
            _ = try await ClockReminders(notifier: env.app.fengqiao.notifier, warningWorkdays: 2).run(env.store)
            // check: the officer and the head hear of verification only
            let officerNotices = try await clockNotices(w.s.officerA)
            // Overdue for over two working days: straight to the leader stage (CAL-41), handler and head included.
            #expect(officerNotices.contains { $0.kind == "clock.leader" })
            #expect(!officerNotices.contains { ($0.title + $0.body).contains("启动时效") })
            #expect(try await clockNotices(w.head).allSatisfy { !($0.title + $0.body).contains("启动时效") })
            #expect(try await clockNotices(w.head).contains { $0.kind == "clock.leader" })

            // act: both end late on Tue 10-28
            let endedMeasure = try await clocks.end(measure.id, on: ClockTests.d("2025-10-28"), actor: officer, context: .system("t"))
            #expect(endedMeasure.late)  // the indicator counts it as late …
            #expect(try await clocks.cards(unit: w.s.officeA.id, year: 2025).isEmpty)  // … but it earns no card
            _ = try await clocks.end(verification.id, on: ClockTests.d("2025-10-28"), actor: officer, context: .system("t"))
            #expect(try await clocks.cards(unit: w.s.officeA.id, year: 2025).map(\.color) == [.yellow])
        }
    }
}
