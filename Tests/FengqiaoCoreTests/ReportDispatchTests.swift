@testable import FengqiaoCore
import Foundation
import Testing

/// complaints.md steps 3 and 4 for the report track (CP-09…CP-13, CP-26) and CP-11: a report is
/// dispatched by the 分送员, returned by a unit without competence within 1 working day (across 国庆
/// 2025-10-01…08, make-up days Sun 09-28 and Sat 10-11), never forwarded, re-dispatched and received —
/// verification counted from the competent receipt — or referred to the competent authority.
@Suite("Report dispatch and return (CP-09…CP-13, CP-11, CP-26)")
struct ReportDispatchTests {
    static let centre = UUID(), chengguan = UUID()
    static let reporter = UUID(), market = UUID()

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func actor(_ code: String, unit: UUID) -> Actor {
        let role = ShippedRoles.role(code)!
        return Actor(userID: UUID(), login: code, name: role.nameZH, unitID: unit, permissions: role.permissions, roleCodes: [code], visibleUnits: nil)
    }

    static let registrar = actor("complaint-registrar", unit: centre), dispatcher = actor("complaint-dispatcher", unit: centre)
    static let officer = actor("officer", unit: chengguan), head = actor("unit-head", unit: chengguan)
    static let centreOfficer = actor("officer", unit: centre)

    static func context(_ actor: Actor, _ today: String) -> ProcedureContext {
        ProcedureContext(actor: actor, today: date(today), calendar: .shipped, partyNames: [reporter: "赵举报", market: "江城市东湖农贸市场"])
    }

    /// A named report registered at the centre on `received`, for the 分送员 (`routing`) or verified there.
    static func registered(_ received: String, routing: String? = "dispatch", origin: String = "direct",
                           by: Actor = registrar) throws -> (ProcedureCase<ReportFacts>, Opened<ReportFacts>) {
        var v = ["reporterID": reporter.uuidString, "reportedID": market.uuidString, "actPlace": "东湖农贸市场12号摊位",
                 "category": ViolationCategoryVersion.otherCode, "clue": "摊位销售过期食品", "origin": origin, "receivedOn": received]
        v["routing"] = routing
        let o = try ProcedureEngine.create(ReportProcedure.self, input: ActionInput(single: v), context: context(by, received)).get()
        return (ProcedureCase(id: UUID(), unitID: by.unitID, state: o.state ?? ReportProcedure.states[0].key, gravity: .ordinary, partyIDs: o.partyIDs,
                              handlerID: by.userID, openedOn: date(received), facts: o.facts), o)
    }

    static func take(_ key: String, _ c: ProcedureCase<ReportFacts>, by: Actor, on today: String,
                     _ input: [String: String] = [:]) throws -> (ProcedureCase<ReportFacts>, Outcome<ReportFacts>) {
        let o = try ProcedureEngine.perform(ReportProcedure.self, key, on: c, input: ActionInput(single: input), context: context(by, today)).get()
        var next = c
        next.state = o.state
        next.facts = o.facts
        next.handlerID = o.handlerID
        if let move = o.move {
            // The store resolves a code; the tests know two units.
            switch move.to {
            case let .id(id): next.unitID = id
            case let .code(code): next.unitID = code == "CG" ? chengguan : UUID()
            }
        }
        return (next, o)
    }

    static func refusal(_ key: String, _ c: ProcedureCase<ReportFacts>, by: Actor, on today: String, _ input: [String: String] = [:]) -> [String] {
        switch ProcedureEngine.perform(ReportProcedure.self, key, on: c, input: ActionInput(single: input), context: context(by, today)) {
        case .success: []
        case let .failure(r): r.violations.map(\.code)
        }
    }

