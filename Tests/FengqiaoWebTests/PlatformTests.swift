import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import NIOCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The platform's rules end to end, on SQLite or PostgreSQL (FENGQIAO_TEST_DATABASE_URL).
@Suite("Platform", .serialized)
struct PlatformTests {

    // MARK: security

    @Test("PLT-31 five failed logins lock the account for 15 minutes, each failure audited")
    func lockout() async throws {
        try await withApp { env in
            _ = try await env.seed()
            let web = WebClient(env)
            for i in 1...4 {
                let res = try await web.login("officer_a", "wrong-\(i)")
                #expect(res.status == .unauthorized)
                #expect(res.body.string.contains("用户名或密码错误"))
            }
            // The lock is answered like any refusal, so the page does not confirm the name exists.
            let fifth = try await web.login("officer_a", "wrong-5")
            #expect(fifth.status == .unauthorized)
            // The right password is refused while locked.
            let locked = try await web.login("officer_a", Seeded.password)
            #expect(locked.status == .unauthorized)
            #expect(web.cookies["fq_session"] == nil)
            // 15 minutes later it opens again.
            env.clock.advance(minutes: 15.5)
            let ok = try await web.login("officer_a", Seeded.password)
            #expect(ok.status == .seeOther)
            #expect(web.cookies["fq_session"] != nil)
            let failures = try await env.audit.search(AuditQuery(action: "login.failure"), actor: env.actor(env.org.user(login: "auditor")!))
            #expect(failures.count == 4)
            let locks = try await env.audit.search(AuditQuery(action: "login.locked"), actor: env.actor(env.org.user(login: "auditor")!))
            #expect(locks.count == 2)
        }
    }

    @Test("PLT-32 a session idle for more than 30 minutes ends")
    func idleExpiry() async throws {
        try await withApp { env in
            _ = try await env.seed()
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            #expect(try await web.send(.GET, "/").status == .ok)
            env.clock.advance(minutes: 29)
            #expect(try await web.send(.GET, "/parties").status == .ok)  // activity resets the idle time
            env.clock.advance(minutes: 29)
            #expect(try await web.send(.GET, "/").status == .ok)
            env.clock.advance(minutes: 31)
            let res = try await web.send(.GET, "/parties")
            #expect(res.status == .seeOther)
            #expect(res.headers.first(name: .location)?.hasPrefix("/login") == true)
            #expect(res.headers.first(name: .location)?.contains("expired=1") == true)
            // The ended session stays ended even if the clock were turned back.
            #expect(try await web.send(.GET, "/").status == .seeOther)
        }
    }

    @Test("PLT-32 a form post without the session's CSRF token is refused and changes nothing")
    func csrf() async throws {
        try await withApp { env in
            _ = try await env.seed()
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let form = ["kind": "enterprise", "name": "无令牌商行", "uscc": String.uscc(501)]
            let missing = try await web.send(.POST, "/parties", form: form)
            #expect(missing.status == .forbidden)
            let wrong = try await web.send(.POST, "/parties", form: form.merging(["_csrf": "forged"]) { $1 })
            #expect(wrong.status == .forbidden)
            let officer = try await env.actor(env.org.user(login: "officer_a")!)
            #expect(try await env.parties.search("无令牌商行", actor: officer).isEmpty)
            // With the token it goes through.
            let token = try await web.csrf(from: "/parties/new")
            let ok = try await web.send(.POST, "/parties", form: form.merging(["_csrf": token]) { $1 })
            #expect(ok.status == .seeOther)
            #expect(try await env.parties.search("无令牌商行", actor: officer).count == 1)
            // The login form has its own token bound to a cookie.
            let anon = WebClient(env)
            let noToken = try await anon.send(.POST, "/login", form: ["login": "officer_a", "password": Seeded.password])
            #expect(noToken.status == .forbidden)
        }
    }

