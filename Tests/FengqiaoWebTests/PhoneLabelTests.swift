import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// Tables keep their labels on a phone (issue 12 item 6): below 640 px `app.css` hides the table
/// head and shows each cell's `data-label` before it (`.table td[data-label]::before`), so every
/// cell must carry a non-empty one. And the statistics pages switch between the procedures that
/// have indicators (ST-04).
@Suite("Phone labels and the statistics switcher", .serialized)
struct PhoneLabelTests {
    static let registry = ProcedureRegistry.shipped.adding([ErrandProcedure.self])

    /// Every `<td …>` of the page with the data-label it carries ("" when it has none); at least one cell.
    static func cells(_ html: String, _ page: String) -> [String] {
        let cells = html.matches(of: #/<td\b[^>]*>/#).map { String($0.output) }
        #expect(!cells.isEmpty, "\(page) has no table cells to check")
        return cells.map { $0.firstMatch(of: #/data-label="([^"]*)"/#).map { String($0.1) } ?? "" }
    }

    static func expectLabelled(_ html: String, _ page: String) {
        for (i, label) in Self.cells(html, page).enumerated() { #expect(!label.isEmpty, "\(page): cell \(i) has no data-label") }
    }

    @Test("X-07 on a phone every cell of the case page's clock table (with its extension records), the revisit sample, the party import errors and both destruction pages names its column (data-label)")
    func everyCellLabelled() async throws {
        // The clock jumps to 2031 for the destruction list: passwords must not expire meanwhile (PLT-30).
        try await withApp(extraEnvironment: ["FENGQIAO_PASSWORD_MAX_AGE_DAYS": "3650"], procedures: Self.registry) { env in
            // setup: a case of office A with legality review from 2025-09-30 and an extension asked for, an
            // inspection suspended over 10-09…10-10, and an issued, unserved notice
            let w = try await ClockTests.world(env)
            let officer = try await env.actor(w.s.officerA)
            let clocks = ClockRepository(store: env.store)
            let review = try await clocks.start(caseID: w.caseID, ruleSet: "interview", step: "legalReview", on: ClockTests.d("2025-09-30"),
                                                handlerID: nil, actor: officer, context: .system("t"))
            _ = try await ClockExtensionRepository(store: env.store).request(review.id, by: 2, ground: "重大疑难", approverID: w.leader.id, actor: officer,
                                                                             context: .system("t"))
            let inspection = try await clocks.start(caseID: w.caseID, ruleSet: "interview", step: "inspection", on: ClockTests.d("2025-09-30"),
                                                    handlerID: nil, actor: officer, context: .system("t"))
            _ = try await clocks.suspend(inspection.id, from: ClockTests.d("2025-10-09"), to: ClockTests.d("2025-10-10"), ground: "检验检测",
                                         approverID: w.head.id, actor: officer, context: .system("t"))
            let token = try await env.token(w.s.officerA)
            #expect(try await DocumentTests.issue(env, token, w.caseID).status == .created)
            // an errand of 09-30 closed on Thu 2025-10-09 (after National Day), for the quarter's revisit sample
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村回访标签有限公司", uscc: .uscc(5171)),
                                                     unitID: w.s.officeA.id, actor: officer, context: .system("test")).party
            let errand = try #require(try RegistryTests.json(try await env.request(.POST, "/api/v1/errands", token: token,
                                                                                   json: ["partyID": party.id.uuidString, "title": "标签测试事项"]))["id"] as? String)
            env.moveClock(to: "2025-10-09")
            #expect(try await env.request(.POST, "/api/v1/errands/\(errand)/actions/submit", token: token,
                                          json: FollowUpTests.ActionBody(version: 1, input: ["report": "已办"])).status == .ok)
            #expect(try await env.request(.POST, "/api/v1/errands/\(errand)/actions/approve", token: try await env.token(w.head), json: ["version": 2]).status == .ok)
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)

            // act + check: the case page (its clock table, records, pending request, documents and timeline)
            let casePage = try await web.send(.GET, "/cases/\(w.caseID.uuidString)").body.string
            let table = try #require(casePage.components(separatedBy: "id=\"case-clocks\"").dropFirst().first?.components(separatedBy: "</table>").first)
            #expect(Self.cells(table, "clock table").contains("到期"))
            #expect(table.contains("pending-extension") && table.contains("中止 2025-10-09 至 2025-10-10"))
            Self.expectLabelled(casePage, "case page")
            // the quarter's revisit sample
            let sample = try await web.send(.GET, "/revisits?type=errands&quarter=2025-Q4&unit=\(w.s.officeA.id.uuidString)").body.string
            #expect(sample.contains("标签测试事项"))
            Self.expectLabelled(sample, "revisit sample")
            // the party import with a refused row
            let csrf = try await web.csrf(from: "/parties/import")
            let csv = Array("类型,名称,统一社会信用代码\n企业,江城市标签导入有限公司,\(String.uscc(5172))\n企业,错误代码公司,91330102XXXXXXXXXX\n".utf8)
            let imported = try await web.send(.POST, "/parties/import", multipart: BadInputTests.multipart(csrf, filename: "名册.csv", csv)).body.string
            #expect(imported.contains("id=\"import-errors\""))
            Self.expectLabelled(imported, "party import")

            // the destruction list and its page: the errand closed 10-09 and archived D5 on 10-21 expires at the end of 2030
            env.moveClock(to: "2025-10-21")
            let archives = ArchiveRepository(store: env.store)
            let number = try await archives.archive(try #require(UUID(uuidString: errand)), fonds: "JZC", retention: .d5, on: ClockTests.d("2025-10-21"),
                                                    actor: officer, context: .system("t")).archiveNumber
            env.moveClock(to: "2031-01-06")
            let head = WebClient(env)
            try await head.login("head_a", Seeded.password)
            let listToken = try await head.csrf(from: "/archives/destructions")
            let created = try await head.send(.POST, "/archives/destructions", pairs: [("_csrf", listToken)])
            let base = try #require(created.headers.first(name: .location))
            #expect(try await head.send(.POST, base + "/list", pairs: [("_csrf", listToken), ("case", number)]).status == .seeOther)
            let list = try await head.send(.GET, base).body.string
            #expect(list.contains(number))
            Self.expectLabelled(list, "destruction list")
            Self.expectLabelled(try await head.send(.GET, "/archives/destructions").body.string, "destruction lists")
        }
    }

    @Test("ST-04 the statistics page switches between the procedures with indicators (行政约谈, 测试事项), keeping the period; with the shipped registry one tab per shipped procedure with indicators")
    func statisticsSwitcher() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup: the unit head reads statistics
            let s = try await env.seed()
            _ = try await env.user("head_a", "周所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
            let web = WebClient(env)
            try await web.login("head_a", Seeded.password)
            // act
            let index = try await web.send(.GET, "/statistics")
            let interviews = try await web.send(.GET, "/statistics/interviews?period=2025-Q4").body.string
            let errands = try await web.send(.GET, "/statistics/errands?period=2025-Q4").body.string
            // check: /statistics opens the first; each page links to both, its own marked current
            #expect(index.headers.first(name: .location) == "/statistics/interviews")
            let tabs = { (html: String) in html.components(separatedBy: "id=\"statistics-procedures\"").dropFirst().first?.components(separatedBy: "</nav>").first ?? "" }
            #expect(tabs(interviews).contains("<a href=\"/statistics/interviews?period=2025-Q4\" class=\"active\" aria-current=\"page\">行政约谈</a>"))
            #expect(tabs(interviews).contains("<a href=\"/statistics/errands?period=2025-Q4\">测试事项</a>"))
            #expect(tabs(errands).contains("<a href=\"/statistics/errands?period=2025-Q4\" class=\"active\" aria-current=\"page\">测试事项</a>"))
            #expect(tabs(errands).contains("<a href=\"/statistics/interviews?period=2025-Q4\">行政约谈</a>"))
        }
        try await withApp { env in
            let s = try await env.seed()
            _ = try await env.user("head_a", "周所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
            let web = WebClient(env)
            try await web.login("head_a", Seeded.password)
            let page = try await web.send(.GET, "/statistics/interviews?period=2025-Q4").body.string
            let tabs = page.components(separatedBy: "id=\"statistics-procedures\"").dropFirst().first?.components(separatedBy: "</nav>").first ?? ""
            // One tab per shipped procedure with indicators (the interview, the complaint track), from the registry.
            #expect(tabs.components(separatedBy: "<a ").count - 1 == ProcedureRegistry.shipped.with(.indicators).count)
            #expect(tabs.contains("aria-current=\"page\">行政约谈</a>"))
            #expect(tabs.contains("<a href=\"/statistics/complaints?period=2025-Q4\">投诉</a>"))
        }
    }
}