    @Test("CP-12 CP-13 CP-26: dispatched Tue 2025-09-30 to 城关所, the return is due 2025-10-09 across 国庆; returned on time, re-dispatched, received on the make-up Sat 10-11 — verification due 2025-10-31")
    func dispatchReturnOnTimeReceive() throws {
        // setup: registered at the centre for dispatch — no clock until a competent unit receives it
        var (c, opened) = try Self.registered("2025-09-30")
        #expect(c.state == "registered")
        #expect(opened.clocks.isEmpty)
        #expect(c.facts.registeredUnitID == Self.centre)
        var o: Outcome<ReportFacts>
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        // act: dispatch with a report-back date (CP-13); the centre keeps read access (CP-09)
        (c, o) = try Self.take("dispatch", c, by: Self.dispatcher, on: "2025-09-30", ["unit": "CG", "reportBackOn": "2025-10-20"])
        try clocks.apply(o.clocks)
        #expect(c.state == "dispatched")
        #expect(o.move == CaseMove(to: .code("CG"), keepReadAccess: true, rule: "CP-09"))
        #expect(c.facts.dispatchLog == [UnitDispatch(unitCode: "CG", on: Self.date("2025-09-30"), reportBackOn: Self.date("2025-10-20"), by: Self.dispatcher.userID)])
        // check: 1 工作日 after Tue 09-30 skips 国庆 10-01…08
        #expect(clocks.due("returnNotCompetent", asOf: "2025-09-30") == Self.date("2025-10-09"))
        // act: 城关所 returns it on the due day, with reasons, to the centre
        (c, o) = try Self.take("returnItem", c, by: Self.officer, on: "2025-10-09", ["reason": "违法行为发生地在邻县，不属本所管辖"])
        #expect(c.state == "registered")
        #expect(o.move == CaseMove(to: .id(Self.centre), keepReadAccess: false, rule: "CP-12"))
        #expect(o.clocks == [.end(step: "returnNotCompetent", on: Self.date("2025-10-09"))])
        #expect(o.handlerID == Self.dispatcher.userID)
        // act: re-dispatched, received on the make-up working day Sat 2025-10-11
        (c, o) = try Self.take("dispatch", c, by: Self.dispatcher, on: "2025-10-10", ["unit": "CG", "reportBackOn": "2025-10-24"])
        try clocks.apply(o.clocks)
        (c, o) = try Self.take("receive", c, by: Self.officer, on: "2025-10-11")
        try clocks.apply(o.clocks)
        // check: CP-26 — 15 工作日 from the competent receipt, not from the registration
        #expect(c.state == "verifying")
        #expect(c.facts.handlingReceiptOn == Self.date("2025-10-11"))
        #expect(o.clocks.first == .end(step: "returnNotCompetent", on: Self.date("2025-10-11")))
        #expect(clocks.due("reportVerification", asOf: "2025-10-11") == Self.date("2025-10-31"))
        #expect(c.facts.dispatchLog.count == 2 && c.facts.returnLog.count == 1)
    }

    @Test("CP-12: dispatched Tue 2025-09-30, returned Fri 2025-10-10 — after its due date 2025-10-09, overdue across 国庆")
    func returnOverdue() throws {
        var (c, _) = try Self.registered("2025-09-30")
        var o: Outcome<ReportFacts>
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        (c, o) = try Self.take("dispatch", c, by: Self.dispatcher, on: "2025-09-30", ["unit": "CG", "reportBackOn": "2025-10-20"])
        try clocks.apply(o.clocks)
        let due = try #require(clocks.due("returnNotCompetent", asOf: "2025-10-10"))
        (c, o) = try Self.take("returnItem", c, by: Self.officer, on: "2025-10-10", ["reason": "不属本所管辖"])
        // check: the return is still taken (late); the clock ends on 10-10, a working day after its due date
        #expect(due == Self.date("2025-10-09"))
        #expect(Self.date("2025-10-10") > due)
        #expect(o.clocks == [.end(step: "returnNotCompetent", on: Self.date("2025-10-10"))])
        #expect(c.state == "registered")
    }

    @Test("CP-12: a receiving unit cannot forward a report — dispatch refused report.forward.refused, also once it has received it")
    func forwardRefused() throws {
        var (c, _) = try Self.registered("2025-09-30")
        (c, _) = try Self.take("dispatch", c, by: Self.dispatcher, on: "2025-09-30", ["unit": "CG", "reportBackOn": "2025-10-20"])
        // 城关所's head holds complaint.dispatch, yet a receiving unit never forwards (CP-12)
        #expect(Self.refusal("dispatch", c, by: Self.head, on: "2025-10-09", ["unit": "NS", "reportBackOn": "2025-10-20"]) == ["report.forward.refused"])
        (c, _) = try Self.take("receive", c, by: Self.officer, on: "2025-10-09")
        #expect(Self.refusal("dispatch", c, by: Self.head, on: "2025-10-10", ["unit": "NS", "reportBackOn": "2025-10-20"]) == ["report.forward.refused"])
        // CP-11 is the dispatcher's, before verification: a verifying unit proposes 告知向有权部门提出 instead
        #expect(Self.refusal("referElsewhere", c, by: Self.head, on: "2025-10-10", ["authority": "江城市公安局", "reason": "涉嫌犯罪"]) == ["report.refer.verifying"])
    }

