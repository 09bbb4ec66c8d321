import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
@testable import FengqiaoWeb
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

/// Documents on a case (DOC-01…31) through the API and the repositories, on both databases.
@Suite("Documents, numbers and service", .serialized)
struct DocumentTests {
    static let noticeValues = InterviewTemplates.sampleValues(for: "IV-NOTICE")

    static func openCase(_ env: TestEnv, _ s: Seeded) async throws -> UUID {
        try await CaseRepository(store: env.store).create(
            NewCase(unitID: s.officeA.id, caseType: "test", title: "文书测试案件", state: "open", handlerID: s.officerA.id,
                    openedOn: LocalDate(iso: "2025-09-30")!, ruleSetKeys: ["interview"]),
            actor: env.actor(s.officerA), context: .system("test")).id
    }

    static func issue(_ env: TestEnv, _ token: String, _ caseID: UUID, values: [String: String] = noticeValues) async throws -> TestingHTTPResponse {
        try await env.request(.POST, "/api/v1/cases/\(caseID.uuidString)/documents", token: token,
                              json: DocumentIssueDTO(templateCode: "IV-NOTICE", values: values, recipient: nil))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ res: TestingHTTPResponse) throws -> T {
        try JSONDecoder().decode(type, from: Data(res.body.readableBytesView))
    }

