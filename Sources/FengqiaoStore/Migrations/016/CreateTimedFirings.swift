import FengqiaoCore
import FluentKit
import SQLKit

// Migration 016: one row per clock whose running out fired a timed transition (CAL-43, PA-27),
// written in the transition's own write transaction. The unique clock id is the claim: two servers
// on one database cannot both fire the same clock — the second insert fails and its transition
// rolls back with it.

public struct CreateTimedFirings: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("timed_firings")
            .field("clock_id", .uuid, .required)
            .field("case_id", .uuid, .required)
            .field("transition", .string, .required)
            .field("fired_at", .int64, .required)
            .unique(on: "clock_id")
            .create()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("timed_firings").delete()
    }
}
