@testable import FengqiaoCore
import Foundation
import Testing

/// CP-42 (办法 30) for the report track on the pure procedure: a unit the report was dispatched to
/// names another unit as competent instead of returning it; the two have 7 working days to agree,
/// then the scheduler puts it to their common superior, who decides. The report moves to the unit
/// settled on, received that day, and its 15-working-day verification runs from there (CP-26) — across
/// 国庆 2025 (10-01…10-08 off, make-up workdays Sun 09-28 and Sat 10-11). Nothing of the reporter
/// travels (CP-08).
@Suite("Report jurisdiction disputes (CP-42)")
struct ReportDisputeTests {
    typealias T = ReportDispatchTests
    typealias D = ComplaintDelegationTests

    // MARK: Fixture — the complaint dispute tests' tree (JC → FJ → CG, DG; JC → XB → XH; JC → XBK) and another city's bureau QT

    static let otherCity = UUID()
    static let tree = UnitTree(Array(D.tree.units.values) + [
        OrgUnit(id: otherCity, code: "QT", name: "青田市市场监督管理局", kind: .bureau, parentID: nil, areaCode: nil, numberPrefix: nil),
    ])

    static let registrar = T.actor("complaint-registrar", unit: D.department), dispatcher = T.actor("complaint-dispatcher", unit: D.department)
    static let officer = T.actor("officer", unit: D.office), head = T.actor("unit-head", unit: D.office)
    static let westOfficer = T.actor("officer", unit: D.westOffice)
    static let branchDispatcher = T.actor("complaint-dispatcher", unit: D.branch)
    static let leader = T.actor("deputy-leader", unit: D.bureau)

    static func context(_ actor: Actor, _ today: String) -> ProcedureContext {
        ProcedureContext(actor: actor, today: T.date(today), calendar: .shipped, partyNames: [T.reporter: "赵举报", T.market: "江城市东湖农贸市场"],
                         units: tree)
    }

    static func take(_ key: String, _ c: ProcedureCase<ReportFacts>, by: Actor, on today: String,
                     _ input: [String: String] = [:]) throws -> (ProcedureCase<ReportFacts>, Outcome<ReportFacts>) {
        let o = try ProcedureEngine.perform(ReportProcedure.self, key, on: c, input: ActionInput(single: input), context: context(by, today)).get()
        var next = c
        next.state = o.state
        next.facts = o.facts
        next.handlerID = o.handlerID
        if let move = o.move {
            switch move.to {
            case let .id(id): next.unitID = id
            case let .code(code): next.unitID = try #require(tree.units.values.first { $0.code == code }).id
            }
        }
        return (next, o)
    }

    static func refusal(_ key: String, _ c: ProcedureCase<ReportFacts>, by: Actor, on today: String, _ input: [String: String] = [:]) -> [String] {
        switch ProcedureEngine.perform(ReportProcedure.self, key, on: c, input: ActionInput(single: input), context: context(by, today)) {
        case .success: ["(allowed)"]
        case let .failure(r): r.violations.map(\.code)
        }
    }

    /// A named report registered by the centre (消保科) on Fri 2025-09-26 for dispatch and dispatched to
    /// 城关所 the same day (its return due on the make-up Sunday 09-28).
    static func dispatched(_ clocks: inout ClockRunner) throws -> ProcedureCase<ReportFacts> {
        let input = ["reporterID": T.reporter.uuidString, "reportedID": T.market.uuidString, "actPlace": "西湖农贸市场3号摊位",
                     "category": ViolationCategoryVersion.otherCode, "clue": "摊位销售过期食品", "origin": "direct", "receivedOn": "2025-09-26",
                     "routing": "dispatch"]
        let opened = try ProcedureEngine.create(ReportProcedure.self, input: ActionInput(single: input), context: context(registrar, "2025-09-26")).get()
        var c = ProcedureCase(id: UUID(), unitID: D.department, state: opened.state ?? "registered", gravity: .ordinary, partyIDs: opened.partyIDs,
                              handlerID: registrar.userID, openedOn: T.date("2025-09-26"), facts: opened.facts)
        let o: Outcome<ReportFacts>
        (c, o) = try take("dispatch", c, by: dispatcher, on: "2025-09-26", ["unit": "CG", "reportBackOn": "2025-10-20"])
        try clocks.apply(o.clocks)
        return c
    }

