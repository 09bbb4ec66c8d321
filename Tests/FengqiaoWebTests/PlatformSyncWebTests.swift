import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// CP-43 around the pass: the scheduler's job runs it, one server at a time holds the lease, and the
/// system administrator's page and API show the state and pull now (CSRF) — against the real HTTP
/// stand-in for the platform (`FakePlatform`).
@Suite("Platform sync page, API and scheduler (CP-43)", .serialized)
struct PlatformSyncWebTests {
    @Test("CP-43 step 1 the shipped scheduler runs the platform pass as its job; while another server holds the lease a pass does nothing, and after the lease lapses it pulls")
    func schedulerAndLease() async throws {
        try await FakePlatform.with { platform in
            try await PlatformSyncTests.withSync(platform) { env, sync in
                // setup
                _ = try await env.seed()
                platform.update { $0.items = [PlatformSyncTests.item("P2025092900021")] }
                let repo = PlatformSyncRepository(store: env.store)
                #expect(try await repo.acquireLease("other-server", forMs: 10 * 60_000))

                // act: a pass while the other server holds the lease
                let blocked = try await sync.run(env.store)

                // check: nothing asked of the platform
                #expect(!blocked.ran && platform.snapshot.sinces.isEmpty)

                // act: the lease lapses; the scheduler's job runs the pass
                env.clock.advance(minutes: 11)
                let scheduler = Scheduler.shipped(notifier: env.app.fengqiao.notifier, platform: sync)
                try await JobRepository(store: env.store).enqueue(kind: PlatformSync.jobKind, runAt: env.store.clock.nowMillis,
                                                                  dedupeKey: "\(PlatformSync.jobKind):1")
                // a second server scheduling the same minute adds nothing
                #expect(try await !JobRepository(store: env.store).enqueue(kind: PlatformSync.jobKind, runAt: env.store.clock.nowMillis,
                                                                           dedupeKey: "\(PlatformSync.jobKind):1"))
                let ran = try await scheduler.tick(env.store)

                // check
                #expect(ran.map(\.kind) == [PlatformSync.jobKind])
                #expect(platform.snapshot.sinces == [nil])
                #expect(try await PlatformSyncTests.count(env, "cases", "case_type", "complaint") == 1)
                #expect(try await repo.state().itemsPulled == 1)
            }
        }
    }

    @Test("CP-43 the system administrator's page shows the state and pulls now through its form (CSRF); the API answers the state; an officer is refused both")
    func pageAndAPI() async throws {
        try await FakePlatform.with { platform in
            try await PlatformSyncTests.withSync(platform) { env, _ in
                // setup
                let s = try await env.seed()
                platform.update { $0.items = [PlatformSyncTests.item("P2025092900031"), PlatformSyncTests.item("P2025092900032")]; $0.cursor = "cur-7" }
                let web = WebClient(env)
                try await web.login("admin", Seeded.password)

                // act: the page before any pull, then 立即拉取
                let before = try await web.send(.GET, "/admin/platform-sync")
                let token = try #require(WebClient.csrf(in: before.body.string))
                let refused = try await web.send(.POST, "/admin/platform-sync/pull", form: [:])
                let askedWithoutToken = platform.snapshot.sinces.count
                let pulled = try await web.send(.POST, "/admin/platform-sync/pull", form: ["_csrf": token])
                let after = try await web.send(.GET, "/admin/platform-sync?ok=platform-pulled")

                // check
                #expect(before.status == .ok && before.body.string.contains("立即拉取") && before.body.string.contains(platform.url))
                #expect(refused.status == .forbidden && askedWithoutToken == 0, "no pull without the CSRF token")
                #expect(pulled.status == .seeOther && pulled.headers.first(name: .location) == "/admin/platform-sync?ok=platform-pulled")
                #expect(after.body.string.contains("cur-7") && after.body.string.contains("2 件") && after.body.string.contains("已从12315平台拉取"))
                let api = try await env.request(.GET, "/api/v1/platform-sync", token: try await env.token(s.admin))
                #expect(api.status == .ok)
                let json = try RegistryTests.json(api)
                #expect(json["configured"] as? Bool == true && json["cursor"] as? String == "cur-7" && json["itemsPulled"] as? Int == 2)
                #expect(json["outboxPending"] as? Int == 0 && json["lastError"] == nil)
                let officer = try await env.token(s.officerA)
                #expect(try await env.request(.GET, "/api/v1/platform-sync", token: officer).status == .forbidden)
            }
        }
    }

    @Test("CP-43 without a configured platform the page says how to configure it and the API says not configured")
    func unconfigured() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let web = WebClient(env)
            try await web.login("admin", Seeded.password)
            // act
            let page = try await web.send(.GET, "/admin/platform-sync")
            let api = try RegistryTests.json(try await env.request(.GET, "/api/v1/platform-sync", token: try await env.token(s.admin)))
            // check
            #expect(page.status == .ok && page.body.string.contains("尚未配置") && page.body.string.contains("FENGQIAO_PLATFORM_URL"))
            #expect(api["configured"] as? Bool == false)
        }
    }
}

/// CP-43 configuration and the channel rule, beside the pass.
@Suite("Platform sync configuration and channels (CP-43)", .serialized)
struct PlatformSyncConfigTests {
    static let base = ["FENGQIAO_ENV": "test", "FENGQIAO_BCRYPT_COST": "4"]

