import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// complaints.md acceptance scenario 4, whole: the receipt date binds the rule set (CP-02); the
/// unconfirmed SAMR-121's dates are flagged 规则待核实 on the case page, the worklists and the API;
/// only the legal department activates it, with a citation per parameter (CP-03); activation clears
/// the flag, recomputes a changed limit and logs every change (audit chain and case timeline). On
/// SQLite and PostgreSQL.
@Suite("Rule-set activation through the API and pages (CP-02, CP-03)", .serialized)
struct RuleSetActivationWebTests {
    typealias Body = FollowUpTests.ActionBody

    struct Fixture {
        let s: Seeded
        let officer: String
        let legal: String
        /// Received 2026-04-14 (SAMR-20) and 2026-04-15 (SAMR-121).
        let before: String
        let after: String
        let consumer: UUID
        let shop: UUID
    }

    /// Registers a window complaint received `on` at office A and receives it the same day.
    static func complaint(_ env: TestEnv, _ s: Seeded, token: String, on: String, consumer: UUID, shop: UUID) async throws -> String {
        let created = try await env.request(.POST, "/api/v1/complaints", token: token, json: [
            "complainantID": consumer.uuidString, "respondentID": shop.uuidString, "channel": "window", "receivedOn": on, "knewOn": "2026-04-10",
            "request": "退还货款", "statement": "购买的牛奶已过保质期",
        ])
        #expect(created.status == .created || created.status == .ok, "\(created.body.string)")
        let id = try #require(try RegistryTests.json(created)["id"] as? String)
        // The second complaint of the same consumer on the same shop records CP-35's merge proposal at registration: the version the answer gives.
        let version = try RegistryTests.json(created)["version"] as? Int ?? 1
        #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/receive", token: token, json: Body(version: version, input: [:])).status == .ok)
        return id
    }

