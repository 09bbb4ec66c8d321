@testable import FengqiaoCore
import Foundation
import Testing

/// interview.md: the acceptance scenarios (with their dates), the IV rules and the transition × role
/// table — on the pure procedure, no database.
@Suite("Interview procedure (IV-*)")
struct InterviewProcedureTests {
    // MARK: Fixture

    static let unit = UUID()
    static let party = UUID()
    static let calendar = WorkCalendar.shipped
    static let rules = ShippedRuleSets.interview

    static func actor(_ role: Role, id: UUID = UUID(), name: String = "测试") -> Actor {
        Actor(userID: id, login: role.code, name: name, unitID: unit, permissions: role.permissions, roleCodes: [role.code], visibleUnits: nil)
    }

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    /// Two qualified interviewers (one also legal-review qualified) and a third without qualification.
    static let wang = PersonFact(id: UUID(), name: "王约谈", unitID: unit, qualifications: [
        QualificationFact(kind: "interviewer", obtainedOn: date("2024-01-01"), expiresOn: date("2027-12-31")),
        QualificationFact(kind: "legal-review", obtainedOn: date("2024-01-01"), expiresOn: nil),
    ])
    static let li = PersonFact(id: UUID(), name: "李约谈", unitID: unit, qualifications: [
        QualificationFact(kind: "interviewer", obtainedOn: date("2024-01-01"), expiresOn: date("2025-10-31")),
    ])
    static let zhao = PersonFact(id: UUID(), name: "赵无证", unitID: unit, qualifications: [])
    static let people = Dictionary(uniqueKeysWithValues: [wang, li, zhao].map { ($0.id, $0) })

    static func context(_ actor: Actor, today: String, history: [PriorCase] = [], documents: [DocumentFact] = [],
                        people: [UUID: PersonFact] = people) -> ProcedureContext {
        ProcedureContext(actor: actor, today: date(today), calendar: calendar, people: people, partyHistory: history, documents: documents,
                         partyNames: [party: "江城市中村便民超市"])
    }

    static func due(_ effect: ClockEffect?) -> LocalDate? {
        guard case let .start(step, on)? = effect, let rule = rules.rule(step) else { return nil }
        return rule.due(from: on, in: calendar).date
    }

    static func started(_ clocks: [ClockEffect], _ step: String) -> ClockEffect? {
        clocks.first { if case let .start(s, _) = $0 { return s == step } else { return false } }
    }

    static let clueInput = ActionInput(single: ["partyID": party.uuidString, "title": "中村便民超市消防器材缺失", "source": "inspection",
                                                "description": "日常检查发现灭火器缺失"])

    static let verifyInput = ActionInput(single: ["facts": "经营场所灭火器缺失2具", "evidence": "现场检查笔录\n现场照片3张", "provisions": "《消防法》第十六条",
                                                  "ground": "first-minor", "category": "fire-equipment", "necessity": "初次违法，危害轻微",
                                                  "notSerious": "on"])

    static func facts(verifiedBy proposer: UUID, category: String = "fire-equipment") -> InterviewFacts {
        var f = InterviewFacts(partyID: party, partyName: "江城市中村便民超市",
                               clue: .init(source: .inspection, description: "灭火器缺失", discoveredOn: date("2025-08-20"), recordedBy: proposer))
        f.verification = .init(facts: "经营场所灭火器缺失2具", evidence: ["现场检查笔录"], provisions: "《消防法》第十六条", ground: .firstMinor,
                               category: category, categoryNote: nil, necessity: "初次违法", majorReasons: [], urgent: false,
                               submittedOn: date("2025-08-21"), by: proposer)
        return f
    }

    static func kase(_ state: String, _ f: InterviewFacts, gravity: Gravity = .ordinary) -> ProcedureCase<InterviewFacts> {
        ProcedureCase(id: UUID(), unitID: unit, state: state, gravity: gravity, partyIDs: [party], handlerID: nil, openedOn: date("2025-08-20"), facts: f)
    }

    static func holdInput(heldOn: String, deadline: String, signature: String = "signed", witnesses: String = "") -> ActionInput {
        ActionInput(single: ["heldOn": heldOn, "mode": "on-site", "recorder": "李约谈", "findings": "灭火器缺失2具", "statement": "承认并承诺整改",
                             "items": "配齐灭火器\n建立消防检查制度\n组织员工消防培训", "deadline": deadline,
                             "certificatesShown": "on", "purposeStated": "on", "rightsInformed": "on", "refusalConsequenceInformed": "on",
                             "signature": signature, "witnesses": witnesses])
    }

    func refused<F>(_ r: Result<Outcome<F>, Refusal>) -> Refusal? {
        if case let .failure(refusal) = r { return refusal }
        return nil
    }

    func outcome<F>(_ r: Result<Outcome<F>, Refusal>) -> Outcome<F>? {
        if case let .success(o) = r { return o }
        return nil
    }

