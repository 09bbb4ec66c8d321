import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// CP-44: bulk dispatch, assign and export of complaints (`/complaints/bulk` and
/// `POST /api/v1/complaints/bulk`). The page lists the open complaints in the user's scope with
/// checkboxes; dispatch and assignment are first shown item by item as they would go (the
/// confirmation), then applied, each item through its own transition with its own audit entry, and
/// answered with a result per item. Export (CSV or XLSX) writes an audit entry per item and carries
/// no complainant or reporter identity. Deciding, terminating and closing in bulk are refused
/// (`complaint.bulk.refused`), as is a selection of more than 200 (`complaint.bulk.too-many`).
enum ComplaintBulkPages {
    typealias Bulk = BulkRepository<ComplaintProcedure>

    /// A parsed request: the operation, the items and the transition's input.
    struct Request: Sendable {
        let operation: ComplaintBulk.Operation
        let ids: [UUID]
        let input: ActionInput
    }

    /// The form's or the JSON body's request; the operation is checked first, so a refused one is
    /// refused whatever was selected.
    static func parse(_ req: Vapor.Request) throws -> Request {
        let operation = try ComplaintBulk.operation(req.field("operation") ?? "")
        let ids = try ComplaintBulk.selection((try? req.content.get([String].self, at: "ids")) ?? [])
        var values: [String: String] = (try? req.content.get([String: String].self, at: "input")) ?? [:]
        for name in ["unit", "reportBackOn", "handler"] { if let v = req.field(name) { values[name] = v } }
        // Only the operation's own fields reach its transition.
        let fields: [String] = switch operation {
        case .dispatch: ["unit", "reportBackOn"]
        case .assign: ["handler"]
        case .export: []
        }
        // The operation's own permission, before anything is read: an export reads, a change needs its step's holder.
        let actor = try req.actor()
        let permissions = operation.transition.flatMap(ComplaintProcedure.transition)?.permissions ?? [.caseRead]
        guard permissions.contains(where: actor.can) else { throw DomainError.forbidden(permissions.map(\.rawValue).joined(separator: "/")) }
        return Request(operation: operation, ids: ids, input: ActionInput(single: values.filter { fields.contains($0.key) }))
    }

    static func select(_ req: Vapor.Request) async throws -> Response {
        let actor = try req.actor()
        let state = req.query[String.self, at: "state"].flatMap { $0.isEmpty ? nil : $0 }
        let cases = try await Bulk(store: req.store).openCases(actor: actor, state: state, limit: ComplaintBulk.limit)
        let model = try await ComplaintBulkModel.build(req, actor: actor, mode: .selecting, request: nil,
                                                       items: cases.map { BulkItemResult(caseID: $0.id, record: $0, refusal: nil) }, state: state)
        return try render(req, "complaint-bulk", model)
    }

    /// The confirmation (dispatch, assign) or the download (export).
    static func confirm(_ req: Vapor.Request) async throws -> Response {
        let actor = try req.actor()
        let request = try parse(req)
        guard let key = request.operation.transition else {
            let format = req.field("format") == "xlsx" ? "xlsx" : "csv"
            let table = try await export(req, actor: actor, ids: request.ids, format: format)
            return try TablesDownload.response(format: format, name: "投诉批量导出-\(req.store.clock.todayInBeijing.iso)", tables: [("投诉", table)]) {
                TablesDocument.render(code: "CP-BULK", nameZH: "投诉批量导出", typeWord: "表", heading: [], tables: [], date: "")
            } ?? Response(status: .badRequest)
        }
        let items = try await Bulk(store: req.store).preview(key, caseIDs: request.ids, input: request.input, actor: actor)
        return try render(req, "complaint-bulk", try await ComplaintBulkModel.build(req, actor: actor, mode: .confirming, request: request, items: items, state: nil))
    }

    static func apply(_ req: Vapor.Request) async throws -> Response {
        let actor = try req.actor()
        let request = try parse(req)
        guard let key = request.operation.transition else { throw DomainError.notFound }
        let items = try await Bulk(store: req.store).apply(key, caseIDs: request.ids, input: request.input, actor: actor, context: req.auditContext)
        return try render(req, "complaint-bulk", try await ComplaintBulkModel.build(req, actor: actor, mode: .done, request: request, items: items, state: nil))
    }

    /// CP-44, CP-08, X-09: the selected complaints the actor sees as rows without any complainant or
    /// reporter identity, each export recorded against each case.
    static func export(_ req: Vapor.Request, actor: Actor, ids: [UUID], format: String) async throws -> [[String]] {
        try actor.require(.caseRead)
        let cases = try await Bulk(store: req.store).visible(ids, actor: actor)
        let tree = try await req.unitTree()
        var names: [UUID: String] = [:]
        for id in Set(cases.compactMap(\.record.handlerID)) { names[id] = try await req.organisation.user(id: id)?.name }
        try await req.store.write(req.auditContext) { tx in
            for c in cases {
                tx.record("case.export", "case", c.record.id.uuidString, changes: ["format": .init(before: nil, after: format)], detail: "批量导出（CP-44）")
            }
        }
        return [ComplaintBulk.exportHeader] + cases.map { c in
            ComplaintBulk.exportRow(number: c.record.number ?? c.record.title, state: ComplaintProcedure.stateNameZH(c.record.state),
                                    unit: tree.units[c.record.unitID]?.name ?? "", handler: c.record.handlerID.flatMap { names[$0] } ?? "",
                                    facts: c.procedureCase.facts)
        }
    }

    static func api(_ req: Vapor.Request) async throws -> ComplaintBulkDTO {
        let actor = try req.actor()
        let request = try parse(req)
        guard let key = request.operation.transition else {
            let rows = try await export(req, actor: actor, ids: request.ids, format: "json")
            return ComplaintBulkDTO(operation: request.operation.rawValue, preview: false, items: [], export: rows)
        }
        let preview = (try? req.content.get(Bool.self, at: "preview")) ?? false
        let bulk = Bulk(store: req.store)
        let items = preview ? try await bulk.preview(key, caseIDs: request.ids, input: request.input, actor: actor)
            : try await bulk.apply(key, caseIDs: request.ids, input: request.input, actor: actor, context: req.auditContext)
        return ComplaintBulkDTO(operation: request.operation.rawValue, preview: preview, items: items.map {
            ComplaintBulkDTO.Item(caseId: $0.caseID, number: $0.record?.number, status: $0.refusal == nil ? (preview ? "ready" : "done") : "refused",
                  code: $0.refusal.map(ComplaintBulkModel.code), rule: $0.refusal.flatMap(ComplaintBulkModel.rule),
                  messageZH: $0.refusal.map(ComplaintBulkModel.message))
        }, export: nil)
    }

    static func boot(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.get(SiteURL.complaintBulk.pattern, use: select).access(.permission(.caseRead))
        web.post(SiteURL.complaintBulk.pattern, use: confirm).access(.permission(.caseRead))
        web.post(SiteURL.complaintBulkApply.pattern, use: apply).access(.anyOf([.complaintDispatch, .caseAssign]))
        api.post("complaints", "bulk", use: Self.api).access(.permission(.caseRead))
    }
}

/// CP-44 over the API: per item `ready` (preview), `done` or `refused` with the refusal's code, rule
/// and message; an export answers its rows.
struct ComplaintBulkDTO: Content {
    struct Item: Content {
        let caseId: UUID
        let number: String?
        let status: String
        let code: String?
        let rule: String?
        let messageZH: String?
    }
    let operation: String
    let preview: Bool
    let items: [Item]
    let export: [[String]]?
}
