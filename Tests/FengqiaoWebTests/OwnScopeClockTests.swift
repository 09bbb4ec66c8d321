import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// PLT-05 `own` scope for clocks and statistics (issue 12 item 6): a user whose assignment is `own`
/// sees only the clocks and figures of the cases they are involved in.
@Suite("Own scope for clocks and statistics (PLT-05)", .serialized)
struct OwnScopeClockTests {
    @Test("PLT-05 an own-scope unit head gets 404 for another's clock in the unit and 0 clues in the statistics; the unit-tree head reaches both")
    func ownScope() async throws {
        try await withApp { env in
            // setup: officer_a's interview of office A, clue 2025-09-30, verified 10-09 (legal review clock)
            let st = try await InterviewTests.staff(env)
            let ownHead = try await env.user("own_head", "吴副所长", unit: st.s.officeA.id, role: "unit-head", scope: .own)
            let (id, officer) = try await StepRecipientTests.verified(env, st)
            let caseJSON = try InterviewTests.json(try await env.request(.GET, "/api/v1/cases/\(id)", token: officer))
            let clockID = try #require((caseJSON["clocks"] as? [[String: Any]])?.first { $0["step"] as? String == "legalReview" }?["id"] as? String)
            let extend = ExtendDTO(count: 3, ground: "重大疑难，需补充调查", approverId: st.deputy.id)
            // act
            let own = try await env.token(ownHead)
            let ownClock = try await env.request(.POST, "/api/v1/clocks/\(clockID)/extend", token: own, json: extend)
            let ownStats = try InterviewTests.json(try await env.request(.GET, "/api/v1/statistics/interviews?period=2025", token: own))
            let head = try await env.token(st.head)
            let headStats = try InterviewTests.json(try await env.request(.GET, "/api/v1/statistics/interviews?period=2025", token: head))
            let headClock = try await env.request(.POST, "/api/v1/clocks/\(clockID)/extend", token: head, json: extend)
            // check
            #expect(ownClock.status == .notFound)
            #expect((ownStats["counts"] as? [String: Any])?["clues"] as? Int == 0)
            #expect((headStats["counts"] as? [String: Any])?["clues"] as? Int == 1)
            #expect(headClock.status == .ok)
        }
    }
}
