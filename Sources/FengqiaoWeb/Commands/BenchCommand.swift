import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Fluent
import Foundation
import Vapor

/// `fengqiao bench`: figures, not assertions. Runs against the configured database, which must be
/// empty (point FENGQIAO_SQLITE_PATH or FENGQIAO_DATABASE_URL at a scratch one).
struct BenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "parties", help: "rows to import (default 100000)") var parties: Int?
        @Option(name: "events", help: "single-event audited writes (default 5000)") var events: Int?
        @Option(name: "clocks", help: "open clocks for the overdue scan (default 1000000)") var clocks: Int?
        @Option(name: "cases", help: "cases in the archive export (default 1000)") var cases: Int?
        @Option(name: "worklist-cases", help: "cases of the benchmarked procedure for the worklist, case page and transition figures (default 100000; 0 skips)")
        var worklistCases: Int?
        @Option(name: "import-items", help: "items of a 12315 platform export to import, then import again (CP-43; default 0 skips)")
        var importItems: Int?
        @Option(name: "import-batch", help: "items per durable commit of the import (default 25; 1 commits each item's writes on their own)")
        var importBatch: Int?
        @Flag(name: "analysis", help: "after the worklist cases, time the monthly analysis (CP-38) against the same figures by hand-written SQL")
        var analysis: Bool
        @Flag(name: "ledger", help: "after the worklist cases, time the bureau's monthly mediation 台帐 (MD-41) against the same counts by hand-written SQL")
        var ledger: Bool
        @Option(name: "procedure", help: "case type of the procedure measured (default: the first with a bench plan, the interview)")
        var procedure: String?
    }
    /// CAL-10…16 on the precomputed table: due dates and working-day counts per second.
    static func dueDates(_ context: CommandContext) {
        let calendar = WorkCalendar.shipped
        let base = LocalDate(year: 2004, month: 1, day: 1)!.ordinal
        let span = LocalDate(year: 2026, month: 6, day: 30)!.ordinal - base
        var rng = DemoData.Random(seed: 42)
        let n = 10_000_000
        let starts = (0..<4096).map { _ in LocalDate(ordinal: base + Int(rng.next() % UInt64(span))) }
        var checksum = 0
        var t0 = Date()
        for i in 0..<n {
            checksum &+= calendar.due(from: starts[i & 4095], count: 1 + (i & 31), unit: .workday).date.day
        }
        let due = Date().timeIntervalSince(t0)
        t0 = Date()
        for i in 0..<n {
            checksum &+= calendar.between(starts[i & 4095], starts[(i + 7) & 4095])
        }
        let between = Date().timeIntervalSince(t0)
        t0 = Date()
        for i in 0..<n {
            checksum &+= calendar.due(from: starts[i & 4095], count: 1 + (i & 31), unit: .day).date.day
        }
        let days = Date().timeIntervalSince(t0)
        context.console.print(String(format: "due dates: %.1f M/s (workdays), %.1f M/s (calendar days, rolled); between: %.1f M/s  [checksum %d]",
                                     Double(n) / due / 1e6, Double(n) / days / 1e6, Double(n) / between / 1e6, checksum))
    }

    var help: String { "性能基准（导入速率、审计追加速率）/ benchmarks: party import and audit append rates" }

    func run(using context: CommandContext, signature: Signature) async throws {
        Self.dueDates(context)
        let app = context.application
        try await app.autoMigrate()
        let store = app.fengqiao.store(app.db)
        guard try await AuditRepository(store: store).count() == 0 else {
            context.console.error("bench needs an empty database (it writes 100,000 parties); set FENGQIAO_SQLITE_PATH to a scratch file")
            throw ExitCode(2)
        }
        let unit = try await OrganisationRepository(store: store).createUnit(code: "BENCH", name: "基准所", kind: .office, parentID: nil, areaCode: nil,
                                                                            numberPrefix: nil, context: .system("bench"))
        let n = signature.parties ?? 100_000
        var csv = CSVWriter(bom: true)
        csv.append(["类型", "名称", "统一社会信用代码", "身份证号", "法定代表人", "电话", "地址"])
        for p in DemoData.parties(count: n, seed: 7, serialBase: 1_000_000) {
            csv.append([p.kind, p.name, p.uscc ?? "", p.idNumber ?? "", p.representative ?? "", p.phone ?? "", p.address ?? ""])
        }
        let bytes = csv.bytes
        var t0 = Date()
        let rows = try PartyImportFile.rows(bytes: bytes, filename: "bench.csv")
        let parse = Date().timeIntervalSince(t0)
        let actor = Actor(userID: UUID(), login: "bench", name: "bench", unitID: unit.id, permissions: [.partyImport, .partyRead, .partyWrite],
                          roleCodes: [], visibleUnits: [unit.id])
        t0 = Date()
        let summary = try await PartyRepository(store: store).importRows(rows, unitID: unit.id, actor: actor, context: .system("bench"))
        let load = Date().timeIntervalSince(t0)
        context.console.print(String(format: "party import: %d rows (%d KB CSV), parse %.2f s (%.0f rows/s), validate+encrypt+store %.2f s (%.0f rows/s), total %.0f rows/s; created %d",
                                     n, bytes.count / 1024, parse, Double(n) / parse, load, Double(n) / load, Double(n) / (parse + load), summary.created))
        t0 = Date()
        let again = try await PartyRepository(store: store).importRows(rows, unitID: unit.id, actor: actor, context: .system("bench"))
        let reimport = Date().timeIntervalSince(t0)
        context.console.print(String(format: "re-import of the same file: %.2f s, created %d, existing %d (idempotent)", reimport, again.created, again.existing))

        let e = signature.events ?? 5000
        t0 = Date()
        for i in 0..<e {
            try await store.write(.system("bench")) { tx in tx.record("bench.event", "bench", String(i)) }
        }
        let single = Date().timeIntervalSince(t0)
        context.console.print(String(format: "audit append, one event per transaction: %d in %.2f s = %.0f events/s", e, single, Double(e) / single))
        t0 = Date()
        try await store.write(.system("bench")) { tx in for i in 0..<50_000 { tx.record("bench.batch", "bench", String(i)) } }
        let batch = Date().timeIntervalSince(t0)
        context.console.print(String(format: "audit append, 50000 events in one transaction: %.2f s = %.0f events/s", batch, 50_000 / batch))
        t0 = Date()
        let verdict = try await AuditRepository(store: store).verify()
        context.console.print(String(format: "audit verify: %@ in %.2f s", String(describing: verdict), Date().timeIntervalSince(t0)))
        guard let procedure = signature.procedure.map({ app.fengqiao.procedures.procedure(caseType: $0) as? any Benchmarked.Type })
                ?? app.fengqiao.procedures.benchmarked else {
            context.console.error("bench: no registered procedure \(signature.procedure ?? "") declares a bench plan")
            throw ExitCode(2)
        }
        let documents = procedure.benchDocuments
        try Self.docx(context, procedures: app.fengqiao.procedures, template: documents[0])
        try await Self.clockScan(context, store: store, unitID: unit.id, ruleSet: "\(procedure.ruleSetKey)@1", count: signature.clocks ?? 1_000_000)
        try await Self.archiveExport(context, app: app, store: store, ruleSet: procedure.ruleSetKey, documents: documents, cases: signature.cases ?? 1000)
        let cases = signature.worklistCases ?? 100_000
        if let items = signature.importItems, items > 0 { try await ComplaintImportBench.run(context, store: store, count: items,
                                                                                                                 batch: max(1, signature.importBatch ?? ComplaintImportRepository.batchSize)) }
        if cases > 0 { try await ProcedureBench.run(procedure, context, app: app, store: store, count: cases) }
        if signature.analysis { try await ComplaintAnalysisBench.run(context, store: store) }
        if signature.ledger { try await MediationLedgerBench.run(context, store: store) }
    }

    /// DOC-20: DOCX documents per second on one core (render + content hash, as at issue).
    static func docx(_ context: CommandContext, procedures: ProcedureRegistry, template code: String) throws {
        guard let template = procedures.templates.first(where: { $0.code == code }) else { throw Abort(.internalServerError, reason: "bench: no template \(code)") }
        let values = procedures.sampleValues(template: code)
        let n = 3000
        var bytes = 0
        let t0 = Date()
        for i in 0..<n {
            var doc = RenderedDocument(template: template, number: "中村约〔2025〕\(i + 1)号", issuer: "江城市市场监督管理局中村市场监管所",
                                       date: "2025年10月14日", values: values)
            doc.verificationCode = String(DocumentService.contentHash(doc).prefix(8))
            bytes += (try? DocxWriter.render(doc).count) ?? 0
        }
        let s = Date().timeIntervalSince(t0)
        context.console.print(String(format: "DOCX: %d documents (\(template.nameZH) with stub and 送达回证) in %.2f s = %.0f documents/s on one core, %.1f KB each",
                                     n, s, Double(n) / s, Double(bytes) / Double(n) / 1024))
    }

    /// CAL-40: the overdue / near-due scan over `count` open clocks (and a fifth as many closed).
    static func clockScan(_ context: CommandContext, store: Store, unitID: UUID, ruleSet: String, count: Int) async throws {
        let today = store.clock.todayInBeijing
        let calendar = try await CalendarRepository(store: store).current()
        let horizon = calendar.due(from: today, count: 2, unit: .workday).date
        let caseID = UUID()
        let rule = ClockRepository.encode(TimeLimitRule(5, .workday, from: "bench", citation: "bench"))
        var rng = DemoData.Random(seed: 11)
        let t0 = Date()
        let chunk = 50_000
        var written = 0
        while written < count + count / 5 {
            let m = min(chunk, count + count / 5 - written)
            let rows: [[BulkValue]] = (0..<m).map { i in
                let open = written + i < count
                // Open clocks: 1 % overdue (up to 30 days), the rest due over the next year.
                let r = Int(rng.next() % 10_000)
                let offset = r < 100 ? -(1 + r % 30) : 1 + r % 365
                let due = today.adding(days: offset)
                return [.uuid(UUID()), .uuid(caseID), .uuid(unitID), .null, .text("inspection"), .text(ruleSet), .text(rule),
                        .text(due.adding(days: -7).iso), .text(due.iso), .bool(false), .bool(false), .int(0),
                        open ? .null : .text(due.iso), .null, .bool(false), .int(1), .int(0), .int(0)]
            }
            try await store.write(.system("bench")) { tx in
                try await SQLSupport.bulkInsert(tx.sql, into: "clocks", columns: ClockRepository.columns + ["created_at", "updated_at"], rows: rows)
            }
            written += m
        }
        context.console.print(String(format: "clocks: %d open + %d closed written in %.1f s", count, count / 5, Date().timeIntervalSince(t0)))
        let repo = ClockRepository(store: store)
        var counts: [Double] = []
        var pages: [Double] = []
        var result = (overdue: 0, nearDue: 0)
        for _ in 0..<21 {
            var t = Date()
            result = try await repo.scanCounts(today: today, horizon: horizon)
            counts.append(Date().timeIntervalSince(t) * 1000)
            t = Date()
            _ = try await repo.dueBy(horizon, limit: 100)
            pages.append(Date().timeIntervalSince(t) * 1000)
        }
        counts.sort()
        pages.sort()
        context.console.print(String(format: "overdue scan over %d open clocks: %d overdue, %d near due; counts median %.2f ms (max %.2f); first 100 rows median %.2f ms (max %.2f)",
                                     count, result.overdue, result.nearDue, counts[10], counts[20], pages[10], pages[20]))
    }

    /// DOC-44: an archive package of `cases` cases with three documents each.
    static func archiveExport(_ context: CommandContext, app: Application, store: Store, ruleSet: String, documents: [String], cases: Int) async throws {
        let unit = try await OrganisationRepository(store: store).createUnit(code: "BENCHA", name: "基准档案所", kind: .office, parentID: nil, areaCode: nil,
                                                                            numberPrefix: "基准", context: .system("bench"))
        let actor = Actor(userID: UUID(), login: "bench", name: "bench", unitID: unit.id, permissions: [.caseCreate, .caseRead, .caseHandle],
                          roleCodes: [], visibleUnits: nil)
        var ids: [UUID] = []
        let t0 = Date()
        let service = DocumentService(store: store)
        for i in 0..<cases {
            let c = try await CaseRepository(store: store).create(
                NewCase(unitID: unit.id, caseType: "bench", title: "基准案件\(i)", state: "open", handlerID: nil, openedOn: store.clock.todayInBeijing,
                        ruleSetKeys: [ruleSet]), actor: actor, context: .system("bench"))
            for code in documents {
                _ = try await service.issue(caseID: c.id, templateCode: code, values: app.fengqiao.procedures.sampleValues(template: code), recipient: nil,
                                            actor: actor, context: .system("bench"))
            }
            ids.append(c.id)
        }
        context.console.print(String(format: "archive bench: %d cases with %d documents issued in %.1f s (%.0f documents/s through the database)",
                                     cases, cases * documents.count, Date().timeIntervalSince(t0), Double(cases * documents.count) / Date().timeIntervalSince(t0)))
        let t1 = Date()
        let data = try await ArchiveExporter(store: store, filesRoot: app.fengqiao.config.filesDirectory).package(caseIDs: ids, actor: actor)
        let export = Date().timeIntervalSince(t1)
        let t2 = Date()
        let verdict = ArchivePackage.verify(data)
        context.console.print(String(format: "archive export: %d cases, %d files, %.1f MB in %.2f s; verify %.2f s (%@)", cases, verdict.files.count,
                                     Double(data.count) / 1_048_576, export, Date().timeIntervalSince(t2), verdict.isValid ? "valid" : "INVALID"))
    }
}
