import Crypto
import FengqiaoCore
import FengqiaoStore
import Foundation
import SQLKit
import Testing

@testable import FengqiaoWeb

/// Issue 13 item 6: backup and restore under writes and at scale (PLT-56, X-09).
@Suite(.serialized) struct BackupScaleTests {
    static func count(_ sql: any SQLDatabase, _ table: String, action: String? = nil) async throws -> Int {
        var q = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
        if let action { q = q.where("action", .equal, SQLBind(action)) }
        return try await q.first()?.decode(column: "n", as: Int.self) ?? 0
    }

    @Test("PLT-56 a backup taken while writers commit is one snapshot: each write wholly in or out, the chain verifies after restore")
    func backupUnderWrites() async throws {
        let backupDir = NSTemporaryDirectory() + "fq-backup-w-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: backupDir) }
        try await withApp { env in
            let s = try await env.seed()
            let officer = try await env.actor(s.officerA)
            let files = AttachmentRepository(store: env.store, root: env.app.fengqiao.config.filesDirectory, maxBytes: 1 << 20)
            let store = env.store
            try await withThrowingTaskGroup(of: Void.self) { group in
                for w in 0..<4 {
                    group.addTask {
                        for i in 0..<25 {
                            _ = try await PartyRepository(store: store).create(PartyInput(kind: "enterprise", name: "快照测试\(w)-\(i)号商行", uscc: .uscc(5000 + w * 100 + i)),
                                                                               unitID: s.officeA.id, actor: officer, context: .system("t"))
                            _ = try await files.save(Array("%PDF-1.4 writer \(w) file \(i)".utf8), filename: "w\(w)-\(i).pdf", kind: .evidence, caseID: nil,
                                                     actor: officer, context: .system("t"))
                        }
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(30))
                    _ = try await BackupRepository(store: store).backup(to: backupDir, filesRoot: env.app.fengqiao.config.filesDirectory)
                }
                try await group.waitForAll()
            }
            #expect(try await Self.count(env.sql, "parties") == 100)
        }
        try await withApp { env in
            let m = try await BackupRepository(store: env.store).restore(from: backupDir, filesRoot: env.app.fengqiao.config.filesDirectory)
            #expect(try await env.audit.verify().isIntact)
            // Wholly in or wholly out: every row with its event, every event with its row.
            let parties = try await Self.count(env.sql, "parties"), attachments = try await Self.count(env.sql, "attachments")
            let partyEvents = try await Self.count(env.sql, "audit_events", action: "party.create")
            let uploadEvents = try await Self.count(env.sql, "audit_events", action: "attachment.upload")
            #expect(parties == partyEvents)
            #expect(attachments == uploadEvents)
            #expect(m.tables["parties"] == parties && m.tables["attachments"] == attachments)
            // Every file an attachment names is back, with its content.
            for row in try await env.sql.select().column("sha256").from("attachments").all() {
                let sha = try row.decode(column: "sha256", as: String.self)
                let path = AttachmentRepository(store: env.store, root: env.app.fengqiao.config.filesDirectory, maxBytes: 1).path(for: sha)
                let bytes = try #require(FileManager.default.contents(atPath: path))
                #expect(AuditChain.hex(Array(SHA256.hash(data: bytes))) == sha)
            }
            #expect(m.files.count == attachments)
        }
    }

    @Test("PLT-56 the backup copies exactly the snapshot's files and names one gone; a damaged backup restores nothing")
    func damagedBackup() async throws {
        let backupDir = NSTemporaryDirectory() + "fq-backup-d-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: backupDir) }
        var kept = "", gone = ""
        try await withApp { env in
            let s = try await env.seed()
            let officer = try await env.actor(s.officerA)
            let root = env.app.fengqiao.config.filesDirectory
            let files = AttachmentRepository(store: env.store, root: root, maxBytes: 1 << 20)
            kept = try await files.save(Array("%PDF-1.4 kept".utf8), filename: "a.pdf", kind: .evidence, caseID: nil, actor: officer, context: .system("t")).sha256
            gone = try await files.save(Array("%PDF-1.4 gone".utf8), filename: "b.pdf", kind: .evidence, caseID: nil, actor: officer, context: .system("t")).sha256
            try FileManager.default.removeItem(atPath: files.path(for: gone))
            // A stray file (a half-finished upload's leftover) is no part of the database.
            try FileManager.default.createDirectory(atPath: root + "/zz", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: root + "/zz/stray", contents: Data("stray".utf8))
            let m = try await BackupRepository(store: env.store).backup(to: backupDir, filesRoot: root)
            #expect(Set(m.files.values) == [kept])
            #expect(m.missing == [gone])
            #expect(!FileManager.default.fileExists(atPath: backupDir + "/files/zz/stray"))
        }
        // A file altered in the backup: refused before any row is written.
        let rel = "\(kept.prefix(2))/\(kept.dropFirst(2))"
        let original = try #require(FileManager.default.contents(atPath: backupDir + "/files/" + rel))
        try Data("%PDF-1.4 altered".utf8).write(to: URL(fileURLWithPath: backupDir + "/files/" + rel))
        try await withApp { env in
            await #expect(throws: StoreError.self) {
                _ = try await BackupRepository(store: env.store).restore(from: backupDir, filesRoot: env.app.fengqiao.config.filesDirectory)
            }
            let users = try await Self.count(env.sql, "users"), events = try await Self.count(env.sql, "audit_events")
            #expect(users == 0 && events == 0)
        }
        try original.write(to: URL(fileURLWithPath: backupDir + "/files/" + rel))
        // A table file that lost its last row: the manifest's count catches it, nothing is kept.
        let users = backupDir + "/tables/users.jsonl"
        let lines = try String(contentsOfFile: users, encoding: .utf8).split(separator: "\n")
        try (lines.dropLast().joined(separator: "\n") + "\n").write(toFile: users, atomically: true, encoding: .utf8)
        try await withApp { env in
            await #expect(throws: StoreError.self) {
                _ = try await BackupRepository(store: env.store).restore(from: backupDir, filesRoot: env.app.fengqiao.config.filesDirectory)
            }
            let users = try await Self.count(env.sql, "users"), events = try await Self.count(env.sql, "audit_events")
            #expect(users == 0 && events == 0)
        }
    }

    @Test("X-09 the seed writes cases with a numbered document and a stored file each, every one audited; backup and restore bring them back")
    func seededCasesRoundTrip() async throws {
        let backupDir = NSTemporaryDirectory() + "fq-backup-s-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: backupDir) }
        var cases = 0
        try await withApp { env in
            _ = try await DemoCommand.seed(env.app, password: "Demo-Pass-2025")
            let procedure = try #require(env.app.fengqiao.procedures.benchmarked)
            let summary = try await CaseSeeder.seed(procedure, app: env.app, store: env.store, count: 120, chunk: 50)
            #expect(summary.cases == 120 && summary.documents == 120 && summary.files == 120)
            cases = try await Self.count(env.sql, "cases")
            #expect(try await Self.count(env.sql, "audit_events", action: "document.issue") >= 120)
            #expect(try await env.audit.verify().isIntact)
            _ = try await BackupRepository(store: env.store).backup(to: backupDir, filesRoot: env.app.fengqiao.config.filesDirectory)
        }
        try await withApp { env in
            let m = try await BackupRepository(store: env.store).restore(from: backupDir, filesRoot: env.app.fengqiao.config.filesDirectory)
            let restoredCases = try await Self.count(env.sql, "cases")
            #expect(restoredCases == cases)
            #expect(m.files.count >= 120)
            #expect(try await env.audit.verify().isIntact)
        }
    }
}