    @Test("DOC-11 200 documents issued from parallel requests get numbers 1…200 exactly once")
    func parallelNumbers() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let caseID = try await Self.openCase(env, s)
            let token = try await env.token(s.officerA)
            // Each request carries its own Idempotency-Key and is retried, as a client would, when the
            // server is momentarily out of connections (a loaded PostgreSQL pool answers 5xx after its
            // wait): the rule under test is that numbers stay gap-free and unique, not that 200
            // simultaneous requests all find a connection. A retry of a committed issue is answered
            // 409 `idempotency.completed` with the document's id (PLT-52), never a second number.
            let issued = try await withThrowingTaskGroup(of: (id: String?, statuses: [UInt]).self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        let key = UUID().uuidString
                        var statuses: [UInt] = []
                        for attempt in 0..<8 {
                            let res = try await env.request(.POST, "/api/v1/cases/\(caseID.uuidString)/documents", token: token,
                                                            json: DocumentIssueDTO(templateCode: "IV-NOTICE", values: Self.noticeValues, recipient: nil),
                                                            headers: [("Idempotency-Key", key)])
                            statuses.append(res.status.code)
                            if res.status == .created { return (try Self.decode(DocumentDTO.self, res).id.uuidString, statuses) }
                            let body = (try? JSONSerialization.jsonObject(with: Data(res.body.readableBytesView))) as? [String: Any]
                            if res.status == .conflict, body?["code"] as? String == "idempotency.completed",
                               let field = (body?["fields"] as? [[String: Any]])?.first, let id = field["messageZH"] as? String {
                                return (id, statuses)
                            }
                            guard res.status.code >= 500 || res.status == .conflict else { return (nil, statuses) }
                            try await Task.sleep(for: .milliseconds(200 * (attempt + 1)))
                        }
                        return (nil, statuses)
                    }
                }
                var out: [(id: String?, statuses: [UInt])] = []
                for try await r in group { out.append(r) }
                return out
            }
            #expect(issued.allSatisfy { $0.id != nil }, "refused: \(issued.filter { $0.id == nil }.map(\.statuses))")
            #expect(Set(issued.compactMap(\.id)).count == 200)
            let stored = try await DocumentRepository(store: env.store).documents(ofCase: caseID, actor: env.actor(s.officerA))
            #expect(stored.compactMap(\.serial).sorted() == Array(1...200))
            #expect(Set(stored.compactMap(\.number)).count == 200)
            #expect(stored.contains { $0.number == "中村所约〔2025〕200号" })
        }
    }

    @Test("PLT-52 DOC-11 an issue that committed before its answer was recorded is answered, on retry, with its document (not its case) and takes no second number")
    func issueRetryAfterCommit() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let caseID = try await Self.openCase(env, s)
            let token = try await env.token(s.officerA)
            let route = "POST /api/v1/cases/\(caseID.uuidString)/documents"
            // setup: the issue committed under the claim, then the process stopped before answering
            guard case .claimed(let claimToken) = try await AccessRepository(store: env.store)
                .claimIdempotencyKey(userID: s.officerA.id, key: "doc-crash", route: route) else {
                Issue.record("not claimed"); return
            }
            let scope = IdempotencyClaimScope(userID: s.officerA.id, key: "doc-crash", token: claimToken)
            let actor = try await env.actor(s.officerA)
            let first = try await IdempotencyClaimScope.$current.withValue(scope) {
                try await DocumentService(store: env.store).issue(caseID: caseID, templateCode: "IV-NOTICE", values: Self.noticeValues,
                                                                 recipient: nil, actor: actor, context: .system("test"))
            }
            // act: the client retries with the same key
            let retry = try await env.request(.POST, "/api/v1/cases/\(caseID.uuidString)/documents", token: token,
                                              json: DocumentIssueDTO(templateCode: "IV-NOTICE", values: Self.noticeValues, recipient: nil),
                                              headers: [("Idempotency-Key", "doc-crash")])
            // check: the answer is the document issued before the crash, with its number; no second number
            #expect(retry.status == .created)
            let dto = try Self.decode(DocumentDTO.self, retry)
            #expect(dto.id == first.id)
            #expect(dto.number == "中村所约〔2025〕1号")
            let stored = try await DocumentRepository(store: env.store).documents(ofCase: caseID, actor: actor)
            #expect(stored.map(\.id) == [first.id])
        }
    }

    @Test("DOC-02 DOC-11 empty required fields block issuing, naming each, and take no number; a voided document keeps its number")
    func requiredAndVoid() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let caseID = try await Self.openCase(env, s)
            let token = try await env.token(s.officerA)
            var values = Self.noticeValues
            values["party.name"] = " "
            values.removeValue(forKey: "interview.place")
            let refused = try await Self.issue(env, token, caseID, values: values)
            #expect(refused.status == .unprocessableEntity)
            let body = refused.body.string
            #expect(body.contains("document.field.required"))
            #expect(body.contains("party.name"))
            #expect(body.contains("DOC-02"))
            let first = try Self.decode(DocumentDTO.self, try await Self.issue(env, token, caseID))
            #expect(first.number == "中村所约〔2025〕1号")
            #expect(first.verificationCode.count == 8)
            // Void: reason required; the number stays, marked void, and is never reused.
            let noReason = try await env.request(.POST, "/api/v1/documents/\(first.id.uuidString)/void", token: token, json: VoidDTO(reason: " "))
            #expect(noReason.status == .unprocessableEntity)
            let voided = try Self.decode(DocumentDTO.self, try await env.request(.POST, "/api/v1/documents/\(first.id.uuidString)/void", token: token,
                                                                                 json: VoidDTO(reason: "当事人名称有误")))
            #expect(voided.state == "void")
            #expect(voided.number == "中村所约〔2025〕1号")
            let second = try Self.decode(DocumentDTO.self, try await Self.issue(env, token, caseID))
            #expect(second.number == "中村所约〔2025〕2号")
            // Office B cannot see either.
            let tokenB = try await env.token(s.officerB)
            #expect(try await env.request(.GET, "/api/v1/documents/\(second.id.uuidString)", token: tokenB).status == .notFound)
            #expect(try await Self.issue(env, tokenB, caseID).status == .notFound)
        }
    }

    @Test("DOC-12 a reserved block takes the next numbers; each form is used or voided once; issuing continues after the block")
    func reservedBlock() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let caseID = try await Self.openCase(env, s)
            let token = try await env.token(s.officerA)
            _ = try await Self.issue(env, token, caseID)
            let head = try await env.user("head_a", "王所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
            let headToken = try await env.token(head)
            // An officer may not reserve.
            #expect(try await env.request(.POST, "/api/v1/number-blocks", token: token,
                                          json: BlockRequestDTO(unitId: s.officeA.id, typeWord: "约", year: 2025, count: 10, note: nil)).status == .forbidden)
            let res = try await env.request(.POST, "/api/v1/number-blocks", token: headToken,
                                            json: BlockRequestDTO(unitId: s.officeA.id, typeWord: "约", year: 2025, count: 10, note: "现场文书"))
            #expect(res.status == .created)
            let block = try Self.decode(BlockDTO.self, res)
            #expect((block.first, block.last) == (2, 11))
            let next = try Self.decode(DocumentDTO.self, try await Self.issue(env, token, caseID))
            #expect(next.serial == 12)
            let used = try Self.decode(BlockDTO.self, try await env.request(.POST, "/api/v1/number-blocks/\(block.id.uuidString)/forms", token: token,
                                                                            json: FormUseDTO(serial: 3, caseRef: "现场检查 2025-10-09", usedOn: "2025-10-09", voidReason: nil)))
            #expect(used.forms.first?.number == "中村所约〔2025〕3号")
            #expect(used.forms.first?.state == "used")
            let again = try await env.request(.POST, "/api/v1/number-blocks/\(block.id.uuidString)/forms", token: token,
                                              json: FormUseDTO(serial: 3, caseRef: "另一案", usedOn: "2025-10-10", voidReason: nil))
            #expect(again.status == .conflict)
            let voided = try Self.decode(BlockDTO.self, try await env.request(.POST, "/api/v1/number-blocks/\(block.id.uuidString)/forms", token: token,
                                                                              json: FormUseDTO(serial: 4, caseRef: nil, usedOn: nil, voidReason: "填写错误")))
            #expect(voided.forms.map(\.state) == ["used", "voided"])
            let outside = try await env.request(.POST, "/api/v1/number-blocks/\(block.id.uuidString)/forms", token: token,
                                                json: FormUseDTO(serial: 12, caseRef: "x", usedOn: "2025-10-10", voidReason: nil))
            #expect(outside.status == .unprocessableEntity)
        }
    }

    @Test("DOC-30 DOC-31 service needs its method's proof; an unserved document starts no clock; the service date starts the interview clock")
    func service() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let caseID = try await Self.openCase(env, s)
            let token = try await env.token(s.officerA)
            let doc = try Self.decode(DocumentDTO.self, try await Self.issue(env, token, caseID))
            let repo = DocumentRepository(store: env.store)
            let officer = try await env.actor(s.officerA)
            // DOC-31: not yet served.
            do {
                _ = try await repo.serviceDate(doc.id, actor: officer)
                Issue.record("an unserved document gave a service date")
            } catch let e as DomainError { #expect(e.ruleID == "DOC-31") }
            // Post without mail number and delivery date: both named.
            let bad = try await env.request(.POST, "/api/v1/documents/\(doc.id.uuidString)/service", token: token,
                                            json: ["recipient": "江城市好味餐饮有限公司", "method": "post", "date": "2025-09-30"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("mailNumber"))
            #expect(bad.body.string.contains("deliveredOn"))
            let ok = try await env.request(.POST, "/api/v1/documents/\(doc.id.uuidString)/service", token: token,
                                           json: ["recipient": "江城市好味餐饮有限公司", "method": "post", "date": "2025-09-30",
                                                  "mailNumber": "1187654321098", "deliveredOn": "2025-10-09"])
            #expect(ok.status == .created)
            let record = try Self.decode(ServiceRecordDTO.self, ok)
            #expect(record.effectiveOn == "2025-10-09")
            let start = try await repo.serviceDate(doc.id, actor: officer)
            // Interview within 5 working days of service: 10-10, 10-11 (make-up Saturday), 10-13, 10-14, 10-15.
            let clock = try await ClockRepository(store: env.store).start(caseID: caseID, ruleSet: "interview", step: "interview", on: start, handlerID: nil,
                                                                          actor: officer, context: .system("t"))
            #expect(clock.due.iso == "2025-10-15")
            let timeline = try await CaseRepository(store: env.store).timeline(caseID, actor: officer).map(\.action)
            #expect(timeline.contains("document.issue"))
            #expect(timeline.contains("document.serve"))
        }
    }

    @Test("X-08 DOC-01 a document is issued with the template version in force on the issue date, not the latest stored one")
    func templateVersionInForce() async throws {
        try await withApp { env in
            // setup: version 2 from 2025-10-10, version 3 from 2025-10-20, both saved on 2025-09-30
            let s = try await env.seed()
            let caseID = try await Self.openCase(env, s)
            let token = try await env.token(s.officerA)
            let legal = try await env.user("legal", "法制科", unit: s.bureau.id, role: "legal-reviewer", scope: .all)
            let notice = try #require(InterviewTemplates.template(code: "IV-NOTICE"))
            for (latest, from, text) in [(1, "2025-10-10", "第二版文字"), (2, "2025-10-20", "第三版文字")] {
                let row = TemplateVersionRow(code: notice.code, version: 0, nameZH: notice.nameZH, docClass: notice.docClass, typeWord: notice.typeWord,
                                             fieldsJSON: TemplateRegistry.fieldsJSON(notice.fields), hasStub: notice.hasStub,
                                             needsService: notice.needsService, sealed: notice.sealed, stubSummary: notice.stubSummary,
                                             body: notice.body + "\n" + text, effectiveFrom: LocalDate(iso: from)!, createdBy: "")
                _ = try await TemplateRepository(store: env.store).save(row, expectedLatest: latest, actor: env.actor(legal), context: .system("t"))
            }
            // act + check: before, between and on the effective dates
            let sept = try Self.decode(DocumentDTO.self, try await Self.issue(env, token, caseID))
            #expect(sept.templateVersion == 1)
            env.moveClock(to: "2025-10-19", hour: 10)
            let between = try Self.decode(DocumentDTO.self, try await Self.issue(env, token, caseID))
            #expect(between.templateVersion == 2)
            let html = try await env.request(.GET, "/api/v1/documents/\(between.id.uuidString)/html", token: token).body.string
            #expect(html.contains("第二版文字") && !html.contains("第三版文字"))
            env.moveClock(to: "2025-10-20", hour: 10)
            #expect(try Self.decode(DocumentDTO.self, try await Self.issue(env, token, caseID)).templateVersion == 3)
        }
    }

    @Test("DOC-01 DOC-23 an edited template is a new version; an issued document keeps its version and its verification code")
    func templateVersions() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let caseID = try await Self.openCase(env, s)
            let token = try await env.token(s.officerA)
            let before = try Self.decode(DocumentDTO.self, try await Self.issue(env, token, caseID))
            #expect(before.templateVersion == 1)
            // The legal department edits the notice body.
            let legal = try await env.user("legal", "法制科", unit: s.bureau.id, role: "legal-reviewer", scope: .all)
            let notice = InterviewTemplates.template(code: "IV-NOTICE")!
            let row = TemplateVersionRow(code: notice.code, version: 0, nameZH: notice.nameZH, docClass: notice.docClass, typeWord: notice.typeWord,
                                         fieldsJSON: TemplateRegistry.fieldsJSON(notice.fields), hasStub: notice.hasStub, needsService: notice.needsService,
                                         sealed: notice.sealed, stubSummary: notice.stubSummary, body: notice.body + "\n新增的一段告知文字。",
                                         effectiveFrom: LocalDate(iso: "2025-10-01")!, createdBy: "")
            let saved = try await TemplateRepository(store: env.store).save(row, expectedLatest: 1, actor: env.actor(legal), context: .system("t"))
            #expect(saved.version == 2)
            // Saving from the same base again is stale.
            await #expect(throws: DomainError.self) {
                _ = try await TemplateRepository(store: env.store).save(row, expectedLatest: 1, actor: env.actor(legal), context: .system("t"))
            }
            // Version 2 takes effect on 2025-10-01: issued that day, it is used.
            env.moveClock(to: "2025-10-01", hour: 10)
            let after = try Self.decode(DocumentDTO.self, try await Self.issue(env, token, caseID))
            #expect(after.templateVersion == 2)
            // The first document still renders with version 1; its verification code matches its content.
            let html1 = try await env.request(.GET, "/api/v1/documents/\(before.id.uuidString)/html", token: token).body.string
            let html2 = try await env.request(.GET, "/api/v1/documents/\(after.id.uuidString)/html", token: token).body.string
            #expect(!html1.contains("新增的一段告知文字"))
            #expect(html2.contains("新增的一段告知文字"))
            #expect(html1.contains("校验码 \(before.verificationCode.uppercased())"))
            let docx = try await env.request(.GET, "/api/v1/documents/\(before.id.uuidString)/docx", token: token)
            #expect(docx.status == .ok)
            let archive = try Archive(data: Data(docx.body.readableBytesView), accessMode: .read)
            #expect(archive["word/document.xml"] != nil)
            let registry = try await TemplateRegistry.load(env.store)
            let row1 = try #require(try await DocumentRepository(store: env.store).find(before.id, actor: env.actor(s.officerA)))
            var rendered = try DocumentService.rendered(row1, registry: registry)
            rendered.verificationCode = ""
            #expect(DocumentService.contentHash(rendered) == before.sha256)
        }
    }
}

