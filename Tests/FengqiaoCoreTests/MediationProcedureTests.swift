@testable import FengqiaoCore
import Foundation
import Testing

/// mediation.md "Bad input and edge cases" — every refusal this procedure owns — the flows after the
/// conclusion (MD-16, MD-29), and the transition × role table written out by hand.
@Suite("Mediation procedure (MD-*)")
struct MediationProcedureTests {
    typealias C = ProcedureCase<MediationFacts>

    @Test("MD-11, MD-12: registered on the day of saving with the five analysis fields; the same party on both sides, a missing field, an ADMIN dispute without its disputed unit are refused")
    func registration() throws {
        let c = try MF.registered(on: "2025-10-09")
        #expect(c.facts.registeredOn == MF.date("2025-10-09") && c.facts.object.amountFen == 3_800_000)
        #expect(c.partyIDs == [MF.applicant, MF.company])
        func refused(_ change: [String: String?]) -> [String] {
            var input = MF.registration()
            for (k, v) in change { input.values[k] = v.map { [$0] } }
            switch ProcedureEngine.create(MediationProcedure.self, input: input, context: MF.context(MF.clerk, "2025-10-09")) {
            case .success: return []
            case let .failure(r): return r.violations.map(\.code)
            }
        }
        #expect(refused(["respondent": MF.applicant.uuidString]) == ["mediation.parties.same"])
        #expect(refused(["nature": nil]) == ["input.required"])
        #expect(refused(["objectDescription": nil]) == ["input.required"])
        #expect(refused(["scope": "admin"]) == ["mediation.disputed-unit.missing"])
        #expect(refused(["scope": "admin", "disputedUnit": "NOPE"]) == ["mediation.disputed-unit.unknown"])
        #expect(refused(["amountYuan": "-5"]) == ["mediation.amount.negative"])
        // Only the window (and those holding mediation.register) registers.
        switch ProcedureEngine.create(MediationProcedure.self, input: MF.registration(), context: MF.context(MF.director, "2025-10-09")) {
        case .success: Issue.record("the director may not register")
        case let .failure(r): #expect(r.violations.map(\.code) == ["permission.denied"])
        }
    }

    @Test("MD-19: outside the scopes — 不予受理 names the proper channel and closes the case on the day")
    func decline() throws {
        let c = try MF.registered(on: "2025-10-09")
        #expect(MF.refusal("declineRequest", c, by: MF.centreStaff, on: "2025-10-09", ["reason": "房屋买卖合同纠纷与本局职能无关"]) == ["input.required"])
        let (after, o) = try MF.take("declineRequest", c, by: MF.centreStaff, on: "2025-10-09",
                                     ["reason": "房屋买卖合同纠纷与本局职能无关", "channel": "向人民法院提起诉讼"])
        #expect(after.state == "notAccepted" && o.closedOn == MF.date("2025-10-09"))
        #expect(MediationDocuments.file(after.facts, state: "notAccepted").map(\.code) == ["MD-REJECT"])
    }

