import FengqiaoCore
import FluentKit
import SQLKit

// Migration 014: everyone a case has waited on or who has acted on
// it (PLT-05 `own` scope: a user sees the cases they handle, that wait on them, or that name them). Kept for the case's life —
// unlike `case_waiting`, which holds only the current state's people. Filled from `case_waiting`
// for the cases that already exist; the handler is read from `cases.handler_id`.

public struct CreateCasePeople: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("case_people")
            .field("case_id", .uuid, .required)
            .field("user_id", .uuid, .required)
            .create()
        let sql = try SQLSupport.sql(db)
        try await sql.raw("CREATE UNIQUE INDEX idx_case_people_user ON case_people (user_id, case_id)").run()
        try await sql.raw("INSERT INTO case_people (case_id, user_id) SELECT case_id, user_id FROM case_waiting").run()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("case_people").delete()
    }
}
