import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// MD-23 (a violation clue found in mediation registered in the enforcement registry) and MD-34 (the
/// revisits' clocks, met by the revisits recorded), through the store and the pages on the demo
/// bureau, on SQLite and PostgreSQL.
@Suite("Mediation: clues to the registry and revisit clocks (MD-23, MD-34)", .serialized)
struct MediationClueWebTests {
    static func caseRow(_ env: TestEnv, _ id: UUID) async throws -> (state: String, handler: UUID?, unit: UUID, facts: String) {
        let r = try #require(try await env.store.sql.select().columns("state", "handler_id", "unit_id", "facts").from("cases").where("id", .equal, SQLBind(id)).first())
        return (try r.decode(column: "state", as: String.self), try r.decode(column: "handler_id", as: UUID?.self), try r.decode(column: "unit_id", as: UUID.self),
                try r.decode(column: "facts", as: String.self))
    }

    @Test("MD-23: on Fri 2026-12-04 the centre forwards a clue found while mediating — a report opens in the registry, origin 调解中发现, the respondent reported and no reporter, unassigned, verification due Fri 12-25 (15 working days); the centre holds no registry permission; withdrawing the dispute later leaves the clue and its clock as they were; an empty clue is refused and changes nothing")
    func clueToRegistry() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let org = OrganisationRepository(store: env.store)
            let centre = try await org.actor(for: try #require(try await org.user(login: "tj_centre")))
            #expect(!centre.can(.complaintRegister))
            let mediating = try #require(try await MediationWebTests.rows(env).first { $0.state == "mediating" && !$0.facts.dispatched })
            let before = try await env.store.sql.select().column("id").from("cases").where("case_type", .equal, SQLBind(ReportProcedure.caseType)).all().count

            let web = WebClient(env)
            try await web.login("tj_centre", "Demo-pass-123")
            let page = try await web.send(.GET, "/cases/\(mediating.id)")
            #expect(page.body.string.contains("移送违法线索"))
            var form = ["_csrf": WebClient.csrf(in: page.body.string) ?? "", "side": "respondent", "actPlace": "江城市东湖路8号", "category": "other", "clue": ""]
            let refused = try await web.send(.POST, "/cases/\(mediating.id)/actions/forwardClue", form: form)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("违法线索"))
            #expect(try await env.store.sql.select().column("id").from("cases").where("case_type", .equal, SQLBind(ReportProcedure.caseType)).all().count == before)

