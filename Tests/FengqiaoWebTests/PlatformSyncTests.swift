import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// CP-43 and complaints.md step 1 ("platform pull ≥ hourly") and the reminder "Platform sync failing
/// for >2 hours": against a real HTTP server standing in for the 12315 platform (`FakePlatform`),
/// pulled items go through the import (a re-pull updates, never duplicates), each status change of a
/// platform complaint is posted once without any party, and a platform down for more than 2 hours
/// tells the system administrators once, the centre head after 4, until a recovery ends the episode.
@Suite("Platform sync (CP-43)", .serialized)
struct PlatformSyncTests {
    static func item(_ no: String, request: String = "退还货款", complainant: String = "张消费", phone: String = "13900001111") -> [String: String] {
        ["平台编号": no, "来源渠道": "全国12315平台", "收到日期": "2025-09-29", "投诉人姓名": complainant, "投诉人电话": phone,
         "被投诉人名称": "江城市惠民超市有限公司", "被投诉人统一社会信用代码": DemoData.uscc(serial: 6161), "被投诉人地址": "江城区二路2号",
         "投诉请求": request, "事实与理由": "购买的牛奶已过保质期", "知道权益受损日期": "2025-09-28", "件类型": "投诉"]
    }

    /// An app whose platform is `platform`, its items landing in the bureau (JC).
    static func withSync(_ platform: FakePlatform, _ body: (TestEnv, PlatformSync) async throws -> Void) async throws {
        try await withApp(extraEnvironment: ["FENGQIAO_PLATFORM_URL": platform.url, "FENGQIAO_PLATFORM_UNIT": "JC", "FENGQIAO_PLATFORM_TOKEN": "pt-secret"]) { env in
            let config = try #require(env.app.fengqiao.config.platform)
            try await body(env, PlatformSync(config: config, client: env.app.client, notifier: env.app.fengqiao.notifier))
        }
    }

    static func count(_ env: TestEnv, _ table: String, _ column: String? = nil, _ value: String? = nil) async throws -> Int {
        var q = env.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
        if let column, let value { q = q.where(SQLIdentifier(column), .equal, SQLBind(value)) }
        return try await q.first()!.decode(column: "n", as: Int.self)
    }

    static func notices(_ env: TestEnv, kind: String, to user: UUID) async throws -> Int {
        try await env.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("notifications")
            .where("kind", .equal, SQLBind(kind)).where("user_id", .equal, SQLBind(user)).first()!.decode(column: "n", as: Int.self)
    }

    static func at(_ env: TestEnv, _ time: String) {
        let parts = time.split(separator: ":").compactMap { Double($0) }
        env.moveClock(to: "2025-09-30", hour: parts[0] + parts[1] / 60)
    }

    @Test("CP-43 step 1 a pull imports the platform's items through the import into the configured unit; a second pull an interval later asks since the cursor and re-imports without duplicating (a changed request updates); no pull before the interval")
    func pullIsIdempotent() async throws {
        try await FakePlatform.with { platform in
            try await Self.withSync(platform) { env, sync in
                // setup
                let s = try await env.seed()
                platform.update { $0.items = [Self.item("P2025092900001"), Self.item("P2025092900002", complainant: "李顾客", phone: "13900002222")] }

                // act: the first pass pulls (never pulled before)
                let first = try await sync.run(env.store)

                // check
                #expect(first.pulled == 2 && first.pullError == nil)
                #expect(try await Self.count(env, "cases", "case_type", "complaint") == 2)
                let units = try await env.sql.select().column("unit_id").from("cases").where("case_type", .equal, SQLBind("complaint")).all()
                #expect(try units.allSatisfy { try $0.decode(column: "unit_id", as: UUID.self) == s.bureau.id })
                var state = try await PlatformSyncRepository(store: env.store).state()
                #expect(state.cursor == "c1" && state.itemsPulled == 2 && state.lastPullItems == 2 && state.failingSince == nil)
                #expect(platform.snapshot.sinces == [nil] && platform.snapshot.tokens == ["pt-secret"])

                // act: a minute later nothing is due; an interval later the platform sends both again, one changed
                env.clock.advance(minutes: 1)
                #expect(try await sync.run(env.store).pulled == nil)
                platform.update { $0.items = [Self.item("P2025092900001", request: "退一赔三"), Self.item("P2025092900002", complainant: "李顾客")]; $0.cursor = "c2" }
                env.clock.advance(minutes: 60)
                let second = try await sync.run(env.store)

                // check: asked since c1, nothing duplicated, the change applied with its audit entry
                #expect(second.pulled == 2)
                #expect(platform.snapshot.sinces == [nil, "c1"])
                #expect(try await Self.count(env, "cases", "case_type", "complaint") == 2)
                #expect(try await Self.count(env, "complaint_import_items") == 2)
                #expect(try await Self.count(env, "audit_events", "action", "complaint.import.update") == 1)
                state = try await PlatformSyncRepository(store: env.store).state()
                #expect(state.cursor == "c2" && state.itemsPulled == 4)
            }
        }
    }

