@testable import FengqiaoCore
import Foundation
import Testing

/// complaints.md, the complaint track: the acceptance scenarios with their dates (1, 2, 3, 4, 5), the
/// refusals of "Bad input" this track owns, and the transition × role table — on the pure procedure.
@Suite("Complaint procedure (CP-*)")
struct ComplaintProcedureTests {
    // MARK: Fixture

    static let centre = UUID(), chengguan = UUID()
    static let consumer = UUID(), shop = UUID()
    static let calendar = WorkCalendar.shipped

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func actor(_ code: String, unit: UUID = chengguan, id: UUID = UUID()) -> Actor {
        let role = ShippedRoles.role(code)!
        return Actor(userID: id, login: code, name: role.nameZH, unitID: unit, permissions: role.permissions, roleCodes: [code], visibleUnits: nil)
    }

    static let officer = actor("officer"), head = actor("unit-head"), dispatcher = actor("unit-head", unit: centre)

    static func context(_ actor: Actor, _ today: String, documents: [DocumentFact] = []) -> ProcedureContext {
        ProcedureContext(actor: actor, today: date(today), calendar: calendar, documents: documents, partyNames: [consumer: "张消费", shop: "江城市惠民超市"])
    }

    /// A document of the case as the store reports it: issued on `issued`, served on `served` (DOC-30).
    static func doc(_ code: String, issued: String, served: String? = nil, number: Int = 1) -> DocumentFact {
        DocumentFact(id: UUID(), templateCode: code, number: "城关所\(ComplaintTemplates.template(code: code)?.typeWord ?? "")〔\(issued.prefix(4))〕\(number)号",
                     issuedOn: date(issued), void: false, servedOn: served.map(date))
    }

    static func registration(received: String, knew: String = "2025-08-20", channel: String = "platform", externalNo: String? = "1234567890") -> ActionInput {
        var v = ["complainantID": consumer.uuidString, "respondentID": shop.uuidString, "channel": channel, "receivedOn": received, "knewOn": knew,
                 "request": "退还购买过期牛奶的货款并赔偿", "statement": "9月20日在该超市购买的牛奶已过保质期"]
        v["externalNo"] = externalNo
        return ActionInput(single: v)
    }

    /// Registers on `received` (as `today`) in `unit` and returns the case.
    static func registered(received: String, knew: String = "2025-08-20", by: Actor = officer) throws -> ProcedureCase<ComplaintFacts> {
        let opened = try ProcedureEngine.create(ComplaintProcedure.self, input: registration(received: received, knew: knew), context: context(by, received)).get()
        return ProcedureCase(id: UUID(), unitID: by.unitID, state: "registered", gravity: .ordinary, partyIDs: opened.partyIDs, handlerID: by.userID,
                             openedOn: date(received), facts: opened.facts)
    }

    /// Takes `key` and returns the case after it with its outcome.
    static func take(_ key: String, _ c: ProcedureCase<ComplaintFacts>, by: Actor, on today: String, _ input: [String: String] = [:],
                     documents: [DocumentFact] = []) throws -> (ProcedureCase<ComplaintFacts>, Outcome<ComplaintFacts>) {
        let outcome = try ProcedureEngine.perform(ComplaintProcedure.self, key, on: c, input: ActionInput(single: input),
                                                  context: context(by, today, documents: documents)).get()
        var next = c
        next.state = outcome.state
        next.facts = outcome.facts
        next.handlerID = outcome.handlerID
        return (next, outcome)
    }

    static func refusal(_ key: String, _ c: ProcedureCase<ComplaintFacts>, by: Actor, on today: String, _ input: [String: String] = [:],
                        documents: [DocumentFact] = []) -> [String] {
        switch ProcedureEngine.perform(ComplaintProcedure.self, key, on: c, input: ActionInput(single: input), context: context(by, today, documents: documents)) {
        case .success: []
        case let .failure(r): r.violations.map(\.code)
        }
    }

    // MARK: Acceptance scenarios

