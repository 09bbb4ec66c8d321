import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// IV-24 over the API: `GET` and `POST /api/v1/cases/{id}/ratings` with the case page's rules.
@Suite("Rating API (IV-24)", .serialized)
struct RatingAPITests {
    @Test("IV-24 the ratings API on Fri 2026-12-04: paper ratings of the held interview are entered (201), never one read back — averages from the third; before the interview 422 rating.not-open; a bad score 422 with every fault; the auditor 403; another office 404")
    func ratingsAPI() async throws {
        try await withApp { env in
            // setup: the demo's interviews; one held (in rectification), one at the notice
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let rows = try await env.store.sql.select().columns("id", "state").from("cases").where("case_type", .equal, SQLBind("interview")).all()
            func id(_ state: String) throws -> UUID {
                try #require(try rows.first { try $0.decode(column: "state", as: String.self) == state }).decode(column: "id", as: UUID.self)
            }
            let held = try id("rectification"), notice = try id("notice")
            let officer = try await env.token(try #require(try await env.org.user(login: "zc_officer")))
            func read(_ caseID: UUID, _ token: String) async throws -> (TestingHTTPResponse, [String: Any]) {
                let res = try await env.request(.GET, "/api/v1/cases/\(caseID)/ratings", token: token)
                return (res, try InterviewTests.json(res))
            }
            // check: the form and nothing yet
            let (first, before) = try await read(held, officer)
            #expect(first.status == .ok && before["open"] as? Bool == true && before["count"] as? Int == 0 && before["summary"] == nil)
            #expect((before["dimensions"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["attitude", "professionalism", "communication"])
            #expect(try await read(notice, officer).1["open"] as? Bool == false)

            // act + check: before the interview, and a bad form, are refused with their codes
            let early = try await env.request(.POST, "/api/v1/cases/\(notice)/ratings", token: officer,
                                              json: ["attitude": 5, "professionalism": 5, "communication": 5])
            #expect(early.status == .unprocessableEntity && early.body.string.contains("rating.not-open") && early.body.string.contains("IV-24"))
            let bad = try await env.request(.POST, "/api/v1/cases/\(held)/ratings", token: officer, json: ["attitude": 9, "professionalism": 4])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("rating.score.invalid"))
            let fields = (try InterviewTests.json(bad)["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
            #expect(Set(fields) == ["attitude", "communication"])

            // act: three paper forms
            var answers: [[String: Any]] = []
            for scores in [[5, 4, 4], [4, 5, 5], [3, 3, 4]] {
                let res = try await env.request(.POST, "/api/v1/cases/\(held)/ratings", token: officer,
                                                json: ["attitude": scores[0], "professionalism": scores[1], "communication": scores[2]])
                #expect(res.status == .created)
                answers.append(try InterviewTests.json(res))
            }
            // check: one or two ratings show no figure; three show the averages
            #expect(answers[0]["count"] as? Int == 1 && answers[0]["summary"] == nil && answers[1]["summary"] == nil)
            let summary = try #require(answers[2]["summary"] as? [String: Any])
            let means = try #require(summary["means"] as? [String: Double])
            #expect(summary["count"] as? Int == 3 && means["attitude"] == 4 && means["professionalism"] == 4)
            #expect(abs((means["communication"] ?? 0) - 13.0 / 3) < 0.001)
            #expect(try await env.sql.select().column("id").from("ratings").all().count == 3)

            // PLT-03: the auditor does not follow cases up; X-05: another office's officer finds no case
            let auditor = try await env.token(try #require(try await env.org.user(login: "auditor")))
            let refused = try await env.request(.POST, "/api/v1/cases/\(held)/ratings", token: auditor, json: ["attitude": 1, "professionalism": 1, "communication": 1])
            #expect(refused.status == .forbidden && refused.body.string.contains("permission.denied"))
            #expect(try await read(held, auditor).0.status == .forbidden)
            let other = try await env.token(try #require(try await env.org.user(login: "dh_officer")))
            let (foreign, _) = try await read(held, other)
            #expect(foreign.status == .notFound && !foreign.body.string.contains("attitude"))
            let foreignPost = try await env.request(.POST, "/api/v1/cases/\(held)/ratings", token: other, json: ["attitude": 1, "professionalism": 1, "communication": 1])
            #expect(foreignPost.status == .notFound)
            #expect(try await env.sql.select().column("id").from("ratings").all().count == 3)
        }
    }
}
