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

/// One case one file (DOC-40…44) and destruction (DOC-50, DOC-51), on both databases.
@Suite("Case files, archives and destruction", .serialized)
struct ArchiveTests {
    struct World {
        let s: Seeded
        let head: UserRecord
        let leader: UserRecord
        let caseID: UUID
        let notice: DocumentRow
    }

    static func world(_ env: TestEnv, title: String = "归档测试案件") async throws -> World {
        let s = try await env.seed()
        let head = try await env.user("head_a", "王所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
        let leader = try await env.user("leader", "赵局长", unit: s.bureau.id, role: "chief-leader", scope: .all)
        let caseID = try await Self.newCase(env, s, title: title)
        let notice = try await DocumentService(store: env.store).issue(caseID: caseID, templateCode: "IV-NOTICE", values: DocumentTests.noticeValues,
                                                                       recipient: nil, actor: env.actor(s.officerA), context: .system("t"))
        return World(s: s, head: head, leader: leader, caseID: caseID, notice: notice)
    }

    static func newCase(_ env: TestEnv, _ s: Seeded, title: String) async throws -> UUID {
        try await CaseRepository(store: env.store).create(
            NewCase(unitID: s.officeA.id, caseType: "test", title: title, state: "open", handlerID: s.officerA.id,
                    openedOn: LocalDate(iso: "2025-09-30")!, ruleSetKeys: ["interview"]), actor: env.actor(s.officerA), context: .system("t")).id
    }

    static let required = [RequiredDocument(code: "IV-NOTICE", nameZH: "行政约谈通知书", needsService: true),
                           RequiredDocument(code: "IV-RECORD", nameZH: "行政约谈记录", needsService: false)]

    static func report(_ env: TestEnv, _ w: World) async throws -> CompletenessReport {
        let docs = try await DocumentRepository(store: env.store).documents(ofCase: w.caseID, actor: env.actor(w.s.officerA))
        var present: [CaseDocument] = []
        for d in docs {
            let served = try await !DocumentRepository(store: env.store).serviceRecords(d.id).isEmpty
            present.append(CaseDocument(code: d.templateCode, number: nil, state: d.state == .issued ? .issued : .void, served: served))
        }
        return CompletenessReport(required: required, documents: present)
    }

    @Test("DOC-40 closing with missing or unserved documents needs the head's override with a reason; DOC-42 archive numbers are unique and sequential")
    func closeAndArchive() async throws {
        try await withApp { env in
            let w = try await Self.world(env)
            let archives = ArchiveRepository(store: env.store)
            let report = try await Self.report(env, w)
            #expect(report.missing.map(\.code) == ["IV-RECORD"])
            #expect(report.unserved.map(\.code) == ["IV-NOTICE"])
            // The officer cannot close an incomplete file, with or without a reason.
            await #expect(throws: DomainError.self) {
                try await archives.close(w.caseID, on: LocalDate(iso: "2025-10-20")!, report: report, overrideReason: nil, actor: env.actor(w.s.officerA), context: .system("t"))
            }
            await #expect(throws: DomainError.self) {
                try await archives.close(w.caseID, on: LocalDate(iso: "2025-10-20")!, report: report, overrideReason: "急需结案", actor: env.actor(w.s.officerA), context: .system("t"))
            }
            // Archiving before closing is refused.
            await #expect(throws: DomainError.self) {
                _ = try await archives.archive(w.caseID, fonds: "J012", retention: .d5, on: LocalDate(iso: "2025-10-21")!, actor: env.actor(w.s.officerA), context: .system("t"))
            }
            try await archives.close(w.caseID, on: LocalDate(iso: "2025-10-20")!, report: report, overrideReason: "当事人已停业，约谈记录无法取得",
                                     actor: env.actor(w.head), context: .system("t"))
            let events = try await env.audit.search(AuditQuery(action: "case.close"), actor: env.actor(w.s.auditor))
            #expect(events.first?.draft.changes["override"]?.after?.contains("行政约谈记录") == true)
            // DOC-41: closing starts the archiving clocks: electronic 10 and paper 30 working days.
            let clocks = ClockRepository(store: env.store)
            let archiving = try await clocks.clocks(ofCase: w.caseID, actor: env.actor(w.s.officerA))
            #expect(Dictionary(uniqueKeysWithValues: archiving.map { ($0.step, $0.due.iso) }) == ["archiveElectronic": "2025-11-03", "archivePaper": "2025-12-01"])
            let a = try await archives.archive(w.caseID, fonds: "J012", retention: .d5, on: LocalDate(iso: "2025-10-21")!, actor: env.actor(w.s.officerA), context: .system("t"))
            #expect(a.archiveNumber == "J012-2025-D5-0001")
            let ended = try await clocks.clocks(ofCase: w.caseID, actor: env.actor(w.s.officerA))
            #expect(ended.allSatisfy { $0.endedOn?.iso == "2025-10-21" && !$0.late })
            #expect(a.retentionEnds?.iso == "2030-12-31")
            // A second case gets item 0002.
            let second = try await Self.newCase(env, w.s, title: "第二件")
            try await archives.close(second, on: LocalDate(iso: "2025-10-20")!, report: CompletenessReport(required: [], documents: []), overrideReason: nil,
                                     actor: env.actor(w.s.officerA), context: .system("t"))
            let b = try await archives.archive(second, fonds: "J012", retention: .d5, on: LocalDate(iso: "2025-10-22")!, actor: env.actor(w.s.officerA), context: .system("t"))
            #expect(b.archiveNumber == "J012-2025-D5-0002")
        }
    }

    @Test("DOC-50 DOC-51 a case under hold cannot be listed; destruction needs review, approval and three supervisors, removes bodies and keeps the record")
    func destruction() async throws {
        try await withApp { env in
            let w = try await Self.world(env)
            let archives = ArchiveRepository(store: env.store)
            let officer = try await env.actor(w.s.officerA)
            // Attach a file to the case.
            let files = AttachmentRepository(store: env.store, root: env.dir + "/files", maxBytes: 1_000_000)
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("evidence-photo".utf8)
            let attachment = try await files.save(png, filename: "现场照片.png", kind: .evidence, caseID: w.caseID, actor: officer, context: .system("t"))
            let held = try await Self.newCase(env, w.s, title: "诉讼中的案件")
            for c in [w.caseID, held] {
                try await archives.close(c, on: LocalDate(iso: "2025-10-20")!, report: CompletenessReport(required: [], documents: []), overrideReason: nil,
                                         actor: officer, context: .system("t"))
                _ = try await archives.archive(c, fonds: "J012", retention: .d5, on: LocalDate(iso: "2025-10-21")!, actor: officer, context: .system("t"))
            }
            _ = try await archives.addHold(held, kind: .pendingLitigation, note: "（2030）浙0102行初12号", actor: officer, context: .system("t"))
            // Retention ends 2030-12-31; on that day nothing can be listed.
            env.moveClock(to: "2030-12-31")
            let head = try await env.actor(w.head)
            var proposal = try await archives.propose(actor: head, context: .system("t"))
            let early = try await archives.candidate(w.caseID, actor: head)
            await #expect(throws: DomainError.self) {
                _ = try await archives.update(proposal.id, action: "list", actor: head, context: .system("t")) { p in try p.list(early, on: LocalDate(iso: "2030-12-31")!) }
            }
            env.moveClock(to: "2031-01-05")
            let today = LocalDate(iso: "2031-01-05")!
            let underHold = try await archives.candidate(held, actor: head)
            do {
                _ = try await archives.update(proposal.id, action: "list", actor: head, context: .system("t")) { p in try p.list(underHold, on: today) }
                Issue.record("a case under hold was listed")
            } catch let e as DomainError {
                #expect(e.ruleID == "DOC-50")
                #expect(e.messageZH.contains("诉讼") || e.fields.contains { $0.messageZH.contains("诉讼") })
            }
            let candidate = try await archives.candidate(w.caseID, actor: head)
            proposal = try await archives.update(proposal.id, action: "list", actor: head, context: .system("t")) { p in try p.list(candidate, on: today) }
            proposal = try await archives.update(proposal.id, action: "submit", actor: head, context: .system("t")) { p in try p.submitForReview(on: today) }
            proposal = try await archives.update(proposal.id, action: "review", actor: head, context: .system("t")) { p in
                try p.review(caseID: w.caseID.uuidString, decision: .destroy, reviewer: "档案员 孙", on: today)
                try p.completeReview(on: today)
            }
            let leader = try await env.actor(w.leader)
            proposal = try await archives.update(proposal.id, action: "approve", actor: leader, context: .system("t")) { p in
                try p.approve(approver: "赵局长", on: today, resolution: "局长办公会 2031年第1次")
            }
            // Two supervisors are not enough.
            await #expect(throws: DomainError.self) {
                _ = try await archives.destroy(proposal.id, supervisors: ["钱", "孙"], place: "档案室", method: "粉碎", filesRoot: env.dir + "/files",
                                               actor: leader, context: .system("t"))
            }
            let record = try await archives.destroy(proposal.id, supervisors: ["钱监销", "孙监销", "李监销"], place: "档案室", method: "粉碎",
                                                    filesRoot: env.dir + "/files", actor: leader, context: .system("t"))
            #expect(record.destroyedCaseIDs == [w.caseID.uuidString])
            // DOC-51: bodies and files gone; metadata, list and record kept.
            let doc = try #require(try await DocumentRepository(store: env.store).find(w.notice.id, actor: officer))
            #expect(doc.values.isEmpty)
            #expect(doc.number == w.notice.number)
            #expect(!FileManager.default.fileExists(atPath: files.path(for: attachment.sha256)))
            #expect(try await archives.archiveRecord(w.caseID)?.destroyedOn?.iso == "2031-01-05")
            #expect(try await CaseRepository(store: env.store).find(w.caseID, actor: officer)?.title == "归档测试案件")
            let (stored, _) = try #require(try await archives.proposal(proposal.id))
            #expect(stored.status == .destroyed)
            #expect(stored.record?.supervisors.count == 3)
            // The held case is untouched.
            #expect(try await archives.archiveRecord(held)?.destroyedOn == nil)
        }
    }
}

