import FengqiaoCore
import Foundation
import SQLKit

/// The scheduler's pass over timed transitions (CAL-43, PA-27): the running clocks of the steps a
/// procedure times, run out at this instant, each fire their declared transition through the normal
/// engine path (`ProcedureRepository.perform`) as the system, audited as `system:scheduler`. The
/// firing is claimed by a `timed_firings` row inside the transition's own write, so however many
/// servers run the pass at once, a clock fires once: a second claim fails and its transition rolls
/// back with it.
public struct TimedTransitionRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// One firing: the clock that ran out, its case and the transition taken.
    public struct Firing: Sendable, Equatable {
        public let clockID: UUID
        public let caseID: UUID
        public let transition: String
    }

    /// What a pass did: the transitions taken, and those the engine or a concurrent claim refused
    /// (tried again the next working day; a clock already fired is never picked again).
    public struct Pass: Sendable, Equatable {
        public var fired: [Firing] = []
        public var refused: [Firing] = []
        public init() {}
    }

    /// Whether any registered procedure times a transition (else the scheduler need not look).
    public var anyTimed: Bool { store.procedures.procedures.contains { !$0.module.timedTransitions.isEmpty } }

    /// The scheduler's job that runs a pass, once a minute (`Scheduler`).
    public static let jobKind = "transitions.timed"
    /// Days a finished pass's job row is kept before a later pass deletes it: a pass a minute leaves
    /// 1,440 rows a day otherwise.
    public static let keepFinishedDays = 7

    /// Fires every timed transition due now, at most `limit` per procedure; deletes the finished
    /// pass jobs older than `keepFinishedDays`.
    @discardableResult
    public func fireDue(limit: Int = 500) async throws -> Pass {
        try await store.sql.delete(from: "jobs").where("kind", .equal, SQLBind(Self.jobKind)).where("state", .equal, SQLBind("done"))
            .where("finished_at", .lessThan, SQLBind(store.clock.nowMillis - Int64(Self.keepFinishedDays) * 86_400_000)).run()
        var pass = Pass()
        for p in store.procedures.procedures where !p.module.timedTransitions.isEmpty {
            let one = try await fire(p, limit: limit)
            pass.fired += one.fired
            pass.refused += one.refused
        }
        return pass
    }

    func fire<P: Procedure>(_ procedure: P.Type, limit: Int) async throws -> Pass {
        let timed = P.module.timedTransitions
        let now = store.clock.nowMillis / 1000
        let today = store.clock.todayInBeijing
        let calendar = try await CalendarRepository(store: store).current()
        // Candidates by the stored due date (the open-clock index); whether each has run out is
        // decided on the clock itself, with its suspensions, extensions and instants (CAL-13, CAL-31).
        let rows = try await store.sql.select().columns(ClockRepository.selected).from("clocks")
            .where("ended_on", .is, SQLLiteral.null).where("cancelled_on", .is, SQLLiteral.null)
            .where("due_date", .lessThanOrEqual, SQLBind(today.iso))
            .where("step", .in, SQLBind.group(Array(Set(timed.map(\.step))).sorted()))
            .where("case_id", .in, SQLSubquery.select { $0.column("id").from("cases").where("case_type", .equal, SQLBind(P.caseType)) })
            .where("id", .notIn, SQLSubquery.select { $0.column("clock_id").from("timed_firings") })
            // A refused firing waits for its retry day (the next working day), not the next minute.
            .where("id", .notIn, SQLSubquery.select { $0.column("clock_id").from("timed_refusals").where("retry_on", .greaterThan, SQLBind(today.iso)) })
            .orderBy("due_date").limit(limit).all()
        var pass = Pass()
        for record in try await ClockRepository.decode(rows, on: store.sql) where TimedTransition.runOut(record.clock(on: calendar), now: now) {
            guard let t = timed.first(where: { $0.step == record.step }), let c = try await CaseRepository.load(record.caseID, on: store.sql),
                  let actor = P.timedActor(t, unitID: c.unitID) else { continue }
            let firing = Firing(clockID: record.id, caseID: record.caseID, transition: t.transition)
            let step = store.procedures.stepName(record.step)
            let clockID = record.id
            let caseID = record.caseID
            do {
                _ = try await ProcedureRepository(store: store, P.self).perform(
                    t.transition, caseID: record.caseID, input: t.input, expectedVersion: nil, actor: actor, context: .system("scheduler"),
                    claim: { tx in
                        try await tx.sql.insert(into: "timed_firings").columns("clock_id", "case_id", "transition", "fired_at")
                            .values(SQLBind(clockID), SQLBind(caseID), SQLBind(t.transition), SQLBind(tx.now)).run()
                        tx.record("case.timed", "case", caseID.uuidString, changes: [
                            "clock": .init(before: nil, after: clockID.uuidString), "step": .init(before: nil, after: record.step),
                            "transition": .init(before: nil, after: t.transition),
                        ], detail: "“\(step)”期限届满，系统自动办理（\(t.rule)，CAL-43）")
                    })
                pass.fired.append(firing)
            } catch {
                pass.refused.append(firing)
                // Retried the next working day (the case may need a document, a sub-task's reply …).
                let retry = calendar.due(from: today, count: 1, unit: .workday).date
                let reason = (error as? DomainError).map { e in e.fields.isEmpty ? e.messageZH : e.fields.map(\.code).joined(separator: ",") } ?? "\(error)"
                try await store.sql.delete(from: "timed_refusals").where("clock_id", .equal, SQLBind(clockID)).run()
                try await store.sql.insert(into: "timed_refusals").columns("clock_id", "retry_on", "reason", "refused_at")
                    .values(SQLBind(clockID), SQLBind(retry.iso), SQLBind(String(reason.prefix(500))), SQLBind(store.clock.nowMillis)).run()
            }
        }
        return pass
    }
}
