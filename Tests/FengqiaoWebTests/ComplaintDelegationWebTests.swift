import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// CP-17, CP-18 and CP-42 through the case page and the API, on the store: a mediation delegated from
/// 东湖所's case page (CSRF) to a registered 消协分会 and carried by the 受托调解员 in the bureau's name —
/// the mediation clock untouched, no re-delegation, on-site only after both notices were served, the
/// split report track never shown to the delegate; and a jurisdiction dispute decided by the common
/// superior after the units' 7 working days, the case moving with its acceptance clock.
@Suite("Complaint delegation and jurisdiction disputes through the web (CP-17, CP-18, CP-42)", .serialized)
struct ComplaintDelegationWebTests {
    typealias Body = FollowUpTests.ActionBody
    typealias C = ComplaintWebTests

    static func act(_ env: TestEnv, _ token: String, _ id: String, _ key: String, _ version: Int, _ input: [String: String]) async throws -> TestingHTTPResponse {
        try await env.request(.POST, "/api/v1/complaints/\(id)/actions/\(key)", token: token, json: Body(version: version, input: input))
    }

    static func version(_ env: TestEnv, _ id: String, _ token: String) async throws -> Int? {
        try RegistryTests.json(try await env.request(.GET, "/api/v1/complaints/\(id)", token: token))["version"] as? Int
    }

