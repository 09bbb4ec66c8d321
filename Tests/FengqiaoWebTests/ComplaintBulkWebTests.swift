import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// CP-44: bulk dispatch, assign and export of complaints through the API and the page — every item
/// through its own transition (CP-09…CP-13, CP-12's refusal of an item already dispatched), one audit
/// entry each, partial success, refusals by code with nothing changed, and an export without any
/// complainant identity (CP-08, X-09).
@Suite("Complaint bulk operations (CP-44)", .serialized)
struct ComplaintBulkWebTests {
    typealias Body = FollowUpTests.ActionBody

    /// A platform complaint registered at office A on `on`, not yet received; its consumer named 张消费{serial}, phone 1390000111{serial}.
    static func register(_ env: TestEnv, token: String, unit: UUID, officer: UserRecord, on: String, serial: Int) async throws -> String {
        try await ComplaintMonthlyWebTests.complaint(env, token: token, unit: unit, officer: officer, on: on, serial: serial, receive: false)
    }

    struct BulkBody: Content {
        var operation: String
        var ids: [String]
        var input: [String: String] = [:]
        var preview: Bool = false
    }

    static func items(_ res: TestingHTTPResponse) throws -> [[String: Any]] { try RegistryTests.json(res)["items"] as? [[String: Any]] ?? [] }

