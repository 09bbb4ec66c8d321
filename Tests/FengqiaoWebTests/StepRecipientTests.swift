import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// The people who must act are told; others are not (issue 12 item 6, CAL-41): a clock's reminders
/// and digest go to whoever must take the step that meets it — found by permission and unit.
@Suite("Step recipients (CAL-41)", .serialized)
struct StepRecipientTests {
    /// An interview of office A verified on Thu 2025-10-09: legal review due 10-11 (a make-up Saturday).
    static func verified(_ env: TestEnv, _ st: InterviewTests.Staff) async throws -> (id: String, officer: String) {
        let officer = try await env.token(st.s.officerA)
        let created = try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
            "partyID": st.party.id.uuidString, "title": "中村便民超市消防器材缺失", "source": "inspection", "description": "灭火器缺失",
        ])
        let id = try #require(try InterviewTests.json(created)["id"] as? String)
        env.moveClock(to: "2025-10-09")
        let verified = try await InterviewTests.action(env, officer, id, "verify", [
            "facts": ["经营场所灭火器缺失2具"], "evidence": ["现场检查笔录"], "provisions": ["《中华人民共和国消防法》第十六条"],
            "ground": ["first-minor"], "category": ["fire-equipment"], "necessity": ["初次违法"], "notSerious": ["on"],
        ])
        #expect(verified.status == .ok)
        return (id, officer)
    }

    @Test("CAL-41 the legal review's reminders reach the legal reviewer (and at red the unit head), not the officer; the officer's digest holds only the officer's steps")
    func reviewRemindersGoToReviewer() async throws {
        try await withApp { env in
            // setup
            let st = try await InterviewTests.staff(env)
            _ = try await Self.verified(env, st)
            let inbox = NotificationRepository(store: env.store)
            func notices(_ u: UserRecord) async throws -> [InboxItem] { try await inbox.inbox(userID: u.id).filter { $0.kind.hasPrefix("clock.") } }
            // act: Mon 2025-10-13, the review (due Sat 10-11, a make-up working day) is red
            env.moveClock(to: "2025-10-13")
            _ = try await ClockReminders(notifier: env.app.fengqiao.notifier, warningWorkdays: 2).run(env.store)
            // check
            let legal = try await notices(st.legal)
            #expect(legal.contains { $0.kind == "clock.red" && $0.title.contains("法制审核") })
            #expect(legal.contains { $0.kind == "clock.digest" && $0.body.contains("法制审核") })
            let officer = try await notices(st.s.officerA)
            #expect(!officer.contains { $0.title.contains("法制审核") || $0.body.contains("法制审核") })
            #expect(try await notices(st.head).contains { $0.kind == "clock.red" && $0.title.contains("法制审核") })
            #expect(try await notices(st.deputy).isEmpty)
            #expect(try await notices(st.s.officerB).isEmpty)
        }
    }

    @Test("CAL-41 IV-12 an approved interview waits on the unit head's assignment: the head is told and has it in 我的待办; the officer is not told, the reviewer no longer has it")
    func assignIsTheHeads() async throws {
        try await withApp { env in
            // setup
            let st = try await InterviewTests.staff(env)
            let (id, _) = try await Self.verified(env, st)
            let inbox = NotificationRepository(store: env.store)
            func waiting(_ u: UserRecord) async throws -> [String] { try await inbox.inbox(userID: u.id).filter { $0.kind == "case.waiting" }.map(\.title) }
            func mine(_ u: UserRecord) async throws -> [String] {
                let res = try await env.request(.GET, "/api/v1/worklist?view=mine", token: try await env.token(u))
                return (try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [[String: Any]] ?? []).compactMap { $0["caseId"] as? String }
            }
            // While in legal review the assignment is not yet awaited.
            #expect(try await mine(st.head).isEmpty)
            #expect(try await waiting(st.head).isEmpty)
            // act: review passes, the deputy approves on Mon 2025-10-13
            env.moveClock(to: "2025-10-13")
            let reviewed = try await InterviewTests.action(env, try await env.token(st.legal), id, "review", [
                "decision": ["pass"], "opinion": ["同意"], "partyQualified": ["on"], "factsClear": ["on"], "evidenceSufficient": ["on"],
                "lawCorrect": ["on"], "procedureLawful": ["on"],
            ])
            #expect(reviewed.status == .ok)
            let approved = try await InterviewTests.action(env, try await env.token(st.deputy), id, "approve", ["decision": ["approve"], "opinion": ["同意约谈"]])
            #expect(approved.status == .ok)
            // check
            #expect(try await waiting(st.head) == ["行政约谈：待您办理“指派约谈人员和整改跟踪人”"])
            #expect(try await mine(st.head) == [id])
            #expect(try await waiting(st.s.officerA).isEmpty)
            #expect(try await waiting(st.wang).isEmpty)
            #expect(try await mine(st.legal).isEmpty)
        }
    }
}
