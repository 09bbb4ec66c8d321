import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// IV-24 ratings: single-use links, anonymous submissions, paper forms entered by staff, and the
/// interviewers' averages (never single ratings).
public struct RatingRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// A new single-use link for the case's party; the secret is returned once and stored hashed.
    public func createLink(caseID: UUID, actor: Actor, context: AuditContext) async throws -> String {
        try actor.require(.interviewHandle)
        guard let c = try await ProcedureRepository(store: store, InterviewProcedure.self).find(caseID, actor: actor) else { throw DomainError.notFound }
        guard InterviewRating.isOpen(c.procedureCase.facts) else {
            throw DomainError.invalid([FieldError(field: "case", rule: "IV-24", code: "rating.before-interview", messageZH: "约谈实施后才能邀请当事人评价")])
        }
        let secret = AccessRepository.newSecret()
        let hash = AccessRepository.digest(secret)
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "rating_links").columns("id", "case_id", "token_hash", "created_at")
                .values(SQLBind(UUID()), SQLBind(caseID), SQLBind(hash), SQLBind(tx.now)).run()
            tx.record("rating.link", "case", caseID.uuidString, detail: "评价链接已生成（单次有效）")
        }
        return secret
    }

    /// The case a link rates, or nil when unknown or used.
    public func openLink(_ secret: String) async throws -> UUID? {
        let row = try await store.sql.select().columns("case_id", "used_at").from("rating_links")
            .where("token_hash", .equal, SQLBind(AccessRepository.digest(secret))).first()
        guard let row, try row.decode(column: "used_at", as: Int64?.self) == nil else { return nil }
        return try row.decode(column: "case_id", as: UUID.self)
    }

    /// Records an anonymous rating through a link, once: a second use finds the link spent.
    public func submit(secret: String, rating: InterviewRating) async throws {
        let hash = AccessRepository.digest(secret)
        try await store.write(.system("rating")) { tx in
            let row = try await tx.sql.select().columns("id", "case_id", "used_at").from("rating_links").where("token_hash", .equal, SQLBind(hash)).first()
            guard let row, try row.decode(column: "used_at", as: Int64?.self) == nil else {
                throw DomainError(.notFound, code: "rating.link.spent", messageZH: "评价链接无效或已使用", ruleID: "IV-24")
            }
            let caseID = try row.decode(column: "case_id", as: UUID.self)
            try await tx.sql.update("rating_links").set("used_at", to: SQLBind(tx.now))
                .where("id", .equal, SQLBind(try row.decode(column: "id", as: UUID.self))).run()
            try await Self.insert(tx, caseID: caseID, rating, source: "link")
        }
    }

    /// A paper form entered by staff (IV-24); the entering officer is on the trail, the rater is not.
    public func enterPaper(caseID: UUID, rating: InterviewRating, actor: Actor, context: AuditContext) async throws {
        try actor.require(.interviewHandle)
        guard try await CaseRepository(store: store).find(caseID, actor: actor) != nil else { throw DomainError.notFound }
        try await store.write(context) { tx in try await Self.insert(tx, caseID: caseID, rating, source: "paper") }
    }

    static func insert(_ tx: WriteTx, caseID: UUID, _ r: InterviewRating, source: String) async throws {
        guard let c = try await CaseRepository.load(caseID, on: tx.sql) else { throw DomainError.notFound }
        try await tx.sql.insert(into: "ratings").columns("id", "case_id", "unit_id", "attitude", "professionalism", "communication", "source", "created_at")
            .values(SQLBind(UUID()), SQLBind(caseID), SQLBind(c.unitID), SQLBind(r.attitude), SQLBind(r.professionalism), SQLBind(r.communication),
                    SQLBind(source), SQLBind(tx.now)).run()
        // The scores are not on the case timeline: the interviewers read the case (IV-24).
        tx.record("rating.submit", "rating", nil, detail: source == "paper" ? "纸质评价已录入" : "当事人已匿名评价")
    }

    /// Each interviewer's averages over the ratings of the interviews they held, in `units`; only
    /// interviewers with at least the minimum sample appear.
    public func interviewerSummaries(units: Set<UUID>?) async throws -> [(interviewer: UUID, summary: RatingSummary)] {
        var q = store.sql.select().columns("case_id", "attitude", "professionalism", "communication").from("ratings")
        if let units {
            guard !units.isEmpty else { return [] }
            q = q.where("unit_id", .in, SQLBind.group(Array(units)))
        }
        let rows = try await q.all()
        var byCase: [UUID: [InterviewRating]] = [:]
        for r in rows {
            byCase[try r.decode(column: "case_id", as: UUID.self), default: []].append(InterviewRating(
                attitude: try r.decode(column: "attitude", as: Int.self), professionalism: try r.decode(column: "professionalism", as: Int.self),
                communication: try r.decode(column: "communication", as: Int.self)))
        }
        var byInterviewer: [UUID: [InterviewRating]] = [:]
        for (caseID, ratings) in byCase {
            let row = try await store.sql.select().column("facts").from("cases").where("id", .equal, SQLBind(caseID)).first()
            guard let text = try row?.decode(column: "facts", as: String?.self),
                  let facts = try? JSONDecoder().decode(InterviewFacts.self, from: Data(text.utf8)) else { continue }
            for i in facts.record?.interviewers ?? facts.interviewers { byInterviewer[i, default: []] += ratings }
        }
        return byInterviewer.compactMap { id, r in RatingSummary.of(r).map { (id, $0) } }.sorted { $0.summary.mean > $1.summary.mean }
    }
}
