import FengqiaoCore
import FluentKit

// Migration 023: the keys a procedure declares unique among its cases (a complaint's platform number per
// channel, CP-43: never registered twice), one row per key, written with the case.

public struct CreateCaseKeys: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("case_keys")
            .field("case_type", .string, .required)
            .field("key", .string, .required)
            .field("case_id", .uuid, .required)
            .unique(on: "case_type", "key")
            .create()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("case_keys").delete()
    }
}
