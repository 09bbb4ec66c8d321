@testable import FengqiaoCore
@testable import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor

/// CP-38 counted in the database (issue 14's benchmark): the monthly analysis the page shows comes from
/// grouped counts over the days the procedures declare (`case_dates`, migration 033), kept with every
/// write; the figures must be the very ones the facts give when counted in Swift. On SQLite, and on
/// PostgreSQL with FENGQIAO_TEST_DATABASE_URL.
@Suite("Complaint monthly analysis from counted dates (CP-38)", .serialized)
struct ComplaintMonthlyCountsTests {
    static func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    /// A report registered through the API on the test clock's day, anonymous.
    static func report(_ env: TestEnv, token: String, unit: UUID, officer: UserRecord, serial: Int) async throws -> UUID {
        let market = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市东湖农贸市场有限公司\(serial)", uscc: .uscc(7300 + serial)),
                                                  unitID: unit, actor: env.actor(officer), context: .system("test")).party
        let created = try await env.request(.POST, "/api/v1/reports", token: token, json: [
            "reportedID": market.id.uuidString, "actPlace": "东湖农贸市场\(serial)号摊位", "category": "other", "clue": "摊位销售过期食品",
            "origin": "direct", "receivedOn": "2025-09-28",
        ])
        return try #require(UUID(uuidString: try RegistryTests.json(created)["id"] as? String ?? ""), "\(created.body.string)")
    }

    /// Rewrites a case's facts through the store's generic facts write (its statistics rows follow).
    static func rewrite<P: Procedure>(_ env: TestEnv, _ p: P.Type, _ id: UUID, as officer: UserRecord, _ change: (inout P.Facts) -> Void) async throws {
        let loaded = try #require(try await ProcedureRepository<P>(store: env.store).find(id, actor: env.actor(officer), reading: true))
        var facts = loaded.procedureCase.facts
        change(&facts)
        try await CaseFactsWriter.write(P.self, env.store, loaded.record, facts, action: "test.facts", changes: [:], detail: "test", context: .system("test"))
    }

    static func both(_ env: TestEnv, _ month: String, asOf: String) async throws -> (counted: ComplaintMonthlyFigures, facts: ComplaintMonthlyFigures) {
        let m = try #require(ReportPeriod(key: month))
        return (try await ComplaintMonthlyPages.compute(env.store, month: m, asOf: d(asOf)),
                try await ComplaintMonthlyPages.computeFromFacts(env.store, month: m, asOf: d(asOf)))
    }

    @Test("CP-38 across National Day 2025 (10-01…10-08 off, make-up workdays Sun 09-28 and Sat 10-11): September's counts over case_dates equal the figures from the facts — 3 complaints, 5 reports (one dispatched from A to B), 4 concluded by the freeze day 2025-10-14 (50.0%), 3 as of 2025-10-13; October and a rebuild of the rows from the facts (migration 033) agree too")
    func countsEqualFacts() async throws {
        try await withApp { env in
            // setup: office A (中村) and B (东湖); everything registered on the make-up Sunday 2025-09-28
            let s = try await env.seed()
            let a = try await env.token(s.officerA), b = try await env.token(s.officerB)
            env.moveClock(to: "2025-09-28", hour: 9)
            typealias W = ComplaintMonthlyWebTests
            // C1 (A) received by the competent unit on the make-up Sunday itself, through the receive step
            _ = try await W.complaint(env, token: a, unit: s.officeA.id, officer: s.officerA, on: "2025-09-28", serial: 1)
            let c2 = try #require(UUID(uuidString: try await W.complaint(env, token: a, unit: s.officeA.id, officer: s.officerA, on: "2025-09-28", serial: 2)))
            let c3 = try #require(UUID(uuidString: try await W.complaint(env, token: b, unit: s.officeB.id, officer: s.officerB, on: "2025-09-28", serial: 3)))
            let c5 = try #require(UUID(uuidString: try await W.complaint(env, token: a, unit: s.officeA.id, officer: s.officerA, on: "2025-09-28", serial: 5)))
            let c6 = try #require(UUID(uuidString: try await W.complaint(env, token: b, unit: s.officeB.id, officer: s.officerB, on: "2025-09-28", serial: 6)))
            // C7 (A) registered, never received by a competent unit: counted nowhere
            _ = try await W.complaint(env, token: a, unit: s.officeA.id, officer: s.officerA, on: "2025-09-28", serial: 7, receive: false)
            var reports: [Int: UUID] = [:]
            for (n, office, officer, token) in [(1, s.officeA, s.officerA, a), (2, s.officeB, s.officerB, b), (3, s.officeB, s.officerB, b),
                                                (4, s.officeA, s.officerA, a), (5, s.officeA, s.officerA, a), (6, s.officeA, s.officerA, a)] {
                reports[n] = try await Self.report(env, token: token, unit: office.id, officer: officer, serial: n)
            }
            // R7 received at A, then dispatched to B before any verification (CP-09): the move's write takes its counted date along
            let dispatcher = try await env.user("centre_head", "周主任", unit: s.officeA.id, role: "unit-head", scope: .unit)
            let r7 = try await Self.report(env, token: a, unit: s.officeA.id, officer: s.officerA, serial: 7)
            let sent = try await env.request(.POST, "/api/v1/reports/\(r7)/actions/dispatch", token: try await env.token(dispatcher),
                                             json: ReportDispatchWebTests.Body(version: 1, input: ["unit": "DH", "reportBackOn": "2025-10-20"]))
            #expect(sent.status == .ok, "\(sent.body.string)")
            let r7Unit = try await env.sql.select().column("unit_id").from("case_dates").where("case_id", .equal, SQLBind(r7)).first()?
                .decode(column: "unit_id", as: UUID.self)
            #expect(r7Unit == s.officeB.id)
            // The concrete history of each item, written through the generic facts write.
            let head = UUID()
            try await Self.rewrite(env, ComplaintProcedure.self, c2, as: s.officerA) {  // 不予受理 on the make-up Saturday: concluded
                $0.competentReceiptOn = Self.d("2025-09-30")
                $0.decision = ComplaintFacts.Decision(choice: AcceptanceChoice.reject, ground: nil, on: Self.d("2025-10-11"), approvedBy: head)
            }
            try await Self.rewrite(env, ComplaintProcedure.self, c3, as: s.officerB) {  // a hotline item settled after the freeze day
                $0.channel = ComplaintChannel.hotline
                $0.competentReceiptOn = Self.d("2025-09-12")
                $0.ending = ComplaintFacts.Ending(outcome: MediationOutcome.settled, on: Self.d("2025-10-15"), recoveredFen: 5_000)
            }
            try await Self.rewrite(env, ComplaintProcedure.self, c5, as: s.officerA) {  // August
                $0.competentReceiptOn = Self.d("2025-08-29")
                $0.ending = ComplaintFacts.Ending(outcome: MediationOutcome.settled, on: Self.d("2025-09-05"), recoveredFen: nil)
            }
            try await Self.rewrite(env, ComplaintProcedure.self, c6, as: s.officerB) {  // September a year earlier
                $0.competentReceiptOn = Self.d("2024-09-20")
                $0.ending = ComplaintFacts.Ending(outcome: MediationOutcome.withdrawn, on: Self.d("2024-10-08"), recoveredFen: nil)
            }
            func report(_ n: Int, _ officer: UserRecord, received: String, named: Bool = false, decision: ReportDecision? = nil, on: String? = nil,
                        told: String? = nil, category: String = "other") async throws {
                try await Self.rewrite(env, ReportProcedure.self, try #require(reports[n]), as: officer) {
                    $0.receivedOn = Self.d(received)
                    $0.reporterID = named ? UUID() : nil
                    $0.reporterName = named ? "钱保密" : nil
                    $0.category = category
                    if let decision, let on { $0.decision = ReportFacts.Decision(decision: decision, ground: nil, on: Self.d(on), approvedBy: head) }
                    $0.reporterToldOn = told.map(Self.d)
                }
            }
            try await report(1, s.officerA, received: "2025-09-15", decision: .notFile, on: "2025-10-13")  // anonymous: concluded on its decision
            try await report(2, s.officerB, received: "2025-09-26", named: true, decision: .file, on: "2025-10-10", told: "2025-10-15",
                             category: "fire-equipment")  // named, told after the freeze day: not concluded
            try await report(3, s.officerB, received: "2025-09-30", named: true, decision: .notFile, on: "2025-10-09", told: "2025-10-14")  // told on the freeze day
            try await report(4, s.officerA, received: "2025-08-20")
            try await report(5, s.officerA, received: "2024-09-03")
            try await report(6, s.officerA, received: "2025-09-29", named: true, decision: .transfer, on: "2025-10-10")  // 移送: no result notice (CP-28)
            // C4 (B) received on 2025-10-09, the first working day after the holiday, through the receive step
            env.moveClock(to: "2025-10-09", hour: 9)
            _ = try await W.complaint(env, token: b, unit: s.officeB.id, officer: s.officerB, on: "2025-10-09", serial: 4)

            // act + check: September after the freeze day — counted to 2025-10-14
            let september = try await Self.both(env, "2025-09", asOf: "2025-10-20")
            #expect(september.counted == september.facts)
            #expect(september.counted.freezesOn == Self.d("2025-10-14") && september.counted.asOf == Self.d("2025-10-14"))
            let all = september.counted.analysis(in: nil)
            #expect(all.rows()[1] == ["投诉", "3", "1", "+200.0%", "1", "+200.0%"])
            #expect(all.rows()[2] == ["举报", "5", "1", "+400.0%", "1", "+400.0%"])
            #expect(all.current.concluded == 4)
            #expect(all.rows()[3][1] == "50.0%")
            let officeA = september.counted.analysis(in: [s.officeA.id]).current, officeB = september.counted.analysis(in: [s.officeB.id]).current
            let countsA: [Int] = [officeA.complaints, officeA.reports, officeA.concluded]
            let countsB: [Int] = [officeB.complaints, officeB.reports, officeB.concluded]
            #expect(countsA == [2, 2, 3])
            #expect(countsB == [1, 3, 1])
            var channels: [String: Int] = [:], categories: [String: Int] = [:]
            for row in september.counted.units {
                channels.merge(row.channels, uniquingKeysWith: +)
                categories.merge(row.reportCategories, uniquingKeysWith: +)
            }
            #expect(channels == ["platform": 2, "hotline": 1])
            #expect(categories == ["other": 4, "fire-equipment": 1])

            // the day before the freeze day: report 3's reporter not yet told
            let live = try await Self.both(env, "2025-09", asOf: "2025-10-13")
            #expect(live.counted == live.facts)
            #expect(live.counted.analysis(in: nil).current.concluded == 3)

            // October: C4 alone; September, the month before,, concluded to 2025-11-07 (C3 and report 2 now count)
            let october = try await Self.both(env, "2025-10", asOf: "2025-11-20")
            #expect(october.counted == october.facts)
            let oct = october.counted.analysis(in: nil)
            #expect(october.counted.freezesOn == Self.d("2025-11-07"))
            let octoberCounts: [Int] = [oct.current.complaints, oct.current.reports, oct.previousMonth.complaints, oct.previousMonth.reports, oct.previousMonth.concluded]
            #expect(octoberCounts == [1, 0, 3, 5, 6])
            let octoberUnits: Set<UUID> = Set(october.counted.units.map(\.unitID))
            #expect(octoberUnits == [s.officeA.id, s.officeB.id])

            // migration 033's fill from the facts gives the same rows as the writes kept
            let kept = try await Self.rows(env)
            try await env.sql.delete(from: "case_dates").run()
            try await env.sql.delete(from: "case_tags").run()
            for p in env.store.procedures.procedures { try await CaseStatistics.backfill(p, on: env.sql) }
            let rebuilt = try await Self.rows(env)
            #expect(rebuilt.dates == kept.dates)
            #expect(rebuilt.tags == kept.tags)
            // receipts of 6 complaints and 7 reports; C2, C3, C5, C6 and reports 1, 2, 3, 6 concluded: 21 dates, each with its own
            // row; beside each the case's other date (8 concluded cases, both ways: 16) and each of its values (one per date and value)
            #expect(kept.dates.filter { $0.hasSuffix("[=]") }.count == 21)
            #expect(kept.dates.filter { $0.contains("[date:") }.count == 16)
            #expect(kept.tags.count == 14)
            let perCase = Dictionary(grouping: kept.tags, by: { String($0.prefix(36)) }).mapValues(\.count)
            let datesPerCase = Dictionary(grouping: kept.dates.filter { $0.hasSuffix("[=]") }, by: { String($0.prefix(36)) }).mapValues(\.count)
            #expect(kept.dates.filter { $0.contains("[tag:") }.count == datesPerCase.reduce(0) { $0 + $1.value * (perCase[$1.key] ?? 0) })
            #expect(try await Self.both(env, "2025-09", asOf: "2025-10-20").counted == september.facts)
        }
    }

    /// Every `case_dates` and `case_tags` row as text, sorted.
    static func rows(_ env: TestEnv) async throws -> (dates: [String], tags: [String]) {
        let dates = try await env.sql.select().columns("case_id", "case_type", "unit_id", "key", "day", "pair_key", "pair_value").from("case_dates").all().map {
            "\(try $0.decode(column: "case_id", as: UUID.self)) \(try $0.decode(column: "case_type", as: String.self)) \(try $0.decode(column: "unit_id", as: UUID.self)) \(try $0.decode(column: "key", as: String.self)) \(try $0.decode(column: "day", as: String.self)) [\(try $0.decode(column: "pair_key", as: String.self))=\(try $0.decode(column: "pair_value", as: String.self))]"
        }
        let tags = try await env.sql.select().columns("case_id", "key", "value").from("case_tags").all().map {
            "\(try $0.decode(column: "case_id", as: UUID.self)) \(try $0.decode(column: "key", as: String.self)) \(try $0.decode(column: "value", as: String.self))"
        }
        return (dates.sorted(), tags.sorted())
    }
}
