import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// Roles and permissions (PLT-03, PLT-04): everyone in administration sees the catalogue; only the
/// security administrator (`security.roles`) creates roles or changes their permissions. Each save
/// is audited with the permissions before and after.
struct RolePages: RouteCollection {
    struct ListModel {
        struct Row { let href: String; let code: String; let name: String; let kind: String; let scope: String; let permissions: String; let version: Int }
        let page: PageChrome
        let roles: [Row]
        let canEdit: Bool
        let form: FormModel
    }

    struct FormModel {
        struct Group { let name: String; let items: [Item] }
        struct Item { let value: String; let label: String; let checked: Bool; let id: String }
        let action: String
        let isNew: Bool
        let code: String
        let name: String
        let version: Int
        let scopes: [SelectOption]
        let duties: [SelectOption]
        let groups: [Group]
        let errors: [String]
        let shipped: Bool
    }

    struct EditModel {
        let page: PageChrome
        let form: FormModel
        let canEdit: Bool
        let backHref: String
    }

    func boot(routes: any RoutesBuilder) throws {
        // PLT-04: the system administrator reads the roles to grant them; the security administrator edits them.
        routes.get(SiteURL.adminRoles.pattern, use: list).access(.anyOf([.securityRoles, .adminUsers]))
        routes.post(SiteURL.adminRoles.pattern, use: create).access(.permission(.securityRoles))
        routes.get(SiteURL.adminRole("code").pattern, use: edit).access(.anyOf([.securityRoles, .adminUsers]), ["code": .role])
        routes.post(SiteURL.adminRole("code").pattern, use: save).access(.permission(.securityRoles), ["code": .role])
    }

    static func dutyZH(_ d: Role.AdminDuty?) -> String {
        switch d {
        case .system: "系统管理员职责"
        case .security: "安全管理员职责"
        case .audit: "审计管理员职责"
        case nil: "业务角色"
        }
    }

