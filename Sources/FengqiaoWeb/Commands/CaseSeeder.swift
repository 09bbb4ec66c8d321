import Crypto
import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import SQLKit
import Vapor

/// Issue 13 item 6's large database: `count` cases of the benchmarked procedure written in bulk into
/// the demo bureau's offices, each as a real one would be — its facts played through the engine, a
/// party link, a running clock, a numbered document (from the unit's sequence, with its content hash)
/// and a stored file (content-addressed under the files directory), every one with its audit events,
/// so the chain covers them. The bench's bulk path (`ProcedureBench`) with documents and files.
enum CaseSeeder {
    struct Summary { var cases = 0, documents = 0, files = 0, events = 0 }
    struct Planned: Sendable {
        let n: Int, state: String, party: UUID, partyName: String, start: LocalDate, facts: String, category: String?, countsAsPrior: Bool
        let step: String, rule: String, clockStart: LocalDate, due: DueDate
        /// What the statistics count the case by (migration 033), without its unit.
        let dates: [String: LocalDate], tags: [[BulkValue]]
    }

    static func seed<P: Benchmarked>(_ procedure: P.Type, app: Application, store: Store, count: Int, chunk: Int = 1_000,
                                     progress: (Int) -> Void = { _ in }) async throws -> Summary {
        let plan = P.bench
        let org = OrganisationRepository(store: store)
        let ctx = AuditContext.system("seed")
        let today = store.clock.todayInBeijing
        guard let officerUser = try await org.user(login: "zc_officer"), let colleague = try await org.user(login: "zc_officer2"),
              let chiefUser = try await org.user(login: "chief") else {
            throw Abort(.badRequest, reason: "seed: the demo bureau is missing (run `fengqiao demo --no-serve` first)")
        }
        let officer = try await org.actor(for: officerUser)
        let tree = try await org.tree()
        // The offices with a number prefix (DOC-10): the seeded cases are spread over them.
        var found: [(id: UUID, code: String, prefix: String, issuer: String)] = []
        for row in try await store.sql.select().columns("id", "code", "number_prefix").from("units").where("kind", .equal, SQLBind("office"))
            .orderBy("code").all() {
            guard let prefix = try row.decode(column: "number_prefix", as: String?.self), !prefix.isEmpty else { continue }
            let id = try row.decode(column: "id", as: UUID.self)
            found.append((id, try row.decode(column: "code", as: String.self), prefix, tree.path(from: id).reversed().map(\.name).suffix(2).joined()))
        }
        let offices = found
        // Parties: two in three of the offices' parties carry seeded cases; the rest stay free for
        // writers that open new cases (IV-03 refuses a second interview on the same party and category).
        let parties = try await store.sql.select().columns("id", "name").from("parties").orderBy("id").all().enumerated()
            .filter { $0.offset % 3 != 0 }.map { (try $0.element.decode(column: "id", as: UUID.self), try $0.element.decode(column: "name", as: String.self)) }
        guard !offices.isEmpty, !parties.isEmpty else { throw Abort(.badRequest, reason: "seed: no office with a number prefix, or no party") }
        guard let rules = P.module.ruleSets.first(where: { $0.key == P.ruleSetKey }) else {
            throw Abort(.internalServerError, reason: "seed: \(P.caseType) ships no rule set \(P.ruleSetKey)")
        }
        let ruleSet = "\(P.ruleSetKey)@\(rules.version)", ruleVersions = "{\"\(P.ruleSetKey)\":\(rules.version)}"
        let calendar = try await CalendarRepository(store: store).current()
        let registry = try await TemplateRegistry.load(store)
        guard let template = registry.inForce(plan.documents[0], on: today) else { throw Abort(.internalServerError, reason: "seed: no template") }
        let values = app.fengqiao.procedures.sampleValues(template: template.code)
        let encodedValues = DocumentRepository.encode(values)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let cast = BenchCast(officer: officer, colleague: colleague.id, leader: try await org.actor(for: chiefUser), calendar: calendar)
        let filesRoot = app.fengqiao.config.filesDirectory
        var rng = DemoData.Random(seed: 31)
        var summary = Summary()
        let caseColumns = ["id", "unit_id", "case_type", "number", "title", "gravity", "state", "handler_id", "opened_on", "rule_versions", "closed_on",
                           "version", "created_at", "updated_at", "facts", "category", "counts_as_prior"]
        let documentColumns = ["id", "case_id", "unit_id", "template_code", "template_version", "type_word", "year", "serial", "number", "state",
                               "recipient", "issuer", "values", "issued_on", "content_sha256", "void_reason", "created_at", "created_by"]
        let attachmentColumns = ["id", "sha256", "size", "media_type", "kind", "filename", "case_id", "uploader_id", "created_at"]
        var written = 0
        while written < count {
            let m = min(chunk, count - written)
            let first = written
            // The random and engine-played parts outside the write (its body is @Sendable).
            var planned: [Planned] = []
            for i in 0..<m {
                let n = first + i
                let state = plan.openStates[Int(rng.next() % UInt64(plan.openStates.count))]
                let (party, partyName) = parties[n % parties.count]
                let start = today.adding(days: -Int(rng.next() % 12))
                let facts = try plan.facts(BenchSeed(state: state, party: party, partyName: partyName, openedOn: start, serial: n), cast)
                guard let step = plan.clockStep[state], let rule = rules.rule(step) else {
                    throw Abort(.internalServerError, reason: "seed: no clock for \(P.caseType) state \(state)")
                }
                let clockStart = plan.clockStart(facts, step, start)
                planned.append(Planned(n: n, state: state, party: party, partyName: partyName, start: start,
                                       facts: String(decoding: try encoder.encode(facts), as: UTF8.self), category: P.category(facts),
                                       countsAsPrior: P.countsAsPrior(facts), step: step, rule: ClockRepository.encode(rule), clockStart: clockStart,
                                       due: rule.due(from: clockStart, in: calendar), dates: P.statisticDates(facts),
                                       tags: CaseStatistics.bulkRows(P.self, caseID: UUID(), unitID: UUID(), facts: facts).tags))
            }
            let batch = planned
            let seeded: Summary = try await store.write(ctx) { tx in
                var cases: [[BulkValue]] = [], links: [[BulkValue]] = [], clocks: [[BulkValue]] = [], docs: [[BulkValue]] = [], files: [[BulkValue]] = []
                var dates: [[BulkValue]] = [], tags: [[BulkValue]] = []
                var ids: [UUID] = []
                // Serials for the chunk, per office: case numbers (PLT-17) and document numbers (DOC-11).
                var caseSerial: [Int: Int] = [:], docSerial: [Int: Int] = [:]
                for o in offices.indices {
                    let n = batch.filter { $0.n % offices.count == o }.count
                    guard n > 0 else { continue }
                    caseSerial[o] = try await DocumentRepository.allocate(tx, unitID: offices[o].id, typeWord: CaseNumber.sequence(moduleCode: P.module.moduleCode),
                                                                          year: today.year, count: n).lowerBound
                    docSerial[o] = try await DocumentRepository.allocate(tx, unitID: offices[o].id, typeWord: template.typeWord, year: today.year, count: n).lowerBound
                }
                for p in batch {
                    let n = p.n, o = n % offices.count, office = offices[o]
                    let id = UUID(), clockID = UUID(), docID = UUID(), fileID = UUID()
                    ids.append(id)
                    let (state, party, partyName, start, step, due) = (p.state, p.party, p.partyName, p.start, p.step, p.due)
                    let handler: UUID? = office.code == "ZC" && n % 10 == 0 ? officer.userID : nil
                    let number = CaseNumber(unitCode: office.code, moduleCode: P.module.moduleCode, year: today.year, serial: caseSerial[o]!).formatted
                    caseSerial[o]! += 1
                    let title = "\(partyName) 批量案件\(n)"
                    cases.append([.uuid(id), .uuid(office.id), .text(P.caseType), .text(number), .text(title), .text(n % 50 == 0 ? "major" : "ordinary"),
                                  .text(state), handler.map(BulkValue.uuid) ?? .null, .text(start.iso), .text(ruleVersions), .null, .int(1), .int(tx.now),
                                  .int(tx.now), .text(p.facts), .optionalText(p.category), .bool(p.countsAsPrior)])
                    links.append([.uuid(UUID()), .uuid(party), .uuid(id), .text(number), .text(P.caseType), .text(state), .text(start.iso), .uuid(office.id)])
                    dates += p.dates.sorted { $0.key < $1.key }.map { [.uuid(id), .text(P.caseType), .uuid(office.id), .text($0.key), .text($0.value.iso)] }
                    tags += p.tags.map { [.uuid(id)] + $0.dropFirst() }
                    clocks.append([.uuid(clockID), .uuid(id), .uuid(office.id), handler.map(BulkValue.uuid) ?? .null, .text(step), .text(ruleSet),
                                   .text(p.rule), .text(p.clockStart.iso), .text(due.date.iso), .bool(due.provisional), .bool(false),
                                   .int(Int64(calendar.revision)), .null, .null, .bool(false), .int(1), .int(tx.now), .int(tx.now)])
                    // The document, numbered from the office's sequence, with its DOC-23 hash.
                    let serial = docSerial[o]!
                    docSerial[o]! += 1
                    let docNumber = try DocumentSeries(unitPrefix: office.prefix, typeWord: template.typeWord, year: today.year).number(serial).formatted
                    let hash = DocumentService.contentHash(RenderedDocument(template: template, number: docNumber, issuer: office.issuer, date: today.chinese,
                                                                            recipient: partyName, values: values))
                    docs.append([.uuid(docID), .uuid(id), .uuid(office.id), .text(template.code), .int(Int64(template.version)), .text(template.typeWord),
                                 .int(Int64(today.year)), .int(Int64(serial)), .text(docNumber), .text("issued"), .text(partyName), .text(office.issuer),
                                 .text(encodedValues), .text(today.iso), .text(hash), .null, .int(tx.now), .text("seed")])
                    // The stored file: distinct content per case, content-addressed as AttachmentRepository stores it.
                    let bytes = Array("%PDF-1.4\n% fengqiao seed: \(number) \(id.uuidString)\n".utf8) + Array(repeating: UInt8(0x20 + n % 90), count: 600 + n % 400)
                    let sha = AuditChain.hex(Array(SHA256.hash(data: bytes)))
                    try Self.store(bytes, sha: sha, root: filesRoot)
                    files.append([.uuid(fileID), .text(sha), .int(Int64(bytes.count)), .text("application/pdf"), .text(AttachmentKind.evidence.rawValue),
                                  .text("现场照片\(n).pdf"), .uuid(id), .uuid(officer.userID), .int(tx.now)])
                    tx.record("case.create", "case", id.uuidString, changes: [
                        "type": .init(before: nil, after: P.caseType), "number": .init(before: nil, after: number), "title": .init(before: nil, after: title),
                        "ruleVersions": .init(before: nil, after: ruleVersions),
                    ], detail: "seed")
                    tx.record("clock.start", "case", id.uuidString, changes: ["step": .init(before: nil, after: step), "due": .init(before: nil, after: due.date.iso)],
                              detail: "clock \(clockID.uuidString)")
                    tx.record("document.issue", "case", id.uuidString, changes: [
                        "number": .init(before: nil, after: docNumber), "template": .init(before: nil, after: "\(template.code) v\(template.version)"),
                        "sha256": .init(before: nil, after: hash),
                    ], detail: "document \(docID.uuidString)")
                    tx.record("attachment.upload", "attachment", fileID.uuidString, changes: ["sha256": .init(before: nil, after: sha)])
                    tx.record("case.attachment", "case", id.uuidString, changes: ["sha256": .init(before: nil, after: sha)], detail: "attachment \(fileID.uuidString)")
                }
                try await SQLSupport.bulkInsert(tx.sql, into: "cases", columns: caseColumns, rows: cases)
                try await SQLSupport.bulkInsert(tx.sql, into: "party_case_links", columns: ["id", "party_id", "case_id", "case_number", "module", "state",
                                                                                        "opened_on", "unit_id"], rows: links)
                try await SQLSupport.bulkInsert(tx.sql, into: "clocks", columns: ClockRepository.columns + ["created_at", "updated_at"], rows: clocks)
                try await SQLSupport.bulkInsert(tx.sql, into: "documents", columns: documentColumns, rows: docs)
                try await SQLSupport.bulkInsert(tx.sql, into: "attachments", columns: attachmentColumns, rows: files)
                try await SQLSupport.bulkInsert(tx.sql, into: "case_dates", columns: CaseStatistics.dateColumns, rows: dates)
                try await SQLSupport.bulkInsert(tx.sql, into: "case_tags", columns: CaseStatistics.tagColumns, rows: tags)
                try await ClockRepository.refreshNextDue(tx.sql, caseIDs: ids)
                return Summary(cases: m, documents: m, files: m, events: 5 * m)
            }
            summary.cases += seeded.cases
            summary.documents += seeded.documents
            summary.files += seeded.files
            summary.events += seeded.events
            written += m
            progress(written)
        }
        return summary
    }

    /// Writes `bytes` at the content address, through a temporary name (a reader never sees half a file).
    static func store(_ bytes: [UInt8], sha: String, root: String) throws {
        let target = "\(root)/\(sha.prefix(2))/\(sha.dropFirst(2))"
        let fm = FileManager.default
        if fm.fileExists(atPath: target) { return }
        let dir = (target as NSString).deletingLastPathComponent
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let tmp = "\(dir)/.tmp-\(UUID().uuidString)"
        guard fm.createFile(atPath: tmp, contents: Data(bytes)) else { throw Abort(.internalServerError, reason: "seed: cannot write \(tmp)") }
        try fm.moveItem(atPath: tmp, toPath: target)
    }
}