    @Test("PLT-30 first login forces a password change and the policy is enforced")
    func forcedPasswordChange() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let hash = try env.app.fengqiao.hasher.hash("Initial-Pass-1")
            _ = try await env.org.createUser(NewUser(login: "newbie", name: "新人", unitID: s.officeA.id, passwordHash: hash, mustChangePassword: true,
                                                     roles: [("officer", s.officeA.id, .unit)]), context: .system("test"))
            let web = WebClient(env)
            try await web.login("newbie", "Initial-Pass-1")
            let home = try await web.send(.GET, "/")
            #expect(home.status == .seeOther)
            #expect(home.headers.first(name: .location) == "/password")
            let token = try await web.csrf(from: "/password")
            let weak = try await web.send(.POST, "/password", form: ["_csrf": token, "current": "Initial-Pass-1", "new": "abcdefgh", "confirm": "abcdefgh"])
            #expect(weak.status == .unprocessableEntity)
            let ok = try await web.send(.POST, "/password", form: ["_csrf": token, "current": "Initial-Pass-1", "new": "Better-Pass-22", "confirm": "Better-Pass-22"])
            #expect(ok.status == .seeOther)
            #expect(try await web.send(.GET, "/").status == .ok)
        }
    }

    // MARK: scope and output

    @Test("PLT-05 a user of office A gets 404 for office B's party and its history")
    func scope() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let officerB = try await env.actor(s.officerB)
            let created = try await env.parties.create(PartyInput(kind: "enterprise", name: "东湖食品有限公司", uscc: .uscc(777)), unitID: s.officeB.id,
                                                       actor: officerB, context: .system("test"))
            let tokenA = try await env.token(s.officerA)
            let tokenB = try await env.token(s.officerB)
            let id = created.party.id.uuidString
            #expect(try await env.request(.GET, "/api/v1/parties/\(id)/history", token: tokenB).status == .ok)
            let foreign = try await env.request(.GET, "/api/v1/parties/\(id)/history", token: tokenA)
            #expect(foreign.status == .notFound)
            #expect(foreign.headers.contentType?.description.contains("problem+json") == true)
            #expect(!foreign.body.string.contains("东湖食品"))
            #expect(try await env.request(.GET, "/api/v1/parties/\(id)", token: tokenA).status == .notFound)
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/parties/\(id)")
            #expect(page.status == .notFound)
            #expect(!page.body.string.contains("东湖食品"))
            // Search does not leak it either.
            #expect(try await env.parties.search("东湖食品", actor: env.actor(s.officerA)).isEmpty)
        }
    }

    @Test("PLT-35 a party named <script>alert(1)</script> renders as text on every page")
    func xss() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let payload = "<script>alert(1)</script>"
            let officer = try await env.actor(s.officerA)
            let p = try await env.parties.create(PartyInput(kind: "enterprise", name: payload, uscc: .uscc(901), representative: "\"><img src=x onerror=alert(2)>"),
                                                 unitID: s.officeA.id, actor: officer, context: .system("test")).party
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let pages = ["/parties", "/parties?q=script", "/parties/\(p.id.uuidString)", "/parties/\(p.id.uuidString)/edit"]
            for path in pages {
                let html = try await web.send(.GET, path).body.string
                #expect(!html.contains(payload), "raw payload on \(path)")
                #expect(!html.contains("<img src=x"), "raw attribute payload on \(path)")
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped name missing on \(path)")
            }
            // The error page echoes nothing raw either, and the audit viewer escapes changes.
            let auditor = WebClient(env)
            try await auditor.login("auditor", Seeded.password)
            let audit = try await auditor.send(.GET, "/audit?action=party.create").body.string
            #expect(!audit.contains(payload))
            #expect(audit.contains("&lt;script&gt;"))
        }
    }

    @Test("PLT-04 the system administrator cannot read parties or the audit trail; the audit administrator only the trail")
    func separation() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let admin = WebClient(env)
            try await admin.login("admin", Seeded.password)
            #expect(try await admin.send(.GET, "/parties").status == .forbidden)
            #expect(try await admin.send(.GET, "/audit").status == .forbidden)
            #expect(try await admin.send(.GET, "/admin/users").status == .ok)
            let auditor = WebClient(env)
            try await auditor.login("auditor", Seeded.password)
            #expect(try await auditor.send(.GET, "/audit").status == .ok)
            #expect(try await auditor.send(.GET, "/parties").status == .forbidden)
            #expect(try await auditor.send(.GET, "/admin/users").status == .forbidden)
            // One person cannot hold two administrator duties, nor one with a business role.
            let hash = try env.app.fengqiao.hasher.hash("Whatever-1x")
            await #expect(throws: DomainError.self) {
                _ = try await env.org.createUser(NewUser(login: "both", name: "兼任", unitID: s.bureau.id, passwordHash: hash,
                                                         roles: [("system-admin", s.bureau.id, .all), ("audit-admin", s.bureau.id, .all)]), context: .system("test"))
            }
            do {
                _ = try await env.org.createUser(NewUser(login: "mixed", name: "兼任", unitID: s.bureau.id, passwordHash: hash,
                                                         roles: [("system-admin", s.bureau.id, .all), ("officer", s.bureau.id, .unit)]), context: .system("test"))
                Issue.record("admin + business role was accepted")
            } catch let e as DomainError {
                #expect(e.fields.contains { $0.rule == "PLT-04" })
            }
        }
    }

    @Test("PLT-06 a user related to a party is refused as its handler")
    func conflictOfInterest() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let p = try await env.parties.create(PartyInput(kind: "enterprise", name: "中村亲属商行", uscc: .uscc(321)), unitID: s.officeA.id,
                                                 actor: env.actor(s.officerA), context: .system("test")).party
            try await env.org.checkNoConflict(userID: s.officerA.id, partyIDs: [p.id])
            try await env.org.recordConflict(userID: s.officerA.id, partyID: p.id, relation: "亲属", note: nil, context: .system("test"))
            do {
                try await env.org.checkNoConflict(userID: s.officerA.id, partyIDs: [p.id])
                Issue.record("conflicted user accepted")
            } catch let e as DomainError {
                #expect(e.ruleID == "PLT-06")
            }
        }
    }

    // MARK: parties and the API

    @Test("PLT-52 a create retried with the same Idempotency-Key creates nothing new")
    func idempotentCreate() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let body = ["kind": "enterprise", "name": "幂等测试有限公司", "uscc": String.uscc(4242)]
            let first = try await env.request(.POST, "/api/v1/parties", token: token, json: body, headers: [("Idempotency-Key", "abc-1")])
            #expect(first.status == .created)
            let again = try await env.request(.POST, "/api/v1/parties", token: token, json: body, headers: [("Idempotency-Key", "abc-1")])
            #expect(again.status == .created)
            #expect(again.body.string == first.body.string)
            #expect(again.headers.first(name: "Idempotent-Replayed") == "true")
            let events = try await env.audit.search(AuditQuery(action: "party.create"), actor: env.actor(s.auditor))
            #expect(events.count == 1)
            // PLT-12: without a key, a duplicate returns the existing party (200, created false).
            let dup = try await env.request(.POST, "/api/v1/parties", token: token, json: body)
            #expect(dup.status == .ok)
            #expect(dup.body.string.contains("\"created\":false"))
        }
    }

    @Test("PLT-53 an update based on a stale version is refused with 409")
    func staleVersion() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let created = try await env.request(.POST, "/api/v1/parties", token: token, json: ["kind": "enterprise", "name": "版本测试商行", "uscc": String.uscc(1313)])
            let id = try JSONDecoder().decode(PartyCreatedDTO.self, from: Data(created.body.readableBytesView)).party.id
            struct Update: Encodable { let kind: String; let name: String; let uscc: String; let version: Int }
            let ok = try await env.request(.PUT, "/api/v1/parties/\(id)", token: token, json: Update(kind: "enterprise", name: "版本测试商行（改）", uscc: .uscc(1313), version: 1))
            #expect(ok.status == .ok)
            #expect(ok.body.string.contains("\"version\":2"))
            let stale = try await env.request(.PUT, "/api/v1/parties/\(id)", token: token, json: Update(kind: "enterprise", name: "又一次修改", uscc: .uscc(1313), version: 1))
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("version.stale"))
            let now = try await env.parties.find(id, actor: env.actor(s.officerA))
            #expect(now?.name == "版本测试商行（改）")
        }
    }

    @Test("PLT-51 bad input gets problem JSON with code, Chinese detail and fields, and creates nothing")
    func problemJSON() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let res = try await env.request(.POST, "/api/v1/parties", token: token,
                                            json: ["kind": "enterprise", "name": "坏代码商行", "uscc": "91310000MA1FL0L41W", "phone": "not-a-phone"])
            #expect(res.status == .unprocessableEntity)
            #expect(res.headers.contentType?.description.contains("application/problem+json") == true)
            let text = res.body.string
            #expect(text.contains("\"code\":\"validation.failed\""))
            #expect(text.contains("PLT-10"))
            #expect(text.contains("\"field\":\"uscc\""))
            #expect(text.contains("\"field\":\"phone\""))
            #expect(try await env.parties.search("坏代码商行", actor: env.actor(s.officerA)).isEmpty)
            let malformed = try await env.request(.POST, "/api/v1/parties", token: token, json: ["nope": "x"])
            #expect(malformed.status.code < 500)
            #expect(try await env.request(.GET, "/api/v1/parties").status == .unauthorized)
        }
    }

    @Test("PLT-14 an import file with bad rows imports the good rows, reports each bad one, and is idempotent")
    func importWithBadRows() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let csv = """
            \u{FEFF}类型,名称,统一社会信用代码,身份证号,法定代表人,电话,地址
            企业,江城好味食品有限公司,\(String.uscc(11)),,王强,13800001111,江城区人民路1号
            企业,坏校验商行,91310000MA1FL0L41W,,,,
            个体工商户,中村小吃店,\(DemoData.uscc(serial: 12, type: "92")),\(DemoData.idNumber(birth: LocalDate(year: 1980, month: 5, day: 6)!, sequence: 12)),张三,13900002222,江城区解放路2号
            企业,,\(String.uscc(13)),,,,
            自然人,赵六,,110101199003077777,,,
            自然人,钱七,,\(DemoData.idNumber(birth: LocalDate(year: 1975, month: 1, day: 2)!, sequence: 5)),,13700003333,江城区中山路3号
            """
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let token = try await web.csrf(from: "/parties/import")
            func upload() async throws -> TestingHTTPResponse {
                let boundary = "----fq\(UUID().uuidString.prefix(8))"
                var body = ByteBuffer()
                body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n")
                body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"parties.csv\"\r\nContent-Type: text/csv\r\n\r\n")
                body.writeString(csv)
                body.writeString("\r\n--\(boundary)--\r\n")
                return try await web.send(.POST, "/parties/import", multipart: (boundary, body))
            }
            let html = try await upload().body.string
            #expect(html.contains("成功 3 行"))
            #expect(html.contains("失败 3 行"))
            #expect(html.contains("第 3 行"))
            #expect(html.contains("第 5 行"))
            #expect(html.contains("第 6 行"))
            #expect(!html.contains("第 2 行"))
            let officer = try await env.actor(s.officerA)
            #expect(try await env.parties.count(actor: officer) == 3)
            // The person's ID number is stored encrypted and shown masked.
            let person = try #require(try await env.parties.search("钱七", actor: officer).first)
            #expect(person.idNumberMasked?.contains("**********") == true)
            let stored = try await env.sql.select().column("id_number_cipher").from("parties").where("name", .equal, "钱七").first()
            let cipher = try stored?.decode(column: "id_number_cipher", as: String.self) ?? ""
            #expect(!cipher.contains("1975"))
            // Importing the same file again creates nothing.
            let again = try await upload().body.string
            #expect(again.contains("新增 0"))
            #expect(try await env.parties.count(actor: officer) == 3)
        }
    }

    @Test("PLT-13 search finds a party by any two characters of its name and by USCC")
    func search() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let officer = try await env.actor(s.officerA)
            for (i, name) in ["江城市中村五金商行", "江城好味食品有限公司", "东湖眼镜店"].enumerated() {
                _ = try await env.parties.create(PartyInput(kind: "enterprise", name: name, uscc: .uscc(60 + i)), unitID: s.officeA.id, actor: officer, context: .system("t"))
            }
            #expect(try await env.parties.search("五金", actor: officer).map(\.name) == ["江城市中村五金商行"])
            #expect(try await env.parties.search("江城", actor: officer).count == 2)
            #expect(try await env.parties.search("好味 食品", actor: officer).map(\.name) == ["江城好味食品有限公司"])
            #expect(try await env.parties.search(.uscc(62), actor: officer).map(\.name) == ["东湖眼镜店"])
            #expect(try await env.parties.search("不存在的", actor: officer).isEmpty)
        }
    }

    // MARK: audit chain

    @Test("PLT-21 an audit event edited in the database is detected at that event")
    func auditEdited() async throws {
        try await withApp { env in
            _ = try await env.seed()
            #expect(try await env.audit.verify().isIntact)
            try await env.sql.raw("UPDATE audit_events SET user_login = 'mallory' WHERE seq = 4").run()
            #expect(try await env.audit.verify() == .broken(seq: 4, problem: .altered))
        }
    }

    @Test("PLT-21 an audit event deleted from the database is detected after the gap")
    func auditDeleted() async throws {
        try await withApp { env in
            _ = try await env.seed()
            try await env.sql.raw("DELETE FROM audit_events WHERE seq = 5").run()
            #expect(try await env.audit.verify() == .broken(seq: 6, problem: .missingBefore))
            // Removing the last events is caught by the recorded head.
            try await withApp { env2 in
                _ = try await env2.seed()
                let count = try await env2.audit.count()
                try await env2.sql.raw("DELETE FROM audit_events WHERE seq = \(unsafeRaw: String(count))").run()
                guard case .broken(_, .headMismatch) = try await env2.audit.verify() else {
                    Issue.record("tail deletion not detected")
                    return
                }
            }
        }
    }

    @Test("PLT-21 an audit event inserted into the database is detected at the inserted event")
    func auditInserted() async throws {
        try await withApp { env in
            _ = try await env.seed()
            let count = try await env.audit.count()
            // Make room after event 3 and insert a forged event there.
            try await env.sql.raw("UPDATE audit_events SET seq = seq + 1000000 WHERE seq > 3").run()
            try await env.sql.raw("UPDATE audit_events SET seq = seq - 999999 WHERE seq > 1000000").run()
            let prev = try await env.sql.raw("SELECT hash FROM audit_events WHERE seq = 3").first()!.decode(column: "hash", as: String.self)
            try await env.sql.raw("""
                INSERT INTO audit_events (seq, at, action, object_type, object_id, user_id, user_login, unit_id, client_address, request_id, changes, detail, previous_hash, hash)
                VALUES (4, 1759197600000, 'user.create', 'user', NULL, NULL, 'mallory', NULL, NULL, NULL, '{}', NULL, \(bind: prev), 'deadbeef')
                """).run()
            #expect(try await env.audit.count() == count + 1)
            #expect(try await env.audit.verify() == .broken(seq: 4, problem: .altered))
        }
    }

    @Test("PLT-23 the chain can use SM3")
    func sm3Chain() async throws {
        try await withApp(extraEnvironment: ["FENGQIAO_AUDIT_HASH": "sm3"]) { env in
            _ = try await env.seed()
            let head = try await env.sql.raw("SELECT algorithm, hash FROM audit_head WHERE id = 1").first()!
            #expect(try head.decode(column: "algorithm", as: String.self) == "sm3")
            #expect(try await env.audit.verify().isIntact)
            try await env.sql.raw("UPDATE audit_events SET action = 'x' WHERE seq = 2").run()
            #expect(try await env.audit.verify() == .broken(seq: 2, problem: .altered))
        }
    }

    @Test("X-04 a failed write leaves neither the change nor its audit event")
    func atomicWrite() async throws {
        try await withApp { env in
            _ = try await env.seed()
            let before = try await env.audit.count()
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await env.store.write(.system("test")) { tx in
                    try await tx.sql.raw("UPDATE units SET name = 'changed' WHERE code = 'ZC'").run()
                    tx.record("unit.rename", "unit", nil)
                    throw Boom()
                }
            }
            #expect(try await env.audit.count() == before)
            #expect(try await env.org.unit(code: "ZC")?.name == "中村市场监管所")
        }
    }

    @Test("PLT-20 concurrent writers never fork the chain (row lock on PostgreSQL, one writer on SQLite)")
    func concurrentAppends() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let officer = try await env.actor(s.officerA)
            let store = env.store
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        _ = try await PartyRepository(store: store).create(PartyInput(kind: "enterprise", name: "并发\(i)号商行", uscc: .uscc(5000 + i)),
                                                                           unitID: s.officeA.id, actor: officer, context: .system("t"))
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await env.parties.count(actor: officer) == 40)
            #expect(try await env.audit.verify().isIntact)
        }
    }

    // MARK: backup, attachments, operations

    @Test("PLT-56 backup then restore into an empty database brings back every record, event and file")
    func backupRestore() async throws {
        let backupDir = NSTemporaryDirectory() + "fq-backup-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: backupDir) }
        var expected: (parties: Int, events: Int, users: Int, sha: String) = (0, 0, 0, "")
        try await withApp { env in
            let s = try await env.seed()
            let officer = try await env.actor(s.officerA)
            for i in 0..<25 {
                _ = try await env.parties.create(PartyInput(kind: "enterprise", name: "备份测试\(i)号商行", uscc: .uscc(2000 + i)), unitID: s.officeA.id,
                                                 actor: officer, context: .system("t"))
            }
            let files = AttachmentRepository(store: env.store, root: env.app.fengqiao.config.filesDirectory, maxBytes: 1 << 20)
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 100)
            expected.sha = try await files.save(png, filename: "photo.png", kind: .evidence, caseID: nil, actor: officer, context: .system("t")).sha256
            // A case with a running step: the worklist's order (derived, not in the backup) comes back too.
            let c = try await CaseRepository(store: env.store).create(
                NewCase(unitID: s.officeA.id, caseType: "test", title: "备份测试案件", state: "open", handlerID: s.officerA.id,
                        openedOn: LocalDate(iso: "2025-09-30")!, ruleSetKeys: ["interview"]), actor: officer, context: .system("t"))
            _ = try await ClockRepository(store: env.store).start(caseID: c.id, ruleSet: "interview", step: "verification", on: LocalDate(iso: "2025-09-30")!,
                                                                  handlerID: nil, actor: officer, context: .system("t"))
            _ = try await BackupRepository(store: env.store).backup(to: backupDir, filesRoot: env.app.fengqiao.config.filesDirectory)
            expected.parties = try await env.parties.count(actor: officer)
            expected.events = try await env.audit.count()
            expected.users = try await env.org.users().count
        }
        try await withApp { env in
            let m = try await BackupRepository(store: env.store).restore(from: backupDir, filesRoot: env.app.fengqiao.config.filesDirectory)
            #expect(m.tables["parties"] == 25)
            let users = try await env.org.users()
            #expect(users.count == expected.users)
            let officer = try await env.actor(try #require(try await env.org.user(login: "officer_a")))
            #expect(try await env.parties.count(actor: officer) == expected.parties)
            #expect(try await env.parties.search("备份测试", actor: officer).count == 25)
            let work = try await WorklistRepository(store: env.store).cases(view: .unit, waiting: ["test": []], state: nil, actor: officer)
            #expect(work.map(\.0.title) == ["备份测试案件"])
            #expect(work.first?.1.map(\.due.iso) == ["2025-10-11"])
            #expect(try await env.audit.count() == expected.events)
            #expect(try await env.audit.verify().isIntact)
            let path = AttachmentRepository(store: env.store, root: env.app.fengqiao.config.filesDirectory, maxBytes: 1).path(for: expected.sha)
            #expect(FileManager.default.fileExists(atPath: path))
            // The restored database keeps working: a new write continues the chain.
            _ = try await env.parties.create(PartyInput(kind: "enterprise", name: "恢复后新增商行", uscc: .uscc(3001)), unitID: officer.unitID,
                                             actor: officer, context: .system("t"))
            #expect(try await env.audit.verify().isIntact)
            // Restoring over a database that has data is refused.
            await #expect(throws: DomainError.self) {
                _ = try await BackupRepository(store: env.store).restore(from: backupDir, filesRoot: env.app.fengqiao.config.filesDirectory)
            }
        }
    }

    @Test("PLT-40 attachments: media type sniffed, content-addressed, size limit, failure leaves nothing")
    func attachments() async throws {
        try await withApp(extraEnvironment: ["FENGQIAO_MAX_UPLOAD_MB": "1"]) { env in
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let pdf = ByteBuffer(string: "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
            let up = try await env.app.testing().sendRequest(.POST, "/api/v1/attachments?kind=evidence&filename=a.png") { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: token)
                req.headers.contentType = .png  // the client's claim is ignored
                req.body = pdf
            }
            #expect(up.status == .created)
            let dto = try JSONDecoder().decode(AttachmentDTO.self, from: Data(up.body.readableBytesView))
            #expect(dto.mediaType == "application/pdf")
            let root = env.app.fengqiao.config.filesDirectory
            let path = "\(root)/\(dto.sha256.prefix(2))/\(dto.sha256.dropFirst(2))"
            #expect(FileManager.default.fileExists(atPath: path))
            // Too large: refused, and no file or row is left.
            let big = ByteBuffer(repeating: 0x41, count: 1_048_577)
            let tooBig = try await env.app.testing().sendRequest(.POST, "/api/v1/attachments") { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: token)
                req.body = big
            }
            #expect(tooBig.status == .payloadTooLarge)
            let rows = try await env.sql.raw("SELECT COUNT(*) AS n FROM attachments").first()!.decode(column: "n", as: Int.self)
            #expect(rows == 1)
            let stored = try FileManager.default.subpathsOfDirectory(atPath: root).filter { rel in
                var isDir: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir)
                return !isDir.boolValue
            }
            #expect(stored.count == 1)
        }
    }

    @Test("PLT-50 the OpenAPI document lists exactly the registered /api/v1 routes")
    func openAPIMatchesRoutes() async throws {
        try await withApp { env in
            let res = try await env.request(.GET, "/api/v1/openapi.json")
            #expect(res.status == .ok)
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any])
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, ops) in paths { for method in ops.keys { documented.insert("\(method.uppercased()) \(path)") } }
            var registered = Set<String>()
            for route in env.app.routes.all {
                let path = "/" + route.path.map { c -> String in
                    if case .parameter(let name) = c { return "{\(name)}" }
                    return c.description
                }.joined(separator: "/")
                if path.hasPrefix("/api/v1") { registered.insert("\(route.method.rawValue) \(path)") }
            }
            #expect(documented == registered)
            // every `{param}` of a path is declared (issue 13 item 7: `action` and `code` were not)
            for (path, ops) in paths {
                for op in ops.values.compactMap({ $0 as? [String: Any] }) {
                    let declared = (op["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String }
                    #expect(Set(declared) == Set(OpenAPIDocument.pathParameters(path)), "\(path)")
                }
            }
        }
    }

    @Test("PLT-54 health, readiness and Prometheus metrics answer")
    func operations() async throws {
        try await withApp { env in
            _ = try await env.seed()
            // The suite runs on the database it was asked to (scripts/test runs it on both).
            #expect(try SQLSupport.dialect(env.app.db) == (TestDatabase.postgresURL == nil ? .sqlite : .postgres))
            #expect(try await env.request(.GET, "/healthz").status == .ok)
            #expect(try await env.request(.GET, "/readyz").status == .ok)
            let metrics = try await env.request(.GET, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.body.string.contains("fengqiao_audit_events_total"))
            #expect(metrics.headers.first(name: "X-Request-ID") != nil)
        }
    }

    @Test("CAL-16 the calendar queries answer JSON under /api/v1/calendar without a token")
    func calendarAPI() async throws {
        try await withApp { env in
            let due = try await env.request(.GET, "/api/v1/calendar/due?start=2025-09-30&count=5&unit=workdays")
            #expect(due.status == .ok)
            #expect(try JSONDecoder().decode(DueDTO.self, from: Data(due.body.readableBytesView)).due == "2025-10-14")
            let days = try await env.request(.GET, "/api/v1/calendar/due?start=2025-09-05&count=30&unit=days")
            #expect(try JSONDecoder().decode(DueDTO.self, from: Data(days.body.readableBytesView)).due == "2025-10-09")
            let work = try await env.request(.GET, "/api/v1/calendar/is-workday?date=2025-10-11")
            #expect(try JSONDecoder().decode(WorkdayDTO.self, from: Data(work.body.readableBytesView)).workday)
            let between = try await env.request(.GET, "/api/v1/calendar/between?start=2025-09-30&end=2025-10-14")
            #expect(try JSONDecoder().decode(BetweenDTO.self, from: Data(between.body.readableBytesView)).workdays == 5)
            let bad = try await env.request(.GET, "/api/v1/calendar/due?start=2025-13-01&count=5")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("calendar.start.invalid"))
        }
    }

    @Test("PLT-14 an XLSX register extract imports like a CSV one")
    func importXLSX() async throws {
        try await withApp { env in
            let s = try await env.seed()
            var writer = XLSXWriter()
            writer.addSheet(name: "登记", rows: [
                [.text("名称"), .text("统一社会信用代码"), .text("法定代表人")],
                [.text("表格导入一号商行"), .text(.uscc(8101)), .text("王五")],
                [.text("表格导入二号商行"), .text("91350100M000100Y44"), .text("")],
            ])
            let rows = try PartyImportFile.rows(bytes: Array(try writer.data()), filename: "extract.xlsx")
            let summary = try await env.parties.importRows(rows, unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("t"))
            #expect(summary.created == 1)
            #expect(summary.errors.map(\.row) == [3])
        }
    }

    @Test("PLT-55 configuration names every bad setting at once")
    func configValidation() throws {
        do {
            _ = try AppConfig.load(environment: ["FENGQIAO_PORT": "99999", "FENGQIAO_CIPHER": "des", "FENGQIAO_DATABASE_URL": "mysql://x",
                                                 "FENGQIAO_BCRYPT_COST": "4", "FENGQIAO_ENCRYPTION_KEYS": "k1:short"])
            Issue.record("bad configuration accepted")
        } catch let e as AppConfig.Invalid {
            let text = e.problems.joined(separator: "\n")
            for key in ["FENGQIAO_PORT", "FENGQIAO_CIPHER", "FENGQIAO_DATABASE_URL", "FENGQIAO_BCRYPT_COST", "FENGQIAO_ENCRYPTION_KEYS"] {
                #expect(text.contains(key), "\(key) not named")
            }
        }
    }
}

