import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// An interview from clue to penalty hand-off through the API and the case page, on both databases:
/// the engine's writes, clocks on concrete dates across the 2025 National Day, documents and
/// service, scope, stale versions and the party's history.
@Suite("Interviews through the API and pages (IV-*)", .serialized)
struct InterviewTests {
    struct Staff {
        let s: Seeded
        let wang: UserRecord
        let head: UserRecord
        let legal: UserRecord
        let deputy: UserRecord
        let party: PartySummary
    }

    static func staff(_ env: TestEnv) async throws -> Staff {
        let s = try await env.seed()
        let wang = try await env.user("wang", "王法制", unit: s.officeA.id, role: "officer", scope: .unit)
        let head = try await env.user("head_a", "周所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
        let legal = try await env.user("legal", "钱法制", unit: s.bureau.id, role: "legal-reviewer", scope: .all)
        let deputy = try await env.user("deputy", "赵分管", unit: s.bureau.id, role: "deputy-leader", scope: .unitTree)
        let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村便民超市有限公司", uscc: .uscc(4711), representative: "孙大成"),
                                                 unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
        return Staff(s: s, wang: wang, head: head, legal: legal, deputy: deputy, party: party)
    }

    static func json(_ res: TestingHTTPResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any] ?? [:]
    }

    static func action(_ env: TestEnv, _ token: String, _ id: String, _ key: String, _ input: [String: [String]],
                       version: Int? = nil) async throws -> TestingHTTPResponse {
        struct Body: Encodable { let version: Int?; let input: [String: [String]] }
        return try await env.request(.POST, "/api/v1/interviews/\(id)/actions/\(key)", token: token, json: Body(version: version, input: input))
    }

    static func clockDue(_ env: TestEnv, _ token: String, _ id: String, step: String) async throws -> String? {
        let res = try await env.request(.GET, "/api/v1/cases/\(id)", token: token)
        let clocks = try json(res)["clocks"] as? [[String: Any]] ?? []
        return clocks.last { $0["step"] as? String == step }?["due"] as? String
    }

    @Test("IV end to end: clue 2025-09-30 → verification due 10-11; review extended 2 → 5 by the deputy leader (scenario 8); approval; IV-12; DOC-31; record; report due 3 working days before the deadline; a failed item hands off to a penalty case (scenario 7)")
    func clueToPenalty() async throws {
        try await withApp { env in
            // setup
            let st = try await Self.staff(env)
            let officer = try await env.token(st.s.officerA)
            let headToken = try await env.token(st.head)
            let legalToken = try await env.token(st.legal)
            let deputyToken = try await env.token(st.deputy)

            // act 1: the clue, Tue 2025-09-30 (scenario 1)
            let created = try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
                "partyID": st.party.id.uuidString, "title": "中村便民超市消防器材缺失", "source": "inspection", "description": "日常检查发现灭火器缺失2具",
            ], headers: [("Idempotency-Key", "iv-1")])
            #expect(created.status == .created)
            let c = try Self.json(created)
            let id = try #require(c["id"] as? String)
            #expect(c["number"] as? String == "ZC-IV-2025-0001")
            #expect(c["state"] as? String == "clue")
            #expect(try await Self.clockDue(env, officer, id, step: "verification") == "2025-10-11")

            // act 2: verification on Thu 2025-10-09, after the holiday
            env.moveClock(to: "2025-10-09")
            let verified = try await Self.action(env, officer, id, "verify", [
                "facts": ["经营场所灭火器缺失2具"], "evidence": ["现场检查笔录\n现场照片3张"], "provisions": ["《中华人民共和国消防法》第十六条"],
                "ground": ["first-minor"], "category": ["fire-equipment"], "necessity": ["初次违法，危害后果轻微"], "notSerious": ["on"],
            ], version: 1)
            #expect(verified.status == .ok)
            #expect(try Self.json(verified)["state"] as? String == "legalReview")
            // Scenario 8: legality review due 2 working days later (10-10, 10-11 make-up Saturday) …
            #expect(try await Self.clockDue(env, officer, id, step: "legalReview") == "2025-10-11")
            // … extended by 3 by the deputy leader: 10-13, 10-14, 10-15.
            let caseJSON = try Self.json(try await env.request(.GET, "/api/v1/cases/\(id)", token: officer))
            let reviewClock = try #require((caseJSON["clocks"] as? [[String: Any]])?.first { $0["step"] as? String == "legalReview" }?["id"] as? String)
            let ext = try await env.request(.POST, "/api/v1/clocks/\(reviewClock)/extend", token: headToken,
                                            json: ExtendDTO(count: 3, ground: "重大疑难，需补充调查", approverId: st.deputy.id))
            #expect(ext.status == .ok)
            // CAL-32: it takes effect when the deputy leader, logged in as himself, confirms it.
            #expect(try await Self.clockDue(env, officer, id, step: "legalReview") == "2025-10-11")
            let request = try #require(try JSONDecoder().decode(ClockDTO.self, from: Data(ext.body.readableBytesView)).pendingExtensions.first)
            let confirmed = try await env.request(.POST, "/api/v1/clocks/\(reviewClock)/extensions/\(request.id.uuidString)/confirm", token: deputyToken)
            #expect(confirmed.status == .ok)
            #expect(try await Self.clockDue(env, officer, id, step: "legalReview") == "2025-10-15")
            let timeline = try await env.request(.GET, "/api/v1/cases/\(id)/timeline", token: officer)
            #expect(timeline.body.string.contains("clock.extend"))

