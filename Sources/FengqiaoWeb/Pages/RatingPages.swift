import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// IV-24 from the pages: the officer makes a single-use link (shown once) or enters a paper form;
/// the party rates through the link without signing in.
struct RatingPages {
    struct LinkModel { let page: PageChrome; let url: String; let caseHref: String }
    struct RateModel {
        struct Score { let name: String; let label: String; let options: [SelectOption] }
        let page: PageChrome
        let action: String
        let scores: [Score]
        let errors: [String]
        let done: Bool
        let spent: Bool
    }

    static let scores = [("attitude", "工作态度"), ("professionalism", "专业水平"), ("communication", "沟通效果")]

    static func scoreFields(_ values: [String: String] = [:]) -> [RateModel.Score] {
        scores.map { name, label in
            RateModel.Score(name: name, label: label, options: (1...5).reversed().map {
                SelectOption(value: String($0), label: "\($0) 分", selected: values[name] == String($0))
            })
        }
    }

    /// Signed-in routes (the case page's forms).
    static func bootSigned(_ routes: any RoutesBuilder) {
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
        }
        routes.post("cases", ":id", "ratings") { req async throws -> Response in
            let actor = try req.actor()
            let id = try req.uuidParameter()
            switch InterviewRating.validate(attitude: req.field("attitude"), professionalism: req.field("professionalism"),
                                            communication: req.field("communication")) {
            case let .failure(e):
                return try await CasePages().page(req, id: id, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
            case let .success(rating):
                try await RatingRepository(store: req.store).enterPaper(caseID: id, rating: rating, actor: actor, context: req.auditContext)
                return req.redirect(to: SiteURL.caseDetail(id).path + "?ok=rating-entered")
            }
        }
    }

    /// Public routes: the link is the only credential, and it works once.
    static func bootPublic(_ routes: any RoutesBuilder) {
        routes.get("rate", ":token") { req async throws -> Response in
            let token = req.parameters.get("token") ?? ""
            let open = try await RatingRepository(store: req.store).openLink(token) != nil
            let response = try render(req, "rate", RateModel(page: PageChrome(request: req, title: "约谈评价"), action: "/rate/\(token)", scores: scoreFields(),
                                                              errors: [], done: false, spent: !open))
            if !open { response.status = .notFound }
            return response
        }
        routes.post("rate", ":token") { req async throws -> Response in
            let token = req.parameters.get("token") ?? ""
            let values = Dictionary(uniqueKeysWithValues: scores.map { ($0.0, req.field($0.0) ?? "") })
            switch InterviewRating.validate(attitude: values["attitude"], professionalism: values["professionalism"], communication: values["communication"]) {
            case let .failure(e):
                let response = try render(req, "rate", RateModel(page: PageChrome(request: req, title: "约谈评价"), action: "/rate/\(token)",
                                                                  scores: scoreFields(values), errors: e.fields.map(\.messageZH), done: false, spent: false))
                response.status = .unprocessableEntity
                return response
            case let .success(rating):
                do {
                    try await RatingRepository(store: req.store).submit(secret: token, rating: rating)
                } catch let e as DomainError where e.kind == .notFound {
                    let response = try render(req, "rate", RateModel(page: PageChrome(request: req, title: "约谈评价"), action: "", scores: [], errors: [],
                                                                      done: false, spent: true))
                    response.status = .notFound
                    return response
                }
                return try render(req, "rate", RateModel(page: PageChrome(request: req, title: "约谈评价"), action: "", scores: [], errors: [], done: true,
                                                          spent: false))
            }
        }
    }
}