extension PlatformTests {
    @Test("PLT-22 the audit administrator searches and exports the trail; the export is itself audited")
    func auditExport() async throws {
        try await withApp { env in
            let s = try await env.seed()
            _ = try await env.parties.create(PartyInput(kind: "enterprise", name: "审计导出商行", uscc: .uscc(7001)), unitID: s.officeA.id,
                                             actor: env.actor(s.officerA), context: AuditContext(userID: s.officerA.id, login: "officer_a"))
            let web = WebClient(env)
            try await web.login("auditor", Seeded.password)
            let page = try await web.send(.GET, "/audit?login=officer_a")
            #expect(page.body.string.contains("party.create"))
            #expect(!page.body.string.contains("user.create"))
            let csv = try await web.send(.GET, "/audit/export.csv?action=party.create")
            #expect(csv.status == .ok)
            let bytes = Array(csv.body.readableBytesView)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(String(decoding: bytes, as: UTF8.self).contains("审计导出商行"))
            let exports = try await env.audit.search(AuditQuery(action: "audit.export"), actor: env.actor(s.auditor))
            #expect(exports.count == 1)
            #expect(exports.first?.draft.userLogin == "auditor")
            let bad = try await web.send(.GET, "/audit?from=2025-99-01")
            #expect(bad.body.string.contains("YYYY-MM-DD"))
            // An officer may neither read nor export the trail.
            let officer = WebClient(env)
            try await officer.login("officer_a", Seeded.password)
            #expect(try await officer.send(.GET, "/audit/export.csv").status == .forbidden)
        }
    }
}

