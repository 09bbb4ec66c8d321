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

    @Test("CAL-43 a timed transition refused (its note not yet issued) on Fri 2025-10-10 is not retried that day, is retried on the next working day (make-up Sat 10-11), and fires on Mon 10-13 once the note exists")
    func refusedFiringBacksOff() async throws {
        try await withApp(procedures: ProcedureRegistry.shipped.adding([LapseProcedure.self])) { env in
            // setup: opened Tue 2025-09-30; the 1-working-day wait is due Thu 10-09 and runs out at 00:00 Fri 10-10
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村逾期商行有限公司", uscc: .uscc(7171)),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let id = try #require(try RegistryTests.json(try await env.request(.POST, "/api/v1/lapses", token: token, json: ["partyID": party.id.uuidString]))["id"]
                as? String)
            let repo = TimedTransitionRepository(store: env.store)
            // act, check: refused on 10-10, then left alone for the rest of the day
            env.moveClock(to: "2025-10-10", hour: 9)
            #expect(try await repo.fireDue().refused.count == 1)
            env.moveClock(to: "2025-10-10", hour: 9.5)
            let again = try await repo.fireDue()
            #expect(again.refused.isEmpty && again.fired.isEmpty)
            // the next working day, the make-up Saturday: tried and refused again
            env.moveClock(to: "2025-10-11", hour: 9)
            #expect(try await repo.fireDue().refused.count == 1)
            // the note issued; Monday 10-13 it fires
            let issued = try await env.request(.POST, "/api/v1/cases/\(id)/documents", token: token,
                                               json: DocumentIssueDTO(templateCode: "TL-NOTE", values: ["party.name": party.name], recipient: party.name))
            #expect(issued.status == .created)
            env.moveClock(to: "2025-10-13", hour: 9)
            let fired = try await repo.fireDue()
            #expect(fired.fired.count == 1 && fired.refused.isEmpty)
        }
    }
}

/// A test-only procedure whose timed transition needs a document (`requires`), so the scheduler's
/// firing is refused until it is issued.
enum LapseProcedure: Procedure {
    struct Facts: Codable, Sendable, Equatable { var partyID: UUID }

    static let caseType = "lapse"
    static let nameZH = "测试逾期"
    static let ruleSetKey = "lapse"
    static let states: [(key: String, nameZH: String)] = [("open", "办理中"), ("lapsed", "已逾期办结")]
    static let terminalStates: Set<String> = ["lapsed"]
    typealias Opening = Register
    static let steps: [any Transition<Facts>.Type] = [Lapse.self]

    enum Register: Creation {
        typealias Facts = LapseProcedure.Facts
        static let party = TypedField<UUID>.party("partyID", "当事人")
        static let spec = TransitionSpec("register", "登记", from: [], permissions: [.caseCreate], fields: [party.spec], rule: "L-01")
        static func decode(_ i: ActionInput) -> UUID? { party(i) }
        static func create(_ party: UUID, context: ProcedureContext) -> Opened<Facts> {
            Opened(title: "逾期事项", partyIDs: [party], facts: Facts(partyID: party), clocks: [.start(step: "lapseWait", on: context.today)])
        }
    }

    enum Lapse: Transition {
        typealias Facts = LapseProcedure.Facts
        static let spec = TransitionSpec("lapse", "逾期办结", from: ["open"], permissions: [.caseHandle], fields: [], rule: "L-02",
                                         requires: [.issued("TL-NOTE", rule: "L-02")], issues: ["TL-NOTE"])
        static func decode(_ i: ActionInput) -> Void? { () }
        static func apply(_ input: Void, case c: ProcedureCase<Facts>, context: ProcedureContext) -> Outcome<Facts> {
            Outcome(state: "lapsed", gravity: c.gravity, facts: c.facts, handlerID: c.handlerID, clocks: [.end(step: "lapseWait", on: context.today)],
                    closedOn: context.today, summaryZH: "逾期办结")
        }
    }

    static let ruleSet = RuleSet(key: "lapse", version: 1, nameZH: "测试逾期时限", citation: "测试", status: .active,
                                 effectiveFrom: LocalDate(iso: "2020-01-01")!, rules: [
                                     "lapseWait": TimeLimitRule(1, .workday, from: "lapse.registered", citation: "测试：1个工作日"),
                                 ])
    static let module = ProcedureModule(
        pathWord: "lapses", moduleCode: "TL", ruleSets: [ruleSet], stepNames: ["lapseWait": "等待"],
        templates: [DocumentTemplate(code: "TL-NOTE", nameZH: "逾期说明", docClass: "result", fields: [FieldSpec("party.name", "当事人")], typeWord: "逾",
                                     body: "{{party.name}}：\n    特此说明。")],
        handlerPermissions: [.caseCreate, .caseHandle], timedTransitions: [TimedTransition(step: "lapseWait", transition: "lapse", rule: "L-02")])

    static func category(_ facts: Facts) -> String? { nil }
    static func countsAsPrior(_ facts: Facts) -> Bool { false }
    static func documentValues(_ facts: Facts, context: DocumentPrefillContext) -> [String: String] { [:] }
    static func factsZH(_ f: Facts, names: [UUID: String]) -> [(label: String, value: String)] { [] }
}
