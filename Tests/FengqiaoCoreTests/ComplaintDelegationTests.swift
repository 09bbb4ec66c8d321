@testable import FengqiaoCore
import Foundation
import Testing

/// complaints.md step 6 and CP-42 on the pure procedure: a mediation delegated to a 消协分会 or a lawful
/// mediation body (CP-17), on-site mediation only after the 调解通知书 was served on both parties
/// (CP-18), and a jurisdiction dispute between units settled by agreement or by their common superior
/// (CP-42) — with dates across 国庆 2025 (10-01…10-08 off, make-up workdays 09-28 and 10-11).
@Suite("Complaint delegation, on-site notice and jurisdiction disputes (CP-17, CP-18, CP-42)")
struct ComplaintDelegationTests {
    typealias T = ComplaintProcedureTests

    // MARK: Fixture — 江城局 (JC) → 城关分局 (FJ) → 城关所 (CG), 东关所 (DG); JC → 西区分局 (XB) → 西湖所 (XH); JC → 消保科 (XBK)

    static let bureau = UUID(), branch = UUID(), westBranch = UUID(), westOffice = UUID(), sibling = UUID(), department = UUID()
    static let office = T.chengguan
    static let tree = UnitTree([
        OrgUnit(id: bureau, code: "JC", name: "江城市市场监督管理局", kind: .bureau, parentID: nil, areaCode: nil, numberPrefix: nil),
        OrgUnit(id: branch, code: "FJ", name: "城关分局", kind: .branch, parentID: bureau, areaCode: nil, numberPrefix: nil),
        OrgUnit(id: office, code: "CG", name: "城关市场监管所", kind: .office, parentID: branch, areaCode: nil, numberPrefix: "城关所"),
        OrgUnit(id: sibling, code: "DG", name: "东关市场监管所", kind: .office, parentID: branch, areaCode: nil, numberPrefix: "东关所"),
        OrgUnit(id: westBranch, code: "XB", name: "西区分局", kind: .branch, parentID: bureau, areaCode: nil, numberPrefix: nil),
        OrgUnit(id: westOffice, code: "XH", name: "西湖市场监管所", kind: .office, parentID: westBranch, areaCode: nil, numberPrefix: "西湖所"),
        OrgUnit(id: department, code: "XBK", name: "消费者权益保护科", kind: .department, parentID: bureau, areaCode: nil, numberPrefix: nil),
    ])
    static let branchAssociation = ServicePointFact(id: UUID(), unitID: branch, kind: .consumerAssociation, name: "城关消协分会", listedOn: T.date("2024-03-15"))
    static let siblingAssociation = ServicePointFact(id: UUID(), unitID: sibling, kind: .consumerAssociation, name: "东关消协分会", listedOn: T.date("2024-03-15"))
    static let station = ServicePointFact(id: UUID(), unitID: office, kind: .complaintStation, name: "城关投诉举报站", listedOn: T.date("2024-03-15"))
    static let body = ServicePointFact(id: UUID(), unitID: office, kind: .mediationBody, name: "城关人民调解委员会", listedOn: T.date("2024-06-01"))
    static let points = [branchAssociation, siblingAssociation, station, body]

    static let mediatorID = UUID(), farMediatorID = UUID()
    static let mediator = T.actor("delegated-mediator", unit: office, id: mediatorID)
    static let people: [UUID: PersonFact] = [
        mediatorID: PersonFact(id: mediatorID, name: "陈立新", unitID: office, qualifications: [],
                               roles: [.init(roleCode: "delegated-mediator", unitID: office, scope: .own)]),
        farMediatorID: PersonFact(id: farMediatorID, name: "王远", unitID: sibling, qualifications: [],
                                  roles: [.init(roleCode: "delegated-mediator", unitID: sibling, scope: .own)]),
        T.officer.userID: PersonFact(id: T.officer.userID, name: "李明", unitID: office, qualifications: [],
                                     roles: [.init(roleCode: "officer", unitID: office, scope: .unit)]),
    ]