extension PlatformTests {
    @Test("PLT-34 rotating the key re-seals stored personal data; old and new values stay readable")
    func keyRotation() async throws {
        let newKey = "k2:" + Data((0..<32).map { UInt8(200 - $0) }).base64EncodedString()
        let oldKey = "k1:" + Data((0..<32).map { UInt8($0) }).base64EncodedString()
        let dir = NSTemporaryDirectory() + "fq-rot-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withApp { env in
            let s = try await env.seed()
            let id = DemoData.idNumber(birth: LocalDate(year: 1970, month: 3, day: 4)!, sequence: 9)
            let p = try await env.parties.create(PartyInput(kind: "person", name: "轮换测试", idNumber: id, phone: "13800001234"), unitID: s.officeA.id,
                                                 actor: env.actor(s.officerA), context: .system("t")).party
            // The same database, opened with the new key first and the old one still in the ring.
            let rotated = Store(db: env.app.db, crypto: FieldCrypto(algorithm: .aes256gcm, keys: [
                try AppConfig.parseKeys(newKey).get()[0], try AppConfig.parseKeys(oldKey).get()[0],
            ]), chainHash: .sha256, clock: env.clock.wall, gate: AsyncGate())
            let repo = PartyRepository(store: rotated)
            let officer = try await env.actor(s.officerA)
            #expect(try await repo.storedPersonalData(p.id, actor: officer).idNumber == id)
            #expect(try await repo.resealAll(context: .system("t")) == 1)
            let row = try await env.sql.select().column("id_number_cipher").from("parties").where("id", .equal, SQLBind(p.id)).first()
            #expect(try row?.decode(column: "id_number_cipher", as: String.self).hasPrefix("g:k2:") == true)
            #expect(try await repo.storedPersonalData(p.id, actor: officer).phone == "13800001234")
            #expect(try await repo.resealAll(context: .system("t")) == 0)
            #expect(try await env.audit.verify().isIntact)
        }
    }
}

