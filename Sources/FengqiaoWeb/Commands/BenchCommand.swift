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
    }
}
