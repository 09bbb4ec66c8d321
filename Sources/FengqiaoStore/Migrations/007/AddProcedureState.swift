import FengqiaoCore
import FluentKit
import SQLKit

// Migration 007: what the procedure engine keeps on a case (issue 5). `facts` is the procedure's
// own record as JSON (read and written only in Swift: no JSON operators in SQL); `category` and
// `counts_as_prior` let the party history answer IV-03 (2) without decoding facts; `case_links`
// records the cases one case opened (the penalty case of a hand-off, IV-04). Additive: existing
// cases keep NULLs.

public struct AddProcedureState: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("cases")
            .field("facts", .string)
            .update()
        try await db.schema("cases")
            .field("category", .string)
            .update()
        try await db.schema("cases")
            .field("counts_as_prior", .bool)
            .update()
        try await db.schema("case_links")
            .id()
            .field("from_case_id", .uuid, .required)
            .field("to_case_id", .uuid, .required)
            .field("relation", .string, .required)
            .field("created_at", .int64, .required)
            .create()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_case_links_from ON case_links (from_case_id)").run()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_case_links_to ON case_links (to_case_id)").run()
        // The case page reads a case's parties; the worklists read open cases by handler, by unit and
        // by gravity, newest change first (issue 5's ≤ 30 ms goal with 100,000 cases).
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_party_case_links_case ON party_case_links (case_id)").run()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_cases_handler_open ON cases (handler_id, updated_at) WHERE closed_on IS NULL").run()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_cases_unit_open ON cases (unit_id, updated_at) WHERE closed_on IS NULL").run()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_cases_gravity_open ON cases (gravity, updated_at) WHERE closed_on IS NULL").run()
        try await SQLSupport.sql(db).raw("CREATE INDEX idx_attachments_case ON attachments (case_id)").run()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("case_links").delete()
        for f in ["counts_as_prior", "category", "facts"] { try await db.schema("cases").deleteField(FieldKey(stringLiteral: f)).update() }
    }
}
