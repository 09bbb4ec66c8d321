@testable import FengqiaoCore
import Foundation
import Testing

/// complaints.md, the report track: acceptance scenarios 1 (its R side), 6 and 7 with their dates, the
/// refusals of "Bad input" it owns, the reporter's confidentiality (CP-08) and the transition × role
/// table — on the pure procedure.
@Suite("Report procedure (CP-24…CP-29, CP-08)")
struct ReportProcedureTests {
    static let office = UUID(), other = UUID()
    static let reporter = UUID(), market = UUID()
    static let calendar = WorkCalendar.shipped
    static let li = PersonFact(id: UUID(), name: "李执法", unitID: office, qualifications: [])
    static let wang = PersonFact(id: UUID(), name: "王执法", unitID: office, qualifications: [])

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func actor(_ code: String, unit: UUID = office, id: UUID = UUID()) -> Actor {
        let role = ShippedRoles.role(code)!
        return Actor(userID: id, login: code, name: role.nameZH, unitID: unit, permissions: role.permissions, roleCodes: [code], visibleUnits: nil)
    }

    static let officer = actor("officer", id: li.id), head = actor("unit-head"), chief = actor("chief-leader")

    static func context(_ actor: Actor, _ today: String, documents: [DocumentFact] = []) -> ProcedureContext {
        ProcedureContext(actor: actor, today: date(today), calendar: calendar, people: [li.id: li, wang.id: wang], documents: documents,
                         partyNames: [reporter: "赵举报", market: "江城市东湖农贸市场"])
    }

    static func opened(_ received: String, origin: String = "direct", named: Bool = true) throws -> (ProcedureCase<ReportFacts>, Opened<ReportFacts>) {
        var v = ["reportedID": market.uuidString, "actPlace": "东湖农贸市场12号摊位", "category": ViolationCategoryVersion.otherCode,
                 "clue": "摊位销售过期食品", "origin": origin, "receivedOn": received]
        if named { v["reporterID"] = reporter.uuidString }
        let o = try ProcedureEngine.create(ReportProcedure.self, input: ActionInput(single: v), context: context(officer, received)).get()
        return (ProcedureCase(id: UUID(), unitID: office, state: "verifying", gravity: .ordinary, partyIDs: o.partyIDs, handlerID: officer.userID,
                              openedOn: date(received), facts: o.facts), o)
    }

    static func take(_ key: String, _ c: ProcedureCase<ReportFacts>, by: Actor, on today: String, _ input: [String: [String]] = [:],
                     documents: [DocumentFact] = []) throws -> (ProcedureCase<ReportFacts>, Outcome<ReportFacts>) {
        let o = try ProcedureEngine.perform(ReportProcedure.self, key, on: c, input: ActionInput(input), context: context(by, today, documents: documents)).get()
        var next = c
        next.state = o.state
        next.facts = o.facts
        return (next, o)
    }

    static func refusal(_ key: String, _ c: ProcedureCase<ReportFacts>, by: Actor, on today: String, _ input: [String: [String]] = [:],
                        documents: [DocumentFact] = []) -> [String] {
        switch ProcedureEngine.perform(ReportProcedure.self, key, on: c, input: ActionInput(input), context: context(by, today, documents: documents)) {
        case .success: []
        case let .failure(r): r.violations.map(\.code)
        }
    }

    static let proposal: [String: [String]] = ["decision": ["file"], "findings": ["现场查见过期食品3批次"], "officers": [li.id.uuidString, wang.id.uuidString]]

    @Test("Scenario 1 (CP-26): the report track of the item received Fri 2025-09-26 is due for verification 2025-10-23, across 国庆 and the make-up days")
    func scenario1() throws {
        let (_, o) = try Self.opened("2025-09-26")
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        try clocks.apply(o.clocks)
        #expect(clocks.due("reportVerification", asOf: "2025-09-26") == Self.date("2025-10-23"))
        // The reporter is never a party of the case (CP-08): only the reported market is linked.
        #expect(o.partyIDs == [Self.market])
        #expect(!o.title.contains("赵举报"))
    }