    static func context(_ actor: Actor, _ today: String, documents: [DocumentFact] = []) -> ProcedureContext {
        ProcedureContext(actor: actor, today: T.date(today), calendar: T.calendar, people: people, documents: documents,
                         partyNames: [T.consumer: "张消费", T.shop: "江城市惠民超市"], units: tree, servicePoints: points)
    }

    static func take(_ key: String, _ c: ProcedureCase<ComplaintFacts>, by: Actor, on today: String, _ input: [String: String] = [:],
                     documents: [DocumentFact] = []) throws -> (ProcedureCase<ComplaintFacts>, Outcome<ComplaintFacts>) {
        let o = try ProcedureEngine.perform(ComplaintProcedure.self, key, on: c, input: ActionInput(single: input), context: context(by, today, documents: documents)).get()
        var next = c
        next.state = o.state
        next.facts = o.facts
        next.handlerID = o.handlerID
        if let move = o.move, case let .id(id) = move.to { next.unitID = id }
        return (next, o)
    }

    static func refusal(_ key: String, _ c: ProcedureCase<ComplaintFacts>, by: Actor, on today: String, _ input: [String: String] = [:],
                        documents: [DocumentFact] = []) -> [String] {
        switch ProcedureEngine.perform(ComplaintProcedure.self, key, on: c, input: ActionInput(single: input), context: context(by, today, documents: documents)) {
        case .success: ["(allowed)"]
        case let .failure(r): r.violations.map(\.code)
        }
    }

    /// Received Fri 2025-09-26 by 城关所, accepted on the make-up Sunday 09-28: mediation due 2025-12-05.
    static func accepted(_ clocks: inout ClockRunner, consents: Bool = true) throws -> ProcedureCase<ComplaintFacts> {
        var c = try T.registered(received: "2025-09-26")
        var o: Outcome<ComplaintFacts>
        (c, o) = try take("receive", c, by: T.officer, on: "2025-09-26")
        try clocks.apply(o.clocks)
        (c, _) = try take("proposeDecision", c, by: T.officer, on: "2025-09-28", ["decision": "accept"])
        (c, o) = try take("approveDecision", c, by: T.head, on: "2025-09-28", ["verdict": "approve"])
        try clocks.apply(o.clocks)
        if consents {
            (c, _) = try take("recordConsents", c, by: T.officer, on: "2025-10-09", ["complainantConsentOn": "2025-10-09", "respondentConsentOn": "2025-10-09"])
        }
        return c
    }

    static let delegation = ["servicePoint": "城关消协分会", "mediator": mediatorID.uuidString, "time": "2025年10月13日上午9时30分",
                             "place": "城关消协分会调解室", "scope": "组织双方调解，制作调解书或调解记录"]

    // MARK: CP-17

    @Test("CP-17: delegated on 2025-10-09 to the 分局's 消协分会 with a 受托调解员 of 城关所 — the mediation due date stays 2025-12-05 (45 working days from 受理 on the make-up Sunday 09-28, across 国庆); the delegate pauses 10-20…10-24 and the due date moves to 12-12")
    func delegated() throws {
        // setup
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        var c = try Self.accepted(&clocks)
        #expect(clocks.due("mediation", asOf: "2025-10-09") == T.date("2025-12-05"))
        // act
        var o: Outcome<ComplaintFacts>
        (c, o) = try Self.take("delegateMediation", c, by: T.officer, on: "2025-10-09", Self.delegation)
        try clocks.apply(o.clocks)
        // check: the case stays in the bureau's unit and state, with its handler; no clock touched
        #expect(o.clocks.isEmpty && o.move == nil)
        #expect(c.state == "mediating" && c.handlerID == T.officer.userID)
        let d = try #require(c.facts.delegation)
        #expect(d.servicePointID == Self.branchAssociation.id && d.kind == .consumerAssociation && d.mediatorName == "陈立新" && d.on == T.date("2025-10-09"))
        #expect(clocks.due("mediation", asOf: "2025-10-09") == T.date("2025-12-05"))
        #expect(ComplaintDocuments.mediationDue(c.facts, calendar: T.calendar) == T.date("2025-12-05"))
        // The delegate is waited on (their worklist and `own` scope) and checked for conflicts (PLT-06).
        #expect(ComplaintProcedure.waitingOn(c.facts, state: "mediating") == [Self.mediatorID])
        #expect(ComplaintProcedure.people(c.facts) == [Self.mediatorID])

        // act: the delegate carries the mediation — a pause for testing, the resumption, a remote session, the outcome
        (c, o) = try Self.take("pauseMediation", c, by: Self.mediator, on: "2025-10-20", ["reason": "testing", "from": "2025-10-20"])
        try clocks.apply(o.clocks)
        (c, o) = try Self.take("resumeMediation", c, by: Self.mediator, on: "2025-10-27", ["to": "2025-10-24"])
        try clocks.apply(o.clocks)
        #expect(clocks.due("mediation", asOf: "2025-10-27") == T.date("2025-12-12"))
        #expect(ComplaintDocuments.mediationDue(c.facts, calendar: T.calendar) == T.date("2025-12-12"))
        (c, _) = try Self.take("holdMediation", c, by: Self.mediator, on: "2025-10-28", ["mode": "remote", "on": "2025-10-28"])
        (c, o) = try Self.take("recordOutcome", c, by: Self.mediator, on: "2025-10-29", ["outcome": "performed", "recovered": "268"],
                              documents: [T.doc("CP-ACCEPT", issued: "2025-09-28", served: "2025-09-30")])
        #expect(c.state == "concluded" && o.clocks == [.end(step: "mediation", on: T.date("2025-10-29"))])
        #expect(c.facts.sessions?.map(\.mode) == [.remote])
    }

