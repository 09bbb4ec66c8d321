import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Fluent
import Foundation
import SQLKit
import Synchronization
import Testing
import Vapor
import VaporTesting

@Suite("Calendar revisions and scheduler", .serialized)
struct CalendarAndSchedulerTests {
    static let year2027 = """
    # 2027年部分节假日安排（测试用）
    year 2027
    notice 国办发明电〔2026〕99号
    holiday 2027-01-01..2027-01-03 元旦
    holiday 2027-02-06..2027-02-12 春节
    workday 2027-02-13 春节调休
    """

    @Test("CAL-03 importing a year makes a new revision, audited with the changed dates; the API counts with it")
    func importYear() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let token = try await env.token(s.admin)
            // Before: 2027 is provisional, Mon–Fri.
            let before = try await env.request(.GET, "/api/v1/calendar/due?start=2027-02-05&count=1&unit=workdays")
            let b = try JSONDecoder().decode(DueDTO.self, from: Data(before.body.readableBytesView))
            #expect(b.due == "2027-02-08")
            #expect(b.provisional)
            let res = try await env.app.testing().sendRequest(.POST, "/api/v1/calendar/years") { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: token)
                req.headers.contentType = .plainText
                req.body = ByteBuffer(string: Self.year2027)
            }
            #expect(res.status == .ok)
            let imported = try JSONDecoder().decode(CalendarImportDTO.self, from: Data(res.body.readableBytesView))
            #expect(imported.changes.map(\.revision) == [1])
            #expect(imported.changes.first?.changedDates.contains("2027-02-08") == true)  // a Monday, now a holiday
            #expect(imported.changes.first?.changedDates.contains("2027-02-13") == true)  // a Saturday, now worked
            // After: the Friday before the holiday plus one working day is the make-up Saturday.
            let after = try await env.request(.GET, "/api/v1/calendar/due?start=2027-02-05&count=1&unit=workdays")
            let a = try JSONDecoder().decode(DueDTO.self, from: Data(after.body.readableBytesView))
            #expect(a.due == "2027-02-13")
            #expect(!a.provisional)
            let events = try await env.audit.search(AuditQuery(action: "calendar.revise"), actor: env.actor(s.auditor))
            #expect(events.count == 1)
            #expect(events.first?.draft.changes["changedDates"]?.after?.contains("2027-02-08") == true)
            // The same file again changes nothing.
            let again = try await CalendarRepository(store: env.store).importText(Self.year2027, actor: env.actor(s.admin), context: .system("t"))
            #expect(again.isEmpty)
            #expect(try await CalendarRepository(store: env.store).latestRevision() == 1)
        }
    }

    @Test("CAL-03 a bad file is refused with every problem and its line, and nothing is saved")
    func badFile() async throws {
        try await withApp { env in
            _ = try await env.seed()
            let web = WebClient(env)
            try await web.login("admin", Seeded.password)
            let token = try await web.csrf(from: "/admin/calendar")
            let text = "year 2027\nnotice 测试\nholiday 2027-02-30 春节\nworkday 2027-02-10 周三调休\n"
            let res = try await web.send(.POST, "/admin/calendar", form: ["_csrf": token, "text": text])
            #expect(res.status == .unprocessableEntity)
            let html = res.body.string
            #expect(html.contains("第3行"))
            #expect(html.contains("第4行"))
            #expect(html.contains("holiday 2027-02-30"))  // what the user typed comes back
            #expect(try await CalendarRepository(store: env.store).latestRevision() == 0)
            // An officer may not change the calendar.
            let officer = WebClient(env)
            try await officer.login("officer_a", Seeded.password)
            #expect(try await officer.send(.GET, "/admin/calendar").status == .forbidden)
        }
    }

    @Test("CAL-43 two schedulers on one database fire each of 1,000 jobs exactly once")
    func twoSchedulers() async throws {
        try await withApp { env in
            let jobs = JobRepository(store: env.store)
            try await jobs.enqueueMany(kind: "test.fire", count: 1000, runAt: env.clock.wall.nowMillis - 1000)
            let fired = Mutex<[String: Int]>([:])
            let handler: Scheduler.Handler = { job, _ in fired.withLock { $0[job.payload, default: 0] += 1 } }
            // A second server: its own application, connection pool and write gate on the same database.
            let second = try await Application.make(.testing)
            second.logger.logLevel = .warning
            do {
                try await configure(second, config: env.app.fengqiao.config, clock: env.clock.wall,
                                    postgresSearchPath: (try SQLSupport.dialect(env.app.db) == .postgres) ? [env.schema] : nil)
                let stores = [env.store, second.fengqiao.store(second.db)]
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (i, store) in stores.enumerated() {
                        group.addTask {
                            let scheduler = Scheduler(worker: "server-\(i)", handlers: ["test.fire": handler])
                            while try await !scheduler.tick(store, batch: 25).isEmpty {}
                        }
                    }
                    try await group.waitForAll()
                }
                try await second.asyncShutdown()
            } catch {
                try? await second.asyncShutdown()
                throw error
            }
            let counts = fired.withLock { $0 }
            #expect(counts.count == 1000)
            #expect(counts.values.allSatisfy { $0 == 1 })
            #expect(try await jobs.counts() == ["done": 1000])
            let workers = try await env.sql.raw("SELECT COUNT(DISTINCT claimed_by) AS n FROM jobs").first()!.decode(column: "n", as: Int.self)
            #expect(workers >= 1)
        }
    }

    @Test("CAL-43 jobs missed while the servers were down fire at the next start; future jobs wait")
    func catchUp() async throws {
        try await withApp { env in
            let jobs = JobRepository(store: env.store)
            let now = env.clock.wall.nowMillis
            try await jobs.enqueue(kind: "test.fire", payload: "missed-yesterday", runAt: now - 86_400_000)
            try await jobs.enqueue(kind: "test.fire", payload: "tomorrow", runAt: now + 86_400_000)
            #expect(try await jobs.enqueue(kind: "test.fire", payload: "dup", runAt: now, dedupeKey: "k") == true)
            #expect(try await jobs.enqueue(kind: "test.fire", payload: "dup", runAt: now, dedupeKey: "k") == false)
            let fired = Mutex<[String]>([])
            let scheduler = Scheduler(worker: "w", handlers: ["test.fire": { job, _ in fired.withLock { $0.append(job.payload) } }])
            try await scheduler.tick(env.store)
            #expect(fired.withLock { $0 }.sorted() == ["dup", "missed-yesterday"])
            env.clock.advance(minutes: 24 * 60 + 1)
            try await scheduler.tick(env.store)
            #expect(fired.withLock { $0 }.contains("tomorrow"))
            // A failing job is retried later, not lost.
            try await jobs.enqueue(kind: "test.fail", runAt: env.clock.wall.nowMillis)
            let failing = Scheduler(worker: "w", handlers: ["test.fail": { _, _ in throw Abort(.internalServerError) }])
            try await failing.tick(env.store)
            #expect(try await jobs.counts()["pending"] == 1)
        }
    }

    @Test("CAL-43 the nightly chain check is scheduled for 02:00 Beijing time and records its verdict")
    func nightlyVerify() async throws {
        try await withApp { env in
            _ = try await env.seed()
            // 2025-09-30 10:00 Beijing → next 02:00 is 2025-10-01 02:00 Beijing = 2025-09-30 18:00 UTC.
            let next = Scheduler.nextNightly(after: env.clock.wall.nowMillis)
            #expect(next.day == LocalDate(year: 2025, month: 10, day: 1))
            #expect(next.at == 1_759_255_200_000)
            try await JobRepository(store: env.store).enqueue(kind: "audit.verify", runAt: env.clock.wall.nowMillis)
            try await Scheduler.shipped(notifier: env.app.fengqiao.notifier).tick(env.store)
            let events = try await env.audit.search(AuditQuery(action: "audit.verify"), actor: env.actor(env.org.user(login: "auditor")!))
            #expect(events.first?.draft.detail?.contains("intact") == true)
        }
    }
}

