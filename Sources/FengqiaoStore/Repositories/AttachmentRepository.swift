import Crypto
import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

public enum AttachmentKind: String, Sendable, CaseIterable, Codable {
    case evidence, signedScan = "signed-scan", recording, other
}

public struct AttachmentRecord: Sendable, Equatable, Codable {
    public let id: UUID
    public let sha256: String
    public let size: Int64
    public let mediaType: String
    public let kind: String
    public let filename: String
    public let caseID: UUID?
    public let uploaderID: UUID
    public let createdAt: Int64
}

/// Content-addressed file storage (PLT-40): the bytes live at `files/ab/cdef…` named by their
/// SHA-256, written to a temporary file and moved into place only when complete, never
/// overwritten or deleted. A failed upload leaves neither a file nor a row.
public struct AttachmentRepository: Sendable {
    public let store: Store
    public let root: String
    public let maxBytes: Int64

    public init(store: Store, root: String, maxBytes: Int64) {
        self.store = store
        self.root = root
        self.maxBytes = maxBytes
    }

    /// The longest file name kept (a file system's usual limit is 255 bytes; names are characters here).
    public static let maxFilenameCharacters = 255

    public func path(for sha: String) -> String {
        "\(root)/\(sha.prefix(2))/\(sha.dropFirst(2))"
    }

    public func save(_ bytes: [UInt8], filename: String, kind: AttachmentKind, caseID: UUID?, actor: Actor, context: AuditContext) async throws -> AttachmentRecord {
        if Int64(bytes.count) > maxBytes {
            throw DomainError(.tooLarge, code: "attachment.too-large", messageZH: "文件超过大小上限（\(maxBytes / 1_048_576) MB）", ruleID: "PLT-40",
                              fields: [FieldError(field: "file", rule: "PLT-40", code: "attachment.too-large", messageZH: "文件过大")])
        }
        if bytes.isEmpty {
            throw DomainError.invalid([FieldError(field: "file", rule: "PLT-40", code: "attachment.empty", messageZH: "文件为空")])
        }
        // a name is kept whole or refused, never cut (it was cut to 200 characters).
        if filename.count > Self.maxFilenameCharacters {
            throw DomainError.invalid([FieldError(field: "filename", rule: "X-06", code: "attachment.filename.too-long",
                                                  messageZH: "文件名不能超过\(Self.maxFilenameCharacters)个字（现有\(filename.count)个字），请改短后重新上传")])
        }
        let sha = AuditChain.hex(Array(SHA256.hash(data: bytes)))
        let media = MediaSniffer.sniff(bytes)
        let target = path(for: sha)
        let fm = FileManager.default
        var wroteFile = false
        if !fm.fileExists(atPath: target) {
            let dir = (target as NSString).deletingLastPathComponent
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let tmp = "\(dir)/.tmp-\(UUID().uuidString)"
            guard fm.createFile(atPath: tmp, contents: Data(bytes)) else { throw StoreError.corrupt("cannot write \(tmp)") }
            do {
                try fm.moveItem(atPath: tmp, toPath: target)
                wroteFile = true
            } catch {
                try? fm.removeItem(atPath: tmp)
                // Someone stored the same content meanwhile: theirs stands, identical by hash.
                if !fm.fileExists(atPath: target) { throw error }
            }
        }
        let name = filename.replacingOccurrences(of: "/", with: "_")
        do {
            return try await store.write(context) { tx in
                let m = AttachmentModel()
                m.id = UUID()
                m.sha256 = sha
                m.size = Int64(bytes.count)
                m.mediaType = media
                m.kind = kind.rawValue
                m.filename = name.isEmpty ? "file" : name
                m.caseID = caseID
                m.uploaderID = actor.userID
                m.createdAt = tx.now
                try await m.create(on: tx.db)
                tx.record("attachment.upload", "attachment", m.id!.uuidString,
                          changes: ["sha256": .init(before: nil, after: sha), "mediaType": .init(before: nil, after: media)])
                if let caseID {
                    // The case's timeline shows it too (IV-15: a recording is evidence of the case).
                    tx.record("case.attachment", "case", caseID.uuidString, changes: [
                        "file": .init(before: nil, after: m.filename), "kind": .init(before: nil, after: kind.rawValue),
                        "sha256": .init(before: nil, after: sha),
                    ], detail: "attachment \(m.id!.uuidString)")
                }
                return Self.record(m)
            }
        } catch {
            // The row did not land: remove a file only this call created and nothing else refers to.
            if wroteFile, try await AttachmentModel.query(on: store.db).filter(\.$sha256 == sha).count() == 0 {
                try? fm.removeItem(atPath: target)
            }
            throw error
        }
    }

    /// An attachment the actor may see, else nil — the caller answers "not found", never the
    /// record. A case's attachment follows the case's scope; one not (yet) attached to a case is
    /// visible to its uploader and to users whose scope covers the uploader's unit.
    public func find(_ id: UUID, actor: Actor) async throws -> AttachmentRecord? {
        guard let m = try await AttachmentModel.find(id, on: store.db) else { return nil }
        let sql = store.sql
        if let caseID = m.caseID {
            guard let row = try await sql.select().column("unit_id").column("handler_id").from("cases")
                .where("id", .equal, SQLBind(caseID)).first() else { return nil }
            let unitID = try row.decode(column: "unit_id", as: UUID.self)
            let handlerID = try row.decode(column: "handler_id", as: UUID?.self)
            guard try await CaseScope.sees(caseID: caseID, unitID: unitID, handlerID: handlerID, actor: actor, on: sql) else { return nil }
            return Self.record(m)
        }
        if m.uploaderID == actor.userID { return Self.record(m) }
        guard let uploader = try await UserModel.find(m.uploaderID, on: store.db),
              actor.sees(unit: uploader.unitID), !actor.ownOnlyUnits.contains(uploader.unitID) else { return nil }
        return Self.record(m)
    }

    /// A case's attachments, oldest first.
    public func attachments(ofCase caseID: UUID) async throws -> [AttachmentRecord] {
        try await AttachmentModel.query(on: store.db).filter(\.$caseID == caseID).sort(\.$createdAt).all().map(Self.record)
    }

    public func bytes(_ record: AttachmentRecord) throws -> [UInt8] {
        guard let d = FileManager.default.contents(atPath: path(for: record.sha256)) else { throw StoreError.corrupt("missing file \(record.sha256)") }
        return Array(d)
    }

    static func record(_ m: AttachmentModel) -> AttachmentRecord {
        AttachmentRecord(id: m.id!, sha256: m.sha256, size: m.size, mediaType: m.mediaType, kind: m.kind, filename: m.filename,
                         caseID: m.caseID, uploaderID: m.uploaderID, createdAt: m.createdAt)
    }
}
