import Foundation

// PLT-06 in the engine, so every procedure gets it: a user recorded as related to a party (亲属、利害
// 关系) cannot handle, review, approve or mediate that party's case. The actor of any transition is
// checked (the handler acting, the legal reviewer reviewing, the approver approving), and so is every
// user a transition assigns through its user fields (interviewers, trackers, handlers) — the
// assignment is refused. The store puts the actor and the named users in `context.people`.

extension ProcedureEngine {
    /// Every conflict of interest the transition would create, each with its field and PLT-06.
    static func conflicts(_ t: TransitionSpec, input: ActionInput, partyIDs: [UUID], context: ProcedureContext) -> [FieldError] {
        let parties = Set(partyIDs)
        guard !parties.isEmpty else { return [] }
        var v: [FieldError] = []
        if let me = context.people[context.actor.userID], !me.conflictParties.isDisjoint(with: parties) {
            v.append(actorConflict(t, name: me.name))
        }
        for f in t.fields where f.kind == .user || f.kind == .users {
            let ids = f.kind == .user ? (input.uuid(f.name).map { [$0] } ?? []) : input.uuids(f.name)
            let people = Set(ids).compactMap { context.people[$0] }.sorted { $0.name < $1.name }
            for p in people where !p.conflictParties.isDisjoint(with: parties) {
                v.append(FieldError(field: f.name, rule: "PLT-06", code: "conflict.of-interest", messageZH: "\(p.name)与当事人存在利害关系，应当回避"))
            }
        }
        return v
    }

    static func actorConflict(_ t: TransitionSpec, name: String) -> FieldError {
        FieldError(field: "actor", rule: "PLT-06", code: "conflict.of-interest.actor",
                   messageZH: "\(name)与当事人存在利害关系，应当回避，不能办理“\(t.nameZH)”")
    }

    /// The actor's own conflict only (the case page lists it before any input).
    static func actorConflicts(_ t: TransitionSpec, partyIDs: [UUID], context: ProcedureContext) -> [FieldError] {
        guard let me = context.people[context.actor.userID], !me.conflictParties.isDisjoint(with: Set(partyIDs)) else { return [] }
        return [actorConflict(t, name: me.name)]
    }

    /// The same violation found by the engine and by a procedure's own rule is listed once.
    static func deduplicated(_ violations: [FieldError]) -> [FieldError] {
        var out: [FieldError] = []
        for v in violations where !out.contains(where: { $0.field == v.field && $0.code == v.code && $0.messageZH == v.messageZH }) { out.append(v) }
        return out
    }
}
