import FengqiaoCore
import Foundation
import SQLKit

// Opening a case in two halves: everything the engine checks and the store reads, before any write;
// then the rows, inside a write. `open` runs both; a transition that opens a case of another
// registered procedure through that procedure's own creating step (a mixed complaint's report track,
// CP-07; a clue found in mediation, CP-24) prepares it before its write and inserts it inside, so
// both cases, their clocks and their link commit together or not at all.

/// A case checked by its procedure and ready to be written.
public struct PreparedOpening: Sendable {
    public let caseType: String
    /// Writes the case, its party links, its timeline entry and its clocks.
    public let insert: @Sendable (WriteTx) async throws -> CaseRecord
}

extension ProcedureRepository {
    /// Checks `input` through the creating transition and reads what the write needs; refuses with
    /// every unmet rule, writes nothing.
    public func prepareOpening(_ input: ActionInput, unitID: UUID? = nil, actor: Actor) async throws -> PreparedOpening {
        let partyIDs = P.creation.fields.filter { $0.kind == .party }.compactMap { input.uuid($0.name) }
        // The users the opening names (officers of a case opened filed) are checked like a step's (PLT-02).
        let users = [actor.userID] + P.referencedUsers(P.creation, input: input, facts: nil)
        let ctx = try await context(actor: actor, partyIDs: partyIDs, users: users, caseID: nil)
        let unit = unitID ?? actor.unitID
        guard actor.sees(unit: unit) else { throw DomainError.notFound }
        let created: Opened<P.Facts>
        switch ProcedureEngine.create(P.self, input: input, context: ctx) {
        case let .success(c): created = c
        case let .failure(refusal): throw refusal.domainError
        }
        let book = try await RuleSetRepository(store: store).book()
        let bindOn = created.ruleDate ?? ctx.today
        guard let set = book.inForce(P.ruleSetKey, on: bindOn) else {
            throw DomainError.invalid([FieldError(field: "openedOn", rule: "CAL-21", code: "ruleset.none-in-force",
                                                  messageZH: "\\(bindOn.chinese)没有生效的时限规则（\\(P.ruleSetKey)）")])
        }
        // CP-43: a key another case holds is refused before anything is written (and again inside the write).
        let keys = P.uniqueKeys(created.facts)
        if let taken = try await Self.takenKey(keys, on: store.sql) { throw DomainError.invalid([taken.refusal]) }
        let factsText = String(decoding: try Self.encoder.encode(created.facts), as: UTF8.self)
        let versions = CaseRepository.encode([P.ruleSetKey: set.version])
        let names = ctx.partyNames
        let today = ctx.today
        let calendar = ctx.calendar
        let initial = created.state ?? P.states[0].key
        // A case the system opens (CP-43: a platform pull) waits unassigned in its unit, not on the system.
        let handler = created.handlerID ?? (actor.isSystem ? nil : actor.userID)
        return PreparedOpening(caseType: P.caseType) { tx in
            let id = UUID()
            // Writes are serialised, so a key free here stays free until this write commits.
            if let taken = try await Self.takenKey(keys, on: tx.sql) { throw DomainError.invalid([taken.refusal]) }
            for k in keys {
                try await tx.sql.insert(into: "case_keys").columns("case_type", "key", "case_id").values(SQLBind(P.caseType), SQLBind(k.key), SQLBind(id)).run()
            }
            let number = try await Self.nextNumber(tx, unitID: unit, moduleCode: P.module.moduleCode, year: today.year)
            try await tx.sql.insert(into: "cases")
                .columns("id", "unit_id", "case_type", "number", "title", "gravity", "state", "handler_id", "opened_on", "rule_versions", "version",
                         "created_at", "updated_at", "facts", "category", "counts_as_prior", "owner_unit_id")
                .values(SQLBind(id), SQLBind(unit), SQLBind(P.caseType), SQLBind(number), SQLBind(created.title), SQLBind(created.gravity.rawValue),
                        SQLBind(initial), SQLBind(handler), SQLBind(today.iso), SQLBind(versions), SQLBind(1), SQLBind(tx.now), SQLBind(tx.now),
                        SQLBind(factsText), SQLBind(P.category(created.facts)), SQLBind(P.countsAsPrior(created.facts)),
                        // 谁受理谁回访 (ST-21): the unit that opened the case owns its revisits wherever it moves.
                        SQLBind(unit))
                .run()
            // Migration 033: what the statistics count the case by, with the case.
            try await CaseStatistics.write(tx.sql, P.self, caseID: id, unitID: unit, facts: created.facts, replacing: false)
            for p in created.partyIDs {
                try await tx.sql.insert(into: "party_case_links").columns("id", "party_id", "case_id", "case_number", "module", "state", "opened_on", "unit_id")
                    .values(SQLBind(UUID()), SQLBind(p), SQLBind(id), SQLBind(number), SQLBind(P.caseType), SQLBind(initial), SQLBind(today.iso),
                            SQLBind(unit))
                    .run()
            }
            try await Self.writeWaiting(tx, caseID: id, users: P.waitingOn(created.facts, state: initial), replacing: false)
            tx.record("case.create", "case", id.uuidString, changes: [
                "type": .init(before: nil, after: P.caseType), "number": .init(before: nil, after: number), "title": .init(before: nil, after: created.title),
                "parties": .init(before: nil, after: created.partyIDs.compactMap { names[$0] }.joined(separator: "、")),
                "ruleVersions": .init(before: nil, after: versions),
            ], detail: P.creation.nameZH)
            // CP-43: a case from outside tells its system it was registered here, with our number.
            if let ref = P.externalReference(created.facts) {
                try await PlatformSyncRepository.enqueue(tx, ref, caseID: id, caseNumber: number, state: initial, stateNameZH: P.stateNameZH(initial), on: today)
            }
            // The clocks in the same transaction: a case never exists without its running steps.
            try await Self.applyClocks(tx, created.clocks, on: .init(id: id, unitID: unit, title: created.title, handlerID: handler), set: set,
                                       calendar: calendar, today: today, actor: actor)
            return CaseRecord(id: id, unitID: unit, caseType: P.caseType, number: number, title: created.title, gravity: created.gravity.rawValue,
                              state: initial, handlerID: handler, openedOn: today, ruleVersions: [P.ruleSetKey: set.version], closedOn: nil,
                              version: 1)
        }
    }

