import FengqiaoCore
import Foundation
import SQLKit

/// MD-48 and the duplicate warning for a newly registered case: records its keys (blind indexes,
/// migration 034) and answers what it repeats — each counted key shared by enough registrations of the
/// procedure within the window, and the earlier cases with its duplicate key within the duplicate
/// window, which are linked to it (`possible-duplicate-of`) so the case page leads to them. Every
/// lookup is an equality on an indexed key plus a date range. Information only: nothing is refused.
public struct RecurrenceRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// The relation of a link from a case to an earlier registration it may repeat.
    public static let duplicateRelation = "possible-duplicate-of"

    public func record(caseType: String, caseID: UUID, caseNumber: String, _ r: Recurrence, rule: RecurrenceRule, context: AuditContext) async throws
        -> RecurrenceFound {
        let crypto = store.crypto
        func key(_ value: String) -> String { crypto.blindIndex("\(caseType):recurrence:\(value)") }
        var found = RecurrenceFound(flags: [], duplicates: [])
        for counted in r.counted {
            // A count, not the rows: a common key (one nature and object) may have thousands in its window.
            let earlier = try await count(caseType, key(counted.value), from: rule.windowStart(r.on), to: r.on, except: caseID)
            if rule.flags(earlier + 1) { found.flags.append(.init(labelZH: counted.labelZH, count: earlier + 1)) }
        }
        var duplicates: [(id: UUID, number: String)] = []
        if let d = r.duplicate {
            duplicates = try await rows(caseType, key(d), from: rule.duplicateStart(r.on), to: r.on).filter { $0.id != caseID }
            found.duplicates = duplicates.map(\.number)
        }
        let keys = r.counted.map { key($0.value) } + (r.duplicate.map { [key($0)] } ?? [])
        let linked = duplicates
        try await store.write(context) { tx in
            for k in Set(keys) {
                try await tx.sql.insert(into: "recurrence_keys").columns("case_type", "key", "registered_on", "case_id", "case_number")
                    .values(SQLBind(caseType), SQLBind(k), SQLBind(r.on.iso), SQLBind(caseID), SQLBind(caseNumber)).run()
            }
            for earlier in linked {
                try await tx.sql.insert(into: "case_links").columns("id", "from_case_id", "to_case_id", "relation", "created_at")
                    .values(SQLBind(UUID()), SQLBind(caseID), SQLBind(earlier.id), SQLBind(Self.duplicateRelation), SQLBind(tx.now)).run()
            }
        }
        return found
    }

    /// How many other cases registered one key over a date range (inclusive), by the index.
    private func count(_ caseType: String, _ key: String, from: LocalDate, to: LocalDate, except caseID: UUID) async throws -> Int {
        try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("recurrence_keys")
            .where("case_type", .equal, SQLBind(caseType)).where("key", .equal, SQLBind(key))
            .where("registered_on", .greaterThanOrEqual, SQLBind(from.iso)).where("registered_on", .lessThanOrEqual, SQLBind(to.iso))
            .where("case_id", .notEqual, SQLBind(caseID)).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The registrations of one key over a date range (inclusive), oldest first.
    private func rows(_ caseType: String, _ key: String, from: LocalDate, to: LocalDate) async throws -> [(id: UUID, number: String)] {
        try await store.sql.select().columns("case_id", "case_number").from("recurrence_keys")
            .where("case_type", .equal, SQLBind(caseType)).where("key", .equal, SQLBind(key))
            .where("registered_on", .greaterThanOrEqual, SQLBind(from.iso)).where("registered_on", .lessThanOrEqual, SQLBind(to.iso))
            .orderBy("registered_on").all()
            .map { (try $0.decode(column: "case_id", as: UUID.self), try $0.decode(column: "case_number", as: String.self)) }
    }
}
