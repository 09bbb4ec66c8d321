import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// A user as the administration pages and the login path see it.
public struct UserRecord: Sendable, Equatable {
    public let id: UUID
    public let login: String
    public let name: String
    public let unitID: UUID
    public let phone: String?
    public let certificateNumber: String?
    public let passwordHash: String
    public let mustChangePassword: Bool
    public let passwordChangedAt: Int64
    public let failedLogins: Int
    public let lockedUntil: Int64?
    public let active: Bool
    public let version: Int
    public let roles: [Assignment]

    public struct Assignment: Sendable, Equatable {
        public let roleCode: String
        public let unitID: UUID
        public let scope: DataScope
    }
}

public struct QualificationRecord: Sendable, Equatable {
    public let id: UUID
    public let userID: UUID
    public let kind: String
    public let issuer: String
    public let obtainedOn: LocalDate
    public let expiresOn: LocalDate?
    public let revoked: Bool

    /// Valid on the date of an act (PLT-02).
    public func valid(on date: LocalDate) -> Bool {
        !revoked && obtainedOn <= date && (expiresOn.map { date <= $0 } ?? true)
    }
}

public struct NewUser: Sendable {
    public var login: String
    public var name: String
    public var unitID: UUID
    public var phone: String?
    public var certificateNumber: String?
    public var passwordHash: String
    public var mustChangePassword: Bool
    public var roles: [(roleCode: String, unitID: UUID, scope: DataScope)]

    public init(login: String, name: String, unitID: UUID, phone: String? = nil, certificateNumber: String? = nil, passwordHash: String,
                mustChangePassword: Bool = true, roles: [(roleCode: String, unitID: UUID, scope: DataScope)]) {
        self.login = login
        self.name = name
        self.unitID = unitID
        self.phone = phone
        self.certificateNumber = certificateNumber
        self.passwordHash = passwordHash
        self.mustChangePassword = mustChangePassword
        self.roles = roles
    }
}

