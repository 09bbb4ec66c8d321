import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// CP-38: the monthly analysis page, its downloads and API twin, each 所 seeing its own rows (ST-05),
/// frozen by the scheduled job on the 5th working day of the next month (2025-10-14 for September
/// 2025, scenario 10) and unchanged by later changes to cases (ST-03).
@Suite("Complaint monthly analysis page and freeze (CP-38)", .serialized)
struct ComplaintMonthlyWebTests {
    typealias Body = FollowUpTests.ActionBody

    @Test("CP-38 page: the mock renders 数量, 类型, 结构, 同比, 环比 with as-of date and 已定稿, escaped")
    func rendering() async throws {
        let page = try await RenderedPage.render("complaint-monthly", ComplaintMonthlyModel.mock)
        page.check(contains: ["投诉举报月度分析 · 2025年9月", "已定稿", "2025-10-14", "数量", "类型", "结构（渠道）", "结构（承办单位）", "同比", "环比",
                              "+60.0%", "-20.0%", "-33.3%", "0.0%", "90.0%", "全国12315平台", "食品安全", RenderedPage.escapedHostile,
                              "导出 XLSX", "导出 CSV", "月度分析报告 DOCX"])
    }

    /// A window complaint of the officer's unit registered and, unless `receive` is false, received today (its competent receipt).
    static func complaint(_ env: TestEnv, token: String, unit: UUID, officer: UserRecord, on: String, serial: Int, receive: Bool = true) async throws -> String {
        let consumer = try await env.parties.create(PartyInput(kind: "person", name: "张消费\(serial)", phone: "1390000111\(serial)"), unitID: unit,
                                                    actor: env.actor(officer), context: .system("test")).party
        let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市惠民超市有限公司", uscc: .uscc(6100 + serial)), unitID: unit,
                                                actor: env.actor(officer), context: .system("test")).party
        let created = try await env.request(.POST, "/api/v1/complaints", token: token, json: [
            "complainantID": consumer.id.uuidString, "respondentID": shop.id.uuidString, "channel": "platform", "externalNo": "TS\(UUID().uuidString.prefix(8))",
            "receivedOn": on, "knewOn": on, "request": "退还货款", "statement": "购买的牛奶已过保质期",
        ])
        let id = try #require(try RegistryTests.json(created)["id"] as? String, "\(created.body.string)")
        if receive { #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/receive", token: token, json: Body(version: 1, input: [:])).status == .ok) }
        return id
    }

    static func table(_ json: [String: Any], _ title: String) -> [[String]] {
        (json["tables"] as? [[String: Any]] ?? []).first { $0["title"] as? String == title }?["rows"] as? [[String]] ?? []
    }

