import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// ST-21 revisits of the closed cases of every procedure that takes them: recorded by those who
/// open and handle such cases (谁受理谁回访), on the case's timeline, scored on the procedure's
/// dimensions (one row each, migration 013), and read back as satisfaction for the statistics (ST-06).
public struct RevisitRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// The procedure of a case that takes revisits; nil for a case of another kind.
    func procedure(caseType: String) -> (any Procedure.Type)? {
        store.procedures.procedure(caseType: caseType).flatMap { $0.module.capabilities.contains(.revisits) ? $0 : nil }
    }

    /// The dimensions a revisit of this case scores, for its form; 404 outside the actor's scope or
    /// for a case whose procedure takes no revisits.
    public func dimensions(caseID: UUID, actor: Actor) async throws -> [ScoreDimension] {
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor, reading: true), let p = procedure(caseType: c.caseType) else {
            throw DomainError.notFound
        }
        return p.module.revisitDimensions
    }

    /// Whether the actor may record a revisit of the case: one who revisits, of the unit that accepted
    /// it (谁受理谁回访, ST-21, MD-34).
    public func mayRecord(caseID: UUID, actor: Actor) async throws -> Bool {
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor, reading: true), let p = procedure(caseType: c.caseType),
              p.followUpPermissions.contains(where: actor.can), let owner = try await CaseRepository.ownerUnit(caseID, on: store.sql) else { return false }
        return actor.sees(unit: owner)
    }

    /// Records a revisit from the form's raw values; refused with every fault when invalid,
    /// 404 outside the actor's scope.
    /// `caseType`, when given, is the procedure the caller expects (its API path): another is 404.
    public func record(caseID: UUID, caseType: String? = nil, on: String?, method: String?, answer: String?, scores raw: [String: String], note: String?,
                       actor: Actor, context: AuditContext) async throws -> Revisit {
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor, reading: true), caseType.map({ $0 == c.caseType }) ?? true,
              let p = procedure(caseType: c.caseType), let owner = try await CaseRepository.ownerUnit(caseID, on: store.sql) else {
            throw DomainError.notFound
        }
        try actor.requireAny(p.followUpPermissions)
        // 谁受理谁回访 (ST-21, MD-34): the unit that accepted the case revisits it, wherever it moved.
        guard actor.sees(unit: owner) else {
            throw DomainError(.forbidden, code: "revisit.not-owner", messageZH: "谁受理谁回访：本案由受理单位回访", ruleID: "ST-21")
        }
        let dimensions = p.module.revisitDimensions
        let revisit: Revisit
        switch Revisit.validate(on: on, method: method, answer: answer, scores: raw, note: note, closedOn: c.closedOn,
                                today: store.clock.todayInBeijing, dimensions: dimensions) {
        case let .success(r): revisit = r
        case let .failure(e): throw e
        }
        // MD-36: a 不满意 answer starts the procedure's follow-up clock on the revisit's day, in the same write.
        let followUp: (set: RuleSet, step: String, calendar: WorkCalendar)?
        if revisit.answer == .dissatisfied, let step = p.module.dissatisfiedRevisitStep,
           let set = try await RuleSetRepository(store: store).book().sets.first(where: { $0.key == p.ruleSetKey && $0.version == c.ruleVersions[p.ruleSetKey] }) {
            followUp = (set, step, try await CalendarRepository(store: store).current())
        } else {
            followUp = nil
        }
        let today = store.clock.todayInBeijing
        // MD-34: the n-th revisit meets the n-th revisit clock the closing started, if it is open.
        let steps = p.module.revisitSteps
        let calendar = steps.isEmpty ? nil : try await CalendarRepository(store: store).current()
        try await store.write(context) { tx in
            let id = UUID()
            if let calendar {
                let done = try await tx.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("revisits")
                    .where("case_id", .equal, SQLBind(caseID)).first()?.decode(column: "n", as: Int.self) ?? 0
                if done < steps.count {
                    for clock in try await ClockRepository.openClocks(ofCase: caseID, on: tx.sql) where clock.step == steps[done] {
                        try await ClockRepository.end(tx, clock, on: revisit.on, calendar: calendar)
                    }
                    try await ClockRepository.refreshNextDue(tx.sql, caseIDs: [caseID])
                }
            }
            if let f = followUp {
                _ = try await ClockRepository.start(tx, case: ClockRepository.ClockCase(id: caseID, unitID: owner, title: c.title, handlerID: actor.userID),
                                                    set: f.set, step: f.step, on: revisit.on, calendar: f.calendar, today: today)
                try await ClockRepository.refreshNextDue(tx.sql, caseIDs: [caseID])
            }
            try await tx.sql.insert(into: "revisits")
                .columns("id", "case_id", "unit_id", "on_date", "method", "answer", "note", "created_by", "created_at")
                .values(SQLBind(id), SQLBind(caseID), SQLBind(owner), SQLBind(revisit.on.iso), SQLBind(revisit.method.rawValue),
                        SQLBind(revisit.answer.rawValue), SQLBind(revisit.note), SQLBind(actor.userID), SQLBind(tx.now))
                .run()
            try await ScoreRows.insert(tx, table: "revisit_scores", owner: "revisit_id", id: id, dimensions: dimensions, scores: revisit.scores)
            tx.record("case.revisit", "case", caseID.uuidString, changes: [
                "on": .init(before: nil, after: revisit.on.iso), "visitMethod": .init(before: nil, after: revisit.method.nameZH),
                "answer": .init(before: nil, after: revisit.answer.nameZH),
                "scores": .init(before: nil, after: zip(dimensions, revisit.scores).map { "\($0.nameZH) \($1)" }.joined(separator: "，")),
            ], detail: "\(revisit.method.nameZH)：\(revisit.answer.nameZH)")
        }
        return revisit
    }

    /// The revisits of a case the actor may see, oldest first, with the dimensions they scored.
    public func revisits(ofCase caseID: UUID, caseType: String? = nil, actor: Actor) async throws -> (dimensions: [ScoreDimension], revisits: [Revisit]) {
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor, reading: true), caseType.map({ $0 == c.caseType }) ?? true else {
            throw DomainError.notFound
        }
        let dimensions = procedure(caseType: c.caseType)?.module.revisitDimensions ?? []
        let rows = try await store.sql.select().columns("id", "on_date", "method", "answer", "note").from("revisits")
            .where("case_id", .equal, SQLBind(caseID)).orderBy("on_date").orderBy("created_at").all()
        let scores = try await ScoreRows.read(store.sql, table: "revisit_scores", owner: "revisit_id", ids: try rows.map { try $0.decode(column: "id", as: UUID.self) })
        return (dimensions, try rows.map { try Self.decode($0, scores: scores, dimensions: dimensions) })
    }

    /// One case of a quarter's revisit sample (ST-21).
    public struct SampledCase: Sendable, Equatable {
        public let caseID: UUID
        public let number: String
        public let title: String
        public let closedOn: LocalDate
        public let revisited: Bool
        /// When its revisit is due, where the procedure sets a date (MD-34); nil for the interview.
        public let due: LocalDate?
    }

    /// The quarter's sample for one unit (ST-21): of the cases of `caseType` it accepted (谁受理谁回访,
    /// wherever they moved) closed in the quarter, the procedure's reproducible sample, each with
    /// whether it was revisited yet and when it is due; and how many closed.
    public func sample(caseType: String, unitID: UUID, quarter: ReportPeriod, actor: Actor) async throws -> (closed: Int, cases: [SampledCase]) {
        guard actor.sees(unit: unitID) else { throw DomainError.notFound }
        let module = store.procedures.procedure(caseType: caseType)?.module
        let rows = try await store.sql.select().columns("id", "number", "title", "closed_on").from("cases")
            .where("case_type", .equal, SQLBind(caseType))
            .where(group: { $0.where("owner_unit_id", .equal, SQLBind(unitID))
                .orWhere(group: { $0.where("owner_unit_id", .is, SQLLiteral.null).where("unit_id", .equal, SQLBind(unitID)) }) })
            .where("closed_on", .greaterThanOrEqual, SQLBind(quarter.first.iso)).where("closed_on", .lessThanOrEqual, SQLBind(quarter.last.iso)).all()
        var byID: [UUID: (number: String, title: String, closedOn: LocalDate)] = [:]
        for r in rows {
            byID[try r.decode(column: "id", as: UUID.self)] = (try r.decode(column: "number", as: String?.self) ?? "",
                                                               try r.decode(column: "title", as: String.self),
                                                               LocalDate(iso: try r.decode(column: "closed_on", as: String.self)) ?? quarter.first)
        }
        let drawn = RevisitSample.draw(closed: Array(byID.keys), unitID: unitID, quarter: quarter, sampling: module?.revisitSampling ?? .standard)
        let calendar: WorkCalendar? = module?.revisitDue == nil ? nil : try await CalendarRepository(store: store).current()
        var revisited = Set<UUID>()
        if !drawn.isEmpty {
            for r in try await store.sql.select().column("case_id").from("revisits").where("case_id", .in, SQLBind.group(drawn)).all() {
                revisited.insert(try r.decode(column: "case_id", as: UUID.self))
            }
        }
        let cases = drawn.compactMap { id in
            byID[id].map { c in
                SampledCase(caseID: id, number: c.number, title: c.title, closedOn: c.closedOn, revisited: revisited.contains(id),
                            due: calendar.flatMap { cal in module?.revisitDue?.due(closedOn: c.closedOn, calendar: cal) })
            }
        }.sorted { ($0.closedOn, $0.number) < ($1.closedOn, $1.number) }
        return (byID.count, cases)
    }

    /// The revisits (ST-06 answer and index) of these cases, by case, for the statistics; the
    /// index is read over whatever dimensions each revisit scored.
    public func scores(ofCases ids: [UUID]) async throws -> [UUID: [RevisitScore]] {
        var out: [UUID: [RevisitScore]] = [:]
        for part in stride(from: 0, to: ids.count, by: 500) {
            let slice = Array(ids[part..<min(part + 500, ids.count)])
            let rows = try await store.sql.select().columns("id", "case_id", "on_date", "answer").from("revisits").where("case_id", .in, SQLBind.group(slice)).all()
            let scores = try await ScoreRows.read(store.sql, table: "revisit_scores", owner: "revisit_id",
                                                  ids: try rows.map { try $0.decode(column: "id", as: UUID.self) })
            for row in rows {
                guard let on = LocalDate(iso: try row.decode(column: "on_date", as: String.self)),
                      let answer = SatisfactionAnswer(rawValue: try row.decode(column: "answer", as: String.self)),
                      let index = Satisfaction.index(Array((scores[try row.decode(column: "id", as: UUID.self)] ?? [:]).values)) else { continue }
                out[try row.decode(column: "case_id", as: UUID.self), default: []].append(RevisitScore(on: on, score: index, answer: answer))
            }
        }
        return out
    }

    static func decode(_ row: any SQLRow, scores: [UUID: [String: Int]], dimensions: [ScoreDimension]) throws -> Revisit {
        let byDimension = scores[try row.decode(column: "id", as: UUID.self)] ?? [:]
        return Revisit(on: LocalDate(iso: try row.decode(column: "on_date", as: String.self)) ?? LocalDate(iso: "1970-01-01")!,
                       method: Revisit.Method(rawValue: try row.decode(column: "method", as: String.self)) ?? .phone,
                       answer: SatisfactionAnswer(rawValue: try row.decode(column: "answer", as: String.self)) ?? .unanswered,
                       scores: dimensions.compactMap { byDimension[$0.key] }, note: try row.decode(column: "note", as: String.self))
    }
}
