import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

/// The report track through the API, the pages and the store (issue 14, complaints.md CP-08,
/// CP-26…CP-28): a named report registered by one officer, its reporter hidden from a colleague who
/// is not on it — over the API, on the case page and on both parties' pages — while the officers on it
/// and the 局负责人 see it; 立案 approved opens the linked enforcement case; the reporter is told by
/// the 举报处理结果告知书, issued through the API and served (DOC-30) — a document the colleague can
/// neither list, print nor download (CP-08). On SQLite and PostgreSQL.
@Suite("Report track through the API (CP-08, CP-26…CP-28)", .serialized)
struct ReportWebTests {
    typealias Body = FollowUpTests.ActionBody

    struct ProposalBody: Encodable {
        let version: Int
        let input: [String: [String]]
    }

    /// The text of a DOCX response's main part.
    static func docxText(_ res: TestingHTTPResponse) throws -> String {
        let archive = try Archive(data: Data(res.body.readableBytesView), accessMode: .read)
        var xml = Data()
        _ = try archive.extract(try #require(archive["word/document.xml"])) { xml.append($0) }
        return String(decoding: xml, as: UTF8.self)
    }

    @Test("CP-08 X-09 CP-27 CP-28 DOC-30: a named report received Tue 2025-09-30 (verification due 2025-10-28 across 国庆); a colleague never sees the reporter; 立案 approved by the 局负责人 on 10-20 opens the enforcement case; the reporter is told by the 告知书 served 10-23, within 10-27")
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

            // The two officers named on the proposal hold 行政执法证 (the registry's officers, CP-27, PLT-02).
            for u in [s.officerA.id, partner.id] {
                _ = try await env.org.addQualification(userID: u, kind: EnforcementOfficers.certificate, issuer: "江城市人民政府", obtainedOn: LocalDate(iso: "2024-03-01")!,
                                                       expiresOn: LocalDate(iso: "2029-02-28")!, context: .system("test"))
            }
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
            // Scenario 6 (CP-30): the registry entry is filed on the approval day with the two officers, decided by 2026-01-19.
            let caseID = try #require(linked.first?["caseId"] as? String)
            let entry = try RegistryTests.json(try await env.request(.GET, "/api/v1/enforcement/\(caseID)", token: a))
            #expect(entry["state"] as? String == "filed")
            let entryClocks = try RegistryTests.json(try await env.request(.GET, "/api/v1/cases/\(caseID)", token: a))["clocks"] as? [[String: Any]]
            #expect(entryClocks?.first { $0["step"] as? String == "decision" }?["due"] as? String == "2026-01-19")
            #expect(try await env.request(.GET, "/api/v1/enforcement/\(caseID)", token: a).body.string.contains(s.officerA.id.uuidString))

            // act + check: the reporter cannot be told before the 告知书 is issued (CP-28, DOC-31)
            let early = try await env.request(.POST, "/api/v1/reports/\(id)/actions/notifyReporter", token: a, json: Body(version: 3, input: [:]))
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("document.required") && early.body.string.contains("CP-28"))
            // act: the 核查报告 and the 告知书, prefilled from the case for 李明 and issued through the API on 10-21
            env.moveClock(to: "2025-10-21")
            let officerWeb = WebClient(env)
            _ = try await officerWeb.login("officer_a", Seeded.password)
            let report = try await ComplaintWebTests.prefilled(officerWeb, id, "RP-VERIFY")
            let verification = try await ComplaintWebTests.issue(env, a, id, "RP-VERIFY", report.values, recipient: report.recipient)
            let form = try await ComplaintWebTests.prefilled(officerWeb, id, "RP-NOTICE")
            // check: the 告知书 is addressed to the reporter, never the reported party (CP-08)
            #expect(form.recipient == "钱保密")
            #expect(form.values["party.name"] == "钱保密")
            #expect(form.values["decision.text"] == "予以立案调查")
            let notice = try await ComplaintWebTests.issue(env, a, id, "RP-NOTICE", form.values.merging(["contact.phone": "0571-86001234"]) { _, new in new },
                                                           recipient: form.recipient)
            #expect(notice.number == "中村所举告〔2025〕1号")
            #expect(verification.number == "中村所举核〔2025〕1号")
            let noticeHTML = try await env.request(.GET, "/api/v1/documents/\(notice.id.uuidString)/html", token: a).body.string
            #expect(noticeHTML.contains("钱保密") && noticeHTML.contains("本局于2025年10月20日决定予以立案调查"))
            #expect(try Self.docxText(try await env.request(.GET, "/api/v1/documents/\(notice.id.uuidString)/docx", token: a)).contains("钱保密"))

