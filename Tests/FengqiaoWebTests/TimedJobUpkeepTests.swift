import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The timed-transition pass runs once a minute (CAL-43, issue 12 item 4); each run leaves a job row.
@Suite("Timed-transition job upkeep (CAL-43)", .serialized)
struct TimedJobUpkeepTests {
    @Test("CAL-43 a pass on 2025-10-09 deletes the finished pass jobs older than 7 days (finished 10-01), keeps the recent one (10-08), a pending one and other kinds' jobs")
    func finishedJobsDeleted() async throws {
        try await withApp { env in
            // setup: the clock at 2025-10-09; jobs finished on 10-01 and 10-08, one pending, a digest finished on 10-01
            env.moveClock(to: "2025-10-09")
            let now = env.store.clock.nowMillis
            let day: Int64 = 86_400_000
            let rows: [(String, String, Int64?)] = [
                (TimedTransitionRepository.jobKind, "done", now - 8 * day), (TimedTransitionRepository.jobKind, "done", now - day),
                (TimedTransitionRepository.jobKind, "pending", nil), ("digest", "done", now - 8 * day),
            ]
            var ids: [UUID] = []
            for (kind, state, finished) in rows {
                let id = UUID()
                ids.append(id)
                try await env.sql.insert(into: "jobs").columns("id", "kind", "payload", "run_at", "state", "attempts", "created_at", "finished_at")
                    .values(SQLBind(id), SQLBind(kind), SQLBind(""), SQLBind(finished ?? now), SQLBind(state), SQLBind(1), SQLBind(finished ?? now),
                            SQLBind(finished)).run()
            }
            // act
            _ = try await TimedTransitionRepository(store: env.store).fireDue()
            // check
            let left = try await env.sql.select().column("id").from("jobs").all().map { try $0.decode(column: "id", as: UUID.self) }
            #expect(Set(left).intersection(ids) == Set(ids.dropFirst()))
        }
    }
}
