import FengqiaoCore
import Foundation
import SQLKit

/// One item of a bulk operation: the case as the list shows it, and what happened or would happen.
public struct BulkItemResult: Sendable {
    public let caseID: UUID
    /// The case (nil: absent, of another type, or outside the actor's scope — X-05).
    public let record: CaseRecord?
    /// nil: done (or, previewed, would be done); else the refusal with its code and rule.
    public let refusal: DomainError?

    public init(caseID: UUID, record: CaseRecord?, refusal: DomainError?) {
        self.caseID = caseID
        self.record = record
        self.refusal = refusal
    }
}

/// CP-44: a transition applied to many cases of one procedure, each through `ProcedureRepository.perform`
/// — its own checks, its own transaction, its own audit entry — so that a refused item changes nothing
/// and does not stop the others. The preview runs the same checks without writing.
public struct BulkRepository<P: Procedure>: Sendable {
    public let store: Store
    public init(store: Store, _ procedure: P.Type = P.self) { self.store = store }

    /// The open cases of the procedure in the actor's scope, optionally in one state, oldest first, at most `limit`.
    public func openCases(actor: Actor, state: String?, limit: Int) async throws -> [CaseRecord] {
        var q = store.sql.select().columns(CaseRepository.columns).from("cases")
            .where("case_type", .equal, SQLBind(P.caseType)).where("closed_on", .is, SQLLiteral.null)
        if let state { q = q.where("state", .equal, SQLBind(state)) }
        guard let scoped = CaseScope.filter(q, actor: actor) else { return [] }
        return try await scoped.orderBy("opened_on").orderBy("id").limit(limit).all().map(CaseRepository.decode)
    }

    /// What `key` with `input` would do to each case, checked as the transition checks it, nothing written.
    public func preview(_ key: String, caseIDs: [UUID], input: ActionInput, actor: Actor) async throws -> [BulkItemResult] {
        let repository = ProcedureRepository<P>(store: store)
        var out: [BulkItemResult] = []
        for id in caseIDs {
            guard let loaded = try await repository.find(id, actor: actor) else {
                out.append(BulkItemResult(caseID: id, record: nil, refusal: .notFound))
                continue
            }
            let c = loaded.procedureCase
            let transition = P.transition(key) ?? P.creation
            let ctx = try await repository.context(actor: actor, partyIDs: c.partyIDs,
                                                   users: P.referencedUsers(transition, input: input, facts: c.facts) + [actor.userID], caseID: id)
            switch ProcedureEngine.perform(P.self, key, on: c, input: input, context: ctx) {
            case let .failure(refusal): out.append(BulkItemResult(caseID: id, record: loaded.record, refusal: refusal.domainError))
            case let .success(outcome):
                do {
                    // The receiving unit is resolved as the write resolves it (an unknown code, the same unit).
                    _ = try await repository.movedUnit(outcome.move, from: loaded.record.unitID)
                    out.append(BulkItemResult(caseID: id, record: loaded.record, refusal: nil))
                } catch let e as DomainError {
                    out.append(BulkItemResult(caseID: id, record: loaded.record, refusal: e))
                }
            }
        }
        return out
    }

    /// Applies `key` to each case in turn, each in its own write with its own audit entry (CP-44).
    public func apply(_ key: String, caseIDs: [UUID], input: ActionInput, actor: Actor, context: AuditContext) async throws -> [BulkItemResult] {
        let repository = ProcedureRepository<P>(store: store)
        var out: [BulkItemResult] = []
        for id in caseIDs {
            do {
                let done = try await repository.perform(key, caseID: id, input: input, expectedVersion: nil, actor: actor, context: context)
                out.append(BulkItemResult(caseID: id, record: done.record, refusal: nil))
            } catch let e as DomainError {
                // Refused: nothing of this item was written (perform writes in one transaction or not at all).
                out.append(BulkItemResult(caseID: id, record: try await CaseRepository(store: store).find(id, actor: actor), refusal: e))
            }
        }
        return out
    }

    /// The cases and their facts as the actor may see them (CP-08, X-09), for an export; absent ones left out.
    public func visible(_ caseIDs: [UUID], actor: Actor) async throws -> [ProcedureCaseRecord<P.Facts>] {
        let repository = ProcedureRepository<P>(store: store)
        var out: [ProcedureCaseRecord<P.Facts>] = []
        for id in caseIDs {
            guard let loaded = try await repository.find(id, actor: actor) else { continue }
            let c = loaded.procedureCase
            let facts = P.visible(c.facts, handlerID: c.handlerID, unitID: c.unitID, to: actor)
            out.append(ProcedureCaseRecord(record: loaded.record, procedureCase: ProcedureCase(
                id: c.id, unitID: c.unitID, state: c.state, gravity: c.gravity, partyIDs: c.partyIDs, handlerID: c.handlerID, openedOn: c.openedOn, facts: facts)))
        }
        return out
    }
}