/// Units, users, role assignments, qualifications and conflicts (PLT-01…06).
public struct OrganisationRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    // MARK: units

    /// Every unit, by code. Read on every request (the actor's scope), so decoded from plain rows
    /// rather than through the model's reflection.
    public func units() async throws -> [OrgUnit] {
        try await store.sql.select().columns("id", "code", "name", "kind", "parent_id", "area_code", "number_prefix", "active").from("units")
            .orderBy("code").all().map { r in
                OrgUnit(id: try r.decode(column: "id", as: UUID.self), code: try r.decode(column: "code", as: String.self),
                        name: try r.decode(column: "name", as: String.self),
                        kind: UnitKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .office,
                        parentID: try r.decode(column: "parent_id", as: UUID?.self), areaCode: try r.decode(column: "area_code", as: String?.self),
                        numberPrefix: try r.decode(column: "number_prefix", as: String?.self), active: try r.decode(column: "active", as: Bool.self))
            }
    }

    public func tree() async throws -> UnitTree { UnitTree(try await units()) }

    public func unit(code: String) async throws -> OrgUnit? {
        try await UnitModel.query(on: store.db).filter(\.$code == code).first()?.domain
    }

    public func createUnit(code: String, name: String, kind: UnitKind, parentID: UUID?, areaCode: String?, numberPrefix: String?,
                           context: AuditContext) async throws -> OrgUnit {
        let errors = OrgUnit.validate(code: code, name: name, areaCode: areaCode)
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        if try await unit(code: code) != nil {
            throw DomainError.invalid([FieldError(field: "code", rule: "PLT-UNIT", code: "unit.code.taken", messageZH: "单位代码“\(code)”已被使用")])
        }
        if let p = parentID, try await UnitModel.find(p, on: store.db) == nil {
            throw DomainError.invalid([FieldError(field: "parentID", rule: "PLT-UNIT", code: "unit.parent.missing", messageZH: "上级单位不存在")])
        }
        return try await store.write(context) { tx in
            let m = UnitModel()
            m.id = UUID()
            m.code = code
            m.name = name
            m.kind = kind.rawValue
            m.parentID = parentID
            m.areaCode = areaCode?.isEmpty == true ? nil : areaCode
            m.numberPrefix = numberPrefix?.isEmpty == true ? nil : numberPrefix
            m.active = true
            m.createdAt = tx.now
            try await m.create(on: tx.db)
            tx.record("unit.create", "unit", m.id!.uuidString, changes: ["code": .init(before: nil, after: code), "name": .init(before: nil, after: name)])
            return m.domain
        }
    }

    // MARK: users

    public func user(login: String) async throws -> UserRecord? {
        guard let m = try await UserModel.query(on: store.db).filter(\.$login == login).first() else { return nil }
        return try await record(m, on: store.db)
    }

    /// A user with their roles; read on every request (the session's user), so from plain rows.
    public func user(id: UUID) async throws -> UserRecord? {
        guard let row = try await store.sql.select().columns(Self.userColumns).from("users").where("id", .equal, SQLBind(id)).first() else {
            return nil
        }
        let roles = try await store.sql.select().columns("role_code", "unit_id", "scope").from("role_assignments")
            .where("user_id", .equal, SQLBind(id)).all()
        return try Self.user(row, roles: roles.map(Self.assignment))
    }

    /// These users with their roles, in two reads (the people a step names, PLT-02).
    public func users(ids: Set<UUID>) async throws -> [UserRecord] {
        guard !ids.isEmpty else { return [] }
        let rows = try await store.sql.select().columns(Self.userColumns).from("users").where("id", .in, SQLBind.group(Array(ids))).all()
        var byUser: [UUID: [UserRecord.Assignment]] = [:]
        for r in try await store.sql.select().columns("user_id", "role_code", "unit_id", "scope").from("role_assignments")
            .where("user_id", .in, SQLBind.group(Array(ids))).all() {
            byUser[try r.decode(column: "user_id", as: UUID.self), default: []].append(try Self.assignment(r))
        }
        return try rows.map { r in try Self.user(r, roles: byUser[try r.decode(column: "id", as: UUID.self)] ?? []) }
    }

    public func users() async throws -> [UserRecord] {
        let rows = try await store.sql.select().columns(Self.userColumns).from("users").orderBy("login").all()
        var byUser: [UUID: [UserRecord.Assignment]] = [:]
        for r in try await store.sql.select().columns("user_id", "role_code", "unit_id", "scope").from("role_assignments").all() {
            byUser[try r.decode(column: "user_id", as: UUID.self), default: []].append(try Self.assignment(r))
        }
        return try rows.map { r in try Self.user(r, roles: byUser[try r.decode(column: "id", as: UUID.self)] ?? []) }
    }

    /// The active users of these units, by login (user pickers), with their roles.
    public func activeUsers(inUnits units: Set<UUID>) async throws -> [UserRecord] {
        guard !units.isEmpty else { return [] }
        let rows = try await store.sql.select().columns(Self.userColumns).from("users")
            .where("unit_id", .in, SQLBind.group(Array(units))).where("active", .equal, SQLBind(true)).orderBy("login").all()
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        var byUser: [UUID: [UserRecord.Assignment]] = [:]
        for r in try await store.sql.select().columns("user_id", "role_code", "unit_id", "scope").from("role_assignments")
            .where("user_id", .in, SQLBind.group(ids)).all() {
            byUser[try r.decode(column: "user_id", as: UUID.self), default: []].append(try Self.assignment(r))
        }
        return try rows.map { r in try Self.user(r, roles: byUser[try r.decode(column: "id", as: UUID.self)] ?? []) }
    }

    private static let userColumns = ["id", "login", "name", "unit_id", "phone", "certificate_number", "password_hash", "must_change_password",
                                      "password_changed_at", "failed_logins", "locked_until", "active", "version"]

    private static func user(_ r: any SQLRow, roles: [UserRecord.Assignment]) throws -> UserRecord {
        UserRecord(id: try r.decode(column: "id", as: UUID.self), login: try r.decode(column: "login", as: String.self),
                   name: try r.decode(column: "name", as: String.self), unitID: try r.decode(column: "unit_id", as: UUID.self),
                   phone: try r.decode(column: "phone", as: String?.self), certificateNumber: try r.decode(column: "certificate_number", as: String?.self),
                   passwordHash: try r.decode(column: "password_hash", as: String.self),
                   mustChangePassword: try r.decode(column: "must_change_password", as: Bool.self),
                   passwordChangedAt: try r.decode(column: "password_changed_at", as: Int64.self),
                   failedLogins: try r.decode(column: "failed_logins", as: Int.self), lockedUntil: try r.decode(column: "locked_until", as: Int64?.self),
                   active: try r.decode(column: "active", as: Bool.self), version: try r.decode(column: "version", as: Int.self), roles: roles)
    }

    private static func assignment(_ r: any SQLRow) throws -> UserRecord.Assignment {
        .init(roleCode: try r.decode(column: "role_code", as: String.self), unitID: try r.decode(column: "unit_id", as: UUID.self),
              scope: DataScope(rawValue: try r.decode(column: "scope", as: String.self)) ?? .own)
    }

    private func record(_ m: UserModel, on db: any Database) async throws -> UserRecord {
        record(m, assignments: try await RoleAssignmentModel.query(on: db).filter(\.$userID == m.id!).all())
    }

    private func record(_ m: UserModel, assignments: [RoleAssignmentModel]) -> UserRecord {
        UserRecord(id: m.id!, login: m.login, name: m.name, unitID: m.unitID, phone: m.phone, certificateNumber: m.certificateNumber,
                   passwordHash: m.passwordHash, mustChangePassword: m.mustChangePassword, passwordChangedAt: m.passwordChangedAt,
                   failedLogins: m.failedLogins, lockedUntil: m.lockedUntil, active: m.active, version: m.version,
                   roles: assignments.map { .init(roleCode: $0.roleCode, unitID: $0.unitID, scope: DataScope(rawValue: $0.scope) ?? .own) })
    }

    /// Resolves the acting user's permissions and scope (PLT-03, PLT-05).
    public func actor(for user: UserRecord) async throws -> Actor {
        try await actor(for: user, tree: try await tree())
    }

    /// The same with the unit tree already read (once per request).
    public func actor(for user: UserRecord, tree: UnitTree) async throws -> Actor {
        let catalog = try await RoleRepository(store: store).catalog()
        let assignments = user.roles.compactMap { a in catalog.role(a.roleCode).map { (role: $0, unitID: a.unitID, scope: a.scope) } }
        return Actor.resolve(userID: user.id, login: user.login, name: user.name, unitID: user.unitID, assignments: assignments, tree: tree)
    }

    public func createUser(_ u: NewUser, context: AuditContext) async throws -> UserRecord {
        var errors: [FieldError] = []
        let loginOK = (2...32).contains(u.login.count) && u.login.unicodeScalars.allSatisfy {
            ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0x61 && $0.value <= 0x7A) || $0 == "_" || $0 == "." || $0 == "-"
        }
        if !loginOK {
            errors.append(FieldError(field: "login", rule: "PLT-01", code: "user.login.invalid", messageZH: "登录名应为2至32位小写字母、数字、点、连字符或下划线"))
        }
        if u.name.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError(field: "name", rule: "PLT-01", code: "user.name.required", messageZH: "姓名不能为空"))
        }
        if u.roles.isEmpty {
            errors.append(FieldError(field: "roles", rule: "PLT-03", code: "user.roles.required", messageZH: "至少授予一个角色"))
        }
        errors += Separation.check(roleCodes: u.roles.map(\.roleCode), catalog: try await RoleRepository(store: store).catalog())
        if try await UnitModel.find(u.unitID, on: store.db) == nil {
            errors.append(FieldError(field: "unitID", rule: "PLT-01", code: "user.unit.missing", messageZH: "所属单位不存在"))
        }
        if loginOK, try await UserModel.query(on: store.db).filter(\.$login == u.login).count() > 0 {
            errors.append(FieldError(field: "login", rule: "PLT-01", code: "user.login.taken", messageZH: "登录名“\(u.login)”已被使用"))
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        let id = try await store.write(context) { tx in
            let m = UserModel()
            m.id = UUID()
            m.login = u.login
            m.name = u.name
            m.unitID = u.unitID
            m.phone = u.phone
            m.certificateNumber = u.certificateNumber
            m.passwordHash = u.passwordHash
            m.mustChangePassword = u.mustChangePassword
            m.passwordChangedAt = tx.now
            m.failedLogins = 0
            m.active = true
            m.version = 1
            m.createdAt = tx.now
            try await m.create(on: tx.db)
            for r in u.roles {
                let a = RoleAssignmentModel()
                a.userID = m.id!
                a.roleCode = r.roleCode
                a.unitID = r.unitID
                a.scope = r.scope.rawValue
                try await a.create(on: tx.db)
            }
            tx.record("user.create", "user", m.id!.uuidString, changes: [
                "login": .init(before: nil, after: u.login),
                "roles": .init(before: nil, after: u.roles.map { "\($0.roleCode)@\($0.unitID.uuidString)/\($0.scope.rawValue)" }.joined(separator: ",")),
            ])
            return m.id!
        }
        return try await user(id: id)!
    }

    /// Records a login attempt's outcome: failure counts, locks, and the audit event (PLT-31).
    public func recordLogin(userID: UUID, login: String, failedLogins: Int, lockedUntil: Int64?, decision: LoginDecision, context: AuditContext) async throws {
        try await store.write(context) { tx in
            try await UserModel.query(on: tx.db).filter(\.$id == userID)
                .set(\.$failedLogins, to: failedLogins).set(\.$lockedUntil, to: lockedUntil).update()
            let action: String
            switch decision {
            case .success: action = "login.success"
            case .wrongPassword: action = "login.failure"
            case .locked: action = "login.locked"
            case .inactive: action = "login.inactive"
            }
            tx.record(action, "user", userID.uuidString, detail: "login=\(login) failures=\(failedLogins)")
        }
    }

    /// A failed login for a name that is no user is audited too (PLT-20), without an object.
    public func recordUnknownLogin(_ login: String, context: AuditContext) async throws {
        try await store.write(context) { tx in tx.record("login.failure", "user", nil, detail: "unknown login=\(String(login.prefix(64)))") }
    }

    public func setPassword(userID: UUID, hash: String, mustChange: Bool, context: AuditContext) async throws {
        try await store.write(context) { tx in
            try await UserModel.query(on: tx.db).filter(\.$id == userID)
                .set(\.$passwordHash, to: hash).set(\.$mustChangePassword, to: mustChange).set(\.$passwordChangedAt, to: tx.now)
                .set(\.$failedLogins, to: 0).set(\.$lockedUntil, to: nil).update()
            tx.record("user.password", "user", userID.uuidString, detail: mustChange ? "reset by administrator" : "changed by user")
        }
    }

    /// Users are deactivated, never deleted (PLT-01).
    public func setActive(userID: UUID, active: Bool, context: AuditContext) async throws {
        try await store.write(context) { tx in
            guard let m = try await UserModel.find(userID, on: tx.db) else { throw DomainError.notFound }
            let before = m.active
            m.active = active
            m.version += 1
            try await m.update(on: tx.db)
            tx.record(active ? "user.activate" : "user.deactivate", "user", userID.uuidString,
                      changes: ["active": .init(before: String(before), after: String(active))])
        }
    }

    /// Grants a role (PLT-03), keeping the three-way separation (PLT-04) over all the user's roles.
    public func grantRole(userID: UUID, roleCode: String, unitID: UUID, scope: DataScope, context: AuditContext) async throws {
        guard let user = try await user(id: userID) else { throw DomainError.notFound }
        var errors = Separation.check(roleCodes: user.roles.map(\.roleCode) + [roleCode], catalog: try await RoleRepository(store: store).catalog())
        if try await UnitModel.find(unitID, on: store.db) == nil {
            errors.append(FieldError(field: "unitID", rule: "PLT-03", code: "role.unit.missing", messageZH: "单位不存在"))
        }
        if user.roles.contains(where: { $0.roleCode == roleCode && $0.unitID == unitID }) {
            errors.append(FieldError(field: "role", rule: "PLT-03", code: "role.duplicate", messageZH: "该用户在此单位已有该角色"))
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        try await store.write(context) { tx in
            let a = RoleAssignmentModel()
            a.userID = userID
            a.roleCode = roleCode
            a.unitID = unitID
            a.scope = scope.rawValue
            try await a.create(on: tx.db)
            tx.record("user.role.grant", "user", userID.uuidString, changes: ["role": .init(before: nil, after: "\(roleCode)@\(unitID.uuidString)/\(scope.rawValue)")])
        }
    }

    /// Revokes a role; a user keeps at least one.
    public func revokeRole(userID: UUID, roleCode: String, unitID: UUID, context: AuditContext) async throws {
        guard let user = try await user(id: userID) else { throw DomainError.notFound }
        guard user.roles.contains(where: { $0.roleCode == roleCode && $0.unitID == unitID }) else { throw DomainError.notFound }
        guard user.roles.count > 1 else {
            throw DomainError.invalid([FieldError(field: "role", rule: "PLT-03", code: "role.last", messageZH: "用户至少须保留一个角色；如不再使用，请停用该用户")])
        }
        try await store.write(context) { tx in
            try await RoleAssignmentModel.query(on: tx.db).filter(\.$userID == userID).filter(\.$roleCode == roleCode).filter(\.$unitID == unitID).delete()
            tx.record("user.role.revoke", "user", userID.uuidString, changes: ["role": .init(before: "\(roleCode)@\(unitID.uuidString)", after: nil)])
        }
    }

    // MARK: qualifications (PLT-02)

    public func addQualification(userID: UUID, kind: String, issuer: String, obtainedOn: LocalDate, expiresOn: LocalDate?, context: AuditContext) async throws -> QualificationRecord {
        var errors: [FieldError] = []
        let known = Set(QualificationKind.all(store.procedures).map(\.code))
        if !(known.contains(kind) || (kind.hasPrefix("training:") && kind.count > 9)) {
            errors.append(FieldError(field: "kind", rule: "PLT-02", code: "qualification.kind.invalid", messageZH: "资格类型无效"))
        }
        if issuer.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError(field: "issuer", rule: "PLT-02", code: "qualification.issuer.required", messageZH: "发证机关不能为空"))
        }
        if let e = expiresOn, e < obtainedOn {
            errors.append(FieldError(field: "expiresOn", rule: "PLT-02", code: "qualification.expiry.before", messageZH: "有效期至不能早于取得日期"))
        }
        if try await UserModel.find(userID, on: store.db) == nil { throw DomainError.notFound }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        return try await store.write(context) { tx in
            let m = QualificationModel()
            m.id = UUID()
            m.userID = userID
            m.kind = kind
            m.issuer = issuer
            m.obtainedOn = obtainedOn.iso
            m.expiresOn = expiresOn?.iso
            m.revoked = false
            m.createdAt = tx.now
            try await m.create(on: tx.db)
            tx.record("qualification.add", "user", userID.uuidString,
                      changes: ["qualification": .init(before: nil, after: "\(kind) \(obtainedOn.iso)…\(expiresOn?.iso ?? "")")])
            return QualificationRecord(id: m.id!, userID: userID, kind: kind, issuer: issuer, obtainedOn: obtainedOn, expiresOn: expiresOn, revoked: false)
        }
    }

    public func qualifications(userID: UUID) async throws -> [QualificationRecord] {
        try await QualificationModel.query(on: store.db).filter(\.$userID == userID).sort(\.$obtainedOn).all().map {
            QualificationRecord(id: $0.id!, userID: $0.userID, kind: $0.kind, issuer: $0.issuer,
                                obtainedOn: LocalDate(iso: $0.obtainedOn)!, expiresOn: $0.expiresOn.flatMap { LocalDate(iso: $0) }, revoked: $0.revoked)
        }
    }

    // MARK: conflicts of interest (PLT-06)

    public func recordConflict(userID: UUID, partyID: UUID, relation: String, note: String?, context: AuditContext) async throws {
        if relation.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DomainError.invalid([FieldError(field: "relation", rule: "PLT-06", code: "conflict.relation.required", messageZH: "请填写关系（如亲属、利害关系）")])
        }
        try await store.write(context) { tx in
            let m = ConflictModel()
            m.userID = userID
            m.partyID = partyID
            m.relation = relation
            m.note = note
            m.createdAt = tx.now
            try await m.create(on: tx.db)
            tx.record("conflict.record", "user", userID.uuidString, changes: ["party": .init(before: nil, after: partyID.uuidString), "relation": .init(before: nil, after: relation)])
        }
    }

    /// PLT-06: refuses to let a related user handle, review, approve or mediate the party's case.
    public func checkNoConflict(userID: UUID, partyIDs: [UUID]) async throws {
        guard !partyIDs.isEmpty else { return }
        let hits = try await ConflictModel.query(on: store.db).filter(\.$userID == userID).filter(\.$partyID ~~ partyIDs).all()
        if let hit = hits.first {
            throw DomainError(.invalid, code: "conflict.of-interest", messageZH: "该人员与当事人存在\(hit.relation)关系，应当回避，不能承办、审核、审批或调解此案",
                              ruleID: "PLT-06", fields: [FieldError(field: "userID", rule: "PLT-06", code: "conflict.of-interest", messageZH: "存在利益冲突，应当回避")])
        }
    }

    public func conflicts(userID: UUID) async throws -> [(partyID: UUID, relation: String)] {
        try await ConflictModel.query(on: store.db).filter(\.$userID == userID).all().map { ($0.partyID, $0.relation) }
    }
}
