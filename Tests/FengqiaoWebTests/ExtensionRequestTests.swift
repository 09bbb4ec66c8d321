import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// CAL-32 and X-02 on the case page: an extension is asked for naming the approver and takes effect
/// only when that approver, logged in as themselves, confirms it.
@Suite("Extension requests on the case page (CAL-32, X-02)", .serialized)
struct ExtensionRequestTests {
    @Test("CAL-32 X-02 an extension asked for on the case page is pending until the named leader confirms it there; the requester sees no confirm button")
    func confirmOnPage() async throws {
        try await withApp { env in
            // setup: legality review 2 working days from 2025-09-30 → 2025-10-10
            let w = try await ClockTests.world(env)
            let c = try await ClockRepository(store: env.store).start(caseID: w.caseID, ruleSet: "interview", step: "legalReview",
                                                                      on: ClockTests.d("2025-09-30"), handlerID: nil, actor: env.actor(w.s.officerA),
                                                                      context: .system("t"))
            let officer = WebClient(env)
            _ = try await officer.login("officer_a", Seeded.password)
            let casePath = "/cases/\(w.caseID.uuidString)"
            let csrf = WebClient.csrf(in: try await officer.send(.GET, casePath).body.string) ?? ""
            // act 1: the officer asks for 3 more working days, naming the deputy leader
            let asked = try await officer.send(.POST, "/clocks/\(c.id.uuidString)/extend",
                                               form: ["_csrf": csrf, "count": "3", "ground": "重大疑难案件", "approver": w.leader.id.uuidString])
            #expect(asked.status == .seeOther)
            // check: pending, the due date unchanged, no confirm button for the requester
            let pendingHTML = try await officer.send(.GET, casePath).body.string
            #expect(pendingHTML.contains("待确认延期 3工作日"))
            #expect(pendingHTML.contains("2025-10-10"))
            #expect(!pendingHTML.contains("确认延期</button>"))
            let request = try #require(try await ClockRepository(store: env.store).find(c.id, actor: env.actor(w.s.officerA))?.pendingExtensions.first)
            let confirmPath = "/clocks/\(c.id.uuidString)/extensions/\(request.id.uuidString)/confirm"
            // the requester posting the confirmation anyway is refused (403), nothing changes
            let forged = try await officer.send(.POST, confirmPath, form: ["_csrf": csrf])
            #expect(forged.status == .forbidden)
            // act 2: the leader confirms on the page
            let leader = WebClient(env)
            _ = try await leader.login("leader", Seeded.password)
            let leaderHTML = try await leader.send(.GET, casePath).body.string
            #expect(leaderHTML.contains(confirmPath))
            let confirmed = try await leader.send(.POST, confirmPath, form: ["_csrf": WebClient.csrf(in: leaderHTML) ?? ""])
            #expect(confirmed.status == .seeOther)
            // check: the due date moved to 10-14 (10-11 make-up Saturday, 10-13, 10-14), the leader is the approver, audited
            let after = try await officer.send(.GET, casePath).body.string
            #expect(after.contains("2025-10-14"))
            #expect(after.contains("批准人：赵局长"))
            #expect(!after.contains("待确认延期"))
            let events = try await env.audit.search(AuditQuery(action: "clock.extend"), actor: env.actor(w.s.auditor))
            #expect(events.count == 1)
            #expect(events.first?.draft.changes["approver"]?.after == "赵局长")
        }
    }

    @Test("CAL-32 a pending request counts toward the rule's grants: legality review may be extended once, so a second request waits on nothing and is refused")
    func pendingCountsTowardMaximum() async throws {
        try await withApp { env in
            // setup: legality review, at most 3 working days more in 1 grant
            let w = try await ClockTests.world(env)
            let officer = try await env.actor(w.s.officerA)
            let c = try await ClockRepository(store: env.store).start(caseID: w.caseID, ruleSet: "interview", step: "legalReview",
                                                                      on: ClockTests.d("2025-09-30"), handlerID: nil, actor: officer, context: .system("t"))
            let extensions = ClockExtensionRepository(store: env.store)
            let first = try await extensions.request(c.id, by: 2, ground: "重大疑难", approverID: w.leader.id, actor: officer, context: .system("t"))
            #expect(first.pendingExtensions.map(\.count) == [2])
            // act / check: a second request while the first is pending is refused, naming the rule
            do {
                _ = try await extensions.request(c.id, by: 1, ground: "补充调查", approverID: w.leader.id, actor: officer, context: .system("t"))
                Issue.record("a second request beyond the rule's one grant was accepted")
            } catch let e as DomainError {
                #expect(e.fields.first?.code == "clock.extension-exceeds-maximum")
                #expect(e.fields.first?.rule == "CAL-32")
                #expect(e.fields.first?.messageZH.contains("待确认") == true)
            }
            #expect(try await ClockRepository(store: env.store).find(c.id, actor: officer)?.pendingExtensions.count == 1)
        }
    }
}