    /// The form with every permission the app knows, its registered procedures' included (issue 12).
    static func form(action: String, isNew: Bool, draft: RoleDraft, version: Int, errors: [String], catalog: RoleCatalog) -> FormModel {
        let chosen = Set(draft.permissions)
        var groups: [FormModel.Group] = []
        for entry in catalog.permissions {
            let item = FormModel.Item(value: entry.permission.rawValue, label: entry.nameZH, checked: chosen.contains(entry.permission.rawValue),
                                      id: "perm-" + entry.permission.rawValue.replacingOccurrences(of: ".", with: "-"))
            if let i = groups.firstIndex(where: { $0.name == entry.group }) {
                groups[i] = .init(name: entry.group, items: groups[i].items + [item])
            } else {
                groups.append(.init(name: entry.group, items: [item]))
            }
        }
        let duty = draft.adminDuty ?? ""
        return FormModel(
            action: action, isNew: isNew, code: draft.code, name: draft.nameZH, version: version,
            scopes: DataScope.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0.rawValue == draft.defaultScope) },
            duties: [SelectOption(value: "", label: dutyZH(nil), selected: duty.isEmpty)]
                + [Role.AdminDuty.system, .security, .audit].map { SelectOption(value: $0.rawValue, label: dutyZH($0), selected: $0.rawValue == duty) },
            groups: groups, errors: errors, shipped: catalog.isShipped(draft.code))
    }

    static func draft(of role: Role) -> RoleDraft {
        RoleDraft(code: role.code, nameZH: role.nameZH, permissions: role.permissions.map(\.rawValue).sorted(), defaultScope: role.defaultScope.rawValue,
                  adminDuty: role.adminDuty?.rawValue)
    }

    /// The draft as submitted: checkboxes arrive as `permissions[]`.
    static func submitted(_ req: Request, code: String) -> RoleDraft {
        RoleDraft(code: code, nameZH: req.field("name") ?? "", permissions: (try? req.content.get([String].self, at: "permissions")) ?? [],
                  defaultScope: req.field("scope") ?? "", adminDuty: req.field("duty"))
    }

    func mayView(_ actor: Actor) throws {
        guard actor.can(.securityRoles) || actor.can(.adminUsers) else { throw DomainError.forbidden(Permission.securityRoles.rawValue) }
    }

    func listPage(_ req: Request, draft: RoleDraft? = nil, errors: [String] = []) async throws -> Response {
        let actor = try req.actor()
        try mayView(actor)
        let catalog = try await RoleRepository(store: req.store).catalog()
        let rows = catalog.roles.map { r in
            ListModel.Row(href: SiteURL.adminRole(r.code).path, code: r.code, name: r.nameZH,
                          kind: (catalog.isShipped(r.code) ? "随系统提供" : "本单位自定义") + " · " + Self.dutyZH(r.adminDuty), scope: r.defaultScope.nameZH,
                          permissions: r.permissions.map { catalog.permission($0)?.nameZH ?? $0.rawValue }.sorted().joined(separator: "、"),
                          version: catalog.version(of: r.code))
        }
        let blank = RoleDraft(code: "", nameZH: "", permissions: [], defaultScope: DataScope.unit.rawValue)
        let model = ListModel(page: PageChrome(request: req, title: "角色与权限"), roles: rows, canEdit: actor.can(.securityRoles),
                              form: Self.form(action: SiteURL.adminRoles.path, isNew: true, draft: draft ?? blank, version: 0, errors: errors, catalog: catalog))
        let response = try render(req, "admin_roles", model)
        if !errors.isEmpty { response.status = .unprocessableEntity }
        return response
    }

    func list(_ req: Request) async throws -> Response { try await listPage(req) }

    func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.securityRoles)
        let draft = Self.submitted(req, code: (req.field("code") ?? "").lowercased())
        do {
            let saved = try await RoleRepository(store: req.store).save(draft, expectedVersion: nil, actor: actor, context: req.auditContext)
            return req.redirect(to: SiteURL.adminRole(saved.role.code).path + "?ok=role-saved")
        } catch let e as DomainError where e.kind == .invalid {
            return try await listPage(req, draft: draft, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" })
        }
    }

    func editPage(_ req: Request, code: String, draft: RoleDraft? = nil, version: Int? = nil, errors: [String] = [], status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        try mayView(actor)
        let catalog = try await RoleRepository(store: req.store).catalog()
        guard let role = catalog.role(code) else { throw DomainError.notFound }
        let model = EditModel(page: PageChrome(request: req, title: role.nameZH),
                              form: Self.form(action: SiteURL.adminRole(code).path, isNew: false, draft: draft ?? Self.draft(of: role),
                                              version: version ?? catalog.version(of: code), errors: errors, catalog: catalog),
                              canEdit: actor.can(.securityRoles), backHref: SiteURL.adminRoles.path)
        let response = try render(req, "admin_role", model)
        response.status = status
        return response
    }

    func edit(_ req: Request) async throws -> Response {
        try await editPage(req, code: req.parameters.get("code") ?? "")
    }

    func save(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.securityRoles)
        let code = req.parameters.get("code") ?? ""
        let version = Int(req.field("version") ?? "") ?? -1
        let draft = Self.submitted(req, code: code)
        do {
            _ = try await RoleRepository(store: req.store).save(draft, expectedVersion: version, actor: actor, context: req.auditContext)
            return req.redirect(to: SiteURL.adminRole(code).path + "?ok=role-saved")
        } catch let e as DomainError where e.kind == .invalid {
            return try await editPage(req, code: code, draft: draft, version: version, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" },
                                      status: .unprocessableEntity)
        } catch let e as DomainError where e.kind == .conflict {
            return try await editPage(req, code: code, draft: draft, version: version, errors: [e.messageZH], status: .conflict)
        }
    }
}
