import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// `fengqiao seed --cases N`: adds N cases of the benchmarked procedure, each with a numbered
/// document and a stored file, to a database that holds the demo bureau (`fengqiao demo
/// --no-serve`), and keeps them — issue 13 item 6's large database for backup and restore at scale
/// (PLT-56, X-09). Writes in bulk, a chunk of cases per transaction, every row audited.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "cases", help: "cases to add (default 1000)") var cases: Int?
        @Option(name: "chunk", help: "cases per transaction (default 1000)") var chunk: Int?
    }

    var help: String { "批量生成案件（含文书与附件）/ seed N cases with documents and files into the demo bureau" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let store = app.fengqiao.store(app.db)
        guard let procedure = app.fengqiao.procedures.benchmarked else {
            context.console.error("seed: no registered procedure declares a bench plan")
            throw ExitCode(2)
        }
        let count = signature.cases ?? 1000, chunk = max(1, signature.chunk ?? 1000)
        let t0 = Date()
        var last = Date()
        let summary = try await CaseSeeder.seed(procedure, app: app, store: store, count: count, chunk: chunk) { written in
            if Date().timeIntervalSince(last) > 10 || written == count {
                last = Date()
                context.console.print(String(format: "seed: %d / %d cases (%.0f s)", written, count, Date().timeIntervalSince(t0)))
            }
        }
        context.console.print(String(format: "seed: %d cases, %d documents, %d files, %d audit events in %.1f s",
                                     summary.cases, summary.documents, summary.files, summary.events, Date().timeIntervalSince(t0)))
    }
}