            form["clue"] = "调解中发现被申请人使用未经检定的计量器具"
            form["_csrf"] = WebClient.csrf(in: refused.body.string) ?? ""
            let done = try await web.send(.POST, "/cases/\(mediating.id)/actions/forwardClue", form: form)
            #expect(done.status == .seeOther, "\(done.body.string.prefix(300))")
            let link = try #require(try await env.store.sql.select().columns("to_case_id", "relation").from("case_links")
                .where("from_case_id", .equal, SQLBind(mediating.id)).where("relation", .equal, SQLBind("clue-to")).first())
            let reportID = try link.decode(column: "to_case_id", as: UUID.self)
            let report = try await Self.caseRow(env, reportID)
            let facts = try JSONDecoder().decode(ReportFacts.self, from: Data(report.facts.utf8))
            let dispute = try await Self.caseRow(env, mediating.id)
            #expect(report.state == "verifying" && report.handler == nil && report.unit == dispute.unit)
            #expect(facts.origin == .mediation && facts.reporterID == nil && facts.reportedID == mediating.facts.respondentID && facts.receivedOn == LocalDate(iso: "2026-12-04"))
            #expect(try await MediationWebTests.clock(env, reportID, "clueVerification")?.due == "2026-12-25")
            let after = try JSONDecoder().decode(MediationFacts.self, from: Data(dispute.facts.utf8))
            #expect(after.clues?.first?.side == .respondent && dispute.state == "mediating")

            // Withdrawn the same day: the clue goes on (MD-23: the mediation's outcome never affects it).
            _ = try await ProcedureRepository(store: env.store, MediationProcedure.self).perform("concludeWithoutAgreement", caseID: mediating.id, input: ActionInput(single: [
                "ending": "withdrawn", "on": "2026-12-04", "investigation": "申请人撤回申请", "result": "撤回结案",
            ]), expectedVersion: nil, actor: centre, context: AuditContext(actor: centre, clientAddress: nil, requestID: "t"))
            #expect(try await Self.caseRow(env, reportID).state == "verifying")
            let clue = try #require(try await MediationWebTests.clock(env, reportID, "clueVerification"))
            #expect(clue.due == "2026-12-25" && clue.ended == nil && clue.cancelled == nil)
            #expect(try await AuditRepository(store: env.store).verify().isIntact)
        }
    }

    @Test("MD-34: the demo's revisited agreement met its revisit clock; the Spring Festival's major dispute has its second revisit 90 日 after the conclusion; a dispute flagged rebound-risk after its conclusion on Fri 2026-12-04 is revisited twice — the first revisit ends revisit 1's clock, the second ends revisit 2's")
    func revisitClocks() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let rows = try await MediationWebTests.rows(env)
            let performed = try #require(rows.first { $0.facts.obligations.first?.status == .performed })
            let met = try #require(try await MediationWebTests.clock(env, performed.id, "revisit"))
            #expect(met.ended != nil && met.cancelled == nil)
            let major = try #require(rows.first { $0.facts.major != nil && $0.state == "concluded" })
            let concluded = try #require(major.facts.ending?.on)
            let second = try #require(try await MediationWebTests.clock(env, major.id, "secondRevisit"))
            #expect(second.due == (try #require(ShippedRuleSets.mediation.rule("secondRevisit"))).due(from: concluded, in: WorkCalendar.shipped).date.iso)

            let org = OrganisationRepository(store: env.store)
            let centre = try await org.actor(for: try #require(try await org.user(login: "tj_centre")))
            let ctx = AuditContext(actor: centre, clientAddress: nil, requestID: "t")
            let open = try #require(rows.first { $0.state == "mediating" && !$0.facts.dispatched })
            let repo = ProcedureRepository(store: env.store, MediationProcedure.self)
            _ = try await repo.perform("concludeWithoutAgreement", caseID: open.id, input: ActionInput(single: [
                "ending": "settled", "on": "2026-12-04", "investigation": "双方自行和解", "result": "和解结案",
            ]), expectedVersion: nil, actor: centre, context: ctx)
            #expect(try await MediationWebTests.clock(env, open.id, "revisit")?.due == "2026-12-18")
            #expect(try await MediationWebTests.clock(env, open.id, "secondRevisit") == nil)
            _ = try await repo.perform("flagReboundRisk", caseID: open.id, input: ActionInput(single: ["reason": "被申请人曾多次反悔"]), expectedVersion: nil,
                                       actor: centre, context: ctx)
            #expect(try await MediationWebTests.clock(env, open.id, "secondRevisit")?.due == "2027-03-04")
            let revisits = RevisitRepository(store: env.store)
            let scores = ["performance": "4", "attitude": "5", "law": "4", "procedure": "4"]
            _ = try await revisits.record(caseID: open.id, on: "2026-12-04", method: "phone", answer: "satisfied", scores: scores, note: "", actor: centre, context: ctx)
            #expect(try await MediationWebTests.clock(env, open.id, "revisit")?.ended == "2026-12-04")
            #expect(try await MediationWebTests.clock(env, open.id, "secondRevisit")?.ended == nil)
            _ = try await revisits.record(caseID: open.id, on: "2026-12-04", method: "visit", answer: "satisfied", scores: scores, note: "未反弹", actor: centre, context: ctx)
            #expect(try await MediationWebTests.clock(env, open.id, "secondRevisit")?.ended == "2026-12-04")
        }
    }
}
