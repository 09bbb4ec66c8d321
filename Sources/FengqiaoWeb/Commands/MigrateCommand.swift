import FengqiaoStore
import Fluent
import Vapor

/// `fengqiao migrate`: the pending migrations, under the same lock as a server's start-up migration
/// (issue 13 item 4, PLT-55), so an operator's migration beside running or starting servers on one
/// PostgreSQL never runs twice or half. Replaces Fluent's command of the name; asks nothing.
struct LockedMigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "yes", short: "y", help: "兼容旧用法，无需确认 / accepted for compatibility; never asks")
        var yes: Bool
    }

    var help: String { "执行待执行的数据库迁移（多台服务器共用 PostgreSQL 时加锁，只执行一次）/ run pending migrations under the migration lock" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await MigrationLock.run(app.db) { try await app.autoMigrate() }
        context.console.print("数据库迁移完成")
    }
}