    @Test("CP-43 PLT-55 configuration: the URL alone is refused naming FENGQIAO_PLATFORM_UNIT; an interval over 60 minutes (less than hourly) is refused; set, it defaults to 60 minutes; unset, there is no sync")
    func configuration() throws {
        // act + check
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.load(environment: Self.base.merging(["FENGQIAO_PLATFORM_URL": "https://p.example"]) { a, _ in a }) }
        do {
            _ = try AppConfig.load(environment: Self.base.merging(["FENGQIAO_PLATFORM_URL": "https://p.example", "FENGQIAO_PLATFORM_UNIT": "JC",
                                                                   "FENGQIAO_PLATFORM_INTERVAL_MINUTES": "90"]) { a, _ in a })
            Issue.record("an interval of 90 minutes was accepted")
        } catch let e as AppConfig.Invalid {
            #expect(e.problems.contains { $0.hasPrefix("FENGQIAO_PLATFORM_INTERVAL_MINUTES=90") })
        }
        do {
            _ = try AppConfig.load(environment: Self.base.merging(["FENGQIAO_PLATFORM_URL": "https://p.example"]) { a, _ in a })
        } catch let e as AppConfig.Invalid {
            #expect(e.problems.contains { $0.hasPrefix("FENGQIAO_PLATFORM_UNIT") })
        }
        let set = try AppConfig.load(environment: Self.base.merging(["FENGQIAO_PLATFORM_URL": "https://p.example", "FENGQIAO_PLATFORM_UNIT": "JC"]) { a, _ in a })
        #expect(set.platform == AppConfig.PlatformConfig(url: "https://p.example", token: nil, unitCode: "JC", intervalMinutes: 60))
        #expect(try AppConfig.load(environment: Self.base).platform == nil)
    }

    @Test("CP-43 only a complaint from the 12315 platform is pushed: receiving a pulled 12315热线 item queues nothing, the platform item one message")
    func onlyPlatformChannel() async throws {
        try await FakePlatform.with { platform in
            try await PlatformSyncTests.withSync(platform) { env, sync in
                // setup: a platform item and a hotline item pulled into the bureau
                let s = try await env.seed()
                let head = try await env.user("centre_head", "中心主任", unit: s.bureau.id, role: "unit-head", scope: .unitTree)
                var hotline = PlatformSyncTests.item("H2025092900041")
                hotline["来源渠道"] = "12315热线"
                platform.update { $0.items = [PlatformSyncTests.item("P2025092900041"), hotline] }
                try await sync.run(env.store)
                let ids = try await env.sql.select().column("id").from("cases").where("case_type", .equal, SQLBind("complaint")).all()
                    .map { try $0.decode(column: "id", as: UUID.self) }
                #expect(ids.count == 2)

                // act: both received
                for id in ids {
                    _ = try await ProcedureRepository(store: env.store, ComplaintProcedure.self).perform(
                        "receive", caseID: id, input: ActionInput(single: [:]), expectedVersion: nil, actor: try await env.actor(head), context: .system("test"))
                }

                // check
                let queued = try await PlatformSyncRepository(store: env.store).unsent()
                #expect(queued.map(\.externalNo) == ["P2025092900041"])
            }
        }
    }

    @Test("CP-43 DOC-42 filing a platform complaint (归档, Mon 2025-10-20) is its last status: queued with the archive and posted as archived/已归档 with the case number")
    func archivedIsPushed() async throws {
        try await FakePlatform.with { platform in
            try await PlatformSyncTests.withSync(platform) { env, sync in
                // setup: a pulled platform item, concluded on Fri 2025-10-17 (its state and closing day as a conclusion leaves them)
                let s = try await env.seed()
                let head = try await env.user("centre_head", "中心主任", unit: s.bureau.id, role: "unit-head", scope: .unitTree)
                platform.update { $0.items = [PlatformSyncTests.item("P2025092900051")] }
                try await sync.run(env.store)
                let row = try #require(try await env.sql.select().columns("id", "number").from("cases").where("case_type", .equal, SQLBind("complaint")).first())
                let id = try row.decode(column: "id", as: UUID.self)
                try await env.sql.update("cases").set("state", to: SQLBind("concluded")).set("closed_on", to: SQLBind("2025-10-17")).where("id", .equal, SQLBind(id)).run()
                let before = platform.snapshot.posts.count

                // act: filed on Mon 10-20; the next pass
                env.moveClock(to: "2025-10-20")
                _ = try await ArchiveRepository(store: env.store).archive(id, fonds: "JC", retention: .d10, on: LocalDate(iso: "2025-10-20")!,
                                                                         actor: try await env.actor(head), context: .system("test"))
                let pass = try await sync.run(env.store)

                // check: one more post, the filing, and nothing of the complainant
                #expect(pass.delivered == 1)
                let posts = platform.snapshot.posts
                #expect(posts.count == before + 1)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(posts.last!.utf8)) as? [String: Any])
                #expect(body["status"] as? String == "archived" && body["status_name"] as? String == "已归档")
                let number = try row.decode(column: "number", as: String.self)
                #expect(body["date"] as? String == "2025-10-20" && body["case_number"] as? String == number)
                #expect(!posts.last!.contains("张消费"))
            }
        }
    }
}