    @Test("CP-17 CP-18: accepted at 东湖所 on Tue 2025-09-30 (mediation due 2025-12-09 across 国庆), delegated on 10-09 through the case page to the 消协分会 — due date unchanged; the 受托调解员 sees only this case, cannot re-delegate, issues the 调解通知书 under 东湖所's number and mediates on-site on 10-13 once both copies were served by the make-up Saturday 10-11; the split report stays hidden from them")
    func delegatedThroughThePage() async throws {
        try await withApp { env in
            // setup: office B with its head, a 受托调解员 (own scope) and a registered 消协分会
            let s = try await env.seed()
            let headB = try await env.user("head_b", "吴所长", unit: s.officeB.id, role: "unit-head", scope: .unit)
            let mediator = try await env.user("mediator_b", "陈立新", unit: s.officeB.id, role: "delegated-mediator", scope: .own)
            _ = try await ServicePointRepository(store: env.store).create([
                "unitID": s.officeB.id.uuidString, "kind": "consumer-association", "name": "东湖消协分会", "liaisonName": "赵联络",
                "liaisonPhone": "0571-88880000", "listedOn": "2024-03-15",
            ], actor: env.actor(headB), context: .system("test"))
            let consumer = try await env.parties.create(PartyInput(kind: "person", name: "张委托", phone: "13900007777"), unitID: s.officeB.id,
                                                        actor: env.actor(s.officerB), context: .system("test")).party
            let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市委托商行有限公司", uscc: .uscc(6767)), unitID: s.officeB.id,
                                                    actor: env.actor(s.officerB), context: .system("test")).party
            let b = try await env.token(s.officerB), bHead = try await env.token(headB), m = try await env.token(mediator)
            let created = try await env.request(.POST, "/api/v1/complaints", token: b, json: [
                "complainantID": consumer.id.uuidString, "respondentID": shop.id.uuidString, "channel": "window", "receivedOn": "2025-09-30",
                "knewOn": "2025-09-29", "request": "退还预付卡余额", "statement": "门店停业无法消费",
            ])
            let id = try #require(try RegistryTests.json(created)["id"] as? String)
            #expect(try await Self.act(env, b, id, "receive", 1, [:]).status == .ok)
            #expect(try await Self.act(env, b, id, "proposeDecision", 2, ["decision": "accept"]).status == .ok)
            #expect(try await Self.act(env, bHead, id, "approveDecision", 3, ["verdict": "approve"]).status == .ok)
            #expect(try await C.clocks(env, id, token: b)["mediation"]?["due"] as? String == "2025-12-09")
            // The delegate sees nothing of it yet (own scope).
            #expect(try await env.request(.GET, "/api/v1/complaints/\(id)", token: m).status == .notFound)
            env.moveClock(to: "2025-10-09")
            #expect(try await Self.act(env, b, id, "recordConsents", 4, ["complainantConsentOn": "2025-10-09", "respondentConsentOn": "2025-10-09"]).status == .ok)
            // A clue found in mediation opens the report track (CP-24).
            #expect(try await Self.act(env, b, id, "splitReport", 5, ["actPlace": "江城市东湖路8号", "category": "other", "clue": "预付卡停业跑路"]).status == .ok)

            // act: through the case page — a body outside the register is refused with the rule and nothing changes, then delegated
            let web = WebClient(env)
            _ = try await web.login("officer_b", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(id)")
            #expect(page.body.string.contains("委托调解") && page.body.string.contains("受托调解组织") && page.body.string.contains("陈立新"))
            var form = ["_csrf": WebClient.csrf(in: page.body.string) ?? "", "_version": "6", "servicePoint": "西湖消协分会", "mediator": mediator.id.uuidString,
                        "time": "2025年10月13日上午9时30分", "place": "东湖消协分会调解室", "scope": "组织双方调解，制作调解书或调解记录"]
            let refused = try await web.send(.POST, "/cases/\(id)/actions/delegateMediation", form: form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("CP-17") && refused.body.string.contains("西湖消协分会"))
            #expect(try await Self.version(env, id, b) == 6)
            form["servicePoint"] = "东湖消协分会"
            form["_csrf"] = WebClient.csrf(in: refused.body.string) ?? ""
            let done = try await web.send(.POST, "/cases/\(id)/actions/delegateMediation", form: form)
            #expect(done.status == .seeOther || done.status == .found, "\(done.body.string.prefix(300))")
            // check: the mediation clock keeps running, unchanged
            #expect(try await C.clocks(env, id, token: b)["mediation"]?["due"] as? String == "2025-12-09")

            // check: the delegate reads the case, never the report track
            let seen = try RegistryTests.json(try await env.request(.GET, "/api/v1/complaints/\(id)", token: m))
            #expect(seen["version"] as? Int == 7)
            let links = try await env.request(.GET, "/api/v1/complaints/\(id)/links", token: m)
            #expect(links.status == .ok && !links.body.string.contains("JB"), "\(links.body.string)")
            #expect(try await env.request(.GET, "/api/v1/complaints/\(id)/links", token: b).body.string.contains("JB"))
            // CP-17: no re-delegation, refused with its code; nothing changes
            let again = try await Self.act(env, m, id, "delegateMediation", 7, ["servicePoint": "东湖消协分会", "mediator": mediator.id.uuidString,
                                                                              "time": "10月14日", "place": "调解室", "scope": "调解"])
            #expect(again.status == .unprocessableEntity && again.body.string.contains("complaint.delegation.redelegate"))
            #expect(try await Self.version(env, id, b) == 7)

            // CP-18: on-site refused before the notice; the delegate issues both copies under 东湖所's number (the bureau's name) and serves them
            let early = try await Self.act(env, m, id, "holdMediation", 7, ["mode": "on-site", "on": "2025-10-09"])
            #expect(early.body.string.contains("complaint.notice.missing"))
            var copies: [DocumentDTO] = []
            for party in ["张委托", "江城市委托商行有限公司"] {
                let values = ComplaintDocuments.sampleValues(for: "CP-MEDIATION-NOTICE").merging([
                    "party.name": party, "complainant.name": "张委托", "respondent.name": "江城市委托商行有限公司", "mediation.mediator": "陈立新（东湖消协分会受托调解员）",
                ]) { _, new in new }
                copies.append(try await C.issue(env, m, id, "CP-MEDIATION-NOTICE", values, recipient: party))
            }
            #expect(copies.map(\.number) == ["东湖所投调通〔2025〕1号", "东湖所投调通〔2025〕2号"])
            try await C.servePost(env, m, copies[0], to: "张委托", posted: "2025-10-09", delivered: "2025-10-11")
            env.moveClock(to: "2025-10-13")
            let oneServed = try await Self.act(env, m, id, "holdMediation", 7, ["mode": "on-site", "on": "2025-10-13"])
            #expect(oneServed.body.string.contains("complaint.notice.unserved"))
            try await C.servePost(env, m, copies[1], to: "江城市委托商行有限公司", posted: "2025-10-09", delivered: "2025-10-11")
            let held = try await Self.act(env, m, id, "holdMediation", 7, ["mode": "on-site", "on": "2025-10-13"])
            #expect(held.status == .ok, "\(held.body.string)")
            #expect(try await C.clocks(env, id, token: b)["mediation"]?["due"] as? String == "2025-12-09")
            // The delegate's case page names no report either.
            let mweb = WebClient(env)
            _ = try await mweb.login("mediator_b", Seeded.password)
            let mpage = try await mweb.send(.GET, "/cases/\(id)")
            #expect(mpage.status == .ok && mpage.body.string.contains("东湖消协分会") && !mpage.body.string.contains("举报案件"))
        }
    }

