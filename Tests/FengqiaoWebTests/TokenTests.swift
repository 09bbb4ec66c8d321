import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// PLT-33: API tokens are stored hashed, bound to a scope that is enforced, and revocable one by
/// one — through the API, the 访问令牌 page and `fengqiao token revoke`.
@Suite("API tokens (PLT-33)", .serialized)
struct TokenTests {
    static func json(_ res: TestingHTTPResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any] ?? [:]
    }

    @Test("PLT-33 a read-only token reads but cannot write (403 problem+json auth.token.scope); a legacy `api` token reads and writes; only the hash is stored")
    func scopes() async throws {
        try await withApp { env in
            // setup
            let st = try await InterviewTests.staff(env)
            let access = AccessRepository(store: env.store)
            let read = try await access.createToken(userID: st.s.officerA.id, name: "统计对接", scopes: [TokenScope.read.rawValue], context: .system("t"))
            let legacy = try await env.token(st.s.officerA)
            let body = ["partyID": st.party.id.uuidString, "title": "只读令牌测试", "source": "inspection", "description": "x"]
            // act + check
            #expect(try await env.request(.GET, "/api/v1/worklist?view=mine", token: read.secret).status == .ok)
            let refused = try await env.request(.POST, "/api/v1/interviews", token: read.secret, json: body)
            #expect(refused.status == .forbidden)
            #expect(refused.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(try Self.json(refused)["code"] as? String == "auth.token.scope")
            #expect(try await env.request(.GET, "/api/v1/worklist?view=unit", token: legacy).body.string == "[]")
            #expect(try await env.request(.POST, "/api/v1/interviews", token: legacy, json: body).status == .created)
            // the secret is not stored, only its SHA-256
            let rows = try await env.sql.select().column("token_hash").from("api_tokens").all().map { try $0.decode(column: "token_hash", as: String.self) }
            #expect(!rows.contains(read.secret) && rows.contains(AccessRepository.digest(read.secret)))
            #expect(TokenScope.permits(["api"], method: "DELETE") && !TokenScope.permits(["read"], method: "PUT") && !TokenScope.permits(["x"], method: "GET"))
        }
    }

    @Test("PLT-33 one token is revoked through the API and answers 401 at once; the others keep working; another user's token is not found")
    func revokeByAPI() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let access = AccessRepository(store: env.store)
            let keep = try await access.createToken(userID: s.officerA.id, name: "维护", scopes: ["write"], context: .system("t"))
            let gone = try await access.createToken(userID: s.officerA.id, name: "旧系统", scopes: ["read"], context: .system("t"))
            let other = try await access.createToken(userID: s.officerB.id, name: "东湖", scopes: ["read"], context: .system("t"))
            #expect(try await env.request(.GET, "/api/v1/tokens", token: gone.secret).status == .ok)
            // act
            let revoked = try await env.request(.POST, "/api/v1/tokens/\(gone.token.id.uuidString)/revoke", token: keep.secret)
            // check
            #expect(revoked.status == .ok)
            #expect(try Self.json(revoked)["revokedAt"] as? String != nil)
            let after = try await env.request(.GET, "/api/v1/tokens", token: gone.secret)
            #expect(after.status == .unauthorized)
            #expect(try Self.json(after)["code"] as? String == "auth.token.invalid")
            #expect(try await env.request(.GET, "/api/v1/tokens", token: keep.secret).status == .ok)
            #expect(try await env.request(.POST, "/api/v1/tokens/\(other.token.id.uuidString)/revoke", token: keep.secret).status == .notFound)
            #expect(try await env.request(.GET, "/api/v1/tokens", token: other.secret).status == .ok)
            let events = try await env.sql.select().column("action").from("audit_events").where("action", .equal, SQLBind("token.revoke")).all()
            #expect(events.count == 1)
        }
    }

    @Test("PLT-33 PLT-32 the 访问令牌 page lists the user's tokens and revokes one with confirmation and the CSRF token; `fengqiao token revoke` revokes another")
    func revokeByPageAndCommand() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let access = AccessRepository(store: env.store)
            let first = try await access.createToken(userID: s.officerA.id, name: "第一号", scopes: ["read"], context: .system("t"))
            let second = try await access.createToken(userID: s.officerA.id, name: "第二号", scopes: ["write"], context: .system("t"))
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/account/tokens")
            #expect(page.status == .ok && page.body.string.contains("第一号") && page.body.string.contains("data-confirm"))
            let href = "/account/tokens/\(first.token.id.uuidString)/revoke"
            #expect(page.body.string.contains(href))
            // act: without the CSRF token nothing happens; with it the token is revoked
            #expect(try await web.send(.POST, href, form: ["_csrf": "forged"]).status == .forbidden)
            #expect(try await env.request(.GET, "/api/v1/tokens", token: first.secret).status == .ok)
            let done = try await web.send(.POST, href, form: ["_csrf": WebClient.csrf(in: page.body.string) ?? ""])
            #expect(done.status == .seeOther)
            #expect(try await env.request(.GET, "/api/v1/tokens", token: first.secret).status == .unauthorized)
            #expect(try await web.send(.GET, "/account/tokens").body.string.contains("已吊销"))
            // the command, by login and name
            var ctx = CommandContext(console: Terminal(), input: CommandInput(arguments: ["fengqiao", "--login", "officer_a", "--name", "第二号"]))
            ctx.application = env.app
            try await TokenRevokeCommand().run(using: &ctx)
            #expect(try await env.request(.GET, "/api/v1/tokens", token: second.secret).status == .unauthorized)
        }
    }

    @Test("PLT-33 a user creates a read-only token on the 访问令牌 page: the secret shows once, reads work, writes get 403; a blank name is refused with the name kept empty and nothing created; a forged CSRF token is refused")
    func createOnPage() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let csrf = try await web.csrf(from: "/account/tokens")
            // act: forged, blank, then a real one
            #expect(try await web.send(.POST, "/account/tokens", form: ["_csrf": "forged", "name": "对接", "scope": "read"]).status == .forbidden)
            let blank = try await web.send(.POST, "/account/tokens", form: ["_csrf": csrf, "name": " ", "scope": "write"])
            #expect(blank.status == .unprocessableEntity && blank.body.string.contains("令牌名称不能为空"))
            #expect(try await AccessRepository(store: env.store).tokens(userID: s.officerA.id).isEmpty)
            let created = try await web.send(.POST, "/account/tokens", form: ["_csrf": csrf, "name": "区局数据对接", "scope": "read"])
            // check: the secret is on this page only
            #expect(created.status == .ok)
            let html = created.body.string
            let secret = try #require(html.components(separatedBy: "<code>").dropFirst().compactMap { $0.components(separatedBy: "</code>").first }
                .first { $0.hasPrefix("fq_") })
            #expect(!(try await web.send(.GET, "/account/tokens")).body.string.contains(secret))
            let tokens = try await AccessRepository(store: env.store).tokens(userID: s.officerA.id)
            #expect(tokens.map(\.name) == ["区局数据对接"] && tokens.first?.scopes == ["read"])
            #expect(try await env.request(.GET, "/api/v1/tokens", token: secret).status == .ok)
            let write = try await env.request(.POST, "/api/v1/tokens/\(tokens[0].id.uuidString)/revoke", token: secret)
            #expect(write.status == .forbidden && write.body.string.contains("auth.token.scope"))
        }
    }
}
