@testable import FengqiaoCore
import Foundation
import Testing

/// mediation.md "Acceptance scenarios" 1–10 with their dates, on the pure procedure and its rule set.
@Suite("Mediation acceptance scenarios (MD-*)")
struct MediationScenarioTests {
    typealias C = ProcedureCase<MediationFacts>

    /// Registered and kept by the centre on `registered`, both parties consenting on `applicant` and `respondent`.
    static func accepted(registered: String, applicant: String, respondent: String, scope: MediationScope = .civil,
                         clocks: inout ClockRunner) throws -> C {
        var c = try MF.registered(on: registered, scope: scope, disputedUnit: scope.administrative ? "YWZF" : nil)
        var o: Outcome<MediationFacts>
        (c, o) = try MF.take("mediateAtCentre", c, by: MF.centreStaff, on: registered)
        try clocks.apply(o.clocks)
        (c, _) = try MF.take("assignMediators", c, by: MF.centreStaff, on: registered, ["mediators": MF.wu.uuidString])
        (c, o) = try MF.take("recordConsent", c, by: MF.centreStaff, on: applicant, ["side": "applicant", "on": applicant, "form": "written"])
        (c, o) = try MF.take("recordConsent", c, by: MF.centreStaff, on: respondent, ["side": "respondent", "on": respondent, "form": "oralRecord"])
        try clocks.apply(o.clocks)
        return c
    }