            // check (CP-08, X-09): 王芳 — may not see the reporter — neither lists, reads, prints nor downloads the 告知书,
            // is not offered it, gets no reporter in its prefill; the internal 核查报告 she may read carries nothing of the reporter
            for path in ["/api/v1/documents/\(notice.id.uuidString)", "/api/v1/documents/\(notice.id.uuidString)/html",
                         "/api/v1/documents/\(notice.id.uuidString)/docx", "/api/v1/documents/\(notice.id.uuidString)/service"] {
                #expect(try await env.request(.GET, path, token: other).status == .notFound, "\(path)")
            }
            _ = try await web.login("officer_a2", Seeded.password)
            for path in ["/documents/\(notice.id.uuidString)/print", "/documents/\(notice.id.uuidString)/docx"] {
                #expect(try await web.send(.GET, path).status == .notFound, "\(path)")
            }
            let theirList = try await env.request(.GET, "/api/v1/cases/\(id)/documents", token: other).body.string
            #expect(theirList.contains(verification.id.uuidString) && !theirList.contains(notice.id.uuidString))
            let theirPage = try await web.send(.GET, "/cases/\(id)").body.string
            // The case's audit trail records that a notice was issued (number and hash), never to whom.
            #expect(!theirPage.contains("钱保密") && !theirPage.contains(notice.id.uuidString))
            let theirForm = try await web.send(.GET, "/cases/\(id)/documents/new?template=RP-NOTICE").body.string
            #expect(!theirForm.contains("钱保密") && !theirForm.contains(#"name="recipient" value="江城市东湖农贸市场有限公司""#))
            let theirReport = try await env.request(.GET, "/api/v1/documents/\(verification.id.uuidString)/html", token: other)
            #expect(theirReport.status == .ok)
            let theirDocx = try Self.docxText(try await env.request(.GET, "/api/v1/documents/\(verification.id.uuidString)/docx", token: other))
            for text in [report.html, theirReport.body.string, theirDocx] {
                for secret in ["钱保密", "13700002222", reporter.id.uuidString] { #expect(!text.contains(secret), "\(secret)") }
            }

            // act + check: issued but unserved, then served by post and delivered 10-23; told on 10-24, concluded, told on the service date
            env.moveClock(to: "2025-10-22")
            let unserved = try await env.request(.POST, "/api/v1/reports/\(id)/actions/notifyReporter", token: a, json: Body(version: 3, input: [:]))
            #expect(unserved.status == .unprocessableEntity)
            #expect(unserved.body.string.contains("document.unserved"))
            try await ComplaintWebTests.servePost(env, a, notice, to: form.recipient, posted: "2025-10-22", delivered: "2025-10-23")
            env.moveClock(to: "2025-10-24")
            #expect(try await env.request(.POST, "/api/v1/reports/\(id)/actions/notifyReporter", token: a, json: Body(version: 3, input: [:])).status == .ok)
            let done = try RegistryTests.json(try await env.request(.GET, "/api/v1/reports/\(id)", token: a))
            #expect(done["state"] as? String == "concluded")
            #expect((done["facts"] as? [String: Any])?["reporterToldOn"] as? String == "2025-10-23")
            #expect(try await ComplaintWebTests.clocks(env, id, token: a)["reporterNotice"]?["endedOn"] as? String == "2025-10-23")
        }
    }
}
