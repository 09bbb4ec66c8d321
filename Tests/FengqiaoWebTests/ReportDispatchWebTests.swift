import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The report track's dispatch and return through the API and the store (complaints.md steps 3 and 4,
/// CP-09…CP-13, CP-26, CP-11): office A is the dispatching centre, office B (DH) the receiving 所.
@Suite("Report dispatch and return through the API (CP-09…CP-13, CP-11, CP-26)", .serialized)
struct ReportDispatchWebTests {
    struct Body: Encodable {
        let version: Int
        let input: [String: String]
    }

    static func clockRow(_ env: TestEnv, _ id: String, _ step: String) async throws -> (due: String, ended: String?, late: Bool?)? {
        guard let row = try await env.store.sql.select().columns("due_date", "ended_on", "late").from("clocks")
            .where("case_id", .equal, SQLBind(try #require(UUID(uuidString: id)))).where("step", .equal, SQLBind(step)).first() else { return nil }
        return (try row.decode(column: "due_date", as: String.self), try row.decode(column: "ended_on", as: String?.self),
                try row.decode(column: "late", as: Bool?.self))
    }

    static func register(_ env: TestEnv, _ token: String, reporter: UUID?, reported: UUID, routing: String? = "dispatch",
                         on: String = "2025-09-30") async throws -> String {
        var body = ["reportedID": reported.uuidString, "actPlace": "东湖农贸市场12号摊位", "category": "other", "clue": "摊位销售过期食品",
                    "origin": "direct", "receivedOn": on]
        body["reporterID"] = reporter?.uuidString
        body["routing"] = routing
        let created = try await env.request(.POST, "/api/v1/reports", token: token, json: body)
        #expect(created.status == .created, "\(created.body.string)")
        return try #require(try RegistryTests.json(created)["id"] as? String)
    }

    @Test("CP-09 CP-12 CP-13 CP-26: a report dispatched Tue 2025-09-30 to 东湖所 is returned Fri 10-10 — overdue (due 10-09, across 国庆); the forward refused (report.forward.refused); re-dispatched and received on the make-up Sat 10-11: verification due 2025-10-31; CP-10 its documents in the bureau's name")
    func dispatchReturnReceive() async throws {
        try await withApp { env in
            // setup: A's head dispatches (the centre); B's officer and head receive
            let s = try await env.seed()
            let dispatcher = try await env.user("centre_head", "周主任", unit: s.officeA.id, role: "unit-head", scope: .unit)
            let headB = try await env.user("head_b", "吴所长", unit: s.officeB.id, role: "unit-head", scope: .unit)
            let registrar = try await env.user("registrar_a", "钱受理", unit: s.officeA.id, role: "complaint-registrar", scope: .unit)
            let reporter = try await env.parties.create(PartyInput(kind: "person", name: "钱保密", phone: "13700002222"), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
            let market = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市东湖农贸市场有限公司", uscc: .uscc(7171)),
                                                      unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let r = try await env.token(registrar), centre = try await env.token(dispatcher)
            let b = try await env.token(s.officerB), bHead = try await env.token(headB)

            // act: registered at the centre for dispatch — no verification clock yet
            let id = try await Self.register(env, r, reporter: reporter.id, reported: market.id)
            #expect(try RegistryTests.json(try await env.request(.GET, "/api/v1/reports/\(id)", token: r))["state"] as? String == "registered")
            #expect(try await Self.clockRow(env, id, "reportVerification") == nil)

            // act: dispatched to B with its report-back date (CP-13)
            let sent = try await env.request(.POST, "/api/v1/reports/\(id)/actions/dispatch", token: centre,
                                             json: Body(version: 1, input: ["unit": "DH", "reportBackOn": "2025-10-20"]))
            #expect(sent.status == .ok, "\(sent.body.string)")
            #expect(try await Self.clockRow(env, id, "returnNotCompetent")?.due == "2025-10-09")
            // CP-12: B's head (who holds complaint.dispatch) may not forward it
            let forward = try await env.request(.POST, "/api/v1/reports/\(id)/actions/dispatch", token: bHead,
                                                json: Body(version: 2, input: ["unit": "ZC", "reportBackOn": "2025-10-20"]))
            #expect(forward.status == .unprocessableEntity)
            #expect(forward.body.string.contains("report.forward.refused"))
            // CP-09: the centre keeps sight of it, and never acts on it
            #expect(try await env.request(.GET, "/api/v1/reports/\(id)", token: centre).status == .ok)
            #expect(try await env.request(.POST, "/api/v1/reports/\(id)/actions/receive", token: centre, json: Body(version: 2, input: [:])).status == .notFound)

            // act: B returns it on Fri 10-10, a working day late
            env.moveClock(to: "2025-10-10")
            let back = try await env.request(.POST, "/api/v1/reports/\(id)/actions/returnItem", token: b,
                                             json: Body(version: 2, input: ["reason": "违法行为发生地不在本所辖区"]))
            #expect(back.status == .ok, "\(back.body.string)")
            let returned = try #require(try await Self.clockRow(env, id, "returnNotCompetent"))
            #expect(returned.ended == "2025-10-10" && returned.late == true)
            #expect(try await env.request(.GET, "/api/v1/reports/\(id)", token: b).status == .notFound)

            // act: re-dispatched the same day; B receives on the make-up Saturday 10-11
            #expect(try await env.request(.POST, "/api/v1/reports/\(id)/actions/dispatch", token: centre,
                                          json: Body(version: 3, input: ["unit": "DH", "reportBackOn": "2025-10-24"])).status == .ok)
            env.moveClock(to: "2025-10-11")
            let received = try await env.request(.POST, "/api/v1/reports/\(id)/actions/receive", token: b, json: Body(version: 4, input: [:]))
            #expect(received.status == .ok, "\(received.body.string)")

            // check: CP-26 — 15 工作日 from B's receipt; the receipt ended the return clock on time
            #expect(try await Self.clockRow(env, id, "reportVerification")?.due == "2025-10-31")
            let report = try RegistryTests.json(try await env.request(.GET, "/api/v1/reports/\(id)", token: b))
            #expect(report["state"] as? String == "verifying")
            #expect((report["facts"] as? [String: Any])?["handlingReceiptOn"] as? String == "2025-10-11")
            // CP-10, CP-13: 东湖所 issues the 举报分送通知书 (prefilled with the dispatch and report-back dates) in the bureau's name
            let values = ReportDocuments.sampleValues(for: "RP-DISPATCH").merging(["dispatch.date": "2025年10月10日", "dispatch.reportBackDate": "2025年10月24日"]) { _, new in new }
            let notice = try await ComplaintWebTests.issue(env, b, id, "RP-DISPATCH", values, recipient: "东湖市场监管所")
            #expect(notice.number == "东湖所举分〔2025〕1号")
            let issuer = try await env.store.sql.select().column("issuer").from("documents").where("id", .equal, SQLBind(notice.id)).first()
            #expect(try issuer?.decode(column: "issuer", as: String.self) == "江城市市场监督管理局")
            #expect(try await AuditRepository(store: env.store).verify().isIntact)
        }
    }

    @Test("CP-11: no competence over a report — the 分送员 records 江城市公安局 and that the reporter was told; the report ends 已告知向有权机关举报")
    func referral() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let dispatcher = try await env.user("centre_head", "周主任", unit: s.officeA.id, role: "unit-head", scope: .unit)
            let reporter = try await env.parties.create(PartyInput(kind: "person", name: "钱保密", phone: "13700002222"), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
            let market = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市东湖农贸市场有限公司", uscc: .uscc(7171)),
                                                      unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let a = try await env.token(s.officerA), centre = try await env.token(dispatcher)
            let id = try await Self.register(env, a, reporter: reporter.id, reported: market.id)
            // an officer does not decide the office's competence (PLT-03)
            #expect(try await env.request(.POST, "/api/v1/reports/\(id)/actions/referElsewhere", token: a,
                                          json: Body(version: 1, input: ["authority": "江城市公安局", "reason": "涉嫌刑事犯罪"])).status == .forbidden)
            let done = try await env.request(.POST, "/api/v1/reports/\(id)/actions/referElsewhere", token: centre,
                                             json: Body(version: 1, input: ["authority": "江城市公安局", "reason": "举报事项涉嫌刑事犯罪，不属市场监管部门职责"]))
            #expect(done.status == .ok, "\(done.body.string)")
            let report = try RegistryTests.json(try await env.request(.GET, "/api/v1/reports/\(id)", token: centre))
            #expect(report["state"] as? String == "referred")
            let referral = (report["facts"] as? [String: Any])?["referral"] as? [String: Any]
            #expect(referral?["authority"] as? String == "江城市公安局")
            #expect(referral?["toldOn"] as? String == "2025-09-30")
            let web = WebClient(env)
            _ = try await web.login("centre_head", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(id)")
            #expect(page.body.string.contains("已告知向有权机关举报") && page.body.string.contains("江城市公安局"))
        }
    }
}
