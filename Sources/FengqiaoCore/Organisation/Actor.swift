import Foundation

/// Who is acting: the signed-in user with their permissions and resolved data scope. Built once per
/// request in the web layer and passed to every service and repository call.
public struct Actor: Sendable, Equatable {
    public let userID: UUID
    public let login: String
    public let name: String
    public let unitID: UUID
    public let permissions: Set<Permission>
    public let roleCodes: [String]
    /// The units whose records this user may see (PLT-05); nil means all units.
    public let visibleUnits: Set<UUID>?
    /// The visible units where the user's scope is only `own` (PLT-05): there a case is visible only
    /// when the user handles it, a step waits on them or they are named in it.
    public let ownOnlyUnits: Set<UUID>

    public init(userID: UUID, login: String, name: String, unitID: UUID, permissions: Set<Permission>, roleCodes: [String], visibleUnits: Set<UUID>?,
                ownOnlyUnits: Set<UUID> = []) {
        self.userID = userID
        self.login = login
        self.name = name
        self.unitID = unitID
        self.permissions = permissions
        self.roleCodes = roleCodes
        self.visibleUnits = visibleUnits
        self.ownOnlyUnits = visibleUnits == nil ? [] : ownOnlyUnits
    }

    public func can(_ p: Permission) -> Bool { permissions.contains(p) }

    /// Throws `forbidden` unless the actor holds the permission.
    public func require(_ p: Permission) throws(DomainError) {
        guard can(p) else { throw DomainError.forbidden(p.rawValue) }
    }

    public func sees(unit: UUID) -> Bool { visibleUnits?.contains(unit) ?? true }

    /// PLT-05: whether the case of `unit` is in scope, given whether the user is involved in it
    /// (handles it, a step waits on them, or they are named in it).
    public func sees(caseOf unit: UUID, involved: Bool) -> Bool {
        sees(unit: unit) && (involved || !ownOnlyUnits.contains(unit))
    }

    /// Resolves permissions and visible units from assignments (PLT-05). `own` scopes count the
    /// user's own unit for records that belong to units (parties); case queries narrow `own` further
    /// to the cases the user handles (`ownOnlyUnits`, filtered in the store).
    public static func resolve(userID: UUID, login: String, name: String, unitID: UUID,
                               assignments: [(role: Role, unitID: UUID, scope: DataScope)], tree: UnitTree) -> Actor {
        var perms: Set<Permission> = []
        var units: Set<UUID> = []
        var own: Set<UUID> = []
        var all = false
        for a in assignments {
            perms.formUnion(a.role.permissions)
            switch a.scope {
            case .all: all = true
            case .unitTree: units.formUnion(tree.subtree(of: a.unitID))
            case .unit: units.insert(a.unitID)
            case .own: own.insert(a.unitID)
            }
        }
        // A broader assignment over the same unit wins over `own`.
        let ownOnly = own.subtracting(units)
        return Actor(userID: userID, login: login, name: name, unitID: unitID, permissions: perms,
                     roleCodes: assignments.map(\.role.code), visibleUnits: all ? nil : units.union(own), ownOnlyUnits: ownOnly)
    }
}
