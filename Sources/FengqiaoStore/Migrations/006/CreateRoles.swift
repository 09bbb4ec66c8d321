import FengqiaoCore
import FluentKit
import SQLKit

// Migration 006: roles as the security administrator edits them (PLT-03, PLT-04). Shipped roles
// live in code; a row here overrides one of them or defines an office's own finer role.

public struct CreateRoles: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("roles")
            .id()
            .field("code", .string, .required)
            .field("name_zh", .string, .required)
            // Space-separated, sorted permission names: a plain column both databases store alike.
            .field("permissions", .string, .required)
            .field("default_scope", .string, .required)
            .field("admin_duty", .string)
            .field("version", .int, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "code")
            .create()
    }
    public func revert(on db: any Database) async throws { try await db.schema("roles").delete() }
}
