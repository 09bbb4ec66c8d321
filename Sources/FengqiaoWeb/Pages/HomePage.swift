import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The home page: the user's open work (filled by the procedures) and a few figures.
struct HomePage: RouteCollection {
    struct Model {
        struct Item { let caseNumber: String; let step: String; let due: String; let signal: String }
        struct Stat { let label: String; let value: String }
        let page: PageChrome
        let items: [Item]
        let stats: [Stat]
        let unitName: String
        let roles: String
        let scope: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.home.pattern, use: home)
    }

    func home(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let tree = try await req.organisation.tree()
        var stats: [Model.Stat] = []
        if actor.can(.partyRead) { stats.append(.init(label: "可见当事人", value: String(try await req.parties.count(actor: actor)))) }
        if actor.can(.auditRead) { stats.append(.init(label: "审计事件", value: String(try await req.auditTrail.count()))) }
        let catalog = try await RoleRepository(store: req.store).catalog()
        let roles = actor.roleCodes.compactMap { catalog.role($0)?.nameZH }.joined(separator: "、")
        let scope = actor.visibleUnits == nil ? "全部单位" : "\(actor.visibleUnits!.count) 个单位"
        return try render(req, "home", Model(page: PageChrome(request: req, title: "我的工作"), items: [], stats: stats,
                                             unitName: tree.units[actor.unitID]?.name ?? "", roles: roles, scope: scope))
    }
}