    /// Scenario 4's first half on 2026-04-14 and 04-15, with the legal department's 刘法制.
    static func fixture(_ env: TestEnv) async throws -> Fixture {
        // Staff created in April 2026, so their passwords have not expired by then (PLT-31).
        env.moveClock(to: "2026-04-14", hour: 8)
        let s = try await env.seed()
        let legalUser = try await env.user("legal", "刘法制", unit: s.bureau.id, role: "legal-reviewer", scope: .all)
        let consumer = try await env.parties.create(PartyInput(kind: "person", name: "张消费", phone: "13900001111"), unitID: s.officeA.id,
                                                    actor: env.actor(s.officerA), context: .system("test")).party
        let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市惠民超市有限公司", uscc: .uscc(6161)), unitID: s.officeA.id,
                                                actor: env.actor(s.officerA), context: .system("test")).party
        let a = try await env.token(s.officerA)
        env.moveClock(to: "2026-04-14", hour: 9)
        let before = try await complaint(env, s, token: a, on: "2026-04-14", consumer: consumer.id, shop: shop.id)
        env.moveClock(to: "2026-04-15", hour: 9)
        let after = try await complaint(env, s, token: a, on: "2026-04-15", consumer: consumer.id, shop: shop.id)
        return Fixture(s: s, officer: a, legal: try await env.token(legalUser), before: before, after: after,
                       consumer: consumer.id, shop: shop.id)
    }

    /// Every step of SAMR-121 at its shipped value, `acceptance` at `acceptWD`, each with a verified citation.
    static func steps(acceptWD: Int, citations: Bool = true) -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for (step, r) in ShippedRuleSets.complaintSAMR121.rules {
            var v: [String: Any] = ["count": step == "acceptance" ? acceptWD : r.count, "unit": r.unit.rawValue, "roll": r.roll.rawValue,
                                    "maxExtension": r.maxExtension]
            if citations { v["citation"] = "《市场监督管理投诉举报处理办法》（总局令第121号）关于\(step)的条款" }
            out[step] = v
        }
        return out
    }

    static func activate(_ env: TestEnv, token: String, acceptWD: Int, citations: Bool = true) async throws -> TestingHTTPResponse {
        let body: [String: Any] = ["version": 2, "citation": "《市场监督管理投诉举报处理办法》（国家市场监督管理总局令第121号，已核实）",
                                   "steps": steps(acceptWD: acceptWD, citations: citations)]
        return try await env.app.testing().sendRequest(.POST, "/api/v1/rule-sets/complaint/activate") { req in
            req.headers.bearerAuthorization = BearerAuthorization(token: token)
            req.headers.contentType = .json
            req.body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
        }
    }

    /// A browser signed in now (a session lapses when the test clock jumps a day).
    static func web(_ env: TestEnv, _ login: String) async throws -> WebClient {
        let web = WebClient(env)
        try await web.login(login, Seeded.password)
        return web
    }

    static let flag = #"<span class="tag">规则待核实</span>"#

    @Test("Scenario 4 CP-02 CP-03: 2026-04-14 → SAMR-20 due 04-23; 2026-04-15 → SAMR-121 due 04-24 flagged 规则待核实 on the case page, worklists and API; activation with accept_wd 7 and citations clears the flag and is logged")
    func scenario4Activation() async throws {
        try await withApp { env in
            // setup
            let f = try await Self.fixture(env)
            let beforeClock = try #require(try await ComplaintWebTests.clocks(env, f.before, token: f.officer)["acceptance"])
            #expect(beforeClock["due"] as? String == "2026-04-23")
            #expect(beforeClock["ruleSet"] as? String == "complaint@1")
            #expect(beforeClock["ruleUnconfirmed"] as? Bool == false)
            let afterClock = try #require(try await ComplaintWebTests.clocks(env, f.after, token: f.officer)["acceptance"])
            #expect(afterClock["due"] as? String == "2026-04-24")
            #expect(afterClock["ruleSet"] as? String == "complaint@2")
            #expect(afterClock["ruleUnconfirmed"] as? Bool == true)
            var officerWeb = try await Self.web(env, "officer_a")
            // 规则待核实 on the case page, the home worklist, the deadlines list and the API worklist — only for SAMR-121's date
            #expect(try await officerWeb.send(.GET, "/cases/\(f.after)").body.string.contains(Self.flag))
            #expect(!(try await officerWeb.send(.GET, "/cases/\(f.before)").body.string.contains(Self.flag)))
            #expect(try await officerWeb.send(.GET, "/?view=mine").body.string.contains(Self.flag))
            #expect(try await officerWeb.send(.GET, "/deadlines").body.string.contains(Self.flag))
            let worklist = try RegistryTests.list(try await env.request(.GET, "/api/v1/worklist?view=mine", token: f.officer))
            let flagged = Dictionary(uniqueKeysWithValues: worklist.compactMap { i in (i["caseId"] as? String).map { ($0.lowercased(), i["ruleUnconfirmed"] as? Bool) } })
            #expect(flagged[f.after.lowercased()] == true)
            #expect(flagged[f.before.lowercased()] == false)

            // act: an officer may not activate (403); the legal department without citations is refused (422, each field named)
            #expect(try await Self.activate(env, token: f.officer, acceptWD: 7).status == .forbidden)
            let uncited = try await Self.activate(env, token: f.legal, acceptWD: 7, citations: false)
            #expect(uncited.status == .unprocessableEntity)
            let problem = try RegistryTests.json(uncited)
            let fields = problem["fields"] as? [[String: Any]] ?? []
            #expect(fields.contains { $0["field"] as? String == "acceptance.citation" && $0["code"] as? String == "ruleset.activate.citation.required"
                && $0["rule"] as? String == "CP-03" && ($0["messageZH"] as? String)?.contains("依据") == true })
            #expect(fields.count == ShippedRuleSets.complaintSAMR121.rules.count)
            #expect(try await ComplaintWebTests.clocks(env, f.after, token: f.officer)["acceptance"]?["ruleUnconfirmed"] as? Bool == true)

            // act: 法制科 activates SAMR-121 with accept_wd 7 and a citation per parameter
            env.moveClock(to: "2026-04-16", hour: 9)
            let done = try await Self.activate(env, token: f.legal, acceptWD: 7)
            #expect(done.status == .ok, "\(done.body.string)")
            let result = try RegistryTests.json(done)
            #expect(result["version"] as? Int == 3)
            #expect(result["label"] as? String == "SAMR-121")
            #expect(result["status"] as? String == "active")

            officerWeb = try await Self.web(env, "officer_a")
            // check: the flag is gone everywhere, the date unchanged, the case bound to the confirmed version
            let confirmed = try #require(try await ComplaintWebTests.clocks(env, f.after, token: f.officer)["acceptance"])
            #expect(confirmed["due"] as? String == "2026-04-24")
            #expect(confirmed["ruleUnconfirmed"] as? Bool == false)
            #expect(confirmed["ruleSet"] as? String == "complaint@3")
            let caseJSON = try RegistryTests.json(try await env.request(.GET, "/api/v1/cases/\(f.after)", token: f.officer))
            #expect((caseJSON["ruleVersions"] as? [String: Int])?["complaint"] == 3)
            let confirmedPage = try await officerWeb.send(.GET, "/cases/\(f.after)").body.string
            #expect(confirmedPage.contains("2026-04-24") && !confirmedPage.contains(Self.flag))
            let home = try await officerWeb.send(.GET, "/?view=mine").body.string
            #expect(home.contains("2026-04-23") && !home.contains(Self.flag))
            #expect(!(try await officerWeb.send(.GET, "/deadlines").body.string.contains(Self.flag)))
            #expect(try RegistryTests.list(try await env.request(.GET, "/api/v1/worklist?view=mine", token: f.officer)).allSatisfy { $0["ruleUnconfirmed"] as? Bool == false })
            // SAMR-20's case is untouched
            #expect(try await ComplaintWebTests.clocks(env, f.before, token: f.officer)["acceptance"]?["ruleSet"] as? String == "complaint@1")

            // check: logged — the activation on the rule set (by the legal department), the flag's clearing on the case
            let auditor = try await env.actor(f.s.auditor)
            let activation = try #require(try await env.audit.search(AuditQuery(action: "ruleset.activate"), actor: auditor).first)
            #expect(activation.draft.userLogin == "legal")
            #expect(activation.draft.changes["status"]?.after == "active")
            #expect(activation.draft.changes["rule.acceptance"]?.after?.contains("总局令第121号") == true)
            let caseKey = try #require(UUID(uuidString: f.after)).uuidString
            let cleared = try await env.audit.search(AuditQuery(objectID: caseKey, action: "clock.ruleset"), actor: auditor)
            let entry = try #require(cleared.first { $0.draft.changes["step"]?.after == "acceptance" })
            #expect(entry.draft.changes["due"]?.before == "2026-04-24" && entry.draft.changes["due"]?.after == "2026-04-24")
            #expect(entry.draft.changes["rule"]?.before == "complaint@2 7 workday")
            #expect(entry.draft.changes["rule"]?.after == "complaint@3 7 workday")
            #expect(entry.draft.changes["calendarRevision"]?.after != nil)
            #expect(try await officerWeb.send(.GET, "/cases/\(f.after)").body.string.contains("时限规则确认生效"))

            // check: a complaint received on 04-16 binds the confirmed version, unflagged; a second activation is refused
            let later = try await Self.complaint(env, f.s, token: f.officer, on: "2026-04-16", consumer: f.consumer, shop: f.shop)
            let laterClock = try #require(try await ComplaintWebTests.clocks(env, later, token: f.officer)["acceptance"])
            #expect(laterClock["ruleSet"] as? String == "complaint@3")
            #expect(laterClock["ruleUnconfirmed"] as? Bool == false)
            #expect(try await Self.activate(env, token: f.legal, acceptWD: 7).status == .conflict)
        }
    }

    /// The confirmation form of SAMR-121 on /rules/complaint, as the legal department fills it.
    static func form(_ web: WebClient, acceptWD: Int, citations: Bool) async throws -> [String: String] {
        var form = ["_csrf": try await web.csrf(from: "/rules/complaint"), "version": "2",
                    "citation": "《市场监督管理投诉举报处理办法》（国家市场监督管理总局令第121号，已核实）"]
        for (step, v) in steps(acceptWD: acceptWD, citations: citations) {
            for (k, value) in v { form["\(step).\(k)"] = "\(value)" }
        }
        return form
    }

    @Test("Scenario 4 CP-03: activation with accept_wd 8 on the rule-set page recomputes 2026-04-24 to the next working day (2026-04-27) and logs old and new due, version and calendar revision")
    func scenario4Recompute() async throws {
        try await withApp { env in
            // setup
            let f = try await Self.fixture(env)
            env.moveClock(to: "2026-04-16", hour: 9)
            let legalWeb = try await Self.web(env, "legal"), officerWeb = try await Self.web(env, "officer_a")
            let page = try await legalWeb.send(.GET, "/rules/complaint")
            #expect(page.body.string.contains("确认生效：第2版（SAMR-121，2026-04-15 起）"))
            // an officer reads the rules but sees no confirmation form and may not post one
            #expect(!(try await officerWeb.send(.GET, "/rules/complaint").body.string.contains("ruleset-activate-2")))
            let denied = try await officerWeb.send(.POST, "/rules/complaint/activate", form: try await Self.form(officerWeb, acceptWD: 8, citations: true))
            #expect(denied.status == .forbidden)

            // act: without citations the page is refused with each step named, nothing changes
            let refused = try await legalWeb.send(.POST, "/rules/complaint/activate", form: try await Self.form(legalWeb, acceptWD: 8, citations: false))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("确认生效须逐项注明依据：“acceptance”未注明依据"))
            #expect(try await ComplaintWebTests.clocks(env, f.after, token: f.officer)["acceptance"]?["due"] as? String == "2026-04-24")

            // act: confirmed with accept_wd 8
            let done = try await legalWeb.send(.POST, "/rules/complaint/activate", form: try await Self.form(legalWeb, acceptWD: 8, citations: true))
            #expect(done.status == .seeOther)
            #expect(done.headers.first(name: .location)?.contains("ruleset-activated-recomputed") == true)

            // check: 8 working days from 2026-04-15 on the calendar — the first working day after 04-24
            let calendar = try await CalendarRepository(store: env.store).current()
            var expected = try #require(LocalDate(iso: "2026-04-25"))
            while !calendar.isWorkday(expected) { expected = expected.adding(days: 1) }
            #expect(expected.iso == "2026-04-27")
            let clock = try #require(try await ComplaintWebTests.clocks(env, f.after, token: f.officer)["acceptance"])
            #expect(clock["due"] as? String == expected.iso)
            #expect(clock["count"] as? Int == 8)
            #expect(clock["ruleUnconfirmed"] as? Bool == false)
            #expect(clock["ruleSet"] as? String == "complaint@3")
            // SAMR-20's case keeps 04-23
            #expect(try await ComplaintWebTests.clocks(env, f.before, token: f.officer)["acceptance"]?["due"] as? String == "2026-04-23")

            // check: the change is logged with old and new due, rule-set version and calendar revision, and shows on the timeline
            let auditor = try await env.actor(f.s.auditor)
            let caseKey = try #require(UUID(uuidString: f.after)).uuidString
            let entry = try #require(try await env.audit.search(AuditQuery(objectID: caseKey, action: "clock.ruleset"), actor: auditor).first)
            #expect(entry.draft.changes["due"]?.before == "2026-04-24")
            #expect(entry.draft.changes["due"]?.after == "2026-04-27")
            #expect(entry.draft.changes["rule"]?.before == "complaint@2 7 workday")
            #expect(entry.draft.changes["rule"]?.after == "complaint@3 8 workday")
            #expect(entry.draft.changes["calendarRevision"]?.after == String(calendar.revision))
            let activation = try #require(try await env.audit.search(AuditQuery(action: "ruleset.activate"), actor: auditor).first)
            #expect(activation.draft.changes["recomputed"]?.after == "1")
            #expect(activation.draft.changes["rule.acceptance"]?.before?.hasPrefix("7 workday") == true)
            #expect(activation.draft.changes["rule.acceptance"]?.after?.hasPrefix("8 workday") == true)
            let casePage = try await officerWeb.send(.GET, "/cases/\(f.after)").body.string
            #expect(casePage.contains("2026-04-27"))
            #expect(casePage.contains("时限规则确认生效"))
            #expect(!casePage.contains(Self.flag))
            // the versions table says SAMR-121's provisional version is confirmed by version 3
            let after = try await legalWeb.send(.GET, "/rules/complaint").body.string
            #expect(after.contains("已确认（第3版）"))
            #expect(!after.contains("ruleset-activate-2"))
        }
    }
}
