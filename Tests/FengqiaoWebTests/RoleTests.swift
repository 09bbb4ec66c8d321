import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// Role editing by the security administrator (PLT-03, PLT-04), through the pages and the API, on both databases.
@Suite("Roles and permissions", .serialized)
struct RoleTests {
    @Test("PLT-03 the security administrator defines 窗口受理员; once granted, its permissions take effect; the save is audited")
    func customRole() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            _ = try await env.user("secadmin", "安全管理员", unit: s.bureau.id, role: "security-admin", scope: .all)
            let web = WebClient(env)
            try await web.login("secadmin", Seeded.password)
            // act: create the role through the form, checkboxes repeated as permissions[]
            var token = try await web.csrf(from: "/admin/roles")
            let created = try await web.send(.POST, "/admin/roles", pairs: [
                ("_csrf", token), ("code", "window-clerk"), ("name", "窗口受理员"), ("scope", "unit"), ("duty", ""),
                ("permissions[]", "case.create"), ("permissions[]", "case.read"), ("permissions[]", "party.read"),
            ])
            // check
            #expect(created.status == .seeOther)
            let list = try await web.send(.GET, "/admin/roles")
            #expect(list.body.string.contains("窗口受理员") && list.body.string.contains("本单位自定义"))
            // the system administrator grants it; the user now holds its permissions
            _ = try await env.org.grantRole(userID: s.officerB.id, roleCode: "window-clerk", unitID: s.officeB.id, scope: .unit, context: .system("t"))
            let before = try await env.actor(try #require(try await env.org.user(id: s.officerB.id)))
            #expect(before.roleCodes.contains("window-clerk"))
            // act: narrow the role: drop case.create
            token = try await web.csrf(from: "/admin/roles/window-clerk")
            let saved = try await web.send(.POST, "/admin/roles/window-clerk", pairs: [
                ("_csrf", token), ("version", "1"), ("name", "窗口受理员"), ("scope", "unit"), ("duty", ""), ("permissions[]", "party.read"),
            ])
            #expect(saved.status == .seeOther)
            let catalog = try await RoleRepository(store: env.store).catalog()
            #expect(catalog.role("window-clerk")?.permissions == [.partyRead])
            // check: the audit trail holds the permissions before and after
            let events = try await env.store.sql.select().columns("action", "changes").from("audit_events").where("object_type", .equal, "role").all()
            let changes = try events.map { try $0.decode(column: "changes", as: String.self) }
            #expect(try events.map { try $0.decode(column: "action", as: String.self) } == ["role.create", "role.update"])
            #expect(changes.last?.contains("\"before\":\"case.create case.read party.read\"") == true)
            // a stale version is refused and the typed form kept
            token = try await web.csrf(from: "/admin/roles/window-clerk")
            let stale = try await web.send(.POST, "/admin/roles/window-clerk", pairs: [
                ("_csrf", token), ("version", "1"), ("name", "窗口受理员（改）"), ("scope", "unit"), ("duty", ""), ("permissions[]", "case.read"),
            ])
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("窗口受理员（改）"))
        }
    }

    @Test("PLT-04 a business role with user administration is refused with the rule named; nothing is stored")
    func separationOnSave() async throws {
        try await withApp { env in
            let s = try await env.seed()
            _ = try await env.user("secadmin", "安全管理员", unit: s.bureau.id, role: "security-admin", scope: .all)
            let web = WebClient(env)
            try await web.login("secadmin", Seeded.password)
            let token = try await web.csrf(from: "/admin/roles")
            let res = try await web.send(.POST, "/admin/roles", pairs: [
                ("_csrf", token), ("code", "clerk-admin"), ("name", "兼职管理员"), ("scope", "unit"), ("duty", ""),
                ("permissions[]", "case.read"), ("permissions[]", "admin.users"),
            ])
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("PLT-04"))
            #expect(res.body.string.contains("兼职管理员"))  // what was typed is kept
            #expect(try await RoleRepository(store: env.store).catalog().role("clerk-admin") == nil)
            // editing the shipped officer role to add security permissions is refused too
            let officer = try await web.send(.POST, "/admin/roles/officer", pairs: [
                ("_csrf", token), ("version", "0"), ("name", "执法人员"), ("scope", "unit"), ("duty", ""), ("permissions[]", "security.roles"),
            ])
            #expect(officer.status == .unprocessableEntity)
            #expect(try await RoleRepository(store: env.store).catalog().version(of: "officer") == 0)
        }
    }

    @Test("PLT-04 the system administrator sees roles but cannot change them (403); the API refuses too")
    func onlySecurityAdminEdits() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let web = WebClient(env)
            try await web.login("admin", Seeded.password)
            let page = try await web.send(.GET, "/admin/roles")
            #expect(page.status == .ok)
            #expect(!page.body.string.contains("id=\"role-form\""))
            let token = WebClient.csrf(in: page.body.string) ?? ""
            let res = try await web.send(.POST, "/admin/roles", pairs: [("_csrf", token), ("code", "x-role"), ("name", "X"), ("scope", "unit"),
                                                                      ("permissions[]", "case.read")])
            #expect(res.status == .forbidden)
            let adminToken = try await env.token(s.admin)
            let api = try await env.request(.POST, "/api/v1/roles", token: adminToken,
                                            json: ["code": "x-role", "name": "X", "defaultScope": "unit", "permissions": "case.read"])
            #expect(api.status == .forbidden)
        }
    }

    @Test("PLT-53 the role API: create, list, and a stale PUT gets 409 problem+json")
    func roleAPI() async throws {
        struct Write: Encodable { let code: String?; let name: String; let permissions: [String]; let defaultScope: String; let version: Int? }
        try await withApp { env in
            let s = try await env.seed()
            let sec = try await env.user("secadmin", "安全管理员", unit: s.bureau.id, role: "security-admin", scope: .all)
            let token = try await env.token(sec)
            let created = try await env.request(.POST, "/api/v1/roles", token: token, json: Write(code: "petition-clerk", name: "信访登记员",
                                                permissions: ["case.create", "case.read"], defaultScope: "unit", version: nil),
                                                headers: [("Idempotency-Key", "r-1")])
            #expect(created.status == .created)
            let put = try await env.request(.PUT, "/api/v1/roles/petition-clerk", token: token,
                                            json: Write(code: nil, name: "信访登记员", permissions: ["case.read"], defaultScope: "unit", version: 1))
            #expect(put.status == .ok)
            let stale = try await env.request(.PUT, "/api/v1/roles/petition-clerk", token: token,
                                              json: Write(code: nil, name: "信访登记员", permissions: ["case.create"], defaultScope: "unit", version: 1))
            #expect(stale.status == .conflict)
            #expect(stale.headers.contentType?.description.contains("problem+json") == true)
            let list = try await env.request(.GET, "/api/v1/roles", token: token)
            #expect(list.body.string.contains("\"petition-clerk\"") && list.body.string.contains("\"version\":2"))
        }
    }
}