    /// Disputed by 城关所 on the make-up Sunday 2025-09-28, naming 西湖所 (another 分局).
    static func disputed(_ clocks: inout ClockRunner) throws -> ProcedureCase<ReportFacts> {
        var c = try dispatched(&clocks)
        let o: Outcome<ReportFacts>
        (c, o) = try take("raiseDispute", c, by: officer, on: "2025-09-28", ["unit": "XH", "reason": "违法行为发生地在西湖所辖区"])
        try clocks.apply(o.clocks)
        return c
    }

    @Test("CP-42 CP-12: 城关所 disputes a dispatched report on the make-up Sunday 2025-09-28 instead of returning it — the return clock (due that day) ends, the units' 7 working days run to Tue 2025-10-14 across 国庆; nothing of the reporter in the dispute")
    func raise() throws {
        // setup
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        let sent = try Self.dispatched(&clocks)
        #expect(clocks.due("returnNotCompetent", asOf: "2025-09-26") == T.date("2025-09-28"))
        // act
        let (c, o) = try Self.take("raiseDispute", sent, by: Self.officer, on: "2025-09-28", ["unit": "XH", "reason": "违法行为发生地在西湖所辖区"])
        try clocks.apply(o.clocks)
        // check
        #expect(c.state == "disputed" && c.unitID == D.office && c.handlerID == Self.officer.userID)
        #expect(o.clocks == [.end(step: "returnNotCompetent", on: T.date("2025-09-28")), .start(step: "jurisdictionDispute", on: T.date("2025-09-28"))])
        #expect(clocks.byStep["returnNotCompetent"] == nil)
        #expect(clocks.due("jurisdictionDispute", asOf: "2025-09-28") == T.date("2025-10-14"))
        let d = try #require(c.facts.openDispute)
        #expect(d.holderUnitID == D.office && d.otherUnitID == D.westOffice && d.otherUnitCode == "XH" && d.raisedOn == T.date("2025-09-28"))
        #expect(ReportProcedure.disputeDue(d, receivedOn: c.facts.receivedOn, calendar: .shipped) == T.date("2025-10-14"))
        #expect(c.facts.returnLog.isEmpty && c.facts.handlingReceiptOn == nil)
        // CP-08: the dispute record and its page line carry units, days and the reason — never the reporter
        let record = String(decoding: try JSONEncoder().encode(c.facts.disputes), as: UTF8.self)
        #expect(!record.contains(T.reporter.uuidString) && !record.contains("赵举报"))
        #expect(ReportProcedure.factsZH(c.facts, names: [:]).contains { $0.label == "管辖争议（CP-42）" && $0.value.contains("XH") })
        #expect(ReportProcedure.stateNameZH("disputed") == "管辖争议")
    }

