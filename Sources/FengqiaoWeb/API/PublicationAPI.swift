import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

struct PublicationPreviewRequestDTO: Content { let text: String }
struct PublicationPreviewDTO: Content {
    struct Leak: Content { let kind: String; let text: String }
    let masked: String
    let leaks: [Leak]
}
struct PublishDTO: Content {
    let title: String
    let text: String
    let channel: String?
    let confirmed: Bool?
}
struct PublicationDTO: Content {
    let id: UUID
    let caseId: UUID
    let title: String
    let text: String
    let channel: String
    let reviewer: String
    let publishedAt: String

    init(_ p: PublicationRow) {
        id = p.id
        caseId = p.caseID
        title = p.title
        text = p.text
        channel = p.channel
        reviewer = p.reviewer
        publishedAt = WallClock.beijingText(millis: p.publishedAt)
    }
}

/// DOC-60 over the API: preview the masked text, publish after the reviewer confirms it, read the
/// typical-case library.
struct PublicationAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("cases", ":id", "publication", "preview", use: preview).access(.permission(.legalReview), ["id": .case])
        routes.post("cases", ":id", "publication", use: publish).access(.permission(.legalReview), ["id": .case])
        routes.get("library", use: library).access(.permission(.caseRead))
    }

    func preview(_ req: Request) async throws -> PublicationPreviewDTO {
        let actor = try req.actor()
        let dto = try req.content.decode(PublicationPreviewRequestDTO.self)
        let result = try await PublicationRepository(store: req.store).preview(try req.uuidParameter(), text: dto.text, actor: actor)
        return PublicationPreviewDTO(masked: result.masked, leaks: result.leaks.map { .init(kind: $0.kind.nameZH, text: $0.text) })
    }

    func publish(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let dto = try req.content.decode(PublishDTO.self)
        let row = try await PublicationRepository(store: req.store).publish(try req.uuidParameter(), title: dto.title, text: dto.text,
                                                                           channel: dto.channel ?? "library", confirmed: dto.confirmed ?? false,
                                                                           actor: actor, context: req.auditContext)
        return try await PublicationDTO(row).encodeResponse(status: .created, for: req)
    }

    func library(_ req: Request) async throws -> [PublicationDTO] {
        let actor = try req.actor()
        try actor.require(.caseRead)
        return try await PublicationRepository(store: req.store).library(channel: req.query[String.self, at: "channel"]).map(PublicationDTO.init)
    }
}
