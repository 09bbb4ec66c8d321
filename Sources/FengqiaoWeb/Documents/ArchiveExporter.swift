import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import SQLKit
import Vapor

/// DOC-44: the archive package of one or more cases: per case its documents as DOCX, its
/// attachments, the 《文书清单》 index, the case's audit extract and its metadata; and a manifest
/// with the SHA-256 of every file (`ArchivePackage`).
struct ArchiveExporter: Sendable {
    let store: Store
    let filesRoot: String

    struct CaseMeta: Codable {
        let id: String
        let title: String
        let caseType: String
        let number: String?
        let archiveNumber: String?
        let retention: String?
        let openedOn: String
        let closedOn: String?
        let destroyedOn: String?
    }

    func package(caseIDs: [UUID], actor: Actor, packageID: String = UUID().uuidString) async throws -> Data {
        let registry = try await TemplateRegistry.load(store)
        let cases = CaseRepository(store: store)
        let documents = DocumentRepository(store: store)
        let archives = ArchiveRepository(store: store)
        var entries: [ArchiveEntry] = []
        var labels: [String] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        for id in caseIDs {
            guard let c = try await cases.find(id, actor: actor) else { throw DomainError.notFound }
            let archive = try await archives.archiveRecord(id)
            let folder = archive?.archiveNumber ?? c.number ?? id.uuidString
            labels.append(folder)
            var rows: [CaseFileIndex.Row] = []
            for (n, doc) in try await documents.documents(ofCase: id, actor: actor).enumerated() {
                let seq = n + 1
                // MD-40: a document issued after the filing is appended, not part of what was filed.
                let late = archive.map { a in doc.issuedOn.map { $0 > a.archivedOn } ?? false } ?? false
                let state = doc.state == .void ? "作废：\(doc.voidReason ?? "")"
                    : (archive?.destroyedOn != nil ? "已销毁" : (late ? "归档后补充（见卷内备考表）" : "有效"))
                var size = ""
                if !doc.values.isEmpty || doc.state == .issued && archive?.destroyedOn == nil {
                    let data = try DocxWriter.render(try DocumentService.rendered(doc, registry: registry))
                    let name = String(format: "%03d", seq) + "-" + (doc.number ?? doc.templateCode) + ".docx"
                    entries.append(ArchiveEntry(path: "\(folder)/documents/\(name)", data: data))
                    size = "\(data.count)"
                }
                let title = registry.version(doc.templateCode, doc.templateVersion)?.nameZH ?? doc.templateCode
                rows.append(CaseFileIndex.Row(seq: seq, title: title, number: doc.number ?? "", date: doc.issuedOn?.iso ?? "", size: size, state: state))
            }
            for file in try await attachments(of: id) {
                guard let data = FileManager.default.contents(atPath: "\(filesRoot)/\(file.sha.prefix(2))/\(file.sha.dropFirst(2))") else { continue }
                let safe = file.filename.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_")
                entries.append(ArchiveEntry(path: "\(folder)/attachments/\(file.sha.prefix(12))-\(safe)", data: data))
            }
            entries.append(ArchiveEntry(path: "\(folder)/\(CaseFileIndex.path)", data: CaseFileIndex.csv(rows)))
            var audit = Data()
            let timeline = try await cases.timeline(id, actor: actor)
            if let archive {
                entries.append(ArchiveEntry(path: "\(folder)/\(CaseFileRemarks.path)",
                                            data: CaseFileRemarks.csv(Self.remarks(timeline), filedOn: archive.archivedOn.iso)))
            }
            for e in timeline {
                let line: [String: String] = ["seq": String(e.seq), "at": WallClock.beijingText(millis: e.at), "action": e.action, "user": e.login ?? "",
                                              "detail": e.detail ?? "",
                                              "changes": e.changes.keys.sorted().map { "\($0)=\(e.changes[$0]?.after ?? "")" }.joined(separator: "; ")]
                audit.append(try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]))
                audit.append(0x0A)
            }
            entries.append(ArchiveEntry(path: "\(folder)/audit.jsonl", data: audit))
            let meta = CaseMeta(id: id.uuidString, title: c.title, caseType: c.caseType, number: c.number, archiveNumber: archive?.archiveNumber,
                                retention: archive?.retention.rawValue, openedOn: c.openedOn.iso, closedOn: c.closedOn?.iso,
                                destroyedOn: archive?.destroyedOn?.iso)
            entries.append(ArchiveEntry(path: "\(folder)/case.json", data: try encoder.encode(meta)))
        }
        let meta = ArchiveMeta(packageID: packageID, createdAt: WallClock.beijingText(millis: store.clock.nowMillis), caseNumbers: labels,
                               hashAlgorithm: ArchivePackage.hashAlgorithm)
        return try ArchivePackage.write(entries: entries, meta: meta)
    }

    /// MD-40: the 卷内备考表 — what the case's timeline records after its filing (the `case.archive`
    /// entry), leaving out the filing's own end of its archiving clocks and the package exports.
    static func remarks(_ timeline: [TimelineEntry]) -> [CaseFileRemarks.Row] {
        guard let filed = timeline.firstIndex(where: { $0.action == "case.archive" }) else { return [] }
        let filing = Set(ArchiveRepository.archivingSteps)
        return timeline[(filed + 1)...].filter { e in
            e.action != "archive.export" && !(e.action == "clock.end" && e.changes["step"]?.after.map(filing.contains) == true)
        }.enumerated().map { n, e in
            CaseFileRemarks.Row(seq: n + 1, at: WallClock.beijingText(millis: e.at), what: TimelineText.actionZH(e.action), who: TimelineText.who(e.login),
                                detail: e.detail ?? "")
        }
    }

    func attachments(of caseID: UUID) async throws -> [(sha: String, filename: String)] {
        try await store.sql.select().columns("sha256", "filename").from("attachments").where("case_id", .equal, SQLBind(caseID)).orderBy("created_at").all()
            .map { (try $0.decode(column: "sha256", as: String.self), try $0.decode(column: "filename", as: String.self)) }
    }
}

