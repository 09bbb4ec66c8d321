import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// The complaint and report tracks on their generic pages (issue 14 item 9, first part): the new-case
/// forms offer each party field its own search, labels are Chinese and no internal key shows; the
/// complaint is registered through the form (CSRF) and its case page lists the steps open to the
/// officer with their rules.
@Suite("Complaint pages (CP-04, CP-07)", .serialized)
struct ComplaintPageTests {
    @Test("CP-04: /complaints/new offers complainant and respondent each their own party search; registered through the form, the case page shows 已登记 with 签收, 拆分举报线索 and no programme keys; the officer is not offered 分送")
    func registerThroughTheForm() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let consumer = try await env.parties.create(PartyInput(kind: "person", name: "吴表单", phone: "13900005555"), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
            let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市表单百货有限公司", uscc: .uscc(6464)), unitID: s.officeA.id,
                                                    actor: env.actor(s.officerA), context: .system("test")).party
            let web = WebClient(env)
            _ = try await web.login("officer_a", Seeded.password)
            let form = try await web.send(.GET, "/complaints/new")
            #expect(form.status == .ok)
            let html = form.body.string
            for name in ["complainantID", "respondentID"] {
                #expect(html.contains("name=\"\(name)\""), "\(name)")
                #expect(html.contains("data-party-select=\"new-\(name)\""), "\(name)'s own search")
            }
            for label in ["投诉人", "被投诉人", "来源渠道", "全国12315平台", "知道或应当知道权益受损日期", "代表人", "委托代理人"] {
                #expect(html.contains(label), "\(label)")
            }
            // act: the form posts with its CSRF token; a third representative is refused with the field's message and nothing lost
            let csrf = WebClient.csrf(in: html) ?? ""
            var fields = ["_csrf": csrf, "complainantID": consumer.id.uuidString, "respondentID": shop.id.uuidString, "channel": "window",
                          "receivedOn": "2025-09-30", "knewOn": "2025-09-29", "request": "退还货款", "statement": "所购电饭煲无法使用",
                          "otherComplainants": "李二\n王三\n赵四", "jointConsent": "on", "representatives": "李二\n王三\n赵四"]
            let refused = try await web.send(.POST, "/complaints", form: fields)
            #expect(refused.body.string.contains("共同投诉代表人不得超过2名"))
            #expect(refused.body.string.contains("所购电饭煲无法使用"))
            fields["representatives"] = "李二\n王三"
            fields["_csrf"] = WebClient.csrf(in: refused.body.string) ?? csrf
            let created = try await web.send(.POST, "/complaints", form: fields)
            #expect(created.status == .seeOther || created.status == .found)
            let location = try #require(created.headers.first(name: .location))
            let page = try await web.send(.GET, location)
            let body = page.body.string
            #expect(page.status == .ok)
            for text in ["吴表单投诉江城市表单百货有限公司", "已登记", "签收（确认管辖）", "拆分举报线索", "CP-07", "代表人：李二、王三"] {
                #expect(body.contains(text), "\(text)")
            }
            #expect(!body.contains("action-dispatch"), "an officer without complaint.dispatch is not offered 分送")
            for key in ["awaitingDecision", "complainantID\">", "registeredUnitID", "complaint@"] { #expect(!body.contains(key), "\(key)") }
        }
    }

    @Test("complaints.md KPIs on the generic statistics page: the head's /statistics/complaints for 2025-09 shows the complaint indicators with the 90 % 办结率 target; the API and the CSV give the same; the targets page is the generic one")
    func statistics() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let head = try await env.user("head_a", "张所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
            let consumer = try await env.parties.create(PartyInput(kind: "person", name: "郑统计", phone: "13900006666"), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
            let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市统计商店有限公司", uscc: .uscc(6565)), unitID: s.officeA.id,
                                                    actor: env.actor(s.officerA), context: .system("test")).party
            let a = try await env.token(s.officerA), h = try await env.token(head)
            // a complaint received and accepted on Tue 2025-09-30 (due 10-16): on time
            let id = try #require(try RegistryTests.json(try await env.request(.POST, "/api/v1/complaints", token: a, json: [
                "complainantID": consumer.id.uuidString, "respondentID": shop.id.uuidString, "channel": "window", "receivedOn": "2025-09-30",
                "knewOn": "2025-09-29", "request": "退款", "statement": "商品质量问题",
            ]))["id"] as? String)
            for (key, token, version, input) in [("receive", a, 1, [String: String]()), ("proposeDecision", a, 2, ["decision": "accept"]),
                                                 ("approveDecision", h, 3, ["verdict": "approve"])] {
                let res = try await env.request(.POST, "/api/v1/complaints/\(id)/actions/\(key)", token: token,
                                                json: FollowUpTests.ActionBody(version: version, input: input))
                #expect(res.status == .ok, "\(key): \(res.body.string)")
            }
            let api = try RegistryTests.json(try await env.request(.GET, "/api/v1/statistics/complaints?period=2025-09", token: h))
            let rows = api["indicators"] as? [[String: Any]] ?? []
            let timely = try #require(rows.first { $0["kind"] as? String == "timelyDecision" || $0["key"] as? String == "timelyDecision" })
            #expect(timely["numerator"] as? Double == 1)
            #expect(timely["denominator"] as? Int == 1)
            let web = WebClient(env)
            _ = try await web.login("head_a", Seeded.password)
            let page = try await web.send(.GET, "/statistics/complaints?period=2025-09")
            #expect(page.status == .ok)
            for text in ["按期受理决定率", "受理率", "调解成功率", "办结率", "90.0%", "收到投诉"] { #expect(page.body.string.contains(text), "\(text)") }
            // CP-38: the complaint track's monthly analysis is linked from its statistics page (ProcedureModule.reports).
            #expect(page.body.string.contains(#"href="/statistics/complaints/monthly""#))
            let csv = try await web.send(.GET, "/statistics/complaints?period=2025-09&format=csv")
            #expect(csv.body.string.contains("按期受理决定率"))
            #expect(try await web.send(.GET, "/statistics/complaints/targets?year=2025").status != .internalServerError)
        }
    }
}