    @Test("Scenario 6 (CP-27, CP-28): the 局负责人 approves 立案 on a named report on 2025-10-20 — reporter told by 2025-10-27, the enforcement case opened and linked")
    func scenario6() throws {
        var (c, _) = try Self.opened("2025-10-09")
        var o: Outcome<ReportFacts>
        (c, o) = try Self.take("proposeDecision", c, by: Self.officer, on: "2025-10-17", Self.proposal)
        #expect(o.clocks == [.end(step: "reportVerification", on: Self.date("2025-10-17"))])
        #expect(Self.refusal("approveDecision", c, by: Self.head, on: "2025-10-20", ["verdict": ["approve"]]) == ["permission.denied"])
        (c, o) = try Self.take("approveDecision", c, by: Self.chief, on: "2025-10-20", ["verdict": ["approve"]])
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        try clocks.apply(o.clocks)
        #expect(c.state == "notifying")
        #expect(clocks.due("reporterNotice", asOf: "2025-10-20") == Self.date("2025-10-27"))
        #expect(o.linked.map(\.caseType) == ["penalty"])
        #expect(o.linked.allSatisfy { !$0.title.contains("赵举报") })
        // The enforcement case's 90 days (CP-30): 2026-01-18 is a Sunday, so 2026-01-19.
        #expect(ShippedRuleSets.penalty.rule("decision")?.due(from: Self.date("2025-10-20"), in: Self.calendar).date == Self.date("2026-01-19"))
        // DOC-30: told by the 告知书, issued 10-22 and served 10-24; the reporter is told on its service date.
        #expect(Self.refusal("notifyReporter", c, by: Self.officer, on: "2025-10-24") == ["document.required"])
        let unserved = DocumentFact(id: UUID(), templateCode: "RP-NOTICE", number: "中村所举告〔2025〕1号", issuedOn: Self.date("2025-10-22"), void: false, servedOn: nil)
        #expect(Self.refusal("notifyReporter", c, by: Self.officer, on: "2025-10-24", documents: [unserved]) == ["document.unserved"])
        let served = DocumentFact(id: unserved.id, templateCode: "RP-NOTICE", number: unserved.number, issuedOn: unserved.issuedOn, void: false,
                                  servedOn: Self.date("2025-10-24"))
        (c, o) = try Self.take("notifyReporter", c, by: Self.officer, on: "2025-10-27", documents: [served])
        #expect(c.state == "concluded")
        #expect(c.facts.reporterToldOn == Self.date("2025-10-24"))
        #expect(o.closedOn == Self.date("2025-10-24"))
    }

    @Test("CP-28: an anonymous report is not told — approval concludes it")
    func anonymous() throws {
        var (c, _) = try Self.opened("2025-10-09", named: false)
        (c, _) = try Self.take("proposeDecision", c, by: Self.officer, on: "2025-10-17",
                               ["decision": ["not-file"], "ground": ["unfounded"], "findings": ["未发现过期食品"], "officers": [Self.li.id.uuidString, Self.wang.id.uuidString]])
        let (done, o) = try Self.take("approveDecision", c, by: Self.chief, on: "2025-10-20", ["verdict": ["approve"]])
        #expect(done.state == "concluded")
        #expect(o.clocks.isEmpty)
        #expect(o.linked.isEmpty)
    }

    @Test("Scenario 7 (CP-24): a clue found in mediation on 2025-11-05 is due 2025-11-26, 2025-12-17 after one extension; a second is refused")
    func scenario7() throws {
        var (c, opened) = try Self.opened("2025-11-05", origin: "mediation")
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        try clocks.apply(opened.clocks)
        let o: Outcome<ReportFacts>
        #expect(clocks.due("clueVerification", asOf: "2025-11-05") == Self.date("2025-11-26"))
        #expect(Self.refusal("extendVerification", c, by: Self.officer, on: "2025-11-20", ["ground": ["需检验"]]) == ["permission.denied"])
        (c, o) = try Self.take("extendVerification", c, by: Self.head, on: "2025-11-20", ["ground": ["样品送检，需等待检验结果"]])
        try clocks.apply(o.clocks, on: Self.date("2025-11-20"), permissions: Set(Self.head.permissions.map(\.rawValue)))
        #expect(clocks.due("clueVerification", asOf: "2025-11-20") == Self.date("2025-12-17"))
        #expect(Self.refusal("extendVerification", c, by: Self.head, on: "2025-12-01", ["ground": ["再次延期"]]) == ["report.extension.second"])
    }