extension PlatformTests {
    @Test("X-09 personal data is masked on the party page and revealed only on request, with an audit event")
    func revealPersonalData() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let id = DemoData.idNumber(birth: LocalDate(year: 1982, month: 7, day: 8)!, sequence: 3)
            let p = try await env.parties.create(PartyInput(kind: "person", name: "脱敏测试", idNumber: id, phone: "13912345678", address: "浙江省江城市江城区人民路8号"),
                                                 unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("t")).party
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/parties/\(p.id.uuidString)").body.string
            #expect(!page.contains(id))
            #expect(!page.contains("13912345678"))
            #expect(page.contains("139****5678"))
            let token = WebClient.csrf(in: page) ?? ""
            let revealed = try await web.send(.POST, "/parties/\(p.id.uuidString)/reveal", form: ["_csrf": token]).body.string
            #expect(revealed.contains(id))
            #expect(revealed.contains("13912345678"))
            let events = try await env.audit.search(AuditQuery(action: "party.personal-data.reveal"), actor: env.actor(s.auditor))
            #expect(events.count == 1)
            #expect(events.first?.draft.objectID == p.id.uuidString)
            #expect(events.first?.draft.userLogin == "officer_a")
        }
    }
}

extension PlatformTests {
    @Test("PLT-12 a person is unique by ID number; one operator may run several individual businesses")
    func uniqueness() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let officer = try await env.actor(s.officerA)
            let id = DemoData.idNumber(birth: LocalDate(year: 1979, month: 11, day: 12)!, sequence: 77)
            let shop1 = PartyInput(kind: "individual-business", name: "老王面馆", uscc: DemoData.uscc(serial: 91, type: "92"), idNumber: id)
            let shop2 = PartyInput(kind: "individual-business", name: "老王烟酒店", uscc: DemoData.uscc(serial: 92, type: "92"), idNumber: id)
            #expect(try await env.parties.create(shop1, unitID: s.officeA.id, actor: officer, context: .system("t")).created)
            #expect(try await env.parties.create(shop2, unitID: s.officeA.id, actor: officer, context: .system("t")).created)
            let person = PartyInput(kind: "person", name: "王老五", idNumber: id)
            let first = try await env.parties.create(person, unitID: s.officeA.id, actor: officer, context: .system("t"))
            #expect(first.created)
            let again = try await env.parties.create(PartyInput(kind: "person", name: "王老五（重复登记）", idNumber: id.lowercased()), unitID: s.officeA.id,
                                                     actor: officer, context: .system("t"))
            #expect(!again.created)
            #expect(again.party.id == first.party.id)
            #expect(try await env.parties.count(actor: officer) == 3)
        }
    }
}

