import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// PLT-08: the expert pool, kept by the legal department, and experts' participation recorded on the
/// case; an expert related to the case's party is refused (PLT-06). On SQLite and PostgreSQL.
@Suite("Expert pool (PLT-08)", .serialized)
struct ExpertTests {
    @Test("PLT-08 PLT-06: the legal reviewer adds an expert (a bad form keeps what was typed), records a conflict; the officer invites another to the interview on Thu 2025-10-09 — on the page and the timeline; the related one, a future date and another office's case are refused")
    func poolAndInvitation() async throws {
        try await withApp { env in
            // setup: an interview of 江城市中村便民超市 opened Tue 2025-09-30
            let st = try await InterviewTests.staff(env)
            let officer = try await env.token(st.s.officerA)
            let created = try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
                "partyID": st.party.id.uuidString, "title": "中村便民超市消防器材缺失", "source": "inspection", "description": "灭火器缺失",
            ])
            let caseID = try #require(try InterviewTests.json(created)["id"] as? String)
            let legal = WebClient(env)
            try await legal.login("legal", Seeded.password)
            // act: a form without a field is refused and keeps what was typed; then two experts
            var csrf = try await legal.csrf(from: "/experts")
            let bad = try await legal.send(.POST, "/experts", form: ["_csrf": csrf, "name": "陈消防", "field": "", "organisation": "江城市消防救援支队", "phone": "12ab"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("请填写“专业领域”") && bad.body.string.contains("联系电话应为") && bad.body.string.contains("value=\"陈消防\""))
            for (name, field) in [("陈消防", "消防安全"), ("林检验", "食品检验")] {
                csrf = try await legal.csrf(from: "/experts")
                let ok = try await legal.send(.POST, "/experts", form: ["_csrf": csrf, "name": name, "field": field, "organisation": "江城市专家库", "phone": "0591-87654321"])
                #expect(ok.status == .seeOther)
            }
            let experts = try await ExpertRepository(store: env.store).list(actor: env.actor(st.s.officerA))
            let fire = try #require(experts.first { $0.name == "陈消防" }), food = try #require(experts.first { $0.name == "林检验" })
            // the contact is sealed, never stored in clear
            let stored = try await env.sql.select().column("phone_cipher").from("experts").all().map { try $0.decode(column: "phone_cipher", as: String?.self) }
            #expect(stored.allSatisfy { $0 != nil && $0 != "0591-87654321" })
            // PLT-06: 林检验 is related to the party
            csrf = try await legal.csrf(from: "/experts")
            #expect(try await legal.send(.POST, "/experts/\(food.id.uuidString)/conflicts",
                                         form: ["_csrf": csrf, "uscc": st.party.uscc ?? "", "relation": "曾任该公司顾问"]).status == .seeOther)
            // the officer may not keep the pool
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            #expect(try await web.send(.GET, "/experts").status == .forbidden)

            // act: the officer invites on Thu 2025-10-09, after the National Day
            env.moveClock(to: "2025-10-09")
            try await web.login("officer_a", Seeded.password)
            csrf = try await web.csrf(from: "/cases/\(caseID)")
            let related = try await web.send(.POST, "/cases/\(caseID)/experts", form: ["_csrf": csrf, "expert": food.id.uuidString, "occasion": "interview",
                                                                                      "on": "2025-10-09", "note": "食品检验"])
            #expect(related.status == .unprocessableEntity && related.body.string.contains("与本案当事人存在利害关系"))
            let future = try await web.send(.POST, "/cases/\(caseID)/experts", form: ["_csrf": csrf, "expert": fire.id.uuidString, "occasion": "interview",
                                                                                     "on": "2025-10-10", "note": ""])
            #expect(future.status == .unprocessableEntity && future.body.string.contains("参与日期不能晚于今天"))
            let invited = try await web.send(.POST, "/cases/\(caseID)/experts", form: ["_csrf": csrf, "expert": fire.id.uuidString, "occasion": "interview",
                                                                                      "on": "2025-10-09", "note": "现场查看消防器材配置"])
            #expect(invited.status == .seeOther)
            // check: on the case page and its timeline
            let page = try await web.send(.GET, "/cases/\(caseID)").body.string
            #expect(page.contains("陈消防（消防安全）") && page.contains("现场查看消防器材配置"))
            #expect(page.contains("专家参与") && page.contains("专家：陈消防（消防安全）") && page.contains("日期：2025年10月9日"))
            // another office cannot record on this case (404), and nothing was recorded by the refusals
            let other = try await env.actor(st.s.officerB)
            await #expect(throws: DomainError.self) {
                try await ExpertRepository(store: env.store).invite(caseID: UUID(uuidString: caseID)!, expertID: fire.id, occasion: "interview", on: "2025-10-09",
                                                                    note: nil, actor: other, context: .system("test"))
            }
            let rows = try await env.sql.select().column("id").from("case_experts").all()
            #expect(rows.count == 1)
        }
    }

    @Test("PLT-08 PLT-06 the expert API: the legal reviewer adds experts (422 with stable codes), lists them by field, records a conflict by USCC; the officer invites on Thu 2025-10-09 after the National Day and lists the case's experts; the related expert is refused; the officer may not keep the pool (403); another office's case is 404")
    func api() async throws {
        try await withApp { env in
            // setup: an interview of 江城市中村便民超市 opened Tue 2025-09-30
            let st = try await InterviewTests.staff(env)
            let officer = try await env.token(st.s.officerA), legal = try await env.token(st.legal)
            let created = try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
                "partyID": st.party.id.uuidString, "title": "中村便民超市消防器材缺失", "source": "inspection", "description": "灭火器缺失",
            ])
            let caseID = try #require(try InterviewTests.json(created)["id"] as? String)
            // act: a bad expert, then two
            let bad = try await env.request(.POST, "/api/v1/experts", token: legal, json: ["name": "陈消防", "field": "", "organisation": "江城市消防救援支队", "phone": "12ab"])
            #expect(bad.status == .unprocessableEntity && bad.headers.contentType?.description.contains("problem+json") == true)
            #expect(bad.body.string.contains("expert.field.required") && bad.body.string.contains("expert.phone.invalid"))
            var ids: [String: String] = [:]
            for (name, field) in [("陈消防", "消防安全"), ("林检验", "食品检验")] {
                let ok = try await env.request(.POST, "/api/v1/experts", token: legal, json: ["name": name, "field": field, "organisation": "江城市专家库",
                                                                                             "phone": "0591-87654321"])
                #expect(ok.status == .created && !ok.body.string.contains("87654321"))
                ids[name] = try InterviewTests.json(ok)["id"] as? String
            }
            let fire = try #require(ids["陈消防"]), food = try #require(ids["林检验"])
            // check: by field, for the officer too; all of them without a field
            let byField = try await env.request(.GET, "/api/v1/experts?field=%E6%B6%88%E9%98%B2", token: officer)
            let listed = try JSONSerialization.jsonObject(with: Data(byField.body.string.utf8)) as? [[String: Any]] ?? []
            #expect(byField.status == .ok && listed.map { $0["name"] as? String } == ["陈消防"])
            #expect((try JSONSerialization.jsonObject(with: Data(try await env.request(.GET, "/api/v1/experts", token: officer).body.string.utf8)) as? [Any])?.count == 2)
            // PLT-06: 林检验 is related to the party; an unknown USCC is named
            let conflict = try await env.request(.POST, "/api/v1/experts/\(food)/conflicts", token: legal, json: ["uscc": st.party.uscc ?? "", "relation": "曾任该公司顾问"])
            #expect(conflict.status == .ok)
            #expect(try InterviewTests.json(conflict)["conflicts"] as? Int == 1)
            let unknown = try await env.request(.POST, "/api/v1/experts/\(food)/conflicts", token: legal, json: ["uscc": String.uscc(9999), "relation": "亲属"])
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("expert.conflict.party-unknown"))
            // PLT-03: the officer may not keep the pool
            for (path, body) in [("/api/v1/experts", ["name": "王", "field": "消防", "organisation": "某单位"]), ("/api/v1/experts/\(fire)/conflicts", ["uscc": "", "relation": "x"])] {
                let refused = try await env.request(.POST, path, token: officer, json: body)
                #expect(refused.status == .forbidden && refused.body.string.contains("permission.denied"), "\(path)")
            }

            // act: the officer invites on Thu 2025-10-09
            env.moveClock(to: "2025-10-09")
            let related = try await env.request(.POST, "/api/v1/cases/\(caseID)/experts", token: officer,
                                                json: ["expertId": food, "occasion": "interview", "on": "2025-10-09", "note": "食品检验"])
            #expect(related.status == .unprocessableEntity && related.body.string.contains("\"expert.conflict\""))
            let badOccasion = try await env.request(.POST, "/api/v1/cases/\(caseID)/experts", token: officer,
                                                    json: ["expertId": fire, "occasion": "banquet", "on": "2025-10-09"])
            #expect(badOccasion.status == .unprocessableEntity && badOccasion.body.string.contains("expert.occasion.invalid"))
            let invited = try await env.request(.POST, "/api/v1/cases/\(caseID)/experts", token: officer,
                                                json: ["expertId": fire, "occasion": "interview", "on": "2025-10-09", "note": "现场查看消防器材配置"])
            #expect(invited.status == .created)
            // check: the case's experts
            let onCase = try await env.request(.GET, "/api/v1/cases/\(caseID)/experts", token: officer)
            let rows = try JSONSerialization.jsonObject(with: Data(onCase.body.string.utf8)) as? [[String: Any]] ?? []
            #expect(rows.count == 1 && rows.first?["expert"] as? String == "陈消防" && rows.first?["on"] as? String == "2025-10-09"
                && rows.first?["occasion"] as? String == "interview")
            // another office's officer is not found, reading or inviting, and learns nothing of the case
            let other = try await env.token(st.s.officerB)
            let read = try await env.request(.GET, "/api/v1/cases/\(caseID)/experts", token: other)
            let invite = try await env.request(.POST, "/api/v1/cases/\(caseID)/experts", token: other,
                                               json: ["expertId": fire, "occasion": "interview", "on": "2025-10-09"])
            for res in [read, invite] {
                #expect(res.status == .notFound && !res.body.string.contains("陈消防") && !res.body.string.contains("便民超市"))
            }
            #expect(try await env.sql.select().column("id").from("case_experts").all().count == 1)
        }
    }
}
