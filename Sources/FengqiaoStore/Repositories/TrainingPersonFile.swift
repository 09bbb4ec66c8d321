import FengqiaoCore
import Foundation
import SQLKit

/// PLT-07: each person's file — training, results, qualifications with their expiry or revocation,
/// and the outcomes of the cases they handled (003 §4.2 约谈人员档案: 培训情况、考核结果、约谈成效).
extension TrainingRepository {
    public struct CaseOutcome: Sendable, Equatable {
        public let caseType: String
        public let state: String
        public let count: Int
        /// Of `count`, the closed ones.
        public let closed: Int
    }

    public struct PersonFile: Sendable, Equatable {
        public let user: UserRecord
        public let unitName: String
        public let results: [ResultRecord]
        public let qualifications: [QualificationRecord]
        /// Per procedure and state, the cases the person handled, waited on or acted in — those in the reader's scope.
        public let outcomes: [CaseOutcome]
        public let consecutiveFailures: Int
        public var flagged: Bool { consecutiveFailures >= FailureFlag.threshold }
    }

    /// The file of a person of the actor's units; another office's person is not found.
    public func personFile(userID: UUID, actor: Actor) async throws -> PersonFile {
        try requireReader(actor)
        let org = OrganisationRepository(store: store)
        guard let user = try await org.user(id: userID), actor.sees(unit: user.unitID) else { throw DomainError.notFound }
        let results = try await results(userID: userID, actor: actor)
        let run = FailureFlag.consecutiveFailures(results.map { FailureFlag.Outcome(on: $0.assessedOn, passed: $0.assessment.passed, recordedAt: $0.recordedAt) })
        return PersonFile(user: user, unitName: try await org.units().first { $0.id == user.unitID }?.name ?? "", results: results,
                          qualifications: try await org.qualifications(userID: userID), outcomes: try await outcomes(userID: userID, actor: actor),
                          consecutiveFailures: run)
    }

    /// The person's cases (handler, or in `case_people`: waited on, acted, named), counted per
    /// procedure and state, within the reader's case scope (PLT-05).
    func outcomes(userID: UUID, actor: Actor) async throws -> [CaseOutcome] {
        let base = store.sql.select().columns("case_type", "state", "closed_on").from("cases").where { w in
            w.where("handler_id", .equal, SQLBind(userID))
                .orWhere(SQLIdentifier("id"), .in, SQLSubquery.select { $0.column("case_id").from("case_people").where("user_id", .equal, SQLBind(userID)) })
        }
        guard let q = CaseScope.filter(base, actor: actor) else { return [] }
        var counts: [String: (type: String, state: String, count: Int, closed: Int)] = [:]
        for r in try await q.all() {
            let type = try r.decode(column: "case_type", as: String.self), state = try r.decode(column: "state", as: String.self)
            let closed = try r.decode(column: "closed_on", as: String?.self) != nil
            let key = type + "\u{1}" + state
            var c = counts[key] ?? (type, state, 0, 0)
            c.count += 1
            if closed { c.closed += 1 }
            counts[key] = c
        }
        return counts.values.map { CaseOutcome(caseType: $0.type, state: $0.state, count: $0.count, closed: $0.closed) }
            .sorted { ($0.caseType, $0.state) < ($1.caseType, $1.state) }
    }

    /// The people a training manager may enrol: active users of the actor's units, by name.
    public func people(actor: Actor) async throws -> [UserRecord] {
        try actor.require(.trainingManage)
        return try await OrganisationRepository(store: store).users().filter { $0.active && actor.sees(unit: $0.unitID) }.sorted { $0.name < $1.name }
    }
}
