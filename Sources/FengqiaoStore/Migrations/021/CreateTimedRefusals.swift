import FengqiaoCore
import FluentKit

// Migration 021 (second): a timed transition the engine refused (CAL-43) — its clock, the day it may
// be tried again (the next working day) and why — so a refused firing is not retried every minute.

public struct CreateTimedRefusals: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("timed_refusals")
            .field("clock_id", .uuid, .required)
            .field("retry_on", .string, .required)
            .field("reason", .string, .required)
            .field("refused_at", .int64, .required)
            .unique(on: "clock_id")
            .create()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("timed_refusals").delete()
    }
}
