import FengqiaoCore
import FluentKit
import SQLKit

// Migration 022: the indicator targets set for a year (statistics.md "targets configurable", ST-10) —
// one row per procedure (its case type), indicator key (or `annualWeight`) and year, holding the value
// that overrides the procedure's declared default, who set it and when. No row: the default. The value
// is decimal text (Swift's shortest round-trip form, `0.85`), so it reads back exactly on both databases.

public struct CreateIndicatorTargets: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("indicator_targets")
            .field("case_type", .string, .required)
            .field("key", .string, .required)
            .field("year", .int, .required)
            .field("value", .string, .required)
            .field("set_by", .string, .required)
            .field("set_at", .int64, .required)
            .compositeIdentifier(over: "case_type", "key", "year")
            .create()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("indicator_targets").delete()
    }
}
