import FengqiaoCore
import FluentKit

// Migration 037: a mediator's origin and 第四条 attestation (MD-02), one row per person, revised in
// place with every version on the audit chain.

public struct CreateMediatorProfiles: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("mediator_profiles")
            .field("user_id", .uuid, .identifier(auto: false))
            .field("origin", .string, .required)
            .field("capacity", .string)
            .field("capacity_note", .string)
            .field("attestation", .string, .required)
            .field("recorded_on", .string, .required)
            .field("recorded_by", .uuid, .required)
            .field("updated_at", .int64, .required)
            .create()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("mediator_profiles").delete()
    }
}
