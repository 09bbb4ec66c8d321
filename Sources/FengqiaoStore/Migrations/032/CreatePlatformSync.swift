import FengqiaoCore
import FluentKit
import SQLKit

// Migration 032: the 12315 platform synchronisation (CP-43, complaints.md step 1 "platform pull ≥
// hourly"). `platform_sync` is one row (id 1): the pull's cursor and counts, the lease that lets one
// server at a time pull and push, and the failure episode ("Platform sync failing for >2 hours")
// with who was told. `platform_outbox` holds each status change of a platform item, written in the
// transaction of the change, until it is delivered once (`sent_at`). The state row is written on
// first use, not seeded, so a restore of an older backup still finds it missing and recreates it.

public struct CreatePlatformSync: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("platform_sync")
            .field("id", .int, .identifier(auto: false))
            .field("cursor", .string)
            .field("last_pull_at", .int64)
            .field("last_pull_ok_at", .int64)
            .field("last_pull_items", .int, .required)
            .field("items_pulled", .int, .required)
            .field("last_push_ok_at", .int64)
            .field("pull_failing_since", .int64)
            .field("push_failing_since", .int64)
            .field("last_error", .string)
            .field("last_error_at", .int64)
            .field("admins_told_at", .int64)
            .field("head_told_at", .int64)
            .field("lease_holder", .string)
            .field("lease_until", .int64)
            .create()
        try await db.schema("platform_outbox")
            .id()
            .field("case_id", .uuid, .required)
            .field("case_number", .string)
            .field("channel", .string, .required)
            .field("channel_name", .string, .required)
            .field("external_no", .string, .required)
            .field("status_code", .string, .required)
            .field("status_name", .string, .required)
            .field("on_date", .string, .required)
            .field("created_at", .int64, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .int64, .required)
            .field("last_error", .string)
            .field("sent_at", .int64)
            .create()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("platform_outbox").delete()
        try await db.schema("platform_sync").delete()
    }
}
