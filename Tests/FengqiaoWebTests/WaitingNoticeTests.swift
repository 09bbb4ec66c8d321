import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// The people who must act are told (issue 12 item 6): when a case moves to a step that waits on a
/// permission beyond the handler's, the holders of that permission in the case's unit or above get a
/// message — found by permission and unit, not by role names; the officer is not told of others' steps.
@Suite("Step notices (CAL-41)", .serialized)
struct WaitingNoticeTests {
    @Test("CAL-41 a verified clue tells the legal reviewer, a passed review tells the approving deputy leader; the officer and another office hear nothing")
    func toldWhenWaiting() async throws {
        try await withApp { env in
            // setup
            let st = try await InterviewTests.staff(env)
            let officer = try await env.token(st.s.officerA)
            let inbox = NotificationRepository(store: env.store)
            func waiting(_ user: UserRecord) async throws -> [String] {
                try await inbox.inbox(userID: user.id).filter { $0.kind == "case.waiting" }.map(\.title)
            }
            let created = try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
                "partyID": st.party.id.uuidString, "title": "中村便民超市消防器材缺失", "source": "inspection", "description": "灭火器缺失",
            ])
            let id = try #require(try InterviewTests.json(created)["id"] as? String)
            env.moveClock(to: "2025-10-09")
            // act 1: verification → legal review
            let verified = try await InterviewTests.action(env, officer, id, "verify", [
                "facts": ["经营场所灭火器缺失2具"], "evidence": ["现场检查笔录"], "provisions": ["《中华人民共和国消防法》第十六条"],
                "ground": ["first-minor"], "category": ["fire-equipment"], "necessity": ["初次违法"], "notSerious": ["on"],
            ])
            #expect(verified.status == .ok)
            // check 1
            #expect(try await waiting(st.legal) == ["行政约谈：待您办理“法制审核”"])
            #expect(try await waiting(st.deputy).isEmpty)
            #expect(try await waiting(st.s.officerA).isEmpty)
            #expect(try await waiting(st.s.officerB).isEmpty)
            // act 2: the review passes → approval
            let reviewed = try await InterviewTests.action(env, try await env.token(st.legal), id, "review", [
                "decision": ["pass"], "opinion": ["同意"], "partyQualified": ["on"], "factsClear": ["on"], "evidenceSufficient": ["on"],
                "lawCorrect": ["on"], "procedureLawful": ["on"],
            ])
            #expect(reviewed.status == .ok)
            // check 2
            #expect(try await waiting(st.deputy) == ["行政约谈：待您办理“审批”"])
            #expect(try await waiting(st.legal).count == 1)
            #expect(try await waiting(st.head).isEmpty)
        }
    }
}
