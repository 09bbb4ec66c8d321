import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Parallel sub-tasks on one case (issue 12 item 4): the test-only parallel approval sends 抄告单 to
/// several departments (PA-24), each replies on its own 5-working-day clock (PA-25), the licence
/// waits for all of them, a withdrawal withdraws them (PA-41). Scope: the departments asked read the
/// case and reply to their own 抄告单 only; anyone else gets 404 (X-05, PLT-05). On SQLite and
/// PostgreSQL.
@Suite("Parallel sub-tasks (issue 12 item 4)", .serialized)
struct SubtaskTests {
    static let registry = ProcedureRegistry.shipped.adding([CopyNoticeProcedure.self, ReferralProcedure.self])

    struct Body: Encodable {
        let version: Int
        let input: [String: String]
    }

    struct Reply: Encodable {
        let text: String?
        let on: String?
    }

    /// The seeded bureau, two outside departments (卫生 WS, 消防 XF) with an officer each, and an
    /// unrelated unit (QT) whose officer must see nothing.
    struct Departments {
        let s: Seeded
        let ws: UserRecord
        let xf: UserRecord
        let qt: UserRecord
        let wsUnit: OrgUnit
        let xfUnit: OrgUnit
        let party: UUID
    }

    static func departments(_ env: TestEnv) async throws -> Departments {
        let s = try await env.seed()
        let ctx = AuditContext.system("test")
        let ws = try await env.org.createUnit(code: "WS", name: "区卫生健康局", kind: .external, parentID: nil, areaCode: nil, numberPrefix: nil, context: ctx)
        let xf = try await env.org.createUnit(code: "XF", name: "区消防救援大队", kind: .external, parentID: nil, areaCode: nil, numberPrefix: nil, context: ctx)
        let qt = try await env.org.createUnit(code: "QT", name: "西湖市场监管所", kind: .office, parentID: s.bureau.id, areaCode: nil, numberPrefix: "西湖所",
                                              context: ctx)
        let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村味道餐饮有限公司", uscc: .uscc(5160)),
                                                 unitID: s.officeA.id, actor: env.actor(s.officerA), context: ctx).party
        return Departments(s: s, ws: try await env.user("ws_officer", "王卫", unit: ws.id, role: "officer", scope: .unit),
                           xf: try await env.user("xf_officer", "赵消", unit: xf.id, role: "officer", scope: .unit),
                           qt: try await env.user("qt_officer", "钱西", unit: qt.id, role: "officer", scope: .unit),
                           wsUnit: ws, xfUnit: xf, party: party.id)
    }

    /// Accepts an application in office A and sends the 抄告单 to `units`; returns the case id.
    static func sent(_ env: TestEnv, _ d: Departments, token: String, units: [String]) async throws -> String {
        let created = try RegistryTests.json(try await env.request(.POST, "/api/v1/copynotices", token: token, json: ["partyID": d.party.uuidString]))
        let id = try #require(created["id"] as? String)
        let res = try await env.request(.POST, "/api/v1/copynotices/\(id)/actions/send", token: token,
                                        json: Body(version: 1, input: ["units": units.joined(separator: "\n")]))
        #expect(res.status == .ok)
        return id
    }

    static func subtasks(_ env: TestEnv, _ id: String, token: String) async throws -> [[String: Any]] {
        try RegistryTests.list(try await env.request(.GET, "/api/v1/cases/\(id)/subtasks", token: token))
    }

    @Test("PA-24 PA-25 X-05: 抄告 on Fri 2025-09-26 to three departments, each due 2025-10-10 (make-up Sunday 09-28 counts, National Day skipped); the licence is refused naming the departments still to reply, then allowed once all replied; another unit's reply is 404; a reply ends its clock on the reply date")
    func licenceWaitsOnEveryDepartment() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup: accepted and sent on Fri 2025-09-26 to 卫生, 消防 and office B (东湖)
            let d = try await Self.departments(env)
            env.moveClock(to: "2025-09-26", hour: 10)
            let a = try await env.token(d.s.officerA)
            let ws = try await env.token(d.ws), xf = try await env.token(d.xf), b = try await env.token(d.s.officerB), qt = try await env.token(d.qt)
            let id = try await Self.sent(env, d, token: a, units: ["WS", "XF", "DH"])

            // check: three open sub-tasks, each on its own clock in the unit asked, due 2025-10-10:
            // 09-28 (make-up Sunday), 09-29, 09-30, then 10-09, 10-10 after 10-01…10-08
            let c = try RegistryTests.json(try await env.request(.GET, "/api/v1/cases/\(id)", token: a))
            let subtasks = try #require(c["subtasks"] as? [[String: Any]])
            #expect(subtasks.count == 3)
            #expect(subtasks.allSatisfy { $0["state"] as? String == "open" && $0["openedOn"] as? String == "2025-09-26" && $0["rule"] as? String == "PA-25" })
            let clocks = try #require(c["clocks"] as? [[String: Any]]).filter { $0["step"] as? String == "paOpinion" }
            #expect(clocks.count == 3)
            #expect(clocks.allSatisfy { $0["due"] as? String == "2025-10-10" })
            let clockUnits = try await env.sql.select().column("unit_id").from("clocks").where("step", .equal, SQLBind("paOpinion")).all()
                .map { try $0.decode(column: "unit_id", as: UUID.self) }
            #expect(Set(clockUnits) == [d.wsUnit.id, d.xfUnit.id, d.s.officeB.id])
            func subtask(_ unit: UUID) throws -> String { try #require(subtasks.first { $0["unitId"] as? String == unit.uuidString }?["id"] as? String) }
            let wsTask = try subtask(d.wsUnit.id), xfTask = try subtask(d.xfUnit.id), bTask = try subtask(d.s.officeB.id)

            // check X-05: a department asked reads the case, never acts on it; an unrelated unit sees nothing
            #expect(try await env.request(.GET, "/api/v1/cases/\(id)", token: ws).status == .ok)
            #expect(try await env.request(.GET, "/api/v1/copynotices/\(id)", token: ws).status == .ok)
            #expect(try await env.request(.POST, "/api/v1/copynotices/\(id)/actions/license", token: ws, json: Body(version: 2, input: [:])).status == .notFound)
            #expect(try await env.request(.GET, "/api/v1/cases/\(id)", token: qt).status == .notFound)
            #expect(try await env.request(.GET, "/api/v1/cases/\(id)/subtasks", token: qt).status == .notFound)
            #expect(try await env.request(.POST, "/api/v1/cases/\(id)/subtasks/\(wsTask)/reply", token: qt,
                                          json: Reply(text: "同意", on: "2025-09-26")).status == .notFound)
            // 卫生 cannot answer for 消防
            #expect(try await env.request(.POST, "/api/v1/cases/\(id)/subtasks/\(xfTask)/reply", token: ws,
                                          json: Reply(text: "同意", on: "2025-09-26")).status == .notFound)

            // act: 卫生 agrees on Tue 09-30
            env.moveClock(to: "2025-09-30", hour: 9)
            let replied = try await env.request(.POST, "/api/v1/cases/\(id)/subtasks/\(wsTask)/reply", token: ws, json: Reply(text: "同意", on: "2025-09-30"))
            #expect(replied.status == .ok)
            #expect(try RegistryTests.json(replied)["state"] as? String == "replied")
            #expect(try RegistryTests.json(replied)["repliedOn"] as? String == "2025-09-30")

            // check: bad input names every problem with stable codes and changes nothing (X-06)
            let bad = try await env.request(.POST, "/api/v1/cases/\(id)/subtasks/\(xfTask)/reply", token: xf, json: Reply(text: " ", on: "2025-10-31"))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.headers.contentType?.description.contains("problem+json") == true)
            #expect(bad.body.string.contains("input.required"))
            #expect(bad.body.string.contains("subtask.reply.future"))
            let early = try await env.request(.POST, "/api/v1/cases/\(id)/subtasks/\(xfTask)/reply", token: xf, json: Reply(text: "同意", on: "2025-09-25"))
            #expect(early.body.string.contains("subtask.reply.before-open"))

            // check: the licence is refused while 消防 and 东湖 are open, naming both and not 卫生
            let refused = try await env.request(.POST, "/api/v1/copynotices/\(id)/actions/license", token: a, json: Body(version: 2, input: [:]))
            #expect(refused.status == .unprocessableEntity)
            let problem = refused.body.string
            #expect(problem.contains("subtask.pending"))
            #expect(problem.contains("PA-25"))
            #expect(problem.contains("区消防救援大队") && problem.contains("东湖市场监管所"))
            #expect(!problem.contains("区卫生健康局"))
            let actions = try RegistryTests.list(try await env.request(.GET, "/api/v1/copynotices/\(id)/actions", token: a))
            let unmet = actions.first { $0["key"] as? String == "license" }?["unmet"] as? [[String: Any]] ?? []
            #expect(unmet.contains { $0["code"] as? String == "subtask.pending" })

            // act: 东湖 replies on its due day, 消防 late on Mon 10-13
            env.moveClock(to: "2025-10-10", hour: 16)
            #expect(try await env.request(.POST, "/api/v1/cases/\(id)/subtasks/\(bTask)/reply", token: b,
                                          json: Reply(text: "无意见", on: "2025-10-10")).status == .ok)
            env.moveClock(to: "2025-10-13", hour: 9)
            #expect(try await env.request(.POST, "/api/v1/cases/\(id)/subtasks/\(xfTask)/reply", token: xf,
                                          json: Reply(text: "同意，需现场复核", on: "2025-10-13")).status == .ok)
            // a second reply is refused
            let again = try await env.request(.POST, "/api/v1/cases/\(id)/subtasks/\(wsTask)/reply", token: ws, json: Reply(text: "再次同意", on: "2025-10-13"))
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("subtask.closed"))

            // check: each clock ended on its reply date — met, met, late (CAL-33)
            let after = try RegistryTests.json(try await env.request(.GET, "/api/v1/cases/\(id)", token: a))
            let ended = (after["clocks"] as? [[String: Any]] ?? []).filter { $0["step"] as? String == "paOpinion" }
            let clockOf = { (task: String) in ended.first { $0["id"] as? String == (subtasks.first { $0["id"] as? String == task }?["clockId"] as? String) } }
            #expect(clockOf(wsTask)?["endedOn"] as? String == "2025-09-30")
            #expect(clockOf(wsTask)?["state"] as? String == "met")
            #expect(clockOf(bTask)?["endedOn"] as? String == "2025-10-10")
            #expect(clockOf(bTask)?["state"] as? String == "met")
            #expect(clockOf(xfTask)?["endedOn"] as? String == "2025-10-13")
            #expect(clockOf(xfTask)?["state"] as? String == "overdue")

            // act + check: every department replied — the licence is issued
            let licensed = try await env.request(.POST, "/api/v1/copynotices/\(id)/actions/license", token: a, json: Body(version: 2, input: [:]))
            #expect(licensed.status == .ok)
            #expect(try RegistryTests.json(licensed)["state"] as? String == "licensed")
            // check X-04: opening and replies audited on the case
            let timeline = try RegistryTests.list(try await env.request(.GET, "/api/v1/cases/\(id)/timeline", token: a))
            #expect(timeline.filter { $0["action"] as? String == "case.subtask.open" }.count == 3)
            #expect(timeline.filter { $0["action"] as? String == "case.subtask.reply" }.count == 3)
            #expect(timeline.contains { $0["action"] as? String == "case.subtask.reply" && $0["user"] as? String == "xf_officer" })
        }
    }

    @Test("PA-25 X-05 PLT-05: the department's officer finds the open 抄告单 in their worklist (due 2025-10-10), reads the case page's 协办事项 with a reply form (CSRF, escaped) and replies there; the sender's page shows the reply; an unrelated unit gets 404")
    func worklistAndCasePage() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup
            let d = try await Self.departments(env)
            env.moveClock(to: "2025-09-26", hour: 10)
            let a = try await env.token(d.s.officerA)
            let id = try await Self.sent(env, d, token: a, units: ["WS", "XF"])
            let wsTask = try #require(try await Self.subtasks(env, id, token: a).first { $0["unitId"] as? String == d.wsUnit.id.uuidString }?["id"] as? String)

            // check: the receiving unit's worklist holds its open 抄告单; the unrelated unit's does not
            let wsList = try RegistryTests.list(try await env.request(.GET, "/api/v1/worklist?view=mine", token: try await env.token(d.ws)))
            let line = wsList.first { $0["caseId"] as? String == id }
            #expect(line?["step"] as? String == "paOpinion")
            #expect(line?["due"] as? String == "2025-10-10")
            #expect((line?["stateName"] as? String)?.contains("待回复") == true)
            #expect(try RegistryTests.list(try await env.request(.GET, "/api/v1/worklist?view=mine", token: try await env.token(d.qt)))
                .allSatisfy { $0["caseId"] as? String != id })

            // check: the department's page — read only, the section and its own reply form only (on
            // Mon 09-29: sessions end after 30 idle minutes, so the browser logs in on the day)
            env.moveClock(to: "2025-09-29", hour: 11)
            let web = WebClient(env)
            try await web.login("ws_officer", Seeded.password)
            let home = try await web.send(.GET, "/")
            #expect(home.body.string.contains("/cases/\(id.uppercased())"))
            let page = try await web.send(.GET, "/cases/\(id)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains(#"id="subtasks""#))
            #expect(html.contains("协办事项"))
            #expect(html.contains("区卫生健康局") && html.contains("区消防救援大队"))
            #expect(html.contains(#"id="subtask-reply-\#(wsTask)""#))
            #expect(html.components(separatedBy: #"class="form" id="subtask-reply-"#).count == 2)
            #expect(html.contains(#"id="case-read-only""#))
            #expect(!html.contains(#"id="submit-license""#))

            // act: without the CSRF token — refused; then a reply with markup, through the form
            let path = "/cases/\(id)/subtasks/\(wsTask)/reply"
            #expect(try await web.send(.POST, path, form: ["text": "同意", "on": "2025-09-29"]).status == .forbidden)
            let csrf = try await web.csrf(from: "/cases/\(id)")
            let empty = try await web.send(.POST, path, form: ["_csrf": csrf, "text": "", "on": "2025-09-29"])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("请填写“回复意见”"))
            let posted = try await web.send(.POST, path, form: ["_csrf": csrf, "text": "<b>同意</b>", "on": "2025-09-29"])
            #expect(posted.status == .seeOther)

            // check: the sender's page shows the reply escaped, the state, the pending count
            let sender = WebClient(env)
            try await sender.login("officer_a", Seeded.password)
            let senderHTML = try await sender.send(.GET, "/cases/\(id)").body.string
            #expect(senderHTML.contains("&lt;b&gt;同意&lt;/b&gt;"))
            #expect(!senderHTML.contains("<b>同意</b>"))
            #expect(senderHTML.contains("已回复"))
            #expect(senderHTML.contains("1个部门待回复"))
            #expect(!senderHTML.contains(#"class="form" id="subtask-reply-"#))
            // the department's form is gone once replied
            #expect(!(try await web.send(.GET, "/cases/\(id)").body.string.contains(#"id="subtask-reply-\#(wsTask)""#)))
            // check X-05: an unrelated unit's officer gets 404 on the page and the form
            let other = WebClient(env)
            try await other.login("qt_officer", Seeded.password)
            #expect(try await other.send(.GET, "/cases/\(id)").status == .notFound)

            // check CAL-41: 消防 was told when asked; on Mon 10-13 (due Fri 10-10) its open 抄告单 is red and
            // its officer is reminded — not 卫生 (replied), not the sending officer
            let inbox = NotificationRepository(store: env.store)
            #expect(try await inbox.inbox(userID: d.xf.id).contains { $0.kind == "case.subtask.open" })
            env.moveClock(to: "2025-10-13")
            _ = try await ClockReminders(notifier: env.app.fengqiao.notifier, warningWorkdays: 2).run(env.store)
            #expect(try await inbox.inbox(userID: d.xf.id).contains { $0.kind == "clock.red" })
            #expect(try await inbox.inbox(userID: d.ws.id).allSatisfy { !$0.kind.hasPrefix("clock.") })
            #expect(try await inbox.inbox(userID: d.s.officerA.id).allSatisfy { $0.kind != "clock.red" })
        }
    }

    @Test("PA-41: withdrawing the application withdraws the open 抄告单 and cancels their clocks; a replied one stays replied")
    func withdrawal() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup
            let d = try await Self.departments(env)
            env.moveClock(to: "2025-09-29", hour: 10)
            let a = try await env.token(d.s.officerA)
            let id = try await Self.sent(env, d, token: a, units: ["WS", "XF"])
            let tasks = try await Self.subtasks(env, id, token: a)
            let wsTask = try #require(tasks.first { $0["unitId"] as? String == d.wsUnit.id.uuidString }?["id"] as? String)
            // 5 working days from Mon 09-29: 09-30, 10-09, 10-10, 10-11 (make-up Saturday), 10-13
            let clocks = try RegistryTests.json(try await env.request(.GET, "/api/v1/cases/\(id)", token: a))["clocks"] as? [[String: Any]] ?? []
            #expect(clocks.allSatisfy { $0["due"] as? String == "2025-10-13" })
            #expect(try await env.request(.POST, "/api/v1/cases/\(id)/subtasks/\(wsTask)/reply", token: try await env.token(d.ws),
                                          json: Reply(text: "同意", on: "2025-09-29")).status == .ok)
            // act
            env.moveClock(to: "2025-10-09", hour: 10)
            #expect(try await env.request(.POST, "/api/v1/copynotices/\(id)/actions/withdraw", token: a, json: Body(version: 2, input: [:])).status == .ok)
            // check
            let after = try await Self.subtasks(env, id, token: a)
            #expect(after.first { $0["id"] as? String == wsTask }?["state"] as? String == "replied")
            let xf = after.first { $0["unitId"] as? String == d.xfUnit.id.uuidString }
            #expect(xf?["state"] as? String == "withdrawn")
            #expect(xf?["withdrawnOn"] as? String == "2025-10-09")
            let open = try await env.sql.select().column("id").from("clocks").where("case_id", .equal, SQLBind(try #require(UUID(uuidString: id))))
                .where("ended_on", .is, SQLLiteral.null).where("cancelled_on", .is, SQLLiteral.null).all()
            #expect(open.isEmpty)
            #expect(try await env.request(.POST, "/api/v1/cases/\(id)/subtasks/\(try #require(xf?["id"] as? String))/reply", token: try await env.token(d.xf),
                                          json: Reply(text: "同意", on: "2025-10-09")).body.string.contains("subtask.closed"))
        }
    }

    @Test("PA-24 X-06: sending to an unknown unit, to the case's own unit or twice to the same department is refused with the field and rule, and opens nothing")
    func badOpenings() async throws {
        try await withApp(procedures: Self.registry) { env in
            let d = try await Self.departments(env)
            let a = try await env.token(d.s.officerA)
            let created = try RegistryTests.json(try await env.request(.POST, "/api/v1/copynotices", token: a, json: ["partyID": d.party.uuidString]))
            let id = try #require(created["id"] as? String)
            let res = try await env.request(.POST, "/api/v1/copynotices/\(id)/actions/send", token: a,
                                            json: Body(version: 1, input: ["units": "NOPE\nZC\nWS\nWS"]))
            #expect(res.status == .unprocessableEntity)
            for code in ["subtask.unit-unknown", "subtask.same-unit", "subtask.duplicate"] { #expect(res.body.string.contains(code)) }
            #expect(try await env.sql.select().column("id").from("case_subtasks").all().isEmpty)
            #expect(try RegistryTests.json(try await env.request(.GET, "/api/v1/copynotices/\(id)", token: a))["state"] as? String == "accepted")
        }
    }

    @Test("R-02 X-05: a dispatch that keeps read access lets the sending office read the case page and the case API, with no forms, while office B acts")
    func keptReadAccessOnPageAndCaseAPI() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup: a referral of office A dispatched to B keeping read access
            let s = try await env.seed()
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村只读商行有限公司", uscc: .uscc(5161)),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let a = try await env.token(s.officerA)
            let id = try #require(try RegistryTests.json(try await env.request(.POST, "/api/v1/referrals", token: a,
                                                                               json: ["partyID": party.id.uuidString]))["id"] as? String)
            #expect(try await env.request(.POST, "/api/v1/referrals/\(id)/actions/dispatch", token: a,
                                          json: Body(version: 1, input: ["unit": "DH", "keepRead": "on"])).status == .ok)
            // check: the case API and timeline
            #expect(try await env.request(.GET, "/api/v1/cases/\(id)", token: a).status == .ok)
            #expect(try await env.request(.GET, "/api/v1/cases/\(id)/timeline", token: a).status == .ok)
            // check: the page, read only
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains(#"id="case-read-only""#))
            #expect(!page.body.string.contains(#"id="submit-return""#))
            #expect(!page.body.string.contains(#"id="attachment-upload""#))
            // check: B's officer acts from the page
            let b = WebClient(env)
            try await b.login("officer_b", Seeded.password)
            #expect(try await b.send(.GET, "/cases/\(id)").body.string.contains(#"id="submit-return""#))
        }
    }

    @Test("PA-25: the engine refuses a step that waits on sub-tasks while one is open, naming its unit, and allows it once all replied or were withdrawn (no database)")
    func engineGate() throws {
        // setup
        let unit = UUID()
        let actor = Actor(userID: UUID(), login: "a", name: "甲", unitID: unit, permissions: [.caseHandle], roleCodes: [], visibleUnits: [unit])
        let c = ProcedureCase(id: UUID(), unitID: unit, state: "consulting", gravity: .ordinary, partyIDs: [], handlerID: actor.userID,
                              openedOn: LocalDate(iso: "2025-09-26")!, facts: CopyNoticeProcedure.Facts(partyID: UUID()))
        func task(_ name: String, _ state: SubtaskState) -> Subtask {
            Subtask(id: UUID(), caseID: c.id, unitID: UUID(), unitName: name, kind: CopyNoticeProcedure.kind, titleZH: "并联审批抄告单", step: "paOpinion",
                    rule: "PA-25", state: state, openedOn: c.openedOn, clockID: nil)
        }
        func context(_ subtasks: [Subtask]) -> ProcedureContext {
            ProcedureContext(actor: actor, today: LocalDate(iso: "2025-10-13")!, calendar: WorkCalendar(years: []), subtasks: subtasks)
        }
        // act + check: one open
        let refused = ProcedureEngine.perform(CopyNoticeProcedure.self, "license", on: c, input: ActionInput(),
                                              context: context([task("卫生", .replied), task("消防", .open)]))
        guard case let .failure(refusal) = refused else { Issue.record("expected a refusal"); return }
        #expect(refusal.violations.map(\.code) == ["subtask.pending"])
        #expect(refusal.rules == ["PA-25"])
        #expect(refusal.violations.first?.messageZH.contains("消防") == true)
        #expect(refusal.violations.first?.messageZH.contains("卫生") == false)
        // act + check: all replied or withdrawn
        let allowed = ProcedureEngine.perform(CopyNoticeProcedure.self, "license", on: c, input: ActionInput(),
                                              context: context([task("卫生", .replied), task("消防", .withdrawn)]))
        #expect((try? allowed.get())?.state == "licensed")
    }
}
