import FengqiaoCore
import Foundation
import SQLKit

/// MD-02: each mediator's origin and 第四条 attestation — recorded for a person the actor may see by
/// one who proposes mediators (the centre, a unit head), revised in place, every version audited.
public struct MediatorProfileRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// Who records them: the centre (补选、补聘, MD-07) and the unit heads who propose their mediators.
    public static let recorders: [Permission] = [.mediationTriage, .mediationAssign]

    /// The recorded profiles of these people.
    public func profiles(_ ids: [UUID]) async throws -> [UUID: MediatorProfile] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: MediatorProfile] = [:]
        for r in try await store.sql.select().columns("user_id", "origin", "capacity", "capacity_note", "attestation", "recorded_on").from("mediator_profiles")
            .where("user_id", .in, SQLBind.group(ids)).all() {
            guard let origin = MediatorOrigin(rawValue: try r.decode(column: "origin", as: String.self)),
                  let on = LocalDate(iso: try r.decode(column: "recorded_on", as: String.self)) else { continue }
            out[try r.decode(column: "user_id", as: UUID.self)] = MediatorProfile(
                origin: origin, capacity: try r.decode(column: "capacity", as: String?.self).flatMap(InvitedCapacity.init(rawValue:)),
                capacityNote: try r.decode(column: "capacity_note", as: String?.self), attestation: try r.decode(column: "attestation", as: String.self),
                recordedOn: on)
        }
        return out
    }

    /// Records (or revises) the profile of `person`, a mediator in the actor's scope.
    public func record(_ profile: MediatorProfile, person: PersonFact, actor: Actor, context: AuditContext) async throws {
        guard Self.recorders.contains(where: actor.can) else { throw DomainError.forbidden(Self.recorders.map(\.rawValue).joined(separator: "|")) }
        guard actor.sees(unit: person.unitID) else { throw DomainError.notFound }
        let before = try await profiles([person.id])[person.id]
        try await store.write(context) { tx in
            try await tx.sql.delete(from: "mediator_profiles").where("user_id", .equal, SQLBind(person.id)).run()
            try await tx.sql.insert(into: "mediator_profiles")
                .columns("user_id", "origin", "capacity", "capacity_note", "attestation", "recorded_on", "recorded_by", "updated_at")
                .values(SQLBind(person.id), SQLBind(profile.origin.rawValue), SQLBind(profile.capacity?.rawValue), SQLBind(profile.capacityNote),
                        SQLBind(profile.attestation), SQLBind(profile.recordedOn.iso), SQLBind(actor.userID), SQLBind(tx.now))
                .run()
            tx.record("mediator.profile", "user", person.id.uuidString, changes: [
                "origin": .init(before: before?.labelZH, after: profile.labelZH),
                "attestation": .init(before: before?.attestation, after: profile.attestation),
            ], detail: "调解员\(person.name)：\(profile.labelZH)（MD-02）")
        }
    }
}
