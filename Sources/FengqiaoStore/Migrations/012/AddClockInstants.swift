import FengqiaoCore
import FluentKit

// Migration 012: the instants of hour-based clocks (CAL-13) — Unix seconds, NULL on day clocks. An hour
// clock starts at its transition's instant, is due exactly N hours later and ends at an instant;
// `start_date`, `due_date` and `ended_on` keep the Beijing dates of those instants, so the
// scan, the cards and the worklists' `next_due` order read hour clocks like any other.

public struct AddClockInstants: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one column at a time.
        try await db.schema("clocks").field("start_at", .int64).update()
        try await db.schema("clocks").field("due_at", .int64).update()
        try await db.schema("clocks").field("ended_at", .int64).update()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("clocks").deleteField("ended_at").update()
        try await db.schema("clocks").deleteField("due_at").update()
        try await db.schema("clocks").deleteField("start_at").update()
    }
}
