import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// Service points and 挂牌率 (complaints.md, ServicePoint; CP-40) from the pages (`/service-points`):
/// each unit's 消协分会, 投诉举报站 and 联络点 with their 挂牌 dates, its target and rate; the forms to
/// register a point and to set a unit's target, for the centre head (`complaint.dispatch`).
struct ServicePointPages: RouteCollection {
    struct Model {
        struct Rate { let unit: String; let established: Int; let target: String; let rate: String }
        struct Row { let unit: String; let kind: String; let name: String; let liaison: String; let phone: String; let listedOn: String; let listed: Bool }
        let page: PageChrome
        let asOf: String
        let rates: [Rate]
        let rows: [Row]
        let errors: [String]
        /// nil for those who may not manage points.
        let form: Form?
    }

    struct Form {
        let units: [SelectOption]
        let kinds: [SelectOption]
        let name: String
        let liaisonName: String
        let liaisonPhone: String
        let listedOn: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.servicePoints.pattern, use: page).access(.permission(.caseRead))
        routes.post(SiteURL.servicePoints.pattern, use: create).access(.permission(.complaintDispatch))
        routes.post("service-points", "targets", use: target).access(.permission(.complaintDispatch))
    }

    func page(_ req: Request) async throws -> Response { try await render(req) }

    func render(_ req: Request, errors: [String] = [], typed: [String: String]? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let repository = ServicePointRepository(store: req.store)
        let today = req.store.clock.todayInBeijing
        let tree = try await req.unitTree()
        func unitName(_ id: UUID) -> String { tree.units[id]?.name ?? "—" }
        let rates = try await repository.rates(actor: actor, on: today).sorted { unitName($0.key) < unitName($1.key) }.map {
            Model.Rate(unit: unitName($0.key), established: $0.value.established, target: $0.value.target == 0 ? "未设定" : "\($0.value.target)", rate: $0.value.text)
        }
        let rows = try await repository.points(actor: actor).map {
            Model.Row(unit: unitName($0.unitID), kind: $0.kind.nameZH, name: $0.name, liaison: $0.liaisonName, phone: $0.liaisonPhone,
                      listedOn: $0.listedOn.chinese, listed: $0.listedOn <= today)
        }
        var form: Form?
        if actor.can(.complaintDispatch) {
            let unit = typed?["unitID"] ?? actor.unitID.uuidString, kind = typed?["kind"] ?? ServicePointKind.complaintStation.rawValue
            form = Form(units: tree.units.values.filter { actor.sees(unit: $0.id) }.sorted { $0.name < $1.name }.map {
                            SelectOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == unit)
                        },
                        kinds: ServicePointKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0.rawValue == kind) },
                        name: typed?["name"] ?? "", liaisonName: typed?["liaisonName"] ?? "", liaisonPhone: typed?["liaisonPhone"] ?? "",
                        listedOn: typed?["listedOn"] ?? today.iso)
        }
        let model = Model(page: PageChrome(request: req, title: "服务站点"), asOf: today.chinese, rates: rates, rows: rows, errors: errors, form: form)
        let response = try FengqiaoWeb.render(req, "service_points", model)
        response.status = status
        return response
    }

    func create(_ req: Request) async throws -> Response {
        var values: [String: String] = [:]
        for k in ["unitID", "kind", "name", "liaisonName", "liaisonPhone", "listedOn"] { values[k] = req.field(k) }
        do {
            _ = try await ServicePointRepository(store: req.store).create(values, actor: try req.actor(), context: req.auditContext)
            return req.redirect(to: SiteURL.servicePoints.path + "?ok=service-point-saved")
        } catch let e as DomainError where e.kind == .invalid {
            return try await render(req, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, typed: values, status: .unprocessableEntity)
        }
    }

    func target(_ req: Request) async throws -> Response {
        guard let unit = req.field("unitID").flatMap(UUID.init(uuidString:)) else { throw DomainError.notFound }
        do {
            try await ServicePointRepository(store: req.store).setTarget(unitID: unit, target: req.field("target"), actor: try req.actor(), context: req.auditContext)
            return req.redirect(to: SiteURL.servicePoints.path + "?ok=service-point-target")
        } catch let e as DomainError where e.kind == .invalid {
            return try await render(req, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
        }
    }
}
