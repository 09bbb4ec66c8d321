import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// The party's ratings of any procedure that takes them (IV-24 for interviews; each names its `ratingRule`): single-use links,
/// anonymous submissions, paper forms entered by staff, and the officers' averages (never single
/// ratings). Scores are stored one row per dimension the procedure declares.
public struct RatingRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// What a rating form of a case asks: the procedure's name, dimensions and rule.
    public struct Form: Sendable {
        public let caseID: UUID
        public let procedureName: String
        public let dimensions: [ScoreDimension]
        public let rule: String
    }

    /// The procedure of a case that takes ratings; nil for a case of another kind or unknown.
    func procedure(caseType: String) -> (any Procedure.Type)? {
        store.procedures.procedure(caseType: caseType).flatMap { $0.module.capabilities.contains(.ratings) ? $0 : nil }
    }

    static func form(_ p: any Procedure.Type, caseID: UUID) -> Form {
        Form(caseID: caseID, procedureName: p.nameZH, dimensions: p.module.ratingDimensions, rule: p.module.ratingRule)
    }

    /// The form for staff entering a paper rating of a case in the actor's scope.
    public func form(caseID: UUID, actor: Actor) async throws -> Form {
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor), let p = procedure(caseType: c.caseType) else {
            throw DomainError.notFound
        }
        return Self.form(p, caseID: caseID)
    }

    /// A new single-use link for the case's party; the secret is returned once and stored hashed.
    public func createLink(caseID: UUID, actor: Actor, context: AuditContext) async throws -> String {
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor), let p = procedure(caseType: c.caseType) else {
            throw DomainError.notFound
        }
        try actor.requireAny(p.followUpPermissions)
        guard try await Self.ratingOpen(p, caseID: caseID, actor: actor, store: store) else {
            throw DomainError.invalid([FieldError(field: "case", rule: p.module.ratingRule, code: "rating.not-open",
                                                  messageZH: "案件尚未办理到当事人可评价的环节（\(p.module.ratingRule)）")])
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

    static func ratingOpen<P: Procedure>(_ p: P.Type, caseID: UUID, actor: Actor, store: Store) async throws -> Bool {
        guard let c = try await ProcedureRepository(store: store, p).find(caseID, actor: actor) else { return false }
        return P.ratingOpen(c.procedureCase.facts)
    }

    /// The form a link rates, or nil when unknown or used.
    public func openLink(_ secret: String) async throws -> Form? {
        let row = try await store.sql.select().columns("case_id", "used_at").from("rating_links")
            .where("token_hash", .equal, SQLBind(AccessRepository.digest(secret))).first()
        guard let row, try row.decode(column: "used_at", as: Int64?.self) == nil else { return nil }
        let caseID = try row.decode(column: "case_id", as: UUID.self)
        guard let c = try await CaseRepository.load(caseID, on: store.sql), let p = procedure(caseType: c.caseType) else { return nil }
        return Self.form(p, caseID: caseID)
    }

    /// Records an anonymous rating through a link, once: a second use finds the link spent.
    public func submit(secret: String, rating: Rating) async throws {
        let hash = AccessRepository.digest(secret)
        try await store.write(.system("rating")) { tx in
            let row = try await tx.sql.select().columns("id", "case_id", "used_at").from("rating_links").where("token_hash", .equal, SQLBind(hash)).first()
            let caseID = try row?.decode(column: "case_id", as: UUID.self)
            guard let row, let caseID, try row.decode(column: "used_at", as: Int64?.self) == nil else {
                // The rule is the rated procedure's (IV-24 for interviews); an unknown link names no procedure.
                var rule: String?
                if let caseID, let c = try await CaseRepository.load(caseID, on: tx.sql) { rule = procedure(caseType: c.caseType)?.module.ratingRule }
                throw DomainError(.notFound, code: "rating.link.spent", messageZH: "评价链接无效或已使用", ruleID: rule)
            }
            try await tx.sql.update("rating_links").set("used_at", to: SQLBind(tx.now))
                .where("id", .equal, SQLBind(try row.decode(column: "id", as: UUID.self))).run()
            try await insert(tx, caseID: caseID, rating, source: "link")
        }
    }

    /// A paper form entered by staff; the entering officer is on the trail, the rater is not.
    public func enterPaper(caseID: UUID, rating: Rating, actor: Actor, context: AuditContext) async throws {
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor), let p = procedure(caseType: c.caseType) else {
            throw DomainError.notFound
        }
        try actor.requireAny(p.followUpPermissions)
        try await store.write(context) { tx in try await insert(tx, caseID: caseID, rating, source: "paper") }
    }

    func insert(_ tx: WriteTx, caseID: UUID, _ r: Rating, source: String) async throws {
        guard let c = try await CaseRepository.load(caseID, on: tx.sql), let p = procedure(caseType: c.caseType) else { throw DomainError.notFound }
        let dimensions = p.module.ratingDimensions
        guard r.scores.count == dimensions.count else {
            throw DomainError.invalid([FieldError(field: "scores", rule: p.module.ratingRule, code: "rating.score.invalid", messageZH: "评分项不完整")])
        }
        let id = UUID()
        try await tx.sql.insert(into: "ratings").columns("id", "case_id", "unit_id", "source", "created_at")
            .values(SQLBind(id), SQLBind(caseID), SQLBind(c.unitID), SQLBind(source), SQLBind(tx.now)).run()
        try await ScoreRows.insert(tx, table: "rating_scores", owner: "rating_id", id: id, dimensions: dimensions, scores: r.scores)
        // The scores are not on the case timeline: the officers read the case (IV-24).
        tx.record("rating.submit", "rating", nil, detail: source == "paper" ? "纸质评价已录入" : "当事人已匿名评价")
    }

    /// Each rated officer's averages over the ratings of the cases of `p` they handled, in `units`;
    /// only officers with at least the minimum sample appear.
    /// - Parameter own: PLT-05 — a user whose scope in some units is `own` (`Actor.ownOnlyUnits`): ratings of
    ///   cases in those units count only for that user's own row, so colleagues' averages are not shown.
    public func officerSummaries<P: Procedure>(_ p: P.Type, units: Set<UUID>?, own: (userID: UUID, units: Set<UUID>)? = nil)
        async throws -> [(officer: UUID, summary: RatingSummary)] {
        var q = store.sql.select().columns(SQLColumn("id", table: "ratings"), SQLColumn("case_id", table: "ratings"), SQLColumn("facts", table: "cases"),
                                           SQLColumn("unit_id", table: "ratings"))
            .from("ratings").join("cases", on: SQLColumn("case_id", table: "ratings"), .equal, SQLColumn("id", table: "cases"))
            .where(SQLColumn("case_type", table: "cases"), .equal, SQLBind(P.caseType))
        if let units {
            guard !units.isEmpty else { return [] }
            q = q.where(SQLColumn("unit_id", table: "ratings"), .in, SQLBind.group(Array(units)))
        }
        let rows = try await q.all()
        let scores = try await ScoreRows.read(store.sql, table: "rating_scores", owner: "rating_id",
                                              ids: try rows.map { try $0.decode(column: "id", as: UUID.self) })
        let dimensions = P.module.ratingDimensions.map(\.key)
        let decoder = JSONDecoder()
        var byOfficer: [UUID: [Rating]] = [:]
        var people: [UUID: [UUID]] = [:]
        for r in rows {
            let caseID = try r.decode(column: "case_id", as: UUID.self)
            if people[caseID] == nil {
                let facts = try r.decode(column: "facts", as: String?.self).flatMap { try? decoder.decode(P.Facts.self, from: Data($0.utf8)) }
                people[caseID] = facts.map(P.ratedPeople) ?? []
            }
            let byDimension = scores[try r.decode(column: "id", as: UUID.self)] ?? [:]
            let values = dimensions.compactMap { byDimension[$0] }
            guard values.count == dimensions.count else { continue }
            let ownOnly = try own.map { $0.units.contains(try r.decode(column: "unit_id", as: UUID.self)) } ?? false
            for officer in people[caseID] ?? [] where !ownOnly || officer == own?.userID {
                byOfficer[officer, default: []].append(Rating(scores: values))
            }
        }
        return byOfficer.compactMap { id, r in RatingSummary.of(r).map { (id, $0) } }.sorted { $0.summary.mean > $1.summary.mean }
    }
}

/// Scores stored one row per dimension (migration 013), for revisits and ratings.
enum ScoreRows {
    static func insert(_ tx: WriteTx, table: String, owner: String, id: UUID, dimensions: [ScoreDimension], scores: [Int]) async throws {
        guard !scores.isEmpty else { return }
        var q = tx.sql.insert(into: table).columns(owner, "dimension", "score")
        for (d, s) in zip(dimensions, scores) { q = q.values(SQLBind(id), SQLBind(d.key), SQLBind(s)) }
        try await q.run()
    }

    /// Owner id → dimension key → score.
    static func read(_ sql: any SQLDatabase, table: String, owner: String, ids: [UUID]) async throws -> [UUID: [String: Int]] {
        var out: [UUID: [String: Int]] = [:]
        for part in stride(from: 0, to: ids.count, by: 500) {
            let slice = Array(ids[part..<min(part + 500, ids.count)])
            for row in try await sql.select().columns(owner, "dimension", "score").from(table).where(owner, .in, SQLBind.group(slice)).all() {
                out[try row.decode(column: owner, as: UUID.self), default: [:]][try row.decode(column: "dimension", as: String.self)] =
                    try row.decode(column: "score", as: Int.self)
            }
        }
        return out
    }
}
