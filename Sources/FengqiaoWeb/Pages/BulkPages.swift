import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// CP-44: bulk dispatch, assign and export for every procedure that declares them (`Procedure.bulk`:
/// `/complaints/bulk`, `/reports/bulk` and `POST /api/v1/{word}/bulk`). The page lists the open cases
/// in the user's scope with checkboxes; dispatch and assignment are first shown item by item as they
/// would go (the confirmation), then applied, each item through its own transition with its own
/// audit entry, and answered with a result per item. Export (CSV or XLSX) writes an audit entry per
/// item and carries no complainant or reporter identity (CP-08). Deciding, terminating and closing
/// in bulk are refused (`{type}.bulk.refused`), as is a selection of more than 200 (`{type}.bulk.too-many`).
struct BulkPages<P: Procedure>: Sendable {
    typealias Bulk = BulkRepository<P>
    let plan: BulkPlan

    static var word: String { P.module.pathWord }

    /// A parsed request: the operation, the items and the transition's input.
    struct Request: Sendable {
        let operation: BulkOperation
        let ids: [UUID]
        let input: ActionInput
    }

    /// The form's or the JSON body's request; the operation is checked first, so a refused one is
    /// refused whatever was selected. Only the operation's transition's own fields reach it.
    func parse(_ req: Vapor.Request) throws -> Request {
        let operation = try plan.operation(req.field("operation") ?? "")
        let ids = try plan.selection((try? req.content.get([String].self, at: "ids")) ?? [])
        let transition = plan.transition(operation).flatMap(P.transition)
        let fields = transition?.fields.map(\.name) ?? []
        var values: [String: String] = (try? req.content.get([String: String].self, at: "input")) ?? [:]
        for name in fields { if let v = req.field(name) { values[name] = v } }
        // The operation's own permission, before anything is read: an export reads, a change needs its step's holder.
        let actor = try req.actor()
        let permissions = transition?.permissions ?? [.caseRead]
        guard permissions.contains(where: actor.can) else { throw DomainError.forbidden(permissions.map(\.rawValue).joined(separator: "/")) }
        return Request(operation: operation, ids: ids, input: ActionInput(single: values.filter { fields.contains($0.key) }))
    }

    func select(_ req: Vapor.Request) async throws -> Response {
        let actor = try req.actor()
        let state = req.query[String.self, at: "state"].flatMap { $0.isEmpty ? nil : $0 }
        let cases = try await Bulk(store: req.store).openCases(actor: actor, state: state, limit: BulkPlan.limit)
        return try render(req, "bulk", try await BulkModel.build(req, P.self, plan: plan, actor: actor, mode: .selecting, request: nil,
                                                                 items: cases.map { BulkItemResult(caseID: $0.id, record: $0, refusal: nil) }, state: state))
    }

    /// The confirmation (dispatch, assign) or the download (export).
    func confirm(_ req: Vapor.Request) async throws -> Response {
        let actor = try req.actor()
        let request = try parse(req)
        guard let key = plan.transition(request.operation) else {
            let format = req.field("format") == "xlsx" ? "xlsx" : "csv"
            let table = try await export(req, actor: actor, ids: request.ids, format: format)
            return try TablesDownload.response(format: format, name: "\(P.nameZH)批量导出-\(req.store.clock.todayInBeijing.iso)", tables: [(P.nameZH, table)]) {
                TablesDocument.render(code: "CP-BULK", nameZH: "\(P.nameZH)批量导出", typeWord: "表", heading: [], tables: [], date: "")
            } ?? Response(status: .badRequest)
        }
        let items = try await Bulk(store: req.store).preview(key, caseIDs: request.ids, input: request.input, actor: actor)
        return try render(req, "bulk", try await BulkModel.build(req, P.self, plan: plan, actor: actor, mode: .confirming, request: request, items: items, state: nil))
    }

    func apply(_ req: Vapor.Request) async throws -> Response {
        let actor = try req.actor()
        let request = try parse(req)
        guard let key = plan.transition(request.operation) else { throw DomainError.notFound }
        let items = try await Bulk(store: req.store).apply(key, caseIDs: request.ids, input: request.input, actor: actor, context: req.auditContext)
        return try render(req, "bulk", try await BulkModel.build(req, P.self, plan: plan, actor: actor, mode: .done, request: request, items: items, state: nil))
    }

    /// CP-44, CP-08, X-09: the selected cases the actor sees as rows without any complainant or
    /// reporter identity (`Procedure.bulkExportRow`), each export recorded against each case.
    func export(_ req: Vapor.Request, actor: Actor, ids: [UUID], format: String) async throws -> [[String]] {
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
        return [plan.exportHeader] + cases.map { c in
            P.bulkExportRow(number: c.record.number ?? c.record.title, state: P.stateNameZH(c.record.state), unit: tree.units[c.record.unitID]?.name ?? "",
                            handler: c.record.handlerID.flatMap { names[$0] } ?? "", facts: c.procedureCase.facts)
        }
    }

    func api(_ req: Vapor.Request) async throws -> BulkDTO {
        let actor = try req.actor()
        let request = try parse(req)
        guard let key = plan.transition(request.operation) else {
            let rows = try await export(req, actor: actor, ids: request.ids, format: "json")
            return BulkDTO(operation: request.operation.rawValue, preview: false, items: [], export: rows)
        }
        let preview = (try? req.content.get(Bool.self, at: "preview")) ?? false
        let bulk = Bulk(store: req.store)
        let items = preview ? try await bulk.preview(key, caseIDs: request.ids, input: request.input, actor: actor)
            : try await bulk.apply(key, caseIDs: request.ids, input: request.input, actor: actor, context: req.auditContext)
        return BulkDTO(operation: request.operation.rawValue, preview: preview, items: items.map {
            BulkDTO.Item(caseId: $0.caseID, number: $0.record?.number, status: $0.refusal == nil ? (preview ? "ready" : "done") : "refused",
                         code: $0.refusal.map(BulkModel.code), rule: $0.refusal.flatMap(BulkModel.rule), messageZH: $0.refusal.map(BulkModel.message))
        }, export: nil)
    }

    /// The permissions of the steps the plan runs (dispatch, assign): who may apply.
    var applyPermissions: [Permission] {
        Array(Set(plan.transitions.values.compactMap { P.transition($0)?.permissions }.flatMap { $0 })).sorted { $0.rawValue < $1.rawValue }
    }

    static func boot(web: any RoutesBuilder, api: any RoutesBuilder) {
        guard let plan = P.bulk else { return }
        let pages = BulkPages(plan: plan)
        web.get(SiteURL.bulk(word).pattern, use: { try await pages.select($0) }).access(.permission(.caseRead))
        web.post(SiteURL.bulk(word).pattern, use: { try await pages.confirm($0) }).access(.permission(.caseRead))
        web.post(SiteURL.bulkApply(word).pattern, use: { try await pages.apply($0) }).access(.anyOf(pages.applyPermissions))
        api.post(PathComponent(stringLiteral: word), "bulk", use: { try await pages.api($0) }).access(.permission(.caseRead))
    }
}

/// CP-44 over the API: per item `ready` (preview), `done` or `refused` with the refusal's code, rule
/// and message; an export answers its rows.
struct BulkDTO: Content {
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
