import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import ZIPFoundation

/// MD-40: a filed case's items stay as filed; what is recorded later is appended to the file and
/// noted in its 卷内备考表 — on the demo bureau, SQLite and PostgreSQL.
@Suite("Filed items and the 卷内备考表 (MD-40)", .serialized)
struct CaseFileRemarksTests {
    static func file(_ data: Data, endingWith suffix: String) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive.first { $0.path.hasSuffix(suffix) })
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("MD-40: the demo's performed agreement filed on Fri 2026-12-04 — its agreement can no longer be voided; a revisit recorded after the filing is appended: the package's 卷内备考表 lists it (the export itself not), the filed documents stay 有效 in the index")
    func remarks() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let org = OrganisationRepository(store: env.store)
            let centre = try await org.actor(for: try #require(try await org.user(login: "tj_centre")))
            let ctx = AuditContext(actor: centre, clientAddress: nil, requestID: "t")
            let performed = try #require(try await MediationWebTests.rows(env).first { $0.facts.obligations.first?.status == .performed })
            let archives = ArchiveRepository(store: env.store)
            let filed = try await archives.archive(performed.id, fonds: "JTJZX", retention: .d5, on: LocalDate(iso: "2026-12-04")!, actor: centre, context: ctx)

            let documents = DocumentRepository(store: env.store)
            let agreement = try #require(try await documents.documents(ofCase: performed.id, actor: centre).first { $0.templateCode == "MD-AGREEMENT" && $0.state == .issued })
            await #expect(throws: DomainError.self) {
                _ = try await documents.void(agreement.id, reason: "笔误", actor: centre, context: ctx)
            }
            do {
                _ = try await documents.void(agreement.id, reason: "笔误", actor: centre, context: ctx)
            } catch let e as DomainError {
                #expect(e.fields.map(\.code) == ["document.void.archived"] && e.fields.first?.messageZH.contains(filed.archiveNumber) == true)
            }
            #expect(try await documents.find(agreement.id, actor: centre)?.state == .issued)

            env.moveClock(to: "2026-12-04", hour: 15)
            _ = try await RevisitRepository(store: env.store).record(caseID: performed.id, on: "2026-12-04", method: "visit", answer: "satisfied",
                                                                     scores: ["performance": "5", "attitude": "5", "law": "4", "procedure": "5"],
                                                                     note: "协议已履行完毕", actor: centre, context: ctx)
            let web = WebClient(env)
            try await web.login("tj_centre", "Demo-pass-123")
            _ = try await web.send(.GET, "/cases/\(performed.id.uuidString)/archive.zip")
            let response = try await web.send(.GET, "/cases/\(performed.id.uuidString)/archive.zip")
            let data = Data(response.body.readableBytesView)
            #expect(ArchivePackage.verify(data).isValid)
            let remarks = try Self.file(data, endingWith: CaseFileRemarks.path)
            let lines = remarks.split(whereSeparator: \.isNewline).map(String.init)
            #expect(lines.count == 2, "the header and the revisit, not the exports: \(lines)")
            #expect(lines.last?.contains("回访") == true && lines.last?.contains("tj_centre") == true && lines.last?.contains("2026-12-04 15:") == true)
            let index = try Self.file(data, endingWith: "index.csv")
            #expect(index.contains("有效") && !index.contains("归档后补充"))
        }
    }
}
