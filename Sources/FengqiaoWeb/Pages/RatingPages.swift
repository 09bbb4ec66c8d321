import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The party's rating from the pages (IV-24 for interviews): the officer makes a single-use link
/// (shown once) or enters a paper form; the party rates through the link without signing in. The
/// form scores the dimensions the case's procedure declares.
struct RatingPages {
    struct LinkModel { let page: PageChrome; let url: String; let caseHref: String }
    struct RateModel {
        struct Score { let name: String; let label: String; let options: [SelectOption] }
        let page: PageChrome
        let procedureName: String
        let rule: String
        let action: String
        let scores: [Score]
        let errors: [String]
        let done: Bool
        let spent: Bool
    }

    static func scoreFields(_ dimensions: [ScoreDimension], _ values: [String: String] = [:]) -> [RateModel.Score] {
        dimensions.map { d in
            RateModel.Score(name: d.key, label: d.nameZH, options: (1...5).reversed().map {
                SelectOption(value: String($0), label: "\($0) 分", selected: values[d.key] == String($0))
            })
        }
    }

    static func values(_ req: Request, _ dimensions: [ScoreDimension]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: dimensions.map { ($0.key, req.field($0.key) ?? "") })
    }

    static func model(_ req: Request, form: RatingRepository.Form?, action: String, values: [String: String] = [:], errors: [String] = [],
                      done: Bool = false, spent: Bool = false) -> RateModel {
        let name = form?.procedureName ?? "办案"
        return RateModel(page: PageChrome(request: req, title: "\(name)评价"), procedureName: name, rule: form?.rule ?? "",
                         action: action, scores: done || spent ? [] : form.map { scoreFields($0.dimensions, values) } ?? [], errors: errors, done: done, spent: spent)
    }

    /// Signed-in routes (the case page's forms): for those who follow the procedures' cases up (the
    /// repository checks the case's own procedure).
    static func bootSigned(_ routes: any RoutesBuilder) {
        let followUp = RouteAccess.Rule.followUp(.ratings, orAnyOf: [])
        routes.post("cases", ":id", "rating-link") { req async throws -> Response in
            let actor = try req.actor()
            let id = try req.uuidParameter()
            do {
                let secret = try await RatingRepository(store: req.store).createLink(caseID: id, actor: actor, context: req.auditContext)
                let host = req.headers.first(name: .host) ?? "127.0.0.1"
                return try render(req, "rating_link", LinkModel(page: PageChrome(request: req, title: "评价链接"), url: "http://\(host)/rate/\(secret)",
                                                                caseHref: SiteURL.caseDetail(id).path))
            } catch let e as DomainError where e.kind == .invalid {
                return try await CasePages().page(req, id: id, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
            }
        }.access(followUp, ["id": .case])
        routes.post("cases", ":id", "ratings") { req async throws -> Response in
            let actor = try req.actor()
            let id = try req.uuidParameter()
            let form = try await RatingRepository(store: req.store).form(caseID: id, actor: actor)
            switch Rating.validate(values(req, form.dimensions), dimensions: form.dimensions, rule: form.rule) {
            case let .failure(e):
                return try await CasePages().page(req, id: id, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
            case let .success(rating):
                try await RatingRepository(store: req.store).enterPaper(caseID: id, rating: rating, actor: actor, context: req.auditContext)
                return req.redirect(to: SiteURL.caseDetail(id).path + "?ok=rating-entered")
            }
        }.access(followUp, ["id": .case])
    }

    /// Public routes: the link is the only credential, and it works once.
    static func bootPublic(_ routes: any RoutesBuilder) {
        routes.get("rate", ":token") { req async throws -> Response in
            let token = req.parameters.get("token") ?? ""
            let form = try await RatingRepository(store: req.store).openLink(token)
            let response = try render(req, "rate", model(req, form: form, action: "/rate/\(token)", spent: form == nil))
            if form == nil { response.status = .notFound }
            return response
        }.access(.open, ["token": .ratingLink])
        routes.post("rate", ":token") { req async throws -> Response in
            let token = req.parameters.get("token") ?? ""
            let repository = RatingRepository(store: req.store)
            guard let form = try await repository.openLink(token) else {
                let response = try render(req, "rate", model(req, form: nil, action: "", spent: true))
                response.status = .notFound
                return response
            }
            let typed = values(req, form.dimensions)
            switch Rating.validate(typed, dimensions: form.dimensions, rule: form.rule) {
            case let .failure(e):
                let response = try render(req, "rate", model(req, form: form, action: "/rate/\(token)", values: typed, errors: e.fields.map(\.messageZH)))
                response.status = .unprocessableEntity
                return response
            case let .success(rating):
                do {
                    try await repository.submit(secret: token, rating: rating)
                } catch let e as DomainError where e.kind == .notFound {
                    let response = try render(req, "rate", model(req, form: nil, action: "", spent: true))
                    response.status = .notFound
                    return response
                }
                return try render(req, "rate", model(req, form: form, action: "", done: true))
            }
        }.access(.open, ["token": .ratingLink])
    }
}