    @Test("CP-26 as today: a report the registering 所 verifies itself runs from its receipt; a split report opened for verification at the centre may still be dispatched while untouched — its clock cancelled, restarted on receipt")
    func registeredByCompetentUnit() throws {
        // setup: registered by 城关所 itself (no routing) — as before dispatch existed
        let (own, opened) = try Self.registered("2025-09-26", routing: nil, by: Self.officer)
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        try clocks.apply(opened.clocks)
        #expect(own.state == "verifying")
        #expect(own.facts.handlingReceiptOn == Self.date("2025-09-26"))
        #expect(clocks.due("reportVerification", asOf: "2025-09-26") == Self.date("2025-10-23"))
        // setup: opened for verification at the centre (as a split of a mixed item is)
        var (c, _) = try Self.registered("2025-09-30", routing: nil, by: Self.centreOfficer)
        var o: Outcome<ReportFacts>
        (c, o) = try Self.take("dispatch", c, by: Self.dispatcher, on: "2025-09-30", ["unit": "CG", "reportBackOn": "2025-10-20"])
        #expect(o.clocks.first.map { if case .cancel(step: "reportVerification", _, _) = $0 { true } else { false } } == true)
        #expect(c.facts.handlingReceiptOn == nil)
        // a report whose verification has begun is not dispatched any more
        var paused = own
        paused.facts.pauses = [.init(reason: VerificationPauseReason.allCases[0], from: Self.date("2025-09-29"), to: nil)]
        paused.unitID = Self.centre
        paused.facts.registeredUnitID = Self.centre
        #expect(Self.refusal("dispatch", paused, by: Self.dispatcher, on: "2025-09-30", ["unit": "CG", "reportBackOn": "2025-10-20"]) == ["report.dispatch.verifying"])
    }

    @Test("CP-13: the report-back date may not lie in the past (report.report-back.past); CP-26: the receipt may not precede the dispatch (report.receipt.early)")
    func badDates() throws {
        var (c, _) = try Self.registered("2025-09-30")
        #expect(Self.refusal("dispatch", c, by: Self.dispatcher, on: "2025-09-30", ["unit": "CG", "reportBackOn": "2025-09-29"]) == ["report.report-back.past"])
        (c, _) = try Self.take("dispatch", c, by: Self.dispatcher, on: "2025-10-09", ["unit": "CG", "reportBackOn": "2025-10-20"])
        #expect(Self.refusal("receive", c, by: Self.officer, on: "2025-10-10", ["receivedOn": "2025-09-30"]) == ["report.receipt.early"])
        #expect(Self.refusal("receive", c, by: Self.officer, on: "2025-10-10", ["receivedOn": "2025-10-13"]) == ["report.receipt.future"])
    }

