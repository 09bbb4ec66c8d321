import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// Roles as edited by the security administrator (PLT-03, PLT-04). The catalogue is read per use,
/// never cached, so several servers see a change at once.
public struct RoleRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// The roles in force: shipped (with the app's procedures' grants), overridden and custom.
    public func catalog() async throws -> RoleCatalog {
        try await Self.catalog(on: store.sql, procedures: store.procedures)
    }

    /// The catalogue of the procedures `procedures` (issue 12): their permissions and grants are known.
    static func catalog(on sql: any SQLDatabase, procedures: ProcedureRegistry) async throws -> RoleCatalog {
        let rows = try await sql.select().columns("code", "name_zh", "permissions", "default_scope", "admin_duty", "version")
            .from("roles").orderBy("code").all()
        return RoleCatalog(stored: try rows.map { r in
            let duty = try r.decode(column: "admin_duty", as: String?.self).flatMap(Role.AdminDuty.init(rawValue:))
            let role = Role(code: try r.decode(column: "code", as: String.self), nameZH: try r.decode(column: "name_zh", as: String.self),
                            permissions: Set(try r.decode(column: "permissions", as: String.self).split(separator: " ").map { Permission(rawValue: String($0)) }),
                            defaultScope: DataScope(rawValue: try r.decode(column: "default_scope", as: String.self)) ?? .own, adminDuty: duty)
            return (role, try r.decode(column: "version", as: Int.self))
        }, procedures: procedures)
    }

    /// Creates a role (`expectedVersion` nil) or saves a new definition of an existing one, shipped
    /// or custom, from the version the editor started from (0 for a shipped role never edited);
    /// a concurrent save is refused as stale (PLT-53). The event records the permissions before and after.
    @discardableResult
    public func save(_ draft: RoleDraft, expectedVersion: Int?, actor: Actor, context: AuditContext) async throws -> (role: Role, version: Int) {
        try actor.require(.securityRoles)
        return try await store.write(context) { tx in
            let catalog = try await Self.catalog(on: tx.sql, procedures: store.procedures)
            let isNew = expectedVersion == nil
            if !isNew, catalog.role(draft.code) == nil { throw DomainError.notFound }
            let role = try RoleRules.validate(draft, isNew: isNew, catalog: catalog).get()
            let current = catalog.version(of: role.code)
            if let expectedVersion, expectedVersion != current { throw DomainError.staleVersion(current: current) }
            let before = catalog.role(role.code)
            let permissions = role.permissions.map(\.rawValue).sorted().joined(separator: " ")
            if current == 0 {
                try await tx.sql.insert(into: "roles").columns("id", "code", "name_zh", "permissions", "default_scope", "admin_duty", "version", "updated_at")
                    .values(SQLBind(UUID()), SQLBind(role.code), SQLBind(role.nameZH), SQLBind(permissions), SQLBind(role.defaultScope.rawValue),
                            SQLBind(role.adminDuty?.rawValue), SQLBind(1), SQLBind(tx.now))
                    .run()
            } else {
                try await tx.sql.update("roles")
                    .set("name_zh", to: SQLBind(role.nameZH)).set("permissions", to: SQLBind(permissions))
                    .set("default_scope", to: SQLBind(role.defaultScope.rawValue)).set("version", to: SQLBind(current + 1)).set("updated_at", to: SQLBind(tx.now))
                    .where("code", .equal, SQLBind(role.code)).where("version", .equal, SQLBind(current))
                    .run()
            }
            var changes: [String: AuditDraft.Change] = [:]
            let beforePerms = before.map { $0.permissions.map(\.rawValue).sorted().joined(separator: " ") }
            if beforePerms != permissions { changes["permissions"] = .init(before: beforePerms, after: permissions) }
            if before?.nameZH != role.nameZH { changes["name"] = .init(before: before?.nameZH, after: role.nameZH) }
            if before?.defaultScope != role.defaultScope { changes["defaultScope"] = .init(before: before?.defaultScope.rawValue, after: role.defaultScope.rawValue) }
            changes["version"] = .init(before: String(current), after: String(current + 1))
            tx.record(isNew ? "role.create" : "role.update", "role", role.code, changes: changes)
            return (role, current + 1)
        }
    }
}