/// `fengqiao archive export CASE… --out FILE` and `fengqiao archive verify FILE` (DOC-44).
struct ArchiveExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "cases", help: "案件编号（UUID）或档号，多个用逗号分隔") var cases: String
        @Option(name: "out", short: "o", help: "输出的 ZIP 文件") var out: String?
    }
    var help: String { "导出案件档案包（文书、附件、文书清单、审计摘录与 SHA-256 清单）/ export an archive package (DOC-44)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let store = app.fengqiao.store(app.db)
        guard let out = signature.out, !out.isEmpty else {
            context.console.error("请用 --out 指定输出文件")
            throw ExitCode(2)
        }
        var ids: [UUID] = []
        for raw in signature.cases.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) {
            if let id = UUID(uuidString: raw) { ids.append(id); continue }
            let row = try await store.sql.select().column("case_id").from("archives").where("archive_number", .equal, SQLBind(raw)).first()
            guard let id = try row?.decode(column: "case_id", as: UUID.self) else {
                context.console.error("找不到案件：\(raw)")
                throw ExitCode(2)
            }
            ids.append(id)
        }
        // The command line acts for the archive administrator over every unit.
        let actor = Actor(userID: UUID(), login: "cli", name: "命令行", unitID: UUID(), permissions: [.caseRead], roleCodes: [], visibleUnits: nil)
        let data = try await ArchiveExporter(store: store, filesRoot: app.fengqiao.config.filesDirectory).package(caseIDs: ids, actor: actor)
        try data.write(to: URL(fileURLWithPath: out), options: .atomic)
        let exported = ids
        try await store.write(cliContext("archive export")) { tx in
            tx.record("archive.export", "archive", out, detail: "\(exported.count) 件：\(exported.map(\.uuidString).joined(separator: ","))")
        }
        context.console.print("已导出 \(ids.count) 件案件档案 → \(out)（\(data.count) 字节）")
    }
}

struct ArchiveVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "package", help: "档案包 ZIP 文件") var package: String
    }
    var help: String { "按清单校验档案包中每个文件的 SHA-256 / verify an archive package (DOC-44)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let result = ArchivePackage.verify(fileAt: URL(fileURLWithPath: signature.package))
        if result.isValid {
            context.console.print("OK: \(result.files.count) 个文件与清单一致（清单 SHA-256 \(result.manifestSHA256 ?? "")）")
        } else {
            for p in result.problems { context.console.error("\(p.code): \(p.messageZH)") }
            throw ExitCode(1)
        }
    }
}