    @Test("MD-04, MD-09: an untrained mediator, one from the disputed unit, or the approving director is refused; an ineligible mediator cannot sign a 笔录")
    func mediatorRefusals() throws {
        var c = try MF.registered(on: "2025-10-09", scope: .admin, disputedUnit: "YWZF")
        (c, _) = try MF.take("mediateAtCentre", c, by: MF.centreStaff, on: "2025-10-09")
        let untrained = UUID()
        var people = MF.people
        people[untrained] = MF.mediator(untrained, "钱未训", unit: MF.centre, trained: nil)
        #expect(MF.refusal("assignMediators", c, by: MF.centreStaff, on: "2025-10-09", ["mediators": untrained.uuidString], people: people) == ["mediation.mediator.untrained"])
        #expect(MF.refusal("assignMediators", c, by: MF.centreStaff, on: "2025-10-09", ["mediators": MF.li.uuidString]) == ["mediation.mediator.disputed-unit"])
        // A mediator whose term ends while the case runs cannot sign the session record after it (MD-04, MD-05).
        let ending = UUID()
        people[ending] = MF.mediator(ending, "孙到期", unit: MF.centre, start: "2024-10-15", trained: "2024-10-20")
        (c, _) = try MF.take("assignMediators", c, by: MF.centreStaff, on: "2025-10-09", ["mediators": ending.uuidString], people: people)
        (c, _) = try MF.take("recordConsent", c, by: MF.centreStaff, on: "2025-10-10", ["side": "applicant", "on": "2025-10-10", "form": "written"], people: people)
        (c, _) = try MF.take("recordConsent", c, by: MF.centreStaff, on: "2025-10-10", ["side": "respondent", "on": "2025-10-10", "form": "written"], people: people)
        let session = ["on": "2025-10-15", "place": "调解室", "attendees": "王建华", "record": "陈述"]
        #expect(MF.refusal("holdSession", c, by: MF.centreStaff, on: "2025-10-15", session, people: people) == ["mediation.mediator.term-expired"])
        var ok = session
        ok["on"] = "2025-10-14"
        #expect(MF.refusal("holdSession", c, by: MF.centreStaff, on: "2025-10-15", ok, people: people).isEmpty)
    }