extension ArchiveTests {
    @Test("DOC-44 an exported package lists every file with its SHA-256 and verifies; a tampered package fails verify")
    func exportAndVerify() async throws {
        try await withApp { env in
            let w = try await Self.world(env)
            let officer = try await env.actor(w.s.officerA)
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("scan".utf8)
            _ = try await AttachmentRepository(store: env.store, root: env.dir + "/files", maxBytes: 1_000_000)
                .save(png, filename: "送达回证.png", kind: .signedScan, caseID: w.caseID, actor: officer, context: .system("t"))
            // From the case page, as the office's user.
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let res = try await web.send(.GET, "/cases/\(w.caseID.uuidString)/archive.zip")
            #expect(res.status == .ok)
            let data = Data(res.body.readableBytesView)
            let verdict = ArchivePackage.verify(data)
            #expect(verdict.isValid)
            let paths = verdict.files.map(\.path)
            #expect(paths.contains { $0.hasSuffix("documents/001-中村所约〔2025〕1号.docx") })
            #expect(paths.contains { $0.hasSuffix("index.csv") })
            #expect(paths.contains { $0.hasSuffix("audit.jsonl") })
            #expect(paths.contains { $0.contains("attachments/") && $0.hasSuffix("送达回证.png") })
            // Tamper: change one file's bytes and rebuild the ZIP around the old manifest.
            let source = try Archive(data: data, accessMode: .read)
            let rebuilt = try Archive(accessMode: .create)
            for entry in source where entry.type == .file {
                var bytes = Data()
                _ = try source.extract(entry) { bytes.append($0) }
                if entry.path.hasSuffix("audit.jsonl") { bytes.append(contentsOf: Array("{\"forged\":true}\n".utf8)) }
                let content = bytes
                try rebuilt.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(content.count), compressionMethod: .deflate) { position, size in
                    content.subdata(in: Int(position)..<min(Int(position) + size, content.count))
                }
            }
            let forged = try #require(rebuilt.data)
            let bad = ArchivePackage.verify(forged)
            #expect(!bad.isValid)
            #expect(bad.problems.contains { $0.path?.hasSuffix("audit.jsonl") == true })
            // Another office cannot export it.
            let other = WebClient(env)
            try await other.login("officer_b", Seeded.password)
            #expect(try await other.send(.GET, "/cases/\(w.caseID.uuidString)/archive.zip").status == .notFound)
        }
    }
}

