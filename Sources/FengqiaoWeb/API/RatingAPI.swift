import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// A case's ratings as the API shows them (IV-24 for interviews): never one rating, only how many
/// arrived and, from `Rating.minimumSample` on, the averages per dimension.
struct CaseRatingsDTO: Content {
    struct Dimension: Content { let key: String; let name: String }
    struct Summary: Content {
        let count: Int
        /// Dimension key → mean score.
        let means: [String: Double]
        let mean: Double
    }
    let caseId: UUID
    let procedure: String
    let rule: String
    /// Whether the party may rate yet (the case reached the procedure's rating step).
    let open: Bool
    let dimensions: [Dimension]
    let count: Int
    let minimumSample: Int
    let summary: Summary?

    init(_ r: RatingRepository.CaseRatings) {
        caseId = r.form.caseID
        procedure = r.form.procedureName
        rule = r.form.rule
        open = r.open
        dimensions = r.form.dimensions.map { Dimension(key: $0.key, name: $0.nameZH) }
        count = r.count
        minimumSample = Rating.minimumSample
        summary = r.summary.map { s in
            Summary(count: s.count, means: Dictionary(uniqueKeysWithValues: zip(r.form.dimensions.map(\.key), s.means)), mean: s.mean)
        }
    }
}

/// The party's ratings over the API, with the case page's rules: for those who follow the case's
/// procedure up, a case in scope (404 otherwise, X-05). `POST` enters a paper form — one integer
/// 1–5 per dimension of the procedure, by its key — once the procedure has opened ratings (422
/// `rating.not-open`); a bad score is 422 `rating.score.invalid` with every fault.
struct RatingAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let followUp = RouteAccess.Rule.followUp(.ratings, orAnyOf: [])
        routes.get("cases", ":id", "ratings", use: ratings).access(followUp, ["id": .case])
        routes.post("cases", ":id", "ratings", use: enter).access(followUp, ["id": .case])
    }

    func ratings(_ req: Request) async throws -> CaseRatingsDTO {
        CaseRatingsDTO(try await RatingRepository(store: req.store).ratings(caseID: try req.uuidParameter(), actor: try req.actor()))
    }

    func enter(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter()
        let repository = RatingRepository(store: req.store)
        let form = try await repository.form(caseID: id, actor: actor)
        var raw: [String: String] = [:]
        for d in form.dimensions { raw[d.key] = (try? req.content.get(Int.self, at: d.key)).map(String.init) ?? "" }
        switch Rating.validate(raw, dimensions: form.dimensions, rule: form.rule) {
        case let .failure(e): throw e
        case let .success(rating):
            try await repository.enterPaperWhenOpen(caseID: id, rating: rating, actor: actor, context: req.auditContext)
        }
        return try await CaseRatingsDTO(try await repository.ratings(caseID: id, actor: actor)).encodeResponse(status: .created, for: req)
    }
}