    @Test("CP-42 CP-14: dispatched to 东湖所 on 2025-09-30, disputed the same day naming 中村所 (7 working days to 10-16 across 国庆); red and refused to the superior on 10-16, refused to 东湖所's head; the bureau decides on 10-17 — the case moves to 中村所, received 10-17, accept_due 10-28")
    func superiorDecides() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let centre = try await env.user("centre_head", "周主任", unit: s.officeA.id, role: "unit-head", scope: .unit)
            let headB = try await env.user("head_b", "吴所长", unit: s.officeB.id, role: "unit-head", scope: .unit)
            let superior = try await env.user("bureau_dispatcher", "郑分送", unit: s.bureau.id, role: "complaint-dispatcher", scope: .unitTree)
            let consumer = try await env.parties.create(PartyInput(kind: "person", name: "钱争议", phone: "13900008888"), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
            let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市争议超市有限公司", uscc: .uscc(6868)), unitID: s.officeA.id,
                                                    actor: env.actor(s.officerA), context: .system("test")).party
            let a = try await env.token(s.officerA), c = try await env.token(centre), b = try await env.token(s.officerB)
            let bHead = try await env.token(headB), sup = try await env.token(superior)
            let id = try #require(try RegistryTests.json(try await env.request(.POST, "/api/v1/complaints", token: a, json: [
                "complainantID": consumer.id.uuidString, "respondentID": shop.id.uuidString, "channel": "window", "receivedOn": "2025-09-30",
                "knewOn": "2025-09-29", "request": "退货", "statement": "商品与描述不符",
            ]))["id"] as? String)
            #expect(try await Self.act(env, c, id, "dispatch", 1, ["unit": "DH", "reportBackOn": "2025-10-20"]).status == .ok)
            // act: 东湖所 disputes
            let raised = try await Self.act(env, b, id, "raiseDispute", 2, ["unit": "ZC", "reason": "被投诉人实际经营地在中村所辖区"])
            #expect(raised.status == .ok, "\(raised.body.string)")
            #expect(try await C.clocks(env, id, token: b)["jurisdictionDispute"]?["due"] as? String == "2025-10-16")
            // check: on the last day the superior may not decide yet
            env.moveClock(to: "2025-10-16")
            let pending = try await Self.act(env, sup, id, "decideJurisdiction", 3, ["unit": "ZC"])
            #expect(pending.status == .unprocessableEntity && pending.body.string.contains("complaint.dispute.pending"))
            env.moveClock(to: "2025-10-17")
            #expect(try await C.clocks(env, id, token: b)["jurisdictionDispute"]?["signal"] as? String == "red")
            let notSuperior = try await Self.act(env, bHead, id, "decideJurisdiction", 3, ["unit": "ZC"])
            #expect(notSuperior.status == .unprocessableEntity && notSuperior.body.string.contains("complaint.dispute.not-superior"))
            #expect(try await Self.version(env, id, b) == 3)
            // act: the bureau decides
            let decided = try await Self.act(env, sup, id, "decideJurisdiction", 3, ["unit": "ZC", "reason": "实际经营地在中村"])
            #expect(decided.status == .ok, "\(decided.body.string)")
            // check: 中村所 holds it, received today; 东湖所 no longer sees it
            #expect(try await C.clocks(env, id, token: a)["acceptance"]?["due"] as? String == "2025-10-28")
            #expect(try await env.request(.GET, "/api/v1/complaints/\(id)", token: b).status == .notFound)
            let now = try RegistryTests.json(try await env.request(.GET, "/api/v1/complaints/\(id)", token: a))
            #expect(now["state"] as? String == "awaitingDecision")
        }
    }

    @Test("CP-17 CP-40: a lawful mediation body is registered over the API as a service point of kind mediation-body (依法成立的调解组织) — offered for delegation, never counted in 挂牌率")
    func mediationBodyRegistered() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let headB = try await env.user("head_b", "吴所长", unit: s.officeB.id, role: "unit-head", scope: .unit)
            let h = try await env.token(headB)
            // act
            for (kind, name) in [("consumer-association", "东湖消协分会"), ("mediation-body", "东湖人民调解委员会")] {
                let res = try await env.request(.POST, "/api/v1/service-points", token: h, json: [
                    "unitID": s.officeB.id.uuidString, "kind": kind, "name": name, "liaisonName": "赵联络", "liaisonPhone": "0571-88880000", "listedOn": "2024-03-15",
                ])
                #expect(res.status == .created, "\(res.body.string)")
            }
            // check: the rate counts the 消协分会 only; the page offers the new kind
            let rates = try await env.request(.GET, "/api/v1/service-points/rates?on=2025-09-30", token: h)
            #expect(rates.body.string.contains("\"established\":1"), "\(rates.body.string)")
            let web = WebClient(env)
            _ = try await web.login("head_b", Seeded.password)
            #expect(try await web.send(.GET, "/service-points").body.string.contains("依法成立的调解组织"))
        }
    }
}
