import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// CP-35 and CP-36 for complaints and reports registered by hand (the API and the form), as for
/// imported items: information only — every submission is registered and processed.
@Suite("Signals on hand-registered complaints and reports (CP-35, CP-36)", .serialized)
struct RegistrationSignalTests {
    @Test("CP-35: the 5th complaint on 江城区聚集饭店 within 7日 (Wed 09-24 … Tue 09-30, across the make-up Sunday 09-28), registered through the form (the four before it through the API), records the cluster signal, alerts the centre head and shows on the case page; the 4th does not")
    func cluster() async throws {
        try await withApp { env in
            // setup: office A's officer registers; A's head is the centre head
            let s = try await env.seed()
            let head = try await env.user("head_a", "孙主任", unit: s.officeA.id, role: "unit-head", scope: .unit)
            let a = try await env.token(s.officerA)
            let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城区聚集饭店有限公司", uscc: .uscc(8181)), unitID: s.officeA.id,
                                                    actor: env.actor(s.officerA), context: .system("test")).party
            var ids: [String] = []
            var consumers: [UUID] = []
            for n in 0..<5 {
                consumers.append(try await env.parties.create(PartyInput(kind: "person", name: "顾客\(n + 1)", phone: "1390000710\(n)"), unitID: s.officeA.id,
                                                              actor: env.actor(s.officerA), context: .system("test")).party.id)
            }
            func fields(_ n: Int, _ day: String) -> [String: String] {
                ["complainantID": consumers[n].uuidString, "respondentID": shop.id.uuidString, "channel": "window",
                 "receivedOn": day, "knewOn": day, "request": "饭菜变质退款", "statement": "就餐后发现饭菜变质"]
            }
            // act: four complaints by four consumers through the API …
            for (n, day) in ["2025-09-24", "2025-09-26", "2025-09-28", "2025-09-29"].enumerated() {
                let created = try await env.request(.POST, "/api/v1/complaints", token: a, json: fields(n, day))
                #expect(created.status == .created, "\(created.body.string)")
                ids.append(try #require(try RegistryTests.json(created)["id"] as? String))
            }
            // … and the fifth through the registration form
            let web = WebClient(env)
            _ = try await web.login("officer_a", Seeded.password)
            let form = try await web.send(.GET, "/complaints/new")
            let posted = try await web.send(.POST, "/complaints", pairs: [("_csrf", WebClient.csrf(in: form.body.string) ?? "")]
                                                + fields(4, "2025-09-30").sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            #expect(posted.status == .seeOther, "\(posted.body.string)")
            let location = try #require(posted.headers.first(name: .location))
            ids.append(String(try #require(location.split(separator: "/").last?.split(separator: "?").first)))

            // check: the 4th carries nothing; the 5th the cluster of 5, at the version the answer gave (nothing refused)
            func facts(_ id: String) async throws -> [String: Any] {
                try #require(try RegistryTests.json(try await env.request(.GET, "/api/v1/complaints/\(id)", token: a))["facts"] as? [String: Any])
            }
            #expect(try await facts(ids[3])["signals"] == nil)
            #expect((try await facts(ids[4])["signals"] as? [String: Any])?["clusterCount"] as? Int == 5)
            let alerts = try await env.sql.select().column("user_id").from("notifications").where("kind", .equal, SQLBind("complaint.cluster")).all()
                .map { try $0.decode(column: "user_id", as: UUID.self) }
            #expect(alerts == [head.id])
            let page = try await web.send(.GET, "/cases/\(ids[4])")
            #expect(page.status == .ok && page.body.string.contains("群体性投诉提示（CP-35）"))
            #expect(try await env.request(.POST, "/api/v1/complaints/\(ids[4])/actions/receive", token: a,
                                          json: ReportDispatchWebTests.Body(version: 2, input: [:])).status == .ok)
        }
    }

    @Test("CP-36: a named reporter's 10th submission in 12 months, a report registered through the API, is flagged 高频 for information and still verified; colleagues not on it never see the note (CP-08)")
    func highFrequencyReport() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let colleague = try await env.user("officer_a2", "王芳", unit: s.officeA.id, role: "officer", scope: .unit)
            let a = try await env.token(s.officerA)
            let reporter = try await env.parties.create(PartyInput(kind: "person", name: "周常客", phone: "13900009999"), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
            var last = ""
            for n in 1...10 {
                let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城区商户\(n)有限公司", uscc: .uscc(9100 + n)), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
                last = try await ReportDispatchWebTests.register(env, a, reporter: reporter.id, reported: shop.id, routing: nil, on: "2025-09-\(String(format: "%02d", n + 10))")
            }
            let mine = try RegistryTests.json(try await env.request(.GET, "/api/v1/reports/\(last)", token: a))
            #expect(mine["state"] as? String == "verifying")
            #expect(((mine["facts"] as? [String: Any])?["signals"] as? [String: Any])?["highFrequencyCount"] as? Int == 10)
            let theirs = try await env.request(.GET, "/api/v1/reports/\(last)", token: try await env.token(colleague))
            #expect(!theirs.body.string.contains("highFrequencyCount"))
        }
    }

    @Test("CP-35 PLT-52: a registration and its signals are one transaction — when the signals cannot be written (Mon 2025-09-29) nothing is registered; a retried registration with its Idempotency-Key gets the same complaint, registered once")
    func oneTransaction() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let a = try await env.token(s.officerA)
            let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城区一致饭店有限公司", uscc: .uscc(8191)), unitID: s.officeA.id,
                                                    actor: env.actor(s.officerA), context: .system("test")).party
            let consumer = try await env.parties.create(PartyInput(kind: "person", name: "顾客甲", phone: "13900007301"), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
            let fields = ["complainantID": consumer.id.uuidString, "respondentID": shop.id.uuidString, "channel": "window",
                          "receivedOn": "2025-09-29", "knewOn": "2025-09-29", "request": "退还预付款", "statement": "店铺关门不退预付款"]
            func complaints() async throws -> Int {
                try await env.sql.select().column("id").from("cases").where("case_type", .equal, SQLBind("complaint")).all().count
            }

            // act: the signals' table is gone, so the signal write fails after the opening
            try await env.sql.raw("ALTER TABLE complaint_signals RENAME TO complaint_signals_away").run()
            let failed = try await env.request(.POST, "/api/v1/complaints", token: a, json: fields)
            // check: refused as a whole — no complaint, no case.create in the audit trail
            #expect(failed.status.code >= 500, "\(failed.body.string)")
            #expect(try await complaints() == 0)
            #expect(try await env.sql.select().column("seq").from("audit_events").where("action", .equal, SQLBind("case.create")).all().isEmpty)

            // act: the table back; the registration sent twice with one key
            try await env.sql.raw("ALTER TABLE complaint_signals_away RENAME TO complaint_signals").run()
            let first = try await env.request(.POST, "/api/v1/complaints", token: a, json: fields, headers: [("Idempotency-Key", "one-tx-1")])
            let again = try await env.request(.POST, "/api/v1/complaints", token: a, json: fields, headers: [("Idempotency-Key", "one-tx-1")])
            // check: one complaint, and the retry answered with it
            #expect(first.status == .created, "\(first.body.string)")
            #expect(again.status == .created || again.status == .ok, "\(again.body.string)")
            #expect(try RegistryTests.json(first)["id"] as? String == (try RegistryTests.json(again)["id"] as? String))
            #expect(try await complaints() == 1)
            #expect(try await AuditRepository(store: env.store).verify().isIntact)
        }
    }
}
