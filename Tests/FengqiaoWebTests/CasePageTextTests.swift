import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// X-07 on the case page: the timeline and the facts show Chinese names from the procedure registry,
/// never the audit trail's internal keys and values.
@Suite("Case page text (X-07)", .serialized)
struct CasePageTextTests {
    @Test("X-07 the case timeline shows 状态：线索核查 → 法制审核 and the rule set by name, not state：clue → legalReview or ruleVersions：{\"interview\":1}")
    func timelineInChinese() async throws {
        try await withApp { env in
            // setup
            let st = try await InterviewTests.staff(env)
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
            // act
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(id)").body.string
            // check
            #expect(page.contains("状态：线索核查 → 法制审核"))
            #expect(page.contains("适用时限规则：行政约谈时限 第1版"))
            for code in ["state：", "ruleVersions", "{&quot;interview&quot;", "{\"interview\"", "clue → legalReview"] {
                #expect(!page.contains(code), "the page shows \(code)")
            }
            // on a phone the timeline keeps its labels: every cell names its column (data-label + CSS)
            let timeline = try #require(page.range(of: "id=\"case-timeline\"").map { String(page[$0.upperBound...]) })
            let rows = timeline.components(separatedBy: "</table>")[0]
            #expect(rows.components(separatedBy: "<td").count - 1 == rows.components(separatedBy: "data-label=").count - 1)
            #expect(rows.contains("data-label=\"内容\""))
            let home = try await web.send(.GET, "/").body.string
            #expect(home.contains("<td data-label=\"案号\">"))
        }
    }

    @Test("X-07 DOC-20 the print view's own styles are allowed by the response's CSP (by hash), and the app's pages keep style-src 'self' only")
    func printViewStyled() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let caseID = try await DocumentTests.openCase(env, s)
            let token = try await env.token(s.officerA)
            let doc = try DocumentTests.decode(DocumentDTO.self, try await DocumentTests.issue(env, token, caseID))
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            // act
            let print = try await web.send(.GET, "/documents/\(doc.id.uuidString)/print")
            // check
            #expect(print.status == .ok)
            let csp = print.headers.first(name: "Content-Security-Policy") ?? ""
            let blocks = PrintCSP.between(print.body.string, "<style>", "</style>")
            #expect(!blocks.isEmpty)
            for block in blocks { #expect(csp.contains("'sha256-\(PrintCSP.hash(block))'")) }
            for attribute in PrintCSP.between(print.body.string, " style=\"", "\"") { #expect(csp.contains(PrintCSP.hash(attribute))) }
            #expect(!csp.contains("unsafe-inline"))
            let home = try await web.send(.GET, "/")
            #expect(home.headers.first(name: "Content-Security-Policy")?.contains("style-src 'self';") == true)
        }
    }

    @Test("DOC-11 a document is voided from the case page with a reason and confirmation; without a reason nothing changes")
    func voidFromPage() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let caseID = try await DocumentTests.openCase(env, s)
            let token = try await env.token(s.officerA)
            let doc = try DocumentTests.decode(DocumentDTO.self, try await DocumentTests.issue(env, token, caseID))
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(caseID.uuidString)").body.string
            let action = "/documents/\(doc.id.uuidString)/void"
            #expect(page.contains("action=\"\(action)\"") && page.contains("data-confirm"))
            let csrf = WebClient.csrf(in: page) ?? ""
            // act + check: no reason is refused, naming the rule
            let refused = try await web.send(.POST, action, form: ["_csrf": csrf, "reason": " "])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("作废文书须注明理由"))
            let done = try await web.send(.POST, action, form: ["_csrf": csrf, "reason": "文书送达地址有误，重新制发"])
            #expect(done.status == .seeOther)
            let after = try await web.send(.GET, "/cases/\(caseID.uuidString)").body.string
            #expect(after.contains("作废") && !after.contains("action=\"\(action)\""))
            #expect(after.contains("状态：已签发 → 作废"))
        }
    }

    @Test("X-07 the case page's clock table names the rule set 行政约谈时限 第1版, not interview@1; the deadlines page's cells carry data-label for phones")
    func clockRuleSetInChinese() async throws {
        try await withApp { env in
            // setup: an interview clue of 2025-09-30 (verification clock, due 10-11 across National Day)
            let st = try await InterviewTests.staff(env)
            let officer = try await env.token(st.s.officerA)
            let created = try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
                "partyID": st.party.id.uuidString, "title": "中村便民超市消防器材缺失", "source": "inspection", "description": "灭火器缺失",
            ])
            let id = try #require(try InterviewTests.json(created)["id"] as? String)
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            // act
            let page = try await web.send(.GET, "/cases/\(id)").body.string
            let deadlines = try await web.send(.GET, "/deadlines").body.string
            // check
            let clocks = try #require(page.range(of: "id=\"case-clocks\"").map { String(page[$0.upperBound...]) }).components(separatedBy: "</table>")[0]
            #expect(clocks.contains("行政约谈时限 第1版"))
            #expect(!page.contains("interview@1"))
            let list = try #require(deadlines.range(of: "id=\"deadline-list\"").map { String(deadlines[$0.upperBound...]) }).components(separatedBy: "</table>")[0]
            #expect(list.contains("<td data-label=\"环节\">"))
            #expect(list.components(separatedBy: "<td").count == list.components(separatedBy: "<td data-label=").count)
        }
    }
}
