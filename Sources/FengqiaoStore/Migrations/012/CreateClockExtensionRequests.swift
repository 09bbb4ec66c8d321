import FengqiaoCore
import FluentKit
import SQLKit

// Migration 012: extension requests (CAL-32, X-02). A handler asks for an extension naming the approver;
// the request stays `pending` until that approver confirms it (then the extension is recorded in
// `clock_records` and the due date moves). Status is stored as a string.

public struct CreateClockExtensionRequests: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("clock_extension_requests")
            .id()
            .field("clock_id", .uuid, .required)
            .field("case_id", .uuid, .required)
            .field("count", .int, .required)
            .field("ground", .string, .required)
            .field("approver_id", .uuid, .required)
            .field("approver_name", .string, .required)
            .field("requested_by", .uuid, .required)
            .field("requested_on", .string, .required)
            .field("status", .string, .required)
            .field("confirmed_on", .string)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_clock_extension_requests_clock ON clock_extension_requests (clock_id, status)").run()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("clock_extension_requests").delete()
    }
}