            // the proposer may not review (IV-11: the officer lacks legal.review, so 403 before the step is weighed); the reviewer may
            let selfReview = try await Self.action(env, officer, id, "review", ["decision": ["return"], "opinion": ["x"]])
            #expect(selfReview.status == .forbidden)
            #expect(selfReview.body.string.contains("PLT-03"))
            env.moveClock(to: "2025-10-13")
            let reviewed = try await Self.action(env, legalToken, id, "review", [
                "decision": ["pass"], "opinion": ["主体适格，事实清楚"], "partyQualified": ["on"], "factsClear": ["on"], "evidenceSufficient": ["on"],
                "lawCorrect": ["on"], "procedureLawful": ["on"],
            ])
            #expect(reviewed.status == .ok)
            let approved = try await Self.action(env, deputyToken, id, "approve", ["decision": ["approve"], "opinion": ["同意约谈"]])
            #expect(approved.status == .ok)
            // Notice within 2 working days of approval on Mon 10-13: 10-15.
            #expect(try await Self.clockDue(env, officer, id, step: "notice") == "2025-10-15")

            // act 3: IV-12 — without qualifications the assignment lists every fault
            let unqualified = try await Self.action(env, headToken, id, "assign", [
                "interviewers": [st.s.officerA.id.uuidString, st.wang.id.uuidString], "tracker": [st.s.officerA.id.uuidString],
            ])
            #expect(unqualified.status == .unprocessableEntity)
            let problem = try Self.json(unqualified)
            let codes = (problem["fields"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
            #expect(codes == ["interview.interviewer.unqualified", "interview.interviewer.unqualified", "interview.interviewers.legal"])
            for u in [st.s.officerA, st.wang] {
                _ = try await env.org.addQualification(userID: u.id, kind: "interviewer", issuer: "江城市市场监督管理局", obtainedOn: LocalDate(iso: "2024-03-01")!,
                                                       expiresOn: LocalDate(iso: "2027-02-28")!, context: .system("test"))
            }
            _ = try await env.org.addQualification(userID: st.wang.id, kind: "legal-review", issuer: "江城市司法局", obtainedOn: LocalDate(iso: "2024-03-01")!,
                                                   expiresOn: nil, context: .system("test"))
            let assigned = try await Self.action(env, headToken, id, "assign", [
                "interviewers": [st.s.officerA.id.uuidString, st.wang.id.uuidString], "tracker": [st.s.officerA.id.uuidString],
            ])
            #expect(assigned.status == .ok)

            // act 4: DOC-31 — the notice must be issued and served first
            let early = try await Self.action(env, officer, id, "serveNotice", ["scheduledOn": ["2025-10-16"], "place": ["中村所三楼会议室"], "mode": ["on-site"]])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("document.required") && early.body.string.contains("行政约谈通知书"))
            let issued = try await env.request(.POST, "/api/v1/cases/\(id)/documents", token: officer,
                                               json: DocumentIssueDTO(templateCode: "IV-NOTICE", values: DocumentTests.noticeValues, recipient: st.party.name))
            #expect(issued.status == .created)
            let docID = try #require(try Self.json(issued)["id"] as? String)
            let served = try await env.request(.POST, "/api/v1/documents/\(docID)/service", token: officer,
                                               json: ["recipient": st.party.name, "method": "post", "date": "2025-10-13", "mailNumber": "1187654321098",
                                                      "deliveredOn": "2025-10-14"])
            #expect(served.status == .created)
            env.moveClock(to: "2025-10-14")
            let scheduled = try await Self.action(env, officer, id, "serveNotice", ["scheduledOn": ["2025-10-16"], "place": ["中村所三楼会议室"], "mode": ["on-site"]])
            #expect(scheduled.status == .ok)
            // Interview within 5 working days of service on 10-14: 10-15, 16, 17, 20, 21.
            #expect(try await Self.clockDue(env, officer, id, step: "interview") == "2025-10-21")
            // Item 4, IV-12: 王法制 handles nothing here but is an assigned interviewer, so the case waiting
            // for the interview is in his own list; the other office's officer's is empty.
            let wangToken = try await env.token(st.wang)
            func mine(_ token: String) async throws -> [String] {
                let res = try await env.request(.GET, "/api/v1/worklist?view=mine", token: token)
                return (try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [[String: Any]] ?? []).compactMap { $0["caseId"] as? String }
            }
            #expect(try await mine(wangToken) == [id])
            #expect(try await mine(try await env.token(st.s.officerB)).isEmpty)

            // act 5: the record (IV-13, IV-14, IV-17); 35 days refused, 29 accepted
            env.moveClock(to: "2025-10-16")
            var record: [String: [String]] = [
                "heldOn": ["2025-10-16"], "mode": ["on-site"], "recorder": ["王法制"], "findings": ["灭火器缺失2具"], "statement": ["承认事实，承诺整改"],
                "items": ["配齐灭火器\n建立消防安全检查制度\n组织员工消防培训"], "deadline": ["2025-11-20"], "certificatesShown": ["on"], "purposeStated": ["on"],
                "rightsInformed": ["on"], "refusalConsequenceInformed": ["on"], "signature": ["signed"],
            ]
            let tooLong = try await Self.action(env, officer, id, "holdInterview", record)
            #expect(tooLong.status == .unprocessableEntity)
            #expect(tooLong.body.string.contains("IV-17"))
            record["deadline"] = ["2025-11-14"]
            let held = try await Self.action(env, officer, id, "holdInterview", record)
            #expect(held.status == .ok)
            #expect(try await mine(wangToken).isEmpty)  // held: rectification is the handler's to track
            // CAL-14: the report is due the 3rd working day before 11-14: 11-13, 11-12, 11-11.
            #expect(try await Self.clockDue(env, officer, id, step: "rectificationReport") == "2025-11-11")

            // act 6: report, then an inspection failing one of three items (scenario 7)
            env.moveClock(to: "2025-11-10")
            let report = try await Self.action(env, officer, id, "receiveReport", ["receivedOn": ["2025-11-10"], "summary": ["已配齐灭火器，附照片"]])
            #expect(report.status == .ok, "\(report.body.string)")
            env.moveClock(to: "2025-11-12")
            let inspection: [String: [String]] = [
                "on": ["2025-11-12"], "inspectors": [st.s.officerA.id.uuidString, st.wang.id.uuidString],
                "results": ["合格 已配齐", "不合格 未建立制度", "合格 已培训"],
            ]
            // DOC-40: the record and the rectification notice are not in the file: the officer cannot close …
            let incomplete = try await Self.action(env, officer, id, "inspect", inspection)
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.body.string.contains("case-file.document.missing") && incomplete.body.string.contains("行政约谈记录"))
            // … the unit head closes it with a reason, which goes on the timeline
            let inspected = try await Self.action(env, headToken, id, "inspect", inspection.merging(["closeOverrideReason": ["约谈记录为纸质签名件，已扫描附卷"]]) { $1 })
            #expect(inspected.status == .ok)
            let closedTimeline = try await env.request(.GET, "/api/v1/cases/\(id)/timeline", token: officer).body.string
            #expect(closedTimeline.contains("约谈记录为纸质签名件") && closedTimeline.contains("DOC-40"))
            let final = try Self.json(inspected)
            #expect(final["state"] as? String == "handedOver")
            #expect(final["closedOn"] as? String == "2025-11-12")