    @Test("Scenario 1 (CP-14): dispatched and received Fri 2025-09-26, accept_due 2025-10-13 across 国庆 and the make-up days 09-28 and 10-11")
    func scenario1() throws {
        var c = try Self.registered(received: "2025-09-26", by: Self.actor("officer", unit: Self.centre))
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        var o: Outcome<ComplaintFacts>
        (c, o) = try Self.take("dispatch", c, by: Self.dispatcher, on: "2025-09-26", ["unit": "CG", "reportBackOn": "2025-10-20"])
        #expect(o.move == CaseMove(to: .code("CG"), keepReadAccess: true, rule: "CP-09"))
        try clocks.apply(o.clocks)
        (c, o) = try Self.take("receive", c, by: Self.officer, on: "2025-09-26")
        try clocks.apply(o.clocks)
        #expect(clocks.due("acceptance", asOf: "2025-09-26") == Self.date("2025-10-13"))
        #expect(clocks.byStep["returnNotCompetent"] == nil)
        #expect(c.facts.competentReceiptOn == Self.date("2025-09-26"))
    }

    @Test("Scenario 2 (CP-20, CP-21, CP-22): accepted 2025-01-02, due 03-12; testing 02-10…02-21 moves it to 03-26; ground (5) proposed 03-27; notice by 04-08 across 清明")
    func scenario2() throws {
        var c = try Self.registered(received: "2024-12-30", knew: "2024-12-20")
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        var o: Outcome<ComplaintFacts>
        (c, o) = try Self.take("receive", c, by: Self.officer, on: "2024-12-30")
        try clocks.apply(o.clocks)
        (c, _) = try Self.take("proposeDecision", c, by: Self.officer, on: "2025-01-02", ["decision": "accept"])
        (c, o) = try Self.take("approveDecision", c, by: Self.head, on: "2025-01-02", ["verdict": "approve"])
        try clocks.apply(o.clocks)
        #expect(c.state == "mediating")
        #expect(clocks.due("mediation", asOf: "2025-01-02") == Self.date("2025-03-12"))

        (c, o) = try Self.take("pauseMediation", c, by: Self.officer, on: "2025-02-10", ["reason": "testing", "from": "2025-02-10"])
        try clocks.apply(o.clocks)
        #expect(c.state == "paused")
        (c, o) = try Self.take("resumeMediation", c, by: Self.officer, on: "2025-02-24", ["to": "2025-02-21"])
        try clocks.apply(o.clocks)
        #expect(clocks.due("mediation", asOf: "2025-02-24") == Self.date("2025-03-26"))
        #expect(Self.calendar.between(Self.date("2025-02-09"), Self.date("2025-02-21")) == 10)

        // CP-21: the scheduler fires at 00:00 on 03-27 (the clock ran out at the end of 03-26) as the system.
        let timed = try #require(ComplaintProcedure.module.timedTransitions.first { $0.step == "mediation" })
        let system = try #require(ComplaintProcedure.timedActor(timed, unitID: Self.chengguan))
        #expect(Self.refusal("proposeTermination", c, by: Self.head, on: "2025-03-27").contains("transition.system-only"))
        #expect(Self.refusal("decideTermination", c, by: Self.head, on: "2025-03-20", ["ground": "5"]) == ["complaint.termination.not-expired"])
        let proposed = try ProcedureEngine.perform(ComplaintProcedure.self, timed.transition, on: c, input: timed.input, context: Self.context(system, "2025-03-27")).get()
        #expect(proposed.facts.terminationProposedOn == Self.date("2025-03-27"))
        c.facts = proposed.facts

        (c, o) = try Self.take("decideTermination", c, by: Self.head, on: "2025-03-27", ["ground": "5"])
        try clocks.apply(o.clocks)
        #expect(c.state == "terminating")
        #expect(clocks.due("terminationNotice", asOf: "2025-03-27") == Self.date("2025-04-08"))
        // CP-22, DOC-30: the complaint concludes once the 终止调解决定书 is served — on its service date.
        let accepted = Self.doc("CP-ACCEPT", issued: "2025-01-02", served: "2025-01-06")
        #expect(Self.refusal("serveTermination", c, by: Self.officer, on: "2025-04-03", documents: [accepted]) == ["document.required"])
        let decision = Self.doc("CP-TERMINATION", issued: "2025-03-27")
        #expect(Self.refusal("serveTermination", c, by: Self.officer, on: "2025-04-03", documents: [accepted, decision]) == ["document.unserved"])
        (c, o) = try Self.take("serveTermination", c, by: Self.officer, on: "2025-04-03",
                               documents: [accepted, Self.doc("CP-TERMINATION", issued: "2025-03-27", served: "2025-04-01")])
        #expect(c.state == "concluded")
        #expect(o.closedOn == Self.date("2025-04-01"))
        #expect(o.clocks == [.end(step: "terminationNotice", on: Self.date("2025-04-01"))])
    }