extension PlatformTests {
    @Test("PLT-20 the stored form of changed fields round-trips any text")
    func auditCodec() throws {
        let changes: [String: AuditDraft.Change] = [
            "name": .init(before: "旧\"名\"\n\t\\", after: "<script>\u{01}</script>"),
            "phone": .init(before: nil, after: "139****5678"),
            "empty": .init(before: nil, after: nil),
        ]
        let text = AuditCodec.encode(changes)
        #expect(AuditCodec.decode(text) == changes)
        #expect(AuditCodec.encode([:]) == "{}")
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
    }
}

extension PlatformTests {
    @Test("PLT-03 PLT-04 PLT-31 the administrator grants and revokes roles within the separation, and a reset lifts a lock")
    func userAdministration() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let web = WebClient(env)
            try await web.login("admin", Seeded.password)
            let page = "/admin/users/\(s.officerA.id.uuidString)"
            var token = try await web.csrf(from: page)
            let granted = try await web.send(.POST, page + "/roles", form: ["_csrf": token, "role": "unit-head", "unit": s.officeA.id.uuidString, "scope": "unit-tree"])
            #expect(granted.status == .seeOther)
            #expect(try await env.org.user(id: s.officerA.id)?.roles.count == 2)
            token = try await web.csrf(from: page)
            let refused = try await web.send(.POST, page + "/roles", form: ["_csrf": token, "role": "audit-admin", "unit": s.bureau.id.uuidString])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("三员分立"))
            token = try await web.csrf(from: page)
            _ = try await web.send(.POST, page + "/roles/revoke", form: ["_csrf": token, "role": "officer", "unit": s.officeA.id.uuidString])
            #expect(try await env.org.user(id: s.officerA.id)?.roles.map(\.roleCode) == ["unit-head"])
            token = try await web.csrf(from: page)
            let last = try await web.send(.POST, page + "/roles/revoke", form: ["_csrf": token, "role": "unit-head", "unit": s.officeA.id.uuidString])
            #expect(last.status == .unprocessableEntity)
            // Lock the account, then reset it.
            let officer = WebClient(env)
            for _ in 1...5 { try await officer.login("officer_a", "wrong") }
            #expect(try await officer.login("officer_a", Seeded.password).status == .unauthorized)
            token = try await web.csrf(from: page)
            #expect(try await web.send(.POST, page + "/password", form: ["_csrf": token, "password": "Temp-Pass-77"]).status == .seeOther)
            let back = try await officer.login("officer_a", "Temp-Pass-77")
            #expect(back.status == .seeOther)
            #expect(try await officer.send(.GET, "/").headers.first(name: .location) == "/password")
        }
    }
}

