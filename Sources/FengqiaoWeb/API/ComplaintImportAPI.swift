import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import Vapor

/// An import's progress and result as the API and the page's poller read it (CP-43).
struct ComplaintImportDTO: Content {
    struct Row: Content {
        let row: Int
        let externalNo: String?
        let outcome: String
        let outcomeName: String
        let caseNumbers: [String]
        let errors: [FieldError]
    }

    let id: UUID
    let filename: String
    let state: String
    let stateName: String
    let total: Int
    let processed: Int
    let percent: Int
    let created: Int
    let updated: Int
    let unchanged: Int
    let refused: Int
    let rows: [Row]

    init(_ s: ComplaintImportStatus) {
        id = s.id
        filename = s.filename
        state = s.state.rawValue
        stateName = s.state.nameZH
        total = s.total
        processed = s.processed
        percent = s.percent
        created = s.created
        updated = s.updated
        unchanged = s.unchanged
        refused = s.refused
        rows = s.rows.map { Row(row: $0.row, externalNo: $0.externalNo, outcome: $0.outcome.rawValue, outcomeName: $0.outcome.nameZH, caseNumbers: $0.caseNumbers,
                                errors: $0.errors) }
    }
}

/// CP-43 through the API: `POST /api/v1/complaints/imports` takes the export — multipart (`file`,
/// optional `receive`) or a JSON body (`{"receive": true, "items": […]}`) — keeps it and queues the
/// import, answering its id and status; `GET /api/v1/complaints/imports/{id}` reports progress.
struct ComplaintImportAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "complaints", "imports", body: .collect(maxSize: "64mb"), use: submit).access(.permission(.complaintRegister))
        routes.get("complaints", "imports", ":id", use: status).access(.permission(.complaintRegister), ["id": .complaintImport])
    }

    func submit(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let upload = try ComplaintImportUpload.read(req)
        let id = try await ComplaintImportRepository(store: req.store).submit(upload.rows, filename: upload.filename, receive: upload.receive, actor: actor,
                                                                               context: req.auditContext)
        guard let s = try await ComplaintImportRepository(store: req.store).status(id, actor: actor) else { throw DomainError.notFound }
        let response = try await ComplaintImportDTO(s).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/complaints/imports/\(id.uuidString)")
        return response
    }

    func status(_ req: Request) async throws -> ComplaintImportDTO {
        guard let s = try await ComplaintImportRepository(store: req.store).status(try req.uuidParameter(), actor: try req.actor()) else {
            throw DomainError.notFound
        }
        return ComplaintImportDTO(s)
    }
}

/// The uploaded export, from a multipart form (`file`, `receive`) or a JSON body, read into raw rows.
enum ComplaintImportUpload {
    /// The JSON body as the OpenAPI document declares it (`ComplaintImportRequest`): `items` an array of
    /// objects whose values are text or null. Anything else is refused whole, naming the item and key —
    /// a list or an object where a date belongs is not read as some text (fuzz finding: `knewOn: [{}]`
    /// was accepted and queued).
    static func checkItems(_ object: [String: Any]) throws {
        if let name = object["filename"], !(name is String) {
            throw DomainError.invalid([FieldError(field: "filename", rule: "X-06", code: "import.filename.type", messageZH: "filename 应为文本")])
        }
        guard let items = object["items"] as? [Any] else {
            throw DomainError.invalid([FieldError(field: "items", rule: "CP-43", code: "import.items.type", messageZH: "items 应为来件的数组")])
        }
        for (i, item) in items.enumerated() {
            guard let fields = item as? [String: Any] else {
                throw DomainError.invalid([FieldError(field: "items[\(i)]", rule: "CP-43", code: "import.item.type", messageZH: "第\(i + 1)件应为一个对象（字段名：值）")])
            }
            for (key, value) in fields.sorted(by: { $0.key < $1.key }) where !(value is String) && !(value is NSNull) {
                throw DomainError.invalid([FieldError(field: "items[\(i)].\(key)", rule: "CP-43", code: "import.item.value",
                                                      messageZH: "第\(i + 1)件的“\(key)”应为文本")])
            }
        }
    }

    struct Read {
        let rows: [ComplaintImportRawRow]
        let filename: String
        let receive: Bool
    }

    static func read(_ req: Request) throws -> Read {
        let bytes: [UInt8]
        let filename: String
        var receive = false
        if req.headers.contentType?.type == "multipart" {
            guard let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0 else {
                throw DomainError.invalid([FieldError(field: "file", rule: "CP-43", code: "import.file.required", messageZH: "请选择要导入的 CSV、XLSX 或 JSON 文件")])
            }
            bytes = Array(file.data.readableBytesView)
            filename = file.filename
            receive = ["on", "true", "1"].contains(req.field("receive") ?? "")
        } else {
            guard let body = req.body.data, body.readableBytes > 0 else {
                throw DomainError.invalid([FieldError(field: "items", rule: "CP-43", code: "import.empty", messageZH: "请求体中没有来件")])
            }
            bytes = Array(body.readableBytesView)
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
            if let object { try checkItems(object) }
            filename = object?["filename"] as? String ?? "api.json"
            receive = object?["receive"] as? Bool ?? false
        }
        do {
            let rows = try ComplaintImportFile.rows(bytes: bytes, filename: req.headers.contentType?.type == "multipart" ? filename : "api.json")
            return Read(rows: rows, filename: filename, receive: receive)
        } catch {
            throw DomainError.invalid([FieldError(field: "file", rule: "CP-43", code: error.code, messageZH: error.messageZH)])
        }
    }
}