    @Test("Scenario 1 (MD-24, MD-34, MD-37): accepted Fri 2025-09-26 → due 2025-10-30 across 国庆 with make-up 09-28 and 10-11; agreement 10-20 → revisit 11-03, volume 11-19")
    func scenario1A() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        var c = try Self.accepted(registered: "2025-09-24", applicant: "2025-09-25", respondent: "2025-09-26", clocks: &clocks)
        #expect(c.state == "mediating")
        #expect(c.facts.acceptedOn == MF.date("2025-09-26"))
        #expect(clocks.due("mediation", asOf: "2025-09-26") == MF.date("2025-10-30"))
        let agreement = MF.doc("MD-AGREEMENT", issued: "2025-10-20", served: "2025-10-20")
        var input = MF.agreementInput
        input["signedOn"] = "2025-10-20"
        let o: Outcome<MediationFacts>
        (c, o) = try MF.take("concludeAgreement", c, by: MF.centreStaff, on: "2025-10-20", input, documents: [agreement])
        #expect(c.state == "concluded")
        #expect(o.closedOn == MF.date("2025-10-20"))
        #expect(o.clocks.contains(.start(step: "obligationCheck", on: MF.date("2025-10-31"))))
        // MD-34: revisit 1 ten working days after the conclusion; MD-37: the volume 30 days after.
        let revisit = try #require(MediationProcedure.module.revisitDue)
        #expect(revisit.due(closedOn: MF.date("2025-10-20"), calendar: MF.calendar) == MF.date("2025-11-03"))
        let archive = try #require(ArchivingLimits(ruleSet: ShippedRuleSets.mediation))
        #expect(archive.dueDates(closedOn: MF.date("2025-10-20"), calendar: MF.calendar).electronic.date == MF.date("2025-11-19"))
    }

    @Test("Scenario 1 variant B (MD-24): 10 working days approved 2025-10-28 → due 2025-11-13; asked on 10-31, after expiry, refused; more than 10 refused")
    func scenario1B() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        let c = try Self.accepted(registered: "2025-09-24", applicant: "2025-09-25", respondent: "2025-09-26", clocks: &clocks)
        let input = ["workdays": "10", "ground": "需等待墙面开裂原因鉴定意见", "partiesTold": "on"]
        #expect(MF.refusal("extendMediation", c, by: MF.centreStaff, on: "2025-10-28", input) == ["permission.denied"])
        #expect(MF.refusal("extendMediation", c, by: MF.director, on: "2025-10-28", ["workdays": "11", "ground": "x", "partiesTold": "on"]) == ["mediation.extension.too-long"])
        #expect(MF.refusal("extendMediation", c, by: MF.director, on: "2025-10-28", ["workdays": "5", "ground": "x"]) == ["mediation.extension.untold"])

        var late = clocks
        let (_, lateOutcome) = try MF.take("extendMediation", c, by: MF.director, on: "2025-10-31", input)
        #expect(throws: CalendarError.self) { try late.apply(lateOutcome.clocks, on: MF.date("2025-10-31"), permissions: ["mediation.extend"]) }

        let (extended, o) = try MF.take("extendMediation", c, by: MF.director, on: "2025-10-28", input)
        try clocks.apply(o.clocks, on: MF.date("2025-10-28"), permissions: ["mediation.extend"])
        #expect(clocks.due("mediation", asOf: "2025-10-28") == MF.date("2025-11-13"))
        #expect(MF.refusal("extendMediation", extended, by: MF.director, on: "2025-11-03", input) == ["mediation.extension.second"])
    }

    @Test("Scenario 2 (MD-37): concluded 2026-01-16 — the raw date 2026-02-15 falls in the Spring Festival holiday, the volume is due 2026-02-24")
    func scenario2() throws {
        let archive = try #require(ArchivingLimits(ruleSet: ShippedRuleSets.mediation))
        #expect(MF.date("2026-01-16").adding(days: 30) == MF.date("2026-02-15"))
        #expect(archive.dueDates(closedOn: MF.date("2026-01-16"), calendar: MF.calendar).electronic.date == MF.date("2026-02-24"))
    }

    @Test("Scenario 3 (MD-13): registered Tue 2025-09-30, proposed to 业务执法科 — approval due 2025-10-10; its consent before approval is refused; the proposer may not approve")
    func scenario3() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        var c = try MF.registered(on: "2025-09-30")
        var o: Outcome<MediationFacts>
        (c, o) = try MF.take("proposeDispatch", c, by: MF.centreStaff, on: "2025-09-30", ["unit": "YWZF", "basis": "合同格式条款监管属业务执法科职责"])
        try clocks.apply(o.clocks)
        #expect(c.state == "proposed")
        #expect(clocks.due("dispatchApproval", asOf: "2025-09-30") == MF.date("2025-10-10"))
        #expect(MF.refusal("recordConsent", c, by: MF.ywzfOfficer, on: "2025-10-09", ["side": "applicant", "on": "2025-10-09", "form": "written"])
            == ["mediation.dispatch.unapproved"])
        let proposerDirector = Actor(userID: MF.centreStaff.userID, login: "d", name: "主任", unitID: MF.bureau, permissions: MF.director.permissions,
                                     roleCodes: ["mediation-director"], visibleUnits: nil)
        #expect(MF.refusal("approveDispatch", c, by: proposerDirector, on: "2025-10-09", ["verdict": "approve"]) == ["mediation.dispatch.own-proposal"])
        (c, o) = try MF.take("approveDispatch", c, by: MF.director, on: "2025-10-09", ["verdict": "approve"])
        try clocks.apply(o.clocks)
        #expect(o.move == CaseMove(to: .code("YWZF"), keepReadAccess: true, rule: "MD-13"))
        #expect(c.state == "accepting" && c.unitID == MF.ywzf)
        #expect(clocks.byStep["dispatchApproval"] == nil)
        #expect(clocks.due("consent", asOf: "2025-10-09") == MF.date("2025-10-15"))
        (c, _) = try MF.take("recordConsent", c, by: MF.ywzfOfficer, on: "2025-10-10", ["side": "applicant", "on": "2025-10-10", "form": "written"])
        #expect(c.facts.consents.count == 1)
    }

    @Test("Scenario 4 (MD-03, MD-04): appointed Sat 2025-03-01, trained 合格 2025-03-10 — refused 03-05, accepted 03-11; term ends 2026-02-28, refused 2026-03-02 unless renewed")
    func scenario4() throws {
        #expect(MediatorEligibility.termEnd(start: MF.date("2025-03-01")) == MF.date("2026-02-28"))
        #expect(MediatorEligibility.termEnd(start: MF.date("2024-02-29")) == MF.date("2025-02-28"))
        let new = UUID()
        let people = [new: MF.mediator(new, "赵新", unit: MF.centre, start: "2025-03-01", trained: "2025-03-10")]
        let c = try MF.registered(on: "2025-03-03")
        let (accepting, _) = try MF.take("mediateAtCentre", c, by: MF.centreStaff, on: "2025-03-03")
        let assign = ["mediators": new.uuidString]
        #expect(MF.refusal("assignMediators", accepting, by: MF.centreStaff, on: "2025-03-05", assign, people: people) == ["mediation.mediator.untrained"])
        let (assigned, _) = try MF.take("assignMediators", accepting, by: MF.centreStaff, on: "2025-03-11", assign, people: people)
        #expect(assigned.facts.mediatorIDs == [new] && assigned.handlerID == new)

        let later = try MF.take("mediateAtCentre", try MF.registered(on: "2026-03-02"), by: MF.centreStaff, on: "2026-03-02").0
        #expect(MF.refusal("assignMediators", later, by: MF.centreStaff, on: "2026-03-02", assign, people: people) == ["mediation.mediator.term-expired"])
        let renewed = [new: MF.mediator(new, "赵新", unit: MF.centre, start: "2025-03-01", trained: "2025-03-10", renewed: true)]
        #expect(MF.refusal("assignMediators", later, by: MF.centreStaff, on: "2026-03-02", assign, people: renewed).isEmpty)
        // Only the unit's head or the centre assigns (调解机构负责人).
        #expect(MF.refusal("assignMediators", later, by: MF.ywzfOfficer, on: "2026-03-02", assign, people: renewed) == ["permission.denied"])
    }

    @Test("Scenario 5 (MD-32): 会办 decided 2025-12-22; a joint session on 12-23 without a joint meeting is refused; after the 12-24 meeting's minutes it is held, led by 局长室")
    func scenario5() throws {
        var c = try MF.registered(on: "2025-12-19")
        #expect(MF.refusal("decideJoint", c, by: MF.centreStaff, on: "2025-12-22", ["decisionRef": "江市监调领〔2025〕4号", "units": "ZC\nYWZF"]) == ["permission.denied"])
        #expect(MF.refusal("decideJoint", c, by: MF.chief, on: "2025-12-22", ["decisionRef": "江市监调领〔2025〕4号", "units": "ZC"]) == ["mediation.joint.units"])
        (c, _) = try MF.take("decideJoint", c, by: MF.chief, on: "2025-12-22", ["decisionRef": "江市监调领〔2025〕4号", "units": "ZC\nYWZF\nZC"])
        #expect(c.facts.joint?.lead == "局长室" && c.facts.joint?.units == ["ZC", "YWZF"])
        (c, _) = try MF.take("assignMediators", c, by: MF.centreStaff, on: "2025-12-22", ["mediators": MF.wu.uuidString])
        (c, _) = try MF.take("recordConsent", c, by: MF.centreStaff, on: "2025-12-22", ["side": "applicant", "on": "2025-12-22", "form": "written"])
        (c, _) = try MF.take("recordConsent", c, by: MF.centreStaff, on: "2025-12-22", ["side": "respondent", "on": "2025-12-22", "form": "written"])
        let session = ["on": "2025-12-23", "place": "行政调解中心调解室", "attendees": "王建华\n赵志强（被申请人代理人）", "record": "双方陈述"]
        #expect(MF.refusal("holdSession", c, by: MF.centreStaff, on: "2025-12-23", session) == ["mediation.joint.minutes-missing"])
        (c, _) = try MF.take("recordJointMeeting", c, by: MF.centreStaff, on: "2025-12-24", ["heldOn": "2025-12-24", "minutes": "局长室牵头；中村所现场核查；业务执法科审查合同"])
        // A session dated before the meeting stays refused; on the meeting day or later it is held.
        #expect(MF.refusal("holdSession", c, by: MF.centreStaff, on: "2025-12-24", session) == ["mediation.joint.minutes-missing"])
        var held = session
        held["on"] = "2025-12-24"
        let (after, o) = try MF.take("holdSession", c, by: MF.centreStaff, on: "2025-12-24", held)
        #expect(after.facts.sessions.count == 1 && o.summaryZH.contains("局长室牵头"))
    }

    @Test("Scenario 6 (MD-17, MD-30, MD-31, MD-37): dispatched, accepted 2025-09-26, not agreed by 10-30 — the unit cannot terminate, must 回流 by 11-03; the centre terminates 11-05; notice due 11-14; volume 12-05")
    func scenario6() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        var c = try MF.registered(on: "2025-09-22", scope: .admin, disputedUnit: "ZC")
        var o: Outcome<MediationFacts>
        (c, o) = try MF.take("proposeDispatch", c, by: MF.centreStaff, on: "2025-09-22", ["unit": "YWZF", "basis": "登记事项争议属业务执法科职责"])
        try clocks.apply(o.clocks)
        (c, o) = try MF.take("approveDispatch", c, by: MF.director, on: "2025-09-23", ["verdict": "approve"])
        try clocks.apply(o.clocks)
        (c, _) = try MF.take("assignMediators", c, by: MF.ywzfHead, on: "2025-09-24", ["mediators": MF.li.uuidString])
        (c, _) = try MF.take("recordConsent", c, by: MF.ywzfOfficer, on: "2025-09-25", ["side": "applicant", "on": "2025-09-25", "form": "written"])
        (c, o) = try MF.take("recordConsent", c, by: MF.ywzfOfficer, on: "2025-09-26", ["side": "respondent", "on": "2025-09-26", "form": "written"])
        try clocks.apply(o.clocks)
        #expect(clocks.due("mediation", asOf: "2025-09-26") == MF.date("2025-10-30"))

        // A unit holding the centre's own permission is still refused on a dispatched case.
        let unitWithTriage = Actor(userID: UUID(), login: "x", name: "业务执法科", unitID: MF.ywzf, permissions: MF.centreStaff.permissions,
                                   roleCodes: ["mediation-centre"], visibleUnits: nil)
        let remedies = ["reason": "调解不成", "remedies": "reconsideration\nlitigation", "investigation": "两次调解", "result": "未达成协议"]
        #expect(MF.refusal("decideTermination", c, by: unitWithTriage, on: "2025-10-31", remedies) == ["mediation.terminate.dispatched"])
        #expect(MF.refusal("decideTermination", c, by: MF.ywzfHead, on: "2025-10-31", remedies).contains("permission.denied"))

        // CAL-43: the system records the expiry at 00:00 on 10-31; the return is due 2 working days after the due date.
        let timed = try #require(MediationProcedure.module.timedTransitions.first { $0.step == "mediation" })
        let system = try #require(MediationProcedure.timedActor(timed, unitID: MF.ywzf))
        #expect(MF.refusal("limitExpired", c, by: MF.ywzfHead, on: "2025-10-31").contains("transition.system-only"))
        (c, o) = try MF.take("limitExpired", c, by: system, on: "2025-10-31")
        try clocks.apply(o.clocks)
        #expect(c.facts.expiredOn == MF.date("2025-10-30"))
        #expect(o.unitNotices.first?.unitIDs == [MF.centre])
        #expect(clocks.due("returnToCentre", asOf: "2025-10-31") == MF.date("2025-11-03"))

        (c, o) = try MF.take("returnToCentre", c, by: MF.ywzfOfficer, on: "2025-11-03", ["reason": "期限届满未达成协议", "attempts": "调解两次"])
        try clocks.apply(o.clocks)
        #expect(c.state == "returned" && c.unitID == MF.centre && clocks.byStep["returnToCentre"] == nil)

        #expect(MF.refusal("decideTermination", c, by: MF.centreStaff, on: "2025-11-05", ["reason": "调解不成", "remedies": "civilSuit", "investigation": "两次调解",
                                                                                        "result": "未达成协议"]) == ["mediation.remedy.missing"])
        (c, o) = try MF.take("decideTermination", c, by: MF.centreStaff, on: "2025-11-05", remedies)
        try clocks.apply(o.clocks)
        #expect(c.state == "terminating")
        #expect(clocks.due("terminationNotice", asOf: "2025-11-05") == MF.date("2025-11-14"))
        #expect(MF.refusal("serveTermination", c, by: MF.centreStaff, on: "2025-11-10", documents: [MF.doc("MD-TERMINATION", issued: "2025-11-06")]) == ["document.unserved"])
        (c, o) = try MF.take("serveTermination", c, by: MF.centreStaff, on: "2025-11-10", documents: [MF.doc("MD-TERMINATION", issued: "2025-11-06", served: "2025-11-07")])
        #expect(c.state == "concluded" && o.closedOn == MF.date("2025-11-05") && c.facts.termination?.servedOn == MF.date("2025-11-07"))
        #expect(o.clocks.contains(.end(step: "terminationNotice", on: MF.date("2025-11-07"))))
        let archive = try #require(ArchivingLimits(ruleSet: ShippedRuleSets.mediation))
        #expect(archive.dueDates(closedOn: MF.date("2025-11-05"), calendar: MF.calendar).electronic.date == MF.date("2025-12-05"))
    }

    @Test("Scenario 7 (MD-41): unit / consolidation due dates — Aug 2025 08-22/08-25, Nov 11-24/11-25, Jan 2026 01-23/01-26, Feb 02-24/02-25; a Nov report on 11-25 is late")
    func scenario7() throws {
        // The report for the previous month is due in the month named.
        let cases: [(Int, Int, String, String)] = [(2025, 7, "2025-08-22", "2025-08-25"), (2025, 10, "2025-11-24", "2025-11-25"),
                                                   (2025, 12, "2026-01-23", "2026-01-26"), (2026, 1, "2026-02-24", "2026-02-25")]
        for (year, month, unit, consolidation) in cases {
            let due = try #require(MediationCalendar.monthlyReport(year: year, month: month, calendar: MF.calendar))
            #expect(due.unit.date == MF.date(unit), "unit due for \(year)-\(month)")
            #expect(due.consolidation.date == MF.date(consolidation), "consolidation due for \(year)-\(month)")
            #expect(!due.unit.provisional)
        }
        let november = try #require(MediationCalendar.monthlyReport(year: 2025, month: 10, calendar: MF.calendar))
        #expect(!november.unitOnTime(submittedOn: MF.date("2025-11-25")))
        #expect(november.unitOnTime(submittedOn: MF.date("2025-11-24")))
        // MD-43 information follows the consolidation's roll; MD-51: a year beyond the calendar is provisional.
        #expect(MediationCalendar.monthlyInformation(year: 2025, month: 12, calendar: MF.calendar)?.date == MF.date("2026-01-26"))
        let far = try #require(MediationCalendar.monthlyReport(year: 2031, month: 5, calendar: MF.calendar))
        #expect(far.unit.provisional && far.consolidation.provisional)
    }

    @Test("Scenario 8 (MD-34, MD-36): a major case concluded Fri 2025-12-26 — revisit 1 due 2026-01-12 (元旦 out, make-up Sun 01-04 in), revisit 2 2026-03-26, feedback on 不满意 01-12 by 02-02")
    func scenario8() throws {
        let revisit = try #require(MediationProcedure.module.revisitDue)
        #expect(revisit.due(closedOn: MF.date("2025-12-26"), calendar: MF.calendar) == MF.date("2026-01-12"))
        let set = ShippedRuleSets.mediation
        #expect(try #require(set.rule("secondRevisit")).due(from: MF.date("2025-12-26"), in: MF.calendar).date == MF.date("2026-03-26"))
        #expect(try #require(set.rule("feedback")).due(from: MF.date("2026-01-12"), in: MF.calendar).date == MF.date("2026-02-02"))
        // 谁受理谁回访: every concluded case is revisited (not a sample), scored on the MD-35 questions.
        #expect(MediationProcedure.module.revisitSampling == .every)
        #expect(MediationProcedure.module.revisitDimensions.map(\.key) == ["performance", "attitude", "law", "procedure"])
    }

    @Test("Scenario 9 (MD-33): flagged major Fri 2026-02-13 — the 专题报告 is due Sat 02-14 (a make-up workday) and escalates to the leading group on 02-24")
    func scenario9() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.mediation)
        var c = try MF.registered(on: "2026-02-13")
        var o: Outcome<MediationFacts>
        (c, o) = try MF.take("flagMajor", c, by: MF.centreStaff, on: "2026-02-13", ["reason": "32户业主集体上访，有群体性事件风险"])
        try clocks.apply(o.clocks)
        #expect(c.gravity == .major && o.leaderNoticeZH != nil)
        #expect(clocks.due("majorReport", asOf: "2026-02-13") == MF.date("2026-02-14"))
        let clock = try #require(clocks.byStep["majorReport"])
        #expect(ReminderPlan.stage(for: clock, today: MF.date("2026-02-14")) == .dueDay)
        // Reminders go out on working days: the first after the due day is 02-24, when it is red.
        #expect(MF.calendar.nextWorkday(onOrAfter: MF.date("2026-02-15")) == MF.date("2026-02-24"))
        #expect(ReminderPlan.stage(for: clock, today: MF.date("2026-02-24")) == .red)
        #expect(MediationProcedure.module.reminders["majorReport"]?.escalation[.red] == [.mediationDecide])
        #expect(MF.refusal("submitMajorReport", c, by: MF.centreStaff, on: "2026-02-14") == ["document.required"])
        (c, o) = try MF.take("submitMajorReport", c, by: MF.centreStaff, on: "2026-02-14", documents: [MF.doc("MD-MAJOR", issued: "2026-02-14")])
        #expect(o.clocks == [.end(step: "majorReport", on: MF.date("2026-02-14"))] && c.facts.major?.reportedOn == MF.date("2026-02-14"))
    }

    @Test("Scenario 10 (MD-45): weekly meetings on Thu 2025-10-09 (Mon 10-06 a holiday), none in the week of 2026-02-16, Tue 2026-02-24")
    func scenario10() {
        #expect(MediationCalendar.weeklyMeeting(weekOf: MF.date("2025-10-08"), calendar: MF.calendar)?.date == MF.date("2025-10-09"))
        #expect(MediationCalendar.weeklyMeeting(weekOf: MF.date("2026-02-16"), calendar: MF.calendar) == nil)
        #expect(MediationCalendar.weeklyMeeting(weekOf: MF.date("2026-02-26"), calendar: MF.calendar)?.date == MF.date("2026-02-24"))
        #expect(MediationCalendar.weeklyMeeting(weekOf: MF.date("2025-11-16"), calendar: MF.calendar)?.date == MF.date("2025-11-10"))
    }
}
