import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// ST-21 revisits of closed interview cases: recorded by staff who handle interviews, on the case's
/// timeline, and read back as satisfaction indices for the statistics (ST-06).
public struct RevisitRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// Records a revisit from the form's raw values; refused with every fault when invalid,
    /// 404 outside the actor's scope.
    public func record(caseID: UUID, on: String?, method: String?, answer: String?, scores raw: [String: String], note: String?,
                       actor: Actor, context: AuditContext) async throws -> InterviewRevisit {
        try actor.require(.interviewHandle)
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor), c.caseType == InterviewProcedure.caseType else {
            throw DomainError.notFound
        }
        let revisit: InterviewRevisit
        switch InterviewRevisit.validate(on: on, method: method, answer: answer, scores: raw, note: note, closedOn: c.closedOn,
                                         today: store.clock.todayInBeijing) {
        case let .success(r): revisit = r
        case let .failure(e): throw e
        }
        let s = revisit.scores
        let scores: [Int?] = (0..<3).map { s.indices.contains($0) ? s[$0] : nil }
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "revisits")
                .columns("id", "case_id", "unit_id", "on_date", "method", "answer", "effect", "conduct", "service", "note", "created_by", "created_at")
                .values(SQLBind(UUID()), SQLBind(caseID), SQLBind(c.unitID), SQLBind(revisit.on.iso), SQLBind(revisit.method.rawValue),
                        SQLBind(revisit.answer.rawValue), SQLBind(scores[0]), SQLBind(scores[1]), SQLBind(scores[2]), SQLBind(revisit.note), SQLBind(actor.userID), SQLBind(tx.now))
                .run()
            tx.record("case.revisit", "case", caseID.uuidString, changes: [
                "on": .init(before: nil, after: revisit.on.iso), "method": .init(before: nil, after: revisit.method.nameZH),
                "answer": .init(before: nil, after: revisit.answer.nameZH),
                "scores": .init(before: nil, after: revisit.scores.map(String.init).joined(separator: "/")),
            ], detail: "\(revisit.method.nameZH)：\(revisit.answer.nameZH)")
        }
        return revisit
    }

    /// The revisits of a case the actor may see, oldest first.
    public func revisits(ofCase caseID: UUID, actor: Actor) async throws -> [InterviewRevisit] {
        guard try await CaseRepository(store: store).find(caseID, actor: actor) != nil else { throw DomainError.notFound }
        return try await store.sql.select().columns("on_date", "method", "answer", "effect", "conduct", "service", "note").from("revisits")
            .where("case_id", .equal, SQLBind(caseID)).orderBy("on_date").orderBy("created_at").all().map(Self.decode)
    }

    /// One case of a quarter's revisit sample (ST-21).
    public struct SampledCase: Sendable, Equatable {
        public let caseID: UUID
        public let number: String
        public let title: String
        public let closedOn: LocalDate
        public let revisited: Bool
    }

    /// The quarter's sample for one unit (ST-21): of its interviews closed in the quarter, the
    /// reproducible random 10 %, each with whether it was revisited yet; and how many closed.
    public func sample(unitID: UUID, quarter: ReportPeriod, actor: Actor) async throws -> (closed: Int, cases: [SampledCase]) {
        guard actor.sees(unit: unitID) else { throw DomainError.notFound }
        let rows = try await store.sql.select().columns("id", "number", "title", "closed_on").from("cases")
            .where("case_type", .equal, SQLBind(InterviewProcedure.caseType)).where("unit_id", .equal, SQLBind(unitID))
            .where("closed_on", .greaterThanOrEqual, SQLBind(quarter.first.iso)).where("closed_on", .lessThanOrEqual, SQLBind(quarter.last.iso)).all()
        var byID: [UUID: (number: String, title: String, closedOn: LocalDate)] = [:]
        for r in rows {
            byID[try r.decode(column: "id", as: UUID.self)] = (try r.decode(column: "number", as: String?.self) ?? "",
                                                               try r.decode(column: "title", as: String.self),
                                                               LocalDate(iso: try r.decode(column: "closed_on", as: String.self)) ?? quarter.first)
        }
        let drawn = RevisitSample.draw(closed: Array(byID.keys), unitID: unitID, quarter: quarter)
        var revisited = Set<UUID>()
        if !drawn.isEmpty {
            for r in try await store.sql.select().column("case_id").from("revisits").where("case_id", .in, SQLBind.group(drawn)).all() {
                revisited.insert(try r.decode(column: "case_id", as: UUID.self))
            }
        }
        let cases = drawn.compactMap { id in
            byID[id].map { SampledCase(caseID: id, number: $0.number, title: $0.title, closedOn: $0.closedOn, revisited: revisited.contains(id)) }
        }.sorted { ($0.closedOn, $0.number) < ($1.closedOn, $1.number) }
        return (byID.count, cases)
    }

    /// The satisfaction indices (ST-06) of the revisits of these cases, by case, for the statistics.
    public func scores(ofCases ids: [UUID]) async throws -> [UUID: [RevisitScore]] {
        var out: [UUID: [RevisitScore]] = [:]
        for part in stride(from: 0, to: ids.count, by: 500) {
            let slice = Array(ids[part..<min(part + 500, ids.count)])
            for row in try await store.sql.select().columns("case_id", "on_date", "method", "answer", "effect", "conduct", "service", "note")
                .from("revisits").where("case_id", .in, SQLBind.group(slice)).all() {
                let r = try Self.decode(row)
                guard let index = r.index else { continue }
                out[try row.decode(column: "case_id", as: UUID.self), default: []].append(RevisitScore(on: r.on, score: index))
            }
        }
        return out
    }

    static func decode(_ row: any SQLRow) throws -> InterviewRevisit {
        let scores = try ["effect", "conduct", "service"].compactMap { try row.decode(column: $0, as: Int?.self) }
        return InterviewRevisit(on: LocalDate(iso: try row.decode(column: "on_date", as: String.self)) ?? LocalDate(iso: "1970-01-01")!,
                                method: InterviewRevisit.Method(rawValue: try row.decode(column: "method", as: String.self)) ?? .phone,
                                answer: InterviewRevisit.Answer(rawValue: try row.decode(column: "answer", as: String.self)) ?? .unanswered,
                                scores: scores, note: try row.decode(column: "note", as: String.self))
    }
}
