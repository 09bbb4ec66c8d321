import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// PLT-16: the shared violation-category tree kept by the legal department — the page, the API, a
/// published version used by the interview's verification (IV-03), and old cases keeping their
/// category. On SQLite and PostgreSQL.
@Suite("Violation categories through the pages and API (PLT-16)", .serialized)
struct ViolationCategoryWebTests {
    static let verify: [String: [String]] = [
        "facts": ["夜间施工噪声"], "evidence": ["现场检查笔录"], "provisions": ["《中华人民共和国噪声污染防治法》第六十四条"], "ground": ["public-concern"],
        "category": ["noise"], "necessity": ["投诉较多"], "notSerious": ["on"],
    ]

    static func open(_ env: TestEnv, _ token: String, _ st: InterviewTests.Staff, _ title: String) async throws -> String {
        let created = try await env.request(.POST, "/api/v1/interviews", token: token, json: [
            "partyID": st.party.id.uuidString, "title": title, "source": "complaint", "description": "群众投诉",
        ])
        return try #require(try InterviewTests.json(created)["id"] as? String)
    }

    static func versions(_ env: TestEnv) async throws -> Int {
        try await env.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("violation_category_versions").first()?
            .decode(column: "n", as: Int.self) ?? -1
    }

    @Test("PLT-16 IV-03: the legal reviewer retires 噪声扰民 from Thu 2025-10-09 (previewed, confirmed, audited); before that day it is still offered, from it a new verification is refused while the case verified as 噪声扰民 still shows it; the officer gets 403")
    func publishAndUse() async throws {
        try await withApp { env in
            // setup: Tue 2025-09-30, case A verified as 噪声扰民 under version 1
            let st = try await InterviewTests.staff(env)
            let officer = try await env.token(st.s.officerA)
            let caseA = try await Self.open(env, officer, st, "夜间噪声扰民")
            #expect(try await InterviewTests.action(env, officer, caseA, "verify", Self.verify).status == .ok)
            #expect(try await Self.versions(env) == 1)

            // the officer may neither see the page nor publish (403), nor through the API; and has no nav entry
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            #expect(try await web.send(.GET, "/violation-categories").status == .forbidden)
            let home = try await web.send(.GET, "/").body.string
            #expect(!home.contains("href=\"/violation-categories\""))
            var csrf = try await web.csrf(from: "/")
            #expect(try await web.send(.POST, "/violation-categories", form: ["_csrf": csrf, "operation": "retire", "target": "noise",
                                                                              "effectiveOn": "2025-10-09", "confirmed": "yes"]).status == .forbidden)
            #expect(try await env.request(.POST, "/api/v1/violation-categories/versions", token: officer, json: ViolationCategoryPublishDTO(
                effectiveOn: "2025-10-09", note: nil, changes: [.init(action: "retire", code: "noise", name: nil, legalBasis: nil, parent: nil, keySector: nil)]))
                .status == .forbidden)

            // act 1: the legal reviewer — nav, the tree by sector, a bad form refused with what was typed, nothing published
            let legal = WebClient(env)
            try await legal.login("legal", Seeded.password)
            let page = try await legal.send(.GET, "/violation-categories")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("href=\"/violation-categories\"") && page.body.string.contains("《中华人民共和国消防法》第十六条"))
            #expect(page.body.string.contains("安全生产（重点领域）") && page.body.string.contains("现行第1版"))
            csrf = try await legal.csrf(from: "/violation-categories")
            let bad = try await legal.send(.POST, "/violation-categories", form: ["_csrf": csrf, "operation": "add", "code": "Night Noise", "name": "夜间噪声",
                                                                                 "legalBasis": "", "parent": "sector-noise", "effectiveOn": "2025-10-09"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("类别代码“Night Noise”只能由小写字母") && bad.body.string.contains("请填写“夜间噪声”的法律依据")
                && bad.body.string.contains("value=\"夜间噪声\""))
            // act 2: the preview changes nothing; the confirmation publishes version 2 from 2025-10-09
            let preview = try await legal.send(.POST, "/violation-categories", form: ["_csrf": csrf, "operation": "retire", "target": "noise",
                                                                                     "effectiveOn": "2025-10-09", "note": "噪声扰民不再适用约谈"])
            #expect(preview.status == .ok && preview.body.string.contains("确认发布第2版") && preview.body.string.contains("停用“噪声扰民”（noise）"))
            #expect(try await Self.versions(env) == 1)
            let published = try await legal.send(.POST, "/violation-categories", form: ["_csrf": csrf, "operation": "retire", "target": "noise",
                                                                                       "effectiveOn": "2025-10-09", "note": "噪声扰民不再适用约谈",
                                                                                       "confirmed": "yes"])
            #expect(published.status == .seeOther)
            #expect(try await Self.versions(env) == 2)
            let trail = try await env.sql.select().column("detail").from("audit_events").where("action", .equal, SQLBind("category.publish")).all()
                .map { try $0.decode(column: "detail", as: String?.self) ?? "" }
            #expect(trail.count == 1 && trail[0].contains("发布违法行为类别第2版") && trail[0].contains("停用“噪声扰民”"))
            #expect(try await legal.send(.GET, "/violation-categories").body.string.contains("待生效"))

            // check 1: still 2025-09-30 — version 1 in force, 噪声扰民 still offered and accepted
            let caseB = try await Self.open(env, officer, st, "夜间噪声扰民（二）")
            #expect(try await env.request(.GET, "/api/v1/interviews/\(caseB)/actions", token: officer).body.string.contains("\"noise\""))
            #expect(try await env.request(.GET, "/api/v1/violation-categories", token: officer).body.string.contains("\"version\":1"))

            // check 2: from Thu 2025-10-09 version 2 applies — not offered, refused with PLT-16 and a stable code
            env.moveClock(to: "2025-10-09")
            let tree = try InterviewTests.json(try await env.request(.GET, "/api/v1/violation-categories", token: officer))
            #expect(tree["version"] as? Int == 2)
            let noise = (tree["sectors"] as? [[String: Any]])?.flatMap { $0["categories"] as? [[String: Any]] ?? [] }.first { $0["code"] as? String == "noise" }
            #expect(noise?["retired"] as? Bool == true && noise?["name"] as? String == "噪声扰民")
            #expect(!(try await env.request(.GET, "/api/v1/interviews/\(caseB)/actions", token: officer).body.string.contains("\"noise\"")))
            let refused = try await InterviewTests.action(env, officer, caseB, "verify", Self.verify)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("input.category.retired") && refused.body.string.contains("PLT-16"))
            var fire = Self.verify
            fire["category"] = ["fire-equipment"]
            #expect(try await InterviewTests.action(env, officer, caseB, "verify", fire).status == .ok)
            // the case verified before keeps its code and shows its name on the case page
            try await web.login("officer_a", Seeded.password)
            #expect(try await web.send(.GET, "/cases/\(caseA)").body.string.contains("噪声扰民"))
            let stored = try await env.sql.select().column("category").from("cases").where("id", .equal, SQLBind(UUID(uuidString: caseA)!)).first()?
                .decode(column: "category", as: String?.self)
            #expect(stored == "noise")
        }
    }

    @Test("PLT-16: a category field is generic — the test-only errand's new-case form offers the tree's categories and the engine refuses a sector or an unknown code")
    func genericField() async throws {
        try await withApp(procedures: RegistryTests.registry) { env in
            // setup
            let s = try await env.seed()
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村测试商行有限公司", uscc: .uscc(5150)),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let officer = try await env.token(s.officerA)
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            // check: the form offers version 1's categories with their sectors, not the sectors themselves
            let form = try await web.send(.GET, "/errands/new").body.string
            #expect(form.contains("<option value=\"fire-equipment\">消防器材缺失（安全生产）</option>") && !form.contains("value=\"sector-food\""))
            // act + check: a sector is refused with the stable code; a category is accepted
            for (code, status) in [("sector-food", HTTPStatus.unprocessableEntity), ("nope", .unprocessableEntity), ("price", .created)] {
                let res = try await env.request(.POST, "/api/v1/errands", token: officer, json: ["partyID": party.id.uuidString, "title": "测试", "category": code])
                #expect(res.status == status)
                if status != .created { #expect(res.body.string.contains("input.category.invalid") && res.body.string.contains("PLT-16")) }
            }
        }
    }

    @Test("PLT-16: the API publishes a new category that Verify then accepts; bad input is a problem with stable codes and nothing changes")
    func apiPublish() async throws {
        try await withApp { env in
            // setup
            let st = try await InterviewTests.staff(env)
            let legal = try await env.token(st.legal)
            let officer = try await env.token(st.s.officerA)
            // act: refused — an unknown code to retire and a past date
            let bad = try await env.request(.POST, "/api/v1/violation-categories/versions", token: legal, json: ViolationCategoryPublishDTO(
                effectiveOn: "2025-09-01", note: nil, changes: [.init(action: "retire", code: "nope", name: nil, legalBasis: nil, parent: nil, keySector: nil)]))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("category.code.unknown") && bad.body.string.contains("category.effective.past"))
            #expect(try await Self.versions(env) == 1)
            // act: a new category under 食品安全 from today
            let ok = try await env.request(.POST, "/api/v1/violation-categories/versions", token: legal, json: ViolationCategoryPublishDTO(
                effectiveOn: "2025-09-30", note: "新增", changes: [.init(action: "add", code: "food-label", name: "食品标签不规范",
                                                                      legalBasis: "《中华人民共和国食品安全法》第六十七条", parent: "sector-food", keySector: nil)]))
            #expect(ok.status == .created)
            // check: Verify accepts it, the case keeps its name
            let id = try await Self.open(env, officer, st, "预包装食品标签不规范")
            var input = Self.verify
            input["category"] = ["food-label"]
            #expect(try await InterviewTests.action(env, officer, id, "verify", input).status == .ok)
            let facts = try await env.request(.GET, "/api/v1/interviews/\(id)", token: officer).body.string
            #expect(facts.contains("食品标签不规范"))
        }
    }
}
