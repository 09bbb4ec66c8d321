import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// Issue 12 item 1: a procedure is a folder plus one registry line. `ErrandProcedure` exists only
/// in the tests; registered at start-up it gets its API, pages, OpenAPI entries, worklist entries
/// and clocks with no web or store code of its own. On SQLite and PostgreSQL.
@Suite("The procedure registry (issue 12)", .serialized)
struct RegistryTests {
    static let registry = ProcedureRegistry.shipped.adding([ErrandProcedure.self])

    static func json(_ res: TestingHTTPResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any] ?? [:]
    }

    static func list(_ res: TestingHTTPResponse) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [[String: Any]] ?? []
    }

    @Test("A procedure registered at start-up gets its API, OpenAPI entries, pages, worklist and clocks (the errand crosses the 2025 National Day)")
    func registeredProcedure() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup
            let s = try await env.seed()
            let head = try await env.user("head_a", "周所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村测试商行有限公司", uscc: .uscc(5150)),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let officer = try await env.token(s.officerA)
            let headToken = try await env.token(head)

            // check: the OpenAPI document lists its five operations next to the interview's
            let doc = try Self.json(try await env.request(.GET, "/api/v1/openapi.json"))
            let paths = try #require(doc["paths"] as? [String: Any])
            for path in ["/api/v1/errands", "/api/v1/errands/{id}", "/api/v1/errands/{id}/actions", "/api/v1/errands/{id}/actions/{action}",
                         "/api/v1/errands/{id}/links", "/api/v1/interviews"] {
                #expect(paths[path] != nil, "OpenAPI lacks \(path)")
            }

            // act: open through the API on Tue 2025-09-30
            let created = try await env.request(.POST, "/api/v1/errands", token: officer,
                                                json: ["partyID": party.id.uuidString, "title": "测试事项一"], headers: [("Idempotency-Key", "e-1")])
            #expect(created.status == .created)
            let c = try Self.json(created)
            let id = try #require(c["id"] as? String)
            #expect(c["caseType"] as? String == "errand")
            #expect(c["stateName"] as? String == "办理中")
            // PLT-17: the unit's code, the procedure's module code, the year, the serial
            #expect(c["number"] as? String == "ZC-TE-2025-0001")
            // check: its clock, from its own rule set — 3 working days after 09-30 skip 10-01…10-08: 10-09, 10-10, 10-11 (make-up Saturday)
            let clocks = try Self.json(try await env.request(.GET, "/api/v1/cases/\(id)", token: officer))["clocks"] as? [[String: Any]] ?? []
            #expect(clocks.map { $0["step"] as? String } == ["errandWork"])
            #expect(clocks.first?["due"] as? String == "2025-10-11")
            // check: the actions API lists the handler's step
            let actions = try Self.list(try await env.request(.GET, "/api/v1/errands/\(id)/actions", token: officer))
            #expect(actions.map { $0["key"] as? String } == ["submit"])
            // check: the officer's worklist has it, with the state's and step's names
            let mine = try Self.list(try await env.request(.GET, "/api/v1/worklist?view=mine", token: officer))
            #expect(mine.first { $0["caseId"] as? String == id }?["stateName"] as? String == "办理中")

            // pages: the new-case link, the form, the case page with its step names
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let home = try await web.send(.GET, "/").body.string
            #expect(home.contains(#"href="/errands/new" id="new-errand">登记测试事项</a>"#))
            #expect(home.contains("测试事项一"))
            let form = try await web.send(.GET, "/errands/new")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("事项名称"))
            let page = try await web.send(.GET, "/cases/\(id)").body.string
            #expect(page.contains("测试事项"))
            #expect(page.contains("事项办理"))
            #expect(page.contains("/cases/\(id)/actions/submit"))

            // act: submit from the case page on Thu 2025-10-09, after the holiday
            env.moveClock(to: "2025-10-09")
            try await web.login("officer_a", Seeded.password)
            let csrf = try await web.csrf(from: "/cases/\(id)")
            let submitted = try await web.send(.POST, "/cases/\(id)/actions/submit", form: ["_csrf": csrf, "_version": "1", "report": "已办理"])
            #expect(submitted.status == .seeOther)
            #expect(submitted.headers.first(name: .location)?.hasSuffix("?ok=action-done") == true)
            // check: now the head's work (case.assign is not a handler permission), not the other office's
            let headMine = try Self.list(try await env.request(.GET, "/api/v1/worklist?view=mine", token: headToken))
            let waiting = try #require(headMine.first { $0["caseId"] as? String == id })
            #expect(waiting["stateName"] as? String == "待审核")
            #expect(waiting["step"] as? String == "errandCheck")
            // 2 working days after Thu 10-09: Fri 10-10 and the make-up Saturday 10-11
            #expect(waiting["due"] as? String == "2025-10-11")
            let other = try await env.token(s.officerB)
            #expect(try await env.request(.GET, "/api/v1/errands/\(id)", token: other).status == .notFound)
            // check: the procedure's own rule runs through the generic engine (T-03: the handler may not approve)
            let selfApproval = try await env.request(.POST, "/api/v1/errands/\(id)/actions/approve", token: officer, json: ["version": 2])
            #expect(selfApproval.status == .forbidden || selfApproval.status == .unprocessableEntity)

            // act: the head approves through the API
            let approved = try await env.request(.POST, "/api/v1/errands/\(id)/actions/approve", token: headToken, json: ["version": 2])
            #expect(approved.status == .ok)
            let done = try Self.json(approved)
            #expect(done["state"] as? String == "done")
            #expect(done["closedOn"] as? String == "2025-10-09")
        }
    }

    @Test("The shipped app has no route for a procedure it does not register")
    func unregistered() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            #expect(try await env.request(.POST, "/api/v1/errands", token: token, json: ["title": "x"]).status == .notFound)
            let doc = try Self.json(try await env.request(.GET, "/api/v1/openapi.json"))
            #expect((doc["paths"] as? [String: Any])?["/api/v1/errands"] == nil)
        }
    }
}
