import FengqiaoCore
import FluentKit
import Foundation

extension OrganisationRepository {
    /// The users holding (or having held) a qualification of `kind` whom `actor` may see — by the
    /// unit they belong to (PLT-05) — each with every qualification, as the procedures see people
    /// (the mediator list, MD-01…MD-07). Revoked qualifications are kept, marked.
    /// `actor` nil: every unit's (the public mediator list, MD-10).
    public func people(holding kind: String, visibleTo actor: Actor?) async throws -> [PersonFact] {
        let ids = Set(try await QualificationModel.query(on: store.db).filter(\.$kind == kind).all().map(\.userID))
        // The public list shows active users only; the internal one shows a deactivated user as such.
        return try await people(ids).values.filter { p in actor.map { $0.sees(unit: p.unitID) } ?? p.active }.sorted { $0.name < $1.name }
    }

    /// These people as the procedures see them (PLT-02, PLT-06): name, unit, roles, every
    /// qualification and the parties they must keep away from — four reads for any number of people.
    public func people(_ ids: Set<UUID>) async throws -> [UUID: PersonFact] {
        guard !ids.isEmpty else { return [:] }
        let users = try await users(ids: ids)
        var quals: [UUID: [QualificationFact]] = [:]
        for q in try await QualificationModel.query(on: store.db).filter(\.$userID ~~ Array(ids)).sort(\.$obtainedOn).all() {
            guard let obtained = LocalDate(iso: q.obtainedOn) else { continue }
            quals[q.userID, default: []].append(QualificationFact(kind: q.kind, obtainedOn: obtained, expiresOn: q.expiresOn.flatMap { LocalDate(iso: $0) },
                                                                  revoked: q.revoked))
        }
        var conflicts: [UUID: Set<UUID>] = [:]
        for c in try await ConflictModel.query(on: store.db).filter(\.$userID ~~ Array(ids)).all() { conflicts[c.userID, default: []].insert(c.partyID) }
        var out: [UUID: PersonFact] = [:]
        for u in users {
            out[u.id] = PersonFact(id: u.id, name: u.name, unitID: u.unitID, active: u.active, qualifications: quals[u.id] ?? [],
                                   conflictParties: conflicts[u.id] ?? [],
                                   roles: u.roles.map { PersonFact.Assignment(roleCode: $0.roleCode, unitID: $0.unitID, scope: $0.scope) })
        }
        return out
    }
}