    @Test("CP-37: a 不予受理 approved 2025-09-03 is reopened by the unit head on 10-03 (30日) with a reason — back to the decision, 7 working days again to 10-16 across 国庆; an officer may not, and 10-04 is too late")
    func reopen() throws {
        var c = try Self.registered(received: "2025-09-01", knew: "2022-08-01")
        (c, _) = try Self.take("receive", c, by: Self.officer, on: "2025-09-01")
        (c, _) = try Self.take("proposeDecision", c, by: Self.officer, on: "2025-09-02", ["decision": "reject", "ground": "4"])
        (c, _) = try Self.take("approveDecision", c, by: Self.head, on: "2025-09-03", ["verdict": "approve"])
        #expect(c.state == "rejected")
        #expect(Self.refusal("reopen", c, by: Self.officer, on: "2025-10-03", ["reason": "投诉人补充了购物凭证"]) == ["permission.denied"])
        #expect(Self.refusal("reopen", c, by: Self.head, on: "2025-10-04", ["reason": "投诉人补充了购物凭证"]) == ["complaint.reopen.expired"])
        #expect(Self.refusal("reopen", c, by: Self.head, on: "2025-10-03") == ["input.required"])
        let (reopened, o) = try Self.take("reopen", c, by: Self.head, on: "2025-10-03", ["reason": "投诉人补充了购物凭证"])
        #expect(reopened.state == "awaitingDecision" && o.reopens)
        #expect(reopened.facts.decision == nil && reopened.facts.reopenings?.first?.from == "rejected")
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        try clocks.apply(o.clocks)
        #expect(clocks.due("acceptance", asOf: "2025-10-03") == Self.date("2025-10-16"))
    }

    @Test("Scenario 3 (CP-15): received 2025-09-01, knew 2022-08-01 — ground (4) suggested, accept_due 2025-09-10")
    func scenario3() throws {
        var c = try Self.registered(received: "2025-09-01", knew: "2022-08-01")
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        let o: Outcome<ComplaintFacts>
        (c, o) = try Self.take("receive", c, by: Self.officer, on: "2025-09-01")
        try clocks.apply(o.clocks)
        #expect(c.facts.suggestedGrounds == [.g4])
        #expect(clocks.due("acceptance", asOf: "2025-09-01") == Self.date("2025-09-10"))
        // Only suggested: the handler still chooses, and may accept.
        #expect(Self.refusal("proposeDecision", c, by: Self.officer, on: "2025-09-02", ["decision": "accept"]).isEmpty)
        // Three years to the day is not beyond the limit.
        #expect(ComplaintFacts.suggested(knewOn: Self.date("2022-09-01"), receiptOn: Self.date("2025-09-01")).isEmpty)
    }