    @Test("CP-42: refusals on raising — an unknown unit (report.dispute.unit-unknown), its own unit (report.dispute.same-unit), a unit with no common superior (report.dispute.no-superior); the 分送员 and the 受托调解员 may not raise it (permission.denied); nothing changes")
    func raiseRefused() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        let c = try Self.dispatched(&clocks)
        let on = "2025-09-28"
        #expect(Self.refusal("raiseDispute", c, by: Self.officer, on: on, ["unit": "NOPE", "reason": "x"]) == ["report.dispute.unit-unknown"])
        #expect(Self.refusal("raiseDispute", c, by: Self.officer, on: on, ["unit": "CG", "reason": "x"]) == ["report.dispute.same-unit"])
        #expect(Self.refusal("raiseDispute", c, by: Self.officer, on: on, ["unit": "QT", "reason": "x"]) == ["report.dispute.no-superior"])
        // A complaint's 受托调解员 handles complaints, never reports (complaints.md roles).
        #expect(Self.refusal("raiseDispute", c, by: T.actor("delegated-mediator", unit: D.office), on: on, ["unit": "XH", "reason": "x"]) == ["permission.denied"])
        #expect(Self.refusal("raiseDispute", c, by: T.actor("complaint-dispatcher", unit: D.office), on: on, ["unit": "XH", "reason": "x"]) == ["permission.denied"])
        // Only a dispatched report is disputed: one being verified is not (transition.state).
        var verifying = c
        verifying.state = "verifying"
        #expect(Self.refusal("raiseDispute", verifying, by: Self.officer, on: on, ["unit": "XH", "reason": "x"]) == ["transition.state"])
        #expect(c.state == "dispatched" && c.facts.disputes == nil)
    }

    @Test("CP-42 CP-26: the two units agree on Fri 2025-10-10, within their 7 working days — the report moves to 西湖所, received that day, verification due 2025-10-30 counting the make-up Saturday 10-11; a third unit is refused (report.dispute.unit); keeping it needs no move")
    func agreed() throws {
        // setup
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        let c = try Self.disputed(&clocks)
        #expect(Self.refusal("agreeJurisdiction", c, by: Self.officer, on: "2025-10-10", ["unit": "DG"]) == ["report.dispute.unit"])
        // act
        let (moved, o) = try Self.take("agreeJurisdiction", c, by: Self.officer, on: "2025-10-10", ["unit": "XH"])
        try clocks.apply(o.clocks)
        // check
        #expect(o.move == CaseMove(to: .id(D.westOffice), keepReadAccess: false, rule: "CP-42"))
        #expect(moved.state == "verifying" && moved.handlerID == nil && moved.unitID == D.westOffice)
        #expect(moved.facts.handlingReceiptOn == T.date("2025-10-10"))
        #expect(o.clocks == [.end(step: "jurisdictionDispute", on: T.date("2025-10-10")), .start(step: "reportVerification", on: T.date("2025-10-10"))])
        #expect(clocks.byStep["jurisdictionDispute"] == nil)
        #expect(clocks.due("reportVerification", asOf: "2025-10-10") == T.date("2025-10-30"))
        let s = try #require(moved.facts.disputes?.last?.settlement)
        #expect(!s.decided && s.unitID == D.westOffice && s.on == T.date("2025-10-10"))
        #expect(moved.facts.openDispute == nil)
        // 西湖所 verifies it from here
        #expect(ProcedureEngine.available(ReportProcedure.self, on: moved, context: Self.context(Self.westOfficer, "2025-10-10")).map(\.transition.key).contains("proposeDecision"))
        // check: 城关所 keeping it stays with its handler, received that day
        let (kept, k) = try Self.take("agreeJurisdiction", c, by: Self.officer, on: "2025-10-10", ["unit": "CG"])
        #expect(k.move == nil && kept.handlerID == Self.officer.userID && kept.state == "verifying" && kept.facts.handlingReceiptOn == T.date("2025-10-10"))
    }

    @Test("CP-42 CP-26: the common superior 江城局 decides on Wed 2025-10-15, the day after the 7 working days — refused on 10-14 (report.dispute.pending), to 城关分局's 分送员 and 城关所's head (report.dispute.not-superior), for a third unit (report.dispute.unit) and to an officer (permission.denied); its 局负责人 decides: the report moves to 西湖所, received 10-15, verification due 2025-11-05")
    func superiorDecides() throws {
        // setup
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        let c = try Self.disputed(&clocks)
        let input = ["unit": "XH", "reason": "违法行为发生地在西湖所辖区"]
        // act, check: refusals, nothing changed
        #expect(Self.refusal("decideJurisdiction", c, by: Self.dispatcher, on: "2025-10-14", input) == ["report.dispute.pending"])
        #expect(Self.refusal("decideJurisdiction", c, by: Self.branchDispatcher, on: "2025-10-15", input) == ["report.dispute.not-superior"])
        #expect(Self.refusal("decideJurisdiction", c, by: Self.head, on: "2025-10-15", input) == ["report.dispute.not-superior"])
        #expect(Self.refusal("decideJurisdiction", c, by: Self.dispatcher, on: "2025-10-15", ["unit": "DG"]) == ["report.dispute.unit"])
        #expect(Self.refusal("decideJurisdiction", c, by: T.actor("officer", unit: D.bureau), on: "2025-10-15", input) == ["permission.denied"])
        #expect(c.state == "disputed" && c.facts.openDispute != nil)
        // the superior's 分送员 (through its 消保科) may decide too
        #expect(Self.refusal("decideJurisdiction", c, by: Self.dispatcher, on: "2025-10-15", input) == ["(allowed)"])

        // act: the 局负责人 of 江城局 decides
        let (decided, o) = try Self.take("decideJurisdiction", c, by: Self.leader, on: "2025-10-15", input)
        try clocks.apply(o.clocks)
        // check
        #expect(o.move == CaseMove(to: .id(D.westOffice), keepReadAccess: false, rule: "CP-42"))
        #expect(decided.state == "verifying" && decided.handlerID == nil)
        #expect(decided.facts.handlingReceiptOn == T.date("2025-10-15"))
        #expect(clocks.byStep["jurisdictionDispute"] == nil)
        #expect(clocks.due("reportVerification", asOf: "2025-10-15") == T.date("2025-11-05"))
        let s = try #require(decided.facts.disputes?.last?.settlement)
        #expect(s.decided && s.unitID == D.westOffice && s.by == Self.leader.userID && s.reason == "违法行为发生地在西湖所辖区")
        #expect(o.summaryZH.contains("共同上级指定由西湖市场监管所管辖"))
        // no dispute left to decide
        #expect(Self.refusal("decideJurisdiction", decided, by: Self.leader, on: "2025-10-16", input) == ["transition.state", "report.dispute.none"])
    }

    @Test("CP-42 CAL-43: on Wed 2025-10-15, the 7 working days run out, the system refers the dispute — 江城局 and its 消保科's holders of dispatch or the 局负责人's approval told, naming the reported party and never the reporter; nobody refers by hand (transition.system-only); a second referral is refused (report.dispute.referred)")
    func referredBySystem() throws {
        // setup
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        let c = try Self.disputed(&clocks)
        let timed = try #require(ReportProcedure.module.timedTransitions.first { $0.step == "jurisdictionDispute" })
        #expect(timed.transition == "referDispute" && timed.systemOnly && timed.rule == "CP-42")
        let system = try #require(ReportProcedure.timedActor(timed, unitID: c.unitID))
        #expect(Self.refusal("referDispute", c, by: Self.dispatcher, on: "2025-10-15") == ["transition.system-only"])
        // act
        let (referred, o) = try Self.take("referDispute", c, by: system, on: "2025-10-15")
        // check
        #expect(referred.state == "disputed" && referred.facts.openDispute?.referredOn == T.date("2025-10-15"))
        let notice = try #require(o.unitNotices.first)
        #expect(o.unitNotices.count == 1)
        #expect(Set(notice.unitIDs) == [D.bureau, D.department])
        #expect(notice.permissions == [.complaintDispatch, .reportApprove])
        #expect(notice.titleZH == "举报：管辖争议待指定管辖")
        #expect(notice.bodyZH.contains("江城市东湖农贸市场") && notice.bodyZH.contains("CP-42") && notice.bodyZH.contains("2025年9月28日"))
        #expect(!notice.bodyZH.contains("赵举报") && !notice.titleZH.contains("赵举报") && !o.summaryZH.contains("赵举报"))
        #expect(Self.refusal("referDispute", referred, by: system, on: "2025-10-16") == ["report.dispute.referred"])
        // the superior still decides
        #expect(Self.refusal("decideJurisdiction", referred, by: Self.dispatcher, on: "2025-10-15", ["unit": "CG"]) == ["(allowed)"])
    }
}
