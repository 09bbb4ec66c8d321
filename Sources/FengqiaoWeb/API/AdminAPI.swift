import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

struct UnitDTO: Content {
    let id: UUID
    let code: String
    let name: String
    let kind: String
    let parentId: UUID?
    let areaCode: String?
    let numberPrefix: String?
    init(_ u: OrgUnit) {
        id = u.id
        code = u.code
        name = u.name
        kind = u.kind.rawValue
        parentId = u.parentID
        areaCode = u.areaCode
        numberPrefix = u.numberPrefix
    }
}

struct UnitWriteDTO: Content {
    let code: String
    let name: String
    let kind: String
    let parentId: UUID?
    let areaCode: String?
    let numberPrefix: String?
}

struct UserDTO: Content {
    struct Role: Content { let role: String; let unitId: UUID; let scope: String }
    let id: UUID
    let login: String
    let name: String
    let unitId: UUID
    let active: Bool
    let roles: [Role]
    init(_ u: UserRecord) {
        id = u.id
        login = u.login
        name = u.name
        unitId = u.unitID
        active = u.active
        roles = u.roles.map { .init(role: $0.roleCode, unitId: $0.unitID, scope: $0.scope.rawValue) }
    }
}

struct AuditEventDTO: Content {
    let seq: Int64
    let at: String
    let action: String
    let objectType: String
    let objectId: String?
    let user: String?
    let clientAddress: String?
    let requestId: String?
    let changes: [String: AuditDraft.Change]
    let detail: String?
    let hash: String
}

struct RoleDTO: Content {
    let code: String
    let name: String
    let permissions: [String]
    let defaultScope: String
    let adminDuty: String?
    let shipped: Bool
    let version: Int

    init(_ r: Role, shipped: Bool, version: Int) {
        code = r.code
        name = r.nameZH
        permissions = r.permissions.map(\.rawValue).sorted()
        defaultScope = r.defaultScope.rawValue
        adminDuty = r.adminDuty?.rawValue
        self.shipped = shipped
        self.version = version
    }

    init(_ r: Role, catalog: RoleCatalog) { self.init(r, shipped: catalog.isShipped(r.code), version: catalog.version(of: r.code)) }
}

struct RoleWriteDTO: Content {
    let code: String?
    let name: String
    let permissions: [String]
    let defaultScope: String
    let adminDuty: String?
    let version: Int?

    func draft(code: String) -> RoleDraft {
        RoleDraft(code: code, nameZH: name, permissions: permissions, defaultScope: defaultScope, adminDuty: adminDuty)
    }
}

struct AttachmentDTO: Content {
    let id: UUID
    let sha256: String
    let size: Int64
    let mediaType: String
    let kind: String
    let filename: String
}

