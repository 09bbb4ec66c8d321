import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Several `serve` processes on one database (issue 13 item 4; scripts/cluster runs the real thing):
/// what every server does at start — migrate, schedule the recurring jobs — happens once.
@Suite("Two servers, one database (issue 13 item 4)", .serialized)
struct ClusterTests {
    /// Another server: its own application, connection pool and write gate on `env`'s database.
    static func secondServer(_ env: TestEnv) async throws -> Application {
        let second = try await Application.make(.testing)
        second.logger.logLevel = .warning
        do {
            try await configure(second, config: env.app.fengqiao.config, clock: env.clock.wall,
                                postgresSearchPath: (try SQLSupport.dialect(env.app.db) == .postgres) ? [env.schema] : nil)
        } catch {
            try? await second.asyncShutdown()
            throw error
        }
        return second
    }

    @Test("CAL-43 two servers scheduling the nightly chain check, the 08:30 digest and the December reminder at once leave one job of each")
    func recurringOnce() async throws {
        try await withApp { env in
            let second = try await Self.secondServer(env)
            do {
                let stores = [env.store, second.fengqiao.store(second.db)]
                let keys = [("audit.verify", "audit.verify:2026-12-07"), ("clocks.daily", "clocks.daily:2026-12-07"),
                            ("calendar.next-year", "calendar.next-year:2026-12-07")]
                let runAt = env.clock.wall.nowMillis + 3_600_000
                // act: each server ticks ten times at once, scheduling all three each time
                let made = try await withThrowingTaskGroup(of: Int.self, returning: Int.self) { group in
                    for store in stores {
                        group.addTask {
                            var made = 0
                            for _ in 0..<10 {
                                for (kind, key) in keys where try await JobRepository(store: store).enqueue(kind: kind, runAt: runAt, dedupeKey: key) {
                                    made += 1
                                }
                            }
                            return made
                        }
                    }
                    return try await group.reduce(0, +)
                }
                // check: one job per key, and only one enqueue said it made it
                let rows = try await env.sql.raw("SELECT dedupe_key, COUNT(*) AS n FROM jobs GROUP BY dedupe_key").all()
                let counts = try Dictionary(uniqueKeysWithValues: rows.map {
                    (try $0.decode(column: "dedupe_key", as: String.self), try $0.decode(column: "n", as: Int.self))
                })
                #expect(counts == Dictionary(uniqueKeysWithValues: keys.map { ($0.1, 1) }))
                #expect(made <= keys.count)
                try await second.asyncShutdown()
            } catch {
                try? await second.asyncShutdown()
                throw error
            }
        }
    }

    @Test("PLT-55 two servers starting at once on an empty PostgreSQL database migrate it once, and both come up",
          .enabled(if: TestDatabase.postgresURL != nil))
    func migrateOnce() async throws {
        let url = try #require(TestDatabase.postgresURL)
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let config = try AppConfig.load(environment: [
            "FENGQIAO_ENV": "test", "FENGQIAO_BCRYPT_COST": "4", "FENGQIAO_DATABASE_URL": url,
            "FENGQIAO_ENCRYPTION_KEYS": "k1:" + Data((0..<32).map { UInt8($0) }).base64EncodedString(),
            "FENGQIAO_FILES_DIR": NSTemporaryDirectory() + "fq-cluster-" + schema, "FENGQIAO_SCHEDULER": "false",
        ])
        var apps: [Application] = []
        do {
            for _ in 0..<2 {
                let app = try await Application.make(.testing)
                app.logger.logLevel = .critical
                apps.append(app)
                try await configure(app, config: config, postgresSearchPath: [String(schema)])
            }
        } catch {
            for app in apps { try? await app.asyncShutdown() }
            throw error
        }
        let sql = apps[0].db as! any SQLDatabase
        try await sql.raw("CREATE SCHEMA \(unsafeRaw: String(schema))").run()
        do {
            // act: both servers' start-up migration at once, as `serve` runs it
            let servers = apps
            try await withThrowingTaskGroup(of: Void.self) { group in
                for app in servers {
                    group.addTask { try await MigrationLock.run(app.db) { try await app.autoMigrate() } }
                }
                try await group.waitForAll()
            }
            // check: every migration recorded once, one audit head, and both servers read the schema
            let migrations = try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()!.decode(column: "n", as: Int.self)
            #expect(migrations == Migrations.all.count)
            let heads = try await sql.raw("SELECT COUNT(*) AS n FROM audit_head").first()!.decode(column: "n", as: Int.self)
            #expect(heads == 1)
            for app in servers {
                let verdict = try await AuditRepository(store: app.fengqiao.store(app.db)).verify()
                #expect({ if case .intact = verdict { true } else { false } }())
            }
        } catch {
            try? await sql.raw("DROP SCHEMA \(unsafeRaw: String(schema)) CASCADE").run()
            for app in apps { try? await app.asyncShutdown() }
            throw error
        }
        try await sql.raw("DROP SCHEMA \(unsafeRaw: String(schema)) CASCADE").run()
        for app in apps { try await app.asyncShutdown() }
    }
}
