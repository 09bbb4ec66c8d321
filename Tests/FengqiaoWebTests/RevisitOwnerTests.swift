import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// 谁受理谁回访 (ST-21, MD-34, issue 12 item 3): the unit that accepted a case owns its revisits —
/// allowed to it, listed for it and filed under it — even after the case moved; the procedure says
/// which closed cases are sampled and when the revisit is due. Shown with the test-only permit
/// (every case revisited, due 10 working days after closing).
@Suite("Revisits owned by the accepting unit (ST-21, MD-34)", .serialized)
struct RevisitOwnerTests {
    struct RevisitBody: Encodable {
        let on: String
        let method: String
        let answer: String
        let service: Int
    }

    @Test("ST-21 MD-34 a permit accepted by 中村所, moved to 东湖所 and closed there Fri 2025-12-26 is revisited by 中村所 only: in its Q4 sample (every case) due 2026-01-12 across 元旦 with the make-up Sunday 01-04, not in 东湖所's; 东湖所 is refused (revisit.not-owner); 中村所's revisit is filed under 中村所")
    func ownerAfterMove() async throws {
        try await withApp(procedures: StepDocumentTests.registry) { env in
            // setup: accepted by office A (ZC) on 2025-09-30, dispatched to office B (DH), granted there
            let s = try await env.seed()
            let a = try await env.token(s.officerA)
            let b = try await env.token(s.officerB)
            let (id, party) = try await StepDocumentTests.openPermit(env, s, token: a)
            #expect(try await StepDocumentTests.act(env, a, id, "dispatch", version: 1, ["unit": "DH"]).status == .ok)
            #expect(try await env.request(.GET, "/api/v1/permits/\(id)", token: a).status == .notFound)
            #expect(try await StepDocumentTests.act(env, b, id, "notify", version: 2).status == .ok)
            let issued = try await env.request(.POST, "/api/v1/cases/\(id)/documents", token: b,
                                               json: DocumentIssueDTO(templateCode: "TP-NOTICE", values: ["party.name": party], recipient: party))
            let docID = try #require(try RegistryTests.json(issued)["id"] as? String)
            #expect(try await env.request(.POST, "/api/v1/documents/\(docID)/service", token: b, json: [
                "recipient": party, "method": "post", "date": "2025-12-22", "mailNumber": "1187654321098", "deliveredOn": "2025-12-24",
            ]).status == .created)
            env.moveClock(to: "2025-12-26")
            #expect(try await StepDocumentTests.act(env, b, id, "grant", version: 3, ["decision": "准予经营"]).status == .ok)
            let caseID = try #require(UUID(uuidString: id))

            // check: A's Q4 sample holds the case (every case, not 10 %), due 10 working days after Fri 12-26:
            // 12-29, 12-30, 12-31, (元旦 01-01…01-03 off) 01-04 make-up Sunday, 01-05…01-09, 01-12
            let repo = RevisitRepository(store: env.store)
            let q4 = try #require(ReportPeriod(key: "2025-Q4"))
            let sampleA = try await repo.sample(caseType: "permit", unitID: s.officeA.id, quarter: q4, actor: try await env.actor(s.officerA))
            #expect(sampleA.closed == 1 && sampleA.cases.map(\.caseID) == [caseID])
            #expect(sampleA.cases.first?.due == LocalDate(iso: "2026-01-12"))
            let sampleB = try await repo.sample(caseType: "permit", unitID: s.officeB.id, quarter: q4, actor: try await env.actor(s.officerB))
            #expect(sampleB.closed == 0 && sampleB.cases.isEmpty)

            // act: B, where the case now is, tries to revisit; then A does on 2026-01-12
            env.moveClock(to: "2026-01-12")
            let refused = try await env.request(.POST, "/api/v1/permits/\(id)/revisits", token: b,
                                                json: RevisitBody(on: "2026-01-12", method: "phone", answer: "satisfied", service: 5))
            #expect(refused.status == .forbidden)
            #expect(refused.body.string.contains("revisit.not-owner"))
            let recorded = try await env.request(.POST, "/api/v1/permits/\(id)/revisits", token: a,
                                                 json: RevisitBody(on: "2026-01-12", method: "phone", answer: "satisfied", service: 5))
            #expect(recorded.status == .created)

            // check: filed under A, listed for A, and A's sample shows it revisited
            let rows = try await env.sql.select().column("unit_id").from("revisits").where("case_id", .equal, SQLBind(caseID)).all()
            #expect(try rows.map { try $0.decode(column: "unit_id", as: UUID.self) } == [s.officeA.id])
            #expect(try RegistryTests.list(try await env.request(.GET, "/api/v1/permits/\(id)/revisits", token: a)).count == 1)
            let after = try await repo.sample(caseType: "permit", unitID: s.officeA.id, quarter: q4, actor: try await env.actor(s.officerA))
            #expect(after.cases.first?.revisited == true)
        }
    }

    @Test("ST-21 the sample is the procedure's: a share rounded up by default (10 % of 11 is 2), every case when declared")
    func sampling() {
        let ids = (0..<11).map { _ in UUID() }
        let q = ReportPeriod(key: "2025-Q4")!
        #expect(RevisitSample.draw(closed: ids, unitID: UUID(), quarter: q).count == 2)
        #expect(Set(RevisitSample.draw(closed: ids, unitID: UUID(), quarter: q, sampling: .every)) == Set(ids))
        #expect(InterviewProcedure.module.revisitSampling == .standard && InterviewProcedure.module.revisitDue == nil)
    }
}
