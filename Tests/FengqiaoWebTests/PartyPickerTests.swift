import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// Issue 12: a party is picked by search, not from a list of every party. The new-case form offers
/// only what a query found (at most `PartyPicker.limit`), in the user's scope (X-05), identifiers as
/// the party list shows them (X-09); without JavaScript its 查找 button posts the form back.
@Suite("Party picker (issue 12, X-05)", .serialized)
struct PartyPickerTests {
    /// The party options the new-interview form offers (its placeholder `<option value="">` not counted).
    static func options(_ html: String) -> Int {
        guard let start = html.range(of: "<select id=\"new-partyID\""), let end = html.range(of: "</select>", range: start.upperBound..<html.endIndex) else {
            return -1
        }
        let select = String(html[start.lowerBound..<end.upperBound])
        return select.components(separatedBy: "<option value=\"").count - select.components(separatedBy: "<option value=\"\"").count
    }

    static func items(_ res: TestingHTTPResponse) throws -> [[String: Any]] {
        try InterviewTests.json(res)["items"] as? [[String: Any]] ?? []
    }

    /// `count` parties of office A imported at once, as `party import` does.
    static func importParties(_ env: TestEnv, _ s: Seeded, count: Int) async throws {
        let actor = Actor(userID: s.officerA.id, login: "officer_a", name: "李明", unitID: s.officeA.id, permissions: [.partyImport, .partyWrite, .partyRead],
                          roleCodes: [], visibleUnits: [s.officeA.id])
        let rows = DemoData.parties(count: count, seed: 7, serialBase: 30_000).enumerated().map { ($0.offset + 2, $0.element) }
        let summary = try await env.parties.importRows(rows, unitID: s.officeA.id, actor: actor, context: .system("test"))
        #expect(summary.errors.isEmpty && summary.created + summary.existing == count)
    }

