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
        parties.get(use: list)
        parties.post(use: create)
        parties.get(":id", use: get)
        parties.put(":id", use: update)
        parties.get(":id", "history", use: history)
    }

    func list(_ req: Request) async throws -> PageDTO<PartyDTO> {
        let actor = try req.actor()
        try actor.require(.partyRead)
        let limit = min(max(req.query[Int.self, at: "limit"] ?? 50, 1), 500)
        let offset = max(req.query[Int.self, at: "offset"] ?? 0, 0)
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
        return try await Idempotency.run(req, route: "POST /api/v1/parties") {
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

/// PLT-52: a create with an `Idempotency-Key` runs once; a retry gets the first response.
enum Idempotency {
    static func run<T: Content>(_ req: Request, route: String, _ body: () async throws -> (HTTPResponseStatus, T)) async throws -> Response {
        let actor = try req.actor()
        let key = req.headers.first(name: "Idempotency-Key")
        if let key {
            guard (1...200).contains(key.count) else {
                throw DomainError.invalid([FieldError(field: "Idempotency-Key", rule: "PLT-52", code: "idempotency.key.invalid", messageZH: "Idempotency-Key 长度应为1至200")])
            }
            switch try await req.access.claimIdempotencyKey(userID: actor.userID, key: key, route: route) {
            case .claimed:
                break
            case .inProgress:
                throw DomainError(.conflict, code: "idempotency.in-progress", messageZH: "使用该 Idempotency-Key 的请求正在处理，请稍后重试", ruleID: "PLT-52")
            case .replay(let savedRoute, let status, let text):
                guard savedRoute == route else {
                    throw DomainError(.conflict, code: "idempotency.key.reused", messageZH: "该 Idempotency-Key 已用于其他请求", ruleID: "PLT-52")
                }
                let response = Response(status: HTTPResponseStatus(statusCode: status), body: .init(string: text))
                response.headers.contentType = .json
                response.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
                return response
            }
        }
        let status: HTTPResponseStatus
        let value: T
        do {
            (status, value) = try await body()
        } catch {
            if let key { try? await req.access.releaseIdempotencyKey(userID: actor.userID, key: key) }
            throw error
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        if let key {
            try await req.access.completeIdempotencyKey(userID: actor.userID, key: key, status: Int(status.code), body: text)
        }
        let response = Response(status: status, body: .init(string: text))
        response.headers.contentType = .json
        return response
    }
}