    // MARK: Acceptance scenarios

    @Test("Scenario 1: clue recorded Tue 2025-09-30 → verification due 2025-10-11 (the make-up Saturday)")
    func scenario1() throws {
        // setup
        let officer = Self.actor(ShippedRoles.officer)
        // act
        let created = ProcedureEngine.create(InterviewProcedure.self, input: Self.clueInput, context: Self.context(officer, today: "2025-09-30"))
        // check
        guard case let .success(c) = created else { Issue.record("refused: \(created)"); return }
        #expect(Self.due(Self.started(c.clocks, "verification")) == Self.date("2025-10-11"))
        // §5.3: the 15-working-day start timeliness clock runs from the clue as well.
        #expect(Self.due(Self.started(c.clocks, "startTimeliness")) == Self.date("2025-10-28"))
        #expect(c.facts.clue.recordedBy == officer.userID)
        #expect(c.title == "中村便民超市消防器材缺失")
    }

    @Test("Scenario 2: ordinary case approved Fri 2026-02-13 → notice due 2026-02-24")
    func scenario2() throws {
        // setup
        let proposer = UUID(), reviewer = UUID()
        var f = Self.facts(verifiedBy: proposer)
        f.reviews = [.init(by: reviewer, on: Self.date("2026-02-12"), passed: true, opinion: "同意")]
        let deputy = Self.actor(ShippedRoles.deputyLeader)
        // act
        let r = ProcedureEngine.perform(InterviewProcedure.self, "approve", on: Self.kase("approval", f),
                                        input: ActionInput(single: ["decision": "approve", "opinion": "同意约谈"]),
                                        context: Self.context(deputy, today: "2026-02-13"))
        // check
        let o = try #require(outcome(r))
        #expect(o.state == "notice")
        #expect(o.clocks.contains(.end(step: "approval", on: Self.date("2026-02-13"))))
        #expect(Self.due(Self.started(o.clocks, "notice")) == Self.date("2026-02-24"))
    }