    @Test("MD-21: no session before every consent; dates in the future or before the registration are refused; a consent is recorded once")
    func consentsAndDates() throws {
        var c = try MF.registered(on: "2025-10-09")
        (c, _) = try MF.take("mediateAtCentre", c, by: MF.centreStaff, on: "2025-10-09")
        (c, _) = try MF.take("assignMediators", c, by: MF.centreStaff, on: "2025-10-09", ["mediators": MF.wu.uuidString])
        #expect(MF.refusal("recordConsent", c, by: MF.centreStaff, on: "2025-10-10", ["side": "applicant", "on": "2025-10-11", "form": "written"]) == ["mediation.date.future"])
        #expect(MF.refusal("recordConsent", c, by: MF.centreStaff, on: "2025-10-10", ["side": "applicant", "on": "2025-10-08", "form": "written"]) == ["mediation.date.early"])
        (c, _) = try MF.take("recordConsent", c, by: MF.centreStaff, on: "2025-10-10", ["side": "applicant", "on": "2025-10-10", "form": "written"])
        #expect(c.state == "accepting" && c.facts.acceptedOn == nil)
        #expect(MF.refusal("recordConsent", c, by: MF.centreStaff, on: "2025-10-10", ["side": "applicant", "on": "2025-10-10", "form": "written"]) == ["mediation.consent.duplicate"])
        #expect(MF.refusal("holdSession", c, by: MF.centreStaff, on: "2025-10-10", ["on": "2025-10-10", "place": "调解室", "attendees": "王建华", "record": "陈述"])
            == ["transition.state", "mediation.consent.missing"])
    }

    @Test("MD-21, MD-22, MD-49: an agreement without every signature, the checklist, 法制科's review (ADMIN), or the investigation and result is refused")
    func agreementRefusals() throws {
        var c = try MF.atCentre("2025-10-09", scope: .admin)
        let signed = [MF.doc("MD-AGREEMENT", issued: "2025-10-20", served: "2025-10-20")]
        var input = MF.agreementInput
        input["signedOn"] = "2025-10-20"
        #expect(MF.refusal("concludeAgreement", c, by: MF.centreStaff, on: "2025-10-20", input, documents: signed) == ["mediation.agreement.unreviewed"])
        var unsigned = input
        unsigned["allSigned"] = nil
        unsigned["checklist"] = nil
        unsigned["result"] = nil
        #expect(Set(MF.refusal("concludeAgreement", c, by: MF.centreStaff, on: "2025-10-20", unsigned, documents: signed)) == ["input.required"])
        unsigned["result"] = "达成协议"
        #expect(Set(MF.refusal("concludeAgreement", c, by: MF.centreStaff, on: "2025-10-20", unsigned, documents: signed))
            == ["mediation.agreement.unsigned", "mediation.agreement.checklist", "mediation.agreement.unreviewed"])
        var bad = input
        bad["obligations"] = "江城市美居装饰工程有限公司|返还|10月底\n江城市美居装饰工程有限公司|返还|2025-10-01"
        #expect(Set(MF.refusal("concludeAgreement", c, by: MF.centreStaff, on: "2025-10-20", bad, documents: signed))
            == ["mediation.obligation.invalid", "mediation.obligation.past", "mediation.agreement.unreviewed"])
        #expect(MF.refusal("reviewAgreement", c, by: MF.centreStaff, on: "2025-10-17", ["terms": "返还8000元", "checklist": "on"]) == ["permission.denied"])
        #expect(MF.refusal("reviewAgreement", c, by: MF.legal, on: "2025-10-17", ["terms": "返还8000元"]) == ["mediation.agreement.checklist"])
        (c, _) = try MF.take("reviewAgreement", c, by: MF.legal, on: "2025-10-17", ["terms": "返还8000元", "checklist": "on"])
        #expect(MF.refusal("concludeAgreement", c, by: MF.centreStaff, on: "2025-10-20", input) == ["document.required"])
        let (done, _) = try MF.take("concludeAgreement", c, by: MF.centreStaff, on: "2025-10-20", input, documents: signed)
        #expect(done.facts.ending?.outcome == .agreement && done.facts.obligations.count == 1)
    }

    @Test("MD-29, MD-16: each obligation checked within 3 working days after its due date, in order; a dispatched unit reports the result within 2")
    func afterConclusion() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        var c = try MF.registered(on: "2025-10-09")
        var o: Outcome<MediationFacts>
        (c, _) = try MF.take("proposeDispatch", c, by: MF.centreStaff, on: "2025-10-09", ["unit": "ZC", "basis": "装修合同格式条款监管"])
        (c, _) = try MF.take("approveDispatch", c, by: MF.director, on: "2025-10-10", ["verdict": "approve"])
        let zcHead = MF.actor("unit-head", unit: MF.zc), zcOfficer = MF.actor("officer", unit: MF.zc)
        let zcMediator = UUID()
        var people = MF.people
        people[zcMediator] = MF.mediator(zcMediator, "王芳", unit: MF.zc)
        (c, _) = try MF.take("assignMediators", c, by: zcHead, on: "2025-10-10", ["mediators": zcMediator.uuidString], people: people)
        (c, _) = try MF.take("recordConsent", c, by: zcOfficer, on: "2025-10-13", ["side": "applicant", "on": "2025-10-13", "form": "written"], people: people)
        (c, _) = try MF.take("recordConsent", c, by: zcOfficer, on: "2025-10-13", ["side": "respondent", "on": "2025-10-13", "form": "written"], people: people)
        var input = MF.agreementInput
        input["signedOn"] = "2025-10-20"
        input["obligations"] = "江城市美居装饰工程有限公司|修复客厅墙面|2025-11-15\n江城市美居装饰工程有限公司|返还装修款8000元|2025-10-31"
        (c, o) = try MF.take("concludeAgreement", c, by: zcOfficer, on: "2025-10-20", input,
                             documents: [MF.doc("MD-AGREEMENT", issued: "2025-10-20", served: "2025-10-20")], people: people)
        try clocks.apply(o.clocks)
        #expect(MediationProcedure.module.afterClosingSteps == ["resultToCentre", "obligationCheck", "supervisionAnswer", "monthlyReview", "majorEvaluation",
                                                               "revisit", "secondRevisit"])
        #expect(clocks.due("resultToCentre", asOf: "2025-10-20") == MF.date("2025-10-22"))
        // The earliest obligation first: 10-31 (Fri) + 3 working days = 11-05.
        #expect(clocks.due("obligationCheck", asOf: "2025-10-20") == MF.date("2025-11-05"))
        #expect(MF.refusal("checkPerformance", c, by: zcOfficer, on: "2025-10-30", ["status": "performed"], people: people) == ["mediation.obligation.not-due"])
        #expect(MF.refusal("checkPerformance", c, by: zcOfficer, on: "2025-11-03", ["status": "reneged"], people: people) == ["mediation.obligation.guidance"])
        (c, o) = try MF.take("checkPerformance", c, by: zcOfficer, on: "2025-11-03", ["status": "performed"], people: people)
        try clocks.apply(o.clocks)
        #expect(c.facts.obligations.first { $0.content.hasPrefix("返还") }?.status == .performed)
        #expect(clocks.due("obligationCheck", asOf: "2025-11-03") == MF.date("2025-11-19"))
        (c, o) = try MF.take("reportResult", c, by: zcOfficer, on: "2025-10-21", ["materials": "协议书、笔录2份"], people: people)
        #expect(o.clocks == [.end(step: "resultToCentre", on: MF.date("2025-10-21"))])
        #expect(MF.refusal("reportResult", c, by: zcOfficer, on: "2025-10-22", ["materials": "x"], people: people) == ["mediation.result.reported"])
    }

    @Test("MD-15: a target asks re-dispatch within 2 working days of the approval; the director names another unit; later it is refused")
    func redispatch() throws {
        var c = try MF.registered(on: "2025-09-29")
        (c, _) = try MF.take("proposeDispatch", c, by: MF.centreStaff, on: "2025-09-29", ["unit": "ZC", "basis": "装修合同"])
        (c, _) = try MF.take("approveDispatch", c, by: MF.director, on: "2025-09-30", ["verdict": "approve"])
        let zcOfficer = MF.actor("officer", unit: MF.zc)
        // Approved 09-30: two working days are 10-09 and 10-10 across 国庆.
        #expect(MF.refusal("requestRedispatch", c, by: zcOfficer, on: "2025-10-11", ["reason": "属业务执法科职责"]) == ["mediation.redispatch.late"])
        (c, _) = try MF.take("requestRedispatch", c, by: zcOfficer, on: "2025-10-10", ["reason": "属业务执法科职责"])
        #expect(c.state == "proposed")
        let (moved, o) = try MF.take("approveDispatch", c, by: MF.director, on: "2025-10-11", ["verdict": "approve", "unit": "YWZF"])
        #expect(moved.facts.dispatch?.unitCode == "YWZF" && o.move?.to == .code("YWZF") && moved.unitID == MF.ywzf)
    }

    @Test("MD-25: a party's pause needs every consent and lasts at most 10 working days; the clock is suspended and resumed")
    func suspension() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        var c = try MF.registered(on: "2025-11-03")
        var o: Outcome<MediationFacts>
        (c, _) = try MF.take("mediateAtCentre", c, by: MF.centreStaff, on: "2025-11-03")
        (c, _) = try MF.take("assignMediators", c, by: MF.centreStaff, on: "2025-11-03", ["mediators": MF.wu.uuidString])
        (c, _) = try MF.take("recordConsent", c, by: MF.centreStaff, on: "2025-11-03", ["side": "applicant", "on": "2025-11-03", "form": "written"])
        (c, o) = try MF.take("recordConsent", c, by: MF.centreStaff, on: "2025-11-03", ["side": "respondent", "on": "2025-11-03", "form": "written"])
        try clocks.apply(o.clocks)
        #expect(clocks.due("mediation", asOf: "2025-11-03") == MF.date("2025-12-01"))
        #expect(MF.refusal("suspendMediation", c, by: MF.centreStaff, on: "2025-11-10", ["reason": "partyRequest", "from": "2025-11-10"]) == ["mediation.pause.consent"])
        (c, o) = try MF.take("suspendMediation", c, by: MF.centreStaff, on: "2025-11-10", ["reason": "partyRequest", "from": "2025-11-10", "allConsent": "on"])
        try clocks.apply(o.clocks)
        #expect(MF.refusal("resumeMediation", c, by: MF.centreStaff, on: "2025-11-25", ["to": "2025-11-24"]) == ["mediation.pause.too-long"])
        (c, o) = try MF.take("resumeMediation", c, by: MF.centreStaff, on: "2025-11-24", ["to": "2025-11-21"])
        try clocks.apply(o.clocks)
        #expect(c.state == "mediating")
        // Ten working days paused (11-10…11-21) move 12-01 to 12-15.
        #expect(clocks.due("mediation", asOf: "2025-11-24") == MF.date("2025-12-15"))
    }

    @Test("MD-21, MD-49: the parties settle or withdraw at any time, a dispatched unit included; the investigation and result are required")
    func plainEndings() throws {
        let c = try MF.atCentre("2025-10-09")
        #expect(MF.refusal("concludeWithoutAgreement", c, by: MF.centreStaff, on: "2025-10-15", ["ending": "settled", "on": "2025-10-15", "investigation": "x"])
            == ["input.required"])
        let (done, o) = try MF.take("concludeWithoutAgreement", c, by: MF.centreStaff, on: "2025-10-15",
                                    ["ending": "withdrawn", "on": "2025-10-14", "investigation": "申请人已与被申请人协商", "result": "申请人撤回申请"])
        #expect(done.state == "concluded" && done.facts.ending?.outcome == .withdrawn && o.closedOn == MF.date("2025-10-14"))
        #expect(MF.refusal("returnToCentre", c, by: MF.centreStaff, on: "2025-10-15", ["reason": "x", "attempts": "y"]) == ["mediation.return.not-dispatched"])
    }

    @Test("MD-03, MD-04, MD-07: the mediator list — status, latest training, eligibility with its reason, a term ending within 30 days unrenewed, the 12-01 untrained list")
    func roster() {
        let renewed = UUID(), ending = UUID(), untrained = UUID(), designated = UUID()
        let people = [
            MF.mediator(renewed, "吴调解", unit: MF.centre, start: "2025-03-01", trained: "2025-03-10", renewed: true),
            MF.mediator(ending, "孙到期", unit: MF.zc, start: "2025-02-20", trained: "2025-02-25"),
            MF.mediator(untrained, "钱未训", unit: MF.zc, start: "2026-01-05", trained: nil),
            MF.mediator(designated, "赵拟任", unit: MF.zc, start: "2026-03-01", trained: "2026-02-01"),
        ]
        let rows = MediatorRoster.rows(people, on: MF.date("2026-02-10"))
        func row(_ id: UUID) -> MediatorRoster.Row? { rows.first { $0.id == id } }
        #expect(row(renewed)?.status == .serving && row(renewed)?.eligible == true && row(renewed)?.endingSoon == nil && row(renewed)?.terms.count == 2)
        #expect(row(ending)?.endingSoon == MF.date("2026-02-19") && row(ending)?.eligible == true)
        #expect(row(untrained)?.eligible == false && row(untrained)?.refusalsZH.first?.hasPrefix("调解员未通过岗前培训考核") == true)
        #expect(row(designated)?.status == .designated && row(designated)?.eligible == false)
        #expect(MediatorRoster.rows(people, on: MF.date("2026-02-20")).first { $0.id == ending }?.status == .expired)
        // MD-07: in office on 2025-12-01 — 吴调解 and 孙到期, both trained in 2025: nobody; in 2026 nobody trained that year but 赵拟任.
        #expect(MediatorRoster.untrained(people, year: 2025).isEmpty)
        #expect(MediatorRoster.untrained(people, year: 2026).map(\.name) == ["吴调解", "钱未训"])
    }

    /// The transition × role table, written by hand from mediation.md "Roles and permissions": who may
    /// take each step by permission (the procedure's own rules narrow further).
    static let table: [String: Set<String>] = [
        "register": ["officer", "unit-head", "mediator", "mediation-clerk", "mediation-centre"],
        "mediateAtCentre": ["mediation-centre"], "declineRequest": ["mediation-centre"], "proposeDispatch": ["mediation-centre"],
        "approveDispatch": ["mediation-director"], "requestRedispatch": ["officer", "unit-head", "mediator", "mediation-centre"],
        "decideJoint": ["chief-leader"], "recordJointMeeting": ["mediation-centre", "chief-leader"],
        "assignMediators": ["unit-head", "mediation-centre"],
        "recordConsent": ["officer", "unit-head", "mediator", "mediation-centre"], "holdSession": ["officer", "unit-head", "mediator", "mediation-centre"],
        "suspendMediation": ["officer", "unit-head", "mediator", "mediation-centre"], "resumeMediation": ["officer", "unit-head", "mediator", "mediation-centre"],
        "extendMediation": ["mediation-director"], "flagMajor": ["officer", "unit-head", "mediator", "mediation-centre"], "submitMajorReport": ["mediation-centre"],
        "reviewAgreement": ["legal-reviewer"], "concludeAgreement": ["officer", "unit-head", "mediator", "mediation-centre"],
        "concludeWithoutAgreement": ["officer", "unit-head", "mediator", "mediation-centre"],
        "returnToCentre": ["officer", "unit-head", "mediator", "mediation-centre"], "decideTermination": ["mediation-centre"],
        "serveTermination": ["officer", "unit-head", "mediator", "mediation-centre"], "reportResult": ["officer", "unit-head", "mediator", "mediation-centre"],
        "checkPerformance": ["officer", "unit-head", "mediator", "mediation-centre"], "recordFeedback": ["officer", "unit-head", "mediator", "mediation-centre"],
        "limitExpired": ["officer", "unit-head", "mediator", "mediation-centre"],
        // MD-14: the 综合督察室 (纪检监察员) attaches, the handling unit answers.
        "attachSupervision": ["discipline"], "answerSupervision": ["officer", "unit-head", "mediator", "mediation-centre"],
        "reportProgress": ["officer", "unit-head", "mediator", "mediation-centre"],
        // MD-05: the system's step, with the permission of those who reassign.
        "mediatorLapsed": ["unit-head", "mediation-centre"],
        // MD-18: the system's month-end step and the centre's note.
        "monthUnresolved": ["mediation-centre"], "recordMonthlyReview": ["mediation-centre"],
        // MD-33: the 工作预案 by whoever handles it, the 效能评估 by the centre.
        "recordMajorPlan": ["officer", "unit-head", "mediator", "mediation-centre"], "evaluateMajor": ["mediation-centre"],
        // MD-23: whoever mediates forwards a clue; MD-34: whoever handles it flags a second revisit.
        "forwardClue": ["officer", "unit-head", "mediator", "mediation-centre"],
        "flagReboundRisk": ["officer", "unit-head", "mediator", "mediation-centre"],
    ]

    @Test("mediation.md roles: the transition × role table")
    func roleTable() {
        let specs = [MediationProcedure.creation] + MediationProcedure.transitions
        #expect(Set(specs.map(\.key)) == Set(Self.table.keys))
        for spec in specs {
            let holders = Set(ShippedRoles.all.filter { r in spec.permissions.contains { r.permissions.contains($0) } }.map(\.code))
            #expect(holders == Self.table[spec.key], "\(spec.key)")
        }
        // The three administrators never hold a mediation step (PLT-04).
        for admin in ["system-admin", "security-admin", "audit-admin"] {
            #expect(!specs.contains { s in s.permissions.contains { ShippedRoles.role(admin)!.permissions.contains($0) } })
        }
    }
}
