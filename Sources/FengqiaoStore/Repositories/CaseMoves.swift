import FengqiaoCore
import Foundation
import SQLKit

// A transition that moves its case to another unit (issue 12 item 4: dispatch 分流/转办, return
// 回流), applied in the transition's write: the case's unit, its running clocks (unit and handler),
// its party links and its scope follow; the unit it leaves keeps read access only when the move
// says so (`case_readers`).

extension ProcedureRepository {
    /// The unit the case is in after `move`: the named unit, checked before the write so a refusal
    /// names the field and rule; the current unit when there is no move.
    func movedUnit(_ move: CaseMove?, from current: UUID) async throws -> UUID {
        guard let move else { return current }
        let org = OrganisationRepository(store: store)
        let units = try await org.tree().units
        let target: UUID?
        switch move.to {
        case let .id(id): target = units[id]?.id
        case let .code(code): target = units.values.first { $0.code == code }?.id
        }
        guard let target else {
            throw DomainError.invalid([FieldError(field: "unit", rule: move.rule, code: "case.move.unit-unknown", messageZH: "没有要移送的单位")])
        }
        guard target != current else {
            throw DomainError.invalid([FieldError(field: "unit", rule: move.rule, code: "case.move.same-unit", messageZH: "案件已在该单位，无需移送")])
        }
        return target
    }

    /// The links the actor may follow: a linked case outside their scope is not even named (X-05;
    /// CP-08, CP-17: a delegated mediator never learns of the report track split from a complaint).
    public func links(_ id: UUID, readableBy actor: Actor) async throws -> [CaseLink] {
        let cases = CaseRepository(store: store)
        var out: [CaseLink] = []
        for link in try await links(id) {
            if try await cases.find(link.caseID, actor: actor, reading: true) != nil { out.append(link) }
        }
        return out
    }

    /// Moves the case from `from` to `to` in the transition's write, audited with both units.
    static func applyMove(_ tx: WriteTx, _ move: CaseMove, caseID: UUID, from: UUID, to: UUID, handlerID: UUID?) async throws {
        // 谁受理谁回访 (ST-21, MD-34): the unit that accepted the case keeps owning its revisits.
        try await tx.sql.update("cases").set("owner_unit_id", to: SQLBind(from)).where("id", .equal, SQLBind(caseID))
            .where("owner_unit_id", .is, SQLLiteral.null).run()
        try await tx.sql.update("cases").set("unit_id", to: SQLBind(to)).where("id", .equal, SQLBind(caseID)).run()
        // Running clocks go with the case (reminders, worklists, cards of the unit now responsible);
        // ended ones stay with the unit that met or missed them (CAL-42).
        // A sub-task's clock stays with the unit asked (issue 12 item 4).
        try await tx.sql.update("clocks").set("unit_id", to: SQLBind(to)).set("handler_id", to: SQLBind(handlerID))
            .where("case_id", .equal, SQLBind(caseID)).where("ended_on", .is, SQLLiteral.null).where("cancelled_on", .is, SQLLiteral.null)
            .where("id", .notIn, SQLSubquery.select { $0.column("clock_id").from("case_subtasks").where("case_id", .equal, SQLBind(caseID))
                .where("clock_id", .isNot, SQLLiteral.null) }).run()
        try await tx.sql.update("party_case_links").set("unit_id", to: SQLBind(to)).where("case_id", .equal, SQLBind(caseID)).run()
        // The unit the case arrives in owns it again: no reader row of its own.
        try await tx.sql.delete(from: "case_readers").where("case_id", .equal, SQLBind(caseID)).where("unit_id", .equal, SQLBind(to)).run()
        if move.keepReadAccess {
            try await tx.sql.delete(from: "case_readers").where("case_id", .equal, SQLBind(caseID)).where("unit_id", .equal, SQLBind(from)).run()
            try await tx.sql.insert(into: "case_readers").columns("case_id", "unit_id", "granted_at")
                .values(SQLBind(caseID), SQLBind(from), SQLBind(tx.now)).run()
        }
        tx.record("case.move", "case", caseID.uuidString, changes: [
            "unit": .init(before: from.uuidString, after: to.uuidString),
            "readAccess": .init(before: nil, after: move.keepReadAccess ? from.uuidString : nil),
        ], detail: "案件移送（\(move.rule)）")
    }
}

extension CaseRepository {
    /// The case for reading: in the actor's scope, or of a case moved away from a unit that
    /// kept read access and that the actor sees as a whole (not `own`-only). Never for acting on it.
    public func find(_ id: UUID, actor: Actor, reading: Bool) async throws -> CaseRecord? {
        if let c = try await find(id, actor: actor) { return c }
        guard reading, let visible = actor.visibleUnits else { return nil }
        let whole = visible.subtracting(actor.ownOnlyUnits)
        guard !whole.isEmpty, let c = try await Self.load(id, on: store.sql) else { return nil }
        let row = try await store.sql.select().column("unit_id").from("case_readers").where("case_id", .equal, SQLBind(id))
            .where("unit_id", .in, SQLBind.group(Array(whole))).first()
        if row != nil { return c }
        // 谁受理谁回访 (ST-21, MD-34): the unit that accepted a case reads it once closed, to revisit it.
        guard c.closedOn != nil, store.procedures.procedure(caseType: c.caseType)?.module.capabilities.contains(.revisits) == true,
              let owner = try await Self.ownerUnit(id, on: store.sql), owner != c.unitID, whole.contains(owner) else { return nil }
        return c
    }

    /// The unit that accepted the case (migration 021): recorded when it first moved, else its unit.
    public static func ownerUnit(_ id: UUID, on sql: any SQLDatabase) async throws -> UUID? {
        guard let row = try await sql.select().columns("unit_id", "owner_unit_id").from("cases").where("id", .equal, SQLBind(id)).first() else { return nil }
        return try row.decode(column: "owner_unit_id", as: UUID?.self) ?? row.decode(column: "unit_id", as: UUID.self)
    }
}
