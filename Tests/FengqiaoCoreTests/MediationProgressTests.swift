import FengqiaoCore
import Foundation
import Testing

/// MD-16: a dispatched dispute's weekly progress reports to the centre.
@Suite("Mediation weekly progress (MD-16)")
struct MediationProgressTests {
    @Test("MD-16: approved Fri 2025-09-26 — the first week's report due 10-03 rolls past the National Day to Thu 10-09; a report on 10-09 makes the next due 10-16; the return ends the cadence; a case kept by the centre has none")
    func weekly() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        var c = try MF.registered(on: "2025-09-25")
        var o: Outcome<MediationFacts>
        (c, _) = try MF.take("proposeDispatch", c, by: MF.centreStaff, on: "2025-09-25", ["unit": "ZC", "basis": "经营者在中村所辖区"])
        (c, o) = try MF.take("approveDispatch", c, by: MF.director, on: "2025-09-26", ["verdict": "approve"])
        try clocks.apply(o.clocks)
        #expect(clocks.due("progress", asOf: "2025-09-26") == MF.date("2025-10-09"))
        let zcOfficer = MF.actor("officer", unit: MF.zc)
        (c, o) = try MF.take("reportProgress", c, by: zcOfficer, on: "2025-10-09", ["progress": "已征得申请人同意，约定10月13日调解"])
        try clocks.apply(o.clocks)
        #expect(clocks.due("progress", asOf: "2025-10-09") == MF.date("2025-10-16"))
        #expect(c.facts.progress?.map(\.on) == [MF.date("2025-10-09")])
        #expect(MediationProcedure.factsZH(c.facts, names: [:]).contains { $0.label == "每周进展（MD-16）" && $0.value.hasPrefix("已报送1次") })

        // Kept by the centre: nothing to report.
        let centre = try MF.atCentre("2025-09-26")
        #expect(MF.refusal("reportProgress", centre, by: MF.centreStaff, on: "2025-09-30", ["progress": "x"]) == ["mediation.progress.not-dispatched"])
        // The return ends the cadence.
        let zcHead = MF.actor("unit-head", unit: MF.zc), mediator = UUID()
        var people = MF.people
        people[mediator] = MF.mediator(mediator, "王芳", unit: MF.zc)
        (c, _) = try MF.take("assignMediators", c, by: zcHead, on: "2025-10-09", ["mediators": mediator.uuidString], people: people)
        (c, _) = try MF.take("recordConsent", c, by: zcOfficer, on: "2025-10-10", ["side": "applicant", "on": "2025-10-10", "form": "written"], people: people)
        (c, _) = try MF.take("recordConsent", c, by: zcOfficer, on: "2025-10-10", ["side": "respondent", "on": "2025-10-10", "form": "written"], people: people)
        (c, o) = try MF.take("returnToCentre", c, by: zcOfficer, on: "2025-10-14", ["reason": "双方均表示不可能达成协议", "attempts": "调解一次"], people: people)
        try clocks.apply(o.clocks)
        #expect(clocks.byStep["progress"] == nil)
        #expect(MF.refusal("reportProgress", c, by: zcOfficer, on: "2025-10-15", ["progress": "x"]).isEmpty == false)
    }
}
