@testable import FengqiaoCore
import Foundation
import Testing

/// MD-33: a major dispute's 工作预案 before the next session, and its 效能评估 within 30 日 of the conclusion.
@Suite("Major disputes: plan and evaluation (MD-33)")
struct MediationMajorTests {
    static let session = ["place": "调解室", "attendees": "双方当事人", "record": "双方陈述，调解员释法"]

    @Test("MD-33: mediated from Thu 2026-02-12, flagged major Fri 02-13 — no session on Sat 02-14 (a make-up workday) without a 工作预案; the plan made that day, a session on 02-24 after the Spring Festival; an agreement on 02-26 starts the 效能评估, 30 日 to Sat 03-28, rolled to Mon 03-30; evaluated 03-20, once")
    func planAndEvaluation() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        var c = try MF.atCentre("2026-02-12")
        var o: Outcome<MediationFacts>
        (c, _) = try MF.take("flagMajor", c, by: MF.centreStaff, on: "2026-02-13", ["reason": "32户业主集体上访，有群体性事件风险"])
        var session = Self.session
        session["on"] = "2026-02-14"
        #expect(MF.refusal("holdSession", c, by: MF.centreStaff, on: "2026-02-14", session) == ["mediation.major.plan"])
        // Only a major dispute has a plan.
        #expect(MF.refusal("recordMajorPlan", try MF.atCentre("2026-02-12"), by: MF.centreStaff, on: "2026-02-14", ["plan": "x"]) == ["mediation.major.none"])
        #expect(MF.refusal("recordMajorPlan", c, by: MF.centreStaff, on: "2026-02-14", [:]).contains("input.required"))
        (c, _) = try MF.take("recordMajorPlan", c, by: MF.centreStaff, on: "2026-02-14", ["plan": "分组接待业主代表，联系街道维稳，节后2月24日组织调解"])
        #expect(c.facts.major?.plan?.hasPrefix("分组接待") == true && c.facts.major?.planOn == MF.date("2026-02-14"))
        session["on"] = "2026-02-24"
        (c, _) = try MF.take("holdSession", c, by: MF.centreStaff, on: "2026-02-24", session)
        // A revision keeps the dispute major and says so.
        (c, o) = try MF.take("recordMajorPlan", c, by: MF.centreStaff, on: "2026-02-25", ["plan": "增加律师参与，2月26日再次调解"])
        #expect(o.summaryZH.hasPrefix("修订工作预案") && c.facts.major?.planOn == MF.date("2026-02-25"))

        var input = MF.agreementInput
        input["signedOn"] = "2026-02-26"
        input["obligations"] = "江城市美居装饰工程有限公司|返还装修款8000元|2026-02-27"
        (c, o) = try MF.take("concludeAgreement", c, by: MF.centreStaff, on: "2026-02-26", input, documents: [MF.doc("MD-AGREEMENT", issued: "2026-02-26", served: "2026-02-26")])
        try clocks.apply(o.clocks)
        #expect(clocks.due("majorEvaluation", asOf: "2026-02-26") == MF.date("2026-03-30"))
        #expect(MediationProcedure.module.afterClosingSteps.contains("majorEvaluation"))
        #expect(MediationProcedure.module.reminders["majorEvaluation"]?.escalation[.red] == [.mediationDecide])
        #expect(MF.refusal("evaluateMajor", c, by: MF.centreStaff, on: "2026-03-20", [:]).contains("input.required"))
        (c, o) = try MF.take("evaluateMajor", c, by: MF.centreStaff, on: "2026-03-20", ["evaluation": "协议已履行，业主未再上访；预案中的分组接待有效"])
        try clocks.apply(o.clocks)
        #expect(clocks.byStep["majorEvaluation"] == nil && c.facts.major?.evaluatedOn == MF.date("2026-03-20"))
        #expect(MF.refusal("evaluateMajor", c, by: MF.centreStaff, on: "2026-03-21", ["evaluation": "再评"]) == ["mediation.major.evaluated"])
    }

    @Test("MD-33: an ordinary dispute's conclusion starts no 效能评估, and none may be recorded")
    func ordinary() throws {
        var c = try MF.atCentre("2025-10-09")
        var input = MF.agreementInput
        input["signedOn"] = "2025-10-20"
        let o: Outcome<MediationFacts>
        (c, o) = try MF.take("concludeAgreement", c, by: MF.centreStaff, on: "2025-10-20", input, documents: [MF.doc("MD-AGREEMENT", issued: "2025-10-20", served: "2025-10-20")])
        #expect(!o.clocks.contains { if case .start("majorEvaluation", _) = $0 { true } else { false } })
        #expect(MF.refusal("evaluateMajor", c, by: MF.centreStaff, on: "2025-10-21", ["evaluation": "x"]) == ["mediation.major.none"])
    }
}
