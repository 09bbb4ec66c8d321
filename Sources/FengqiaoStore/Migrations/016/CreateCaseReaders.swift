import FengqiaoCore
import FluentKit
import SQLKit

// Migration 016: units that keep read access to a case moved away from them (issue 12 item 4: a
// dispatch 分流/转办 that lets the sending unit follow the case). Read access only: the case's own
// unit (`cases.unit_id`) is the one whose users act on it.

public struct CreateCaseReaders: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("case_readers")
            .field("case_id", .uuid, .required)
            .field("unit_id", .uuid, .required)
            .field("granted_at", .int64, .required)
            .unique(on: "case_id", "unit_id")
            .create()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_case_readers_unit ON case_readers (unit_id)").run()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("case_readers").delete()
    }
}
