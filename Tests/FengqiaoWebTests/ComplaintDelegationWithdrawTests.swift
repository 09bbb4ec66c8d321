import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// CP-17 and CP-42 beyond the first delegation and the superior's decision: the delegate told in
/// their inbox, a delegation withdrawn and given to another mediator, and an unsettled dispute put to
/// the common superior by the scheduler when the 7 working days run out.
@Suite("Complaint delegation withdrawn and disputes referred (CP-17, CP-42)", .serialized)
struct ComplaintDelegationWithdrawTests {
    typealias D = ComplaintDelegationWebTests
    typealias C = ComplaintWebTests

    static func inbox(_ env: TestEnv, _ user: UserRecord, kind: String) async throws -> [InboxItem] {
        try await NotificationRepository(store: env.store).inbox(userID: user.id).filter { $0.kind == kind }
    }

    @Test("CP-17: delegated on Thu 2025-10-09 to 陈立新 (told in the inbox); on Mon 10-20 the 消协分会 cannot mediate and the handler withdraws it — 陈立新 loses the case (404, worklist) and any action; delegated on 10-21 to 李调解 of the 人民调解委员会, who is told; the mediation due 2025-12-09 never moves")
    func withdrawnAndReplaced() async throws {
        try await withApp { env in
            // setup: 东湖所, its head, two delegated mediators and two registered bodies; a complaint accepted 09-30
            let s = try await env.seed()
            let headB = try await env.user("head_b", "吴所长", unit: s.officeB.id, role: "unit-head", scope: .unit)
            let first = try await env.user("mediator_b", "陈立新", unit: s.officeB.id, role: "delegated-mediator", scope: .own)
            let second = try await env.user("mediator_c", "李调解", unit: s.officeB.id, role: "delegated-mediator", scope: .own)
            for (kind, name) in [("consumer-association", "东湖消协分会"), ("mediation-body", "东湖人民调解委员会")] {
                _ = try await ServicePointRepository(store: env.store).create([
                    "unitID": s.officeB.id.uuidString, "kind": kind, "name": name, "liaisonName": "赵联络", "liaisonPhone": "0571-88880000", "listedOn": "2024-03-15",
                ], actor: env.actor(headB), context: .system("test"))
            }
            let consumer = try await env.parties.create(PartyInput(kind: "person", name: "张撤回", phone: "13900007711"), unitID: s.officeB.id,
                                                        actor: env.actor(s.officerB), context: .system("test")).party
            let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市撤回商行有限公司", uscc: .uscc(6711)), unitID: s.officeB.id,
                                                    actor: env.actor(s.officerB), context: .system("test")).party
            let b = try await env.token(s.officerB), bHead = try await env.token(headB), m1 = try await env.token(first), m2 = try await env.token(second)
            let id = try #require(try RegistryTests.json(try await env.request(.POST, "/api/v1/complaints", token: b, json: [
                "complainantID": consumer.id.uuidString, "respondentID": shop.id.uuidString, "channel": "window", "receivedOn": "2025-09-30",
                "knewOn": "2025-09-29", "request": "退还预付卡余额", "statement": "门店停业无法消费",
            ]))["id"] as? String)
            #expect(try await D.act(env, b, id, "receive", 1, [:]).status == .ok)
            #expect(try await D.act(env, b, id, "proposeDecision", 2, ["decision": "accept"]).status == .ok)
            #expect(try await D.act(env, bHead, id, "approveDecision", 3, ["verdict": "approve"]).status == .ok)
            env.moveClock(to: "2025-10-09")
            #expect(try await D.act(env, b, id, "recordConsents", 4, ["complainantConsentOn": "2025-10-09", "respondentConsentOn": "2025-10-09"]).status == .ok)
            // Nothing to withdraw yet: refused with its code.
            let nothing = try await D.act(env, b, id, "withdrawDelegation", 5, ["reason": "无"])
            #expect(nothing.status == .unprocessableEntity && nothing.body.string.contains("complaint.delegation.none"))
            let delegate = ["servicePoint": "东湖消协分会", "mediator": first.id.uuidString, "time": "2025年10月13日上午9时30分", "place": "东湖消协分会调解室",
                            "scope": "组织双方调解"]
            #expect(try await D.act(env, b, id, "delegateMediation", 5, delegate).status == .ok)
            // check: the delegate is told in the inbox, with the case's link
            let told = try await Self.inbox(env, first, kind: "case.handed-over")
            #expect(told.count == 1 && told.first?.link == "/cases/\(id)" && told.first?.body.contains("东湖消协分会") == true)
            #expect(try await env.request(.GET, "/api/v1/complaints/\(id)", token: m1).status == .ok)

            // act: withdrawn on 10-20
            env.moveClock(to: "2025-10-20")
            let withdrawn = try await D.act(env, b, id, "withdrawDelegation", 6, ["reason": "东湖消协分会人员调整，无法按期调解"])
            #expect(withdrawn.status == .ok, "\(withdrawn.body.string)")
            // check: the first delegate lost the case — not readable, not actionable, not on the worklist
            #expect(try await env.request(.GET, "/api/v1/complaints/\(id)", token: m1).status == .notFound)
            let late = try await D.act(env, m1, id, "holdMediation", 7, ["mode": "remote", "on": "2025-10-20"])
            #expect(late.status == .notFound || late.body.string.contains("complaint.delegation.withdrawn"), "\(late.body.string)")
            let worklist = try await env.request(.GET, "/api/v1/worklist", token: m1)
            #expect(!worklist.body.string.contains(id), "\(worklist.body.string.prefix(300))")
            #expect(try await C.clocks(env, id, token: b)["mediation"]?["due"] as? String == "2025-12-09")

            // act: delegated again, to the other body and mediator
            var again = delegate
            again["servicePoint"] = "东湖人民调解委员会"
            again["mediator"] = second.id.uuidString
            let redelegated = try await D.act(env, b, id, "delegateMediation", 7, again)
            #expect(redelegated.status == .ok, "\(redelegated.body.string)")
            // check: the new delegate is told and acts; the first is told nothing more; the facts keep both
            #expect(try await Self.inbox(env, second, kind: "case.handed-over").count == 1)
            #expect(try await Self.inbox(env, first, kind: "case.handed-over").count == 1)
            env.moveClock(to: "2025-10-21")
            #expect(try await D.act(env, m2, id, "holdMediation", 8, ["mode": "remote", "on": "2025-10-21", "note": "电话调解"]).status == .ok)
            let web = WebClient(env)
            _ = try await web.login("officer_b", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(id)").body.string
            #expect(page.contains("撤回委托（CP-17）") && page.contains("东湖消协分会人员调整") && page.contains("东湖人民调解委员会"))
            #expect(try await C.clocks(env, id, token: b)["mediation"]?["due"] as? String == "2025-12-09")
        }
    }

    @Test("CP-42 CAL-43: disputed on Tue 2025-09-30 between 东湖所 and 中村所, the 7 working days run to Thu 10-16 across 国庆; the scheduler does nothing on 10-16, puts the dispute to 江城区分局 on Fri 10-17 — its 分送员 told once, the 所 heads not — and a second pass refers nothing again")
    func referredByTheScheduler() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let centre = try await env.user("centre_head", "周主任", unit: s.officeA.id, role: "unit-head", scope: .unit)
            let headB = try await env.user("head_b", "吴所长", unit: s.officeB.id, role: "unit-head", scope: .unit)
            let superior = try await env.user("bureau_dispatcher", "郑分送", unit: s.bureau.id, role: "complaint-dispatcher", scope: .unitTree)
            let consumer = try await env.parties.create(PartyInput(kind: "person", name: "钱提请", phone: "13900008811"), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
            let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市提请超市有限公司", uscc: .uscc(6811)), unitID: s.officeA.id,
                                                    actor: env.actor(s.officerA), context: .system("test")).party
            let a = try await env.token(s.officerA), c = try await env.token(centre), b = try await env.token(s.officerB)
            let id = try #require(try RegistryTests.json(try await env.request(.POST, "/api/v1/complaints", token: a, json: [
                "complainantID": consumer.id.uuidString, "respondentID": shop.id.uuidString, "channel": "window", "receivedOn": "2025-09-30",
                "knewOn": "2025-09-29", "request": "退货", "statement": "商品与描述不符",
            ]))["id"] as? String)
            #expect(try await D.act(env, c, id, "dispatch", 1, ["unit": "DH", "reportBackOn": "2025-10-20"]).status == .ok)
            #expect(try await D.act(env, b, id, "raiseDispute", 2, ["unit": "ZC", "reason": "实际经营地在中村所辖区"]).status == .ok)
            // CAL-43: a step only the system takes waits on nobody — the dispatcher is not asked to take it.
            let asked = try await Self.inbox(env, superior, kind: "case.waiting").map(\.title)
            #expect(!asked.isEmpty && !asked.contains { $0.contains("提请共同上级") }, "\(asked)")
            // Nobody refers by hand (CAL-43).
            let byHand = try await D.act(env, try await env.token(superior), id, "referDispute", 3, [:])
            #expect(byHand.status == .unprocessableEntity && byHand.body.string.contains("transition.system-only"))

            // act + check: the last day of the 7 — nothing
            env.moveClock(to: "2025-10-16")
            #expect(try await TimedTransitionRepository(store: env.store).fireDue().fired.isEmpty)
            #expect(try await Self.inbox(env, superior, kind: "case.unit-notice").isEmpty)
            // the next day — referred once, the superior's dispatcher told
            env.moveClock(to: "2025-10-17")
            #expect(try await TimedTransitionRepository(store: env.store).fireDue().fired.count == 1)
            let told = try await Self.inbox(env, superior, kind: "case.unit-notice")
            #expect(told.count == 1 && told.first?.title == "投诉：管辖争议待指定管辖" && told.first?.body.contains("CP-42") == true)
            #expect(try await Self.inbox(env, headB, kind: "case.unit-notice").isEmpty)
            #expect(try await Self.inbox(env, centre, kind: "case.unit-notice").isEmpty)
            let facts = try RegistryTests.json(try await env.request(.GET, "/api/v1/complaints/\(id)", token: b))
            #expect(facts["state"] as? String == "disputed" && facts["version"] as? Int == 4)
            // A second pass the same day or the next refers nothing again.
            env.moveClock(to: "2025-10-20")
            #expect(try await TimedTransitionRepository(store: env.store).fireDue().fired.isEmpty)
            #expect(try await Self.inbox(env, superior, kind: "case.unit-notice").count == 1)
            // The superior decides as before.
            let decided = try await D.act(env, try await env.token(superior), id, "decideJurisdiction", 4, ["unit": "ZC"])
            #expect(decided.status == .ok, "\(decided.body.string)")
        }
    }
}