    /// Each case's state, version, unit and handler as stored, to show that a refusal changed nothing.
    static func snapshot(_ env: TestEnv, _ ids: [String], token: String) async throws -> [String] {
        var out: [String] = []
        for id in ids {
            let caseID = try #require(UUID(uuidString: id))
            let row = try #require(try await env.sql.select().columns("state", "version", "unit_id", "handler_id").from("cases")
                .where("id", .equal, SQLBind(caseID)).first())
            out.append("\(try row.decode(column: "state", as: String.self))/\(try row.decode(column: "version", as: Int.self))/"
                       + "\(try row.decode(column: "unit_id", as: UUID.self))/\(try row.decode(column: "handler_id", as: UUID?.self)?.uuidString ?? "-")")
        }
        return out
    }

    @Test("CP-44 CP-09 CP-12 CP-13 bulk dispatch on Tue 2025-09-30: previewed without writing, then two items dispatched (each's 1-工作日 return clock due 2025-10-09 after National Day) and the one already dispatched refused (complaint.forward.refused), one audit entry per item; bulk accept and 201 items refused by code with nothing changed")
    func dispatch() async throws {
        try await withApp { env in
            // setup: the centre head over the bureau; three complaints registered at office A, the third already dispatched
            let s = try await env.seed()
            let centre = try await env.user("centre_head", "周主任", unit: s.bureau.id, role: "unit-head", scope: .unitTree)
            env.moveClock(to: "2025-09-30", hour: 9)
            let a = try await env.token(s.officerA), head = try await env.token(centre)
            var ids: [String] = []
            for serial in 1...3 { ids.append(try await Self.register(env, token: a, unit: s.officeA.id, officer: s.officerA, on: "2025-09-30", serial: serial)) }
            #expect(try await env.request(.POST, "/api/v1/complaints/\(ids[2])/actions/dispatch", token: head,
                                          json: Body(version: 1, input: ["unit": "DH", "reportBackOn": "2025-10-10"])).status == .ok)
            let before = try await Self.snapshot(env, ids, token: head)
            let transitions = { try await env.audit.search(AuditQuery(action: "case.transition"), actor: env.actor(s.auditor)).count }
            let audited = try await transitions()

            // act: refusals first — bulk 受理 and more than 200 items
            let accept = try await env.request(.POST, "/api/v1/complaints/bulk", token: head, json: BulkBody(operation: "accept", ids: ids))
            #expect(accept.status == .unprocessableEntity && accept.body.string.contains("complaint.bulk.refused"))
            let many = try await env.request(.POST, "/api/v1/complaints/bulk", token: head,
                                             json: BulkBody(operation: "dispatch", ids: ids + (0..<198).map { _ in UUID().uuidString },
                                                            input: ["unit": "DH", "reportBackOn": "2025-10-10"]))
            #expect(many.status == .unprocessableEntity && many.body.string.contains("complaint.bulk.too-many"))
            // an officer may not dispatch
            #expect(try await env.request(.POST, "/api/v1/complaints/bulk", token: a,
                                          json: BulkBody(operation: "dispatch", ids: ids, input: ["unit": "DH", "reportBackOn": "2025-10-10"])).status == .forbidden)
            // the preview writes nothing
            let preview = try Self.items(try await env.request(.POST, "/api/v1/complaints/bulk", token: head,
                                                               json: BulkBody(operation: "dispatch", ids: ids, input: ["unit": "DH", "reportBackOn": "2025-10-10"], preview: true)))
            #expect(preview.map { $0["status"] as? String } == ["ready", "ready", "refused"])
            #expect(try await Self.snapshot(env, ids, token: head) == before)
            #expect(try await transitions() == audited)

            // act: applied
            let applied = try await env.request(.POST, "/api/v1/complaints/bulk", token: head,
                                                json: BulkBody(operation: "dispatch", ids: ids, input: ["unit": "DH", "reportBackOn": "2025-10-10"]))
            #expect(applied.status == .ok, "\(applied.body.string)")
            let result = try Self.items(applied)
            #expect(result.map { $0["status"] as? String } == ["done", "done", "refused"])
            #expect(result[2]["code"] as? String == "complaint.forward.refused" && result[2]["rule"] as? String == "CP-12")

            // check: one audit entry per dispatched item; the refused one unchanged; each return clock due the first working day after the holiday
            #expect(try await transitions() == audited + 2)
            let after = try await Self.snapshot(env, ids, token: head)
            #expect(after[2] == before[2])
            for id in ids.prefix(2) {
                #expect(try await env.audit.search(AuditQuery(objectID: id, action: "case.transition"), actor: env.actor(s.auditor)).count == 1)
                #expect(try await ComplaintWebTests.clocks(env, id, token: head)["returnNotCompetent"]?["due"] as? String == "2025-10-09")
                let c = try RegistryTests.json(try await env.request(.GET, "/api/v1/cases/\(id)", token: head))
                #expect(c["state"] as? String == "dispatched" && c["unitId"] as? String == s.officeB.id.uuidString)
            }
            // a report-back date in the past is refused per item by the step's own rule (CP-13): on the make-up Saturday 2025-10-11
            env.moveClock(to: "2025-10-11", hour: 9)
            let fourth = try await Self.register(env, token: a, unit: s.officeA.id, officer: s.officerA, on: "2025-10-11", serial: 4)
            let late = try Self.items(try await env.request(.POST, "/api/v1/complaints/bulk", token: head,
                                                            json: BulkBody(operation: "dispatch", ids: [fourth], input: ["unit": "DH", "reportBackOn": "2025-10-10"])))
            #expect(late.first?["code"] as? String == "complaint.report-back.past")
            #expect(try await Self.snapshot(env, [fourth], token: head).first?.hasPrefix("registered/1/") == true)
        }
    }

    @Test("CP-44 bulk assign on Thu 2025-10-09 by office B's head: both dispatched items get the handler (one audit entry each); again refused (complaint.handler.same), someone of another unit refused (complaint.handler.other-unit); export without complainant names or phones, one audit entry per item")
    func assignAndExport() async throws {
        try await withApp { env in
            // setup: two complaints registered at A on 2025-09-30, dispatched to B
            let s = try await env.seed()
            let centre = try await env.user("centre_head", "周主任", unit: s.bureau.id, role: "unit-head", scope: .unitTree)
            let headB = try await env.user("head_b", "吴所长", unit: s.officeB.id, role: "unit-head", scope: .unit)
            env.moveClock(to: "2025-09-30", hour: 9)
            let a = try await env.token(s.officerA), head = try await env.token(centre), bHead = try await env.token(headB)
            var ids: [String] = []
            for serial in 1...2 { ids.append(try await Self.register(env, token: a, unit: s.officeA.id, officer: s.officerA, on: "2025-09-30", serial: serial)) }
            _ = try await env.request(.POST, "/api/v1/complaints/bulk", token: head,
                                      json: BulkBody(operation: "dispatch", ids: ids, input: ["unit": "DH", "reportBackOn": "2025-10-10"]))

            // act: B's head assigns office B's officer after the holiday
            env.moveClock(to: "2025-10-09", hour: 9)
            let assign = BulkBody(operation: "assign", ids: ids, input: ["handler": s.officerB.id.uuidString])
            let first = try Self.items(try await env.request(.POST, "/api/v1/complaints/bulk", token: bHead, json: assign))
            #expect(first.map { $0["status"] as? String } == ["done", "done"])
            let before = try await Self.snapshot(env, ids, token: bHead)
            #expect(before.allSatisfy { $0.hasSuffix("/" + s.officerB.id.uuidString) })
            for id in ids { #expect(try await env.audit.search(AuditQuery(objectID: id, action: "case.transition"), actor: env.actor(s.auditor)).count == 2) }
            let again = try Self.items(try await env.request(.POST, "/api/v1/complaints/bulk", token: bHead, json: assign))
            #expect(again.map { $0["code"] as? String } == ["complaint.handler.same", "complaint.handler.same"])
            let other = try Self.items(try await env.request(.POST, "/api/v1/complaints/bulk", token: bHead,
                                                             json: BulkBody(operation: "assign", ids: ids, input: ["handler": s.officerA.id.uuidString])))
            #expect(other.map { $0["code"] as? String } == ["complaint.handler.other-unit", "complaint.handler.other-unit"])
            #expect(try await Self.snapshot(env, ids, token: bHead) == before)
            // bulk termination is refused
            let terminate = try await env.request(.POST, "/api/v1/complaints/bulk", token: bHead, json: BulkBody(operation: "decideTermination", ids: ids))
            #expect(terminate.status == .unprocessableEntity && terminate.body.string.contains("complaint.bulk.refused"))

            // act: export
            let exported = try await env.request(.POST, "/api/v1/complaints/bulk", token: bHead, json: BulkBody(operation: "export", ids: ids))
            #expect(exported.status == .ok)
            let rows = try RegistryTests.json(exported)["export"] as? [[String]] ?? []
            #expect(rows.count == 3 && rows[0].first == "编号")
            // check: no complainant identity, one audit entry per exported item
            for secret in ["张消费", "1390000111", "退还货款"] { #expect(!exported.body.string.contains(secret), "\(secret)") }
            #expect(exported.body.string.contains("江城市惠民超市有限公司"))
            for id in ids { #expect(try await env.audit.search(AuditQuery(objectID: id, action: "case.export"), actor: env.actor(s.auditor)).count == 1) }
        }
    }

    @Test("CP-44 the page: choose items (CSRF), confirm what will happen to each, apply, see the result per item; CSV and XLSX exports carry no complainant")
    func page() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            _ = try await env.user("centre_head", "周主任", unit: s.bureau.id, role: "unit-head", scope: .unitTree)
            env.moveClock(to: "2025-09-26", hour: 9)
            let a = try await env.token(s.officerA)
            var ids: [String] = []
            for serial in 1...2 { ids.append(try await Self.register(env, token: a, unit: s.officeA.id, officer: s.officerA, on: "2025-09-26", serial: serial)) }
            let web = WebClient(env)
            try await web.login("centre_head", Seeded.password)

            // act: the list, then the confirmation
            let list = try await web.send(.GET, "/complaints/bulk").body.string
            #expect(ids.allSatisfy { list.contains($0.uppercased()) })
            let csrf = WebClient.csrf(in: list) ?? ""
            let fields = [("operation", "dispatch"), ("unit", "DH"), ("reportBackOn", "2025-09-29")] + ids.map { ("ids[]", $0) }
            #expect(try await web.send(.POST, "/complaints/bulk", pairs: fields).status == .forbidden)
            // bulk 受理 through the form is refused by its code, nothing changed
            let accept = try await web.send(.POST, "/complaints/bulk", pairs: [("_csrf", csrf), ("operation", "accept")] + ids.map { ("ids[]", $0) })
            #expect(accept.status == .unprocessableEntity && accept.body.string.contains("不得批量操作"))
            let confirm = try await web.send(.POST, "/complaints/bulk", pairs: [("_csrf", csrf)] + fields)
            #expect(confirm.status == .ok)
            let confirmHTML = confirm.body.string
            #expect(confirmHTML.contains("请确认") && confirmHTML.contains("分送至东湖市场监管所（DH），反馈日期2025年9月29日"))
            #expect(try await Self.snapshot(env, ids, token: a).allSatisfy { $0.hasPrefix("registered/1/") })

            // act: apply
            let done = try await web.send(.POST, "/complaints/bulk/apply", pairs: [("_csrf", WebClient.csrf(in: confirmHTML) ?? "")] + fields)
            #expect(done.status == .ok)
            let doneHTML = done.body.string
            #expect(doneHTML.contains("办理结果") && doneHTML.contains(#"<strong id="bulk-done-count">2</strong>"#))

            // act: export as CSV and XLSX
            let csv = try await web.send(.POST, "/complaints/bulk", pairs: [("_csrf", csrf), ("operation", "export"), ("format", "csv")] + ids.map { ("ids[]", $0) })
            #expect(csv.status == .ok && csv.body.readableBytesView.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(csv.body.string.contains("江城市惠民超市有限公司") && !csv.body.string.contains("张消费") && !csv.body.string.contains("1390000111"))
            let xlsx = try await web.send(.POST, "/complaints/bulk", pairs: [("_csrf", csrf), ("operation", "export"), ("format", "xlsx")] + ids.map { ("ids[]", $0) })
            let text = try ComplaintPublicWebTests.zipText(xlsx)
            #expect(text.contains("江城市惠民超市有限公司") && !text.contains("张消费") && !text.contains("1390000111"))
        }
    }
}
