import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

/// The complaint track through the API and the store (issue 14, complaints.md): registered at office
/// A (the dispatching centre here), dispatched to office B, the forward refused (CP-12), received,
/// accepted, paused for testing (the stored mediation due date moves, CP-20), run out and proposed for
/// termination by the scheduler as the system (CP-21), terminated and served (CP-22). Its documents
/// are issued and served as an officer would (DOC-10, DOC-30), prefilled from the case (DOC-02), and a
/// respondent's copy carries nothing of the complainant's but the name (CP-08). On SQLite and
/// PostgreSQL; no complaint-specific web or store code exists.
@Suite("Complaint track through the API (CP-*)", .serialized)
struct ComplaintWebTests {
    typealias Body = FollowUpTests.ActionBody

    /// The new-document form of the case page for `code`, prefilled from the case (DOC-02): each
    /// field's value as the page shows it, and the recipient.
    static func prefilled(_ web: WebClient, _ id: String, _ code: String) async throws -> (values: [String: String], recipient: String, html: String) {
        let res = try await web.send(.GET, "/cases/\(id)/documents/new?template=\(code)")
        #expect(res.status == .ok, "\(code): \(res.status)")
        let html = res.body.string
        func unescaped(_ s: String) -> String {
            s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
        var values: [String: String] = [:]
        let field = try NSRegularExpression(pattern: #"<textarea[^>]* name="([^"]+)"[^>]*>([^<]*)</textarea>"#)
        for m in field.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            guard let name = Range(m.range(at: 1), in: html), let value = Range(m.range(at: 2), in: html), !html[value].isEmpty else { continue }
            values[String(html[name])] = unescaped(String(html[value]))
        }
        let recipient = html.range(of: #"name="recipient" value="[^"]*""#, options: .regularExpression)
            .map { unescaped(String(html[$0].dropFirst(#"name="recipient" value=""#.count).dropLast())) } ?? ""
        return (values, recipient, html)
    }

    /// Issues `code` through the API with the values given (DOC-11); the document as the API returns it.
    static func issue(_ env: TestEnv, _ token: String, _ id: String, _ code: String, _ values: [String: String], recipient: String) async throws -> DocumentDTO {
        let res = try await env.request(.POST, "/api/v1/cases/\(id)/documents", token: token,
                                        json: DocumentIssueDTO(templateCode: code, values: values, recipient: recipient))
        #expect(res.status == .created, "\(code): \(res.body.string)")
        return try DocumentTests.decode(DocumentDTO.self, res)
    }

    /// Records service by post (DOC-30): posted on `posted`, delivered on `delivered`.
    static func servePost(_ env: TestEnv, _ token: String, _ doc: DocumentDTO, to recipient: String, posted: String, delivered: String) async throws {
        let res = try await env.request(.POST, "/api/v1/documents/\(doc.id.uuidString)/service", token: token, json: [
            "recipient": recipient, "method": "post", "date": posted, "mailNumber": "11876\(posted.filter(\.isNumber))", "deliveredOn": delivered,
        ])
        #expect(res.status == .created, "\(res.body.string)")
    }

    static func clocks(_ env: TestEnv, _ id: String, token: String) async throws -> [String: [String: Any]] {
        let c = try RegistryTests.json(try await env.request(.GET, "/api/v1/cases/\(id)", token: token))
        var byStep: [String: [String: Any]] = [:]
        for clock in c["clocks"] as? [[String: Any]] ?? [] { if let step = clock["step"] as? String { byStep[step] = clock } }
        return byStep
    }

    @Test("CP-02 CP-09 CP-12 CP-14 CP-20 CP-21 CP-22: received Tue 2025-09-30, accept_due 10-16 across 国庆; mediation from 10-09 due 12-10, paused 10-20…10-24 so due 12-17; the scheduler proposes ground (5) after the moved due date; terminated and served")
    func endToEnd() async throws {
        try await withApp { env in
            // setup: the centre (A) with a dispatcher; office B with its officer and head
            let s = try await env.seed()
            let dispatcher = try await env.user("centre_head", "周主任", unit: s.officeA.id, role: "unit-head", scope: .unit)
            let headB = try await env.user("head_b", "吴所长", unit: s.officeB.id, role: "unit-head", scope: .unit)
            let consumer = try await env.parties.create(PartyInput(kind: "person", name: "张消费", phone: "13900001111"), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
            let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市惠民超市有限公司", uscc: .uscc(6161)), unitID: s.officeA.id,
                                                    actor: env.actor(s.officerA), context: .system("test")).party
            let a = try await env.token(s.officerA), centre = try await env.token(dispatcher)
            let b = try await env.token(s.officerB), bHead = try await env.token(headB)

            // act: registered at A on the day it came in from the platform
            let created = try await env.request(.POST, "/api/v1/complaints", token: a, json: [
                "complainantID": consumer.id.uuidString, "respondentID": shop.id.uuidString, "channel": "platform", "externalNo": "2025093000123",
                "receivedOn": "2025-09-30", "knewOn": "2025-09-25", "request": "退还货款", "statement": "购买的牛奶已过保质期",
            ])
            #expect(created.status == .created || created.status == .ok)
            let id = try #require(try RegistryTests.json(created)["id"] as? String)
            #expect(try await Self.clocks(env, id, token: a).isEmpty)

            // act: the centre dispatches to B; B's head may not forward it (CP-12)
            let sent = try await env.request(.POST, "/api/v1/complaints/\(id)/actions/dispatch", token: centre,
                                             json: Body(version: 1, input: ["unit": "DH", "reportBackOn": "2025-10-20"]))
            #expect(sent.status == .ok)
            let forward = try await env.request(.POST, "/api/v1/complaints/\(id)/actions/dispatch", token: bHead,
                                                json: Body(version: 2, input: ["unit": "ZC", "reportBackOn": "2025-10-20"]))
            #expect(forward.status == .unprocessableEntity)
            #expect(forward.body.string.contains("complaint.forward.refused"))
            // The centre keeps sight of it but cannot act (X-05).
            #expect(try await env.request(.GET, "/api/v1/complaints/\(id)", token: centre).status == .ok)
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/receive", token: centre, json: Body(version: 2, input: [:])).status == .notFound)

            // act: B receives it the same day; 7 working days skip 10-01…10-08 and count the make-up Saturday 10-11
            let received = try await env.request(.POST, "/api/v1/complaints/\(id)/actions/receive", token: b, json: Body(version: 2, input: [:]))
            #expect(received.status == .ok)
            #expect(try await Self.clocks(env, id, token: b)["acceptance"]?["due"] as? String == "2025-10-16")

            // act: proposed and approved on Thu 10-09 — the acceptance met, mediation due 45 working days on
            env.moveClock(to: "2025-10-09")
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/proposeDecision", token: b,
                                          json: Body(version: 3, input: ["decision": "reject"])).body.string.contains("complaint.ground.required"))
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/proposeDecision", token: b,
                                          json: Body(version: 3, input: ["decision": "accept"])).status == .ok)
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/approveDecision", token: bHead,
                                          json: Body(version: 4, input: ["verdict": "approve"])).status == .ok)
            // CP-14: the decision is communicated — the 受理决定书 issued with B's number and served on the complainant (DOC-30).
            let acceptance = try await Self.issue(env, b, id, "CP-ACCEPT", ComplaintDocuments.sampleValues(for: "CP-ACCEPT").merging([
                "party.name": "张消费", "respondent.name": "江城市惠民超市有限公司", "complaint.receivedDate": "2025年9月30日", "decision.date": "2025年10月9日",
            ]) { _, new in new }, recipient: "张消费")
            #expect(acceptance.number == "东湖所投受〔2025〕1号")
            try await Self.servePost(env, b, acceptance, to: "张消费", posted: "2025-10-09", delivered: "2025-10-11")
            let mediation = try #require(try await Self.clocks(env, id, token: b)["mediation"])
            let firstDue = try #require(mediation["due"] as? String)
            #expect(firstDue == "2025-12-10")

            // act: testing pauses mediation 10-20…10-24 (five working days): the stored due date moves by five
            env.moveClock(to: "2025-10-20")
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/pauseMediation", token: b,
                                          json: Body(version: 5, input: ["reason": "testing", "from": "2025-10-20"])).status == .ok)
            env.moveClock(to: "2025-10-27")
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/resumeMediation", token: b,
                                          json: Body(version: 6, input: ["to": "2025-10-24"])).status == .ok)
            #expect(try await Self.clocks(env, id, token: b)["mediation"]?["due"] as? String == "2025-12-17")
            // Overlapping pauses are refused with the field and rule (CP-20).
            let overlap = try await env.request(.POST, "/api/v1/complaints/\(id)/actions/pauseMediation", token: b,
                                                json: Body(version: 7, input: ["reason": "recusal", "from": "2025-10-24"]))
            #expect(overlap.status == .unprocessableEntity)
            #expect(overlap.body.string.contains("complaint.pause.overlap"))

            // act: no agreement — on the old due date nothing fires; after the moved one the system proposes ground (5)
            env.moveClock(to: "2025-12-11", hour: 0.5)
            _ = try await TimedTransitionRepository(store: env.store).fireDue()
            #expect(try RegistryTests.json(try await env.request(.GET, "/api/v1/complaints/\(id)", token: b))["version"] as? Int == 7)
            env.moveClock(to: "2025-12-18", hour: 0.5)
            _ = try await TimedTransitionRepository(store: env.store).fireDue()
            let proposed = try RegistryTests.json(try await env.request(.GET, "/api/v1/complaints/\(id)", token: b))
            #expect(proposed["version"] as? Int == 8)
            let events = try await env.audit.search(AuditQuery(login: "system:scheduler", action: "case.transition"), actor: env.actor(s.auditor))
            #expect(events.map { $0.draft.changes["transition"]?.after } == ["proposeTermination"])

            // act: B's head terminates on ground (5); the notice is due 7 working days on; served, concluded
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/decideTermination", token: bHead,
                                          json: Body(version: 8, input: ["ground": "5"])).status == .ok)
            let notice = try await Self.clocks(env, id, token: b)
            #expect(notice["terminationNotice"]?["due"] as? String == "2025-12-29")
            #expect(notice["mediation"]?["state"] as? String == "cancelled")
            // CP-22: a copy of the 终止调解决定书 to each party, served by post; the respondent's is delivered on 12-22.
            var termination = ComplaintDocuments.sampleValues(for: "CP-TERMINATION").merging([
                "complainant.name": "张消费", "respondent.name": "江城市惠民超市有限公司", "decision.date": "2025年10月9日", "termination.date": "2025年12月18日",
            ]) { _, new in new }
            for party in ["张消费", "江城市惠民超市有限公司"] {
                termination["party.name"] = party
                let copy = try await Self.issue(env, b, id, "CP-TERMINATION", termination, recipient: party)
                try await Self.servePost(env, b, copy, to: party, posted: "2025-12-18", delivered: party == "张消费" ? "2025-12-20" : "2025-12-22")
            }
            env.moveClock(to: "2025-12-22")
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/serveTermination", token: b,
                                          json: Body(version: 9, input: [:])).status == .ok)
            let done = try RegistryTests.json(try await env.request(.GET, "/api/v1/complaints/\(id)", token: b))
            #expect(done["state"] as? String == "concluded")
            #expect(try await Self.clocks(env, id, token: b)["terminationNotice"]?["endedOn"] as? String == "2025-12-22")
        }
    }

    /// A complaint of office A received Tue 2025-09-30 and accepted Thu 10-09, its 受理决定书 prefilled for
    /// the complainant, issued and served, both parties consenting to mediation (version 5).
    static func mediating(_ env: TestEnv) async throws -> (id: String, officer: String, head: String, web: WebClient) {
        let s = try await env.seed()
        let head = try await env.user("head_a", "王所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
        let consumer = try await env.parties.create(PartyInput(kind: "person", name: "张消费", idNumber: "11010519491231002X", phone: "13900001111",
                                                               address: "江城市中村路1号3单元502室"), unitID: s.officeA.id, actor: env.actor(s.officerA),
                                                    context: .system("test")).party
        let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市惠民超市有限公司", uscc: .uscc(6161), representative: "王建国",
                                                           address: "江城市中村路88号"), unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
        let a = try await env.token(s.officerA), h = try await env.token(head)
        let created = try await env.request(.POST, "/api/v1/complaints", token: a, json: [
            "complainantID": consumer.id.uuidString, "respondentID": shop.id.uuidString, "channel": "window", "receivedOn": "2025-09-30", "knewOn": "2025-09-25",
            "request": "退还货款并赔偿", "statement": "购买的牛奶已过保质期",
        ])
        let id = try #require(try RegistryTests.json(created)["id"] as? String)
        #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/receive", token: a, json: Body(version: 1, input: [:])).status == .ok)
        env.moveClock(to: "2025-10-09")
        #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/proposeDecision", token: a,
                                      json: Body(version: 2, input: ["decision": "accept"])).status == .ok)
        #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/approveDecision", token: h,
                                      json: Body(version: 3, input: ["verdict": "approve"])).status == .ok)
        let web = WebClient(env)
        try await web.login("officer_a", Seeded.password)
        // The acceptance decision goes to the complainant, at the address the officer may see (PLT-20).
        let form = try await Self.prefilled(web, id, "CP-ACCEPT")
        #expect(form.recipient == "张消费")
        #expect(form.values["party.address"] == "江城市中村路1号3单元502室")
        #expect(form.values["decision.date"] == "2025年10月9日")
        let accepted = try await Self.issue(env, a, id, "CP-ACCEPT", form.values.merging(["contact.phone": "0571-86001234"]) { _, new in new },
                                            recipient: form.recipient)
        #expect(accepted.number == "中村所投受〔2025〕1号")
        try await Self.servePost(env, a, accepted, to: "张消费", posted: "2025-10-09", delivered: "2025-10-10")
        #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/recordConsents", token: a, json: Body(version: 4, input: [
            "complainantConsentOn": "2025-10-09", "respondentConsentOn": "2025-10-09",
        ])).status == .ok)
        return (id, a, h, web)
    }

    @Test("CP-08 X-09 CP-18: the 调解通知书 to the respondent, prefilled from the case, names the complainant and carries none of the complainant's phone, ID number or address")
    func respondentNotice() async throws {
        try await withApp { env in
            // setup
            let (id, officer, _, web) = try await Self.mediating(env)
            // act: the notice as the officer prefills it — addressed to the respondent
            let form = try await Self.prefilled(web, id, "CP-MEDIATION-NOTICE")
            #expect(form.recipient == "江城市惠民超市有限公司")
            #expect(form.values["party.address"] == "江城市中村路88号")
            #expect(form.values["complainant.name"] == "张消费")
            #expect(form.values["mediation.mediator"] == "李明")
            let notice = try await Self.issue(env, officer, id, "CP-MEDIATION-NOTICE", form.values.merging([
                "mediation.time": "2025年10月16日上午9时30分", "mediation.place": "中村市场监管所一楼调解室", "contact.phone": "0571-86001234",
            ]) { _, new in new }, recipient: form.recipient)
            let html = try await env.request(.GET, "/api/v1/documents/\(notice.id.uuidString)/html", token: officer).body.string
            let docx = try await env.request(.GET, "/api/v1/documents/\(notice.id.uuidString)/docx", token: officer)
            let archive = try Archive(data: Data(docx.body.readableBytesView), accessMode: .read)
            var xmlData = Data()
            _ = try archive.extract(try #require(archive["word/document.xml"])) { xmlData.append($0) }
            let xml = String(decoding: xmlData, as: UTF8.self)
            // check: the number (DOC-10); the names mediation needs; nothing else of the complainant's
            #expect(notice.number == "中村所投调通〔2025〕1号")
            #expect(html.contains("投诉调解通知书") && html.contains("张消费投诉江城市惠民超市有限公司一案"))
            for page in [form.html, html, xml] {
                for secret in ["13900001111", "11010519491231002X", "中村路1号3单元502室", "3单元"] {
                    #expect(!page.contains(secret), "the respondent's notice shows \(secret)")
                }
            }
        }
    }

    @Test("CP-21 CP-22 DOC-10 DOC-30: the 终止调解决定书 is prefilled with the ground of 办法第二十一条 and the date, numbered 中村所投终调〔2025〕1号; serveTermination is refused until it is issued and served, then concludes on the service date")
    func terminationDocument() async throws {
        try await withApp { env in
            // setup: mediating; on Mon 10-20 the respondent says no agreement is possible — ground (4)
            let (id, officer, head, web) = try await Self.mediating(env)
            env.moveClock(to: "2025-10-20")
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/decideTermination", token: head,
                                          json: Body(version: 5, input: ["ground": "4"])).status == .ok)
            // act + check: not yet issued
            let early = try await env.request(.POST, "/api/v1/complaints/\(id)/actions/serveTermination", token: officer, json: Body(version: 6, input: [:]))
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("document.required") && early.body.string.contains("CP-22"))
            // act: prefilled from the case (signed in again: the session of 10-09 has lapsed) and issued through the API
            try await web.login("officer_a", Seeded.password)
            let form = try await Self.prefilled(web, id, "CP-TERMINATION")
            #expect(form.values["termination.ground"] == "第（四）项规定的“经组织调解，一方明确表示无法达成调解协议”")
            #expect(form.values["termination.date"] == "2025年10月20日")
            #expect(form.values["decision.date"] == "2025年10月9日")
            #expect(form.values["party.address"] == "江城市中村路88号")
            let decision = try await Self.issue(env, officer, id, "CP-TERMINATION", form.values, recipient: form.recipient)
            // check: the number (DOC-10) and the ground as printed
            #expect(decision.number == "中村所投终调〔2025〕1号")
            #expect(decision.number?.range(of: #"^中村所投终调〔\d{4}〕[1-9]\d*号$"#, options: .regularExpression) != nil)
            let html = try await env.request(.GET, "/api/v1/documents/\(decision.id.uuidString)/html", token: officer).body.string
            #expect(html.contains("第二十一条第（四）项规定的“经组织调解，一方明确表示无法达成调解协议”的情形"))
            #expect(html.contains("本局于2025年10月20日决定终止调解"))
            // act + check: issued but not served
            let unserved = try await env.request(.POST, "/api/v1/complaints/\(id)/actions/serveTermination", token: officer, json: Body(version: 6, input: [:]))
            #expect(unserved.status == .unprocessableEntity)
            #expect(unserved.body.string.contains("document.unserved"))
            // act: served by post, delivered 10-22; the complaint concludes that day
            try await Self.servePost(env, officer, decision, to: form.recipient, posted: "2025-10-20", delivered: "2025-10-22")
            env.moveClock(to: "2025-10-23")
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/serveTermination", token: officer,
                                          json: Body(version: 6, input: [:])).status == .ok)
            let done = try RegistryTests.json(try await env.request(.GET, "/api/v1/complaints/\(id)", token: officer))
            #expect(done["state"] as? String == "concluded")
            #expect(try await Self.clocks(env, id, token: officer)["terminationNotice"]?["endedOn"] as? String == "2025-10-22")
        }
    }

    @Test("Demo (issue 14 item 11): complaints in several states through the real procedure; the one received 2026-02-11 was due for a decision 02-27 across the Spring Festival (make-up Saturday 02-14), decided 02-14 on time, and ended by agreement; one delegated to 中村消协分会 and mediated by its 受托调解员 (CP-17); one disputed between 东湖所 and 中村所, put to 江城区分局's 分送员 by the scheduler (CP-42); every state; a mixed item of 2026-09-29 split, its report verified across the National Day (due 10-26), filed and its reporter told, the registry entry paid and closed")
    func demo() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let rows = try await env.store.sql.select().columns("id", "state", "title").from("cases").where("case_type", .equal, SQLBind("complaint")).all()
            // every state of the complaint track (issue 14 item 11)
            #expect(Set(try rows.map { try $0.decode(column: "state", as: String.self) }) == Set(ComplaintProcedure.states.map(\.key)))
            // CP-17: the delegated mediation, with the delegate's session, on the delegate's worklist
            let org = OrganisationRepository(store: env.store)
            let delegate = try await org.actor(for: try #require(try await org.user(login: "zc_delegate")))
            // of the mediating complaints, the delegate may see exactly the one delegated to them
            var visible: [ComplaintFacts] = []
            for row in rows where try row.decode(column: "state", as: String.self) == "mediating" {
                if let c = try await ProcedureRepository(store: env.store, ComplaintProcedure.self).find(try row.decode(column: "id", as: UUID.self), actor: delegate) {
                    visible.append(c.procedureCase.facts)
                }
            }
            #expect(visible.count == 1)
            let facts = try #require(visible.first)
            #expect(facts.delegation?.servicePointName == "中村消协分会" && facts.delegation?.mediatorName == "陈立新" && facts.sessions?.count == 1)
            // CP-42: the dispute's 7 working days have run out — the scheduler puts it to the 分局, whose 分送员 is told
            // (the same pass finds the demo's open disputes unresolved at November's end, MD-18)
            let fired = try await TimedTransitionRepository(store: env.store).fireDue().fired
            #expect(fired.filter { $0.transition != "monthUnresolved" }.map(\.transition) == ["referDispute"])
            #expect(fired.contains { $0.transition == "monthUnresolved" })
            let dispatcher = try #require(try await org.user(login: "jcq_dispatcher"))
            #expect(try await NotificationRepository(store: env.store).inbox(userID: dispatcher.id).contains { $0.kind == "case.unit-notice" })
            let spring = try #require(try rows.first { try $0.decode(column: "state", as: String.self) == "concluded" })
            let clock = try await env.store.sql.select().columns("due_date", "ended_on", "late").from("clocks")
                .where("case_id", .equal, SQLBind(try spring.decode(column: "id", as: UUID.self))).where("step", .equal, SQLBind("acceptance")).first()
            #expect(try clock?.decode(column: "due_date", as: String.self) == "2026-02-27")
            #expect(try clock?.decode(column: "ended_on", as: String.self) == "2026-02-14")
            #expect(try clock?.decode(column: "late", as: Bool.self) == false)
            // every demo complaint is a consumer's (a natural person) against a business, never the reverse
            let everyFacts = try await env.store.sql.select().column("facts").from("cases").where("case_type", .equal, SQLBind("complaint")).all()
                .map { try JSONDecoder().decode(ComplaintFacts.self, from: Data(try $0.decode(column: "facts", as: String.self).utf8)) }
            #expect(everyFacts.count == rows.count)
            for f in everyFacts {
                let kinds = try await env.store.sql.select().columns("id", "kind").from("parties")
                    .where("id", .in, SQLBind.group([f.complainantID, f.respondentID])).all()
                    .reduce(into: [UUID: String]()) { $0[try $1.decode(column: "id", as: UUID.self)] = try $1.decode(column: "kind", as: String.self) }
                #expect(kinds[f.complainantID] == PartyKind.person.rawValue, "\(f.complainantName)")
                #expect(kinds[f.respondentID].map { $0 != PartyKind.person.rawValue } == true, "\(f.respondentName)")
            }
            // every state of the report track too
            let reportStates = try await env.store.sql.select().column("state").from("cases").where("case_type", .equal, SQLBind("report")).all()
                .map { try $0.decode(column: "state", as: String.self) }
            #expect(Set(reportStates) == Set(ReportProcedure.states.map(\.key)))
            // the mixed item of 2026-09-29: its report verified across the National Day, filed by the 局负责人 on 10-20 and the
            // reporter told by the 告知书 served 10-23; the registry entry decided, served, paid 3,000 yuan with its voucher and closed
            let report = try #require(try await env.store.sql.select().columns("id", "state", "closed_on").from("cases")
                .where("case_type", .equal, SQLBind("report")).where("opened_on", .equal, SQLBind("2026-09-29")).first())
            #expect(try report.decode(column: "state", as: String.self) == "concluded")
            #expect(try report.decode(column: "closed_on", as: String?.self) == "2026-10-23")
            let reportID = try report.decode(column: "id", as: UUID.self)
            let verification = try #require(try await env.store.sql.select().columns("due_date", "ended_on").from("clocks")
                .where("case_id", .equal, SQLBind(reportID)).where("step", .equal, SQLBind("reportVerification")).first())
            #expect(try verification.decode(column: "due_date", as: String.self) == "2026-10-26")
            let filed = try #require(try await env.store.sql.select().columns("to_case_id").from("case_links")
                .where("from_case_id", .equal, SQLBind(reportID)).where("relation", .equal, SQLBind("filed-as")).first())
            let entry = try #require(try await env.store.sql.select().columns("state", "closed_on", "facts").from("cases")
                .where("id", .equal, SQLBind(try filed.decode(column: "to_case_id", as: UUID.self))).first())
            #expect(try entry.decode(column: "state", as: String.self) == "closed")
            #expect(try entry.decode(column: "facts", as: String.self).contains("非税3301"))
            #expect(try !entry.decode(column: "facts", as: String.self).contains(try #require(everyFacts.first { $0.request.hasPrefix("超市销售过期牛奶") }).complainantName))
            #expect(try await AuditRepository(store: env.store).verify().isIntact)
        }
    }

    @Test("Scenario 1 (CP-07, CP-08): a mixed item received Fri 2025-09-26 is split — the report track gets its own number and clock (verification due 2025-10-23 across 国庆), the consumer as its confidential reporter; the complaint settled leaves the report open")
    func split() async throws {
        try await withApp { env in
            let s = try await env.seed()
            env.moveClock(to: "2025-09-26")
            let consumer = try await env.parties.create(PartyInput(kind: "person", name: "孙牛奶", phone: "13900003333"), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
            let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市惠民超市有限公司", uscc: .uscc(6262)), unitID: s.officeA.id,
                                                    actor: env.actor(s.officerA), context: .system("test")).party
            let a = try await env.token(s.officerA)
            let colleague = try await env.token(try await env.user("officer_a2", "王芳", unit: s.officeA.id, role: "officer", scope: .unit))
            let head = try await env.token(try await env.user("head_a", "张所长", unit: s.officeA.id, role: "unit-head", scope: .unit))
            let id = try #require(try RegistryTests.json(try await env.request(.POST, "/api/v1/complaints", token: a, json: [
                "complainantID": consumer.id.uuidString, "respondentID": shop.id.uuidString, "channel": "platform", "externalNo": "2025092600777",
                "receivedOn": "2025-09-26", "knewOn": "2025-09-25", "request": "退还过期牛奶货款", "statement": "购买的牛奶已过保质期，并举报超市销售过期食品",
            ]))["id"] as? String)
            // act: split at registration; the complaint is received by office A itself (CP-13)
            let split = try await env.request(.POST, "/api/v1/complaints/\(id)/actions/splitReport", token: a,
                                              json: Body(version: 1, input: ["actPlace": "惠民超市", "category": "other", "clue": "销售超过保质期的牛奶"]))
            #expect(split.status == .ok)
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/splitReport", token: a, json: Body(version: 2, input: [
                "actPlace": "惠民超市", "category": "other", "clue": "再次拆分"])).body.string.contains("complaint.split.done"))
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/receive", token: a, json: Body(version: 2, input: [:])).status == .ok)
            #expect(try await Self.clocks(env, id, token: a)["acceptance"]?["due"] as? String == "2025-10-13")
            // check: the linked report, its own number (JB) and clock
            let links = try RegistryTests.list(try await env.request(.GET, "/api/v1/complaints/\(id)/links", token: a))
            let reportID = try #require(links.first?["caseId"] as? String)
            let report = try RegistryTests.json(try await env.request(.GET, "/api/v1/reports/\(reportID)", token: a))
            #expect((report["number"] as? String)?.contains("-JB-2025-") == true)
            #expect((report["facts"] as? [String: Any])?["reporterName"] as? String == "孙牛奶")
            #expect((report["facts"] as? [String: Any])?["origin"] as? String == "split")
            #expect(try await Self.clocks(env, reportID, token: a)["reportVerification"]?["due"] as? String == "2025-10-23")
            // CP-08: a colleague not on it reads the report without the reporter
            #expect(!(try await env.request(.GET, "/api/v1/reports/\(reportID)", token: colleague)).body.string.contains("孙牛奶"))
            // act: the complaint is accepted and settled (CP-07: the report stays open)
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/proposeDecision", token: a,
                                          json: Body(version: 3, input: ["decision": "accept"])).status == .ok)
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/approveDecision", token: head,
                                          json: Body(version: 4, input: ["verdict": "approve"])).status == .ok)
            // The decision is served on the complainant before the file may close (DOC-40).
            let accepted = try await Self.issue(env, a, id, "CP-ACCEPT", ComplaintDocuments.sampleValues(for: "CP-ACCEPT").merging([
                "party.name": "孙牛奶", "respondent.name": "江城市惠民超市有限公司", "complaint.receivedDate": "2025年9月26日", "decision.date": "2025年9月26日",
            ]) { _, new in new }, recipient: "孙牛奶")
            env.moveClock(to: "2025-09-29")
            try await Self.servePost(env, a, accepted, to: "孙牛奶", posted: "2025-09-26", delivered: "2025-09-28")
            let settled = try await env.request(.POST, "/api/v1/complaints/\(id)/actions/recordOutcome", token: a,
                                                json: Body(version: 5, input: ["outcome": "settled"]))
            #expect(settled.status == .ok, "\(settled.body.string)")
            #expect(try RegistryTests.json(try await env.request(.GET, "/api/v1/complaints/\(id)", token: a))["state"] as? String == "concluded")
            #expect(try RegistryTests.json(try await env.request(.GET, "/api/v1/reports/\(reportID)", token: a))["state"] as? String == "verifying")
        }
    }

    @Test("Bad input (CP-43): a platform number registered again is refused with the field and rule, and nothing is written; another channel's same number is a different item")
    func duplicateExternalNumber() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let consumer = try await env.parties.create(PartyInput(kind: "person", name: "周重复", phone: "13900004444"), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
            let shop = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市重复商行有限公司", uscc: .uscc(6363)), unitID: s.officeA.id,
                                                    actor: env.actor(s.officerA), context: .system("test")).party
            let a = try await env.token(s.officerA)
            func register(_ channel: String) async throws -> TestingHTTPResponse {
                try await env.request(.POST, "/api/v1/complaints", token: a, json: [
                    "complainantID": consumer.id.uuidString, "respondentID": shop.id.uuidString, "channel": channel, "externalNo": "2025093000999",
                    "receivedOn": "2025-09-30", "knewOn": "2025-09-29", "request": "退款", "statement": "商品质量问题",
                ])
            }
            #expect(try await register("platform").status == .created)
            let again = try await register("platform")
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("complaint.external-no.duplicate"))
            #expect(again.body.string.contains("externalNo"))
            let count = try await env.sql.select().column("id").from("cases").where("case_type", .equal, SQLBind("complaint")).all().count
            #expect(count == 1)
            #expect(try await register("hotline").status == .created)
        }
    }
}