extension CalendarAndSchedulerTests {
    @Test("CAL-21 CAL-22 the legal department's edit is a new version; earlier dates keep the old limits")
    func ruleSetVersion() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let hash = try env.app.fengqiao.hasher.hash(Seeded.password)
            let legal = try await env.org.createUser(NewUser(login: "legal", name: "刘法制", unitID: s.bureau.id, passwordHash: hash, mustChangePassword: false,
                                                             roles: [("legal-reviewer", s.bureau.id, .all)]), context: .system("t"))
            let shipped = try #require(RuleBook.shipped.inForce("interview", on: LocalDate(year: 2025, month: 9, day: 30)!))
            let step = try #require(shipped.rules.keys.sorted().first)
            let old = shipped.rules[step]!
            let web = WebClient(env)
            try await web.login("legal", Seeded.password)
            let token = try await web.csrf(from: "/rules/interview")
            var form = ["_csrf": token, "status": "active", "effectiveFrom": "2025-10-08", "citation": "测试：法制科修订"]
            for (k, r) in shipped.rules {
                form["\(k).count"] = String(k == step ? old.count + 2 : r.count)
                form["\(k).unit"] = r.unit.rawValue
                form["\(k).roll"] = r.roll.rawValue
                form["\(k).maxExtension"] = String(r.maxExtension)
                form["\(k).citation"] = r.citation
            }
            let res = try await web.send(.POST, "/rules/interview", form: form)
            #expect(res.status == .seeOther)
            let book = try await RuleSetRepository(store: env.store).book()
            let before = try #require(book.inForce("interview", on: LocalDate(year: 2025, month: 10, day: 7)!))
            let after = try #require(book.inForce("interview", on: LocalDate(year: 2025, month: 10, day: 8)!))
            #expect(before.version == shipped.version)
            #expect(after.version == shipped.version + 1)
            #expect(after.rules[step]?.count == old.count + 2)
            let events = try await env.audit.search(AuditQuery(action: "ruleset.version"), actor: env.actor(s.auditor))
            #expect(events.first?.draft.userLogin == "legal")
            #expect(events.first?.draft.changes["rule.\(step)"] != nil)
            // Retroactive versions are refused (X-08), with the form kept.
            let token2 = try await web.csrf(from: "/rules/interview")
            let past = try await web.send(.POST, "/rules/interview", form: form.merging(["_csrf": token2, "effectiveFrom": "2025-09-01"]) { $1 })
            #expect(past.status == .unprocessableEntity)
            #expect(past.body.string.contains("不溯及既往"))
            #expect(past.body.string.contains("2025-09-01"))
            // An officer may read the rules but not change them.
            let officer = WebClient(env)
            try await officer.login("officer_a", Seeded.password)
            #expect(try await officer.send(.GET, "/rules/interview").status == .ok)
            let denied = try await officer.send(.POST, "/rules/interview", form: form.merging(["_csrf": try await officer.csrf(from: "/rules/interview")]) { $1 })
            #expect(denied.status == .forbidden)
            _ = legal
        }
    }
}

