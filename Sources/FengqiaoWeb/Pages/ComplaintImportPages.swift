import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import Vapor

/// The import of the 12315 platform's or hotline's export (CP-43): the upload form, then the import's
/// page with its progress bar (polled by `app.js` from the JSON status; without JavaScript the page
/// refreshes itself) and, once done, what became of each row — created, updated, unchanged, refused
/// with its row number, field and rule.
struct ComplaintImportPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.complaintImports.pattern, use: form).access(.permission(.complaintRegister))
        routes.on(.POST, SiteURL.complaintImports.pattern, body: .collect(maxSize: "64mb"), use: upload).access(.permission(.complaintRegister))
        routes.get(SiteURL.complaintImport(SiteURL.placeholderID).pattern, use: page).access(.permission(.complaintRegister), ["id": .complaintImport])
        routes.get(SiteURL.complaintImportStatus(SiteURL.placeholderID).pattern, use: status)
            .access(.permission(.complaintRegister), ["id": .complaintImport])
    }

    func form(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.complaintRegister)
        return try render(req, "complaint_import", ComplaintImportModel(page: PageChrome(request: req, title: "导入12315平台/热线来件"),
                                                                        mayReceive: actor.can(.complaintHandle), status: nil, error: nil))
    }

    func upload(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.complaintRegister)
        do {
            let upload = try ComplaintImportUpload.read(req)
            let id = try await ComplaintImportRepository(store: req.store).submit(upload.rows, filename: upload.filename, receive: upload.receive,
                                                                                   actor: actor, context: req.auditContext)
            return req.redirect(to: SiteURL.complaintImport(id).path + "?ok=complaint-import-queued", redirectType: .normal)
        } catch let e as DomainError where e.kind == .invalid || e.kind == .forbidden {
            let response = try render(req, "complaint_import", ComplaintImportModel(
                page: PageChrome(request: req, title: "导入12315平台/热线来件"), mayReceive: actor.can(.complaintHandle), status: nil,
                error: (e.fields.first?.messageZH ?? e.messageZH) + (e.fields.first.map { "（\($0.rule)）" } ?? "")))
            response.status = e.kind == .forbidden ? .forbidden : .unprocessableEntity
            return response
        }
    }

    func page(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let s = try await ComplaintImportRepository(store: req.store).status(try req.uuidParameter(), actor: actor) else { throw DomainError.notFound }
        return try render(req, "complaint_import", ComplaintImportModel(page: PageChrome(request: req, title: "导入结果"), mayReceive: actor.can(.complaintHandle),
                                                                        status: .init(s), error: nil))
    }

    /// The progress bar's JSON: the API's answer.
    func status(_ req: Request) async throws -> ComplaintImportDTO { try await ComplaintImportAPI().status(req) }
}

/// The import page's view model (STYLE habit 7): the form, or one import's progress and result.
struct ComplaintImportModel {
    struct Status {
        struct Row {
            let row: Int
            let externalNo: String
            let outcome: String
            let outcomeName: String
            let cases: String
            let problems: String
        }

        let statusURL: String
        let pageURL: String
        let filename: String
        let stateName: String
        let running: Bool
        let total: Int
        let processed: Int
        let percent: Int
        let created: Int
        let updated: Int
        let unchanged: Int
        let refused: Int
        let rows: [Row]

        init(_ s: ComplaintImportStatus) {
            statusURL = SiteURL.complaintImportStatus(s.id).path
            pageURL = SiteURL.complaintImport(s.id).path
            filename = s.filename
            stateName = s.state.nameZH
            running = !s.finished
            total = s.total
            processed = s.processed
            percent = s.percent
            created = s.created
            updated = s.updated
            unchanged = s.unchanged
            refused = s.refused
            rows = s.rows.map { r in
                Row(row: r.row, externalNo: r.externalNo ?? "—", outcome: r.outcome.rawValue, outcomeName: r.outcome.nameZH,
                    cases: r.caseNumbers.joined(separator: "、"),
                    problems: r.errors.map { "\(ComplaintImportItem.Field(rawValue: $0.field)?.labelZH ?? $0.field)：\($0.messageZH)（\($0.rule)）" }
                        .joined(separator: "；"))
            }
        }
    }

    let page: PageChrome
    let mayReceive: Bool
    let status: Status?
    let error: String?
}
