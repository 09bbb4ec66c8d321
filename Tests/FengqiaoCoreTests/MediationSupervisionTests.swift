import FengqiaoCore
import Foundation
import Testing

/// MD-14: the 综合督察室's 督察意见 on any dispute, answered by the handling unit within 5 working days;
/// no filing while one is unanswered.
@Suite("Mediation 督察意见 (MD-14)")
struct MediationSupervisionTests {
    static let inspector = MF.actor("discipline", unit: MF.bureau)

    @Test("MD-14: an opinion attached Tue 2025-09-30 is due Tue 10-14 (National Day out, make-up Sat 10-11 in); a second waits for the answer; the answer ends the clock; the centre's staff cannot attach")
    func attachAndAnswer() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        var c = try MF.atCentre("2025-09-26")
        var o: Outcome<MediationFacts>
        #expect(!MF.refusal("attachSupervision", c, by: MF.centreStaff, on: "2025-09-30", ["opinion": "x"]).isEmpty)
        #expect(MF.refusal("answerSupervision", c, by: MF.centreStaff, on: "2025-09-30", ["answer": "已整改"]) == ["mediation.supervision.none"])
        (c, o) = try MF.take("attachSupervision", c, by: Self.inspector, on: "2025-09-30", ["opinion": "受理前未书面告知当事人调解的自愿原则"])
        try clocks.apply(o.clocks)
        #expect(clocks.due("supervisionAnswer", asOf: "2025-09-30") == MF.date("2025-10-14"))
        #expect(c.facts.openSupervision?.opinion == "受理前未书面告知当事人调解的自愿原则")
        #expect(MF.refusal("attachSupervision", c, by: Self.inspector, on: "2025-10-09", ["opinion": "又一条"]) == ["mediation.supervision.pending"])
        // No filing while it is unanswered.
        #expect(MediationProcedure.archiveHold(c.facts)?.code == "mediation.supervision.unanswered")
        (c, o) = try MF.take("answerSupervision", c, by: MF.centreStaff, on: "2025-10-10", ["answer": "已补充书面告知，并记入笔录"])
        try clocks.apply(o.clocks)
        #expect(o.clocks.contains { if case .end("supervisionAnswer", MF.date("2025-10-10")) = $0 { true } else { false } })
        #expect(clocks.byStep["supervisionAnswer"] == nil)
        #expect(c.facts.openSupervision == nil && c.facts.supervisions?.first?.answeredOn == MF.date("2025-10-10"))
        #expect(MediationProcedure.archiveHold(c.facts) == nil)
        #expect(MediationProcedure.factsZH(c.facts, names: [:]).contains { $0.label == "督察意见（MD-14）" && $0.value.contains("2025年10月10日答复") })
        // A second opinion once the first is answered, on the concluded case too.
        (c, _) = try MF.take("concludeWithoutAgreement", c, by: MF.centreStaff, on: "2025-10-13",
                             ["ending": "withdrawn", "on": "2025-10-13", "investigation": "双方自行和解", "result": "撤回"])
        #expect(c.state == "concluded")
        (c, _) = try MF.take("attachSupervision", c, by: Self.inspector, on: "2025-10-14", ["opinion": "撤回申请未由申请人签字确认"])
        #expect(MediationProcedure.archiveHold(c.facts) != nil && c.facts.supervisions?.count == 2)
    }
}
