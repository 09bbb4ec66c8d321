import FengqiaoCore
import Foundation
import SQLKit

/// The open cases a worklist shows (issue 5 item 4), with their running clocks; scope in the query
///
public struct WorklistRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// Open cases of `caseTypes` in the actor's scope — for `mine` those the actor handles, that wait
    /// in one of `states` or that wait on the actor by name, for `major` the major ones — most urgent first: ordered by the earliest due
    /// date of their running steps (CAL-40; clocks that only measure an indicator aside), `limit` from
    /// `offset`. The order is the case's `next_due` (migration 009), so a page is an index range.
    /// - Parameter waiting: case type → the states in which a step waits on the actor's permissions;
    ///   the keys are the case types listed.
    public func cases(view: WorklistView, waiting: [String: Set<String>], state: String?, actor: Actor,
                      limit: Int = 50, offset: Int = 0) async throws -> [(WorkCase, [ClockRecord])] {
        let caseTypes = waiting.keys.sorted()
        guard !caseTypes.isEmpty else { return [] }
        var q = store.sql.select()
            .columns("id", "number", "title", "case_type", "state", "gravity", "handler_id")
            .from("cases")
            .where("closed_on", .is, SQLLiteral.null).where("next_due", .isNot, SQLLiteral.null)
            .where("case_type", .in, SQLBind.group(caseTypes))
        // X-05, PLT-05 (`own`: only the cases the actor is involved in).
        guard let scoped = CaseScope.filter(q, actor: actor) else { return [] }
        q = scoped
        switch view {
        case .mine:
            let me = actor.userID
            q = q.where { w in
                var w = w.orWhere("handler_id", .equal, SQLBind(me))
                // A state waits on the actor only in its own procedure: two procedures may share a state key.
                for (caseType, states) in waiting.sorted(by: { $0.key < $1.key }) where !states.isEmpty {
                    w = w.orWhere { $0.where("case_type", .equal, SQLBind(caseType)).where("state", .in, SQLBind.group(states.sorted())) }
                }
                // Steps that wait on the actor by name (the assigned interviewers, IV-12).
                return w.orWhere("id", .in, SQLSubquery.select { $0.column("case_id").from("case_waiting").where("user_id", .equal, SQLBind(me)) })
            }
        case .unit: break
        case .major: q = q.where("gravity", .equal, SQLBind(Gravity.major.rawValue))
        }
        if let state { q = q.where("state", .equal, SQLBind(state)) }
        let rows = try await q.orderBy("next_due", .ascending).orderBy("number", .ascending).limit(limit).offset(offset).all()
        let cases = try rows.map { r in
            WorkCase(id: try r.decode(column: "id", as: UUID.self), number: try r.decode(column: "number", as: String?.self),
                     title: try r.decode(column: "title", as: String.self), caseType: try r.decode(column: "case_type", as: String.self),
                     state: try r.decode(column: "state", as: String.self),
                     gravity: Gravity(rawValue: try r.decode(column: "gravity", as: String.self)) ?? .ordinary,
                     handlerID: try r.decode(column: "handler_id", as: UUID?.self))
        }
        guard !cases.isEmpty else { return [] }
        let clockRows = try await store.sql.select().columns(ClockRepository.selected).from("clocks")
            .where("case_id", .in, SQLBind.group(cases.map(\.id)))
            .where("ended_on", .is, SQLLiteral.null).where("cancelled_on", .is, SQLLiteral.null)
            .where("measure", .equal, SQLBind(false)).all()  // a measure is not the case's step
        let clocks = Dictionary(grouping: try await ClockRepository.decode(clockRows, on: store.sql), by: \.caseID)
        return cases.map { ($0, clocks[$0.id] ?? []) }
    }
}