    @Test("CP-11: no competence over a report — the reporter told on 2025-10-09 to go to 江城市公安局; the report ends 已告知向有权机关举报")
    func referral() throws {
        var (c, _) = try Self.registered("2025-09-30")
        var o: Outcome<ReportFacts>
        // the receiving unit's officer does not decide competence for the office (PLT-03)
        #expect(Self.refusal("referElsewhere", c, by: Self.officer, on: "2025-10-09", ["authority": "江城市公安局", "reason": "涉嫌刑事犯罪"]).contains("permission.denied"))
        (c, o) = try Self.take("referElsewhere", c, by: Self.dispatcher, on: "2025-10-09", ["authority": "江城市公安局", "reason": "举报事项涉嫌刑事犯罪，不属市场监管部门职责"])
        #expect(c.state == "referred")
        #expect(ReportProcedure.terminalStates.contains("referred"))
        #expect(o.closedOn == Self.date("2025-10-09"))
        #expect(c.facts.referral?.authority == "江城市公安局")
        #expect(c.facts.referral?.toldOn == Self.date("2025-10-09"))
        #expect(ReportProcedure.factsZH(c.facts, names: [:]).contains { $0.value.contains("江城市公安局") })
        // an anonymous report is not told (CP-28), the authority is still recorded
        var anon = try Self.registered("2025-09-30").0
        anon.facts.reporterID = nil
        (anon, _) = try Self.take("referElsewhere", anon, by: Self.dispatcher, on: "2025-10-09", ["authority": "江城市税务局", "reason": "税收违法"])
        #expect(anon.facts.referral?.toldOn == nil)
        #expect(Self.refusal("referElsewhere", try Self.registered("2025-09-30").0, by: Self.dispatcher, on: "2025-10-09",
                             ["authority": "江城市税务局", "reason": "税收违法", "toldOn": "2025-10-10"]) == ["report.refer.future"])
    }

    @Test("CP-10: a 所's report documents bear the county bureau's name — the report procedure issues in the bureau's name")
    func bureauName() {
        let city = UUID(), county = UUID(), office = UUID()
        let tree = UnitTree([
            OrgUnit(id: city, code: "JC", name: "江城市市场监督管理局", kind: .bureau, parentID: nil, areaCode: nil, numberPrefix: nil),
            OrgUnit(id: county, code: "JCQ", name: "江城区分局", kind: .branch, parentID: city, areaCode: nil, numberPrefix: nil),
            OrgUnit(id: office, code: "ZC", name: "中村市场监管所", kind: .office, parentID: county, areaCode: nil, numberPrefix: nil),
        ])
        #expect(ReportProcedure.module.capabilities.contains(.bureauName))
        #expect(!ComplaintProcedure.module.capabilities.contains(.bureauName))
        #expect(tree.issuerName(of: office) == "江城区分局中村市场监管所")
        #expect(tree.issuerName(of: office, inBureauName: true) == "江城市市场监督管理局江城区分局")
    }

    @Test("Transition × role (complaints.md roles): who may dispatch, return, receive and refer a report")
    func roles() {
        let table: [(key: String, allowed: Set<String>)] = [
            ("dispatch", ["unit-head", "complaint-dispatcher"]),
            ("referElsewhere", ["unit-head", "complaint-dispatcher"]),
            ("returnItem", ["officer", "unit-head", "petition-officer"]),
            ("receive", ["officer", "unit-head", "petition-officer"]),
        ]
        for (key, allowed) in table {
            for role in ShippedRoles.all {
                let may = ReportProcedure.transition(key).map { $0.permissions.contains(where: role.permissions.contains) } ?? false
                #expect(may == allowed.contains(role.code), "\(key) × \(role.code)")
            }
        }
    }

    @Test("CP-12 (complaints.md reminders): a dispatched report not taken or returned within its working day tells the centre head at red, as a complaint does; its clock ends on receipt")
    func returnReminders() {
        let reminders = ProcedureRegistry.shipped.reminders(caseType: ReportProcedure.caseType, step: "returnNotCompetent")
        #expect(reminders.escalation[.red] == [.complaintDispatch])
        #expect(reminders.escalationAskZH == ProcedureRegistry.shipped.reminders(caseType: ComplaintProcedure.caseType, step: "returnNotCompetent").escalationAskZH)
        #expect(ReportProcedure.module.clockTransitions["returnNotCompetent"] == "receive")
    }

    @Test("CP-35 CP-36: complaints and reports take part in the registration signals — the complaint with its complainant, a report with its named reporter only")
    func registrationSignals() throws {
        #expect(ComplaintProcedure.module.capabilities.contains(.signals) && ReportProcedure.module.capabilities.contains(.signals))
        #expect(!InterviewProcedure.module.capabilities.contains(.signals))
        let (named, _) = try Self.registered("2025-09-30")
        #expect(ReportProcedure.registrationSignal(named.facts) == RegistrationSignal(submitterID: Self.reporter, respondentID: Self.market,
                                                                                        receivedOn: Self.date("2025-09-30"), request: "摊位销售过期食品"))
        let kept = ReportProcedure.keeping(SubmissionSignals(mergeWith: [], clusterCount: nil, highFrequencyCount: 10), in: named.facts)
        #expect(kept?.signals?.highFrequencyCount == 10)
        // CP-08: the 高频 note is about the reporter — hidden with the reporter
        var c = named
        c.facts = try #require(kept)
        #expect(ReportProcedure.visible(c.facts, handlerID: UUID(), unitID: Self.chengguan, to: Self.officer).signals == nil)
    }
}
