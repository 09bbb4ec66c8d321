import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// CP-44 on the report track, through the same generic bulk page and API as complaints: bulk dispatch
/// (each report through its own Dispatch, CP-09…CP-13), bulk assignment and an export that carries
/// nothing of the reporter (CP-08); 立案/不予立案 refused in bulk.
@Suite("Report bulk operations (CP-44, CP-08)", .serialized)
struct ReportBulkWebTests {
    typealias BulkBody = ComplaintBulkWebTests.BulkBody

    @Test("CP-44 CP-13 CP-08: on Tue 2025-09-30 two reports are dispatched in bulk to 东湖所 (return due 2025-10-09 after National Day), one already dispatched refused (report.forward.refused); 东湖所's head assigns both on 10-09; the export names no reporter; bulk 立案 refused (report.bulk.refused)")
    func reportBulk() async throws {
        try await withApp { env in
            // setup: the centre head over the bureau; three named reports registered at office A for dispatch, the third already dispatched
            let s = try await env.seed()
            let centre = try await env.user("centre_head", "周主任", unit: s.bureau.id, role: "unit-head", scope: .unitTree)
            let headB = try await env.user("head_b", "吴所长", unit: s.officeB.id, role: "unit-head", scope: .unit)
            let a = try await env.token(s.officerA), head = try await env.token(centre), bHead = try await env.token(headB)
            let reporter = try await env.parties.create(PartyInput(kind: "person", name: "钱保密", phone: "13700002222"), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
            var ids: [String] = []
            for n in 1...3 {
                let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市第\(n)农贸市场有限公司", uscc: .uscc(7270 + n)),
                                                        unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
                ids.append(try await ReportDispatchWebTests.register(env, a, reporter: reporter.id, reported: shop.id))
            }
            #expect(try await env.request(.POST, "/api/v1/reports/\(ids[2])/actions/dispatch", token: head,
                                          json: ReportDispatchWebTests.Body(version: 1, input: ["unit": "DH", "reportBackOn": "2025-10-10"])).status == .ok)

            // act: refused in bulk — 立案 and the reporter's notice
            let file = try await env.request(.POST, "/api/v1/reports/bulk", token: head, json: BulkBody(operation: "approveDecision", ids: ids))
            #expect(file.status == .unprocessableEntity && file.body.string.contains("report.bulk.refused"))
            // act: bulk dispatch
            let applied = try await env.request(.POST, "/api/v1/reports/bulk", token: head,
                                                json: BulkBody(operation: "dispatch", ids: ids, input: ["unit": "DH", "reportBackOn": "2025-10-10"]))
            #expect(applied.status == .ok, "\(applied.body.string)")
            let result = try ComplaintBulkWebTests.items(applied)
            #expect(result.map { $0["status"] as? String } == ["done", "done", "refused"])
            #expect(result[2]["code"] as? String == "report.forward.refused")
            for id in ids.prefix(2) {
                #expect(try await ReportDispatchWebTests.clockRow(env, id, "returnNotCompetent")?.due == "2025-10-09")
            }

            // act: 东湖所's head assigns its officer to all three on Thu 10-09
            env.moveClock(to: "2025-10-09")
            let assigned = try ComplaintBulkWebTests.items(try await env.request(.POST, "/api/v1/reports/bulk", token: bHead,
                                                                                 json: BulkBody(operation: "assign", ids: ids, input: ["handler": s.officerB.id.uuidString])))
            #expect(assigned.map { $0["status"] as? String } == ["done", "done", "done"])
            let again = try ComplaintBulkWebTests.items(try await env.request(.POST, "/api/v1/reports/bulk", token: bHead,
                                                                              json: BulkBody(operation: "assign", ids: [ids[0]], input: ["handler": s.officerB.id.uuidString])))
            #expect(again.first?["code"] as? String == "report.handler.same")

            // check: the export — one audit entry per item, no reporter
            let exported = try await env.request(.POST, "/api/v1/reports/bulk", token: bHead, json: BulkBody(operation: "export", ids: ids))
            #expect(exported.status == .ok)
            let rows = try #require(try RegistryTests.json(exported)["export"] as? [[String]])
            #expect(rows.first == ReportBulk.exportHeader && rows.count == 4)
            #expect(!exported.body.string.contains("钱保密") && !exported.body.string.contains("13700002222"))
            #expect(try await env.audit.search(AuditQuery(action: "case.export"), actor: env.actor(s.auditor)).count == 3)
            // the page: 举报批量办理, generic over the procedure
            let web = WebClient(env)
            _ = try await web.login("head_b", Seeded.password)
            let page = try await web.send(.GET, "/reports/bulk")
            #expect(page.status == .ok && page.body.string.contains("举报批量办理") && !page.body.string.contains("钱保密"))
        }
    }
}