extension PlatformTests {
    @Test("PLT-12 PLT-15 merging a duplicate keeps both records and both histories, audited")
    func merge() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let officer = try await env.actor(s.officerA)
            // A walk-in recorded with name and phone only, later registered properly.
            let walkIn = try await env.parties.create(PartyInput(kind: "person", name: "孙某某", phone: "13700001111"), unitID: s.officeA.id,
                                                      actor: officer, context: .system("t")).party
            #expect(walkIn.identityUnverified)
            let id = DemoData.idNumber(birth: LocalDate(year: 1988, month: 8, day: 8)!, sequence: 8)
            let verified = try await env.parties.create(PartyInput(kind: "person", name: "孙小明", idNumber: id, phone: "13700001111"), unitID: s.officeA.id,
                                                        actor: officer, context: .system("t")).party
            // A case linked to the walk-in record (as a procedure would write it).
            try await env.sql.insert(into: "party_case_links").columns("id", "party_id", "case_id", "case_number", "module", "state", "opened_on", "unit_id")
                .values(SQLBind(UUID()), SQLBind(walkIn.id), SQLBind(UUID()), SQLBind("ZC-CP-2025-0001"), SQLBind("complaint"), SQLBind("closed"),
                        SQLBind("2025-03-12"), SQLBind(s.officeA.id)).run()
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let token = try await web.csrf(from: "/parties/\(verified.id.uuidString)")
            let res = try await web.send(.POST, "/parties/\(verified.id.uuidString)/merge", form: ["_csrf": token, "duplicate": walkIn.id.uuidString])
            #expect(res.status == .seeOther)
            let history = try #require(try await env.parties.history(verified.id, actor: officer))
            #expect(history.map(\.caseNumber) == ["ZC-CP-2025-0001"])
            #expect(try await env.parties.count(actor: officer) == 1)
            #expect(try await env.parties.find(walkIn.id, actor: officer)?.mergedInto == verified.id)
            let events = try await env.audit.search(AuditQuery(action: "party.merge"), actor: env.actor(s.auditor))
            #expect(events.first?.draft.objectID == verified.id.uuidString)
            // Merging again, or merging different enterprises, is refused.
            let again = try await web.send(.POST, "/parties/\(verified.id.uuidString)/merge", form: ["_csrf": token, "duplicate": walkIn.id.uuidString])
            #expect(again.status == .conflict)
            let e1 = try await env.parties.create(PartyInput(kind: "enterprise", name: "甲公司", uscc: .uscc(31)), unitID: s.officeA.id, actor: officer, context: .system("t")).party
            let e2 = try await env.parties.create(PartyInput(kind: "enterprise", name: "乙公司", uscc: .uscc(32)), unitID: s.officeA.id, actor: officer, context: .system("t")).party
            await #expect(throws: DomainError.self) { try await env.parties.merge(keep: e1.id, duplicate: e2.id, actor: officer, context: .system("t")) }
        }
    }
}

