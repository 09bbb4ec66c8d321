import FengqiaoCore
@testable import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Issue 13 item 7: the defects an outside probe found, each pinned on concrete dates (the test clock
/// starts on Tue 2025-09-30), on SQLite and PostgreSQL.
@Suite("Defects found by the outside probe (issue 13 item 7)", .serialized)
struct ProbeDefectTests {
    static func json(_ res: TestingHTTPResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    static func fieldCodes(_ res: TestingHTTPResponse) -> [String] {
        (json(res)["fields"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    static func party(_ env: TestEnv, _ s: Seeded) async throws -> PartySummary {
        try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村便民超市有限公司", uscc: .uscc(4711), representative: "孙大成"),
                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
    }

    static func clue(_ party: PartySummary, title: String = "中村便民超市消防器材缺失", description: String = "日常检查发现灭火器缺失2具",
                     extra: [String: String] = [:]) -> [String: String] {
        ["partyID": party.id.uuidString, "title": title, "source": "inspection", "description": description].merging(extra) { $1 }
    }

    static func caseCount(_ env: TestEnv) async throws -> Int {
        try await env.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("cases").first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test("X-05 another office's attachment is not found over the API; its own office and a city-wide user see it")
    func attachmentScope() async throws {
        try await withApp { env in
            // setup: office A's case (2025-09-30) with a recording, and a loose upload by officer A
            let s = try await env.seed()
            let party = try await Self.party(env, s)
            let tokenA = try await env.token(s.officerA), tokenB = try await env.token(s.officerB)
            let admin = try await env.token(try await env.user("legal", "钱法制", unit: s.bureau.id, role: "legal-reviewer", scope: .all))
            let created = try await env.request(.POST, "/api/v1/interviews", token: tokenA, json: Self.clue(party))
            let caseID = try #require(UUID(uuidString: Self.json(created)["id"] as? String ?? ""))
            let files = env.app.fengqiao.config
            let repo = AttachmentRepository(store: env.store, root: files.filesDirectory, maxBytes: files.maxUploadBytes)
            let attached = try await repo.save(Array("%PDF-1.7\n".utf8), filename: "笔录.pdf", kind: .evidence, caseID: caseID,
                                               actor: env.actor(s.officerA), context: .system("test"))
            let loose = try await repo.save(Array("%PDF-1.7 loose\n".utf8), filename: "a.pdf", kind: .other, caseID: nil,
                                            actor: env.actor(s.officerA), context: .system("test"))
            for id in [attached.id, loose.id] {
                // act / check: office B gets "not found", never the metadata
                let other = try await env.request(.GET, "/api/v1/attachments/\(id)", token: tokenB)
                #expect(other.status == .notFound)
                #expect(!other.body.string.contains("a.pdf") && !other.body.string.contains("笔录"))
                #expect(try await env.request(.GET, "/api/v1/attachments/\(id)", token: tokenA).status == .ok)
                #expect(try await env.request(.GET, "/api/v1/attachments/\(id)", token: admin).status == .ok)
            }
            // the repository itself is scoped (X-05 in the data layer)
            #expect(try await repo.find(attached.id, actor: env.actor(s.officerB)) == nil)
        }
    }

    @Test("API answers, problems included, and pages carry Cache-Control: no-store")
    func noStore() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            for (path, auth) in [("/api/v1/units", token), ("/api/v1/openapi.json", nil), ("/api/v1/no-such-thing", token), ("/api/v1/units", nil)] {
                let res = try await env.request(.GET, path, token: auth)
                #expect(res.headers.first(name: .cacheControl) == "no-store", "\(path) → \(res.status)")
            }
            #expect(try await env.request(.GET, "/login").headers.first(name: .cacheControl) == "no-store")
        }
    }

    @Test("PLT-31 an unknown login, a wrong password and a locked account get the same answer")
    func loginDoesNotTellNamesApart() async throws {
        try await withApp { env in
            _ = try await env.seed()
            let policy = env.app.fengqiao.config.policy
            let web = WebClient(env)
            let unknown = try await web.login("nobody_here", "wrong-1")
            let wrong = try await web.login("officer_a", "wrong-1")
            for res in [unknown, wrong] {
                #expect(res.status == .unauthorized)
                #expect(res.body.string.contains(LoginRules.refusalZH(policy)))
                #expect(!res.body.string.contains("再失败"))
            }
            for i in 2...5 { _ = try await web.login("officer_a", "wrong-\(i)") }
            // locked now (PLT-31), yet the right password is answered like any refusal
            let locked = try await web.login("officer_a", Seeded.password)
            #expect(locked.status == .unauthorized)
            #expect(locked.body.string.contains(LoginRules.refusalZH(policy)))
            #expect(!locked.body.string.contains("锁定至"))
            #expect(web.cookies["fq_session"] == nil)
        }
    }

    @Test("X-06 a title over 200 characters or a description over 20,000 is refused with input.too-long; nothing is stored")
    func lengthLimits() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let party = try await Self.party(env, s)
            let token = try await env.token(s.officerA)
            let longTitle = try await env.request(.POST, "/api/v1/interviews", token: token,
                                                  json: Self.clue(party, title: String(repeating: "超", count: InputLimits.titleCharacters + 1)))
            #expect(longTitle.status == .unprocessableEntity)
            #expect(Self.fieldCodes(longTitle) == ["input.too-long"])
            #expect(longTitle.body.string.contains("不能超过200个字"))
            let longText = try await env.request(.POST, "/api/v1/interviews", token: token,
                                                 json: Self.clue(party, description: String(repeating: "灭", count: 20_001)))
            #expect(longText.status == .unprocessableEntity)
            #expect(Self.fieldCodes(longText) == ["input.too-long"])
            #expect(try await Self.caseCount(env) == 0)
            // at the limits it is accepted, never cut
            let title = String(repeating: "超", count: 200)
            let ok = try await env.request(.POST, "/api/v1/interviews", token: token, json: Self.clue(party, title: title))
            #expect(ok.status == .created)
            #expect(Self.json(ok)["title"] as? String == title)
            // the form tells the browser the same limits
            let web = WebClient(env)
            _ = try await web.login("officer_a", Seeded.password)
            let form = try await web.send(.GET, "/interviews/new?party=\(party.id.uuidString)").body.string
            #expect(form.contains(#"name="title" value="" maxlength="200""#))
            #expect(form.contains(#"name="description" rows="3" maxlength="20000""#))
        }
    }

    @Test("X-06 a clue dated 0001-01-01 is refused with input.date.out-of-range; dates from 2000-01-01 to five years ahead pass")
    func dateRange() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let party = try await Self.party(env, s)
            let token = try await env.token(s.officerA)
            let ancient = try await env.request(.POST, "/api/v1/interviews", token: token, json: Self.clue(party, extra: ["discoveredOn": "0001-01-01"]))
            #expect(ancient.status == .unprocessableEntity)
            #expect(Self.fieldCodes(ancient) == ["input.date.out-of-range"])
            #expect(try await Self.caseCount(env) == 0)
            let recent = try await env.request(.POST, "/api/v1/interviews", token: token, json: Self.clue(party, extra: ["discoveredOn": "2025-09-29"]))
            #expect(recent.status == .created)
        }
        // the field rule itself, today Tue 2025-09-30
        let field = InputField("on", "日期", .date)
        let today = LocalDate(year: 2025, month: 9, day: 30)!
        #expect(field.validate(ActionInput(single: ["on": "1999-12-31"]), today: today).map(\.code) == ["input.date.out-of-range"])
        #expect(field.validate(ActionInput(single: ["on": "2000-01-01"]), today: today).isEmpty)
        #expect(field.validate(ActionInput(single: ["on": "2030-09-30"]), today: today).isEmpty)
        #expect(field.validate(ActionInput(single: ["on": "2030-10-01"]), today: today).map(\.code) == ["input.date.out-of-range"])
    }

    @Test("X-06 a NUL or other control character in a title, a party name or a filter is refused 422 input.control-character, never 500")
    func controlCharacters() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let party = try await Self.party(env, s)
            let token = try await env.token(s.officerA)
            let title = try await env.request(.POST, "/api/v1/interviews", token: token, json: Self.clue(party, title: "超市\u{0}消防"))
            #expect(title.status == .unprocessableEntity)
            #expect(Self.json(title)["code"] as? String == "input.control-character")
            let name = try await env.request(.POST, "/api/v1/parties", token: token, json: ["kind": "enterprise", "name": "中村\u{0}超市", "uscc": .uscc(4712)])
            #expect(name.status == .unprocessableEntity)
            #expect(Self.json(name)["code"] as? String == "input.control-character")
            let bell = try await env.request(.POST, "/api/v1/parties", token: token, json: ["kind": "enterprise", "name": "中村\u{7}超市", "uscc": .uscc(4712)])
            #expect(bell.status == .unprocessableEntity)
            let filter = try await env.request(.GET, "/api/v1/parties?q=%E4%B8%AD%00%E6%9D%91", token: token)
            #expect(filter.status == .unprocessableEntity)
            #expect(Self.json(filter)["code"] as? String == "input.control-character")
            #expect(try await Self.caseCount(env) == 0)
            // tabs, line breaks and the text `\u0000` typed out are ordinary input
            let fine = try await env.request(.POST, "/api/v1/interviews", token: token,
                                             json: Self.clue(party, description: "第一行\r\n第二行\t备注：\\u0000"))
            #expect(fine.status == .created)
        }
    }

    @Test("X-06 a path climbing out with ../ (encoded or not) answers 404 problem, never 500")
    func pathTraversal() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            for path in ["/%2e%2e/%2e%2e/etc/passwd", "/app.css/..%2f..%2fPackage.swift", "/api/v1/units/%2E%2E/%2E%2E/x", "/a../b", "/%00"] {
                let res = try await env.request(.GET, path, token: token)
                #expect(res.status == .notFound, "\(path) → \(res.status)")
            }
            let api = try await env.request(.GET, "/api/v1/%2e%2e/units", token: token)
            #expect(api.status == .notFound)
            #expect(api.headers.contentType?.subType == "problem+json")
        }
    }

    @Test("PLT-52 an Idempotency-Key claim left by a crash expires after a minute; a create that committed is answered with its case")
    func idempotencyAfterCrash() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let party = try await Self.party(env, s)
            let token = try await env.token(s.officerA)
            let access = AccessRepository(store: env.store)
            let route = "POST /api/v1/interviews"
            // setup 1: a claim whose create never ran (the process stopped at once)
            guard case .claimed = try await access.claimIdempotencyKey(userID: s.officerA.id, key: "crash-1", route: route) else {
                Issue.record("not claimed"); return
            }
            let early = try await env.request(.POST, "/api/v1/interviews", token: token, json: Self.clue(party), headers: [("Idempotency-Key", "crash-1")])
            #expect(early.status == .conflict)
            #expect(Self.json(early)["code"] as? String == "idempotency.in-progress")
            env.clock.advance(minutes: 2)
            let later = try await env.request(.POST, "/api/v1/interviews", token: token, json: Self.clue(party), headers: [("Idempotency-Key", "crash-1")])
            #expect(later.status == .created)
            #expect(try await Self.caseCount(env) == 1)

            // setup 2: the create committed, then the process stopped before the answer was recorded
            guard case .claimed(let claimToken) = try await access.claimIdempotencyKey(userID: s.officerA.id, key: "crash-2", route: route) else {
                Issue.record("not claimed"); return
            }
            let scope = IdempotencyClaimScope(userID: s.officerA.id, key: "crash-2", token: claimToken)
            let actor = try await env.actor(s.officerA)
            let opened = try await IdempotencyClaimScope.$current.withValue(scope) {
                try await ProcedureRepository(store: env.store, InterviewProcedure.self).open(ActionInput(single: Self.clue(party)), actor: actor,
                                                                                             context: .system("test"))
            }
            env.clock.advance(minutes: 5)
            // act: the client retries
            let retry = try await env.request(.POST, "/api/v1/interviews", token: token, json: Self.clue(party), headers: [("Idempotency-Key", "crash-2")])
            // check: it learns the case created before the crash; nothing new is created
            #expect(retry.status == .created)
            #expect(Self.json(retry)["id"] as? String == opened.id.uuidString)
            #expect(retry.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try await Self.caseCount(env) == 2)
            let again = try await env.request(.POST, "/api/v1/interviews", token: token, json: Self.clue(party), headers: [("Idempotency-Key", "crash-2")])
            #expect(Self.json(again)["id"] as? String == opened.id.uuidString)
        }
    }

    @Test("PLT-50 the OpenAPI document declares every path parameter, the 400/409/415 answers, and DOCX and HTML as what they are")
    func openAPIDocument() async throws {
        try await withApp { env in
            let doc = Self.json(try await env.request(.GET, "/api/v1/openapi.json"))
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            for (path, ops) in paths {
                let wanted = OpenAPIDocument.pathParameters(path)
                for (method, raw) in ops {
                    let op = try #require(raw as? [String: Any])
                    let declared = (op["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String }
                    #expect(Set(declared) == Set(wanted), "\(method) \(path)")
                    let responses = op["responses"] as? [String: Any] ?? [:]
                    #expect(responses["400"] != nil, "\(method) \(path)")
                    if method == "post" || method == "put" { #expect(responses["409"] != nil, "\(method) \(path)") }
                    if op["requestBody"] != nil { #expect(responses["415"] != nil, "\(method) \(path)") }
                }
            }
            #expect(paths.keys.contains { $0.hasSuffix("/actions/{action}") } && paths.keys.contains("/api/v1/roles/{code}"))
            func media(_ path: String) -> [String] {
                let ok = ((paths[path]?["get"] as? [String: Any])?["responses"] as? [String: Any])?["200"] as? [String: Any]
                return Array((ok?["content"] as? [String: Any] ?? [:]).keys)
            }
            #expect(media("/api/v1/documents/{id}/docx") == [OpenAPIDocument.docxMedia])
            #expect(media("/api/v1/documents/{id}/html") == ["text/html"])
        }
    }

    @Test("IV-03 opening a case reads only the party's prior-counting cases, in one query, whatever the length of its history")
    func partyHistoryIsLean() async throws {
        try await withApp { env in
            // setup: twelve clues of one party from 2025-09-30; five of them count as prior (an interview held)
            let s = try await env.seed()
            let party = try await Self.party(env, s)
            let actor = try await env.actor(s.officerA)
            let repo = ProcedureRepository(store: env.store, InterviewProcedure.self)
            var ids: [UUID] = []
            let started = ContinuousClock.now
            for i in 1...12 {
                ids.append(try await repo.open(ActionInput(single: Self.clue(party, title: "第\(i)次线索")), actor: actor, context: .system("test")).id)
            }
            print("issue 13 item 7: 12 cases of one party opened in \(ContinuousClock.now - started)")
            try await env.sql.update("cases").set("counts_as_prior", to: SQLBind(true)).set("category", to: SQLBind("fire-equipment"))
                .where("id", .in, SQLBind.group(Array(ids.prefix(5)))).run()
            // act
            let context = try await repo.context(actor: actor, partyIDs: [party.id], users: [], caseID: ids[0])
            // check: the four other prior cases, oldest first, and nothing else
            #expect(context.partyHistory.count == 4)
            #expect(context.partyHistory.allSatisfy { $0.concluded && $0.category == "fire-equipment" && $0.caseType == "interview" })
            #expect(Set(context.partyHistory.map(\.id)) == Set(ids[1..<5]))
        }
    }
}
