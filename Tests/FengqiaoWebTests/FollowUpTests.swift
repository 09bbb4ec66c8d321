import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Issue 12 item 3: revisits, ratings and indicators are shared. The test-only errand declares its
/// own dimensions and indicators and gets the revisit form and API, the sample, the rating link,
/// the statistics page, its API and exports with no web or store code of its own. On SQLite and
/// PostgreSQL.
@Suite("Shared follow-up and statistics (issue 12 item 3, ST-06, ST-21)", .serialized)
struct FollowUpTests {
    static let registry = ProcedureRegistry.shipped.adding([ErrandProcedure.self])

    struct RevisitBody: Encodable {
        let on: String
        let method: String
        let answer: String
        var speed: Int?
        var clarity: Int?
        var effect: Int?
    }

    struct ActionBody: Encodable {
        let version: Int
        let input: [String: String]
    }

    @Test("ST-21 ST-06: an errand closed after the 2025 National Day is revisited on its own dimensions, rated, sampled and counted on its statistics page")
    func errandFollowUp() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup: an errand opened Tue 2025-09-30, submitted and approved Thu 2025-10-09 after the holiday
            let s = try await env.seed()
            let head = try await env.user("head_a", "周所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村回访测试有限公司", uscc: .uscc(5151)),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let officer = try await env.token(s.officerA)
            let headToken = try await env.token(head)
            let created = try RegistryTests.json(try await env.request(.POST, "/api/v1/errands", token: officer,
                                                                       json: ["partyID": party.id.uuidString, "title": "回访测试事项"]))
            let id = try #require(created["id"] as? String)
            // a revisit of an open case is refused (ST-21)
            let early = try await env.request(.POST, "/api/v1/errands/\(id)/revisits", token: officer,
                                              json: RevisitBody(on: "2025-09-30", method: "phone", answer: "satisfied", speed: 5, clarity: 5))
            #expect(early.status == .unprocessableEntity && early.body.string.contains("revisit.case-open"))
            env.moveClock(to: "2025-10-09")
            #expect(try await env.request(.POST, "/api/v1/errands/\(id)/actions/submit", token: officer, json: ActionBody(version: 1, input: ["report": "已办"])).status == .ok)
            #expect(try await env.request(.POST, "/api/v1/errands/\(id)/actions/approve", token: headToken, json: ["version": 2]).status == .ok)

