import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// 专项行动 (complaints.md, Campaign) from the pages: the list with the form to open one (`/campaigns`),
/// and one campaign with its counters, the registry cases linked to it and their 罚没 (`/campaigns/{id}`).
/// A refused form comes back with every fault and what was typed (nothing a user entered is lost).
struct CampaignPages: RouteCollection {
    struct Form: Sendable {
        let name: String
        let startsOn: String
        let endsOn: String
        let categories: [SelectOption]
        let counters: [Counter]
    }

    struct Counter: Sendable { let name: String; let label: String; let value: String }
    struct Stat: Sendable { let label: String; let value: String }

    struct ListModel {
        struct Row { let href: String; let name: String; let period: String; let category: String; let cases: Int; let failed: String }
        let page: PageChrome
        let rows: [Row]
        let errors: [String]
        /// nil for those who may not open campaigns.
        let form: Form?
    }

    struct DetailModel {
        struct CaseRow { let href: String; let number: String; let title: String; let state: String; let total: String; let paid: String }
        let page: PageChrome
        let name: String
        let period: String
        let category: String
        let counters: [Stat]
        let cases: [CaseRow]
        let totalFen: String
        let paidFen: String
        let errors: [String]
        let form: Form?
        let action: String
        let linkAction: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.campaigns.pattern, use: list).access(.permission(.caseRead))
        routes.post(SiteURL.campaigns.pattern, use: create).access(.permission(.enforcementHandle))
        routes.get("campaigns", ":id", use: detail).access(.permission(.caseRead), ["id": .campaign])
        routes.post("campaigns", ":id", use: update).access(.permission(.enforcementHandle), ["id": .campaign])
        routes.post("campaigns", ":id", "cases", use: link).access(.permission(.enforcementHandle), ["id": .campaign])
    }

    static func form(_ c: Campaign?, typed: [String: String]?) -> Form {
        func v(_ k: String, _ fallback: String) -> String { typed?[k] ?? fallback }
        let category = v("category", c?.category.rawValue ?? EnforcementCategory.food.rawValue)
        return Form(name: v("name", c?.name ?? ""), startsOn: v("startsOn", c?.startsOn.iso ?? ""), endsOn: v("endsOn", c?.endsOn.iso ?? ""),
                    categories: EnforcementCategory.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0.rawValue == category) },
                    counters: Campaign.Counters.fields.map { f in Counter(name: f.name, label: f.labelZH, value: v(f.name, c.map { "\($0.counters[keyPath: f.path])" } ?? "0")) })
    }

    static func values(_ req: Request) -> [String: String] {
        var out: [String: String] = [:]
        for k in ["name", "startsOn", "endsOn", "category"] + Campaign.Counters.fields.map(\.name) { out[k] = req.field(k) }
        return out
    }

    func list(_ req: Request) async throws -> Response { try await renderList(req) }

    func renderList(_ req: Request, errors: [String] = [], typed: [String: String]? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let rows = try await CampaignRepository(store: req.store).list(actor: actor).map {
            ListModel.Row(href: SiteURL.campaign($0.id).path, name: $0.campaign.name, period: "\($0.campaign.startsOn.chinese)至\($0.campaign.endsOn.chinese)",
                          category: $0.campaign.category.nameZH, cases: $0.cases,
                          failed: "\($0.campaign.counters.batchesFailed)/\($0.campaign.counters.batchesSampled)")
        }
        let model = ListModel(page: PageChrome(request: req, title: "专项行动"), rows: rows, errors: errors,
                              form: actor.can(.enforcementHandle) ? Self.form(nil, typed: typed) : nil)
        let response = try render(req, "campaigns", model)
        response.status = status
        return response
    }

    func create(_ req: Request) async throws -> Response {
        let values = Self.values(req)
        do {
            let id = try await CampaignRepository(store: req.store).create(values, actor: try req.actor(), context: req.auditContext)
            return req.redirect(to: SiteURL.campaign(id).path + "?ok=campaign-saved")
        } catch let e as DomainError where e.kind == .invalid {
            return try await renderList(req, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, typed: values, status: .unprocessableEntity)
        }
    }

    func detail(_ req: Request) async throws -> Response { try await renderDetail(req) }

    func renderDetail(_ req: Request, errors: [String] = [], typed: [String: String]? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter()
        let repository = CampaignRepository(store: req.store)
        guard let (_, c) = try await repository.find(id, actor: actor) else { throw DomainError.notFound }
        let linked = try await repository.cases(id, actor: actor)
        let model = DetailModel(
            page: PageChrome(request: req, title: c.name), name: c.name, period: "\(c.startsOn.chinese)至\(c.endsOn.chinese)", category: c.category.nameZH,
            counters: Campaign.Counters.fields.map { Stat(label: $0.labelZH, value: "\(c.counters[keyPath: $0.path])") } + [Stat(label: "查处案件", value: "\(linked.count)")],
            cases: linked.map {
                DetailModel.CaseRow(href: SiteURL.caseDetail($0.id).path, number: $0.number, title: $0.title,
                                    state: EnforcementProcedure.stateNameZH($0.state), total: Fen.text($0.facts.decision?.totalFen ?? 0), paid: Fen.text($0.facts.paidFen))
            },
            totalFen: Fen.text(linked.reduce(0) { $0 + ($1.facts.decision?.totalFen ?? 0) }), paidFen: Fen.text(linked.reduce(0) { $0 + $1.facts.paidFen }),
            errors: errors, form: actor.can(.enforcementHandle) ? Self.form(c, typed: typed) : nil, action: SiteURL.campaign(id).path,
            linkAction: SiteURL.campaign(id).path + "/cases")
        let response = try render(req, "campaign", model)
        response.status = status
        return response
    }

    func update(_ req: Request) async throws -> Response {
        let values = Self.values(req)
        let id = try req.uuidParameter()
        do {
            try await CampaignRepository(store: req.store).update(id, values, actor: try req.actor(), context: req.auditContext)
            return req.redirect(to: SiteURL.campaign(id).path + "?ok=campaign-saved")
        } catch let e as DomainError where e.kind == .invalid {
            return try await renderDetail(req, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, typed: values, status: .unprocessableEntity)
        }
    }

    /// Links a registry case named by its number (ZC-PN-2025-0001) or id.
    func link(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter()
        let text = req.field("case") ?? ""
        do {
            let caseID = try await CaseRepository(store: req.store).id(numberOrID: text, actor: actor)
            guard let caseID else {
                throw DomainError.invalid([FieldError(field: "case", rule: "X-05", code: "campaign.case.unknown", messageZH: "案件不存在或不在您的管辖范围内")])
            }
            try await CampaignRepository(store: req.store).link(id, caseID: caseID, actor: actor, context: req.auditContext)
            return req.redirect(to: SiteURL.campaign(id).path + "?ok=campaign-linked")
        } catch let e as DomainError where e.kind == .invalid {
            return try await renderDetail(req, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
        }
    }
}
