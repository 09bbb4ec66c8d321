@testable import FengqiaoCore
import Foundation
import Testing

/// CP-42 (办法 30) on the pure procedure: a unit that received a dispatched complaint names another
/// unit as competent; the two have 7 working days to agree, then their common superior decides and
/// the case moves there, its receipt starting the acceptance clock (CP-14) — across 国庆 2025.
@Suite("Complaint jurisdiction disputes (CP-42)")
struct ComplaintDisputeTests {
    typealias T = ComplaintProcedureTests
    typealias D = ComplaintDelegationTests

    static let superior = T.actor("complaint-dispatcher", unit: D.department)
    static let branchDispatcher = T.actor("complaint-dispatcher", unit: D.branch)

    /// Registered by the centre on Fri 2025-09-26, dispatched to 城关所 the same day, disputed on Mon
    /// 09-29 naming 西湖所 (another 分局): the units' 7 working days run to 2025-10-15.
    static func disputed(_ clocks: inout ClockRunner) throws -> ProcedureCase<ComplaintFacts> {
        var c = try T.registered(received: "2025-09-26", by: T.actor("officer", unit: T.centre))
        var o: Outcome<ComplaintFacts>
        (c, o) = try D.take("dispatch", c, by: T.dispatcher, on: "2025-09-26", ["unit": "CG", "reportBackOn": "2025-10-20"])
        try clocks.apply(o.clocks)
        c.unitID = D.office
        (c, o) = try D.take("raiseDispute", c, by: T.officer, on: "2025-09-29", ["unit": "XH", "reason": "被投诉人实际经营地在西湖所辖区"])
        try clocks.apply(o.clocks)
        return c
    }

    @Test("CP-42: 城关所 disputes on 2025-09-29 — the 7 working days run to 10-15 across 国庆 and the make-up Saturday 10-11; the 1-working-day return clock ends; an unknown unit or its own unit is refused")
    func raise() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        let c = try Self.disputed(&clocks)
        #expect(c.state == "disputed")
        #expect(clocks.due("jurisdictionDispute", asOf: "2025-09-29") == T.date("2025-10-15"))
        #expect(clocks.byStep["returnNotCompetent"] == nil)
        let d = try #require(c.facts.openDispute)
        #expect(d.holderUnitID == D.office && d.otherUnitID == D.westOffice && d.raisedOn == T.date("2025-09-29"))
        #expect(ComplaintProcedure.disputeDue(d, receivedOn: c.facts.receivedOn, calendar: T.calendar) == T.date("2025-10-15"))
        #expect(ComplaintProcedure.commonSuperior(D.office, D.westOffice, in: D.tree)?.code == "JC")
        #expect(ComplaintProcedure.commonSuperior(D.office, D.sibling, in: D.tree)?.code == "FJ")
        // A 分局 and its own 所: the unit above the 分局 decides, never a party to the dispute.
        #expect(ComplaintProcedure.commonSuperior(D.branch, D.office, in: D.tree)?.code == "JC")

        // refusals on a fresh dispatch
        var fresh = try T.registered(received: "2025-09-26", by: T.actor("officer", unit: T.centre))
        (fresh, _) = try D.take("dispatch", fresh, by: T.dispatcher, on: "2025-09-26", ["unit": "CG", "reportBackOn": "2025-10-20"])
        fresh.unitID = D.office
        #expect(D.refusal("raiseDispute", fresh, by: T.officer, on: "2025-09-29", ["unit": "NOPE", "reason": "x"]) == ["complaint.dispute.unit-unknown"])
        #expect(D.refusal("raiseDispute", fresh, by: T.officer, on: "2025-09-29", ["unit": "CG", "reason": "x"]) == ["complaint.dispute.same-unit"])
        #expect(fresh.state == "dispatched" && fresh.facts.disputes == nil)
    }

    @Test("CP-42 CP-14: the common superior (江城局, through its 消保科) decides on 2025-10-16, the day after the 7 working days — refused on 10-15 (complaint.dispute.pending), refused to the 城关分局 and to 城关所's head (complaint.dispute.not-superior) and for a third unit (complaint.dispute.unit); the case moves to 西湖所, received 10-16, accept_due 10-27")
    func superiorDecides() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        let c = try Self.disputed(&clocks)
        let input = ["unit": "XH", "reason": "被投诉人实际经营地在西湖所辖区"]
        // act, check: refusals, nothing changed
        #expect(D.refusal("decideJurisdiction", c, by: Self.superior, on: "2025-10-15", input) == ["complaint.dispute.pending"])
        #expect(D.refusal("decideJurisdiction", c, by: Self.branchDispatcher, on: "2025-10-16", input) == ["complaint.dispute.not-superior"])
        let cgHead = T.actor("unit-head", unit: D.office)
        #expect(D.refusal("decideJurisdiction", c, by: cgHead, on: "2025-10-16", input) == ["complaint.dispute.not-superior"])
        #expect(D.refusal("decideJurisdiction", c, by: Self.superior, on: "2025-10-16", ["unit": "DG"]) == ["complaint.dispute.unit"])
        #expect(D.refusal("decideJurisdiction", c, by: T.officer, on: "2025-10-16", input) == ["permission.denied", "complaint.dispute.not-superior"])
        #expect(c.state == "disputed" && c.facts.openDispute != nil)

        // act
        let (decided, o) = try D.take("decideJurisdiction", c, by: Self.superior, on: "2025-10-16", input)
        try clocks.apply(o.clocks)
        // check
        #expect(o.move == CaseMove(to: .id(D.westOffice), keepReadAccess: false, rule: "CP-42"))
        #expect(decided.state == "awaitingDecision" && decided.handlerID == nil)
        #expect(decided.facts.competentReceiptOn == T.date("2025-10-16"))
        #expect(clocks.byStep["jurisdictionDispute"] == nil)
        #expect(clocks.due("acceptance", asOf: "2025-10-16") == T.date("2025-10-27"))
        let s = try #require(decided.facts.disputes?.last?.settlement)
        #expect(s.decided && s.unitID == D.westOffice && s.on == T.date("2025-10-16"))
        #expect(decided.facts.openDispute == nil)
    }

    @Test("CP-42: the two units agree on 2025-10-10, within their 7 working days — the case moves to 西湖所, received that day, accept_due 10-20 counting the make-up Saturday 10-11; keeping it needs no move")
    func agreed() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        let c = try Self.disputed(&clocks)
        #expect(D.refusal("agreeJurisdiction", c, by: T.officer, on: "2025-10-10", ["unit": "DG"]) == ["complaint.dispute.unit"])
        // act
        let (moved, o) = try D.take("agreeJurisdiction", c, by: T.officer, on: "2025-10-10", ["unit": "XH"])
        try clocks.apply(o.clocks)
        // check
        #expect(o.move == CaseMove(to: .id(D.westOffice), keepReadAccess: false, rule: "CP-42"))
        #expect(moved.state == "awaitingDecision" && moved.facts.competentReceiptOn == T.date("2025-10-10"))
        #expect(clocks.due("acceptance", asOf: "2025-10-10") == T.date("2025-10-20"))
        #expect(moved.facts.disputes?.last?.settlement?.decided == false)
        let (kept, k) = try D.take("agreeJurisdiction", c, by: T.officer, on: "2025-10-10", ["unit": "CG"])
        #expect(k.move == nil && kept.handlerID == T.officer.userID && kept.state == "awaitingDecision")
    }
}
