import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Transitions fired by time (issue 12 item 4, CAL-43): the test-only errand declares that when its
/// 2-working-day check clock runs out the system deems it approved (T-06, as PA-27's 视为认可). On
/// SQLite and PostgreSQL.
@Suite("Timed transitions (CAL-43)", .serialized)
struct TimedTransitionTests {
    static let registry = ProcedureRegistry.shipped.adding([ErrandProcedure.self])

    /// Opens and submits an errand through the API on the test clock's day; returns its id.
    static func submitted(_ env: TestEnv, token: String, party: UUID, title: String) async throws -> String {
        let created = try RegistryTests.json(try await env.request(.POST, "/api/v1/errands", token: token,
                                                                   json: ["partyID": party.uuidString, "title": title]))
        let id = try #require(created["id"] as? String)
        let res = try await env.request(.POST, "/api/v1/errands/\(id)/actions/submit", token: token, json: FollowUpTests.ActionBody(version: 1, input: ["report": "已办理"]))
        #expect(res.status == .ok)
        return id
    }

    static func state(_ env: TestEnv, _ id: String, token: String) async throws -> [String: Any] {
        try RegistryTests.json(try await env.request(.GET, "/api/v1/errands/\(id)", token: token))
    }

    static func runTimedJob(_ env: TestEnv, worker: String) async throws {
        try await JobRepository(store: env.store).enqueue(kind: "transitions.timed", runAt: env.store.clock.nowMillis)
        try await Scheduler(worker: worker, handlers: Scheduler.shipped(notifier: env.app.fengqiao.notifier).handlers).tick(env.store)
    }

    @Test("CAL-43 T-06: the check due Fri 2025-10-10 (National Day skipped) runs out at 00:00 on the make-up Saturday 10-11 and is deemed approved exactly once — two job runs, two concurrent servers — audited as the system; the one approved in time never fires")
    func deemedOnce() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup: two errands opened and submitted on Tue 2025-09-30
            let s = try await env.seed()
            let head = try await env.user("head_a", "周所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村测试商行有限公司", uscc: .uscc(5150)),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let officer = try await env.token(s.officerA)
            let headToken = try await env.token(head)
            let late = try await Self.submitted(env, token: officer, party: party.id, title: "无人审核的事项")
            let onTime = try await Self.submitted(env, token: officer, party: party.id, title: "按期审核的事项")
            // 2 working days after 09-30 skip 10-01…10-08: Thu 10-09, Fri 10-10
            let clocks = try RegistryTests.json(try await env.request(.GET, "/api/v1/cases/\(late)", token: officer))["clocks"] as? [[String: Any]] ?? []
            #expect(clocks.first { $0["step"] as? String == "errandCheck" }?["due"] as? String == "2025-10-10")

            // check: nobody takes the system's step by hand, and it is not offered (CAL-43)
            let actions = try RegistryTests.list(try await env.request(.GET, "/api/v1/errands/\(late)/actions", token: headToken))
            #expect(actions.map { $0["key"] as? String } == ["approve"])
            let byHand = try await env.request(.POST, "/api/v1/errands/\(late)/actions/deem", token: headToken, json: ["version": 2])
            #expect(byHand.status == .unprocessableEntity)
            #expect(byHand.body.string.contains("transition.system-only"))

            // act: the head approves one errand in time, on the due day
            env.moveClock(to: "2025-10-10", hour: 9)
            #expect(try await env.request(.POST, "/api/v1/errands/\(onTime)/actions/approve", token: headToken, json: ["version": 2]).status == .ok)
            // act: the due day's last minute — the clock has not run out
            env.moveClock(to: "2025-10-10", hour: 23.99)
            try await Self.runTimedJob(env, worker: "a")
            #expect(try await Self.state(env, late, token: officer)["state"] as? String == "review")

            // act: 00:00:36 on Sat 2025-10-11 (a make-up workday): two servers at once, then the job twice
            env.moveClock(to: "2025-10-11", hour: 0.01)
            let store = env.store
            let passes = try await withThrowingTaskGroup(of: TimedTransitionRepository.Pass.self, returning: [TimedTransitionRepository.Pass].self) { group in
                for _ in 0..<2 { group.addTask { try await TimedTransitionRepository(store: store).fireDue() } }
                var all: [TimedTransitionRepository.Pass] = []
                for try await pass in group { all.append(pass) }
                return all
            }
            #expect(passes.flatMap(\.fired).count == 1)
            try await Self.runTimedJob(env, worker: "a")
            try await Self.runTimedJob(env, worker: "b")

            // check: deemed approved once, closed on 10-11, audited as the system
            let c = try await Self.state(env, late, token: officer)
            #expect(c["state"] as? String == "done")
            #expect(c["closedOn"] as? String == "2025-10-11")
            let firings = try await env.sql.select().column("case_id").from("timed_firings").all()
            #expect(firings.count == 1)
            #expect(try firings.first?.decode(column: "case_id", as: UUID.self).uuidString == late.uppercased())
            let timeline = try RegistryTests.list(try await env.request(.GET, "/api/v1/cases/\(late)/timeline", token: officer))
            let deemed = timeline.filter { entry in ((entry["changes"] as? [String: Any])?["transition"]).map { "\($0)".contains("deem") } == true }
            #expect(deemed.count == 2)  // the claim (case.timed) and the transition
            #expect(deemed.allSatisfy { $0["user"] as? String == "system:scheduler" })
            #expect(timeline.contains { $0["action"] as? String == "case.transition" && $0["detail"] as? String == "逾期未审核，视为审核通过，办结" })
            #expect(timeline.contains { $0["action"] as? String == "case.timed" && ($0["detail"] as? String)?.contains("事项审核”期限届满") == true })
            let transitions = try await env.audit.search(AuditQuery(login: "system:scheduler", action: "case.transition"), actor: env.actor(s.auditor))
            #expect(transitions.count == 1)
            // check: the errand approved in time stays the head's, never fired
            let kept = try await Self.state(env, onTime, token: officer)
            #expect(kept["state"] as? String == "done")
            #expect(kept["closedOn"] as? String == "2025-10-10")
            // check: a later pass finds nothing more
            #expect(try await TimedTransitionRepository(store: env.store).fireDue() == TimedTransitionRepository.Pass())
        }
    }
}
