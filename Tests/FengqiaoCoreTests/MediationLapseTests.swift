import FengqiaoCore
import Foundation
import Testing

/// MD-05: a mediator's term ending mid-case — flagged by the system the day after, reassigned within
/// 5 working days; a term renewed in time only moves the watch.
@Suite("Mediator terms ending mid-case (MD-05)")
struct MediationLapseTests {
    @Test("MD-05: 吴调解 (term 2025-03-01…2026-02-28) assigned 2026-02-10 — the watch runs out at the end of Sat 02-28; the system flags it on Sun 03-01; reassign by Fri 03-06; 吴 may no longer hold a session; another mediator assigned 03-03 ends it")
    func lapse() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        let newcomer = UUID()
        var people = MF.people
        people[newcomer] = MF.mediator(newcomer, "郑新", unit: MF.centre, start: "2026-01-05", trained: "2026-01-09")
        var c = try MF.registered(on: "2026-02-10")
        var o: Outcome<MediationFacts>
        (c, _) = try MF.take("mediateAtCentre", c, by: MF.centreStaff, on: "2026-02-10")
        (c, o) = try MF.take("assignMediators", c, by: MF.centreStaff, on: "2026-02-10", ["mediators": MF.wu.uuidString], people: people)
        try clocks.apply(o.clocks)
        #expect(clocks.due("mediatorTerm", asOf: "2026-02-10") == MF.date("2026-02-28"))
        #expect(MediationProcedure.module.timedTransitions.contains { $0.step == "mediatorTerm" && $0.transition == "mediatorLapsed" })
        (c, _) = try MF.take("recordConsent", c, by: MF.centreStaff, on: "2026-02-11", ["side": "applicant", "on": "2026-02-11", "form": "written"], people: people)
        (c, _) = try MF.take("recordConsent", c, by: MF.centreStaff, on: "2026-02-11", ["side": "respondent", "on": "2026-02-11", "form": "written"], people: people)

        // The system's step on Sun 03-01, the first day out of office.
        let system = Actor.system("scheduler", unitID: MF.centre, permissions: [.mediationAssign])
        (c, o) = try MF.take("mediatorLapsed", c, by: system, on: "2026-03-01", people: people)
        try clocks.apply(o.clocks)
        #expect(c.facts.lapse == MediatorLapse(on: MF.date("2026-03-01"), names: ["吴调解"]))
        #expect(clocks.byStep["mediatorTerm"] == nil)
        #expect(clocks.due("reassign", asOf: "2026-03-01") == MF.date("2026-03-06"))
        #expect(o.unitNotices.first?.permissions == [.mediationAssign])
        #expect(MF.refusal("holdSession", c, by: MF.centreStaff, on: "2026-03-02", ["on": "2026-03-02", "place": "调解室", "attendees": "双方",
                                                                                 "record": "调解"], people: people)
            .contains("mediation.mediator.term-expired"))
        (c, o) = try MF.take("assignMediators", c, by: MF.centreStaff, on: "2026-03-03", ["mediators": newcomer.uuidString], people: people)
        try clocks.apply(o.clocks)
        #expect(c.facts.lapse == nil && clocks.byStep["reassign"] == nil)
        #expect(clocks.due("mediatorTerm", asOf: "2026-03-03") == MF.date("2027-01-04"))
    }

    @Test("MD-03, MD-05: a term renewed the day after it ends keeps the mediator in office through the renewal (2025-03-01 → 2027-02-28); the lapse step then only moves the watch")
    func renewed() throws {
        let wu = MF.mediator(MF.wu, "吴调解", unit: MF.centre, renewed: true)
        #expect(MediatorEligibility.inOfficeThrough(wu, from: MF.date("2026-02-10")) == MF.date("2027-02-28"))
        #expect(MediatorEligibility.inOfficeThrough(MF.mediator(MF.wu, "吴调解", unit: MF.centre), from: MF.date("2026-03-01")) == nil)
        var people = MF.people
        people[MF.wu] = wu
        var c = try MF.atCentre("2026-02-10")
        var o: Outcome<MediationFacts>
        (c, o) = try MF.take("mediatorLapsed", c, by: Actor.system("scheduler", unitID: MF.centre, permissions: [.mediationAssign]), on: "2026-03-01", people: people)
        #expect(c.facts.lapse == nil)
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        try clocks.apply(o.clocks)
        #expect(clocks.due("mediatorTerm", asOf: "2026-03-01") == MF.date("2027-02-28"))
    }
}
