import FengqiaoCore
import FluentKit
import SQLKit

// Migration 002: calendar revisions (CAL-03) and the scheduler's job table (CAL-43).

public struct CreateCalendarRevisions: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("calendar_revisions")
            .id()
            .field("revision", .int, .required)
            .field("year", .int, .required)
            .field("notice", .string, .required)
            .field("text", .string, .required)
            .field("summary", .string, .required)
            .field("created_at", .int64, .required)
            .field("created_by", .string, .required)
            .unique(on: "revision")
            .create()
    }
    public func revert(on db: any Database) async throws { try await db.schema("calendar_revisions").delete() }
}

public struct CreateJobs: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("jobs")
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("dedupe_key", .string)
            .field("run_at", .int64, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("claimed_by", .string)
            .field("claimed_at", .int64)
            .field("finished_at", .int64)
            .field("last_error", .string)
            .field("created_at", .int64, .required)
            .unique(on: "dedupe_key")
            .create()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_jobs_due ON jobs (state, run_at)").run()
    }
    public func revert(on db: any Database) async throws { try await db.schema("jobs").delete() }
}

public struct CreateRuleSetVersions: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("rule_set_versions")
            .id()
            .field("key", .string, .required)
            .field("version", .int, .required)
            .field("body", .string, .required)
            .field("created_at", .int64, .required)
            .field("created_by", .string, .required)
            .unique(on: "key", "version")
            .create()
    }
    public func revert(on db: any Database) async throws { try await db.schema("rule_set_versions").delete() }
}

public struct CreateNotifications: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("notifications")
            .id()
            .field("user_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("link", .string)
            .field("created_at", .int64, .required)
            .field("read_at", .int64)
            .create()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_notifications_user ON notifications (user_id, read_at)").run()
    }
    public func revert(on db: any Database) async throws { try await db.schema("notifications").delete() }
}
