import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// Administration of units, users, roles, qualifications and conflicts (PLT-01…06). Only the
/// system administrator reaches these; the three-way separation keeps them from cases (PLT-04).
struct AdminPages: RouteCollection {
    struct UnitsModel {
        struct Row { let code: String; let name: String; let kind: String; let areaCode: String; let prefix: String; let indent: Int }
        struct Form { let code: String; let name: String; let areaCode: String; let numberPrefix: String }
        let page: PageChrome
        let units: [Row]
        let kinds: [SelectOption]
        let parents: [SelectOption]
        let form: Form
        let errors: [String]
    }

    struct UsersModel {
        struct Row { let href: String; let login: String; let name: String; let unit: String; let roles: String; let status: String }
        struct Form { let login: String; let name: String; let phone: String; let certificate: String }
        let page: PageChrome
        let users: [Row]
        let units: [SelectOption]
        let roles: [SelectOption]
        let scopes: [SelectOption]
        let form: Form
        let errors: [String]
    }

    struct UserModel {
        struct Qual { let kind: String; let issuer: String; let obtained: String; let expires: String; let valid: String }
        let page: PageChrome
        let href: String
        let login: String
        let name: String
        let unit: String
        let status: String
        let certificate: String
        struct RoleRow { let label: String; let role: String; let unit: String }
        let roles: [RoleRow]
        let roleOptions: [SelectOption]
        let unitOptions: [SelectOption]
        let scopeOptions: [SelectOption]
        let locked: Bool
        let toggleTo: String
        let toggleLabel: String
        let confirmToggle: String
        let qualifications: [Qual]
        let qualificationKinds: [SelectOption]
        let conflicts: [String]
        let errors: [String]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.adminUnits.pattern, use: units).access(.permission(.adminUnits))
        routes.post(SiteURL.adminUnits.pattern, use: createUnit).access(.permission(.adminUnits))
        routes.get(SiteURL.adminUsers.pattern, use: users).access(.permission(.adminUsers))
        routes.post(SiteURL.adminUsers.pattern, use: createUser).access(.permission(.adminUsers))
        let user = SiteURL.adminUser(SiteURL.placeholderID).pattern
        routes.get(user, use: self.user).access(.permission(.adminUsers), ["id": .user])
        routes.post(user + ["active"], use: setActive).access(.permission(.adminUsers), ["id": .user])
        routes.post(user + ["qualifications"], use: addQualification).access(.permission(.adminUsers), ["id": .user])
        routes.post(user + ["conflicts"], use: addConflict).access(.permission(.adminUsers), ["id": .user])
        routes.post(user + ["roles"], use: grantRole).access(.permission(.adminUsers), ["id": .user])
        routes.post(user + ["roles", "revoke"], use: revokeRole).access(.permission(.adminUsers), ["id": .user])
        routes.post(user + ["password"], use: resetPassword).access(.permission(.adminUsers), ["id": .user])
    }

    // MARK: units

    func unitsPage(_ req: Request, form: UnitsModel.Form = .init(code: "", name: "", areaCode: "", numberPrefix: ""), kind: String = "office",
                   parent: String? = nil, errors: [String] = []) async throws -> Response {
        let tree = try await req.organisation.tree()
        let ordered = tree.ordered()
        let model = UnitsModel(
            page: PageChrome(request: req, title: "单位"),
            units: ordered.map { .init(code: $0.unit.code, name: $0.unit.name, kind: $0.unit.kind.nameZH, areaCode: $0.unit.areaCode ?? "",
                                       prefix: $0.unit.numberPrefix ?? "", indent: $0.depth * 2) },
            kinds: UnitKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0.rawValue == kind) },
            parents: ordered.map { SelectOption(value: $0.unit.id.uuidString, label: String(repeating: "　", count: $0.depth) + $0.unit.name,
                                          selected: $0.unit.id.uuidString == parent) },
            form: form, errors: errors)
        let response = try render(req, "admin_units", model)
        if !errors.isEmpty { response.status = .unprocessableEntity }
        return response
    }

    func units(_ req: Request) async throws -> Response {
        try req.actor().require(.adminUnits)
        return try await unitsPage(req)
    }

    func createUnit(_ req: Request) async throws -> Response {
        try req.actor().require(.adminUnits)
        let form = UnitsModel.Form(code: req.field("code") ?? "", name: req.field("name") ?? "", areaCode: req.field("areaCode") ?? "",
                                   numberPrefix: req.field("numberPrefix") ?? "")
        let kind = req.field("kind") ?? "office"
        do {
            _ = try await req.organisation.createUnit(code: form.code, name: form.name, kind: UnitKind(rawValue: kind) ?? .office,
                                                      parentID: req.field("parent").flatMap(UUID.init(uuidString:)), areaCode: form.areaCode,
                                                      numberPrefix: form.numberPrefix, context: req.auditContext)
            return req.redirect(to: SiteURL.adminUnits.path + "?ok=unit-created")
        } catch let e as DomainError where e.kind == .invalid {
            return try await unitsPage(req, form: form, kind: kind, parent: req.field("parent"), errors: e.fields.map(\.messageZH))
        }
    }

    // MARK: users

    func usersPage(_ req: Request, form: UsersModel.Form = .init(login: "", name: "", phone: "", certificate: ""), selected: (unit: String?, role: String?, scope: String?) = (nil, nil, nil),
                   errors: [String] = []) async throws -> Response {
        let tree = try await req.organisation.tree()
        let catalog = try await RoleRepository(store: req.store).catalog()
        let all = try await req.organisation.users()
        let model = UsersModel(
            page: PageChrome(request: req, title: "用户"),
            users: all.map { u in
                .init(href: SiteURL.adminUser(u.id).path, login: u.login, name: u.name, unit: tree.units[u.unitID]?.name ?? "",
                      roles: u.roles.compactMap { catalog.role($0.roleCode)?.nameZH }.joined(separator: "、"), status: u.active ? "启用" : "停用")
            },
            units: tree.ordered().map { SelectOption(value: $0.unit.id.uuidString, label: String(repeating: "　", count: $0.depth) + $0.unit.name,
                                               selected: $0.unit.id.uuidString == selected.unit) },
            roles: catalog.roles.map { SelectOption(value: $0.code, label: $0.nameZH, selected: $0.code == selected.role) },
            scopes: DataScope.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0.rawValue == (selected.scope ?? "unit")) },
            form: form, errors: errors)
        let response = try render(req, "admin_users", model)
        if !errors.isEmpty { response.status = .unprocessableEntity }
        return response
    }

    func users(_ req: Request) async throws -> Response {
        try req.actor().require(.adminUsers)
        return try await usersPage(req)
    }

    func createUser(_ req: Request) async throws -> Response {
        try req.actor().require(.adminUsers)
        let form = UsersModel.Form(login: (req.field("login") ?? "").lowercased(), name: req.field("name") ?? "", phone: req.field("phone") ?? "",
                                   certificate: req.field("certificate") ?? "")
        let selected = (req.field("unit"), req.field("role"), req.field("scope"))
        let password = (try? req.content.get(String.self, at: "password")) ?? ""
        let violations = req.services.config.policy.password.violations(password, login: form.login)
        guard violations.isEmpty else {
            return try await usersPage(req, form: form, selected: selected, errors: violations.map { "初始密码：" + $0.messageZH })
        }
        guard let unit = selected.0.flatMap(UUID.init(uuidString:)), let role = selected.1 else {
            return try await usersPage(req, form: form, selected: selected, errors: ["请选择单位和角色"])
        }
        let catalog = try await RoleRepository(store: req.store).catalog()
        let scope = selected.2.flatMap(DataScope.init(rawValue:)) ?? catalog.role(role)?.defaultScope ?? .unit
        let hasher = req.services.hasher
        let hash = try await req.application.threadPool.runIfActive { try hasher.hash(password) }
        do {
            let created = try await req.organisation.createUser(
                NewUser(login: form.login, name: form.name, unitID: unit, phone: form.phone.isEmpty ? nil : form.phone,
                        certificateNumber: form.certificate.isEmpty ? nil : form.certificate, passwordHash: hash, mustChangePassword: true,
                        roles: [(role, unit, scope)]),
                context: req.auditContext)
            return req.redirect(to: SiteURL.adminUser(created.id).path + "?ok=user-created")
        } catch let e as DomainError where e.kind == .invalid {
            return try await usersPage(req, form: form, selected: selected, errors: e.fields.map(\.messageZH))
        }
    }

    func userPage(_ req: Request, id: UUID, errors: [String] = []) async throws -> Response {
        guard let u = try await req.organisation.user(id: id) else { throw DomainError.notFound }
        let tree = try await req.organisation.tree()
        let today = req.services.clock.todayInBeijing
        let quals = try await req.organisation.qualifications(userID: id)
        let conflicts = try await req.organisation.conflicts(userID: id)
        let catalog = try await RoleRepository(store: req.store).catalog()
        let model = UserModel(
            page: PageChrome(request: req, title: u.name), href: SiteURL.adminUser(id).path, login: u.login, name: u.name,
            unit: tree.units[u.unitID]?.name ?? "", status: u.active ? "启用" : "停用", certificate: u.certificateNumber ?? "—",
            roles: u.roles.map { .init(label: "\(catalog.role($0.roleCode)?.nameZH ?? $0.roleCode) @ \(tree.units[$0.unitID]?.name ?? "") · \($0.scope.nameZH)",
                                       role: $0.roleCode, unit: $0.unitID.uuidString) },
            roleOptions: catalog.roles.map { SelectOption(value: $0.code, label: $0.nameZH, selected: false) },
            unitOptions: tree.ordered().map { SelectOption(value: $0.unit.id.uuidString, label: String(repeating: "　", count: $0.depth) + $0.unit.name,
                                                           selected: $0.unit.id == u.unitID) },
            scopeOptions: DataScope.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0 == .unit) },
            locked: (u.lockedUntil ?? 0) > req.services.clock.nowMillis,
            toggleTo: u.active ? "false" : "true", toggleLabel: u.active ? "停用该用户" : "重新启用",
            confirmToggle: u.active ? "停用后该用户将无法登录，确定停用吗？" : "确定重新启用该用户吗？",
            qualifications: quals.map { .init(kind: Self.qualificationName($0.kind, req.procedures), issuer: $0.issuer, obtained: $0.obtainedOn.iso,
                                              expires: $0.expiresOn?.iso ?? "长期", valid: $0.revoked ? "已撤销" : ($0.valid(on: today) ? "有效" : "无效")) },
            qualificationKinds: QualificationKind.all(req.procedures).map { SelectOption(value: $0.code, label: $0.nameZH, selected: false) },
            conflicts: conflicts.map { "当事人 \($0.partyID.uuidString.prefix(8))…：\($0.relation)" }, errors: errors)
        let response = try render(req, "admin_user", model)
        if !errors.isEmpty { response.status = .unprocessableEntity }
        return response
    }

    static func qualificationName(_ kind: String, _ procedures: ProcedureRegistry) -> String {
        QualificationKind.all(procedures).first { $0.code == kind }?.nameZH ?? kind
    }

    func user(_ req: Request) async throws -> Response {
        try req.actor().require(.adminUsers)
        return try await userPage(req, id: try req.uuidParameter())
    }

    func setActive(_ req: Request) async throws -> Response {
        try req.actor().require(.adminUsers)
        let id = try req.uuidParameter()
        try await req.organisation.setActive(userID: id, active: req.field("active") == "true", context: req.auditContext)
        return req.redirect(to: SiteURL.adminUser(id).path + "?ok=user-updated")
    }

    func addQualification(_ req: Request) async throws -> Response {
        try req.actor().require(.adminUsers)
        let id = try req.uuidParameter()
        guard let obtained = req.field("obtainedOn").flatMap(LocalDate.init(iso:)) else {
            return try await userPage(req, id: id, errors: ["取得日期应为日期，如 2025-01-15"])
        }
        let expiresRaw = req.field("expiresOn")
        let expires = expiresRaw.flatMap(LocalDate.init(iso:))
        if expiresRaw != nil && expires == nil { return try await userPage(req, id: id, errors: ["有效期至应为日期，如 2027-01-14"]) }
        do {
            _ = try await req.organisation.addQualification(userID: id, kind: req.field("kind") ?? "", issuer: req.field("issuer") ?? "",
                                                            obtainedOn: obtained, expiresOn: expires, context: req.auditContext)
            return req.redirect(to: SiteURL.adminUser(id).path + "?ok=qualification-added")
        } catch let e as DomainError where e.kind == .invalid {
            return try await userPage(req, id: id, errors: e.fields.map(\.messageZH))
        }
    }

    func addConflict(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.adminUsers)
        let id = try req.uuidParameter()
        let key = req.field("party") ?? ""
        // The administrator cannot browse parties (PLT-04); the party is named by its code or id.
        let partyID: UUID?
        if let u = UUID(uuidString: key) { partyID = u } else { partyID = try await req.parties.idByUSCC(key) }
        guard let partyID else { return try await userPage(req, id: id, errors: ["未找到该统一社会信用代码或编号对应的当事人"]) }
        do {
            try await req.organisation.recordConflict(userID: id, partyID: partyID, relation: req.field("relation") ?? "", note: nil, context: req.auditContext)
            return req.redirect(to: SiteURL.adminUser(id).path + "?ok=conflict-recorded")
        } catch let e as DomainError where e.kind == .invalid {
            return try await userPage(req, id: id, errors: e.fields.map(\.messageZH))
        }
    }

    func grantRole(_ req: Request) async throws -> Response {
        try req.actor().require(.adminUsers)
        let id = try req.uuidParameter()
        guard let role = req.field("role"), let unit = req.field("unit").flatMap(UUID.init(uuidString:)) else {
            return try await userPage(req, id: id, errors: ["请选择角色和单位"])
        }
        let catalog = try await RoleRepository(store: req.store).catalog()
        let scope = req.field("scope").flatMap(DataScope.init(rawValue:)) ?? catalog.role(role)?.defaultScope ?? .unit
        do {
            try await req.organisation.grantRole(userID: id, roleCode: role, unitID: unit, scope: scope, context: req.auditContext)
            return req.redirect(to: SiteURL.adminUser(id).path + "?ok=user-updated")
        } catch let e as DomainError where e.kind == .invalid {
            return try await userPage(req, id: id, errors: e.fields.map(\.messageZH))
        }
    }

    func revokeRole(_ req: Request) async throws -> Response {
        try req.actor().require(.adminUsers)
        let id = try req.uuidParameter()
        guard let role = req.field("role"), let unit = req.field("unit").flatMap(UUID.init(uuidString:)) else { throw DomainError.notFound }
        do {
            try await req.organisation.revokeRole(userID: id, roleCode: role, unitID: unit, context: req.auditContext)
            return req.redirect(to: SiteURL.adminUser(id).path + "?ok=user-updated")
        } catch let e as DomainError where e.kind == .invalid {
            return try await userPage(req, id: id, errors: e.fields.map(\.messageZH))
        }
    }

    /// Sets a temporary password, lifts a lock, and forces a change at the next login (PLT-30, PLT-31).
    func resetPassword(_ req: Request) async throws -> Response {
        try req.actor().require(.adminUsers)
        let id = try req.uuidParameter()
        guard let user = try await req.organisation.user(id: id) else { throw DomainError.notFound }
        let password = (try? req.content.get(String.self, at: "password")) ?? ""
        let violations = req.services.config.policy.password.violations(password, login: user.login)
        guard violations.isEmpty else { return try await userPage(req, id: id, errors: violations.map { "临时密码：" + $0.messageZH }) }
        let hasher = req.services.hasher
        let hash = try await req.application.threadPool.runIfActive { try hasher.hash(password) }
        try await req.organisation.setPassword(userID: id, hash: hash, mustChange: true, context: req.auditContext)
        return req.redirect(to: SiteURL.adminUser(id).path + "?ok=password-reset")
    }

}
