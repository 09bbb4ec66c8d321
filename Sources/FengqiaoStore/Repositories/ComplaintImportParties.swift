import FengqiaoCore
import Foundation

/// The parties of an imported item (CP-43), found or created in the party register through
/// `PartyRepository`, so personal data (ID number, a person's phone and address) is sealed as for any
/// party (PLT-34, X-09) and identifiers are checked (GB 11643, GB 32100). Registering a complaint
/// registers its parties: whoever may import complaints writes the parties the items name.
struct ComplaintImportParties: Sendable {
    let store: Store
    let actor: Actor
    let context: AuditContext

    private var parties: PartyRepository { PartyRepository(store: store) }

    /// The actor, allowed to write the parties the item names.
    private var writer: Actor {
        Actor(userID: actor.userID, login: actor.login, name: actor.name, unitID: actor.unitID, permissions: actor.permissions.union([.partyWrite]),
              roleCodes: actor.roleCodes, visibleUnits: actor.visibleUnits, ownOnlyUnits: actor.ownOnlyUnits)
    }

    /// A natural person: the same record for the same ID number (PLT-12); with a phone only, a new
    /// record whose identity is unverified (PLT-15).
    func complainant(_ p: ComplaintImportItem.Person) async throws -> UUID {
        try await parties.create(p.partyInput, unitID: actor.unitID, actor: writer, context: context).party.id
    }

    /// The business: by its USCC (PLT-12); without one, the visible record of that exact name without
    /// a USCC, else a new record of kind 其他.
    func respondent(_ b: ComplaintImportItem.Business) async throws -> UUID {
        if b.uscc != nil { return try await parties.create(b.partyInput, unitID: actor.unitID, actor: writer, context: context).party.id }
        let name = b.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let same = try await parties.search(name, actor: actor, limit: 20).first(where: { $0.name == name && $0.uscc == nil && $0.kind != .person }) {
            return same.id
        }
        return try await parties.create(b.partyInput, unitID: actor.unitID, actor: writer, context: context).party.id
    }
}
