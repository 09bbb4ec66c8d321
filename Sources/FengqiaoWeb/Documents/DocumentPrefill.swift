import FengqiaoCore
import FengqiaoStore
import Foundation

/// A document form prefilled from its case (DOC-02), for the document page and the demo alike.
enum DocumentPrefill {
    /// The procedure's values from its facts for one template, with its addressee's identifiers (the
    /// case's first party unless the procedure names another), staff names, the case's documents and
    /// the calendar (DOC-02: the officer completes the rest).
    static func values<P: Procedure>(_ procedure: P.Type, store: Store, _ c: CaseRecord, template: String, actor: Actor,
                                     context audit: AuditContext) async throws -> (values: [String: String], recipient: String) {
        guard let loaded = try await ProcedureRepository(store: store, P.self).find(c.id, actor: actor) else { return ([:], "") }
        // CP-08, X-09: the form is prefilled from the facts as this user may see them, like the case
        // page — a reporter hidden from them is neither printed nor used to find the addressee.
        let facts = P.visible(loaded.procedureCase.facts, handlerID: loaded.record.handlerID, unitID: loaded.record.unitID, to: actor)
        var party: PartySummary?
        var address: String?
        if let id = P.addressee(facts, template: template) ?? loaded.procedureCase.partyIDs.first {
            party = try await PartyRepository(store: store).find(id, actor: actor)
            // An enterprise's premises are on its licence; a person's address is personal data, shown
            // only to a user who may reveal it, and then audited as a reveal (PLT-20).
            if party?.kind == .person {
                if actor.can(.personalDataReveal) { address = try await PartyRepository(store: store).reveal(id, actor: actor, context: audit).address }
            } else if party != nil {
                address = try await PartyRepository(store: store).storedPersonalData(id, actor: actor).address
            }
        }
        var names: [UUID: String] = [:]
        for u in try await OrganisationRepository(store: store).users() { names[u.id] = u.name }
        var documents: [DocumentFact] = []
        let repo = DocumentRepository(store: store)
        for d in try await repo.documents(ofCase: c.id, actor: actor) {
            guard let number = d.number, let on = d.issuedOn else { continue }
            documents.append(DocumentFact(id: d.id, templateCode: d.templateCode, number: number, issuedOn: on, void: d.state == .void,
                                          servedOn: try await repo.serviceRecords(d.id).map(\.effectiveOn).min()))
        }
        let context = DocumentPrefillContext(caseNumber: c.number ?? "", gravity: Gravity(rawValue: c.gravity) ?? .ordinary, partyUSCC: party?.uscc,
                                             partyRepresentative: party?.representative, partyAddress: address, names: names, documents: documents,
                                             calendar: try await CalendarRepository(store: store).current())
        let values = P.documentValues(facts, template: template, context: context)
        return (values, values["party.name"] ?? P.partyName(facts))
    }
}