    @Test("CP-17: no re-delegation — the delegated mediator is refused (complaint.delegation.redelegate, field actor), a second delegation by the bureau too (complaint.delegation.exists); nothing changes")
    func noRedelegation() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        var c = try Self.accepted(&clocks)
        (c, _) = try Self.take("delegateMediation", c, by: T.officer, on: "2025-10-09", Self.delegation)
        let before = c
        // act
        let again = Self.delegation.merging(["servicePoint": "城关人民调解委员会"]) { _, n in n }
        let byDelegate = ProcedureEngine.perform(ComplaintProcedure.self, "delegateMediation", on: c, input: ActionInput(single: again),
                                                 context: Self.context(Self.mediator, "2025-10-13"))
        // check
        guard case let .failure(r) = byDelegate else { Issue.record("a delegate re-delegated"); return }
        #expect(r.violations.map(\.code) == ["complaint.delegation.redelegate"])
        #expect(r.violations.first?.field == "actor" && r.violations.first?.rule == "CP-17")
        #expect(Self.refusal("delegateMediation", c, by: T.officer, on: "2025-10-13", again) == ["complaint.delegation.exists"])
        #expect(c == before)
        // The delegate still sees the step offered, with why it is closed to them.
        let offered = ProcedureEngine.available(ComplaintProcedure.self, on: c, context: Self.context(Self.mediator, "2025-10-13"))
        #expect(offered.first { $0.transition.key == "delegateMediation" }?.unmet.map(\.code) == ["complaint.delegation.redelegate"])
    }

    @Test("CP-17: withdrawn on Mon 2025-10-20 — the delegate is refused every step after (complaint.delegation.withdrawn) and offered none, leaves the worklist and is dismissed from the case; the bureau delegates again; the mediation due 2025-12-05 never moves")
    func withdrawn() throws {
        // setup
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        var c = try Self.accepted(&clocks)
        #expect(Self.refusal("withdrawDelegation", c, by: T.officer, on: "2025-10-09", ["reason": "无"]) == ["complaint.delegation.none"])
        (c, _) = try Self.take("delegateMediation", c, by: T.officer, on: "2025-10-09", Self.delegation)
        // act
        var o: Outcome<ComplaintFacts>
        (c, o) = try Self.take("withdrawDelegation", c, by: T.officer, on: "2025-10-20", ["reason": "分会人员调整，无法按期调解"])
        // check: no clock touched, the delegation kept in the history, the delegate out
        #expect(o.clocks.isEmpty && c.state == "mediating" && c.facts.delegation == nil)
        #expect(c.facts.withdrawnDelegations?.map(\.delegation.mediatorID) == [Self.mediatorID])
        #expect(c.facts.withdrawnDelegations?.first?.on == T.date("2025-10-20"))
        #expect(ComplaintProcedure.waitingOn(c.facts, state: "mediating").isEmpty)
        #expect(ComplaintProcedure.dismissed(c.facts) == [Self.mediatorID])
        #expect(Self.refusal("holdMediation", c, by: Self.mediator, on: "2025-10-21", ["mode": "remote", "on": "2025-10-21"]) == ["complaint.delegation.withdrawn"])
        #expect(ProcedureEngine.available(ComplaintProcedure.self, on: c, context: Self.context(Self.mediator, "2025-10-21")).isEmpty)
        #expect(clocks.due("mediation", asOf: "2025-10-21") == T.date("2025-12-05"))
        // act: delegated again to the same mediator through the 人民调解委员会 — they act again and are no longer dismissed
        let again = Self.delegation.merging(["servicePoint": "城关人民调解委员会"]) { _, n in n }
        (c, _) = try Self.take("delegateMediation", c, by: T.officer, on: "2025-10-21", again)
        #expect(ComplaintProcedure.dismissed(c.facts).isEmpty)
        #expect(Self.refusal("holdMediation", c, by: Self.mediator, on: "2025-10-21", ["mode": "remote", "on": "2025-10-21"]) == ["(allowed)"])
        // The delegate may give a delegation back too.
        (c, _) = try Self.take("withdrawDelegation", c, by: Self.mediator, on: "2025-10-22", ["reason": "当事人拒绝由本会调解"])
        #expect(c.facts.delegation == nil && c.facts.withdrawnDelegations?.count == 2)
    }

    @Test("CP-16 CP-17: delegation is refused before both consents, to a 投诉举报站, to a 消协分会 outside the case's unit tree, to an officer or a 受托调解员 of another 所 — each by its code; a mediation body by id is accepted")
    func refusals() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        let unconsented = try Self.accepted(&clocks, consents: false)
        #expect(Self.refusal("delegateMediation", unconsented, by: T.officer, on: "2025-10-09", Self.delegation) == ["complaint.consent.missing"])
        let c = try Self.accepted(&clocks)
        func with(_ changes: [String: String]) -> [String: String] { Self.delegation.merging(changes) { _, n in n } }
        #expect(Self.refusal("delegateMediation", c, by: T.officer, on: "2025-10-09", with(["servicePoint": "城关投诉举报站"])) == ["complaint.delegation.body"])
        #expect(Self.refusal("delegateMediation", c, by: T.officer, on: "2025-10-09", with(["servicePoint": "东关消协分会"])) == ["complaint.delegation.body"])
        #expect(Self.refusal("delegateMediation", c, by: T.officer, on: "2025-10-09", with(["mediator": T.officer.userID.uuidString]))
            == ["complaint.delegation.mediator"])
        #expect(Self.refusal("delegateMediation", c, by: T.officer, on: "2025-10-09", with(["mediator": Self.farMediatorID.uuidString]))
            == ["complaint.delegation.mediator-unit"])
        #expect(c.facts.delegation == nil)
        let (toBody, _) = try Self.take("delegateMediation", c, by: T.officer, on: "2025-10-09", with(["servicePoint": Self.body.id.uuidString]))
        #expect(toBody.facts.delegation?.kind == .mediationBody)
        #expect(ServicePointKind.mediationBody.countsForListing == false)
    }

    @Test("CP-17 DOC-10: the 委托调解函 (投委调) is offered on delegation and prefilled for the delegate — time, place, mediator, scope and the unchanged mediation due date; never a party's address")
    func letter() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        var c = try Self.accepted(&clocks)
        (c, _) = try Self.take("delegateMediation", c, by: T.officer, on: "2025-10-09", Self.delegation)
        let t = try #require(ComplaintTemplates.template(code: "CP-DELEGATION"))
        #expect(t.nameZH == "委托调解函" && t.typeWord == "投委调" && t.needsService)
        #expect(ComplaintProcedure.transition("delegateMediation")?.issues == ["CP-DELEGATION"])
        let v = ComplaintDocumentTests.prefill(c.facts, "CP-DELEGATION", address: "江城市中村路88号")
        #expect(v["party.name"] == "城关消协分会")
        #expect(v["party.address"] == nil)
        #expect(v["delegate.mediator"] == "陈立新")
        #expect(v["mediation.time"] == "2025年10月13日上午9时30分" && v["mediation.place"] == "城关消协分会调解室")
        #expect(v["delegation.scope"] == "组织双方调解，制作调解书或调解记录")
        #expect(v["mediation.deadline"] == "2025年12月5日")
        // The 调解通知书 names the delegate as mediator, in the bureau's name.
        #expect(ComplaintDocumentTests.prefill(c.facts, "CP-MEDIATION-NOTICE")["mediation.mediator"] == "陈立新（城关消协分会受托调解员）")
        #expect(t.body.contains("以本局名义") && t.body.contains("不得将本案再行委托"))
    }

    @Test("CP-08 CP-17: the delegate's view of the facts names no report split off and no clue handed over; the handler's does")
    func delegateView() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        var c = try Self.accepted(&clocks)
        (c, _) = try Self.take("delegateMediation", c, by: T.officer, on: "2025-10-09", Self.delegation)
        c.facts.cluesFound = [T.date("2025-10-10")]
        c.facts.reportSplitOn = T.date("2025-09-26")
        let seen = ComplaintProcedure.visible(c.facts, handlerID: c.handlerID, unitID: c.unitID, to: Self.mediator)
        #expect(seen.cluesFound.isEmpty && seen.reportSplitOn == nil)
        #expect(!ComplaintProcedure.factsZH(seen, names: [:]).contains { $0.label.contains("线索") || $0.label.contains("举报") })
        #expect(ComplaintProcedure.visible(c.facts, handlerID: c.handlerID, unitID: c.unitID, to: T.officer) == c.facts)
    }

    // MARK: CP-18

    @Test("CP-18: on-site mediation on 2025-10-13 is refused without a 调解通知书 (complaint.notice.missing), with only the respondent's copy served or the complainant's served after the day (complaint.notice.unserved); allowed once both were served by the make-up Saturday 10-11; remote needs none")
    func onSiteNotice() throws {
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        let c = try Self.accepted(&clocks)
        let session = ["mode": "on-site", "on": "2025-10-13"]
        func notice(_ to: String, served: String?, number: Int) -> DocumentFact {
            DocumentFact(id: UUID(), templateCode: "CP-MEDIATION-NOTICE", number: "城关所投调通〔2025〕\(number)号", issuedOn: T.date("2025-10-09"), void: false,
                         servedOn: served.map(T.date), recipient: to)
        }
        // act, check
        #expect(Self.refusal("holdMediation", c, by: T.officer, on: "2025-10-13", session) == ["complaint.notice.missing"])
        let shop = notice("江城市惠民超市", served: "2025-10-11", number: 1)
        #expect(Self.refusal("holdMediation", c, by: T.officer, on: "2025-10-13", session, documents: [shop]) == ["complaint.notice.unserved"])
        let late = notice("张消费", served: "2025-10-14", number: 2)
        #expect(Self.refusal("holdMediation", c, by: T.officer, on: "2025-10-14", session, documents: [shop, late]) == ["complaint.notice.unserved"])
        #expect(c.facts.sessions == nil)
        let served = notice("张消费", served: "2025-10-11", number: 3)
        let (held, _) = try Self.take("holdMediation", c, by: T.officer, on: "2025-10-13", session, documents: [shop, served])
        #expect(held.facts.sessions == [.init(mode: .onSite, on: T.date("2025-10-13"), by: T.officer.userID, note: nil)])
        let (remote, _) = try Self.take("holdMediation", c, by: T.officer, on: "2025-10-13", ["mode": "remote", "on": "2025-10-13"])
        #expect(remote.facts.sessions?.first?.mode == .remote)
        // CP-16: no session before both consents.
        let unconsented = try Self.accepted(&clocks, consents: false)
        #expect(Self.refusal("holdMediation", unconsented, by: T.officer, on: "2025-10-13", ["mode": "remote", "on": "2025-10-13"]) == ["complaint.consent.missing"])
    }
}