    @Test("Scenario 4 (CP-02): the receipt date binds the rule set — 2026-04-14 SAMR-20 (due 04-23), 2026-04-15 unconfirmed SAMR-121 (due 04-24)")
    func scenario4() throws {
        let book = RuleBook.shipped
        for (received, label, due, unconfirmed) in [("2026-04-14", "SAMR-20", "2026-04-23", false), ("2026-04-15", "SAMR-121", "2026-04-24", true)] {
            // Registered a week later: the receipt date, not the registration day, binds (CAL-21).
            let opened = try ProcedureEngine.create(ComplaintProcedure.self, input: Self.registration(received: received, knew: "2026-04-01"),
                                                    context: Self.context(Self.officer, "2026-04-22")).get()
            let ruleDate = try #require(opened.ruleDate)
            #expect(ruleDate == Self.date(received))
            let set = try #require(book.inForce(ComplaintProcedure.ruleSetKey, on: ruleDate))
            #expect(set.label == label)
            #expect(set.isUnconfirmed == unconfirmed)
            let clock = try Clock(start: Self.date(received), rule: try #require(set.rule("acceptance")), calendar: Self.calendar)
            #expect(clock.dueDate(asOf: Self.date(received)).date == Self.date(due))
        }
    }

    @Test("Scenario 5 (CP-12): dispatched to 城关所 2026-02-12, forward refused, returned 02-13; competent unit receives 02-13, accept_due 2026-03-02")
    func scenario5() throws {
        var c = try Self.registered(received: "2026-02-12", knew: "2026-02-01", by: Self.actor("officer", unit: Self.centre))
        var o: Outcome<ComplaintFacts>
        (c, o) = try Self.take("dispatch", c, by: Self.dispatcher, on: "2026-02-12", ["unit": "CG", "reportBackOn": "2026-02-27"])
        // 城关所's head holds complaint.dispatch too, yet a receiving unit never forwards (CP-12).
        #expect(Self.refusal("dispatch", c, by: Self.head, on: "2026-02-13", ["unit": "NS", "reportBackOn": "2026-02-27"]) == ["complaint.forward.refused"])
        (c, o) = try Self.take("returnItem", c, by: Self.officer, on: "2026-02-13", ["reason": "被投诉人实际经营地在邻县，不属本所管辖"])
        #expect(c.state == "registered")
        #expect(o.move == CaseMove(to: .id(Self.centre), keepReadAccess: false, rule: "CP-12"))
        #expect(o.clocks == [.end(step: "returnNotCompetent", on: Self.date("2026-02-13"))])
        // Back at the centre, which dispatches it again (it could also take it itself, were it competent).
        (c, _) = try Self.take("dispatch", c, by: Self.dispatcher, on: "2026-02-13", ["unit": "LX", "reportBackOn": "2026-03-02"])
        var clocks = ClockRunner(set: ShippedRuleSets.complaintSAMR20)
        (c, o) = try Self.take("receive", c, by: Self.officer, on: "2026-02-13")
        try clocks.apply(o.clocks)
        #expect(clocks.due("acceptance", asOf: "2026-02-13") == Self.date("2026-03-02"))
        #expect(c.facts.dispatches.map(\.unitCode) == ["CG", "LX"])
    }

    // MARK: Bad input

    @Test("Bad input: knew_date after received_at, a platform item without its number, a future receipt")
    func badRegistration() {
        func codes(_ input: ActionInput) -> [String] {
            switch ProcedureEngine.create(ComplaintProcedure.self, input: input, context: Self.context(Self.officer, "2025-09-10")) {
            case .success: []
            case let .failure(r): r.violations.map(\.code)
            }
        }
        #expect(codes(Self.registration(received: "2025-09-01", knew: "2025-09-02")) == ["complaint.knew.after-received"])
        #expect(codes(Self.registration(received: "2025-09-01", externalNo: nil)) == ["complaint.external-no.required"])
        #expect(codes(Self.registration(received: "2025-09-01", channel: "window", externalNo: nil)).isEmpty)
        #expect(codes(Self.registration(received: "2025-09-11")) == ["complaint.received.future"])
    }

    @Test("Bad input: 不予受理 without a ground (CP-15); mediation without both consents (CP-16); a 调解书 without both signatures (CP-23); overlapping pauses (CP-20)")
    func badSteps() throws {
        var c = try Self.registered(received: "2025-09-01")
        (c, _) = try Self.take("receive", c, by: Self.officer, on: "2025-09-01")
        #expect(Self.refusal("proposeDecision", c, by: Self.officer, on: "2025-09-02", ["decision": "reject"]) == ["complaint.ground.required"])
        (c, _) = try Self.take("proposeDecision", c, by: Self.officer, on: "2025-09-02", ["decision": "accept"])
        (c, _) = try Self.take("approveDecision", c, by: Self.head, on: "2025-09-03", ["verdict": "approve"])
        #expect(Self.refusal("recordOutcome", c, by: Self.officer, on: "2025-09-10", ["outcome": "performed"]) == ["complaint.consent.missing"])
        // A withdrawal needs no consent; it needs the acceptance decision served, as every conclusion does (DOC-40).
        let accepted = Self.doc("CP-ACCEPT", issued: "2025-09-03", served: "2025-09-04")
        #expect(Self.refusal("recordOutcome", c, by: Self.officer, on: "2025-09-10", ["outcome": "withdrawn"], documents: [accepted]).isEmpty)
        (c, _) = try Self.take("recordConsents", c, by: Self.officer, on: "2025-09-04", ["complainantConsentOn": "2025-09-04"])
        #expect(!c.facts.consented)
        (c, _) = try Self.take("recordConsents", c, by: Self.officer, on: "2025-09-05", ["respondentConsentOn": "2025-09-05"])
        #expect(c.facts.consented)
        #expect(Self.refusal("recordOutcome", c, by: Self.officer, on: "2025-09-10", ["outcome": "agreement", "complainantSigned": "on"])
            == ["complaint.agreement.unsigned"])
        #expect(Self.refusal("recordOutcome", c, by: Self.officer, on: "2025-09-10",
                             ["outcome": "agreement", "complainantSigned": "on", "respondentSigned": "on", "recovered": "12.345"]) == ["input.money.invalid"])
        (c, _) = try Self.take("pauseMediation", c, by: Self.officer, on: "2025-09-15", ["reason": "testing", "from": "2025-09-15"])
        (c, _) = try Self.take("resumeMediation", c, by: Self.officer, on: "2025-09-20", ["to": "2025-09-19"])
        #expect(Self.refusal("pauseMediation", c, by: Self.officer, on: "2025-09-22", ["reason": "recusal", "from": "2025-09-19"]) == ["complaint.pause.overlap"])
        let (done, o) = try Self.take("recordOutcome", c, by: Self.officer, on: "2025-09-24",
                                      ["outcome": "agreement", "complainantSigned": "on", "respondentSigned": "on", "recovered": "1280.5"],
                                      documents: [accepted, Self.doc("CP-AGREEMENT", issued: "2025-09-24")])
        #expect(done.state == "concluded")
        #expect(done.facts.ending?.recoveredFen == 128_050)
        #expect(o.clocks == [.end(step: "mediation", on: Self.date("2025-09-24"))])
    }

    @Test("Scenario 9 (CP-06): a joint complaint with two representatives is registered; a third representative is refused — as are representatives without a joint complaint and a joint complaint without the complainants' consent")
    func jointComplaint() throws {
        func codes(_ extra: [String: [String]]) -> [String] {
            var v = Self.registration(received: "2025-09-01").values
            v.merge(extra) { $1 }
            switch ProcedureEngine.create(ComplaintProcedure.self, input: ActionInput(v), context: Self.context(Self.officer, "2025-09-10")) {
            case .success: return []
            case let .failure(r): return r.violations.map(\.code)
            }
        }
        let joint = ["otherComplainants": ["李二\n王三\n赵四"], "jointConsent": ["on"]]
        #expect(codes(joint.merging(["representatives": ["李二\n王三"]]) { $1 }).isEmpty)
        #expect(codes(joint.merging(["representatives": ["李二\n王三\n赵四"]]) { $1 }) == ["complaint.representatives.too-many"])
        #expect(codes(["representatives": ["李二"]]) == ["complaint.representatives.not-joint"])
        #expect(codes(["otherComplainants": ["李二"]]) == ["complaint.joint.consent"])
        let opened = try ProcedureEngine.create(ComplaintProcedure.self, input: ActionInput(Self.registration(received: "2025-09-01").values
            .merging(joint.merging(["representatives": ["李二\n王三"]]) { $1 }) { $1 }), context: Self.context(Self.officer, "2025-09-10")).get()
        #expect(opened.facts.representation.representatives == ["李二", "王三"])
        #expect(opened.facts.representation.otherComplainants.count == 3)
    }

    @Test("CP-05: an agent needs a valid ID number and the original power of attorney; only the masked number is kept (X-09)")
    func agent() throws {
        func create(_ extra: [String: String]) -> Result<Opened<ComplaintFacts>, Refusal> {
            var v = Self.registration(received: "2025-09-01").values
            v.merge(extra.mapValues { [$0] }) { $1 }
            return ProcedureEngine.create(ComplaintProcedure.self, input: ActionInput(v), context: Self.context(Self.officer, "2025-09-10"))
        }
        let codes = { (r: Result<Opened<ComplaintFacts>, Refusal>) -> [String] in
            if case let .failure(f) = r { return f.violations.map(\.code) } else { return [] }
        }
        #expect(codes(create(["agentName": "钱律师", "agentIDNumber": "110105194912310021", "poaOriginal": "on"])) == ["complaint.agent.id"])
        #expect(codes(create(["agentName": "钱律师", "agentIDNumber": "11010519491231002X"])) == ["complaint.agent.poa"])
        let ok = try create(["agentName": "钱律师", "agentIDNumber": "11010519491231002X", "poaOriginal": "on"]).get()
        #expect(ok.facts.representation.agent?.idNumberMasked.contains("*") == true)
        #expect(!String(describing: ok.facts).contains("11010519491231002X"))
    }

    // MARK: Transition × role

    @Test("Transition × role (complaints.md roles): who may take each step, written out by hand")
    func roles() {
        let table: [(key: String, allowed: Set<String>)] = [
            ("register", ["officer", "unit-head", "petition-officer", "complaint-registrar", "complaint-dispatcher", "complaint-liaison"]),
            ("dispatch", ["unit-head", "complaint-dispatcher"]),
            ("returnItem", ["officer", "unit-head", "petition-officer", "delegated-mediator"]),
            ("receive", ["officer", "unit-head", "petition-officer", "delegated-mediator"]),
            ("proposeDecision", ["officer", "unit-head", "petition-officer", "delegated-mediator"]),
            ("approveDecision", ["unit-head"]),
            ("recordOutcome", ["officer", "unit-head", "petition-officer", "delegated-mediator"]),
            ("decideTermination", ["unit-head"]),
            ("serveTermination", ["officer", "unit-head", "petition-officer", "delegated-mediator"]),
            ("reopen", ["unit-head"]),
            // CP-17, CP-18: the delegate may take the mediation's steps (never a delegation: refused by rule, not by permission).
            ("delegateMediation", ["officer", "unit-head", "petition-officer", "delegated-mediator"]),
            ("holdMediation", ["officer", "unit-head", "petition-officer", "delegated-mediator"]),
            // CP-17: the handler withdraws a delegation, or the delegate gives it back.
            ("withdrawDelegation", ["officer", "unit-head", "petition-officer", "delegated-mediator"]),
            // CP-42: the receiving unit disputes and agrees; the superior's dispatcher or head decides.
            ("raiseDispute", ["officer", "unit-head", "petition-officer", "delegated-mediator"]),
            ("agreeJurisdiction", ["officer", "unit-head", "petition-officer", "delegated-mediator", "complaint-dispatcher"]),
            ("decideJurisdiction", ["unit-head", "complaint-dispatcher"]),
            // CP-42 CAL-43: taken by the system alone when the 7 working days run out (the permission only names the step's holder).
            ("referDispute", ["unit-head", "complaint-dispatcher"]),
        ]
        for (key, allowed) in table {
            let spec = key == "register" ? ComplaintProcedure.creation : ComplaintProcedure.transition(key)
            for role in ShippedRoles.all {
                let may = spec.map { $0.permissions.contains(where: role.permissions.contains) } ?? false
                #expect(may == allowed.contains(role.code), "\(key) × \(role.code)")
            }
        }
    }
}
