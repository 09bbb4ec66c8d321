import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// PLT-08: the expert pool, kept by holders of `expert.manage` (the legal department) and read by
/// everyone who handles cases; an expert's participation is recorded on the case's timeline. The
/// contact is sealed (PLT-34) and never listed.
public struct ExpertRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    public struct Expert: Sendable, Equatable {
        public let id: UUID
        public let name: String
        public let field: String
        public let organisation: String
        public let active: Bool
        /// Parties the expert must not be involved with (PLT-06).
        public let conflictParties: Set<UUID>
    }

    public struct Participation: Sendable, Equatable {
        public let expertName: String
        public let field: String
        public let occasion: ExpertOccasion
        public let on: LocalDate
        public let note: String
    }

    public func create(_ input: ExpertInput, actor: Actor, context: AuditContext) async throws -> UUID {
        try actor.require(.expertManage)
        let valid: ExpertInput
        switch input.validated() {
        case let .success(v): valid = v
        case let .failure(e): throw e
        }
        let id = UUID()
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "experts").columns("id", "name", "field", "organisation", "phone_cipher", "active", "created_at")
                .values(SQLBind(id), SQLBind(valid.name), SQLBind(valid.field), SQLBind(valid.organisation), SQLBind(valid.phone.map(store.crypto.seal)),
                        SQLBind(true), SQLBind(tx.now)).run()
            tx.record("expert.create", "expert", id.uuidString, detail: "\(valid.name)（\(valid.field)，\(valid.organisation)）")
        }
        return id
    }

    /// Records a party the expert must not be involved with (PLT-06).
    public func addConflict(expertID: UUID, partyID: UUID, relation: String, actor: Actor, context: AuditContext) async throws {
        try actor.require(.expertManage)
        let relation = relation.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !relation.isEmpty else {
            throw DomainError.invalid([FieldError(field: "relation", rule: "PLT-06", code: "expert.conflict.relation", messageZH: "请说明利害关系")])
        }
        guard try await expert(expertID) != nil else { throw DomainError.notFound }
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "expert_conflicts").columns("id", "expert_id", "party_id", "relation", "created_at")
                .values(SQLBind(UUID()), SQLBind(expertID), SQLBind(partyID), SQLBind(relation), SQLBind(tx.now)).run()
            tx.record("expert.conflict", "expert", expertID.uuidString, detail: relation)
        }
    }

    /// The pool, by name; for those who handle cases or keep the pool.
    public func list(actor: Actor) async throws -> [Expert] {
        guard actor.can(.caseHandle) || actor.can(.expertManage) else { throw DomainError.forbidden(Permission.caseHandle.rawValue) }
        return try await experts(nil)
    }

    func expert(_ id: UUID) async throws -> Expert? { try await experts(id).first }

    func experts(_ id: UUID?) async throws -> [Expert] {
        var q = store.sql.select().columns("id", "name", "field", "organisation", "active").from("experts").orderBy("name")
        if let id { q = q.where("id", .equal, SQLBind(id)) }
        let rows = try await q.all()
        var conflicts: [UUID: Set<UUID>] = [:]
        for r in try await store.sql.select().columns("expert_id", "party_id").from("expert_conflicts").all() {
            conflicts[try r.decode(column: "expert_id", as: UUID.self), default: []].insert(try r.decode(column: "party_id", as: UUID.self))
        }
        return try rows.map { r in
            let id = try r.decode(column: "id", as: UUID.self)
            return Expert(id: id, name: try r.decode(column: "name", as: String.self), field: try r.decode(column: "field", as: String.self),
                          organisation: try r.decode(column: "organisation", as: String.self), active: try r.decode(column: "active", as: Bool.self),
                          conflictParties: conflicts[id] ?? [])
        }
    }

    /// Invites an expert to a case in the actor's scope, on a day, for an occasion; refused with every
    /// reason (PLT-06, PLT-08, X-06); on the case's timeline.
    public func invite(caseID: UUID, expertID: UUID?, occasion: String?, on: String?, note: String?, actor: Actor, context: AuditContext) async throws {
        try actor.require(.caseHandle)
        guard try await CaseRepository(store: store).find(caseID, actor: actor) != nil else { throw DomainError.notFound }
        guard let expertID, let expert = try await expert(expertID) else {
            throw DomainError.invalid([FieldError(field: "expert", rule: "PLT-08", code: "expert.unknown", messageZH: "请从专家库中选择专家")])
        }
        guard let occasion = occasion.flatMap(ExpertOccasion.init(rawValue:)) else {
            throw DomainError.invalid([FieldError(field: "occasion", rule: "PLT-08", code: "expert.occasion.invalid", messageZH: "请选择参与事项（约谈、调解或听证）")])
        }
        let parties = try await store.sql.select().column("party_id").from("party_case_links").where("case_id", .equal, SQLBind(caseID)).all()
            .map { try $0.decode(column: "party_id", as: UUID.self) }
        let day: LocalDate
        switch ExpertInvitation.check(expertName: expert.name, active: expert.active, conflictParties: expert.conflictParties, caseParties: parties,
                                      on: on, today: store.clock.todayInBeijing) {
        case let .success(d): day = d
        case let .failure(e): throw e
        }
        let text = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "case_experts").columns("id", "case_id", "expert_id", "occasion", "on_date", "note", "created_by", "created_at")
                .values(SQLBind(UUID()), SQLBind(caseID), SQLBind(expertID), SQLBind(occasion.rawValue), SQLBind(day.iso), SQLBind(text),
                        SQLBind(actor.userID), SQLBind(tx.now)).run()
            tx.record("case.expert", "case", caseID.uuidString, changes: [
                "expert": .init(before: nil, after: "\(expert.name)（\(expert.field)）"), "occasion": .init(before: nil, after: occasion.nameZH),
                "on": .init(before: nil, after: day.chinese),
            ], detail: "邀请专家\(expert.name)（\(expert.field)）\(day.chinese)参与\(occasion.nameZH)")
        }
    }

    /// The experts who took part in a case, by date.
    public func participations(caseID: UUID, actor: Actor) async throws -> [Participation] {
        guard try await CaseRepository(store: store).find(caseID, actor: actor) != nil else { throw DomainError.notFound }
        let rows = try await store.sql.select().columns(SQLColumn("name", table: "experts"), SQLColumn("field", table: "experts"),
                                                       SQLColumn("occasion", table: "case_experts"), SQLColumn("on_date", table: "case_experts"),
                                                       SQLColumn("note", table: "case_experts"))
            .from("case_experts").join("experts", on: SQLColumn("expert_id", table: "case_experts"), .equal, SQLColumn("id", table: "experts"))
            .where(SQLColumn("case_id", table: "case_experts"), .equal, SQLBind(caseID)).orderBy(SQLColumn("on_date", table: "case_experts")).all()
        return try rows.compactMap { r in
            guard let occasion = ExpertOccasion(rawValue: try r.decode(column: "occasion", as: String.self)),
                  let on = LocalDate(iso: try r.decode(column: "on_date", as: String.self)) else { return nil }
            return Participation(expertName: try r.decode(column: "name", as: String.self), field: try r.decode(column: "field", as: String.self),
                                 occasion: occasion, on: on, note: try r.decode(column: "note", as: String.self))
        }
    }
}
