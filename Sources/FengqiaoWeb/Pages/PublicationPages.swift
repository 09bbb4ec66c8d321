import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// DOC-60 from the pages: the legal reviewer writes the typical case, previews it with every
/// person's data masked (and anything the scanner still finds listed), confirms, publishes; the
/// library lists what was published.
struct PublicationPages: RouteCollection {
    struct Model {
        struct Leak { let kind: String; let text: String }
        let page: PageChrome
        let caseTitle: String
        let caseHref: String
        let previewAction: String
        let publishAction: String
        let title: String
        let text: String
        let masked: String?
        let leaks: [Leak]
        let errors: [String]
    }

    struct LibraryModel {
        struct Row { let title: String; let text: String; let reviewer: String; let at: String }
        let page: PageChrome
        let rows: [Row]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", ":id", "publication", use: form).access(.permission(.legalReview), ["id": .case])
        routes.post("cases", ":id", "publication", "preview", use: preview).access(.permission(.legalReview), ["id": .case])
        routes.post("cases", ":id", "publication", use: publish).access(.permission(.legalReview), ["id": .case])
        routes.get("library", use: library).access(.permission(.caseRead))
    }

    func render(_ req: Request, _ c: CaseRecord, title: String, text: String, masked: String?, leaks: [PublicationMasker.Leak], errors: [String],
                status: HTTPStatus = .ok) throws -> Response {
        let base = "/cases/\(c.id.uuidString)/publication"
        let model = Model(page: PageChrome(request: req, title: "典型案例发布"), caseTitle: c.title, caseHref: SiteURL.caseDetail(c.id).path,
                          previewAction: base + "/preview", publishAction: base, title: title, text: text, masked: masked,
                          leaks: leaks.map { Model.Leak(kind: $0.kind.nameZH, text: $0.text) }, errors: errors)
        let response = try FengqiaoWeb.render(req, "publication", model)
        response.status = status
        return response
    }

    func load(_ req: Request) async throws -> (CaseRecord, Actor) {
        let actor = try req.actor()
        try actor.require(.legalReview)
        guard let c = try await CaseRepository(store: req.store).find(try req.uuidParameter(), actor: actor) else { throw DomainError.notFound }
        return (c, actor)
    }

    func form(_ req: Request) async throws -> Response {
        let (c, actor) = try await load(req)
        var text = c.title
        if let procedure = req.procedures.procedure(caseType: c.caseType), let summary = try await Self.summary(procedure, req, c, actor: actor) {
            text = summary
        }
        return try render(req, c, title: "\(c.title)（典型案例）", text: text, masked: nil, leaks: [], errors: [])
    }

    /// The procedure's draft of the typical case's text from the facts (DOC-60), if it writes one.
    static func summary<P: Procedure>(_ procedure: P.Type, _ req: Request, _ c: CaseRecord, actor: Actor) async throws -> String? {
        guard let loaded = try await ProcedureRepository(store: req.store, P.self).find(c.id, actor: actor) else { return nil }
        return P.publicationSummary(loaded.procedureCase.facts)
    }

    func preview(_ req: Request) async throws -> Response {
        let (c, actor) = try await load(req)
        let title = req.field("title") ?? "", text = req.field("text") ?? ""
        let result = try await PublicationRepository(store: req.store).preview(c.id, text: text, actor: actor)
        return try render(req, c, title: title, text: text, masked: result.masked, leaks: result.leaks, errors: [])
    }

    func publish(_ req: Request) async throws -> Response {
        let (c, actor) = try await load(req)
        let title = req.field("title") ?? "", text = req.field("text") ?? ""
        do {
            _ = try await PublicationRepository(store: req.store).publish(c.id, title: title, text: text, channel: "library",
                                                                        confirmed: req.field("confirmed") != nil, actor: actor, context: req.auditContext)
        } catch let e as DomainError where e.kind == .invalid {
            let result = try await PublicationRepository(store: req.store).preview(c.id, text: text, actor: actor)
            return try render(req, c, title: title, text: text, masked: result.masked, leaks: result.leaks,
                              errors: e.fields.isEmpty ? [e.messageZH] : e.fields.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
        }
        return req.redirect(to: "/library?ok=published")
    }

    func library(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.caseRead)
        let rows = try await PublicationRepository(store: req.store).library().map {
            LibraryModel.Row(title: $0.title, text: $0.text, reviewer: $0.reviewer, at: WallClock.beijingText(millis: $0.publishedAt))
        }
        return try FengqiaoWeb.render(req, "library", LibraryModel(page: PageChrome(request: req, title: "典型案例库"), rows: rows))
    }
}
