import FengqiaoCore
import Foundation
import SQLKit

/// The ratings of one case, for the API (IV-24 for interviews): what the form asks, whether the
/// procedure has opened ratings, how many arrived, and their averages only from
/// `Rating.minimumSample` on — a single rating is never read back.
extension RatingRepository {
    public struct CaseRatings: Sendable {
        public let form: Form
        /// Whether the case has reached the step after which the party rates (`Procedure.ratingOpen`).
        public let open: Bool
        public let count: Int
        public let summary: RatingSummary?
    }

    /// For those who follow the case's procedure up (its `followUpPermissions`); a case out of scope,
    /// or of a procedure without ratings, is not found.
    public func ratings(caseID: UUID, actor: Actor) async throws -> CaseRatings {
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor), let p = procedure(caseType: c.caseType) else {
            throw DomainError.notFound
        }
        try actor.requireAny(p.followUpPermissions)
        let open = try await Self.ratingOpen(p, caseID: caseID, actor: actor, store: store)
        let ids = try await store.sql.select().column("id").from("ratings").where("case_id", .equal, SQLBind(caseID)).all()
            .map { try $0.decode(column: "id", as: UUID.self) }
        let scores = try await ScoreRows.read(store.sql, table: "rating_scores", owner: "rating_id", ids: ids)
        let keys = p.module.ratingDimensions.map(\.key)
        let ratings = ids.compactMap { id -> Rating? in
            let values = keys.compactMap { scores[id]?[$0] }
            return values.count == keys.count ? Rating(scores: values) : nil
        }
        return CaseRatings(form: Self.form(p, caseID: caseID), open: open, count: ids.count, summary: RatingSummary.of(ratings))
    }

    /// A paper rating entered through the API: as from the case page, and only once the procedure
    /// has opened ratings (the page offers its form from then on), refused with the procedure's rule.
    public func enterPaperWhenOpen(caseID: UUID, rating: Rating, actor: Actor, context: AuditContext) async throws {
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor), let p = procedure(caseType: c.caseType) else {
            throw DomainError.notFound
        }
        try actor.requireAny(p.followUpPermissions)
        guard try await Self.ratingOpen(p, caseID: caseID, actor: actor, store: store) else {
            throw DomainError.invalid([FieldError(field: "case", rule: p.module.ratingRule, code: "rating.not-open",
                                                  messageZH: "案件尚未办理到当事人可评价的环节（\(p.module.ratingRule)）")])
        }
        try await enterPaper(caseID: caseID, rating: rating, actor: actor, context: context)
    }
}
