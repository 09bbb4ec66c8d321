import FengqiaoCore
import Foundation
import SQLKit

/// A procedure's yearly records per unit (MD-44): read by year, each made once, audited.
public struct PeriodicRecordRepository: Sendable {
    public let store: Store
    public let caseType: String

    public init(store: Store, caseType: String) {
        self.store = store
        self.caseType = caseType
    }

    /// The unit's records of `year`, by key.
    public func records(unit: UUID, year: Int) async throws -> [String: PeriodicRecordEntry] {
        var out: [String: PeriodicRecordEntry] = [:]
        for r in try await store.sql.select().columns("key", "held_on", "attendees", "note").from("periodic_records")
            .where("case_type", .equal, SQLBind(caseType)).where("unit_id", .equal, SQLBind(unit)).where("year", .equal, SQLBind(year)).all() {
            let key = try r.decode(column: "key", as: String.self)
            guard let on = LocalDate(iso: try r.decode(column: "held_on", as: String.self)) else { continue }
            out[key] = PeriodicRecordEntry(key: key, year: year, heldOn: on, attendees: try r.decode(column: "attendees", as: String.self),
                                           note: try r.decode(column: "note", as: String.self))
        }
        return out
    }

    /// Records `entry` for `unit`, once a year (`periodic.recorded`), by one who holds the rule's permission over the unit.
    public func record(_ entry: PeriodicRecordEntry, rule: PeriodicRecordRule, unit: UUID, actor: Actor, context: AuditContext) async throws {
        try actor.require(rule.permission)
        guard actor.sees(unit: unit) else { throw DomainError.notFound }
        let recorded = DomainError.invalid([FieldError(field: "key", rule: rule.rule, code: "periodic.recorded", messageZH: "\(entry.year)年\(rule.titleZH)已记录")])
        try await store.write(context) { tx in
            if try await tx.sql.select().column("id").from("periodic_records").where("case_type", .equal, SQLBind(caseType))
                .where("unit_id", .equal, SQLBind(unit)).where("key", .equal, SQLBind(entry.key)).where("year", .equal, SQLBind(entry.year)).first() != nil {
                throw recorded
            }
            let id = UUID()
            try await tx.sql.insert(into: "periodic_records")
                .columns("id", "case_type", "unit_id", "key", "year", "held_on", "attendees", "note", "created_by", "created_at")
                .values(SQLBind(id), SQLBind(caseType), SQLBind(unit), SQLBind(entry.key), SQLBind(entry.year), SQLBind(entry.heldOn.iso),
                        SQLBind(entry.attendees), SQLBind(entry.note), SQLBind(actor.userID), SQLBind(tx.now))
                .run()
            tx.record("periodic.record", "periodic_record", id.uuidString, changes: [
                "record": .init(before: nil, after: "\(entry.year)年\(rule.titleZH)"), "heldOn": .init(before: nil, after: entry.heldOn.iso),
            ], detail: "\(entry.year)年\(rule.titleZH)：\(entry.heldOn.iso)，\(entry.attendees)")
        }
    }
}
