import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// X-07 on the case page: the timeline and the facts show Chinese names from the procedure registry,
/// never the audit trail's internal keys and values.
@Suite("Case page text (X-07)", .serialized)
struct CasePageTextTests {
    @Test("X-07 the case timeline shows 状态：线索核查 → 法制审核 and the rule set by name, not state：clue → legalReview or ruleVersions：{\"interview\":1}")
    func timelineInChinese() async throws {
        try await withApp { env in
            // setup
            let st = try await InterviewTests.staff(env)
            let officer = try await env.token(st.s.officerA)
            let created = try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
                "partyID": st.party.id.uuidString, "title": "中村便民超市消防器材缺失", "source": "inspection", "description": "灭火器缺失",
            ])
            let id = try #require(try InterviewTests.json(created)["id"] as? String)
            env.moveClock(to: "2025-10-09")
            let verified = try await InterviewTests.action(env, officer, id, "verify", [
                "facts": ["经营场所灭火器缺失2具"], "evidence": ["现场检查笔录"], "provisions": ["《中华人民共和国消防法》第十六条"],
                "ground": ["first-minor"], "category": ["fire-equipment"], "necessity": ["初次违法"], "notSerious": ["on"],
            ])
            #expect(verified.status == .ok)
            // act
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(id)").body.string
            // check
            #expect(page.contains("状态：线索核查 → 法制审核"))
            #expect(page.contains("适用时限规则：行政约谈时限 第1版"))
            for code in ["state：", "ruleVersions", "{&quot;interview&quot;", "{\"interview\"", "clue → legalReview"] {
                #expect(!page.contains(code), "the page shows \(code)")
            }
            // on a phone the timeline keeps its labels: every cell names its column (data-label + CSS)
            let timeline = try #require(page.range(of: "id=\"case-timeline\"").map { String(page[$0.upperBound...]) })
            let rows = timeline.components(separatedBy: "</table>")[0]
            #expect(rows.components(separatedBy: "<td").count - 1 == rows.components(separatedBy: "data-label=").count - 1)
            #expect(rows.contains("data-label=\"内容\""))
            let home = try await web.send(.GET, "/").body.string
            #expect(home.contains("<td data-label=\"案号\">"))
        }
    }

    @Test("X-07 DOC-20 the print view's own styles are allowed by the response's CSP (by hash), and the app's pages keep style-src 'self' only")
    func printViewStyled() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let caseID = try await DocumentTests.openCase(env, s)
            let token = try await env.token(s.officerA)
            let doc = try DocumentTests.decode(DocumentDTO.self, try await DocumentTests.issue(env, token, caseID))
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            // act
            let print = try await web.send(.GET, "/documents/\(doc.id.uuidString)/print")
            // check
            #expect(print.status == .ok)
            let csp = print.headers.first(name: "Content-Security-Policy") ?? ""
            let blocks = PrintCSP.between(print.body.string, "<style>", "</style>")
            #expect(!blocks.isEmpty)
            for block in blocks { #expect(csp.contains("'sha256-\(PrintCSP.hash(block))'")) }
            for attribute in PrintCSP.between(print.body.string, " style=\"", "\"") { #expect(csp.contains(PrintCSP.hash(attribute))) }
            #expect(!csp.contains("unsafe-inline"))
            let home = try await web.send(.GET, "/")
            #expect(home.headers.first(name: "Content-Security-Policy")?.contains("style-src 'self';") == true)
        }
    }

    @Test("DOC-11 a document is voided from the case page with a reason and confirmation; without a reason nothing changes")
    func voidFromPage() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let caseID = try await DocumentTests.openCase(env, s)
            let token = try await env.token(s.officerA)
            let doc = try DocumentTests.decode(DocumentDTO.self, try await DocumentTests.issue(env, token, caseID))
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(caseID.uuidString)").body.string
            let action = "/documents/\(doc.id.uuidString)/void"
            #expect(page.contains("action=\"\(action)\"") && page.contains("data-confirm"))
            let csrf = WebClient.csrf(in: page) ?? ""
            // act + check: no reason is refused, naming the rule
            let refused = try await web.send(.POST, action, form: ["_csrf": csrf, "reason": " "])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("作废文书须注明理由"))
            let done = try await web.send(.POST, action, form: ["_csrf": csrf, "reason": "文书送达地址有误，重新制发"])
            #expect(done.status == .seeOther)
            let after = try await web.send(.GET, "/cases/\(caseID.uuidString)").body.string
            #expect(after.contains("作废") && !after.contains("action=\"\(action)\""))
            #expect(after.contains("状态：已签发 → 作废"))
        }
    }

    @Test("X-07 the case page's clock table names the rule set 行政约谈时限 第1版, not interview@1; the deadlines page's cells carry data-label for phones")
    func clockRuleSetInChinese() async throws {
        try await withApp { env in
            // setup: an interview clue of 2025-09-30 (verification clock, due 10-11 across National Day)
            let st = try await InterviewTests.staff(env)
            let officer = try await env.token(st.s.officerA)
            let created = try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
                "partyID": st.party.id.uuidString, "title": "中村便民超市消防器材缺失", "source": "inspection", "description": "灭火器缺失",
            ])
            let id = try #require(try InterviewTests.json(created)["id"] as? String)
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            // act
            let page = try await web.send(.GET, "/cases/\(id)").body.string
            let deadlines = try await web.send(.GET, "/deadlines").body.string
            // check
            let clocks = try #require(page.range(of: "id=\"case-clocks\"").map { String(page[$0.upperBound...]) }).components(separatedBy: "</table>")[0]
            #expect(clocks.contains("行政约谈时限 第1版"))
            #expect(!page.contains("interview@1"))
            let list = try #require(deadlines.range(of: "id=\"deadline-list\"").map { String(deadlines[$0.upperBound...]) }).components(separatedBy: "</table>")[0]
            #expect(list.contains("<td data-label=\"环节\">"))
            #expect(list.components(separatedBy: "<td").count == list.components(separatedBy: "<td data-label=").count)
        }
    }

    // MARK: No internal codes in the timeline (issue 12 item 6)

    static let registry = ProcedureRegistry.shipped.adding([ReferralProcedure.self, ErrandProcedure.self])

    /// The timeline section of a case page, checked for ids and internal keys: no UUID, no audit
    /// action key (`case.move`), no raw extension (`+3 workday`) or rule-set key.
    static func timeline(_ html: String) throws -> String {
        let section = try #require(html.components(separatedBy: "id=\"case-timeline\"").dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(section.firstMatch(of: #/[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/#) == nil, "a UUID in the timeline")
        #expect(section.firstMatch(of: #/(case|clock|document|rating)\.[a-z]/#) == nil, "an action key in the timeline")
        for raw in ["workday", "system:", "+3", "interview@", "errand@", "其他操作", "其他："] { #expect(!section.contains(raw), "\(raw) in the timeline") }
        return section
    }

    @Test("X-07 a case moved to another unit (R-02) reads 案件移送 and 承办单位：中村市场监管所 → 东湖市场监管所 on the case page, with no unit id and no case.move")
    func movedCaseInChinese() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup: a referral registered in office A on Tue 2025-09-30, dispatched to office B keeping read access
            let s = try await env.seed()
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村转办商行有限公司", uscc: .uscc(5161)),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let a = try await env.token(s.officerA)
            let id = try #require(try RegistryTests.json(try await env.request(.POST, "/api/v1/referrals", token: a,
                                                                               json: ["partyID": party.id.uuidString]))["id"] as? String)
            let sent = try await env.request(.POST, "/api/v1/referrals/\(id)/actions/dispatch", token: a,
                                             json: CaseMoveTests.Body(version: 1, input: ["unit": "DH", "keepRead": "on"]))
            #expect(sent.status == .ok)
            // act: office B's officer opens the case page
            let web = WebClient(env)
            try await web.login("officer_b", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(id)").body.string
            // check
            let timeline = try Self.timeline(page)
            #expect(timeline.contains("data-label=\"事项\">案件移送<"))
            #expect(timeline.contains("案件移送（R-02）。"))
            #expect(timeline.contains("承办单位：中村市场监管所 → 东湖市场监管所"))
            #expect(timeline.contains("保留查阅的单位：中村市场监管所"))
            #expect(timeline.contains("data-label=\"操作人\">officer_a<"))
        }
    }

    @Test("X-07 a step done by the system when its clock ran out (CAL-43, 2025-10-11 after National Day) and a linked party read 期限届满自动办理 and 当事人：<name> on the case page, with no clock or party id")
    func timedTransitionAndPartyInChinese() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup: an errand submitted on Tue 2025-09-30 (check due Fri 10-10), a second party linked to it
            let s = try await env.seed()
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村测试商行有限公司", uscc: .uscc(5162)),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let other = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市东湖关联贸易有限公司", uscc: .uscc(5163)),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let officer = try await env.token(s.officerA)
            let id = try await TimedTransitionTests.submitted(env, token: officer, party: party.id, title: "无人审核的事项")
            try await CaseRepository(store: env.store).linkParty(try #require(UUID(uuidString: id)), partyID: other.id, actor: env.actor(s.officerA),
                                                                 context: .system("test"))
            // act: 00:00:36 on the make-up Saturday 10-11 the check has run out; the system deems it approved
            env.moveClock(to: "2025-10-11", hour: 0.01)
            #expect(try await TimedTransitionRepository(store: env.store).fireDue().fired.count == 1)
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(id)").body.string
            // check
            let timeline = try Self.timeline(page)
            #expect(timeline.contains("data-label=\"事项\">期限届满自动办理<"))
            #expect(timeline.contains("“事项审核”期限届满，系统自动办理（T-06，CAL-43）"))
            #expect(timeline.contains("办理事项：逾期视为审核通过"))
            #expect(timeline.contains("data-label=\"操作人\">系统<"))
            #expect(timeline.contains("data-label=\"事项\">关联当事人<"))
            #expect(timeline.contains("当事人：江城市东湖关联贸易有限公司"))
        }
    }

    @Test("X-07 CAL-32 an extension reads 延期：延长3个工作日 on the case page (2025-09-30 → 10-14 across National Day), not +3 workday")
    func extensionInChinese() async throws {
        try await withApp { env in
            // setup: legality review from 2025-09-30, 3 working days more asked by the officer and confirmed by the leader
            let w = try await ClockTests.world(env)
            let officer = try await env.actor(w.s.officerA)
            let c = try await ClockRepository(store: env.store).start(caseID: w.caseID, ruleSet: "interview", step: "legalReview", on: ClockTests.d("2025-09-30"),
                                                                      handlerID: nil, actor: officer, context: .system("t"))
            let extensions = ClockExtensionRepository(store: env.store)
            let asked = try await extensions.request(c.id, by: 3, ground: "重大疑难案件", approverID: w.leader.id, actor: officer, context: .system("t"))
            let request = try #require(asked.pendingExtensions.first)
            _ = try await extensions.confirm(request.id, clockID: c.id, actor: env.actor(w.leader), context: .system("t"))
            // act
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(w.caseID.uuidString)").body.string
            // check
            let timeline = try Self.timeline(page)
            #expect(timeline.contains("data-label=\"事项\">申请延期<"))
            #expect(timeline.contains("data-label=\"事项\">延期（批准人确认）<"))
            #expect(timeline.contains("延期：延长3个工作日"))
            #expect(timeline.contains("期限：2025-10-10 → 2025-10-14"))
            #expect(timeline.contains("案件类型：测试案件"))
        }
    }

    @Test("X-07 sub-tasks sent 2025-09-26 and one answered 09-30 read 分送协办, 协办回复, 协办部门：区卫生健康局 and the 抄告单's title on the case page, with no sub-task or unit id")
    func subtasksInChinese() async throws {
        try await withApp(procedures: SubtaskTests.registry) { env in
            // setup: 抄告 on Fri 2025-09-26 to 卫生 and 消防; 卫生 replies on Tue 09-30
            let d = try await SubtaskTests.departments(env)
            env.moveClock(to: "2025-09-26", hour: 10)
            let a = try await env.token(d.s.officerA)
            let id = try await SubtaskTests.sent(env, d, token: a, units: ["WS", "XF"])
            env.moveClock(to: "2025-09-30", hour: 10)
            let tasks = try await SubtaskTests.subtasks(env, id, token: a)
            let ws = try #require(tasks.first { $0["unitId"] as? String == d.wsUnit.id.uuidString }?["id"] as? String)
            let replied = try await env.request(.POST, "/api/v1/cases/\(id)/subtasks/\(ws)/reply", token: try await env.token(d.ws),
                                                json: SubtaskTests.Reply(text: "同意", on: "2025-09-30"))
            #expect(replied.status == .ok)
            // act
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(id)").body.string
            // check
            let timeline = try Self.timeline(page)
            #expect(timeline.contains("data-label=\"事项\">分送协办<") && timeline.contains("data-label=\"事项\">协办回复<"))
            #expect(timeline.contains("协办部门：区卫生健康局") && timeline.contains("协办部门：区消防救援大队"))
            #expect(timeline.contains("协办事项：区卫生健康局："))
            #expect(timeline.contains("状态：待回复 → 已回复"))
            #expect(timeline.contains("状态：计时中 → 按期办结"))
        }
    }
}