extension DocumentTests {
    @Test("DOC-02 the template page refuses an unknown placeholder on save, keeps the typed text, and saves a valid edit as a new version")
    func templatePage() async throws {
        try await withApp { env in
            let s = try await env.seed()
            _ = try await env.user("legal", "法制科", unit: s.bureau.id, role: "legal-reviewer", scope: .all)
            let web = WebClient(env)
            try await web.login("legal", Seeded.password)
            let list = try await web.send(.GET, "/templates")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("行政约谈通知书"))
            let page = try await web.send(.GET, "/templates/IV-NOTICE").body.string
            let csrf = WebClient.csrf(in: page) ?? ""
            let notice = InterviewTemplates.template(code: "IV-NOTICE")!
            let bad = try await web.send(.POST, "/templates/IV-NOTICE", form: ["_csrf": csrf, "version": "1", "effectiveFrom": "2025-10-01",
                                                                              "body": notice.body + "\n请携带{{party.shoeSize}}到场。"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("party.shoeSize"))
            #expect(bad.body.string.contains("请携带"))
            #expect(try await TemplateRepository(store: env.store).versions().isEmpty)
            let good = try await web.send(.POST, "/templates/IV-NOTICE", form: ["_csrf": csrf, "version": "1", "effectiveFrom": "2025-10-01",
                                                                               "body": notice.body + "\n请按时到场。"])
            #expect(good.status == .seeOther)
            #expect(try await TemplateRepository(store: env.store).versions().map(\.version) == [2])
            // An officer cannot save.
            let officer = WebClient(env)
            try await officer.login("officer_a", Seeded.password)
            let token = try await officer.csrf(from: "/templates/IV-NOTICE")
            #expect(try await officer.send(.POST, "/templates/IV-NOTICE", form: ["_csrf": token, "version": "2", "effectiveFrom": "2025-10-01",
                                                                                "body": "x"]).status == .forbidden)
        }
    }
}
