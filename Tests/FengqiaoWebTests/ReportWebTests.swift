import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The report track through the API, the pages and the store (issue 14, complaints.md CP-08,
/// CP-26…CP-28): a named report registered by one officer, its reporter hidden from a colleague who
/// is not on it — over the API, on the case page and on both parties' pages — while the officers on it
/// and the 局负责人 see it; 立案 approved opens the linked enforcement case; the reporter is told.
/// On SQLite and PostgreSQL.
@Suite("Report track through the API (CP-08, CP-26…CP-28)", .serialized)
struct ReportWebTests {
    typealias Body = FollowUpTests.ActionBody

    struct ProposalBody: Encodable {
        let version: Int
        let input: [String: [String]]
    }

    @Test("CP-08 X-09 CP-27 CP-28: a named report received Tue 2025-09-30 (verification due 2025-10-28 across 国庆); a colleague never sees the reporter; 立案 approved by the 局负责人 on 10-20 opens the enforcement case; the reporter is told by 10-27")
    func endToEnd() async throws {
        try await withApp { env in
            // setup: office A's two officers and the bureau chief; the reporter and the reported market
            let s = try await env.seed()
            let colleague = try await env.user("officer_a2", "王芳", unit: s.officeA.id, role: "officer", scope: .unit)
            let chief = try await env.user("chief", "孙局长", unit: s.bureau.id, role: "chief-leader", scope: .all)
            let partner = try await env.user("officer_a3", "赵刚", unit: s.officeA.id, role: "officer", scope: .unit)
            let reporter = try await env.parties.create(PartyInput(kind: "person", name: "钱保密", phone: "13700002222"), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
            let market = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市东湖农贸市场有限公司", uscc: .uscc(7171)),
                                                      unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let a = try await env.token(s.officerA), other = try await env.token(colleague), boss = try await env.token(chief)

            // act: 李明 registers the named report on the day it came in
            let created = try await env.request(.POST, "/api/v1/reports", token: a, json: [
                "reporterID": reporter.id.uuidString, "reportedID": market.id.uuidString, "actPlace": "东湖农贸市场12号摊位", "category": "other",
                "clue": "摊位销售过期食品", "origin": "direct", "receivedOn": "2025-09-30",
            ])
            let id = try #require(try RegistryTests.json(created)["id"] as? String)
            let clocks = try RegistryTests.json(try await env.request(.GET, "/api/v1/cases/\(id)", token: a))["clocks"] as? [[String: Any]]
            #expect(clocks?.first?["due"] as? String == "2025-10-28")

            // check: 李明 sees the reporter; 王芳 (same office, not on it) does not — API, case page, party pages
            let mine = try RegistryTests.json(try await env.request(.GET, "/api/v1/reports/\(id)", token: a))
            #expect((mine["facts"] as? [String: Any])?["reporterName"] as? String == "钱保密")
            let theirs = try await env.request(.GET, "/api/v1/reports/\(id)", token: other)
            #expect(theirs.status == .ok)
            #expect(!theirs.body.string.contains("钱保密"))
            #expect(!theirs.body.string.contains(reporter.id.uuidString))
            let web = WebClient(env)
            _ = try await web.login("officer_a2", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("东湖农贸市场"))
            #expect(!page.body.string.contains("钱保密"))
            #expect(!(try await web.send(.GET, "/parties/\(market.id.uuidString)")).body.string.contains("钱保密"))
            #expect(!(try await web.send(.GET, "/parties/\(reporter.id.uuidString)")).body.string.contains("东湖农贸市场12号"))
            // ST-21: the unit that opened it owns it from the start (谁受理谁回访).
            let owner = try await env.sql.select().column("owner_unit_id").from("cases").where("id", .equal, SQLBind(try #require(UUID(uuidString: id)))).first()
            #expect(try owner?.decode(column: "owner_unit_id", as: UUID?.self) == s.officeA.id)
            let links = try await env.sql.select().column("party_id").from("party_case_links").where("case_id", .equal, SQLBind(try #require(UUID(uuidString: id)))).all()
            #expect(try links.map { try $0.decode(column: "party_id", as: UUID.self) } == [market.id])

            // act: the officers report on 10-17 with two named officers; the chief approves 立案 on 10-20
            env.moveClock(to: "2025-10-17")
            let tooFew = try await env.request(.POST, "/api/v1/reports/\(id)/actions/proposeDecision", token: a,
                                               json: ProposalBody(version: 1, input: ["decision": ["file"], "findings": ["查见过期食品"], "officers": [s.officerA.id.uuidString]]))
            #expect(tooFew.status == .unprocessableEntity)
            #expect(tooFew.body.string.contains("report.officers.too-few"))
            #expect(try await env.request(.POST, "/api/v1/reports/\(id)/actions/proposeDecision", token: a, json: ProposalBody(version: 1, input: [
                "decision": ["file"], "findings": ["现场查见过期食品3批次"], "officers": [s.officerA.id.uuidString, partner.id.uuidString],
            ])).status == .ok)
            // The second officer named on it now sees the reporter (CP-08 "own cases").
            let partnerToken = try await env.token(partner)
            #expect(try await env.request(.GET, "/api/v1/reports/\(id)", token: partnerToken).body.string.contains("钱保密"))
            env.moveClock(to: "2025-10-20")
            let approved = try await env.request(.POST, "/api/v1/reports/\(id)/actions/approveDecision", token: boss,
                                                 json: Body(version: 2, input: ["verdict": "approve"]))
            #expect(approved.status == .ok)
            #expect(approved.body.string.contains("钱保密"))

            // check: the reporter's notice is due 10-27; the enforcement case is linked and carries no reporter data
            let after = try RegistryTests.json(try await env.request(.GET, "/api/v1/cases/\(id)", token: a))["clocks"] as? [[String: Any]]
            #expect(after?.first { $0["step"] as? String == "reporterNotice" }?["due"] as? String == "2025-10-27")
            let penalty = try await env.sql.select().columns("id", "title", "facts").from("cases").where("case_type", .equal, SQLBind("penalty")).all()
            #expect(penalty.count == 1)
            let penaltyText = try penalty.map { try $0.decode(column: "facts", as: String.self) + $0.decode(column: "title", as: String.self) }.joined()
            #expect(!penaltyText.contains("钱保密"))
            let linked = try RegistryTests.list(try await env.request(.GET, "/api/v1/reports/\(id)/links", token: a))
            #expect(linked.count == 1)

            // act: told on 10-24; concluded
            env.moveClock(to: "2025-10-24")
            #expect(try await env.request(.POST, "/api/v1/reports/\(id)/actions/notifyReporter", token: a, json: Body(version: 3, input: [:])).status == .ok)
            #expect(try RegistryTests.json(try await env.request(.GET, "/api/v1/reports/\(id)", token: a))["state"] as? String == "concluded")
        }
    }
}
