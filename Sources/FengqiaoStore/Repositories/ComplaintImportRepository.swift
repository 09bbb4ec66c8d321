import FengqiaoCore
import Foundation
import SQLKit

/// Imports of the 12315 platform's and hotline's exports (CP-43): the upload is kept row by row
/// (`submit`), a background job registers the items one by one (`run`, see `ComplaintImportItems`),
/// and the page and the API read its progress and result (`status`). A re-run after a crash picks up
/// at the first row without an outcome.
public struct ComplaintImportRepository: Sendable {
    /// The scheduler's job kind; the payload is the import's id.
    public static let jobKind = "complaint.import"

    public let store: Store
    public init(store: Store) { self.store = store }

    /// Keeps the uploaded rows whole and queues the import. Whoever may register complaints may import
    /// (`.complaintRegister`); receiving the items as the competent unit at once (`receive`, CP-14)
    /// needs `.complaintHandle` too.
    public func submit(_ rows: [ComplaintImportRawRow], filename: String, receive: Bool, actor: Actor, context: AuditContext) async throws -> UUID {
        try actor.require(.complaintRegister)
        if receive { try actor.require(.complaintHandle) }
        guard !rows.isEmpty else {
            throw DomainError.invalid([FieldError(field: "file", rule: "CP-43", code: "import.empty", messageZH: "文件中没有可导入的来件")])
        }
        let id = try await keep(rows, filename: filename, unit: actor.unitID, userID: actor.userID, receive: receive, context: context)
        try await JobRepository(store: store).enqueue(kind: Self.jobKind, payload: id.uuidString, runAt: store.clock.nowMillis)
        return id
    }

    /// CP-43: the items of a scheduled platform pull, kept like an upload but as the system's in
    /// `unitID` (the configured unit the items land in); the caller runs the import at once with
    /// `run`, through the same steps as an upload — there is no second import. The items are
    /// registered only: receiving one (CP-14) names a person as its handler, so a person does it.
    public func submitPulled(_ rows: [ComplaintImportRawRow], filename: String, unitID: UUID) async throws -> UUID {
        try await keep(rows, filename: filename, unit: unitID, userID: Actor.systemUserID, receive: false, context: .system("platform-sync"))
    }

    /// What a pulled import runs as: the system in the pull's unit, with exactly what registering an
    /// item needs (PLT-03).
    static func pullActor(unitID: UUID) -> Actor {
        Actor.system("platform-sync", unitID: unitID, permissions: [.caseCreate, .caseRead, .partyRead, .partyWrite, .complaintRegister])
    }

