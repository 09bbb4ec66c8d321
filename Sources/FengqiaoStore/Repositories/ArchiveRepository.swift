import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// A case's archive record (DOC-42, DOC-43).
public struct ArchiveRow: Sendable, Equatable {
    public let caseID: UUID
    public let unitID: UUID
    public let archiveNumber: String
    public let retention: RetentionCode
    public let archivedOn: LocalDate
    public let retentionEnds: LocalDate?
    public let destroyedOn: LocalDate?
}

/// A hold on a case (DOC-50): pending litigation, reconsideration, petition.
public struct HoldRow: Sendable, Equatable {
    public let id: UUID
    public let caseID: UUID
    public let hold: ArchiveHold
}

/// One case one file (DOC-40…44) and destruction (DOC-50, DOC-51).
public struct ArchiveRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    // MARK: Closing and archiving

    /// Closes a case (DOC-40). `report` is the completeness of its file; an incomplete file needs
    /// the head's override with a reason, recorded with the gaps.
    public func close(_ caseID: UUID, on day: LocalDate, report: CompletenessReport, overrideReason: String?, actor: Actor,
                      context: AuditContext) async throws {
        try actor.require(.caseHandle)
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor) else { throw DomainError.notFound }
        guard c.closedOn == nil else { throw DomainError(.conflict, code: "case.closed", messageZH: "案件已结案", ruleID: "DOC-40") }
        let clearance = try report.clearance(override: overrideReason.map { ClosingOverride(approver: actor, reason: $0) })
        let gaps = (report.missing + report.drafts + report.unserved).map(\.nameZH).joined(separator: "、")
        try await store.write(context) { tx in
            try await tx.sql.update("cases").set("closed_on", to: SQLBind(day.iso)).set("state", to: SQLBind("closed"))
                .set("version", to: SQLRaw("version + 1")).set("updated_at", to: SQLBind(tx.now)).where("id", .equal, SQLBind(caseID)).run()
            var changes: [String: AuditDraft.Change] = ["state": .init(before: c.state, after: "closed"), "closedOn": .init(before: nil, after: day.iso)]
            if case .overridden = clearance { changes["override"] = .init(before: nil, after: "\(overrideReason ?? "")；缺：\(gaps)") }
            tx.record("case.close", "case", caseID.uuidString, changes: changes)
        }
        // DOC-41: the archiving deadlines run as clocks from the closing day, where the case's rule
        // set names them (interviews: electronic 10 working days, paper 30 working days).
        let book = try await RuleSetRepository(store: store).book()
        for (key, version) in c.ruleVersions.sorted(by: { $0.key < $1.key }) {
            guard let set = book.sets.first(where: { $0.key == key && $0.version == version }) else { continue }
            for step in Self.archivingSteps where set.rule(step) != nil {
                _ = try await ClockRepository(store: store).start(caseID: caseID, ruleSet: key, step: step, on: day, handlerID: c.handlerID,
                                                                  actor: actor, context: context)
            }
        }
    }

    /// The procedure's hold on filing a case with these facts, if any.
    static func hold<P: Procedure>(_ p: P.Type, _ text: String?) -> FieldError? {
        guard let text, let facts = try? JSONDecoder().decode(P.Facts.self, from: Data(text.utf8)) else { return nil }
        return P.archiveHold(facts)
    }

    /// The rule-set steps that time archiving (DOC-41).
    public static let archivingSteps = ["archiveElectronic", "archivePaper"]

    /// DOC-42: assigns the archive number `{fonds}-{year}-{retention}-{item}` with the next item of
    /// that fonds, year and retention; the retention end follows (DOC-43).
    public func archive(_ caseID: UUID, fonds: String, retention: RetentionCode, on day: LocalDate, actor: Actor, context: AuditContext) async throws -> ArchiveRow {
        try actor.require(.caseHandle)
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor) else { throw DomainError.notFound }
        guard c.closedOn != nil else {
            throw DomainError.invalid([FieldError(field: "case", rule: "DOC-41", code: "archive.case-open", messageZH: "案件尚未结案，不能归档")])
        }
        _ = try ArchiveNumber(fonds: fonds, year: day.year, retention: retention, item: 1)
        // What the procedure holds the filing for (MD-14: an unanswered 督察意见).
        if let row = try await store.sql.select().columns("case_type", "facts").from("cases").where("id", .equal, SQLBind(caseID)).first(),
           let p = store.procedures.procedure(caseType: try row.decode(column: "case_type", as: String.self)),
           let hold = Self.hold(p, try row.decode(column: "facts", as: String?.self)) {
            throw DomainError.invalid([hold])
        }
        let ends = Retention.retentionEnds(archivedOn: day, code: retention)
        let clocks = ClockRepository(store: store)
        let archived: ArchiveRow = try await store.write(context) { tx in
            if try await tx.sql.select().column("id").from("archives").where("case_id", .equal, SQLBind(caseID)).first() != nil {
                throw DomainError(.conflict, code: "archive.exists", messageZH: "该案件已归档", ruleID: "DOC-42")
            }
            let maxRow = try await tx.sql.select().column(SQLFunction("MAX", args: SQLColumn("item")), as: "m").from("archives")
                .where("fonds", .equal, SQLBind(fonds)).where("year", .equal, SQLBind(day.year)).where("retention_code", .equal, SQLBind(retention.rawValue)).first()
            let item = (try maxRow?.decode(column: "m", as: Int?.self) ?? 0) + 1
            let number = try ArchiveNumber(fonds: fonds, year: day.year, retention: retention, item: item).formatted
            try await tx.sql.insert(into: "archives").columns("id", "case_id", "unit_id", "archive_number", "fonds", "year", "retention_code", "item",
                                                             "archived_on", "retention_ends", "destroyed_on", "created_at")
                .values(SQLBind(UUID()), SQLBind(caseID), SQLBind(c.unitID), SQLBind(number), SQLBind(fonds), SQLBind(day.year), SQLBind(retention.rawValue),
                        SQLBind(item), SQLBind(day.iso), SQLBind(ends?.iso), SQLLiteral.null, SQLBind(tx.now))
                .run()
            // CP-43: a case from outside tells its system it was filed, like any change of its state.
            if let facts = try await tx.sql.select().columns("case_type", "facts").from("cases").where("id", .equal, SQLBind(caseID)).first(),
               let ref = PlatformSyncRepository.reference(caseType: try facts.decode(column: "case_type", as: String.self),
                                                          facts: try facts.decode(column: "facts", as: String?.self), procedures: store.procedures) {
                try await PlatformSyncRepository.enqueue(tx, ref, caseID: caseID, caseNumber: c.number, state: PlatformSyncRepository.archivedCode,
                                                         stateNameZH: "已归档", on: day)
            }
            tx.record("case.archive", "case", caseID.uuidString, changes: [
                "archiveNumber": .init(before: nil, after: number), "retention": .init(before: nil, after: retention.rawValue),
                "retentionEnds": .init(before: nil, after: ends?.iso ?? "永久"),
            ])
            return ArchiveRow(caseID: caseID, unitID: c.unitID, archiveNumber: number, retention: retention, archivedOn: day, retentionEnds: ends, destroyedOn: nil)
        }
        // DOC-41: archiving ends the archiving clocks (met, or late and so a yellow card).
        for clock in try await clocks.clocks(ofCase: caseID, actor: actor) where clock.isOpen && Self.archivingSteps.contains(clock.step) {
            _ = try await clocks.end(clock.id, on: day, actor: actor, context: context)
        }
        return archived
    }

    public func archiveRecord(_ caseID: UUID) async throws -> ArchiveRow? {
        try await store.sql.select().columns("case_id", "unit_id", "archive_number", "retention_code", "archived_on", "retention_ends", "destroyed_on")
            .from("archives").where("case_id", .equal, SQLBind(caseID)).first().map(Self.decodeArchive)
    }

    // MARK: Holds (DOC-50)

    public func addHold(_ caseID: UUID, kind: ArchiveHold.Kind, note: String, actor: Actor, context: AuditContext) async throws -> UUID {
        guard try await CaseRepository(store: store).find(caseID, actor: actor) != nil else { throw DomainError.notFound }
        guard actor.can(.caseHandle) || actor.can(.archiveDestroyApprove) else { throw DomainError.forbidden(Permission.caseHandle.rawValue) }
        let id = UUID()
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "case_holds").columns("id", "case_id", "kind", "note", "released_on", "created_at")
                .values(SQLBind(id), SQLBind(caseID), SQLBind(kind.rawValue), SQLBind(note), SQLLiteral.null, SQLBind(tx.now)).run()
            tx.record("case.hold", "case", caseID.uuidString, changes: ["hold": .init(before: nil, after: "\(kind.nameZH) \(note)")])
        }
        return id
    }

    public func releaseHold(_ id: UUID, on day: LocalDate, actor: Actor, context: AuditContext) async throws {
        guard let row = try await store.sql.select().column("case_id").from("case_holds").where("id", .equal, SQLBind(id)).first() else { throw DomainError.notFound }
        let caseID = try row.decode(column: "case_id", as: UUID.self)
        guard try await CaseRepository(store: store).find(caseID, actor: actor) != nil else { throw DomainError.notFound }
        try await store.write(context) { tx in
            try await tx.sql.update("case_holds").set("released_on", to: SQLBind(day.iso)).where("id", .equal, SQLBind(id)).run()
            tx.record("case.hold.release", "case", caseID.uuidString, changes: ["released": .init(before: nil, after: day.iso)])
        }
    }

    public func holds(_ caseIDs: [UUID]) async throws -> [UUID: [ArchiveHold]] {
        guard !caseIDs.isEmpty else { return [:] }
        var out: [UUID: [ArchiveHold]] = Dictionary(uniqueKeysWithValues: caseIDs.map { ($0, []) })
        for r in try await store.sql.select().columns("case_id", "kind", "note", "released_on").from("case_holds")
            .where("case_id", .in, SQLBind.group(caseIDs)).all() {
            let hold = ArchiveHold(kind: ArchiveHold.Kind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .other,
                                   note: try r.decode(column: "note", as: String.self),
                                   isReleased: try r.decode(column: "released_on", as: String?.self) != nil)
            out[try r.decode(column: "case_id", as: UUID.self), default: []].append(hold)
        }
        return out
    }

    /// The destruction candidate of an archived case, with its current holds.
    public func candidate(_ caseID: UUID, actor: Actor) async throws -> DestructionCandidate {
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor), let a = try await archiveRecord(caseID) else { throw DomainError.notFound }
        return DestructionCandidate(caseID: caseID.uuidString, archiveNumber: a.archiveNumber, title: c.title, retentionEnd: a.retentionEnds,
                                    holds: try await holds([caseID])[caseID] ?? [])
    }

    // MARK: Destruction (DOC-50, DOC-51)

    public func proposal(_ id: UUID) async throws -> (DestructionProposal, Int)? {
        guard let r = try await store.sql.select().columns("body", "version").from("destruction_proposals").where("id", .equal, SQLBind(id)).first() else { return nil }
        let p = try JSONDecoder().decode(DestructionProposal.self, from: Data(try r.decode(column: "body", as: String.self).utf8))
        return (p, try r.decode(column: "version", as: Int.self))
    }

    /// Starts a destruction list for the actor's unit.
    public func propose(actor: Actor, context: AuditContext) async throws -> DestructionProposal {
        guard actor.can(.caseAssign) || actor.can(.archiveDestroyApprove) else { throw DomainError.forbidden(Permission.caseAssign.rawValue) }
        let p = try DestructionProposal(id: UUID(), unitID: actor.unitID, proposer: actor.name, proposedOn: store.clock.todayInBeijing)
        let body = try Self.encode(p)
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "destruction_proposals").columns("id", "unit_id", "status", "body", "version", "created_at", "updated_at")
                .values(SQLBind(p.id), SQLBind(p.unitID), SQLBind(p.status.rawValue), SQLBind(body), SQLBind(1), SQLBind(tx.now), SQLBind(tx.now)).run()
            tx.record("destruction.propose", "destruction", p.id.uuidString)
        }
        return p
    }

    /// Applies one step to a stored proposal (the core value decides; the store keeps every
    /// version of it on the audit trail and the final one permanently, DOC-51).
    public func update(_ id: UUID, action: String, actor: Actor, context: AuditContext,
                       _ step: @escaping @Sendable (inout DestructionProposal) throws -> Void) async throws -> DestructionProposal {
        guard let (current, _) = try await proposal(id), actor.sees(unit: current.unitID) else { throw DomainError.notFound }
        return try await store.write(context) { tx in
            guard let r = try await tx.sql.select().columns("body", "version").from("destruction_proposals").where("id", .equal, SQLBind(id)).first() else {
                throw DomainError.notFound
            }
            var p = try JSONDecoder().decode(DestructionProposal.self, from: Data(try r.decode(column: "body", as: String.self).utf8))
            let version = try r.decode(column: "version", as: Int.self)
            let before = p.status
            try step(&p)
            try await tx.sql.update("destruction_proposals").set("status", to: SQLBind(p.status.rawValue)).set("body", to: SQLBind(try Self.encode(p)))
                .set("version", to: SQLBind(version + 1)).set("updated_at", to: SQLBind(tx.now)).where("id", .equal, SQLBind(id)).run()
            tx.record("destruction.\(action)", "destruction", id.uuidString, changes: ["status": .init(before: before.rawValue, after: p.status.rawValue)])
            return p
        }
    }

    /// DOC-50/51: carries out an approved list: re-checks holds, records the destruction, removes
    /// the destroyed cases' document bodies and attachment files (a file still used by a case
    /// that is kept stays), and keeps the metadata, the list and the record.
    public func destroy(_ id: UUID, supervisors: [String], place: String, method: String, filesRoot: String, actor: Actor,
                        context: AuditContext) async throws -> DestructionRecord {
        try actor.require(.archiveDestroyApprove)
        guard let (p, _) = try await proposal(id) else { throw DomainError.notFound }
        let ids = p.activeItems.compactMap { UUID(uuidString: $0.caseID) }
        let current = try await holds(ids)
        let holdMap = Dictionary(uniqueKeysWithValues: current.map { ($0.key.uuidString, $0.value) })
        let today = store.clock.todayInBeijing
        let proposal = try await update(id, action: "destroy", actor: actor, context: context) { p in
            try p.destroy(supervisors: supervisors, on: today, place: place, method: method, currentHolds: holdMap)
        }
        guard let record = proposal.record else { throw StoreError.corrupt("destruction without record") }
        let destroyed = record.destroyedCaseIDs.compactMap(UUID.init(uuidString:))
        let orphaned: [String] = try await store.write(context) { tx in
            var orphaned: [String] = []
            for caseID in destroyed {
                try await tx.sql.update("documents").set("values", to: SQLBind("{}")).where("case_id", .equal, SQLBind(caseID)).run()
                try await tx.sql.update("archives").set("destroyed_on", to: SQLBind(today.iso)).where("case_id", .equal, SQLBind(caseID)).run()
                tx.record("case.destroy", "case", caseID.uuidString, detail: "《档案销毁记录》\(id.uuidString)")
            }
            let shas = try await tx.sql.select().distinct().column("sha256").from("attachments").where("case_id", .in, SQLBind.group(destroyed)).all()
                .map { try $0.decode(column: "sha256", as: String.self) }
            for sha in shas {
                let stillUsed = try await tx.sql.select().column("id").from("attachments").where("sha256", .equal, SQLBind(sha))
                    .where { $0.where(SQLBinaryExpression(SQLColumn("case_id"), .notIn, SQLBind.group(destroyed))).orWhere("case_id", .is, SQLLiteral.null) }
                    .first() != nil
                if !stillUsed { orphaned.append(sha) }
            }
            return orphaned
        }
        for sha in orphaned {
            try? FileManager.default.removeItem(atPath: "\(filesRoot)/\(sha.prefix(2))/\(sha.dropFirst(2))")
        }
        return record
    }

    static func encode(_ p: DestructionProposal) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(p), as: UTF8.self)
    }

    static func decodeArchive(_ r: any SQLRow) throws -> ArchiveRow {
        ArchiveRow(caseID: try r.decode(column: "case_id", as: UUID.self), unitID: try r.decode(column: "unit_id", as: UUID.self),
                   archiveNumber: try r.decode(column: "archive_number", as: String.self),
                   retention: RetentionCode(rawValue: try r.decode(column: "retention_code", as: String.self)) ?? .d5,
                   archivedOn: LocalDate(iso: try r.decode(column: "archived_on", as: String.self)) ?? LocalDate(ordinal: 0),
                   retentionEnds: try r.decode(column: "retention_ends", as: String?.self).flatMap(LocalDate.init(iso:)),
                   destroyedOn: try r.decode(column: "destroyed_on", as: String?.self).flatMap(LocalDate.init(iso:)))
    }
}