    @Test("CP-43 CP-08 a status change of a pulled platform complaint (registered, then receive) is queued with the change and posted once — number, channel, status code and name, date, case number, never the complainant; a failed post is retried after its backoff and then delivered")
    func statusPushBack() async throws {
        try await FakePlatform.with { platform in
            try await Self.withSync(platform) { env, sync in
                // setup: one item pulled into the bureau; its unit head receives it (CP-14)
                let s = try await env.seed()
                let head = try await env.user("centre_head", "中心主任", unit: s.bureau.id, role: "unit-head", scope: .unitTree)
                platform.update { $0.items = [Self.item("P2025092900009", complainant: "王秘密", phone: "13912345678")] }
                try await sync.run(env.store)
                let caseRow = try #require(try await env.sql.select().columns("id", "number").from("cases").first())
                let caseID = try caseRow.decode(column: "id", as: UUID.self)
                let number = try caseRow.decode(column: "number", as: String.self)
                // the registration is the first status (已登记): queued with the opening, posted in the same pass, with our number
                #expect(try await Self.count(env, "platform_outbox") == 1)
                let firstPost = try #require(platform.snapshot.posts.first)
                let registered = try #require(try JSONSerialization.jsonObject(with: Data(firstPost.utf8)) as? [String: Any])
                #expect(registered["status"] as? String == "registered" && registered["status_name"] as? String == "已登记")
                #expect(registered["case_number"] as? String == number && registered["external_no"] as? String == "P2025092900009")
                platform.update { $0.failPosts = true }

                // act: received — queued in the same write; the first post fails
                _ = try await ProcedureRepository(store: env.store, ComplaintProcedure.self).perform(
                    "receive", caseID: caseID, input: ActionInput(single: [:]), expectedVersion: nil, actor: try await env.actor(head), context: .system("test"))
                #expect(try await Self.count(env, "platform_outbox") == 2)
                let failed = try await sync.run(env.store)
                #expect(failed.failedDeliveries == 1 && failed.delivered == 0)
                #expect(try await PlatformSyncRepository(store: env.store).outboxCounts() == PlatformOutboxCounts(pending: 1, failed: 1, sent: 1))
                // the backoff: not tried again at once
                platform.update { $0.failPosts = false }
                let early = try await sync.run(env.store)
                #expect(early.failedDeliveries == 0 && early.delivered == 0)
                env.clock.advance(minutes: 1)
                let retried = try await sync.run(env.store)
                env.clock.advance(minutes: 5)
                let again = try await sync.run(env.store)

                // check: delivered once, then never again; what the platform was told
                #expect(retried.delivered == 1 && again.delivered == 0)
                let posts = platform.snapshot.posts
                #expect(posts.count == 3)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(posts.last!.utf8)) as? [String: Any])
                #expect(body["external_no"] as? String == "P2025092900009" && body["channel"] as? String == "platform")
                #expect(body["channel_name"] as? String == "全国12315平台")
                #expect(body["status"] as? String == "awaitingDecision" && body["status_name"] as? String == "待受理决定")
                #expect(body["date"] as? String == "2025-09-30" && body["case_number"] as? String == number)
                for secret in ["王秘密", "13912345678", "complainant", "phone"] { #expect(!posts.joined().contains(secret), "\(secret) sent to the platform") }
                #expect(try await PlatformSyncRepository(store: env.store).outboxCounts() == PlatformOutboxCounts(pending: 0, failed: 0, sent: 2))
                #expect(try await PlatformSyncRepository(store: env.store).state().pushFailingSince == nil)
            }
        }
    }

    @Test("CP-43 reminders: the platform down from 2025-09-30 10:00 — at 12:00 no one is told, at 12:01 the system administrator once (not again at 13:00), the centre head at 14:01 once; a recovery at 15:00 tells both once and ends the episode; a new failure is told again")
    func failingForTwoHours() async throws {
        try await FakePlatform.with { platform in
            try await Self.withSync(platform) { env, sync in
                // setup: the administrator (system-admin, all units) and the centre head (complaint.dispatch over the bureau)
                let s = try await env.seed()
                let head = try await env.user("centre_head", "中心主任", unit: s.bureau.id, role: "complaint-dispatcher", scope: .unitTree)
                platform.update { $0.down = true }

                // act and check, hour by hour
                Self.at(env, "10:00")
                #expect(try await sync.run(env.store).pullError == "平台返回 HTTP 503")
                Self.at(env, "12:00")
                try await sync.run(env.store)
                #expect(try await Self.notices(env, kind: "platform.sync.failing", to: s.admin.id) == 0)
                Self.at(env, "12:01")
                try await sync.run(env.store)
                #expect(try await Self.notices(env, kind: "platform.sync.failing", to: s.admin.id) == 1)
                #expect(try await Self.notices(env, kind: "platform.sync.escalated", to: head.id) == 0)
                #expect(try await Self.notices(env, kind: "platform.sync.failing", to: s.officerA.id) == 0)
                Self.at(env, "13:00")
                try await sync.run(env.store)
                #expect(try await Self.notices(env, kind: "platform.sync.failing", to: s.admin.id) == 1, "once per episode")
                Self.at(env, "14:01")
                try await sync.run(env.store)
                #expect(try await Self.notices(env, kind: "platform.sync.escalated", to: head.id) == 1)
                Self.at(env, "14:30")
                try await sync.run(env.store)
                #expect(try await Self.notices(env, kind: "platform.sync.escalated", to: head.id) == 1, "once per episode")
                let failing = try await PlatformSyncRepository(store: env.store).state()
                #expect(failing.pullFailingSince == LocalDate(iso: "2025-09-30").map { Int64($0.ordinal) * 86_400_000 + 2 * 3_600_000 })

                // recovery
                platform.update { $0.down = false }
                Self.at(env, "15:00")
                #expect(try await sync.run(env.store).pulled == 0)
                let recovered = try await PlatformSyncRepository(store: env.store).state()
                #expect(recovered.failingSince == nil && recovered.adminsToldAt == nil && recovered.headToldAt == nil)
                // the administrator and the centre head, who were told of the failure, are told of the recovery once; no one else
                #expect(try await Self.notices(env, kind: "platform.sync.recovered", to: s.admin.id) == 1)
                #expect(try await Self.notices(env, kind: "platform.sync.recovered", to: head.id) == 1)
                #expect(try await Self.notices(env, kind: "platform.sync.recovered", to: s.officerA.id) == 0)
                Self.at(env, "15:30")
                try await sync.run(env.store)
                #expect(try await Self.notices(env, kind: "platform.sync.recovered", to: s.admin.id) == 1, "once per episode")

                // a new episode is told again
                platform.update { $0.down = true }
                Self.at(env, "16:00")
                try await sync.run(env.store)
                Self.at(env, "18:01")
                try await sync.run(env.store)
                #expect(try await Self.notices(env, kind: "platform.sync.failing", to: s.admin.id) == 2)
                // its recovery at 19:00 (3 hours: the centre head was not told of it) tells the administrator alone
                platform.update { $0.down = false }
                Self.at(env, "19:00")
                try await sync.run(env.store)
                #expect(try await Self.notices(env, kind: "platform.sync.recovered", to: s.admin.id) == 2)
                #expect(try await Self.notices(env, kind: "platform.sync.recovered", to: head.id) == 1)
            }
        }
    }
}