    private func keep(_ rows: [ComplaintImportRawRow], filename: String, unit: UUID, userID: UUID, receive: Bool, context: AuditContext) async throws -> UUID {
        let id = UUID()
        let name = String(filename.prefix(200))
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "complaint_imports")
                .columns("id", "unit_id", "user_id", "filename", "state", "receive", "total", "processed", "created_count", "updated_count",
                         "unchanged_count", "refused_count", "created_at")
                .values(SQLBind(id), SQLBind(unit), SQLBind(userID), SQLBind(name), SQLBind(ComplaintImportStatus.State.queued.rawValue),
                        SQLBind(receive), SQLBind(rows.count), SQLBind(0), SQLBind(0), SQLBind(0), SQLBind(0), SQLBind(0), SQLBind(tx.now))
                .run()
            let per = SQLSupport.rowsPerInsert(columns: 4)
            for start in stride(from: 0, to: rows.count, by: per) {
                let chunk = rows[start..<min(start + per, rows.count)].map { r -> [any SQLExpression] in
                    [SQLBind(UUID()), SQLBind(id), SQLBind(r.number), SQLBind(r.raw)]
                }
                try await tx.sql.insert(into: "complaint_import_rows").columns("id", "import_id", "row_no", "raw").rows(chunk).run()
            }
            tx.record("complaint.import.submit", "complaint-import", id.uuidString,
                      changes: ["filename": .init(before: nil, after: name), "rows": .init(before: nil, after: String(rows.count))],
                      detail: "导入12315平台/热线来件")
        }
        return id
    }

    /// The unit an import belongs to, nil when there is no such import (for the route's scope check, X-05).
    public func unit(of id: UUID) async throws -> UUID? {
        try await store.sql.select().column("unit_id").from("complaint_imports").where("id", .equal, SQLBind(id)).first()?
            .decode(column: "unit_id", as: UUID.self)
    }

    /// The import's progress and result, or nil when absent or outside the actor's units.
    public func status(_ id: UUID, actor: Actor) async throws -> ComplaintImportStatus? {
        guard let head = try await store.sql.select().columns("unit_id", "filename", "state", "total").from("complaint_imports")
            .where("id", .equal, SQLBind(id)).first() else { return nil }
        let unit = try head.decode(column: "unit_id", as: UUID.self)
        guard actor.can(.complaintRegister), actor.sees(unit: unit) else { return nil }
        let rows = try await store.sql.select().columns("row_no", "item_key", "outcome", "case_numbers", "errors").from("complaint_import_rows")
            .where("import_id", .equal, SQLBind(id)).orderBy("row_no").all()
        var results: [ImportRowResult] = []
        var counts: [ImportRowOutcome: Int] = [:]
        for r in rows {
            guard let outcome = try r.decode(column: "outcome", as: String?.self).flatMap(ImportRowOutcome.init(rawValue:)) else { continue }
            counts[outcome, default: 0] += 1
            let errors = try r.decode(column: "errors", as: String?.self).flatMap { try? JSONDecoder().decode([FieldError].self, from: Data($0.utf8)) } ?? []
            let numbers = try r.decode(column: "case_numbers", as: String?.self)?.split(separator: " ").map(String.init) ?? []
            let key = try r.decode(column: "item_key", as: String?.self)
            results.append(ImportRowResult(row: try r.decode(column: "row_no", as: Int.self), externalNo: key.map { String($0.drop { $0 != ":" }.dropFirst()) },
                                           outcome: outcome, caseNumbers: numbers, errors: errors))
        }
        return ComplaintImportStatus(id: id, unitID: unit, filename: try head.decode(column: "filename", as: String.self),
                                     state: ComplaintImportStatus.State(rawValue: try head.decode(column: "state", as: String.self)) ?? .queued,
                                     total: try head.decode(column: "total", as: Int.self), processed: results.count, created: counts[.created] ?? 0,
                                     updated: counts[.updated] ?? 0, unchanged: counts[.unchanged] ?? 0, refused: counts[.refused] ?? 0, rows: results)
    }

    /// Runs the import as the user who uploaded it: each row in turn, each item on its own (a bad
    /// row is refused with its reasons and the others still import). Rows already done are skipped.
    public func run(_ id: UUID, batchSize: Int = Self.batchSize) async throws {
        guard let head = try await store.sql.select().columns("user_id", "unit_id", "receive", "state").from("complaint_imports")
            .where("id", .equal, SQLBind(id)).first() else { return }
        guard try head.decode(column: "state", as: String.self) != ComplaintImportStatus.State.done.rawValue else { return }
        let org = OrganisationRepository(store: store)
        let userID = try head.decode(column: "user_id", as: UUID.self)
        let actor: Actor
        if userID == Actor.systemUserID {
            // CP-43: a platform pull, run as the system in its unit.
            actor = Self.pullActor(unitID: try head.decode(column: "unit_id", as: UUID.self))
        } else {
            guard let user = try await org.user(id: userID), user.active else {
                try await setState(id, .failed)
                return
            }
            actor = try await org.actor(for: user)
        }
        // The system is named by its login on the trail, never by a user id no user has.
        let context = actor.isSystem ? AuditContext(login: actor.login, unitID: actor.unitID, requestID: "complaint-import:\(id.uuidString)")
            : AuditContext(actor: actor, clientAddress: nil, requestID: "complaint-import:\(id.uuidString)")
        let receive = try head.decode(column: "receive", as: Bool.self)
        try await setState(id, .running)
        // The keys this import has registered or found, by the first row that did: a number twice in
        // one file counts once (CP-43).
        var seen: [String: Int] = [:]
        let done = try await store.sql.select().columns("row_no", "item_key").from("complaint_import_rows").where("import_id", .equal, SQLBind(id))
            .where("outcome", .isNot, SQLLiteral.null).orderBy("row_no").all()
        for r in done { if let k = try r.decode(column: "item_key", as: String?.self), seen[k] == nil { seen[k] = try r.decode(column: "row_no", as: Int.self) } }
        let pending = try await store.sql.select().columns("id", "row_no", "raw").from("complaint_import_rows").where("import_id", .equal, SQLBind(id))
            .where("outcome", .is, SQLLiteral.null).orderBy("row_no").all()
            .map { (id: try $0.decode(column: "id", as: UUID.self), number: try $0.decode(column: "row_no", as: Int.self), raw: try $0.decode(column: "raw", as: String.self)) }
        // Rows in batches, each one durable commit (`Store.batch`): every item's writes stay whole or
        // absent, and a crash loses at most the batch in hand, which the resumed run imports again.
        for start in stride(from: 0, to: pending.count, by: batchSize) {
            let chunk = Array(pending[start..<min(start + batchSize, pending.count)])
            let before = seen
            @Sendable func rows(on store: Store) async throws -> [String: Int] {
                var seen = before
                let items = ComplaintImportItems(store: store, actor: actor, context: context, receive: receive, importID: id)
                for r in chunk {
                    let result = await Self.importRow(r.raw, number: r.number, items: items, seen: &seen, today: store.clock.todayInBeijing)
                    try await Self.record(r.id, result, on: store.sql)
                }
                return seen
            }
            // A batch that fails as a whole (its transaction lost) left nothing behind: its rows run again one commit each.
            if batchSize == 1 {
                seen = try await rows(on: store)
            } else {
                do { seen = try await store.batch(rows) } catch { seen = try await rows(on: store) }
            }
        }
        try await finish(id)
    }

    /// Rows per durable commit of a run (1: each of an item's writes commits on its own).
    public static let batchSize = 25

    /// One row: parsed, then imported unless an earlier row of the file had its number.
    private static func importRow(_ raw: String, number: Int, items: ComplaintImportItems, seen: inout [String: Int], today: LocalDate) async -> ComplaintImportItems.Result {
        switch ComplaintImportItem.parse(ComplaintImportRawRow.cells(raw: raw), today: today) {
        case let .failure(problems): return .init(key: nil, outcome: .refused, numbers: [], errors: problems.errors)
        case let .success(item):
            if let first = seen[item.key] {
                return .init(key: item.key, outcome: .unchanged, numbers: [], errors: [FieldError(
                    field: ComplaintImportItem.Field.externalNo.rawValue, rule: "CP-43", code: "import.duplicate-in-file",
                    messageZH: "平台编号\(item.externalNo)与第\(first)行重复，已按第\(first)行导入")])
            }
            let result = await items.importItem(item)
            if result.outcome != .refused { seen[item.key] = number }
            return result
        }
    }

    private static func record(_ rowID: UUID, _ r: ComplaintImportItems.Result, on sql: any SQLDatabase) async throws {
        let errors = r.errors.isEmpty ? nil : String(decoding: try JSONEncoder().encode(r.errors), as: UTF8.self)
        try await sql.update("complaint_import_rows").set("outcome", to: SQLBind(r.outcome.rawValue)).set("item_key", to: SQLBind(r.key))
            .set("case_numbers", to: SQLBind(r.numbers.isEmpty ? nil : r.numbers.joined(separator: " "))).set("errors", to: SQLBind(errors))
            .where("id", .equal, SQLBind(rowID)).run()
    }

    private func setState(_ id: UUID, _ state: ComplaintImportStatus.State) async throws {
        try await store.sql.update("complaint_imports").set("state", to: SQLBind(state.rawValue)).where("id", .equal, SQLBind(id)).run()
    }

    /// The counts kept on the import itself once it is done, for lists of imports.
    private func finish(_ id: UUID) async throws {
        let rows = try await store.sql.select().column("outcome").from("complaint_import_rows").where("import_id", .equal, SQLBind(id)).all()
        var counts: [String: Int] = [:]
        for r in rows { if let o = try r.decode(column: "outcome", as: String?.self) { counts[o, default: 0] += 1 } }
        try await store.sql.update("complaint_imports").set("state", to: SQLBind(ComplaintImportStatus.State.done.rawValue))
            .set("processed", to: SQLBind(counts.values.reduce(0, +))).set("created_count", to: SQLBind(counts["created"] ?? 0))
            .set("updated_count", to: SQLBind(counts["updated"] ?? 0)).set("unchanged_count", to: SQLBind(counts["unchanged"] ?? 0))
            .set("refused_count", to: SQLBind(counts["refused"] ?? 0)).set("finished_at", to: SQLBind(store.clock.nowMillis))
            .where("id", .equal, SQLBind(id)).run()
    }
}
