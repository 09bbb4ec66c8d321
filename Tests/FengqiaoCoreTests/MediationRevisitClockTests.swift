@testable import FengqiaoCore
import Foundation
import Testing

/// MD-34: the revisits' clocks the conclusion starts — revisit 1 within 10 工作日, revisit 2 of a
/// major, complex or rebound-risk dispute at 90 日 — and the flag that asks for the second.
@Suite("Revisit clocks (MD-34)")
struct MediationRevisitClockTests {
    static func conclude(_ c: ProcedureCase<MediationFacts>, on day: String, obligationDue: String) throws -> (ProcedureCase<MediationFacts>, Outcome<MediationFacts>) {
        var input = MF.agreementInput
        input["signedOn"] = day
        input["obligations"] = "江城市美居装饰工程有限公司|返还装修款8000元|\(obligationDue)"
        return try MF.take("concludeAgreement", c, by: MF.centreStaff, on: day, input, documents: [MF.doc("MD-AGREEMENT", issued: day, served: day)])
    }

    static func starts(_ o: Outcome<MediationFacts>, _ step: String) -> LocalDate? {
        o.clocks.lazy.compactMap { if case let .start(s, on) = $0, s == step { on } else { nil } }.first
    }

    @Test("Scenario 8 (MD-34): a major dispute concluded Fri 2025-12-26 starts revisit 1, due Mon 2026-01-12 (元旦 01-01…01-03 out, make-up Sun 01-04 in), and revisit 2, due Thu 2026-03-26; both run on after the closing")
    func majorStartsBoth() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        var c = try MF.atCentre("2025-12-15")
        (c, _) = try MF.take("flagMajor", c, by: MF.centreStaff, on: "2025-12-16", ["reason": "涉及32户业主，有群体性事件风险"])
        let o: Outcome<MediationFacts>
        (c, o) = try Self.conclude(c, on: "2025-12-26", obligationDue: "2026-01-09")
        try clocks.apply(o.clocks)
        #expect(Self.starts(o, "revisit") == MF.date("2025-12-26") && Self.starts(o, "secondRevisit") == MF.date("2025-12-26"))
        #expect(clocks.due("revisit", asOf: "2025-12-26") == MF.date("2026-01-12"))
        #expect(clocks.due("secondRevisit", asOf: "2025-12-26") == MF.date("2026-03-26"))
        #expect(MediationProcedure.module.afterClosingSteps.isSuperset(of: ["revisit", "secondRevisit"]))
        #expect(MediationProcedure.module.revisitSteps == ["revisit", "secondRevisit"])
        // A major dispute needs no second flag.
        #expect(MF.refusal("flagReboundRisk", c, by: MF.centreStaff, on: "2026-01-05", ["reason": "x"]) == ["mediation.rebound.major"])
    }

    @Test("MD-34: an ordinary dispute concluded Thu 2025-09-25 gets revisit 1 only, due Wed 10-15 after the National Day break (make-up Sun 09-28 and Sat 10-11 count); flagged rebound-risk on 10-09, its second revisit runs from the conclusion, 90 日 to Wed 12-24; flagged once")
    func lateFlag() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        var c = try MF.atCentre("2025-09-22")
        var o: Outcome<MediationFacts>
        (c, o) = try Self.conclude(c, on: "2025-09-25", obligationDue: "2025-09-30")
        try clocks.apply(o.clocks)
        #expect(Self.starts(o, "secondRevisit") == nil)
        #expect(clocks.due("revisit", asOf: "2025-09-25") == MF.date("2025-10-15"))
        #expect(MF.refusal("flagReboundRisk", c, by: MF.centreStaff, on: "2025-10-09", [:]).contains("input.required"))
        (c, o) = try MF.take("flagReboundRisk", c, by: MF.centreStaff, on: "2025-10-09", ["reason": "被申请人经营困难，存在反悔可能"])
        try clocks.apply(o.clocks)
        #expect(c.state == "concluded" && c.facts.reboundRisk?.on == MF.date("2025-10-09"))
        #expect(clocks.due("secondRevisit", asOf: "2025-10-09") == MF.date("2025-12-24"))
        #expect(MF.refusal("flagReboundRisk", c, by: MF.centreStaff, on: "2025-10-10", ["reason": "再标"]) == ["mediation.rebound.already"])
        #expect(MediationProcedure.factsZH(c.facts, names: [:]).contains { $0.label == "疑难复杂或反弹风险（MD-34）" })
    }

    @Test("MD-34: flagged complex while mediating (Mon 2025-04-28), an agreement on Wed 04-30 before the May Day break starts both revisits — revisit 1 due Mon 05-19 (05-01…05-05 out), revisit 2 on Tue 07-29")
    func flagBeforeConclusion() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        var c = try MF.atCentre("2025-04-25")
        (c, _) = try MF.take("flagReboundRisk", c, by: MF.centreStaff, on: "2025-04-28", ["reason": "双方积怨较深，疑难复杂"])
        let o: Outcome<MediationFacts>
        (c, o) = try Self.conclude(c, on: "2025-04-30", obligationDue: "2025-05-09")
        try clocks.apply(o.clocks)
        #expect(clocks.due("revisit", asOf: "2025-04-30") == MF.date("2025-05-19"))
        #expect(clocks.due("secondRevisit", asOf: "2025-04-30") == MF.date("2025-07-29"))
    }
}