    /// The first of `keys` another case of the procedure already holds.
    static func takenKey(_ keys: [CaseKey], on sql: any SQLDatabase) async throws -> CaseKey? {
        for k in keys {
            let row = try await sql.select().column("case_id").from("case_keys").where("case_type", .equal, SQLBind(P.caseType))
                .where("key", .equal, SQLBind(k.key)).first()
            if row != nil { return k }
        }
        return nil
    }

    /// The linked cases a transition opens through another registered procedure's creating step,
    /// prepared in the unit the origin is in after the transition (`unit`), as the actor.
    func prepareLinked(_ links: [LinkedCaseEffect], unit: UUID, actor: Actor) async throws -> [(link: LinkedCaseEffect, opening: PreparedOpening)] {
        var out: [(link: LinkedCaseEffect, opening: PreparedOpening)] = []
        for link in links {
            guard let input = link.opening else { continue }
            guard let q = store.procedures.procedure(caseType: link.caseType) else {
                throw DomainError.invalid([FieldError(field: "linked", rule: "CP-07", code: "case.link.unknown-procedure",
                                                      messageZH: "未登记的案件类型“\\(link.caseType)”")])
            }
            // MD-23: the system registers it, with the creating step's permissions and the actor's reach
            // (the parties it names), so it waits unassigned in the unit for the procedure's own officers.
            let opener = link.bySystem
                ? Actor(userID: Actor.systemUserID, login: "system:linked", name: "系统", unitID: unit, permissions: Set(q.creation.permissions),
                        roleCodes: [], visibleUnits: actor.visibleUnits)
                : actor
            out.append((link, try await Self.prepare(q, store: store, input: input, unit: unit, actor: opener)))
        }
        return out
    }

    private static func prepare<Q: Procedure>(_ q: Q.Type, store: Store, input: ActionInput, unit: UUID, actor: Actor) async throws -> PreparedOpening {
        try await ProcedureRepository<Q>(store: store, q).prepareOpening(input, unitID: unit, actor: actor)
    }

    /// Inserts a prepared linked case and its link from `origin`, inside the transition's write.
    static func insertLinked(_ tx: WriteTx, _ prepared: (link: LinkedCaseEffect, opening: PreparedOpening), origin: UUID) async throws {
        let record = try await prepared.opening.insert(tx)
        try await tx.sql.insert(into: "case_links").columns("id", "from_case_id", "to_case_id", "relation", "created_at")
            .values(SQLBind(UUID()), SQLBind(origin), SQLBind(record.id), SQLBind(prepared.link.relation), SQLBind(tx.now)).run()
    }
}