    @Test("CP-38 ST-05 ST-03 September 2025: each 所 sees its own rows; live until 2025-10-14, then the job freezes it (已定稿) and a later change to a case does not alter it; XLSX, CSV, DOCX and the API")
    func freezeAndScope() async throws {
        try await withApp { env in
            // setup: two complaints at office A and one at office B received 2025-09-10
            let s = try await env.seed()
            let headA = try await env.user("head_a", "王所长", unit: s.officeA.id, role: "unit-head", scope: .unit)
            let leader = try await env.user("leader", "赵局长", unit: s.bureau.id, role: "deputy-leader", scope: .unitTree)
            env.moveClock(to: "2025-09-10", hour: 9)
            let a = try await env.token(s.officerA), b = try await env.token(s.officerB)
            let first = try await Self.complaint(env, token: a, unit: s.officeA.id, officer: s.officerA, on: "2025-09-10", serial: 1)
            _ = try await Self.complaint(env, token: a, unit: s.officeA.id, officer: s.officerA, on: "2025-09-10", serial: 2)
            _ = try await Self.complaint(env, token: b, unit: s.officeB.id, officer: s.officerB, on: "2025-09-10", serial: 3)
            let hA = try await env.token(headA), boss = try await env.token(leader)

            // check: before the freeze day the figures are live, each 所 its own rows
            env.moveClock(to: "2025-10-13", hour: 9)
            let mine = try RegistryTests.json(try await env.request(.GET, "/api/v1/statistics/complaints/monthly?month=2025-09", token: hA))
            #expect(mine["frozen"] as? Bool == false)
            #expect(mine["freezesOn"] as? String == "2025-10-14")
            #expect(mine["asOf"] as? String == "2025-10-13")
            #expect(Self.table(mine, "数量").dropFirst().first == ["投诉", "2", "0", "—", "0", "—"])
            #expect(Self.table(mine, "结构（承办单位）").map { $0[0] } == ["承办单位", "中村市场监管所"])
            let all = try RegistryTests.json(try await env.request(.GET, "/api/v1/statistics/complaints/monthly?month=2025-09", token: boss))
            #expect(Self.table(all, "数量").dropFirst().first?[1] == "3")
            #expect(Self.table(all, "结构（承办单位）").count == 3)
            // an officer without statistics.read is refused
            #expect(try await env.request(.GET, "/api/v1/statistics/complaints/monthly?month=2025-09", token: a).status == .forbidden)
            #expect(try await env.request(.GET, "/api/v1/statistics/complaints/monthly?month=2025-9x", token: hA).status == .unprocessableEntity)

            // act: the job on the freeze day (5th working day of October, after 国庆 and the make-up Saturday)
            env.moveClock(to: "2025-10-14", hour: 23.9)
            try await JobRepository(store: env.store).enqueue(kind: "complaints.monthly-freeze", runAt: env.clock.wall.nowMillis)
            try await Scheduler.shipped(notifier: env.app.fengqiao.notifier).tick(env.store)
            let events = try await env.audit.search(AuditQuery(action: "statistics.freeze"), actor: env.actor(s.auditor))
            #expect(events.count == 1)

            // act: a later change to a case — office A's first complaint moves to office B
            env.moveClock(to: "2025-10-20", hour: 9)
            let moved = try #require(UUID(uuidString: first))
            try await env.sql.update("cases").set("unit_id", to: SQLBind(s.officeB.id)).where("id", .equal, SQLBind(moved)).run()
            // as a move's write does: the counted dates follow the unit (migration 033)
            try await env.sql.update("case_dates").set("unit_id", to: SQLBind(s.officeB.id)).where("case_id", .equal, SQLBind(moved)).run()
            #expect(try await ComplaintMonthlyPages.compute(env.store, month: try #require(ReportPeriod.month(2025, 9)), asOf: LocalDate(iso: "2025-10-14")!)
                .analysis(in: [s.officeA.id]).current.complaints == 1)

            // check: the frozen figures, unchanged, marked 已定稿
            let frozen = try RegistryTests.json(try await env.request(.GET, "/api/v1/statistics/complaints/monthly?month=2025-09", token: hA))
            #expect(frozen["frozen"] as? Bool == true)
            #expect(frozen["asOf"] as? String == "2025-10-14")
            #expect(Self.table(frozen, "数量").dropFirst().first?[1] == "2")
            let web = WebClient(env)
            try await web.login("head_a", Seeded.password)
            let html = try await web.send(.GET, "/statistics/complaints/monthly?month=2025-09").body.string
            #expect(html.contains("已定稿"))
            #expect(html.contains("中村市场监管所") && !html.contains("东湖市场监管所"))
            // a second run changes nothing
            #expect(try await ComplaintMonthlyPages.freezeDue(env.store) == false)

            // check: downloads
            let xlsx = try await web.send(.GET, "/statistics/complaints/monthly?month=2025-09&format=xlsx")
            #expect(xlsx.status == .ok && xlsx.body.readableBytesView.starts(with: [0x50, 0x4B]))
            let csv = try await web.send(.GET, "/statistics/complaints/monthly?month=2025-09&format=csv")
            #expect(csv.status == .ok && csv.body.readableBytesView.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(csv.body.string.contains("数量") && csv.body.string.contains("环比"))
            let docx = try await web.send(.GET, "/statistics/complaints/monthly?month=2025-09&format=docx")
            #expect(docx.status == .ok && docx.body.readableBytesView.starts(with: [0x50, 0x4B]), "\(docx.body.string.prefix(300))")
        }
    }
}