/// Units, users, the audit trail and attachments over the API.
struct AdminAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        // The unit tree is every signed-in user's (forms name units); changing it is the system administrator's.
        routes.get("units", use: units).access(.signedIn)
        routes.post("units", use: createUnit).access(.permission(.adminUnits))
        routes.get("users", use: users).access(.permission(.adminUsers))
        routes.get("roles", use: roles).access(.anyOf([.securityRoles, .adminUsers]))
        routes.post("roles", use: createRole).access(.permission(.securityRoles))
        routes.put("roles", ":code", use: updateRole).access(.permission(.securityRoles), ["code": .role])
        routes.get("audit", "events", use: auditEvents).access(.permission(.auditRead))
        routes.on(.POST, "attachments", body: .collect(maxSize: "256mb"), use: upload).access(.permission(.caseHandle))
        routes.get("attachments", ":id", use: attachment).access(.permission(.caseRead), ["id": .attachment])
    }

    func units(_ req: Request) async throws -> [UnitDTO] {
        _ = try req.actor()
        return try await req.organisation.units().map(UnitDTO.init)
    }

    func createUnit(_ req: Request) async throws -> Response {
        try req.actor().require(.adminUnits)
        return try await Idempotency.run(req, route: "POST /api/v1/units") {
            let dto = try req.content.decode(UnitWriteDTO.self)
            guard let kind = UnitKind(rawValue: dto.kind) else {
                throw DomainError.invalid([FieldError(field: "kind", rule: "PLT-UNIT", code: "unit.kind.invalid", messageZH: "单位类型无效")])
            }
            let unit = try await req.organisation.createUnit(code: dto.code, name: dto.name, kind: kind, parentID: dto.parentId, areaCode: dto.areaCode,
                                                             numberPrefix: dto.numberPrefix, context: req.auditContext)
            return (.created, UnitDTO(unit))
        }
    }

    func users(_ req: Request) async throws -> [UserDTO] {
        try req.actor().require(.adminUsers)
        return try await req.organisation.users().map(UserDTO.init)
    }

    func roles(_ req: Request) async throws -> [RoleDTO] {
        let actor = try req.actor()
        guard actor.can(.securityRoles) || actor.can(.adminUsers) else { throw DomainError.forbidden(Permission.securityRoles.rawValue) }
        let catalog = try await RoleRepository(store: req.store).catalog()
        return catalog.roles.map { RoleDTO($0, catalog: catalog) }
    }

    func createRole(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.securityRoles)
        return try await Idempotency.run(req, route: "POST /api/v1/roles") {
            let dto = try req.content.decode(RoleWriteDTO.self)
            let saved = try await RoleRepository(store: req.store).save(dto.draft(code: dto.code ?? ""), expectedVersion: nil, actor: actor, context: req.auditContext)
            return (.created, RoleDTO(saved.role, shipped: false, version: saved.version))
        }
    }

    func updateRole(_ req: Request) async throws -> RoleDTO {
        let actor = try req.actor()
        try actor.require(.securityRoles)
        let dto = try req.content.decode(RoleWriteDTO.self)
        let code = req.parameters.get("code") ?? ""
        guard let version = dto.version else {
            throw DomainError.invalid([FieldError(field: "version", rule: "PLT-53", code: "version.required", messageZH: "修改须提供当前版本号 version")])
        }
        let saved = try await RoleRepository(store: req.store).save(dto.draft(code: code), expectedVersion: version, actor: actor, context: req.auditContext)
        return RoleDTO(saved.role, shipped: ShippedRoles.role(code) != nil, version: saved.version)
    }

    func auditEvents(_ req: Request) async throws -> [AuditEventDTO] {
        let actor = try req.actor()
        let q = AuditQuery(login: req.query[String.self, at: "user"], objectID: req.query[String.self, at: "object"],
                           action: req.query[String.self, at: "action"], limit: try req.integerQuery("limit") ?? 100,
                           beforeSeq: try req.integerQuery("before").map(Int64.init))
        return try await req.auditTrail.search(q, actor: actor).map {
            AuditEventDTO(seq: $0.seq, at: WallClock.beijingText(millis: $0.at), action: $0.draft.action, objectType: $0.draft.objectType,
                          objectId: $0.draft.objectID, user: $0.draft.userLogin, clientAddress: $0.draft.clientAddress, requestId: $0.draft.requestID,
                          changes: $0.draft.changes, detail: $0.draft.detail, hash: $0.hash)
        }
    }

    /// The raw body is the file (PLT-40); its media type is sniffed, the client's is ignored.
    func upload(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.caseHandle)
        let kind = AttachmentKind(rawValue: req.query[String.self, at: "kind"] ?? "other") ?? .other
        let filename = req.query[String.self, at: "filename"] ?? "file"
        let bytes = req.body.data.map { Array($0.readableBytesView) } ?? []
        let record = try await req.attachments.save(bytes, filename: filename, kind: kind, caseID: nil, actor: actor, context: req.auditContext)
        let response = Response(status: .created)
        try response.content.encode(AttachmentDTO(id: record.id, sha256: record.sha256, size: record.size, mediaType: record.mediaType,
                                                  kind: record.kind, filename: record.filename))
        return response
    }

    func attachment(_ req: Request) async throws -> AttachmentDTO {
        let actor = try req.actor()
        try actor.require(.caseRead)
        // another unit's attachment is "not found", scoped in the repository.
        guard let r = try await req.attachments.find(try req.uuidParameter(), actor: actor) else { throw DomainError.notFound }
        return AttachmentDTO(id: r.id, sha256: r.sha256, size: r.size, mediaType: r.mediaType, kind: r.kind, filename: r.filename)
    }
}
