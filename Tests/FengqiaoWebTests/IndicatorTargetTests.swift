import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// statistics.md "targets configurable", ST-10: the main leader sets the interview's targets for a
/// year on its page and over the API; the statistics of that year (page, API, CSV, XLSX) judge
/// against them, other years keep the defaults; bad values change nothing; officers are refused;
/// every change is in the audit chain. On SQLite and PostgreSQL.
@Suite("Indicator targets through the pages and API (statistics.md targets configurable, ST-10)", .serialized)
struct IndicatorTargetTests {
    struct World {
        let st: InterviewTests.Staff
        let chief: UserRecord
        let officerToken: String
        let chiefToken: String
    }

    /// Tue 2025-09-30 (2025 Q3): a 消防器材缺失 (key-sector) ground verified, not yet interviewed —
    /// coverage 0 of 1 for the quarter; and the bureau's main leader (主要领导, scope all).
    static func world(_ env: TestEnv) async throws -> World {
        let st = try await InterviewTests.staff(env)
        let chief = try await env.user("chief", "王局长", unit: st.s.bureau.id, role: "chief-leader", scope: .all)
        let officer = try await env.token(st.s.officerA)
        let created = try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
            "partyID": st.party.id.uuidString, "title": "中村便民超市消防器材缺失", "source": "inspection", "description": "日常检查发现灭火器缺失2具",
        ])
        let id = try #require(try InterviewTests.json(created)["id"] as? String)
        var verify = ViolationCategoryWebTests.verify
        verify["category"] = ["fire-equipment"]
        #expect(try await InterviewTests.action(env, officer, id, "verify", verify).status == .ok)
        return World(st: st, chief: chief, officerToken: officer, chiefToken: try await env.token(chief))
    }

    /// The coverage indicator of a period over the API.
    static func coverage(_ env: TestEnv, _ token: String, _ period: String) async throws -> [String: Any] {
        let json = try InterviewTests.json(try await env.request(.GET, "/api/v1/statistics/interviews?period=\(period)", token: token))
        return try #require((json["indicators"] as? [[String: Any]])?.first { $0["kind"] as? String == "coverage" })
    }

    /// The row of the statistics page's indicator table naming `name`.
    static func row(_ html: String, _ name: String) -> String {
        html.components(separatedBy: "<tr").first { $0.contains(">\(name)<") } ?? ""
    }

    static func trail(_ env: TestEnv) async throws -> [String] {
        try await env.sql.select().column("detail").from("audit_events").where("action", .equal, SQLBind("statistics.targets")).orderBy("seq").all()
            .map { try $0.decode(column: "detail", as: String?.self) ?? "" }
    }

    static func settings(_ env: TestEnv) async throws -> [String: Double] {
        try await IndicatorTargetRepository(store: env.store).settings(InterviewProcedure.self, year: 2025).mapValues(\.value)
    }

    @Test("statistics.md targets configurable ST-10: the main leader sets coverage to 85 for 2025 on the page (CSRF); 2025 Q3 shows target 85.0% and 否 on the page, the API, CSV and XLSX; 2024 Q3 keeps the default 80.0%; audited, chain intact")
    func mainLeaderSetsTargetOnThePage() async throws {
        try await withApp { env in
            // setup
            let w = try await Self.world(env)
            let web = WebClient(env)
            try await web.login("chief", Seeded.password)
            // the statistics page links the leader to the year's targets; by default 80.0% for coverage
            let before = try await web.send(.GET, "/statistics/interviews?period=2025-Q3").body.string
            #expect(before.contains("href=\"/statistics/interviews/targets?year=2025\"") && before.contains("目标为默认目标（2025年度未调整）"))
            #expect(Self.row(before, "重点领域约谈覆盖率").contains("80.0%") && Self.row(before, "重点领域约谈覆盖率").contains(">否<"))
            let page = try await web.send(.GET, "/statistics/interviews/targets?year=2025")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("行政约谈考核目标 · 2025年") && page.body.string.contains("name=\"coverage\"")
                && page.body.string.contains("计入年度考核的权重"))
            #expect(Self.row(page.body.string, "重点领域约谈覆盖率").contains("80.0%"))
            let csrf = try #require(WebClient.csrf(in: page.body.string))

            // without the form's token: refused, nothing saved
            #expect(try await web.send(.POST, "/statistics/interviews/targets?year=2025", form: ["coverage": "85"]).status == .forbidden)
            #expect(try await Self.settings(env).isEmpty)

            // act: coverage 85 (a percent), the rest left empty (their defaults)
            let saved = try await web.send(.POST, "/statistics/interviews/targets?year=2025", form: ["_csrf": csrf, "coverage": "85", "rectification": ""])
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/statistics/interviews/targets?year=2025&ok=targets-saved")

            // check: stored as 0.85 for 2025, shown back as 85 with the flash
            #expect(try await Self.settings(env) == ["coverage": 0.85])
            let after = try await web.send(.GET, "/statistics/interviews/targets?year=2025&ok=targets-saved").body.string
            #expect(after.contains("考核目标已保存") && after.contains("value=\"85\"") && after.contains("本年度设定（王局长）"))
            // the statistics of 2025 Q3 judge coverage 0 of 1 against 85 %: 否
            let stats = try await web.send(.GET, "/statistics/interviews?period=2025-Q3").body.string
            let row = Self.row(stats, "重点领域约谈覆盖率")
            #expect(row.contains("85.0%") && row.contains(">否<") && !row.contains("80.0%"))
            #expect(stats.contains("目标按2025年度设定计算（1项已调整）"))
            let api = try await Self.coverage(env, w.chiefToken, "2025-Q3")
            #expect(api["target"] as? Double == 0.85 && api["met"] as? Bool == false && api["denominator"] as? Int == 1)
            let csv = try await web.send(.GET, "/statistics/interviews?period=2025-Q3&format=csv").body.string
            #expect(csv.contains("重点领域约谈覆盖率,0,1,0.0%,85.0%,否"))
            let xlsx = try await web.send(.GET, "/statistics/interviews?period=2025-Q3&format=xlsx")
            #expect(xlsx.status == .ok && Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            // the other targets, and 2024, keep the defaults
            #expect(Self.row(stats, "整改完成率").contains("90.0%"))
            let lastYear = try await Self.coverage(env, w.chiefToken, "2024-Q3")
            #expect(lastYear["target"] as? Double == 0.80)
            #expect(Self.row(try await web.send(.GET, "/statistics/interviews?period=2024-Q3").body.string, "重点领域约谈覆盖率").contains("80.0%"))
            // audited, with the indicator's name, the default and the new value; the chain verifies
            let trail = try await Self.trail(env)
            #expect(trail == ["设定2025年度行政约谈考核目标：重点领域约谈覆盖率 默认80.0% → 85.0%"])
            #expect(try await env.audit.verify().isIntact)
            // the same form again changes nothing and writes no event; an empty field restores the default
            _ = try await web.send(.POST, "/statistics/interviews/targets?year=2025", form: ["_csrf": csrf, "coverage": "85"])
            #expect(try await Self.trail(env).count == 1)
            _ = try await web.send(.POST, "/statistics/interviews/targets?year=2025", form: ["_csrf": csrf, "coverage": ""])
            #expect(try await Self.settings(env).isEmpty)
            #expect(try await Self.trail(env).last == "设定2025年度行政约谈考核目标：重点领域约谈覆盖率 85.0% → 恢复默认80.0%")
            #expect(try await Self.coverage(env, w.chiefToken, "2025-Q3")["target"] as? Double == 0.80)
        }
    }

    @Test("statistics.md targets configurable ST-10: a bad value (120 for a ratio, text) comes back with its field's Chinese error and what was typed; nothing changes, nothing is audited")
    func badValuesChangeNothing() async throws {
        try await withApp { env in
            // setup: satisfaction already set to 90 for 2025
            let w = try await Self.world(env)
            let web = WebClient(env)
            try await web.login("chief", Seeded.password)
            let csrf = try await web.csrf(from: "/statistics/interviews/targets?year=2025")
            #expect(try await web.send(.POST, "/statistics/interviews/targets?year=2025", form: ["_csrf": csrf, "satisfaction": "90"]).status == .seeOther)
            // act: coverage 120 %, rectification in words, satisfaction changed to 92 alongside
            let refused = try await web.send(.POST, "/statistics/interviews/targets?year=2025",
                                             form: ["_csrf": csrf, "coverage": "120", "rectification": "八十五", "satisfaction": "92"])
            // check: 422, each field named, the typed values kept; nothing saved, the trail unchanged
            #expect(refused.status == .unprocessableEntity)
            let html = refused.body.string
            #expect(html.contains("重点领域约谈覆盖率的目标应在0%至100%之间（ST-10）") && html.contains("整改完成率的目标应为数字，如 85（即85%）（ST-10）"))
            #expect(html.contains("value=\"120\"") && html.contains("value=\"八十五\"") && html.contains("value=\"92\""))
            #expect(Self.row(html, "重点领域约谈覆盖率").contains("field-error"))
            #expect(try await Self.settings(env) == ["satisfaction": 90])
            #expect(try await Self.trail(env).count == 1)
            #expect(try await Self.coverage(env, w.chiefToken, "2025-Q3")["target"] as? Double == 0.80)
            // a year out of range is refused
            #expect(try await web.send(.GET, "/statistics/interviews/targets?year=1999").status == .unprocessableEntity)
        }
    }

    @Test("statistics.md targets configurable ST-10: over the API the main leader PUTs coverage 0.85 and the weight 0.20 for 2025; bad values are 422 problems with a stable code and change nothing; an officer gets 403 on the API and the page")
    func api() async throws {
        try await withApp { env in
            // setup
            let w = try await Self.world(env)
            struct Body: Encodable { let targets: [String: Double]; let annualWeight: Double? }
            // act: the main leader's PUT
            let put = try await env.request(.PUT, "/api/v1/statistics/interviews/targets?year=2025", token: w.chiefToken,
                                            json: Body(targets: ["coverage": 0.85], annualWeight: 0.2))
            // check: the year's values and the targets in force come back; the report uses them
            #expect(put.status == .ok)
            let body = try InterviewTests.json(put)
            #expect(body["year"] as? Int == 2025 && (body["targets"] as? [String: Double]) == ["coverage": 0.85] && body["annualWeight"] as? Double == 0.2)
            let item = (body["indicators"] as? [[String: Any]])?.first { $0["key"] as? String == "coverage" }
            #expect(item?["default"] as? Double == 0.8 && item?["target"] as? Double == 0.85 && item?["maximum"] as? Double == 1)
            let got = try InterviewTests.json(try await env.request(.GET, "/api/v1/statistics/interviews/targets?year=2025", token: w.chiefToken))
            #expect((got["targets"] as? [String: Double]) == ["coverage": 0.85] && got["annualWeightInForce"] as? Double == 0.2)
            let coverage = try await Self.coverage(env, w.chiefToken, "2025-Q3")
            #expect(coverage["target"] as? Double == 0.85 && coverage["met"] as? Bool == false)
            #expect(try await Self.coverage(env, w.chiefToken, "2024-Q3")["target"] as? Double == 0.80)
            #expect(try await Self.trail(env) == ["设定2025年度行政约谈考核目标：重点领域约谈覆盖率 默认80.0% → 85.0%；计入年度考核的权重 默认15.0% → 20.0%"])

            // act + check: bad values — 422 problem JSON with the stable code, nothing changed
            for (json, code) in [(#"{"targets":{"coverage":1.2}}"#, "target.out-of-range"), (#"{"targets":{"coverage":"abc"}}"#, "target.not-a-number"),
                                 (#"{"targets":{"bogus":0.5}}"#, "target.unknown"), (#"{"targets":{},"annualWeight":1.5}"#, "target.out-of-range")] {
                let res = try await env.app.testing().sendRequest(.PUT, "/api/v1/statistics/interviews/targets?year=2025") { req in
                    req.headers.bearerAuthorization = BearerAuthorization(token: w.chiefToken)
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: json)
                }
                #expect(res.status == .unprocessableEntity, "\(json)")
                #expect(res.headers.contentType?.description.hasPrefix("application/problem+json") == true, "\(json)")
                #expect(try InterviewTests.json(res)["code"] as? String == code, "\(json)")
            }
            let refused = try await env.request(.PUT, "/api/v1/statistics/interviews/targets?year=2025", token: w.chiefToken,
                                                json: Body(targets: ["coverage": 1.2], annualWeight: nil))
            #expect(refused.body.string.contains("重点领域约谈覆盖率的目标应在0%至100%之间"))
            #expect(try await Self.settings(env) == ["coverage": 0.85, IndicatorTargets.annualWeightKey: 0.2])
            #expect(try await Self.trail(env).count == 1)
            // a year is required to PUT, and must be in range
            #expect(try InterviewTests.json(try await env.request(.PUT, "/api/v1/statistics/interviews/targets", token: w.chiefToken,
                                                                   json: Body(targets: [:], annualWeight: nil)))["code"] as? String == "target.year.required")
            #expect(try await env.request(.GET, "/api/v1/statistics/interviews/targets?year=1999", token: w.chiefToken).status == .unprocessableEntity)
            // PUT replaces: coverage left out goes back to its default
            #expect(try await env.request(.PUT, "/api/v1/statistics/interviews/targets?year=2025", token: w.chiefToken,
                                          json: Body(targets: ["documents": 0.95], annualWeight: 0.2)).status == .ok)
            #expect(try await Self.settings(env) == ["documents": 0.95, IndicatorTargets.annualWeightKey: 0.2])

            // an officer (and the head of office) may not read or set targets: 403; the officer has no link on statistics either
            for token in [w.officerToken, try await env.token(w.st.head)] {
                #expect(try await env.request(.GET, "/api/v1/statistics/interviews/targets?year=2025", token: token).status == .forbidden)
                #expect(try await env.request(.PUT, "/api/v1/statistics/interviews/targets?year=2025", token: token,
                                              json: Body(targets: ["coverage": 0.5], annualWeight: nil)).status == .forbidden)
            }
            let officer = WebClient(env)
            try await officer.login("officer_a", Seeded.password)
            #expect(try await officer.send(.GET, "/statistics/interviews/targets?year=2025").status == .forbidden)
            let csrf = try await officer.csrf(from: "/")
            #expect(try await officer.send(.POST, "/statistics/interviews/targets?year=2025", form: ["_csrf": csrf, "coverage": "10"]).status == .forbidden)
            let head = WebClient(env)
            try await head.login("head_a", Seeded.password)
            let headStats = try await head.send(.GET, "/statistics/interviews?period=2025-Q3").body.string
            #expect(!headStats.contains("/statistics/interviews/targets") && headStats.contains("目标按2025年度设定计算（2项已调整）"))
            #expect(try await Self.settings(env) == ["documents": 0.95, IndicatorTargets.annualWeightKey: 0.2])
        }
    }
}
