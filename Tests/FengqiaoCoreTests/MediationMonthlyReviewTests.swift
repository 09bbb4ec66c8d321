@testable import FengqiaoCore
import Foundation
import Testing

/// MD-18: by the 5th working day of each month the centre records the cause and the 指导性意见 for each
/// dispute unresolved at the previous month's end — the system finds it unresolved the day after.
@Suite("Disputes unresolved at a month's end (MD-18)")
struct MediationMonthlyReviewTests {
    static let system = Actor.system("scheduler", unitID: MF.centre, permissions: [.mediationTriage])
    static let note = ["cause": "双方对维修费用分歧较大，鉴定尚未完成", "guidance": "督促鉴定机构于10月20日前出具意见，鉴定后再次组织调解"]

    @Test("MD-18: registered Sun 2026-09-20 (a make-up workday), unresolved at 09-30 — the watch runs out that night; the system owes the note on Thu 10-01 (National Day); due Tue 10-13, the 5th working day of October (10-08, 10-09, Sat 10-10, 10-12, 10-13); recorded 10-12; a second note refused; the watch moves to 10-31")
    func nationalDay() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        let opened = try ProcedureEngine.create(MediationProcedure.self, input: MF.registration(), context: MF.context(MF.clerk, "2026-09-20")).get()
        try clocks.apply(opened.clocks)
        #expect(clocks.due("monthEnd", asOf: "2026-09-20") == MF.date("2026-09-30"))
        #expect(MediationProcedure.module.timedTransitions.contains { $0.step == "monthEnd" && $0.transition == "monthUnresolved" })
        var c = ProcedureCase(id: UUID(), unitID: MF.centre, state: "registered", gravity: .ordinary, partyIDs: opened.partyIDs, handlerID: MF.clerk.userID,
                              openedOn: MF.date("2026-09-20"), facts: opened.facts)
        var o: Outcome<MediationFacts>
        (c, _) = try MF.take("mediateAtCentre", c, by: MF.centreStaff, on: "2026-09-21")
        #expect(MF.refusal("recordMonthlyReview", c, by: MF.centreStaff, on: "2026-09-28", Self.note) == ["mediation.review.none"])

        (c, o) = try MF.take("monthUnresolved", c, by: Self.system, on: "2026-10-01")
        try clocks.apply(o.clocks)
        #expect(c.facts.reviewsOwed.map(\.month) == ["2026-09"])
        #expect(clocks.due("monthlyReview", asOf: "2026-10-01") == MF.date("2026-10-13"))
        #expect(MF.calendar.workday(5, ofYear: 2026, month: 10) == MF.date("2026-10-13"))
        #expect(clocks.due("monthEnd", asOf: "2026-10-01") == MF.date("2026-10-31"))
        #expect(o.unitNotices.first?.permissions == [.mediationTriage])

        // Both fields are required; nothing is recorded on a refusal.
        #expect(MF.refusal("recordMonthlyReview", c, by: MF.centreStaff, on: "2026-10-12", ["cause": "鉴定未完成"]).contains("input.required"))
        (c, o) = try MF.take("recordMonthlyReview", c, by: MF.centreStaff, on: "2026-10-12", Self.note)
        try clocks.apply(o.clocks)
        #expect(c.facts.monthlyReviews == [MediationMonthlyReview(month: "2026-09", cause: Self.note["cause"], guidance: Self.note["guidance"],
                                                                  recordedOn: MF.date("2026-10-12"), by: MF.centreStaff.userID)])
        #expect(clocks.byStep["monthlyReview"] == nil)
        #expect(MF.refusal("recordMonthlyReview", c, by: MF.centreStaff, on: "2026-10-13", Self.note) == ["mediation.review.none"])
        // The volunteer clerk may not record it: the centre's step.
        #expect(!MF.refusal("recordMonthlyReview", c, by: MF.clerk, on: "2026-10-12", Self.note).isEmpty)
    }

    @Test("MD-18: a scheduler stopped through October fires on Tue 11-03 — September and October are both owed, the first due 10-13 (already red); once September is recorded on 11-04, October's runs from 10-31 to Fri 11-06, the 5th working day of November")
    func missedMonths() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        var c = try MF.registered(on: "2026-09-20")
        var o: Outcome<MediationFacts>
        (c, o) = try MF.take("monthUnresolved", c, by: Self.system, on: "2026-11-03")
        try clocks.apply(o.clocks)
        #expect(c.facts.reviewsOwed.map(\.month) == ["2026-09", "2026-10"])
        #expect(clocks.due("monthlyReview", asOf: "2026-11-03") == MF.date("2026-10-13"))
        (c, o) = try MF.take("recordMonthlyReview", c, by: MF.centreStaff, on: "2026-11-04", Self.note)
        try clocks.apply(o.clocks)
        #expect(c.facts.reviewsOwed.map(\.month) == ["2026-10"])
        #expect(clocks.due("monthlyReview", asOf: "2026-11-04") == MF.date("2026-11-06"))
        #expect(MF.calendar.workday(5, ofYear: 2026, month: 11) == MF.date("2026-11-06"))
        // Firing again the same month adds nothing and starts no second note clock.
        (c, o) = try MF.take("monthUnresolved", c, by: Self.system, on: "2026-11-05")
        #expect(c.facts.reviewsOwed.map(\.month) == ["2026-10"] && !o.clocks.contains { if case .start("monthlyReview", _) = $0 { true } else { false } })
    }

    @Test("MD-18: a dispute withdrawn on 2025-09-29 owes no note for September — the system's step only stops the watch")
    func resolved() throws {
        var c = try MF.atCentre("2025-09-22")
        (c, _) = try MF.take("concludeWithoutAgreement", c, by: MF.centreStaff, on: "2025-09-29",
                             ["ending": "withdrawn", "on": "2025-09-29", "investigation": "已自行协商", "result": "撤回"])
        let (after, o) = try MF.take("monthUnresolved", c, by: Self.system, on: "2025-10-01")
        #expect(after.facts.monthlyReviews == nil && o.clocks.count == 1)
    }
}
