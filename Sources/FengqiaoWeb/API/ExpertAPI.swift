import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// An expert of the pool as the API shows it: the contact is sealed and never returned (PLT-34).
struct ExpertDTO: Content {
    let id: UUID
    let name: String
    let field: String
    let organisation: String
    let active: Bool
    /// How many parties the expert must not be involved with (PLT-06); not which.
    let conflicts: Int

    init(_ e: ExpertRepository.Expert) {
        id = e.id
        name = e.name
        field = e.field
        organisation = e.organisation
        active = e.active
        conflicts = e.conflictParties.count
    }
}

struct ExpertWriteDTO: Content {
    let name: String?
    let field: String?
    let organisation: String?
    let phone: String?
}

/// A party the expert must not be involved with, named by its USCC as on the pool page (PLT-06).
struct ExpertConflictDTO: Content {
    let uscc: String?
    let relation: String?
}

struct ExpertInvitationDTO: Content {
    let expertId: UUID?
    /// `interview`, `mediation` or `hearing`.
    let occasion: String?
    /// The day of participation, `YYYY-MM-DD`, not after today.
    let on: String?
    let note: String?
}

struct ExpertParticipationDTO: Content {
    let expert: String
    let field: String
    let occasion: String
    let on: String
    let note: String

    init(_ p: ExpertRepository.Participation) {
        expert = p.expertName
        field = p.field
        occasion = p.occasion.rawValue
        on = p.on.iso
        note = p.note
    }
}

/// PLT-08 over the API: what the pool page and the case page's expert form do. The pool is kept by
/// `expert.manage` (the legal department) and read by those who handle cases; inviting needs
/// `case.handle` and a case in scope (another office's case is 404, X-05). Refusals are 422
/// problem+json with the repository's stable codes (`expert.name.required`, `expert.conflict` …).
struct ExpertAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("experts", use: list).access(.anyOf([.expertManage, .caseHandle]))
        routes.post("experts", use: create).access(.permission(.expertManage))
        routes.post("experts", ":id", "conflicts", use: conflict).access(.permission(.expertManage), ["id": .expert])
        routes.get("cases", ":id", "experts", use: participations).access(.permission(.caseRead), ["id": .case])
        routes.post("cases", ":id", "experts", use: invite).access(.permission(.caseHandle), ["id": .case])
    }

    func experts(_ req: Request) -> ExpertRepository { ExpertRepository(store: req.store) }

    /// The pool by name; `?field=` keeps the experts whose field holds the text (消防 finds 消防安全).
    func list(_ req: Request) async throws -> [ExpertDTO] {
        let field = (req.query[String.self, at: "field"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return try await experts(req).list(actor: try req.actor())
            .filter { field.isEmpty || $0.field.localizedCaseInsensitiveContains(field) }.map(ExpertDTO.init)
    }

    func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.expertManage)
        let dto = try req.content.decode(ExpertWriteDTO.self)
        let input = ExpertInput(name: dto.name ?? "", field: dto.field ?? "", organisation: dto.organisation ?? "", phone: dto.phone)
        let id = try await experts(req).create(input, actor: actor, context: req.auditContext)
        guard let created = try await experts(req).list(actor: actor).first(where: { $0.id == id }) else { throw DomainError.notFound }
        return try await ExpertDTO(created).encodeResponse(status: .created, for: req)
    }

    /// PLT-06: the party is found by its USCC whoever keeps the pool (administrators may not read parties, PLT-04).
    func conflict(_ req: Request) async throws -> ExpertDTO {
        let actor = try req.actor()
        try actor.require(.expertManage)
        let id = try req.uuidParameter()
        let dto = try req.content.decode(ExpertConflictDTO.self)
        guard let partyID = try await req.parties.idByUSCC(dto.uscc ?? "") else {
            throw DomainError.invalid([FieldError(field: "uscc", rule: "PLT-06", code: "expert.conflict.party-unknown",
                                                  messageZH: "未找到该统一社会信用代码的当事人")])
        }
        try await experts(req).addConflict(expertID: id, partyID: partyID, relation: dto.relation ?? "", actor: actor, context: req.auditContext)
        guard let expert = try await experts(req).list(actor: actor).first(where: { $0.id == id }) else { throw DomainError.notFound }
        return ExpertDTO(expert)
    }

    func participations(_ req: Request) async throws -> [ExpertParticipationDTO] {
        try await experts(req).participations(caseID: try req.uuidParameter(), actor: try req.actor()).map(ExpertParticipationDTO.init)
    }

    /// Invites an expert to the case (PLT-08); an expert related to a party of the case is refused (PLT-06), every reason at once.
    func invite(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter()
        let dto = try req.content.decode(ExpertInvitationDTO.self)
        try await experts(req).invite(caseID: id, expertID: dto.expertId, occasion: dto.occasion, on: dto.on, note: dto.note, actor: actor,
                                      context: req.auditContext)
        let all = try await experts(req).participations(caseID: id, actor: actor).map(ExpertParticipationDTO.init)
        return try await all.encodeResponse(status: .created, for: req)
    }
}