extension ArchiveTests {
    @Test("DOC-60 a published case keeps no personal identifier of its parties: persons become 张某; the company name stays")
    func publication() async throws {
        try await withApp { env in
            let w = try await Self.world(env)
            let officer = try await env.actor(w.s.officerA)
            let parties = PartyRepository(store: env.store)
            let person = try await parties.create(PartyInput(kind: "person", name: "李明华", idNumber: "11010519491231002X", phone: "13812345678",
                                                             address: "北京市朝阳区建国路88号2单元301"), unitID: w.s.officeA.id, actor: officer, context: .system("t")).party
            let company = try await parties.create(PartyInput(kind: "enterprise", name: "江城市好味餐饮有限公司", uscc: .uscc(4242), representative: "王大力"),
                                                   unitID: w.s.officeA.id, actor: officer, context: .system("t")).party
            let cases = CaseRepository(store: env.store)
            try await cases.linkParty(w.caseID, partyID: person.id, actor: officer, context: .system("t"))
            try await cases.linkParty(w.caseID, partyID: company.id, actor: officer, context: .system("t"))
            let legal = try await env.user("legal", "法制科审核员", unit: w.s.bureau.id, role: "legal-reviewer", scope: .all)
            let token = try await env.token(legal)
            let text = "消费者李明华（身份证号11010519491231002X，电话138 1234 5678，住北京市朝阳区建国路88号2单元301）投诉江城市好味餐饮有限公司，"
                + "该公司法定代表人王大力于2025年10月14日到所接受约谈，同意退赔3,000元。"
            let publish = { (confirmed: Bool) in
                try await env.request(.POST, "/api/v1/cases/\(w.caseID.uuidString)/publication", token: token,
                                      json: PublishDTO(title: "李明华投诉餐饮企业约谈案", text: text, channel: "library", confirmed: confirmed))
            }
            // Open case: refused.
            let open = try await publish(true)
            #expect(open.status == .unprocessableEntity)
            #expect(open.body.string.contains("publication.case-open"))
            try await ArchiveRepository(store: env.store).close(w.caseID, on: LocalDate(iso: "2025-10-20")!, report: CompletenessReport(required: [], documents: []),
                                                               overrideReason: nil, actor: officer, context: .system("t"))
            #expect(try await publish(false).status == .unprocessableEntity)
            // An officer is not a reviewer.
            let officerToken = try await env.token(w.s.officerA)
            #expect(try await env.request(.POST, "/api/v1/cases/\(w.caseID.uuidString)/publication/preview", token: officerToken,
                                          json: PublicationPreviewRequestDTO(text: text)).status == .forbidden)
            let preview = try JSONDecoder().decode(PublicationPreviewDTO.self, from: Data(try await env.request(
                .POST, "/api/v1/cases/\(w.caseID.uuidString)/publication/preview", token: token, json: PublicationPreviewRequestDTO(text: text)).body.readableBytesView))
            #expect(preview.leaks.isEmpty)
            let res = try await publish(true)
            #expect(res.status == .created)
            let published = try JSONDecoder().decode(PublicationDTO.self, from: Data(res.body.readableBytesView))
            for secret in ["李明华", "11010519491231002X", "138 1234 5678", "13812345678", "建国路88号", "王大力"] {
                #expect(!published.text.contains(secret), "\(secret) survived")
                #expect(!published.title.contains(secret), "\(secret) survived in the title")
            }
            #expect(published.text.contains("李某"))
            #expect(published.text.contains("王某"))
            #expect(published.text.contains("江城市好味餐饮有限公司"))
            #expect(published.text.contains("北京市朝阳区"))
            #expect(published.text.contains("2025年10月14日"))
            #expect(published.text.contains("3,000元"))
            // Nothing unmasked is stored anywhere in the library.
            let library = try await PublicationRepository(store: env.store).library()
            #expect(library.count == 1)
            #expect(!library[0].text.contains("李明华"))
        }
    }
}
