import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// A party as the API returns it: personal data masked.
struct PartyDTO: Content {
    let id: UUID
    let kind: String
    let name: String
    let uscc: String?
    let idNumberMasked: String?
    let representative: String?
    let phoneMasked: String?
    let addressMasked: String?
    let industry: String?
    let licenceTermEnd: String?
    let unitId: UUID
    let identityUnverified: Bool
    let version: Int

    init(_ p: PartySummary) {
        id = p.id
        kind = p.kind.rawValue
        name = p.name
        uscc = p.uscc
        idNumberMasked = p.idNumberMasked
        representative = p.representative
        phoneMasked = p.phoneMasked
        addressMasked = p.addressMasked
        industry = p.industry
        licenceTermEnd = p.licenceTermEnd?.iso
        unitId = p.unitID
        identityUnverified = p.identityUnverified
        version = p.version
    }
}

struct PartyWriteDTO: Content {
    var kind: String
    var name: String
    var uscc: String?
    var idNumber: String?
    var representative: String?
    var phone: String?
    var address: String?
    var industry: String?
    var licenceTermEnd: String?
    var unitCode: String?
    /// Required on update: the version the client read (PLT-53).
    var version: Int?

    var input: PartyInput {
        PartyInput(kind: kind, name: name, uscc: uscc, idNumber: idNumber, representative: representative, phone: phone, address: address,
                   industry: industry, licenceTermEnd: licenceTermEnd, unitCode: unitCode)
    }
}

struct PartyCreatedDTO: Content {
    let created: Bool
    let party: PartyDTO
}

struct HistoryDTO: Content {
    let caseId: UUID
    let caseNumber: String
    let module: String
    let state: String
    let openedOn: String
}

struct PageDTO<T: Content>: Content {
    let items: [T]
    let limit: Int
    let offset: Int
}

struct PartyAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let parties = routes.grouped("parties")
        parties.get(use: list).access(.permission(.partyRead))
        parties.post(use: create).access(.permission(.partyWrite))
        parties.get(":id", use: get).access(.permission(.partyRead), ["id": .party])
        parties.put(":id", use: update).access(.permission(.partyWrite), ["id": .party])
        parties.get(":id", "history", use: history).access(.permission(.partyRead), ["id": .party])
    }

    func list(_ req: Request) async throws -> PageDTO<PartyDTO> {
        let actor = try req.actor()
        try actor.require(.partyRead)
        let limit = min(max(try req.integerQuery("limit") ?? 50, 1), 500)
        let offset = max(try req.integerQuery("offset") ?? 0, 0)
        let items = try await req.parties.search(req.query[String.self, at: "q"], actor: actor, limit: limit, offset: offset)
        return PageDTO(items: items.map(PartyDTO.init), limit: limit, offset: offset)
    }

    func get(_ req: Request) async throws -> PartyDTO {
        let actor = try req.actor()
        try actor.require(.partyRead)
        guard let p = try await req.parties.find(try req.uuidParameter(), actor: actor) else { throw DomainError.notFound }
        return PartyDTO(p)
    }

    /// PLT-05: a party outside the caller's scope answers 404, never the record.
    func history(_ req: Request) async throws -> [HistoryDTO] {
        let actor = try req.actor()
        try actor.require(.partyRead)
        guard let h = try await req.parties.history(try req.uuidParameter(), actor: actor) else { throw DomainError.notFound }
        return h.map { HistoryDTO(caseId: $0.caseID, caseNumber: $0.caseNumber, module: $0.module, state: $0.state, openedOn: $0.openedOn.iso) }
    }

    func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        // PLT-52: a retry after a crash between the commit and the recorded answer gets the party.
        let recover: (UUID) async throws -> (HTTPResponseStatus, PartyCreatedDTO) = { id in
            guard let p = try await req.parties.find(id, actor: actor) else { throw DomainError.notFound }
            return (.created, PartyCreatedDTO(created: true, party: PartyDTO(p)))
        }
        return try await Idempotency.run(req, route: "POST /api/v1/parties", recover: recover) {
            let dto = try req.content.decode(PartyWriteDTO.self)
            let unit = try await PartyPages.unitID(req, actor: actor, code: dto.unitCode)
            let result = try await req.parties.create(dto.input, unitID: unit, actor: actor, context: req.auditContext)
            return (result.created ? .created : .ok, PartyCreatedDTO(created: result.created, party: PartyDTO(result.party)))
        }
    }

    func update(_ req: Request) async throws -> PartyDTO {
        let actor = try req.actor()
        let dto = try req.content.decode(PartyWriteDTO.self)
        guard let version = dto.version else {
            throw DomainError.invalid([FieldError(field: "version", rule: "PLT-53", code: "version.required", messageZH: "须提供读取时的版本号 version")])
        }
        let p = try await req.parties.update(try req.uuidParameter(), dto.input, expectedVersion: version, actor: actor, context: req.auditContext)
        return PartyDTO(p)
    }
}
