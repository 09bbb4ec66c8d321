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
    var help: String { "性能基准（导入速率、审计追加速率）/ benchmarks: party import and audit append rates" }

    func run(using context: CommandContext, signature: Signature) async throws {
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
