import FengqiaoCore
import Foundation
import SQLKit

/// PLT-05 / X-05 for cases, in the data layer: a unit in the actor's scope shows all its cases,
/// except where the actor's scope is only `own` — there only the cases the actor handles, that wait
/// on them or that name them (migration 013).
enum CaseScope {
    /// Narrows a query over `cases` (or a table with the case's id and unit; `handlerID` nil reads the
    /// handler from `cases`) to the actor's scope. Returns nil when nothing can be in scope.
    static func filter(_ q: SQLSelectBuilder, actor: Actor, caseID: String = "id", unitID: String = "unit_id",
                       handlerID: String? = "handler_id") -> SQLSelectBuilder? {
        guard let visible = actor.visibleUnits else { return q }
        guard !visible.isEmpty else { return nil }
        let whole = visible.subtracting(actor.ownOnlyUnits)
        let own = actor.ownOnlyUnits
        if own.isEmpty { return q.where(SQLIdentifier(unitID), .in, SQLBind.group(Array(whole))) }
        let me = actor.userID
        return q.where { w in
            var w = w
            if !whole.isEmpty { w = w.orWhere(SQLIdentifier(unitID), .in, SQLBind.group(Array(whole))) }
            return w.orWhere { o in
                o.where(SQLIdentifier(unitID), .in, SQLBind.group(Array(own))).where { inv in
                    var inv = inv
                    if let handlerID { inv = inv.orWhere(SQLIdentifier(handlerID), .equal, SQLBind(me)) } else {
                        inv = inv.orWhere(SQLIdentifier(caseID), .in, SQLSubquery.select {
                            $0.column("id").from("cases").where("handler_id", .equal, SQLBind(me))
                        })
                    }
                    return inv.orWhere(SQLIdentifier(caseID), .in, SQLSubquery.select {
                        $0.column("case_id").from("case_people").where("user_id", .equal, SQLBind(me))
                    })
                }
            }
        }
    }

    /// Whether the case is in the actor's scope: its unit, and for an `own`-only unit, the actor's
    /// involvement.
    static func sees(caseID: UUID, unitID: UUID, handlerID: UUID?, actor: Actor, on sql: any SQLDatabase) async throws -> Bool {
        guard actor.sees(unit: unitID) else { return false }
        guard actor.ownOnlyUnits.contains(unitID) else { return true }
        if handlerID == actor.userID { return true }
        let row = try await sql.select().column("case_id").from("case_people").where("case_id", .equal, SQLBind(caseID))
            .where("user_id", .equal, SQLBind(actor.userID)).first()
        return actor.sees(caseOf: unitID, involved: row != nil)
    }

    /// Records people involved in the case (waited on, acting, handling); each once.
    static func involve(_ tx: WriteTx, caseID: UUID, users: [UUID]) async throws {
        guard !users.isEmpty else { return }
        let known = Set(try await tx.sql.select().column("user_id").from("case_people").where("case_id", .equal, SQLBind(caseID)).all()
            .map { try $0.decode(column: "user_id", as: UUID.self) })
        var seen = known
        for user in users where seen.insert(user).inserted {
            try await tx.sql.insert(into: "case_people").columns("case_id", "user_id").values(SQLBind(caseID), SQLBind(user)).run()
        }
    }

    /// Takes people the case no longer involves out of it (CP-17: a withdrawn delegate): an `own`
    /// scope no longer reaches it, and it leaves their worklist.
    static func dismiss(_ tx: WriteTx, caseID: UUID, users: [UUID]) async throws {
        guard !users.isEmpty else { return }
        for table in ["case_people", "case_waiting"] {
            try await tx.sql.delete(from: table).where("case_id", .equal, SQLBind(caseID)).where("user_id", .in, SQLBind.group(users)).run()
        }
    }
}
