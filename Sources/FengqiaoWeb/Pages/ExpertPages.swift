import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// PLT-08 from the pages: 专家库 (`/experts`) for the legal department — the pool, adding an expert,
/// recording a party the expert must not be involved with — and, on a case page, the experts who took
/// part and the form that invites one (a refused form comes back with every fault and what was typed).
struct ExpertPages: RouteCollection {
    static let formKey = "expert"

    struct Section: Sendable {
        struct Row: Sendable { let on: String; let name: String; let occasion: String; let note: String }
        let rows: [Row]
        /// nil for those who may not invite (no case.handle).
        let action: String?
        let experts: [SelectOption]
        let occasions: [SelectOption]
        let on: String
        let note: String
    }

    struct Model {
        struct Row { let id: String; let name: String; let field: String; let organisation: String; let conflicts: Int; let conflictAction: String }
        let page: PageChrome
        let rows: [Row]
        let errors: [String]
        let name: String
        let field: String
        let organisation: String
        let phone: String
    }

    static func section(_ req: Request, caseID: UUID, actor: Actor, typed: ActionInput?) async throws -> Section {
        let repository = ExpertRepository(store: req.store)
        let rows = try await repository.participations(caseID: caseID, actor: actor).map {
            Section.Row(on: $0.on.chinese, name: "\($0.expertName)（\($0.field)）", occasion: $0.occasion.nameZH, note: $0.note)
        }
        guard actor.can(.caseHandle) else { return Section(rows: rows, action: nil, experts: [], occasions: [], on: "", note: "") }
        let chosen = typed?.text("expert"), occasion = typed?.text("occasion") ?? ExpertOccasion.interview.rawValue
        return Section(rows: rows, action: "/cases/\(caseID.uuidString)/experts",
                       experts: try await repository.list(actor: actor).filter(\.active).map {
                           SelectOption(value: $0.id.uuidString, label: "\($0.name)（\($0.field)，\($0.organisation)）", selected: $0.id.uuidString == chosen)
                       },
                       occasions: ExpertOccasion.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0.rawValue == occasion) },
                       on: typed?.text("on") ?? req.store.clock.todayInBeijing.iso, note: typed?.text("note") ?? "")
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.experts.pattern, use: pool).access(.permission(.expertManage))
        routes.post(SiteURL.experts.pattern, use: create).access(.permission(.expertManage))
        routes.post("experts", ":id", "conflicts", use: conflict).access(.permission(.expertManage), ["id": .expert])
        routes.post("cases", ":id", "experts", use: invite).access(.permission(.caseHandle), ["id": .case])
    }

    func pool(_ req: Request) async throws -> Response { try await render(req) }

    func render(_ req: Request, errors: [String] = [], typed: ExpertInput? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.expertManage)
        let rows = try await ExpertRepository(store: req.store).list(actor: actor).map {
            Model.Row(id: $0.id.uuidString, name: $0.name, field: $0.field, organisation: $0.organisation, conflicts: $0.conflictParties.count,
                      conflictAction: "/experts/\($0.id.uuidString)/conflicts")
        }
        let response = try FengqiaoWeb.render(req, "experts", Model(page: PageChrome(request: req, title: "专家库"), rows: rows, errors: errors,
                                                                   name: typed?.name ?? "", field: typed?.field ?? "", organisation: typed?.organisation ?? "",
                                                                   phone: typed?.phone ?? ""))
        response.status = status
        return response
    }

    func create(_ req: Request) async throws -> Response {
        let input = ExpertInput(name: req.field("name") ?? "", field: req.field("field") ?? "", organisation: req.field("organisation") ?? "",
                                phone: req.field("phone"))
        do {
            _ = try await ExpertRepository(store: req.store).create(input, actor: try req.actor(), context: req.auditContext)
            return req.redirect(to: SiteURL.experts.path + "?ok=expert-created")
        } catch let e as DomainError where e.kind == .invalid {
            return try await render(req, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, typed: input, status: .unprocessableEntity)
        }
    }

    /// A party the expert must not be involved with, found by its USCC (PLT-06).
    func conflict(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter()
        guard let partyID = try await req.parties.idByUSCC(req.field("uscc") ?? "") else {
            return try await render(req, errors: ["未找到该统一社会信用代码的当事人（PLT-06）"], status: .unprocessableEntity)
        }
        do {
            try await ExpertRepository(store: req.store).addConflict(expertID: id, partyID: partyID, relation: req.field("relation") ?? "", actor: actor,
                                                                     context: req.auditContext)
        } catch let e as DomainError where e.kind == .invalid {
            return try await render(req, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.experts.path + "?ok=expert-conflict")
    }

    func invite(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter()
        let typed = ActionInput(Dictionary(uniqueKeysWithValues: ["expert", "occasion", "on", "note"].map { ($0, [req.field($0) ?? ""]) }))
        do {
            try await ExpertRepository(store: req.store).invite(caseID: id, expertID: typed.uuid("expert"), occasion: typed.text("occasion"), on: typed.text("on"),
                                                                note: typed.text("note"), actor: actor, context: req.auditContext)
            return req.redirect(to: SiteURL.caseDetail(id).path + "?ok=expert-invited#experts")
        } catch let e as DomainError where e.kind == .invalid {
            return try await CasePages().page(req, id: id, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity,
                                              failed: (Self.formKey, typed))
        }
    }
}