extension CalendarAndSchedulerTests {
    @Test("CAL-41 PLT-21 a broken chain found at night reaches the audit administrators' inbox and the webhook")
    func brokenChainNotice() async throws {
        let webhook = RecordingGateway()
        try await withApp(gateways: [.webhook: webhook]) { env in
            let s = try await env.seed()
            try await env.sql.raw("UPDATE audit_events SET action = 'forged' WHERE seq = 3").run()
            try await JobRepository(store: env.store).enqueue(kind: "audit.verify", runAt: env.clock.wall.nowMillis)
            try await Scheduler.shipped(notifier: env.app.fengqiao.notifier).tick(env.store)
            let inbox = NotificationRepository(store: env.store)
            #expect(try await inbox.unreadCount(userID: s.auditor.id) == 1)
            #expect(try await inbox.unreadCount(userID: s.officerA.id) == 0)
            let delivered = await webhook.delivered
            #expect(delivered.count == 1)
            #expect(delivered.first?.to == ["auditor"])
            #expect(delivered.first?.notice.body.contains("第 3 号") == true)
            // The header shows the count; reading clears it.
            let web = WebClient(env)
            try await web.login("auditor", Seeded.password)
            let home = try await web.send(.GET, "/").body.string
            #expect(home.contains(#"id="inbox-count">1<"#))
            let page = try await web.send(.GET, "/inbox").body.string
            #expect(page.contains("审计链校验失败"))
            _ = try await web.send(.POST, "/inbox/read", form: ["_csrf": WebClient.csrf(in: page) ?? ""])
            #expect(try await inbox.unreadCount(userID: s.auditor.id) == 0)
            #expect(!(try await web.send(.GET, "/").body.string.contains("inbox-count")))
        }
    }

    @Test("CAL-03 CAL-41 from 1 December the calendar administrators are reminded until next year is loaded")
    func nextYearReminder() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let jobs = JobRepository(store: env.store)
            let scheduler = Scheduler.shipped(notifier: env.app.fengqiao.notifier)
            let inbox = NotificationRepository(store: env.store)
            // 2026-11-30: nothing yet.
            env.clock.advance(minutes: Double(LocalDate(year: 2026, month: 11, day: 30)!.ordinal - LocalDate(year: 2025, month: 9, day: 30)!.ordinal) * 1440)
            try await jobs.enqueue(kind: "calendar.next-year", runAt: env.clock.wall.nowMillis)
            try await scheduler.tick(env.store)
            #expect(try await inbox.unreadCount(userID: s.admin.id) == 0)
            // 2026-12-01: 2027 is missing → reminder to the system administrator only.
            env.clock.advance(minutes: 1440)
            try await jobs.enqueue(kind: "calendar.next-year", runAt: env.clock.wall.nowMillis)
            try await scheduler.tick(env.store)
            #expect(try await inbox.unreadCount(userID: s.admin.id) == 1)
            #expect(try await inbox.unreadCount(userID: s.officerA.id) == 0)
            // Once 2027 is imported, no more reminders.
            _ = try await CalendarRepository(store: env.store).importText(Self.year2027, actor: env.actor(s.admin), context: .system("t"))
            env.clock.advance(minutes: 1440)
            try await jobs.enqueue(kind: "calendar.next-year", runAt: env.clock.wall.nowMillis)
            try await scheduler.tick(env.store)
            #expect(try await inbox.unreadCount(userID: s.admin.id) == 1)
        }
    }
}
