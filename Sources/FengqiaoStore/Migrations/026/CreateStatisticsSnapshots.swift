import FengqiaoCore
import FluentKit

// Migration 026: the figures of a closed period frozen as they stood (ST-03, CP-38: the complaint
// monthly analysis freezes on the 5th working day of the next month), one row per report kind and
// period, the figures as a JSON document read and written whole.

public struct CreateStatisticsSnapshots: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("statistics_snapshots")
            .id()
            .field("kind", .string, .required)
            .field("period", .string, .required)
            .field("frozen_on", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .int64, .required)
            .unique(on: "kind", "period")
            .create()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("statistics_snapshots").delete()
    }
}
