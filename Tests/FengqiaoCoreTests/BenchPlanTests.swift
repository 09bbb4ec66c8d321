import FengqiaoCore
import Foundation
import Testing

/// The bench plans seed cases as the procedures would leave them (issue 5, issue 14's benchmarks):
/// every open state of each plan is reached through the pure engine with its rules, and the seeded
/// clock's step is one of the procedure's rule set.
@Suite("Bench plans")
struct BenchPlanTests {
    static let calendar = WorkCalendar.shipped

    /// The bench's staff with the shipped roles' permissions, as `fengqiao bench` seeds them.
    static func cast() -> BenchCast {
        let unit = UUID()
        let officer = Actor(userID: UUID(), login: "bi_officer", name: "基准执法人员", unitID: unit,
                            permissions: ShippedRoles.officer.permissions,
                            roleCodes: ["officer"], visibleUnits: [unit])
        let chief = Actor(userID: UUID(), login: "bi_chief", name: "基准局长", unitID: UUID(), permissions: ShippedRoles.chiefLeader.permissions,
                          roleCodes: ["chief-leader"], visibleUnits: nil)
        return BenchCast(officer: officer, colleague: UUID(), leader: chief, calendar: calendar)
    }

    static func check<P: Benchmarked>(_ p: P.Type, openedOn: LocalDate) throws {
        let plan = P.bench
        let rules = try #require(P.module.ruleSets.first { $0.key == P.ruleSetKey })
        for (i, state) in Set(plan.openStates).sorted().enumerated() {
            let facts = try plan.facts(BenchSeed(state: state, party: UUID(), partyName: "基准当事人", openedOn: openedOn, serial: i, counterpart: UUID()), cast())
            #expect(try JSONEncoder().encode(facts).count > 2, "\(P.caseType) \(state)")
            let step = try #require(plan.clockStep[state], "\(P.caseType) \(state)")
            #expect(rules.rule(step) != nil, "\(P.caseType) \(state) \(step)")
        }
        #expect(P.transition(plan.measuredTransition) != nil)
    }

    @Test("the complaint's plan plays a platform item received Tue 2025-09-30 to 待受理决定, 受理决定待审批, 调解中 and 暂停调解 across National Day")
    func complaintPlan() throws {
        try Self.check(ComplaintProcedure.self, openedOn: LocalDate(iso: "2025-09-30")!)
    }

    @Test("the interview's plan plays a clue of Tue 2025-09-30 to each of its open states")
    func interviewPlan() throws {
        try Self.check(InterviewProcedure.self, openedOn: LocalDate(iso: "2025-09-30")!)
    }

    @Test("the mediation plan plays a walk-in of Tue 2025-09-30 to 已登记, 待受理, 调解中 and 中止计时 across National Day")
    func mediationPlan() throws {
        try Self.check(MediationProcedure.self, openedOn: LocalDate(iso: "2025-09-30")!)
    }
}
