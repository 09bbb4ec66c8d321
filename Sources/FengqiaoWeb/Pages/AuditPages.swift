import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import Vapor

/// The audit viewer (PLT-22): search by user, object, action and time; for the audit
/// administrator and the discipline office.
struct AuditPages: RouteCollection {
    struct Model {
        struct Query { let login: String; let object: String; let action: String; let from: String; let to: String }
        struct Row { let seq: Int64; let at: String; let login: String; let action: String; let object: String; let changes: String; let client: String }
        let page: PageChrome
        let q: Query
        let events: [Row]
        let exportHref: String?
        let total: Int
        let algorithm: String
        let older: String?
        let error: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.audit.pattern, use: list).access(.permission(.auditRead))
        routes.get(SiteURL.auditExport.pattern, use: export).access(.permission(.auditExport))
    }

    /// The filters of a request, shared by the page and the export.
    static func query(_ req: Request, limit: Int) throws -> (Model.Query, AuditQuery) {
        let q = Model.Query(login: req.query[String.self, at: "login"] ?? "", object: req.query[String.self, at: "object"] ?? "",
                            action: req.query[String.self, at: "action"] ?? "", from: req.query[String.self, at: "from"] ?? "",
                            to: req.query[String.self, at: "to"] ?? "")
        let from = q.from.isEmpty ? nil : LocalDate(iso: q.from)
        let to = q.to.isEmpty ? nil : LocalDate(iso: q.to)
        if (!q.from.isEmpty && from == nil) || (!q.to.isEmpty && to == nil) {
            throw DomainError.invalid([FieldError(field: from == nil ? "from" : "to", rule: "PLT-22", code: "audit.date.invalid", messageZH: "日期应为 YYYY-MM-DD 格式")])
        }
        // Dates are Beijing calendar days: midnight Beijing is 16:00 UTC of the day before (X-01).
        func millis(_ d: LocalDate) -> Int64 { (Int64(d.ordinal) * 86_400 - 8 * 3600) * 1000 }
        return (q, AuditQuery(login: q.login, objectID: q.object, action: q.action, fromMillis: from.map(millis),
                              toMillis: to.map { millis($0.adding(days: 1)) }, limit: limit, beforeSeq: req.query[Int64.self, at: "before"]))
    }

    static func changesText(_ e: AuditEvent) -> String {
        e.draft.changes.keys.sorted().map { k in "\(k): \(e.draft.changes[k]!.before ?? "∅") → \(e.draft.changes[k]!.after ?? "∅")" }
            .joined(separator: "; ") + (e.draft.detail.map { " \($0)" } ?? "")
    }

    /// CSV (UTF-8 with BOM) of the filtered events, newest first, up to 1,000 per file; the export
    /// itself is an audited act (PLT-20, PLT-22).
    func export(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.auditExport)
        let (_, query) = try Self.query(req, limit: 1000)
        let events = try await req.auditTrail.search(query, actor: actor)
        var csv = CSVWriter(bom: true)
        csv.append(["序号", "时间（北京）", "用户", "单位", "操作", "对象类型", "对象", "变更", "来源地址", "请求号", "哈希"])
        for e in events {
            csv.append([String(e.seq), WallClock.beijingText(millis: e.at), e.draft.userLogin ?? "", e.draft.unitID ?? "", e.draft.action, e.draft.objectType,
                        e.draft.objectID ?? "", Self.changesText(e), e.draft.clientAddress ?? "", e.draft.requestID ?? "", e.hash])
        }
        let filters = "login=\(query.login ?? "") object=\(query.objectID ?? "") action=\(query.action ?? "") rows=\(events.count)"
        try await req.store.write(req.auditContext) { tx in tx.record("audit.export", "audit", nil, detail: filters) }
        let response = Response(status: .ok, body: .init(data: Data(csv.bytes)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "audit-events.csv")
        return response
    }

    func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.auditRead)
        var error: String?
        let q: Model.Query
        var query = AuditQuery()
        do {
            let parsed = try Self.query(req, limit: 100)
            q = parsed.0
            query = parsed.1
        } catch let e as DomainError {
            error = e.fields.first?.messageZH ?? e.messageZH
            q = Model.Query(login: req.query[String.self, at: "login"] ?? "", object: req.query[String.self, at: "object"] ?? "",
                            action: req.query[String.self, at: "action"] ?? "", from: req.query[String.self, at: "from"] ?? "", to: req.query[String.self, at: "to"] ?? "")
        }
        let events = error == nil ? try await req.auditTrail.search(query, actor: actor) : []
        let rows = events.map { e in
            Model.Row(seq: e.seq, at: WallClock.beijingText(millis: e.at), login: e.draft.userLogin ?? "", action: e.draft.action,
                      object: [e.draft.objectType, e.draft.objectID ?? ""].filter { !$0.isEmpty }.joined(separator: " "),
                      changes: Self.changesText(e),
                      client: e.draft.clientAddress ?? "")
        }
        var older: String?
        if events.count == 100, let last = events.last {
            var comps = URLComponents()
            comps.path = SiteURL.audit.path
            comps.queryItems = [URLQueryItem(name: "login", value: q.login), URLQueryItem(name: "object", value: q.object),
                                URLQueryItem(name: "action", value: q.action), URLQueryItem(name: "from", value: q.from),
                                URLQueryItem(name: "to", value: q.to), URLQueryItem(name: "before", value: String(last.seq))]
            older = comps.string
        }
        var exportURL = URLComponents()
        exportURL.path = SiteURL.auditExport.path
        exportURL.queryItems = [URLQueryItem(name: "login", value: q.login), URLQueryItem(name: "object", value: q.object),
                                URLQueryItem(name: "action", value: q.action), URLQueryItem(name: "from", value: q.from), URLQueryItem(name: "to", value: q.to)]
        return try render(req, "audit", Model(page: PageChrome(request: req, title: "审计日志"), q: q, events: rows, exportHref: actor.can(.auditExport) ? exportURL.string : nil,
                                              total: try await req.auditTrail.count(), algorithm: req.services.config.auditHash.rawValue,
                                              older: older, error: error))
    }
}