    @Test("Issue 12 with 600 parties the new-interview form lists none before a query and at most 20 after one, and says there are more")
    func neverEveryParty() async throws {
        try await withApp { env in
            // setup: 600 parties of office A (most named 江城市…)
            let s = try await env.seed()
            try await Self.importParties(env, s, count: 600)
            #expect(try await env.parties.count(actor: env.actor(s.officerA)) == 600)
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            // act
            let blank = try await web.send(.GET, "/interviews/new")
            let broad = try await web.send(.GET, "/interviews/new?partyQuery=\("江城市".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            let json = try await web.send(.GET, "/interviews/new/parties?q=\("江城市".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            let short = try await web.send(.GET, "/interviews/new?partyQuery=%E6%B1%9F")
            // check: no party before a query; 20 after a broad one, with a note; the script's JSON alike
            #expect(blank.status == .ok && Self.options(blank.body.string) == 0 && blank.body.string.contains("请先查找当事人"))
            #expect(blank.body.string.contains("data-party-search=\"/interviews/new/parties\""))
            #expect(broad.status == .ok && Self.options(broad.body.string) == PartyPicker.limit)
            #expect(broad.body.string.contains("仅显示前20个结果"))
            #expect(try Self.items(json).count == PartyPicker.limit)
            #expect(Self.options(short.body.string) == 0 && short.body.string.contains("请至少输入两个字"))
        }
    }

    @Test("Issue 12 X-09 a query finds a party by name, by USCC and by the whole ID number; a person's number is shown masked, never whole")
    func findsByNameAndIdentifier() async throws {
        try await withApp { env in
            // setup: an enterprise and a person of office A
            let st = try await InterviewTests.staff(env)
            let number = DemoData.idNumber(birth: LocalDate(iso: "1980-05-17")!, sequence: 321)
            let person = try await env.parties.create(PartyInput(kind: "person", name: "王秀英", idNumber: number, phone: "13900001111"),
                                                      unitID: st.s.officeA.id, actor: env.actor(st.s.officerA), context: .system("test")).party
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            func page(_ q: String) async throws -> String {
                try await web.send(.GET, "/interviews/new?partyQuery=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)").body.string
            }
            // act + check: by part of the name and by the USCC, the enterprise with its USCC
            let enterprise = "<option value=\"\(st.party.id.uuidString)\">江城市中村便民超市有限公司（\(st.party.uscc ?? "")）</option>"
            #expect(try await page("便民超市").contains(enterprise))
            #expect(try await page(st.party.uscc ?? "").contains(enterprise))
            // by the whole ID number: the person, the number masked as on the party list
            let byNumber = try await page(number)
            #expect(byNumber.contains("<option value=\"\(person.id.uuidString)\">王秀英（\(Masking.idNumber(number))）</option>"))
            #expect(!byNumber.replacingOccurrences(of: "value=\"\(number)\"", with: "").contains(number))
            let json = try await web.send(.GET, "/interviews/new/parties?q=\(number)")
            #expect(try Self.items(json).map { $0["id"] as? String } == [person.id.uuidString])
            #expect(!json.body.string.contains(number) && json.body.string.contains(Masking.idNumber(number)))
            // nothing found says so
            #expect(try await page("不存在的名称").contains("未找到“不存在的名称”"))
        }
    }

    @Test("Issue 12 X-05 another office's party is never offered — by name, USCC, JSON or ?party= — and a case cannot be opened with it")
    func otherOfficeNeverOffered() async throws {
        try await withApp { env in
            // setup: office B's party
            let s = try await env.seed()
            let other = try await env.parties.create(PartyInput(kind: "enterprise", name: "东湖保密商贸有限公司", uscc: .uscc(8802), representative: "孙东"),
                                                     unitID: s.officeB.id, actor: env.actor(s.officerB), context: .system("test")).party
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            // act + check: office A's officer finds nothing of it
            for path in ["/interviews/new?partyQuery=%E4%B8%9C%E6%B9%96%E4%BF%9D%E5%AF%86", "/interviews/new?partyQuery=\(other.uscc ?? "")",
                         "/interviews/new/parties?q=\(other.uscc ?? "")", "/interviews/new?party=\(other.id.uuidString)"] {
                let res = try await web.send(.GET, path)
                #expect(res.status == .ok, "\(path)")
                #expect(!res.body.string.contains("东湖保密商贸") && !res.body.string.contains(other.id.uuidString), "\(path)")
            }
            // posting its id anyway is refused and opens nothing
            let csrf = try await web.csrf(from: "/interviews/new")
            let refused = try await web.send(.POST, "/interviews", form: ["_csrf": csrf, "partyID": other.id.uuidString, "title": "越权立案", "source": "inspection",
                                                                         "description": "检查"])
            #expect(refused.status == .unprocessableEntity && !refused.body.string.contains("东湖保密商贸"))
            #expect(try await env.sql.select().column("id").from("cases").all().isEmpty)
            // office B's officer finds it
            let own = WebClient(env)
            try await own.login("officer_b", Seeded.password)
            #expect(try await own.send(.GET, "/interviews/new/parties?q=\(other.uscc ?? "")").body.string.contains("东湖保密商贸有限公司"))
        }
    }

    @Test("Issue 12 without JavaScript: the field's 查找 form asks the page again with ?partyQuery= and offers the matches; choosing a found party opens the case with it")
    func chooseFoundParty() async throws {
        try await withApp { env in
            // setup: 600 parties and the supermarket of office A
            let st = try await InterviewTests.staff(env)
            try await Self.importParties(env, st.s, count: 600)
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            // act: the field's own GET form (its box and button belong to it, not to the case's form)
            let blank = try await web.send(.GET, "/interviews/new").body.string
            #expect(blank.contains("<form id=\"new-partyID-find\" method=\"get\" action=\"/interviews/new\""))
            #expect(blank.contains("name=\"partyQuery\" form=\"new-partyID-find\"") && blank.contains("type=\"submit\" form=\"new-partyID-find\""))
            let found = try await web.send(.GET, "/interviews/new?partyQuery=%E4%B8%AD%E6%9D%91%E4%BE%BF%E6%B0%91")
            // check: the form with the match and the query; nothing opened
            #expect(found.status == .ok)
            let html = found.body.string
            #expect(html.contains("<option value=\"\(st.party.id.uuidString)\">江城市中村便民超市有限公司"))
            #expect(html.contains("value=\"中村便民\""))
            #expect(Self.options(html) == 1)
            #expect(try await env.sql.select().column("id").from("cases").all().isEmpty)
            // act: choose it and open the case
            let csrf = WebClient.csrf(in: html) ?? ""
            let opened = try await web.send(.POST, "/interviews", form: ["_csrf": csrf, "partyID": st.party.id.uuidString,
                                                                        "title": "消防器材缺失", "source": "inspection", "description": "检查发现灭火器缺失"])
            #expect(opened.status == .seeOther)
            let caseID = try #require(opened.headers.first(name: .location)?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            // check: the case is the supermarket's
            let api = try await env.request(.GET, "/api/v1/interviews/\(caseID)", token: try await env.token(st.s.officerA))
            #expect((try InterviewTests.json(api)["facts"] as? [String: Any])?["partyID"] as? String == st.party.id.uuidString)
            // a refused form keeps the chosen party offered and selected, and the title as typed
            let bad = try await web.send(.POST, "/interviews", form: ["_csrf": csrf, "partyID": st.party.id.uuidString, "title": "缺来源"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("<option value=\"\(st.party.id.uuidString)\" selected>"))
            #expect(bad.body.string.contains("value=\"缺来源\"") && Self.options(bad.body.string) == 1)
        }
    }
}
