import FengqiaoCore
import FluentKit
import SQLKit

// Migration 029: how many of its step's early reminders a clock has been sent (`StepReminders`,
// complaints.md "Reminders and escalations": T−10 and T−3 工作日 for mediation, T−15日 and T−5日
// for the penalty decision …), beside the ladder's stage (CAL-41), so each goes out once.

public struct AddClockEarlyReminders: AsyncMigration {
    public init() {}
    public func prepare(on db: any Database) async throws {
        try await SQLSupport.sql(db).raw("ALTER TABLE clocks ADD COLUMN early_reminders INTEGER NOT NULL DEFAULT 0").run()
    }
    public func revert(on db: any Database) async throws {
        try await db.schema("clocks").deleteField("early_reminders").update()
    }
}
