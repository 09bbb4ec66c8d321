import FengqiaoCore
import FluentKit

// Migration 025 (second part): the facts CP-35 and CP-36 compare, one row per registered submission —
// the complainant's key (a blind index of the ID number or phone, never the value), the respondent,
// the receipt date and the request — with the unique constraints as the indexes the lookups use
// (same complainant or same respondent over a date range), so no lookup scans the cases; and the
// cluster alerts sent, once per cluster.

public struct CreateComplaintSignals: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("complaint_signals")
            .field("case_id", .uuid, .required)
            .field("case_number", .string, .required)
            .field("kind", .string, .required)
            .field("unit_id", .uuid, .required)
            .field("complainant_key", .string, .required)
            .field("respondent_id", .uuid, .required)
            .field("received_on", .string, .required)
            .field("request", .string, .required)
            .field("merge_with", .string)
            .field("high_frequency", .bool, .required)
            .unique(on: "complainant_key", "received_on", "case_id")
            .unique(on: "respondent_id", "received_on", "case_id")
            .unique(on: "case_id")
            .create()
        try await db.schema("complaint_cluster_alerts")
            .field("respondent_id", .uuid, .required)
            .field("alerted_on", .string, .required)
            .field("case_id", .uuid, .required)
            .field("count", .int, .required)
            .field("created_at", .int64, .required)
            .unique(on: "respondent_id", "alerted_on")
            .create()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("complaint_cluster_alerts").delete()
        try await db.schema("complaint_signals").delete()
    }
}