            // check: the penalty case, linked, prefilled, with the record as evidence (IV-04)
            let links = try await env.request(.GET, "/api/v1/interviews/\(id)/links", token: officer)
            let link = try #require((try JSONSerialization.jsonObject(with: Data(links.body.string.utf8)) as? [[String: Any]])?.first)
            #expect(link["caseType"] as? String == "penalty")
            #expect(link["reference"] as? String == "ZC-PN-2025-0001")
            let penaltyID = try #require(UUID(uuidString: link["caseId"] as? String ?? ""))
            let facts = try await env.store.sql.select().column("facts").from("cases").where("id", .equal, SQLBind(penaltyID)).first()
            let factsText = try #require(try facts?.decode(column: "facts", as: String?.self))
            let linked = try JSONDecoder().decode(LinkedCaseFacts.self, from: Data(factsText.utf8))
            #expect(linked.evidence == ["IV-RECORD"])
            #expect(linked.prefill["IV-PENALTY-NOTICE"]?["party.name"] == "江城市中村便民超市有限公司")
            #expect(linked.prefill["IV-PENALTY-NOTICE"]?["penalty.failure"]?.contains("第2项") == true)
            // CP-30: the hand-off is a case of the enforcement registry, waiting for 立案.
            let entry = try Self.json(try await env.request(.GET, "/api/v1/enforcement/\(penaltyID.uuidString)", token: officer))
            #expect(entry["state"] as? String == "registered")
            // closing cancels running steps and starts the archiving clocks (DOC-41)
            #expect(try await Self.clockDue(env, officer, id, step: "archiveElectronic") != nil)
            // PLT-13: the party's history shows both cases
            let history = try await env.request(.GET, "/api/v1/parties/\(st.party.id.uuidString)/history", token: officer)
            #expect(history.body.string.contains("ZC-IV-2025-0001") && history.body.string.contains("ZC-PN-2025-0001"))
            // PLT-53: a stale version is refused
            let stale = try await Self.action(env, officer, id, "logContact", ["on": ["2025-11-12"], "method": ["phone"], "progress": ["x"]], version: 3)
            #expect(stale.status == .conflict)
            // step 12, DOC-42: archived from the case page with its archive number; the archiving clocks end
            env.moveClock(to: "2025-11-20")
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            // IV-04: the registry case offers the carried 《行政处罚告知书》, prefilled from the interview.
            let penaltyPage = try await web.send(.GET, "/cases/\(penaltyID.uuidString)")
            #expect(penaltyPage.body.string.contains("待立案") && penaltyPage.body.string.contains("IV-PENALTY-NOTICE"))
            let carried = try await web.send(.GET, "/cases/\(penaltyID.uuidString)/documents/new?template=IV-PENALTY-NOTICE")
            #expect(carried.status == .ok && carried.body.string.contains("第2项"))
            let page = try await web.send(.GET, "/cases/\(id)")
            #expect(page.body.string.contains("id=\"archive-form\""))
            let archived = try await web.send(.POST, "/cases/\(id)/archive", pairs: [("_csrf", WebClient.csrf(in: page.body.string) ?? ""), ("fonds", "JZC"),
                                                                                  ("retention", "D5")])
            #expect(archived.status == .seeOther)
            let after = try await web.send(.GET, "/cases/\(id)")
            #expect(after.body.string.contains("档号：JZC-2025-D5-0001"))
            #expect(!after.body.string.contains("id=\"archive-form\""))
            let clocks = try Self.json(try await env.request(.GET, "/api/v1/cases/\(id)", token: officer))["clocks"] as? [[String: Any]] ?? []
            #expect(clocks.filter { ($0["step"] as? String)?.hasPrefix("archive") == true }.allSatisfy { $0["endedOn"] as? String == "2025-11-20" })
        }
    }

    @Test("A transition and its clocks are one write: when the step's clock cannot start (a calendar-day rule counted back, CAL-14), the refusal changes nothing — state, version, timeline, clocks")
    func transitionIsAtomic() async throws {
        try await withApp { env in
            let st = try await Self.staff(env)
            let officer = try await env.token(st.s.officerA)
            // Legality review becomes 2 calendar days counted back: no clock can count it (CAL-14). Hour
            // rules now start at instants (CAL-13), so the unusable rule is written into the stored version.
            _ = try await RuleSetRepository(store: env.store).saveNextVersion(
                key: "interview", edits: ["legalReview": .init(count: 2, unit: .day, roll: .forward, maxExtension: 0, citation: "测试")], status: .active,
                effectiveFrom: LocalDate(iso: "2025-09-30")!, citation: "测试", actor: env.actor(st.legal), context: .system("t"))
            let stored = try #require(try await env.sql.select().column("body").from("rule_set_versions").where("key", .equal, SQLBind("interview"))
                .where("version", .equal, SQLBind(2)).first()?.decode(column: "body", as: String.self))
            var unusable = try JSONDecoder().decode(RuleSet.self, from: Data(stored.utf8))
            unusable.rules["legalReview"]?.countsBack = true
            try await env.sql.update("rule_set_versions").set("body", to: SQLBind(String(decoding: try JSONEncoder().encode(unusable), as: UTF8.self)))
                .where("key", .equal, SQLBind("interview")).where("version", .equal, SQLBind(2)).run()
            let id = try #require(try Self.json(try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
                "partyID": st.party.id.uuidString, "title": "消防通道堵塞", "source": "inspection", "description": "检查发现",
            ]))["id"] as? String)
            let before = try Self.json(try await env.request(.GET, "/api/v1/interviews/\(id)", token: officer))
            let eventsBefore = try await env.audit.count()
            let refused = try await Self.action(env, officer, id, "verify", [
                "facts": ["消防通道堵塞"], "evidence": ["现场照片"], "provisions": ["《消防法》第二十八条"], "ground": ["first-minor"], "category": ["safety-rules"],
                "necessity": ["必要"], "notSerious": ["on"],
            ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("CAL-14"))
            let after = try Self.json(try await env.request(.GET, "/api/v1/interviews/\(id)", token: officer))
            #expect(after["state"] as? String == "clue")
            #expect(after["version"] as? Int == before["version"] as? Int)
            #expect(try await env.audit.count() == eventsBefore)  // no transition, no clock change recorded
            let clocks = try await ClockRepository(store: env.store).clocks(ofCase: UUID(uuidString: id)!, actor: env.actor(st.s.officerA))
            #expect(clocks.filter(\.isOpen).map(\.step).sorted() == ["startTimeliness", "verification"])  // still running; nothing started
        }
    }

    @Test("X-05: an officer of another office gets 404 for the interview, its actions and its links; IV-03 (2) blocks a repeat offence found in the party's history")
    func scopeAndRepeat() async throws {
        try await withApp { env in
            let st = try await Self.staff(env)
            let officer = try await env.token(st.s.officerA)
            let other = try await env.token(st.s.officerB)
            let body = ["partyID": st.party.id.uuidString, "title": "消防器材缺失", "source": "complaint", "description": "群众举报"]
            let id = try #require(try Self.json(try await env.request(.POST, "/api/v1/interviews", token: officer, json: body))["id"] as? String)
            #expect(try await env.request(.GET, "/api/v1/interviews/\(id)", token: other).status == .notFound)
            #expect(try await env.request(.GET, "/api/v1/interviews/\(id)/actions", token: other).status == .notFound)
            #expect(try await Self.action(env, other, id, "verify", [:]).status == .notFound)
            // An earlier interview of the same party and category that was held counts (IV-22).
            try await env.store.sql.update("cases").set("category", to: SQLBind("fire-equipment")).set("counts_as_prior", to: SQLBind(true))
                .set("number", to: SQLBind("ZC-IV-2024-0009")).where("id", .equal, SQLBind(UUID(uuidString: id)!)).run()
            let second = try #require(try Self.json(try await env.request(.POST, "/api/v1/interviews", token: officer, json: body))["id"] as? String)
            let refused = try await Self.action(env, officer, second, "verify", [
                "facts": ["灭火器缺失"], "evidence": ["现场照片"], "provisions": ["《消防法》第十六条"], "ground": ["first-minor"], "category": ["fire-equipment"],
                "necessity": ["x"], "notSerious": ["on"],
            ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("IV-03") && refused.body.string.contains("ZC-IV-2024-0009"))
            // the actions list offers the IV-04 hand-off
            let actions = try await env.request(.GET, "/api/v1/interviews/\(second)/actions", token: officer)
            #expect(actions.body.string.contains("\"handToPenalty\""))
        }
    }

    @Test("Pages: the new-interview form, the case page's actions, and a refused form shown again with the rules and the typed values (X-06)")
    func pages() async throws {
        try await withApp { env in
            let st = try await Self.staff(env)
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let form = try await web.send(.GET, "/interviews/new?party=\(st.party.id.uuidString)")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("登记约谈线索") && form.body.string.contains("selected>江城市中村便民超市有限公司"))
            var token = WebClient.csrf(in: form.body.string) ?? ""
            let bad = try await web.send(.POST, "/interviews", pairs: [("_csrf", token), ("partyID", st.party.id.uuidString), ("title", "<b>未填来源</b>")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("线索来源") && bad.body.string.contains("&lt;b&gt;未填来源&lt;/b&gt;"))
            let ok = try await web.send(.POST, "/interviews", pairs: [("_csrf", token), ("partyID", st.party.id.uuidString), ("title", "消防器材缺失"),
                                                                     ("source", "inspection"), ("description", "检查发现")])
            #expect(ok.status == .seeOther)
            let location = try #require(ok.headers.first(name: .location))
            let page = try await web.send(.GET, location)
            #expect(page.body.string.contains("id=\"action-verify\"") && page.body.string.contains("线索核查"))
            token = WebClient.csrf(in: page.body.string) ?? ""
            let caseID = String(location.split(separator: "/").last!.split(separator: "?").first!)
            let refused = try await web.send(.POST, "/cases/\(caseID)/actions/verify", pairs: [
                ("_csrf", token), ("_version", "1"), ("facts", "经营场所灭火器缺失"), ("evidence", "照片"), ("provisions", "消防法"), ("ground", "first-minor"),
                ("category", "fire-equipment"), ("necessity", "必要"),
            ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("IV-03"))
            #expect(refused.body.string.contains("经营场所灭火器缺失"))  // typed text kept
            let done = try await web.send(.POST, "/cases/\(caseID)/actions/verify", pairs: [
                ("_csrf", token), ("_version", "1"), ("facts", "经营场所灭火器缺失"), ("evidence", "照片"), ("provisions", "消防法"), ("ground", "first-minor"),
                ("category", "fire-equipment"), ("necessity", "必要"), ("notSerious", "on"),
            ])
            #expect(done.status == .seeOther)
            let after = try await web.send(.GET, "/cases/\(caseID)")
            #expect(after.body.string.contains("id=\"procedure-state\">法制审核"))
        }
    }

    @Test("Worklists (CAL-40): the officer's own case, the legal reviewer's queue in 法制审核, the unit view and the major view; none of it for another office")
    func worklists() async throws {
        try await withApp { env in
            // setup
            let st = try await Self.staff(env)
            let officer = try await env.token(st.s.officerA)
            let chief = try await env.user("chief", "孙局长", unit: st.s.bureau.id, role: "chief-leader", scope: .all)
            let body = ["partyID": st.party.id.uuidString, "title": "重大消防隐患", "source": "inspection", "description": "商场消防通道堵塞"]
            let id = try #require(try Self.json(try await env.request(.POST, "/api/v1/interviews", token: officer, json: body))["id"] as? String)
            let quiet = try #require(try Self.json(try await env.request(.POST, "/api/v1/interviews", token: officer,
                                                                          json: ["partyID": st.party.id.uuidString, "title": "年报未公示", "source": "assigned",
                                                                                 "description": "上级交办"]))["id"] as? String)
            env.moveClock(to: "2025-10-10")
            // act: the first goes to legal review as a major case
            let verified = try await Self.action(env, officer, id, "verify", [
                "facts": ["消防通道堵塞"], "evidence": ["现场照片"], "provisions": ["《消防法》第二十八条"], "ground": ["hazard"], "category": ["safety-rules"],
                "necessity": ["隐患较大"], "notSerious": ["on"], "publicSafety": ["on"],
            ])
            #expect(verified.status == .ok)
            // check
            func list(_ token: String, _ view: String) async throws -> [[String: Any]] {
                let res = try await env.request(.GET, "/api/v1/worklist?view=\(view)", token: token)
                return try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [[String: Any]] ?? []
            }
            // the officer's own: the quiet one is overdue in verification (due 10-11 … no: clue 09-30 + 3 working days = 10-11; on 10-10 it is yellow)
            let mine = try await list(officer, "mine")
            #expect(mine.map { $0["caseId"] as? String } == [quiet, id])
            #expect(mine.first?["signal"] as? String == "yellow")
            #expect(mine.first?["due"] as? String == "2025-10-11")
            // the legal reviewer sees the case waiting for review, not the quiet one
            let legal = try await list(try await env.token(st.legal), "mine")
            #expect(legal.map { $0["caseId"] as? String } == [id])
            #expect(legal.first?["step"] as? String == "legalReviewMajor")
            // the chief leader's major view
            let major = try await list(try await env.token(chief), "major")
            #expect(major.map { $0["caseId"] as? String } == [id])
            // the unit head sees both; office B sees nothing
            #expect(try await list(try await env.token(st.head), "unit").count == 2)
            #expect(try await list(try await env.token(st.s.officerB), "unit").isEmpty)
            // the home page shows it coloured
            let web = WebClient(env)
            try await web.login("legal", Seeded.password)
            let home = try await web.send(.GET, "/")
            #expect(home.body.string.contains("work-item signal-green") || home.body.string.contains("work-item signal-yellow"))
            #expect(home.body.string.contains("重大消防隐患"))
        }
    }

    @Test("DOC-02/11/30 from the case page: the notice form is prefilled from the case; an empty required field is named and takes no number; issued, then served by post")
    func documentsFromThePage() async throws {
        try await withApp { env in
            let st = try await Self.staff(env)
            let officer = try await env.token(st.s.officerA)
            let id = try #require(try Self.json(try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
                "partyID": st.party.id.uuidString, "title": "消防器材缺失", "source": "inspection", "description": "检查发现",
            ]))["id"] as? String)
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let form = try await web.send(.GET, "/cases/\(id)/documents/new?template=IV-NOTICE")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("江城市中村便民超市有限公司"))  // party.name prefilled
            let token = WebClient.csrf(in: form.body.string) ?? ""
            var pairs: [(String, String)] = [("_csrf", token), ("templateCode", "IV-NOTICE"), ("recipient", st.party.name)]
            for (k, v) in DocumentTests.noticeValues where k != "interview.place" { pairs.append((k, v)) }
            let missing = try await web.send(.POST, "/cases/\(id)/documents", pairs: pairs)
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("约谈地点"))
            pairs.append(("interview.place", "中村所三楼会议室"))
            let issued = try await web.send(.POST, "/cases/\(id)/documents", pairs: pairs)
            #expect(issued.status == .seeOther)
            let page = try await web.send(.GET, "/cases/\(id)")
            #expect(page.body.string.contains("中村所约〔2025〕1号"))  // the first number: the refused attempt took none
            #expect(page.body.string.contains("未送达"))
            let docID = try #require(page.body.string.range(of: #"/documents/([0-9A-F-]{36})/service"#, options: .regularExpression)
                .map { String(page.body.string[$0].dropFirst(11).prefix(36)) })
            let served = try await web.send(.POST, "/documents/\(docID)/service", pairs: [
                ("_csrf", token), ("method", "post"), ("recipient", st.party.name), ("date", "2025-09-30"), ("mailNumber", "1187654321098"),
                ("deliveredOn", "2025-10-09"),
            ])
            #expect(served.status == .seeOther)
            let after = try await web.send(.GET, "/cases/\(id)")
            #expect(after.body.string.contains("邮寄送达 2025年10月9日"))
            let print = try await web.send(.GET, "/documents/\(docID)/print")
            #expect(print.status == .ok && print.body.string.contains("行政约谈通知书"))
            // DOC-20: the PDF through LibreOffice (installed by the test command)
            let pdf = try await web.send(.GET, "/documents/\(docID)/pdf")
            if PDFConverter.isAvailable || ProcessInfo.processInfo.environment["FENGQIAO_REQUIRE_LIBREOFFICE"] == "1" {
                #expect(pdf.status == .ok)
                #expect(Array(pdf.body.readableBytesView.prefix(4)) == Array("%PDF".utf8))
            } else {
                #expect(pdf.status == .conflict)
            }
            // IV-15: a recording of the interview uploaded as evidence of the case, on its timeline
            let boundary = "----fq\(UUID().uuidString.prefix(8))"
            var body = ByteBuffer()
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n")
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nrecording\r\n")
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"约谈录音.mp3\"\r\nContent-Type: audio/mpeg\r\n\r\n")
            body.writeBytes([0x49, 0x44, 0x33, 0x04, 0x00, 0x00] + Array(repeating: 0x20, count: 64))
            body.writeString("\r\n--\(boundary)--\r\n")
            let uploaded = try await web.send(.POST, "/cases/\(id)/attachments", multipart: (boundary, body))
            #expect(uploaded.status == .seeOther)
            let withFile = try await web.send(.GET, "/cases/\(id)")
            #expect(withFile.body.string.contains("约谈录音.mp3") && withFile.body.string.contains("录音录像"))
            #expect(withFile.body.string.contains("上传附件"))
            // another office cannot fetch it (X-05)
            let href = try #require(withFile.body.string.range(of: #"/attachments/[0-9A-F-]{36}"#, options: .regularExpression).map { String(withFile.body.string[$0]) })
            #expect(try await web.send(.GET, href).status == .ok)
            let other = WebClient(env)
            try await other.login("officer_b", Seeded.password)
            #expect(try await other.send(.GET, href).status == .notFound)
        }
    }

    @Test("Demo (issue 5 item 7): interviews in every state, played through the procedure; the notice after the 2026 Spring Festival is due 02-24; the chain verifies")
    func demo() async throws {
        try await withApp { env in
            // setup: today 2026-12-04
            env.moveClock(to: "2026-12-04")
            // act
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            // check: every state of the procedure is present
            let rows = try await env.store.sql.select().columns("id", "state", "title").from("cases").where("case_type", .equal, SQLBind("interview")).all()
            let states = Set(try rows.map { try $0.decode(column: "state", as: String.self) })
            #expect(states == Set(InterviewProcedure.states.map(\.key)).subtracting(["transferred"]))
            let spring = try #require(try rows.first { try $0.decode(column: "title", as: String.self).contains("春节前后") })
            let springID = try spring.decode(column: "id", as: UUID.self)
            let clocks = try await env.store.sql.select().columns("step", "start_date", "due_date", "ended_on").from("clocks")
                .where("case_id", .equal, SQLBind(springID)).where("step", .equal, SQLBind("notice")).all()
            #expect(try clocks.first?.decode(column: "start_date", as: String.self) == "2026-02-13")
            #expect(try clocks.first?.decode(column: "due_date", as: String.self) == "2026-02-24")
            #expect(try await AuditRepository(store: env.store).verify().isIntact)
            // the penalty case of the National Day hand-off exists and is linked; the registry's own demo cases beside it
            let handedOver = try await env.store.sql.select().column("to_case_id").from("case_links").where("relation", .equal, SQLBind("handed-over-to")).all()
            #expect(handedOver.count == 1)
            let penalty = try await env.store.sql.select().columns("id", "state").from("cases").where("case_type", .equal, SQLBind("penalty")).all()
            let penaltyStates = Set(try penalty.map { try $0.decode(column: "state", as: String.self) })
            // Demo (issue 14 item 11): a case closed after payment, a 简易程序 warning, one filed, clues waiting for 立案.
            #expect(penaltyStates == ["registered", "filed", "executing", "closed"])
        }
    }

    @Test("Statistics (issue 5 item 6): the interview indicators of the demo's 2026 on the dashboard, over the API, as CSV with a BOM and as XLSX; officers without statistics.read get 403")
    func statistics() async throws {
        try await withApp { env in
            // setup: the demo's interviews, today 2026-12-04
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let chief = try #require(try await env.org.user(login: "chief"))
            let token = try await env.token(chief)
            // act
            let api = try await env.request(.GET, "/api/v1/statistics/interviews?period=2026", token: token)
            // check: held in 2026 — the Spring Festival case, the National Day case, and the two open
            // cases past their interview (rectification, inspection); one inspection passed
            #expect(api.status == .ok)
            let json = try Self.json(api)
            let counts = try #require(json["counts"] as? [String: Any])
            #expect(counts["held"] as? Int == 4)
            #expect(counts["passed"] as? Int == 1)
            #expect(counts["handedOver"] as? Int == 1)
            let indicators = try #require(json["indicators"] as? [[String: Any]])
            let inspection = try #require(indicators.first { $0["kind"] as? String == "inspection-pass" })
            #expect(inspection["numerator"] as? Double == 1 && inspection["denominator"] as? Int == 2)
            #expect(try await env.request(.GET, "/api/v1/statistics/interviews?period=2026-Q9", token: token).status == .unprocessableEntity)
            let web = WebClient(env)
            try await web.login("chief", "Demo-pass-123")
            let page = try await web.send(.GET, "/statistics/interviews?period=2026")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("复查（整改验收）合格率") && page.body.string.contains("class=\"bar-0\""))
            let csv = try await web.send(.GET, "/statistics/interviews?period=2026&format=csv")
            #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(csv.body.string.contains("重点领域约谈覆盖率"))
            let xlsx = try await web.send(.GET, "/statistics/interviews?period=2026&format=xlsx")
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            let officer = WebClient(env)
            try await officer.login("zc_officer", "Demo-pass-123")
            #expect(try await officer.send(.GET, "/statistics/interviews").status == .forbidden)
        }
    }

    @Test("ST-21 ST-06: a revisit of a closed interview is recorded from the case page, shows on it, and feeds the satisfaction indicator; a bad form keeps what was typed; an open case or another office cannot be revisited")
    func revisits() async throws {
        try await withApp { env in
            // setup: the demo, today 2026-12-04; its interview that passed its inspection
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let row = try #require(try await env.store.sql.select().columns("id", "closed_on").from("cases").where("case_type", .equal, SQLBind("interview"))
                .where("state", .equal, SQLBind("passed")).first())
            let id = try row.decode(column: "id", as: UUID.self)
            let closedOn = try row.decode(column: "closed_on", as: String.self)
            let web = WebClient(env)
            try await web.login("zc_officer", "Demo-pass-123")
            let page = try await web.send(.GET, "/cases/\(id.uuidString)")
            // the demo revisited it by phone a few weeks after closing (满意, 5/5/4)
            #expect(page.body.string.contains("id=\"revisit-form\"") && page.body.string.contains("电话回访") && page.body.string.contains("（指数 93）"))
            let csrf = WebClient.csrf(in: page.body.string) ?? ""
            // act 1: a score missing and a date before the closing: refused, both named, the typed note kept
            let refused = try await web.send(.POST, "/cases/\(id.uuidString)/revisits", form: [
                "_csrf": csrf, "on": "2020-01-01", "method": "phone", "answer": "satisfied", "effect": "5", "conduct": "4", "note": "整改到位，店主表示感谢",
            ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("回访日期不能早于结案日期 \(closedOn)（ST-21）"))
            #expect(refused.body.string.contains("请为“服务态度”选择1至5分（ST-06）"))
            #expect(refused.body.string.contains("整改到位，店主表示感谢</textarea>"))
            // act 2: recorded — 5, 4, 4 → index (13 ÷ 3) × 20 ≈ 86.7
            let ok = try await web.send(.POST, "/cases/\(id.uuidString)/revisits", form: [
                "_csrf": csrf, "on": "2026-12-03", "method": "visit", "answer": "basically-satisfied", "effect": "5", "conduct": "4", "service": "4",
                "note": "整改到位",
            ])
            #expect(ok.status == .seeOther)
            let after = try await web.send(.GET, "/cases/\(id.uuidString)")
            #expect(after.body.string.contains("上门回访") && after.body.string.contains("基本满意") && after.body.string.contains("（指数 87）"))
            #expect(after.body.string.contains("回访方式：上门回访") && after.body.string.contains("满意度：基本满意"))  // on the timeline, in Chinese
            // check: the satisfaction indicator of 2026-Q4 is that revisit's index
            let chief = try await env.token(try #require(try await env.org.user(login: "chief")))
            let json = try Self.json(try await env.request(.GET, "/api/v1/statistics/interviews?period=2026-Q4", token: chief))
            let satisfaction = try #require((json["indicators"] as? [[String: Any]])?.first { $0["kind"] as? String == "satisfaction" })
            #expect(satisfaction["denominator"] as? Int == 1)
            #expect(abs((satisfaction["numerator"] as? Double ?? 0) - 260.0 / 3) < 0.001)
            // the year has both: (14 + 13) ÷ 3 × 20 = 180 over 2
            let year = try Self.json(try await env.request(.GET, "/api/v1/statistics/interviews?period=2026", token: chief))
            let yearly = try #require((year["indicators"] as? [[String: Any]])?.first { $0["kind"] as? String == "satisfaction" })
            #expect(yearly["denominator"] as? Int == 2)
            #expect(abs((yearly["numerator"] as? Double ?? 0) - 180) < 0.001)
            // the quarter's sample (ST-21): the demo's passed case closed in 2026-Q1 is its office's only
            // closing that quarter, so it is drawn (10 %, rounded up) and shows as revisited
            let closedQuarter = ReportPeriod.containing(LocalDate(iso: closedOn)!, kind: .quarter)
            let sample = try await web.send(.GET, "/revisits?quarter=\(closedQuarter.key)")
            #expect(sample.status == .ok)
            #expect(sample.body.string.contains("随机抽取 1 件回访") && sample.body.string.contains("已回访"))
            #expect(try await web.send(.GET, "/revisits?quarter=2026-13").status == .unprocessableEntity)
            // over the API: the same record; a bad one is 422 with every fault (X-06)
            let listed = try await env.request(.GET, "/api/v1/interviews/\(id.uuidString)/revisits", token: chief)
            let first = try #require((try JSONSerialization.jsonObject(with: Data(listed.body.string.utf8)) as? [[String: Any]])?.last)
            #expect(first["answer"] as? String == "basically-satisfied" && first["scores"] as? [Int] == [5, 4, 4])
            let officerToken = try await env.token(try #require(try await env.org.user(login: "zc_officer")))
            let bad = try await env.request(.POST, "/api/v1/interviews/\(id.uuidString)/revisits", token: officerToken,
                                            json: ["on": "2026-12-05", "method": "phone", "answer": "satisfied"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("revisit.future") && bad.body.string.contains("revisit.score.invalid"))
            // an open case cannot be revisited; another office's case is not found
            let open = try #require(try await env.store.sql.select().column("id").from("cases").where("case_type", .equal, SQLBind("interview"))
                .where("closed_on", .is, SQLLiteral.null).first()?.decode(column: "id", as: UUID.self))
            let officer = try await env.actor(try #require(try await env.org.user(login: "zc_officer")))
            await #expect(throws: DomainError.self) {
                _ = try await RevisitRepository(store: env.store).record(caseID: open, on: "2026-12-03", method: "phone", answer: "unanswered", scores: [:],
                                                                        note: nil, actor: officer, context: .system("t"))
            }
            let stranger = try await env.user("dh_stranger", "东湖所干部", unit: try #require(try await env.org.unit(code: "DH")).id, role: "officer", scope: .unit)
            do {
                _ = try await RevisitRepository(store: env.store).record(caseID: id, on: "2026-12-03", method: "phone", answer: "unanswered", scores: [:],
                                                                        note: nil, actor: try await env.actor(stranger), context: .system("t"))
                Issue.record("another office revisited the case")
            } catch let e as DomainError {
                #expect(e.kind == .notFound)
            }
        }
    }

    @Test("IV-24 PLT-05: a single-use rating link works once without signing in; paper forms too; the statistics show an interviewer's averages only from three ratings, and not to an own-scope colleague")
    func ratings() async throws {
        try await withApp { env in
            // setup: the demo's interviews; 李明 and 王芳 interviewed the held ones
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let rows = try await env.store.sql.select().columns("id", "state").from("cases").where("case_type", .equal, SQLBind("interview")).all()
            func id(_ state: String) throws -> UUID { try #require(try rows.first { try $0.decode(column: "state", as: String.self) == state })
                .decode(column: "id", as: UUID.self) }
            let web = WebClient(env)
            try await web.login("zc_officer", "Demo-pass-123")
            // before the interview: refused
            var token = try await web.csrf(from: "/cases/\(try id("notice"))")
            #expect(try await web.send(.POST, "/cases/\(try id("notice"))/rating-link", pairs: [("_csrf", token)]).status == .unprocessableEntity)
            // act: a link for the case in rectification
            let held = try id("rectification")
            token = try await web.csrf(from: "/cases/\(held)")
            let linkPage = try await web.send(.POST, "/cases/\(held)/rating-link", pairs: [("_csrf", token)])
            let url = try #require(linkPage.body.string.range(of: #"/rate/[A-Za-z0-9_-]{20,}"#, options: .regularExpression).map { String(linkPage.body.string[$0]) })
            // check: the party opens it without signing in, rates once; the second use finds it spent
            #expect(try await env.request(.GET, url).status == .ok)
            let bad = try await env.request(.POST, url, form: ["attitude": "5", "professionalism": "9", "communication": "4"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("专业水平"))
            let done = try await env.request(.POST, url, form: ["attitude": "5", "professionalism": "4", "communication": "4"])
            #expect(done.body.string.contains("id=\"rate-done\""))
            #expect(try await env.request(.POST, url, form: ["attitude": "1", "professionalism": "1", "communication": "1"]).status == .notFound)
            // the scores are not on the case page
            #expect(!(try await web.send(.GET, "/cases/\(held)")).body.string.contains("当事人已匿名评价"))
            // one rating: the chief sees no single interviewer's figure
            let chief = WebClient(env)
            try await chief.login("chief", "Demo-pass-123")
            #expect(try await chief.send(.GET, "/statistics/interviews").body.string.contains("评价不足3份"))
            // two paper forms make three
            for scores in [("4", "5", "5"), ("3", "3", "4")] {
                token = try await web.csrf(from: "/cases/\(held)")
                let paper = try await web.send(.POST, "/cases/\(held)/ratings", pairs: [("_csrf", token), ("attitude", scores.0), ("professionalism", scores.1),
                                                                                       ("communication", scores.2)])
                #expect(paper.status == .seeOther)
            }
            let stats = try await chief.send(.GET, "/statistics/interviews")
            #expect(stats.body.string.contains("<td data-label=\"人员\">李明</td><td data-label=\"评价数\">3</td><td data-label=\"工作态度\">4.00</td><td data-label=\"专业水平\">4.00</td><td data-label=\"沟通效果\">4.33</td>"))
            // PLT-05: a user whose scope in the office is `own` sees no colleague's averages
            let office = try #require(try await env.store.sql.select().column("unit_id").from("cases").where("id", .equal, SQLBind(held)).first())
                .decode(column: "unit_id", as: UUID.self)
            _ = try await env.user("own_head", "吴副所长", unit: office, role: "unit-head", scope: .own)
            let own = WebClient(env)
            try await own.login("own_head", Seeded.password)
            let ownStats = try await own.send(.GET, "/statistics/interviews")
            #expect(ownStats.status == .ok && ownStats.body.string.contains("id=\"indicators\""))
            #expect(!ownStats.body.string.contains("<td data-label=\"人员\">李明</td>"))
        }
    }

    @Test("DOC-60 from the pages: the legal reviewer previews the masked typical case, must confirm, then publishes to the library")
    func publication() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let passed = try #require(try await env.store.sql.select().column("id").from("cases").where("state", .equal, SQLBind("passed")).first())
                .decode(column: "id", as: UUID.self)
            let web = WebClient(env)
            try await web.login("legal", "Demo-pass-123")
            let casePage = try await web.send(.GET, "/cases/\(passed)")
            #expect(casePage.body.string.contains("id=\"case-publish\""))
            let form = try await web.send(.GET, "/cases/\(passed)/publication")
            #expect(form.status == .ok)
            let token = WebClient.csrf(in: form.body.string) ?? ""
            let text = "当事人法定代表人张三（身份证号110105194912310029，电话13812345678）经约谈后整改到位。"
            let preview = try await web.send(.POST, "/cases/\(passed)/publication/preview", pairs: [("_csrf", token), ("title", "消防整改典型案例"), ("text", text)])
            #expect(preview.status == .ok)
            let masked = try #require(preview.body.string.components(separatedBy: "id=\"publication-masked\"").last)
            #expect(!masked.components(separatedBy: "<form").first!.contains("110105194912310029"))
            #expect(!masked.components(separatedBy: "<form").first!.contains("13812345678"))
            let unconfirmed = try await web.send(.POST, "/cases/\(passed)/publication", pairs: [("_csrf", token), ("title", "消防整改典型案例"), ("text", text)])
            #expect(unconfirmed.status == .unprocessableEntity)
            let published = try await web.send(.POST, "/cases/\(passed)/publication", pairs: [("_csrf", token), ("title", "消防整改典型案例"), ("text", text),
                                                                                             ("confirmed", "on")])
            #expect(published.status == .seeOther)
            let library = try await web.send(.GET, "/library")
            #expect(library.body.string.contains("消防整改典型案例"))
            #expect(!library.body.string.contains("13812345678") && !library.body.string.contains("110105194912310029"))
            // officers cannot publish
            let officer = WebClient(env)
            try await officer.login("zc_officer", "Demo-pass-123")
            #expect(try await officer.send(.GET, "/cases/\(passed)/publication").status == .forbidden)
        }
    }
}
