import FengqiaoCore
import FluentKit
import SQLKit

// Migration 010: the people besides the handler a case waits on in its current state (the
// assigned interviewers while the interview is to be held, IV-12), written with each transition
// (`Procedure.waitingOn`), so "my work" finds their steps by an index rather than in the facts.

public struct CreateCaseWaiting: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("case_waiting")
            .field("case_id", .uuid, .required)
            .field("user_id", .uuid, .required)
            .create()
        try await SQLSupport.sql(db).raw("CREATE UNIQUE INDEX idx_case_waiting_user ON case_waiting (user_id, case_id)").run()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_case_waiting_case ON case_waiting (case_id)").run()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("case_waiting").delete()
    }
}