extension PlatformTests {
    @Test("PLT-56 the backup covers every table the migrations create")
    func backupCoversEveryTable() async throws {
        try await withApp { env in
            let tables = try await SQLSupport.tableNames(env.app.db)
            #expect(tables == BackupRepository.tableNames)
        }
    }
}

extension PlatformTests {
    @Test("PLT-52 concurrent retries with one Idempotency-Key create exactly one party; a failed create frees the key")
    func idempotentConcurrent() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let body = ["kind": "enterprise", "name": "并发幂等有限公司", "uscc": String.uscc(4343)]
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await env.request(.POST, "/api/v1/parties", token: token, json: body, headers: [("Idempotency-Key", "same")]).status.code }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 })
            #expect(statuses.contains(201))
            let events = try await env.audit.search(AuditQuery(action: "party.create"), actor: env.actor(s.auditor))
            #expect(events.count == 1)
            // A create refused for bad input does not burn its key.
            let bad = try await env.request(.POST, "/api/v1/parties", token: token, json: ["kind": "enterprise", "name": ""], headers: [("Idempotency-Key", "k2")])
            #expect(bad.status == .unprocessableEntity)
            let good = try await env.request(.POST, "/api/v1/parties", token: token, json: ["kind": "enterprise", "name": "重试成功商行", "uscc": String.uscc(4344)],
                                             headers: [("Idempotency-Key", "k2")])
            #expect(good.status == .created)
        }
    }
}
