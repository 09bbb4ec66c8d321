import FengqiaoCore
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
        let total: Int
        let algorithm: String
        let older: String?
        let error: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.audit.pattern, use: list)
    }

    func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.auditRead)
        let q = Model.Query(login: req.query[String.self, at: "login"] ?? "", object: req.query[String.self, at: "object"] ?? "",
                            action: req.query[String.self, at: "action"] ?? "", from: req.query[String.self, at: "from"] ?? "",
                            to: req.query[String.self, at: "to"] ?? "")
        var error: String?
        let from = q.from.isEmpty ? nil : LocalDate(iso: q.from)
        let to = q.to.isEmpty ? nil : LocalDate(iso: q.to)
        if (!q.from.isEmpty && from == nil) || (!q.to.isEmpty && to == nil) { error = "日期应为 YYYY-MM-DD 格式" }
        // Dates are Beijing calendar days: midnight Beijing is 16:00 UTC of the day before (X-01).
        func millis(_ d: LocalDate) -> Int64 { (Int64(d.ordinal) * 86_400 - 8 * 3600) * 1000 }
        let before = req.query[Int64.self, at: "before"]
        let query = AuditQuery(login: q.login, objectID: q.object, action: q.action, fromMillis: from.map(millis),
                               toMillis: to.map { millis($0.adding(days: 1)) }, limit: 100, beforeSeq: before)
        let events = error == nil ? try await req.auditTrail.search(query, actor: actor) : []
        let rows = events.map { e in
            Model.Row(seq: e.seq, at: WallClock.beijingText(millis: e.at), login: e.draft.userLogin ?? "", action: e.draft.action,
                      object: [e.draft.objectType, e.draft.objectID ?? ""].filter { !$0.isEmpty }.joined(separator: " "),
                      changes: e.draft.changes.keys.sorted().map { k in "\(k): \(e.draft.changes[k]!.before ?? "∅") → \(e.draft.changes[k]!.after ?? "∅")" }
                        .joined(separator: "; ") + (e.draft.detail.map { " \($0)" } ?? ""),
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
        return try render(req, "audit", Model(page: PageChrome(request: req, title: "审计日志"), q: q, events: rows,
                                              total: try await req.auditTrail.count(), algorithm: req.services.config.auditHash.rawValue,
                                              older: older, error: error))
    }
}
