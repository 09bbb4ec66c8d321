import FengqiaoCore
import FluentKit
import SQLKit

// Migration 021: the unit that accepted (opened) a case — 谁受理谁回访 (ST-21, MD-34): its revisits
// are owned, listed and filed by that unit even after the case moved to another (issue 12 item 4).
// Existing cases take their current unit. A case opened after this migration and never moved may
// leave it empty: its owner is then its unit, and the first move records the unit it leaves.

public struct AddCaseOwnerUnit: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await db.schema("cases").field("owner_unit_id", .uuid).update()
        try await SQLSupport.sql(db).update("cases").set("owner_unit_id", to: SQLColumn("unit_id")).run()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("cases").deleteField("owner_unit_id").update()
    }
}