    @Test("Scenario 3 / IV-03 (2): a party interviewed in 2025 for 消防器材缺失 is blocked at verification in 2026, the earlier case named; IV-04 hand-off offered")
    func scenario3() throws {
        // setup
        let officer = Self.actor(ShippedRoles.officer)
        let earlier = PriorCase(id: UUID(), reference: "中村所约〔2025〕3号", caseType: "interview", category: "fire-equipment", state: "passed",
                                openedOn: Self.date("2025-05-06"), concluded: true)
        let otherKind = PriorCase(id: UUID(), reference: "中村所约〔2025〕9号", caseType: "interview", category: "price", state: "passed",
                                  openedOn: Self.date("2025-07-01"), concluded: true)
        var f = Self.facts(verifiedBy: officer.userID)
        f.verification = nil
        let c = Self.kase("clue", f)
        let ctx = Self.context(officer, today: "2026-03-10", history: [earlier, otherKind])
        // act
        let r = ProcedureEngine.perform(InterviewProcedure.self, "verify", on: c, input: Self.verifyInput, context: ctx)
        // check: refused with IV-03, the earlier case of the same kind shown, not the other kind
        let refusal = try #require(refused(r))
        let repeatError = try #require(refusal.violations.first { $0.code == "interview.excluded.repeat" })
        #expect(repeatError.rule == "IV-03")
        #expect(repeatError.messageZH.contains("中村所约〔2025〕3号"))
        #expect(!repeatError.messageZH.contains("中村所约〔2025〕9号"))
        // a different category is not excluded
        var price = Self.verifyInput
        price.values["category"] = ["food"]
        #expect(outcome(ProcedureEngine.perform(InterviewProcedure.self, "verify", on: c, input: price, context: ctx)) != nil)
        // IV-04: the hand-off is offered from the clue and carries the clue
        let offered = ProcedureEngine.available(InterviewProcedure.self, on: c, context: ctx).map(\.transition.key)
        #expect(offered.contains("handToPenalty"))
        let handed = try #require(outcome(ProcedureEngine.perform(InterviewProcedure.self, "handToPenalty", on: c,
                                                                  input: ActionInput(single: ["reason": "同类违法再犯，不适用约谈（IV-03）"]), context: ctx)))
        #expect(handed.state == "handedOver")
        #expect(handed.linked.first?.caseType == "penalty")
        #expect(handed.linked.first?.prefill["IV-PENALTY-NOTICE"]?["party.name"] == "江城市中村便民超市")
    }

    @Test("Scenario 4 / IV-17 / CAL-14: interview 2025-09-10, deadline 2025-10-10 → report due 2025-09-29; a 35-day period is refused")
    func scenario4() throws {
        // setup
        var f = Self.facts(verifiedBy: UUID())
        f.interviewers = [Self.wang.id, Self.li.id]
        let c = Self.kase("interview", f)
        let ctx = Self.context(Self.actor(ShippedRoles.officer, id: Self.wang.id), today: "2025-09-10")
        // act
        let ok = try #require(outcome(ProcedureEngine.perform(InterviewProcedure.self, "holdInterview", on: c,
                                                              input: Self.holdInput(heldOn: "2025-09-10", deadline: "2025-10-10"), context: ctx)))
        let tooLong = try #require(refused(ProcedureEngine.perform(InterviewProcedure.self, "holdInterview", on: c,
                                                                   input: Self.holdInput(heldOn: "2025-09-10", deadline: "2025-10-15"), context: ctx)))
        // check
        #expect(ok.state == "rectification")
        #expect(Self.due(Self.started(ok.clocks, "rectificationReport")) == Self.date("2025-09-29"))
        #expect(ok.facts.record?.items.count == 3)
        #expect(tooLong.violations.map(\.rule) == ["IV-17"])
        #expect(tooLong.violations.first?.field == "deadline")
        // exactly 30 days is allowed
        #expect(outcome(ProcedureEngine.perform(InterviewProcedure.self, "holdInterview", on: c,
                                                input: Self.holdInput(heldOn: "2025-09-10", deadline: "2025-10-10"), context: ctx)) != nil)
    }

    @Test("Scenario 5 / IV-14: the party refuses to sign — not final until two witnesses sign")
    func scenario5() throws {
        var f = Self.facts(verifiedBy: UUID())
        f.interviewers = [Self.wang.id, Self.li.id]
        let c = Self.kase("interview", f)
        let ctx = Self.context(Self.actor(ShippedRoles.officer, id: Self.wang.id), today: "2025-09-10")
        let none = try #require(refused(ProcedureEngine.perform(InterviewProcedure.self, "holdInterview", on: c,
                                                                input: Self.holdInput(heldOn: "2025-09-10", deadline: "2025-10-10", signature: "refused"),
                                                                context: ctx)))
        #expect(none.violations.map(\.rule) == ["IV-14"])
        let one = try #require(refused(ProcedureEngine.perform(InterviewProcedure.self, "holdInterview", on: c,
                                                               input: Self.holdInput(heldOn: "2025-09-10", deadline: "2025-10-10", signature: "refused",
                                                                                     witnesses: "张见证"), context: ctx)))
        #expect(one.violations.map(\.rule) == ["IV-14"])
        let two = try #require(outcome(ProcedureEngine.perform(InterviewProcedure.self, "holdInterview", on: c,
                                                               input: Self.holdInput(heldOn: "2025-09-10", deadline: "2025-10-10", signature: "refused",
                                                                                     witnesses: "张见证\n刘见证"), context: ctx)))
        #expect(two.facts.record?.partySigned == false)
        #expect(two.facts.record?.witnesses == ["张见证", "刘见证"])
    }

    @Test("Scenario 6 / IV-11: the legal reviewer of the case may not approve it; nor may the proposer review or approve")
    func scenario6() throws {
        // setup: a user holding both legal review and approval (a custom role) reviewed the case
        let both = Role(code: "legal-and-deputy", nameZH: "法制兼分管", permissions: [.legalReview, .interviewApproveOrdinary, .caseRead],
                        defaultScope: .all)
        let reviewerID = UUID(), proposerID = UUID()
        var f = Self.facts(verifiedBy: proposerID)
        f.reviews = [.init(by: reviewerID, on: Self.date("2025-08-22"), passed: true, opinion: "同意")]
        let input = ActionInput(single: ["decision": "approve", "opinion": "同意"])
        // act
        let r = ProcedureEngine.perform(InterviewProcedure.self, "approve", on: Self.kase("approval", f), input: input,
                                        context: Self.context(Self.actor(both, id: reviewerID), today: "2025-08-25"))
        // check
        let refusal = try #require(refused(r))
        #expect(refusal.violations.map(\.code) == ["interview.approve.reviewer"])
        #expect(refusal.rules == ["IV-11"])
        // the proposer cannot review
        let selfReview = ProcedureEngine.perform(InterviewProcedure.self, "review", on: Self.kase("legalReview", f),
                                                 input: ActionInput(single: ["decision": "return", "opinion": "x"]),
                                                 context: Self.context(Self.actor(both, id: proposerID), today: "2025-08-22"))
        #expect(refused(selfReview)?.rules == ["IV-11"])
        // another deputy leader may approve
        #expect(outcome(ProcedureEngine.perform(InterviewProcedure.self, "approve", on: Self.kase("approval", f), input: input,
                                                context: Self.context(Self.actor(ShippedRoles.deputyLeader), today: "2025-08-25"))) != nil)
    }

    @Test("Scenario 7 / IV-19: inspection fails one of three items → penalty hand-off, 《行政处罚告知书》 prefilled, the record attached")
    func scenario7() throws {
        // setup
        var f = Self.facts(verifiedBy: UUID())
        f.interviewers = [Self.wang.id, Self.li.id]
        f.record = .init(heldOn: Self.date("2025-09-10"), mode: .onSite, interviewers: f.interviewers, recorder: "李约谈", agent: nil, experts: [],
                         findings: "灭火器缺失", statement: "承诺整改", items: ["配齐灭火器", "建立消防检查制度", "组织员工消防培训"],
                         deadline: Self.date("2025-10-10"), partySigned: true, witnesses: [])
        let docs = [DocumentFact(id: UUID(), templateCode: "IV-RECORD", number: "中村所约录〔2025〕4号", issuedOn: Self.date("2025-09-10"), void: false,
                                 servedOn: nil),
                    DocumentFact(id: UUID(), templateCode: "IV-RECTIFY", number: "中村所整改〔2025〕4号", issuedOn: Self.date("2025-09-10"), void: false,
                                 servedOn: Self.date("2025-09-10"))]
        let ctx = Self.context(Self.actor(ShippedRoles.officer, id: Self.wang.id), today: "2025-10-14", documents: docs)
        // act
        let r = ProcedureEngine.perform(InterviewProcedure.self, "inspect", on: Self.kase("inspection", f), input: ActionInput([
            "on": ["2025-10-14"], "inspectors": [Self.wang.id.uuidString, Self.li.id.uuidString],
            "results": ["合格 已配齐", "不合格 未建立制度", "合格 已培训"],
        ]), context: ctx)
        // check
        let o = try #require(outcome(r))
        #expect(o.state == "handedOver")
        #expect(o.closedOn == Self.date("2025-10-14"))
        #expect(o.facts.inspection?.results == [true, false, true])
        let penalty = try #require(o.linked.first)
        #expect(penalty.caseType == "penalty")
        #expect(penalty.evidence == ["IV-RECORD"])
        let prefill = try #require(penalty.prefill["IV-PENALTY-NOTICE"])
        #expect(prefill["record.number"] == "中村所约录〔2025〕4号")
        #expect(prefill["rectify.noticeNumber"] == "中村所整改〔2025〕4号")
        #expect(prefill["interview.date"] == "2025年9月10日")
        #expect(prefill["penalty.failure"]?.contains("第2项") == true)
        #expect(prefill["inspection.date"] == "2025年10月14日")
    }

    // MARK: Rules

    @Test("IV-19: one inspector, or a missing conclusion, is refused with every fault listed")
    func inspectionRules() throws {
        var f = Self.facts(verifiedBy: UUID())
        f.record = .init(heldOn: Self.date("2025-09-10"), mode: .onSite, interviewers: [], recorder: "李", agent: nil, experts: [], findings: "x",
                         statement: "x", items: ["一", "二"], deadline: Self.date("2025-10-10"), partySigned: true, witnesses: [])
        let r = ProcedureEngine.perform(InterviewProcedure.self, "inspect", on: Self.kase("inspection", f), input: ActionInput([
            "on": ["2025-10-14"], "inspectors": [Self.wang.id.uuidString], "results": ["合格"],
        ]), context: Self.context(Self.actor(ShippedRoles.officer), today: "2025-10-14"))
        let refusal = try #require(refused(r))
        #expect(refusal.violations.map(\.code) == ["interview.inspection.two", "interview.inspection.per-item"])
    }

    @Test("IV-12: two interviewers, both qualified on the date, one with legal review, no conflict")
    func interviewerRules() throws {
        let head = Self.actor(ShippedRoles.unitHead)
        let c = Self.kase("notice", Self.facts(verifiedBy: UUID()))
        func assign(_ ids: [UUID], today: String = "2025-09-01", people: [UUID: PersonFact] = Self.people) -> Result<Outcome<InterviewFacts>, Refusal> {
            ProcedureEngine.perform(InterviewProcedure.self, "assign", on: c, input: ActionInput([
                "interviewers": ids.map(\.uuidString), "tracker": [Self.li.id.uuidString],
            ]), context: Self.context(head, today: today, people: people))
        }
        #expect(outcome(assign([Self.wang.id, Self.li.id])) != nil)
        #expect(refused(assign([Self.wang.id]))?.violations.map(\.code) == ["interview.interviewers.two"])
        #expect(refused(assign([Self.wang.id, Self.zhao.id]))?.violations.map(\.code) == ["interview.interviewer.unqualified"])
        // 李's qualification expires 2025-10-31: on 2025-11-03 it is no longer valid
        #expect(refused(assign([Self.wang.id, Self.li.id], today: "2025-11-03"))?.violations.map(\.code) == ["interview.interviewer.unqualified"])
        // neither holds legal-review
        let li2 = PersonFact(id: UUID(), name: "李二", unitID: Self.unit, qualifications: Self.li.qualifications)
        var people = Self.people
        people[li2.id] = li2
        #expect(refused(assign([Self.li.id, li2.id], people: people))?.violations.map(\.code) == ["interview.interviewers.legal"])
        // PLT-06: a conflict of interest
        let related = PersonFact(id: Self.wang.id, name: "王约谈", unitID: Self.unit, qualifications: Self.wang.qualifications, conflictParties: [Self.party])
        people[Self.wang.id] = related
        #expect(refused(assign([Self.wang.id, Self.li.id], people: people))?.rules == ["PLT-06"])
    }

    @Test("IV-13: the record cannot be final with any of the four acts unticked")
    func rightsCheckboxes() throws {
        var f = Self.facts(verifiedBy: UUID())
        f.interviewers = [Self.wang.id, Self.li.id]
        var input = Self.holdInput(heldOn: "2025-09-10", deadline: "2025-10-10")
        input.values["rightsInformed"] = nil
        input.values["certificatesShown"] = [""]
        let r = try #require(refused(ProcedureEngine.perform(InterviewProcedure.self, "holdInterview", on: Self.kase("interview", f), input: input,
                                                             context: Self.context(Self.actor(ShippedRoles.officer, id: Self.wang.id), today: "2025-09-10"))))
        #expect(r.violations.map(\.field) == ["certificatesShown", "rightsInformed"])
        #expect(Set(r.rules) == ["IV-13"])
    }

    @Test("IV-03 (1) (3) (4): without the not-serious declaration, or with a required penalty or earlier refusal, verification is refused")
    func exclusions() throws {
        let officer = Self.actor(ShippedRoles.officer)
        var f = Self.facts(verifiedBy: officer.userID)
        f.verification = nil
        var input = Self.verifyInput
        input.values["notSerious"] = nil
        input.values["penaltyRequired"] = ["on"]
        input.values["refusedBefore"] = ["on"]
        let r = try #require(refused(ProcedureEngine.perform(InterviewProcedure.self, "verify", on: Self.kase("clue", f), input: input,
                                                             context: Self.context(officer, today: "2025-09-01"))))
        #expect(r.violations.map(\.code) == ["interview.excluded.serious", "interview.excluded.penalty-required", "interview.excluded.refused"])
    }

    @Test("IV-10: a ticked major reason makes the case major, with the major limits; the deputy leader alone cannot approve it, a collective decision can")
    func majorCases() throws {
        let officer = Self.actor(ShippedRoles.officer)
        var f = Self.facts(verifiedBy: officer.userID)
        f.verification = nil
        var input = Self.verifyInput
        input.values["publicSafety"] = ["on"]
        let v = try #require(outcome(ProcedureEngine.perform(InterviewProcedure.self, "verify", on: Self.kase("clue", f), input: input,
                                                             context: Self.context(officer, today: "2025-09-01"))))
        #expect(v.gravity == .major)
        #expect(InterviewProcedureTests.started(v.clocks, "legalReviewMajor") != nil)
        var reviewed = v.facts
        reviewed.reviews = [.init(by: UUID(), on: Self.date("2025-09-02"), passed: true, opinion: "同意")]
        let c = Self.kase("approval", reviewed, gravity: .major)
        let deputy = Self.actor(ShippedRoles.deputyLeader)
        let alone = ProcedureEngine.perform(InterviewProcedure.self, "approve", on: c, input: ActionInput(single: ["decision": "approve", "opinion": "同意"]),
                                            context: Self.context(deputy, today: "2025-09-03"))
        #expect(refused(alone)?.rules == ["IV-10"])
        let collective = ProcedureEngine.perform(InterviewProcedure.self, "approve", on: c, input: ActionInput([
            "decision": ["approve"], "opinion": ["领导小组会议决定约谈"], "meetingOn": ["2025-09-03"], "members": ["张组长\n赵副组长\n钱委员"],
        ]), context: Self.context(deputy, today: "2025-09-03"))
        let o = try #require(outcome(collective))
        #expect(o.facts.approval?.collective?.members.count == 3)
        #expect(InterviewProcedureTests.started(o.clocks, "notice") != nil)
        #expect(o.clocks.contains(.end(step: "approvalMajor", on: Self.date("2025-09-03"))))
        let chief = Self.actor(ShippedRoles.chiefLeader)
        #expect(outcome(ProcedureEngine.perform(InterviewProcedure.self, "approve", on: c, input: ActionInput(single: ["decision": "approve", "opinion": "同意"]),
                                                context: Self.context(chief, today: "2025-09-03"))) != nil)
    }

    @Test("DOC-31: the notice must be issued and served before the interview clock starts, from the service date")
    func noticeServed() throws {
        var f = Self.facts(verifiedBy: UUID())
        f.interviewers = [Self.wang.id, Self.li.id]
        let c = Self.kase("notice", f)
        let officer = Self.actor(ShippedRoles.officer)
        let input = ActionInput(single: ["scheduledOn": "2025-10-13", "place": "中村所三楼会议室", "mode": "on-site"])
        let missing = refused(ProcedureEngine.perform(InterviewProcedure.self, "serveNotice", on: c, input: input, context: Self.context(officer, today: "2025-10-09")))
        #expect(missing?.violations.map(\.code) == ["document.required"])
        let issued = DocumentFact(id: UUID(), templateCode: "IV-NOTICE", number: "中村所约〔2025〕7号", issuedOn: Self.date("2025-09-30"), void: false, servedOn: nil)
        let unserved = refused(ProcedureEngine.perform(InterviewProcedure.self, "serveNotice", on: c, input: input,
                                                       context: Self.context(officer, today: "2025-10-09", documents: [issued])))
        #expect(unserved?.violations.map(\.code) == ["document.unserved"])
        let served = DocumentFact(id: issued.id, templateCode: "IV-NOTICE", number: issued.number, issuedOn: issued.issuedOn, void: false,
                                  servedOn: Self.date("2025-10-09"))
        let o = try #require(outcome(ProcedureEngine.perform(InterviewProcedure.self, "serveNotice", on: c, input: input,
                                                             context: Self.context(officer, today: "2025-10-09", documents: [served]))))
        // served Thu 2025-10-09 → interview within 5 working days: 10-10, 10-11 (make-up Sat), 10-13, 10-14, 10-15
        #expect(Self.due(Self.started(o.clocks, "interview")) == Self.date("2025-10-15"))
        #expect(o.clocks.contains(.end(step: "notice", on: Self.date("2025-10-09"))))
    }

    @Test("Every refusal lists all unmet conditions at once: wrong state, missing permission and missing input together")
    func allAtOnce() throws {
        let discipline = Self.actor(ShippedRoles.discipline)
        let r = try #require(refused(ProcedureEngine.perform(InterviewProcedure.self, "inspect", on: Self.kase("clue", Self.facts(verifiedBy: UUID())),
                                                             input: ActionInput(), context: Self.context(discipline, today: "2025-10-14"))))
        #expect(r.violations.map(\.code) == ["transition.state", "permission.denied", "input.required", "input.required", "input.required"])
        #expect(r.violations.map(\.rule).prefix(2) == ["IV-19", "PLT-03"])
    }

    @Test("IV-25: a media report starts the 48-hour response clock and tells the leaders; the response ends it; the panel observes major interviews only")
    func mediaAndPanel() throws {
        // setup
        var f = Self.facts(verifiedBy: UUID())
        f.interviewers = [Self.wang.id, Self.li.id]
        let officer = Self.actor(ShippedRoles.officer)
        let ctx = Self.context(officer, today: "2025-09-30")
        // act: reported on Tue 2025-09-30, before the National Day holiday
        let reported = try #require(outcome(ProcedureEngine.perform(InterviewProcedure.self, "recordMediaReport", on: Self.kase("rectification", f),
                                                                    input: ActionInput(single: ["reportedOn": "2025-09-30", "outlet": "江城晚报",
                                                                                                "summary": "整改进展缓慢"]), context: ctx)))
        // check: 48 hours run through the holiday (hours are not working days, CAL-13): due 2025-10-02
        #expect(reported.clocks == [.start(step: "mediaResponse", on: Self.date("2025-09-30"))])
        #expect(Self.due(reported.clocks.first) == Self.date("2025-10-02"))
        #expect(reported.leaderNoticeZH?.contains("48小时") == true)
        #expect(reported.state == "rectification")
        // nothing to answer before a report; answered after one
        #expect(refused(ProcedureEngine.perform(InterviewProcedure.self, "respondMedia", on: Self.kase("rectification", f),
                                                input: ActionInput(single: ["on": "2025-10-01", "response": "已回应"]), context: ctx))?.rules == ["IV-25"])
        let answered = try #require(outcome(ProcedureEngine.perform(InterviewProcedure.self, "respondMedia", on: Self.kase("rectification", reported.facts),
                                                                    input: ActionInput(single: ["on": "2025-10-01", "response": "已书面回应"]), context: ctx)))
        #expect(answered.clocks == [.end(step: "mediaResponse", on: Self.date("2025-10-01"))])
        #expect(answered.facts.mediaReports.first?.respondedOn == Self.date("2025-10-01"))
        // the panel: refused on an ordinary case, recorded on a major one
        let panel = ActionInput(["on": ["2025-09-30"], "observers": ["张代表（人大代表）\n李律师（律师）"], "opinions": ["程序规范"]])
        #expect(refused(ProcedureEngine.perform(InterviewProcedure.self, "recordObservation", on: Self.kase("interview", f), input: panel,
                                                context: ctx))?.rules == ["IV-25"])
        let observed = try #require(outcome(ProcedureEngine.perform(InterviewProcedure.self, "recordObservation", on: Self.kase("interview", f, gravity: .major),
                                                                    input: panel, context: ctx)))
        #expect(observed.facts.observations.first?.observers.count == 2)
    }

    @Test("IV-21: a crime clue is transferred, the case closes and the leaders are told")
    func crimeTransfer() throws {
        let f = Self.facts(verifiedBy: UUID())
        let o = try #require(outcome(ProcedureEngine.perform(InterviewProcedure.self, "transferCrime", on: Self.kase("rectification", f), input: ActionInput(single: [
            "on": "2025-10-09", "authority": "江城市公安局", "summary": "涉嫌销售伪劣产品",
        ]), context: Self.context(Self.actor(ShippedRoles.officer), today: "2025-10-09"))))
        #expect(o.state == "transferred")
        #expect(o.closedOn == Self.date("2025-10-09"))
        #expect(o.leaderNoticeZH?.contains("江城市公安局") == true)
    }

    @Test("IV-24: each score 1–5 with every fault named; averages only over at least three ratings")
    func ratings() throws {
        let dimensions = InterviewProcedure.module.ratingDimensions
        guard case let .failure(e) = Rating.validate(["attitude": "6", "communication": "3"], dimensions: dimensions, rule: "IV-24") else {
            Issue.record("a 6 and a missing score were accepted")
            return
        }
        #expect(e.fields.map(\.field) == ["attitude", "professionalism"])
        #expect(Set(e.fields.map(\.rule)) == ["IV-24"])
        #expect(dimensions.map(\.key) == ["attitude", "professionalism", "communication"])
        let r = [Rating(scores: [5, 4, 3]), Rating(scores: [4, 4, 4])]
        #expect(RatingSummary.of(r) == nil)
        let s = try #require(RatingSummary.of(r + [Rating(scores: [3, 4, 5])]))
        #expect(s.count == 3 && s.means == [4, 4, 4])
    }

    @Test("Stored facts written before a field existed still read: absent fields are empty, not an error")
    func factsEvolve() throws {
        let old = #"{"partyID":"\#(Self.party.uuidString)","partyName":"某超市","clue":{"source":"inspection","description":"x","discoveredOn":"2025-09-30","recordedBy":"\#(UUID().uuidString)"}}"#
        let f = try JSONDecoder().decode(InterviewFacts.self, from: Data(old.utf8))
        #expect(f.partyName == "某超市" && f.reviews.isEmpty && f.mediaReports.isEmpty && f.record == nil)
        let round = try JSONDecoder().decode(InterviewFacts.self, from: try JSONEncoder().encode(Self.facts(verifiedBy: UUID())))
        #expect(round.verification?.category == "fire-equipment")
    }

    // MARK: Transition × role

    /// The expected table, written out from interview.md's roles (not derived from the code): the
    /// shipped roles that may take each transition. Every other role is refused with PLT-03, or
    /// with IV-10 for a major approval.
    static let allowed: [String: Set<String>] = [
        "recordClue": ["officer", "unit-head"],
        "verify": ["officer", "unit-head"],
        "review": ["legal-reviewer"],
        // interview.md step 4: the deputy leader approves an ordinary interview (the unit head does not).
        "approve": ["deputy-leader", "chief-leader"],
        "approveMajor": ["chief-leader"],
        "assign": ["unit-head"],
        "serveNotice": ["officer", "unit-head"],
        "holdInterview": ["officer", "unit-head"],
        "recordAbsence": ["officer", "unit-head"],
        "logContact": ["officer", "unit-head"],
        "receiveReport": ["officer", "unit-head"],
        "inspect": ["officer", "unit-head"],
        "handToPenalty": ["officer", "unit-head"],
        "transferCrime": ["officer", "unit-head"],
        "recordMediaReport": ["officer", "unit-head"],
    ]

    /// A case and valid input for each transition, so only the role decides.
    static func scenario(_ key: String, actorID: UUID) -> (ProcedureCase<InterviewFacts>, ActionInput, String, [DocumentFact]) {
        var f = facts(verifiedBy: UUID())
        f.interviewers = [actorID, li.id]
        f.reviews = [.init(by: UUID(), on: date("2025-08-22"), passed: true, opinion: "同意")]
        f.record = .init(heldOn: date("2025-09-10"), mode: .onSite, interviewers: f.interviewers, recorder: "李", agent: nil, experts: [],
                         findings: "x", statement: "x", items: ["配齐灭火器"], deadline: date("2025-10-10"), partySigned: true, witnesses: [])
        let served = DocumentFact(id: UUID(), templateCode: "IV-NOTICE", number: "中村所约〔2025〕7号", issuedOn: date("2025-09-30"), void: false,
                                  servedOn: date("2025-10-09"))
        // DOC-40: the file a case with a held interview needs before it closes.
        let file = [DocumentFact(id: UUID(), templateCode: "IV-RECORD", number: "中村所约录〔2025〕7号", issuedOn: date("2025-09-10"), void: false,
                                 servedOn: nil),
                    DocumentFact(id: UUID(), templateCode: "IV-RECTIFY", number: "中村所整改〔2025〕7号", issuedOn: date("2025-09-10"), void: false,
                                 servedOn: date("2025-09-10"))]
        switch key {
        case "verify": return (kase("clue", f), verifyInput, "2025-10-20", [])
        case "review": return (kase("legalReview", f), ActionInput(single: ["decision": "return", "opinion": "补充证据"]), "2025-10-20", [])
        case "approve": return (kase("approval", f), ActionInput(single: ["decision": "approve", "opinion": "同意"]), "2025-10-20", [])
        case "approveMajor": return (kase("approval", f, gravity: .major), ActionInput(single: ["decision": "approve", "opinion": "同意"]), "2025-10-20", [])
        case "assign":
            return (kase("notice", f), ActionInput(["interviewers": [wang.id.uuidString, li.id.uuidString], "tracker": [li.id.uuidString]]), "2025-10-20", [])
        case "serveNotice":
            var g = f
            g.interviewers = [wang.id, li.id]
            return (kase("notice", g), ActionInput(single: ["scheduledOn": "2025-10-13", "place": "会议室", "mode": "video"]), "2025-10-09", [served])
        case "holdInterview": return (kase("interview", f), holdInput(heldOn: "2025-10-13", deadline: "2025-11-10"), "2025-10-13", [])
        case "recordAbsence": return (kase("interview", f), ActionInput(single: ["on": "2025-10-13", "reason": "无正当理由未到场"]), "2025-10-13", file)
        case "logContact": return (kase("rectification", f), ActionInput(single: ["on": "2025-10-15", "method": "phone", "progress": "已购买灭火器"]), "2025-10-15", [])
        case "receiveReport": return (kase("rectification", f), ActionInput(single: ["receivedOn": "2025-10-20", "summary": "已整改"]), "2025-10-20", [])
        case "inspect":
            return (kase("inspection", f), ActionInput(["on": ["2025-10-22"], "inspectors": [wang.id.uuidString, li.id.uuidString], "results": ["合格"]]),
                    "2025-10-22", file)
        case "handToPenalty": return (kase("rectification", f), ActionInput(single: ["reason": "逾期未整改"]), "2025-10-20", file)
        case "recordMediaReport":
            return (kase("rectification", f), ActionInput(single: ["reportedOn": "2025-10-20", "outlet": "江城晚报", "summary": "反映问题"]), "2025-10-20", [])
        case "transferCrime":
            return (kase("rectification", f), ActionInput(single: ["on": "2025-10-20", "authority": "江城市公安局中村派出所", "summary": "涉嫌销售假冒产品"]), "2025-10-20", file)
        default: return (kase("clue", f), ActionInput(), "2025-10-20", [])
        }
    }

    @Test("Transition × role: each shipped role is allowed, or refused with the rule ID", arguments: ShippedRoles.all)
    func transitionRoleTable(role: Role) throws {
        for (key, roles) in Self.allowed.sorted(by: { $0.key < $1.key }) {
            let actorID = Self.wang.id
            let actor = Self.actor(role, id: actorID)
            if key == "recordClue" {
                let r = ProcedureEngine.create(InterviewProcedure.self, input: Self.clueInput, context: Self.context(actor, today: "2025-09-30"))
                switch r {
                case .success: #expect(roles.contains(role.code), "\(role.code) may not \(key)")
                case let .failure(refusal):
                    #expect(!roles.contains(role.code), "\(role.code) should \(key): \(refusal.violations)")
                    #expect(refusal.rules == ["PLT-03"])
                }
                continue
            }
            let (c, input, today, docs) = Self.scenario(key, actorID: actorID)
            let transition = key == "approveMajor" ? "approve" : key
            let r = ProcedureEngine.perform(InterviewProcedure.self, transition, on: c, input: input, context: Self.context(actor, today: today, documents: docs))
            switch r {
            case .success: #expect(roles.contains(role.code), "\(role.code) may not \(key)")
            case let .failure(refusal):
                #expect(!roles.contains(role.code), "\(role.code) should \(key): \(refusal.violations.map(\.messageZH))")
                let expected: Set<String> = key == "approveMajor" && role.permissions.contains(.interviewApproveOrdinary) ? ["IV-10"] : ["PLT-03"]
                #expect(Set(refusal.rules) == expected, "\(role.code) \(key): \(refusal.violations.map(\.code))")
            }
        }
    }
}