            // act: revisit on Mon 2025-10-13 through the API, on the errand's dimensions
            env.moveClock(to: "2025-10-13")
            let missing = try await env.request(.POST, "/api/v1/errands/\(id)/revisits", token: officer,
                                                json: RevisitBody(on: "2025-10-13", method: "phone", answer: "satisfied", speed: 5, effect: 5))
            // check: the interview's `effect` is not the errand's; `clarity` is named as missing, nothing stored
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("clarity") && missing.body.string.contains("告知清楚"))
            let recorded = try await env.request(.POST, "/api/v1/errands/\(id)/revisits", token: officer,
                                                 json: RevisitBody(on: "2025-10-13", method: "visit", answer: "basically-satisfied", speed: 5, clarity: 4))
            #expect(recorded.status == .created)
            #expect(try RegistryTests.json(recorded)["index"] as? Double == 90)
            let listed = try RegistryTests.list(try await env.request(.GET, "/api/v1/errands/\(id)/revisits", token: officer))
            #expect(listed.count == 1 && listed.first?["scores"] as? [Int] == [5, 4])
            // the scores are rows of the child table, one per declared dimension
            let rows = try await env.sql.select().columns("dimension", "score").from("revisit_scores").all()
            #expect(Set(try rows.map { try $0.decode(column: "dimension", as: String.self) }) == ["speed", "clarity"])
            // the interview's revisit API does not take an errand (404, no record)
            #expect(try await env.request(.GET, "/api/v1/interviews/\(id)/revisits", token: officer).status == .notFound)

            // check: the case page shows the revisit with the errand's dimension names and offers its form
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(id)").body.string
            #expect(page.contains("办理速度 5，告知清楚 4（指数 90）"))
            #expect(page.contains("name=\"clarity\"") && !page.contains("name=\"effect\""))

            // act: a rating link for the party (T-04: open once approved), used once
            let csrf = try await web.csrf(from: "/cases/\(id)")
            let link = try await web.send(.POST, "/cases/\(id)/rating-link", form: ["_csrf": csrf]).body.string
            let secret = try #require(link.components(separatedBy: "/rate/").dropFirst().first?.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            let rate = try await env.request(.GET, "/rate/\(secret)")
            #expect(rate.status == .ok && rate.body.string.contains("测试事项评价") && rate.body.string.contains("耐心程度"))
            #expect(try await env.request(.POST, "/rate/\(secret)", form: ["patience": "9"]).status == .unprocessableEntity)
            #expect(try await env.request(.POST, "/rate/\(secret)", form: ["patience": "4"]).status == .ok)
            #expect(try await env.request(.POST, "/rate/\(secret)", form: ["patience": "4"]).status == .notFound)

            // check: the quarter's revisit sample of errands lists the one closed errand, revisited
            let sample = try await web.send(.GET, "/revisits?type=errands&quarter=2025-Q4&unit=\(s.officeA.id.uuidString)").body.string
            #expect(sample.contains("本季度办结测试事项案件 1 件") && sample.contains("回访测试事项") && sample.contains("已回访"))

            // check: the statistics of 2025-Q4 — opened 09-30 is Q3, so Q4 has no opening; the revisit counts
            let q4 = try RegistryTests.json(try await env.request(.GET, "/api/v1/statistics/errands?period=2025-Q4", token: headToken))
            let indicators = try #require(q4["indicators"] as? [[String: Any]])
            let satisfaction = try #require(indicators.first { $0["kind"] as? String == "satisfaction" })
            #expect(satisfaction["numerator"] as? Double == 90 && satisfaction["denominator"] as? Int == 1)
            let rateRow = try #require(indicators.first { $0["kind"] as? String == "satisfaction-rate" })
            #expect(rateRow["numerator"] as? Double == 1 && rateRow["denominator"] as? Int == 1)
            // the year: opened and closed in 2025 → 办结率 1 ÷ 1; counts by key
            let year = try RegistryTests.json(try await env.request(.GET, "/api/v1/statistics/errands?period=2025", token: headToken))
            #expect((year["counts"] as? [String: Int]) == ["opened": 1, "closed": 1])
            let closing = try #require((year["indicators"] as? [[String: Any]])?.first { $0["kind"] as? String == "closing" })
            #expect(closing["rate"] as? Double == 1 && closing["met"] as? Bool == true)
            // the page and its exports; the OpenAPI document lists the errand's statistics and revisits
            let headWeb = WebClient(env)
            try await headWeb.login("head_a", Seeded.password)
            let stats = try await headWeb.send(.GET, "/statistics/errands?period=2025").body.string
            #expect(stats.contains("测试事项统计") && stats.contains("办结率") && stats.contains("class=\"bar-1\""))
            let csv = try await headWeb.send(.GET, "/statistics/errands?period=2025&format=csv")
            #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF] && csv.body.string.contains("办结率"))
            let paths = try #require(RegistryTests.json(try await env.request(.GET, "/api/v1/openapi.json"))["paths"] as? [String: Any])
            #expect(paths["/api/v1/statistics/errands"] != nil && paths["/api/v1/errands/{id}/revisits"] != nil && paths["/api/v1/statistics/interviews"] != nil)
            // the officer without statistics.read gets 403
            #expect(try await web.send(.GET, "/statistics/errands").status == .forbidden)
        }
    }

    @Test("Migration 013 moves the interview's fixed score columns into the child tables, scores kept, the columns dropped")
    func scoreMigration() async throws {
        try await withApp { env in
            // setup: the schema as it was before 013, with a revisit (scored and unanswered) and a rating
            let migration = MoveScoresToChildTables()
            try await migration.revert(on: env.app.db)
            let (caseID, unit, user) = (UUID(), UUID(), UUID())
            let (scored, unanswered, rating) = (UUID(), UUID(), UUID())
            try await env.sql.raw("""
                INSERT INTO revisits (id, case_id, unit_id, on_date, method, answer, effect, conduct, service, note, created_by, created_at)
                VALUES (\(bind: scored), \(bind: caseID), \(bind: unit), '2025-10-13', 'phone', 'satisfied', 5, 4, 3, '', \(bind: user), 1),
                       (\(bind: unanswered), \(bind: caseID), \(bind: unit), '2025-10-14', 'phone', 'unanswered', NULL, NULL, NULL, '', \(bind: user), 2)
                """).run()
            try await env.sql.raw("""
                INSERT INTO ratings (id, case_id, unit_id, attitude, professionalism, communication, source, created_at)
                VALUES (\(bind: rating), \(bind: caseID), \(bind: unit), 2, 3, 5, 'paper', 1)
                """).run()
            // act
            try await migration.prepare(on: env.app.db)
            // check: one row per scored dimension, none for the unanswered revisit
            func scores(_ table: String, _ owner: String) async throws -> [String: [String: Int]] {
                var out: [String: [String: Int]] = [:]
                for r in try await env.sql.select().columns(owner, "dimension", "score").from(table).all() {
                    out[try r.decode(column: owner, as: UUID.self).uuidString, default: [:]][try r.decode(column: "dimension", as: String.self)] =
                        try r.decode(column: "score", as: Int.self)
                }
                return out
            }
            #expect(try await scores("revisit_scores", "revisit_id") == [scored.uuidString: ["effect": 5, "conduct": 4, "service": 3]])
            #expect(try await scores("rating_scores", "rating_id") == [rating.uuidString: ["attitude": 2, "professionalism": 3, "communication": 5]])
            // the fixed columns are gone
            await #expect(throws: (any Error).self) { try await env.sql.raw("SELECT effect FROM revisits").run() }
            await #expect(throws: (any Error).self) { try await env.sql.raw("SELECT attitude FROM ratings").run() }
        }
    }
}
