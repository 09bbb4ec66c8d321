import Foundation
import Testing
@testable import FengqiaoCore

private func day(_ iso: String) -> LocalDate {
    guard let d = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return d
}

/// CP-03: the legal department activates SAMR-121 (complaints.md scenario 4, second half) — pure.
@Suite("Rule-set activation (CP-02, CP-03)")
struct RuleSetActivationTests {
    let cal = WorkCalendar.shipped
    let samr20 = ShippedRuleSets.complaintSAMR20
    let samr121 = ShippedRuleSets.complaintSAMR121

    /// Every step of SAMR-121 confirmed at its shipped value with a verified citation, `acceptance` at `acceptWD`.
    func values(acceptWD: Int, citation: String? = nil) -> [String: RuleSetEditing.StepEdit] {
        var out: [String: RuleSetEditing.StepEdit] = [:]
        for (step, r) in samr121.rules {
            out[step] = .init(count: step == "acceptance" ? acceptWD : r.count, unit: r.unit, roll: r.roll, maxExtension: r.maxExtension,
                              citation: citation ?? "《市场监督管理投诉举报处理办法》（总局令第121号）第\(step.count)条")
        }
        return out
    }

    /// A clock received 2026-04-15 under SAMR-121 (scenario 4), open.
    func acceptance121() throws -> RuleSetActivation.BoundClock {
        let clock = try Clock(start: day("2026-04-15"), rule: #require(samr121.rule("acceptance")), calendar: cal)
        return .init(id: UUID(), caseID: UUID(), step: "acceptance", clock: clock, storedDue: clock.dueDate(asOf: day("2026-04-16")).date, isOpen: true)
    }

    @Test("CP-03 activation makes an active version confirming SAMR-121: same label and effective date, the values and citations confirmed")
    func activationVersion() throws {
        let confirmed = try RuleSetActivation.activate(samr121, versions: [samr20, samr121], values: values(acceptWD: 7), citation: "总局令第121号（已核实）").get()
        #expect(confirmed.version == 3)
        #expect(confirmed.confirms == 2)
        #expect(confirmed.status == .active)
        #expect(!confirmed.isUnconfirmed)
        #expect(confirmed.label == "SAMR-121")
        #expect(confirmed.effectiveFrom == day("2026-04-15"))
        #expect(confirmed.rule("acceptance")?.citation.contains("第121号") == true)
        // CAL-21: from 2026-04-15 the book answers with the confirmed version; 04-14 still SAMR-20.
        let book = RuleBook([samr20, samr121, confirmed])
        #expect(book.inForce("complaint", on: day("2026-04-15"))?.version == 3)
        #expect(book.inForce("complaint", on: day("2026-04-14"))?.label == "SAMR-20")
        #expect(book.confirmation(of: samr121)?.version == 3)
    }

    @Test("CP-03 activation without a citation for each parameter is refused, naming each field, the rule and a stable code")
    func citationRequired() throws {
        var v = values(acceptWD: 7)
        v["acceptance"]?.citation = "  "
        v["mediation"]?.citation = "办法（待核实）第二十一条"
        v.removeValue(forKey: "reporterNotice")
        let refusal = try #require(RuleSetActivation.activate(samr121, versions: [samr20, samr121], values: v, citation: "").failure)
        #expect(refusal.kind == .invalid)
        let byField = Dictionary(uniqueKeysWithValues: refusal.fields.map { ($0.field, $0) })
        #expect(byField["acceptance.citation"]?.code == "ruleset.activate.citation.required")
        #expect(byField["acceptance.citation"]?.rule == "CP-03")
        #expect(byField["acceptance.citation"]?.messageZH.contains("依据") == true)
        #expect(byField["mediation.citation"]?.code == "ruleset.activate.citation.unverified")
        #expect(byField["reporterNotice.count"]?.code == "ruleset.activate.value.required")
        #expect(byField["citation"]?.code == "ruleset.activate.citation.required")
    }

    @Test("CP-03 only an unconfirmed version not yet confirmed may be activated")
    func onlyUnconfirmed() throws {
        let active = try #require(RuleSetActivation.activate(samr20, versions: [samr20, samr121], values: values(acceptWD: 7), citation: "x").failure)
        #expect(active.code == "ruleset.activate.not-unconfirmed")
        let confirmed = try RuleSetActivation.activate(samr121, versions: [samr20, samr121], values: values(acceptWD: 7), citation: "总局令第121号").get()
        let again = try #require(RuleSetActivation.activate(samr121, versions: [samr20, samr121, confirmed], values: values(acceptWD: 7), citation: "总局令第121号").failure)
        #expect(again.code == "ruleset.activate.already")
    }

    @Test("CP-03 a later version in force is not displaced: the confirmed version ends the day before it")
    func laterVersionKept() throws {
        var later = samr121
        later.version = 3
        later.status = .active
        later.effectiveFrom = day("2026-06-01")
        let confirmed = try RuleSetActivation.activate(samr121, versions: [samr20, samr121, later], values: values(acceptWD: 7), citation: "总局令第121号").get()
        #expect(confirmed.version == 4)
        #expect(confirmed.effectiveTo == day("2026-05-31"))
        #expect(RuleBook([samr20, samr121, later, confirmed]).inForce("complaint", on: day("2026-06-02"))?.version == 3)
    }

    @Test("Scenario 4 CP-03: activation with accept_wd 7 keeps 2026-04-24 and only clears the flag; with 8 the due date moves to the next working day after 04-24")
    func scenario4Recompute() throws {
        let bound = try acceptance121()
        #expect(bound.storedDue == day("2026-04-24"))
        let today = day("2026-04-16")

        // accept_wd 7: the same date, re-bound to the confirmed version, not a recomputation
        let seven = try RuleSetActivation.activate(samr121, versions: [samr20, samr121], values: values(acceptWD: 7), citation: "总局令第121号").get()
        let same = try #require(RuleSetActivation.changes([bound], from: samr121, to: seven, today: today).first)
        #expect(same.newDue == day("2026-04-24"))
        #expect(!same.moved)
        #expect(!same.recomputed)
        #expect(same.oldRuleSet == "complaint@2")
        #expect(same.newRuleSet == "complaint@3")

        // accept_wd 8: one more working day counted on the calendar — the first working day after 04-24
        let eight = try RuleSetActivation.activate(samr121, versions: [samr20, samr121], values: values(acceptWD: 8), citation: "总局令第121号").get()
        let moved = try #require(RuleSetActivation.changes([bound], from: samr121, to: eight, today: today).first)
        var expected = day("2026-04-24").adding(days: 1)
        while !cal.isWorkday(expected) { expected = expected.adding(days: 1) }
        #expect(moved.newDue == expected)
        #expect(moved.newDue == day("2026-04-27"))  // Sat 04-25 and Sun 04-26 are rest days in 2026
        #expect(moved.oldDue == day("2026-04-24"))
        #expect(moved.recomputed && moved.moved)
        #expect(moved.newRule.count == 8)
        #expect(moved.calendarRevision == cal.revision)
    }

    @Test("CP-03 a finished clock keeps the rule and date it was measured against; only the flag goes (CAL-33)")
    func endedClockKept() throws {
        let open = try acceptance121()
        let ended = RuleSetActivation.BoundClock(id: UUID(), caseID: open.caseID, step: "acceptance", clock: open.clock, storedDue: open.storedDue, isOpen: false)
        let eight = try RuleSetActivation.activate(samr121, versions: [samr20, samr121], values: values(acceptWD: 8), citation: "总局令第121号").get()
        let change = try #require(RuleSetActivation.changes([ended], from: samr121, to: eight, today: day("2026-04-20")).first)
        #expect(change.newDue == day("2026-04-24"))
        #expect(change.newRuleSet == "complaint@2")
        #expect(!change.recomputed)
    }

    @Test("CP-03 a suspended clock is recounted with its suspension kept (CAL-31)")
    func suspendedClockRecounted() throws {
        let rule = try #require(samr121.rule("acceptance"))
        // 04-20…04-21 suspended (two working days): 7 workdays from 04-15 → 04-28; with 8 → 04-29.
        let clock = Clock(restoring: day("2026-04-15"), rule: rule, calendar: cal,
                          suspensions: [Suspension(from: day("2026-04-20"), to: day("2026-04-21"), ground: "补正材料", approver: "王所长")],
                          extensions: [], cancelledOn: nil)
        let stored = clock.dueDate(asOf: day("2026-04-22")).date
        #expect(stored == day("2026-04-28"))
        let eight = try RuleSetActivation.activate(samr121, versions: [samr20, samr121], values: values(acceptWD: 8), citation: "总局令第121号").get()
        let change = try #require(RuleSetActivation.changes([.init(id: UUID(), caseID: UUID(), step: "acceptance", clock: clock, storedDue: stored, isOpen: true)],
                                                            from: samr121, to: eight, today: day("2026-04-22")).first)
        #expect(change.newDue == day("2026-04-29"))
    }
}

extension Result {
    var failure: Failure? {
        if case let .failure(e) = self { return e }
        return nil
    }
}