    @Test("CP-26: testing 2025-11-10…11-14 (5 working days) moves the clue's verification from 2025-11-26 to 12-03; overlapping pauses are refused; the proposal waits for the resumption")
    func pauses() throws {
        var (c, opened) = try Self.opened("2025-11-05", origin: "mediation")
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        try clocks.apply(opened.clocks)
        var o: Outcome<ReportFacts>
        (c, o) = try Self.take("pauseVerification", c, by: Self.officer, on: "2025-11-10", ["reason": ["testing"], "from": ["2025-11-10"]])
        try clocks.apply(o.clocks)
        #expect(c.state == "paused")
        #expect(Self.refusal("proposeDecision", c, by: Self.officer, on: "2025-11-12", Self.proposal) == ["transition.state"])
        (c, o) = try Self.take("resumeVerification", c, by: Self.officer, on: "2025-11-17", ["lastDay": ["2025-11-14"]])
        try clocks.apply(o.clocks)
        #expect(clocks.due("clueVerification", asOf: "2025-11-17") == Self.date("2025-12-03"))
        #expect(Self.refusal("pauseVerification", c, by: Self.officer, on: "2025-11-17", ["reason": ["rights-holder"], "from": ["2025-11-14"]])
            == ["report.pause.overlap"])
    }

    @Test("Bad input (CP-27): fewer than 2 officers; 不予立案 without a ground")
    func badInput() throws {
        let (c, _) = try Self.opened("2025-10-09")
        #expect(Self.refusal("proposeDecision", c, by: Self.officer, on: "2025-10-10",
                             ["decision": ["file"], "findings": ["x"], "officers": [Self.li.id.uuidString]]) == ["report.officers.too-few"])
        #expect(Self.refusal("proposeDecision", c, by: Self.officer, on: "2025-10-10",
                             ["decision": ["not-file"], "findings": ["x"], "officers": [Self.li.id.uuidString, Self.wang.id.uuidString]]) == ["report.ground.required"])
    }

    @Test("CP-08 X-09: the reporter's name reaches its registrar, handler, officers, the unit head and the 局负责人 — not another officer, nor another unit's head")
    func confidentiality() throws {
        var (c, _) = try Self.opened("2025-10-09")
        (c, _) = try Self.take("proposeDecision", c, by: Self.officer, on: "2025-10-17", Self.proposal)
        func seen(_ a: Actor) -> String? { ReportProcedure.visible(c.facts, handlerID: c.handlerID, unitID: c.unitID, to: a).reporterName }
        #expect(seen(Self.officer) == "赵举报")
        #expect(seen(Self.actor("officer", id: Self.wang.id)) == "赵举报")
        #expect(seen(Self.head) == "赵举报")
        #expect(seen(Self.chief) == "赵举报")
        #expect(seen(Self.actor("officer")) == "（实名举报，举报人信息保密）")
        #expect(seen(Self.actor("unit-head", unit: Self.other)) == "（实名举报，举报人信息保密）")
        #expect(seen(Self.actor("discipline")) == "（实名举报，举报人信息保密）")
        // The role table: the 分送员 sees the reporter; the 受托调解员 and the 投诉站联络员 never do.
        #expect(seen(Self.actor("complaint-dispatcher", unit: Self.other)) == "赵举报")
        #expect(seen(Self.actor("delegated-mediator")) == "（实名举报，举报人信息保密）")
        #expect(seen(Self.actor("complaint-liaison")) == "（实名举报，举报人信息保密）")
        #expect(ReportProcedure.visible(c.facts, handlerID: c.handlerID, unitID: c.unitID, to: Self.actor("officer")).reporterID == nil)
        #expect(!ReportProcedure.factsZH(ReportProcedure.visible(c.facts, handlerID: c.handlerID, unitID: c.unitID, to: Self.actor("officer")), names: [:])
            .contains { $0.value.contains("赵举报") })
    }

    @Test("Transition × role (complaints.md roles): who may take each report step, written out by hand")
    func roles() {
        let table: [(key: String, allowed: Set<String>)] = [
            ("register", ["officer", "unit-head", "petition-officer", "complaint-registrar", "complaint-dispatcher", "complaint-liaison"]),
            ("pauseVerification", ["officer", "unit-head", "petition-officer"]),
            ("extendVerification", ["unit-head"]),
            ("proposeDecision", ["officer", "unit-head", "petition-officer"]),
            ("approveDecision", ["deputy-leader", "chief-leader"]),
            ("notifyReporter", ["officer", "unit-head", "petition-officer"]),
            // CP-42: the receiving unit's handlers dispute and agree (the 分送员 may record the agreement); the
            // superior's 分送员, its head or a 局负责人 decides; never a 受托调解员, who sees no report.
            ("raiseDispute", ["officer", "unit-head", "petition-officer"]),
            ("agreeJurisdiction", ["officer", "unit-head", "petition-officer", "complaint-dispatcher"]),
            ("decideJurisdiction", ["unit-head", "complaint-dispatcher", "deputy-leader", "chief-leader"]),
            // CP-42 CAL-43: taken by the system alone when the 7 working days run out (the permission only names the step's holder).
            ("referDispute", ["unit-head", "complaint-dispatcher"]),
        ]
        for (key, allowed) in table {
            let spec = key == "register" ? ReportProcedure.creation : ReportProcedure.transition(key)
            for role in ShippedRoles.all {
                let may = spec.map { $0.permissions.contains(where: role.permissions.contains) } ?? false
                #expect(may == allowed.contains(role.code), "\(key) × \(role.code)")
            }
        }
    }
}
