/// A permission is a dotted name (PLT-03). Kept as a string-backed value so module folders can add
/// their own without touching this file.
public struct Permission: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    // Cases and procedures
    public static let caseCreate: Permission = "case.create"
    public static let caseRead: Permission = "case.read"
    public static let caseHandle: Permission = "case.handle"
    public static let caseAssign: Permission = "case.assign"
    public static let legalReview: Permission = "legal.review"
    public static let mediationHandle: Permission = "mediation.handle"
    public static let petitionHandle: Permission = "petition.handle"
    public static let complaintHandle: Permission = "complaint.handle"
    // Parties
    public static let partyRead: Permission = "party.read"
    public static let partyWrite: Permission = "party.write"
    public static let partyImport: Permission = "party.import"
    public static let personalDataReveal: Permission = "party.personal-data.reveal"
    // Documents, templates, rules, archives
    public static let templateEdit: Permission = "template.edit"
    public static let ruleSetEdit: Permission = "ruleset.edit"
    public static let archiveDestroyApprove: Permission = "archive.destroy.approve"
    public static let statisticsRead: Permission = "statistics.read"
    /// Sets the year's indicator targets and the assessment's annual weight (statistics.md "targets
    /// configurable", ST-10).
    public static let statisticsTargets: Permission = "statistics.targets"
    // Administration (PLT-04)
    public static let adminUsers: Permission = "admin.users"
    public static let adminUnits: Permission = "admin.units"
    public static let adminCalendar: Permission = "admin.calendar"
    public static let adminBackup: Permission = "admin.backup"
    public static let securityRoles: Permission = "security.roles"
    public static let securityPolicies: Permission = "security.policies"
    public static let auditRead: Permission = "audit.read"
    public static let auditExport: Permission = "audit.export"
    public static let apiTokens: Permission = "api.tokens"
}

/// Data scope of one role assignment (PLT-05).
public enum DataScope: String, Sendable, Codable, CaseIterable {
    case own, unit, unitTree = "unit-tree", all

    public var nameZH: String {
        switch self {
        case .own: "本人经办"
        case .unit: "本单位"
        case .unitTree: "本单位及下级"
        case .all: "全部"
        }
    }
}

/// A role: a named set of permissions with a default scope (PLT-03).
public struct Role: Sendable, Equatable, Identifiable {
    public let code: String
    public let nameZH: String
    public let permissions: Set<Permission>
    public let defaultScope: DataScope
    /// Which of the three separated administrator duties this role is, if any (PLT-04).
    public let adminDuty: AdminDuty?
    public var id: String { code }

    public enum AdminDuty: String, Sendable { case system, security, audit }

    public init(code: String, nameZH: String, permissions: Set<Permission>, defaultScope: DataScope, adminDuty: AdminDuty? = nil) {
        self.code = code
        self.nameZH = nameZH
        self.permissions = permissions
        self.defaultScope = defaultScope
        self.adminDuty = adminDuty
    }
}

/// The roles Fengqiao ships (PLT-03), in display order: the platform's permissions here, each
/// registered procedure's grants added from its module (`ProcedureModule.roleGrants`).
public enum ShippedRoles {
    private static let officerBase: Set<Permission> = [.caseCreate, .caseRead, .caseHandle, .partyRead, .partyWrite, .partyImport, .personalDataReveal]

    /// The platform roles, before the procedures' grants.
    static let platform: [Role] = [
        Role(code: "officer", nameZH: "执法人员", permissions: officerBase, defaultScope: .unit),
        Role(code: "unit-head", nameZH: "科室负责人",
             permissions: officerBase.union([.caseAssign, .statisticsRead, .caseCloseOverride, .trainingManage]), defaultScope: .unitTree),
        Role(code: "legal-reviewer", nameZH: "法制审核员",
             permissions: [.caseRead, .partyRead, .legalReview, .templateEdit, .ruleSetEdit, .expertManage, .categoryManage], defaultScope: .all),
        Role(code: "deputy-leader", nameZH: "分管领导",
             permissions: [.caseRead, .partyRead, .statisticsRead, .archiveDestroyApprove, .caseCloseOverride, .trainingRead], defaultScope: .unitTree),
        // The spec names no one to set the assessment targets (statistics.md "targets configurable", ST-10);
        // the bureau's main leader sets them, as he sets the annual assessment (our interpretation).
        Role(code: "chief-leader", nameZH: "主要领导（组长）",
             permissions: [.caseRead, .partyRead, .statisticsRead, .statisticsTargets, .archiveDestroyApprove, .caseCloseOverride, .trainingRead],
             defaultScope: .all),
        Role(code: "discipline", nameZH: "纪检监察员",
             permissions: [.caseRead, .partyRead, .auditRead, .auditExport, .statisticsRead], defaultScope: .all),
        Role(code: "mediator", nameZH: "调解员",
             permissions: [.caseCreate, .caseRead, .caseHandle, .partyRead, .partyWrite, .personalDataReveal, .mediationHandle], defaultScope: .unit),
        Role(code: "petition-officer", nameZH: "信访专员",
             permissions: [.caseCreate, .caseRead, .caseHandle, .partyRead, .partyWrite, .personalDataReveal, .petitionHandle, .complaintHandle], defaultScope: .unitTree),
        // PLT-04: the three separated administrators. None of them may act on cases or parties.
        Role(code: "system-admin", nameZH: "系统管理员",
             permissions: [.adminUsers, .adminUnits, .adminCalendar, .adminBackup, .apiTokens], defaultScope: .all, adminDuty: .system),
        Role(code: "security-admin", nameZH: "安全管理员",
             permissions: [.securityRoles, .securityPolicies], defaultScope: .all, adminDuty: .security),
        Role(code: "audit-admin", nameZH: "审计管理员",
             permissions: [.auditRead, .auditExport], defaultScope: .all, adminDuty: .audit),
    ]

    /// The shipped roles with the shipped procedures' grants, for commands and checks without an app;
    /// the app's (with the procedures it registered at start-up) are `RoleCatalog.shippedRoles`.
    public static let all: [Role] = roles(ProcedureRegistry.shipped)

    /// The platform roles, then the roles the procedures ship, each with `registry`'s grants.
    public static func roles(_ registry: ProcedureRegistry) -> [Role] {
        let codes = Set(platform.map(\.code))
        return (platform + registry.roles.filter { !codes.contains($0.code) }).map { r in
            Role(code: r.code, nameZH: r.nameZH, permissions: r.permissions.union(registry.grants(toRole: r.code)), defaultScope: r.defaultScope, adminDuty: r.adminDuty)
        }
    }

    public static func role(_ code: String) -> Role? { all.first { $0.code == code } }

    // Each shipped role as it ships: the platform permissions with the procedures' grants.
    public static var officer: Role { shipped("officer") }
    public static var unitHead: Role { shipped("unit-head") }
    public static var legalReviewer: Role { shipped("legal-reviewer") }
    public static var deputyLeader: Role { shipped("deputy-leader") }
    public static var chiefLeader: Role { shipped("chief-leader") }
    public static var discipline: Role { shipped("discipline") }
    public static var mediator: Role { shipped("mediator") }
    public static var petitionOfficer: Role { shipped("petition-officer") }
    public static var systemAdmin: Role { shipped("system-admin") }
    public static var securityAdmin: Role { shipped("security-admin") }
    public static var auditAdmin: Role { shipped("audit-admin") }

    private static func shipped(_ code: String) -> Role {
        guard let r = role(code) else { preconditionFailure("ShippedRoles: no role \(code)") }
        return r
    }

}

/// PLT-04: an administrator holds exactly one administrative duty and no business role.
public enum Separation {
    public static func check(roleCodes: [String], catalog: RoleCatalog = .shipped) -> [FieldError] {
        let roles = roleCodes.compactMap(catalog.role)
        var errors: [FieldError] = []
        let unknown = roleCodes.filter { catalog.role($0) == nil }
        if !unknown.isEmpty {
            errors.append(FieldError(field: "roles", rule: "PLT-03", code: "role.unknown", messageZH: "未知角色：\(unknown.joined(separator: "、"))"))
        }
        let duties = Set(roles.compactMap(\.adminDuty))
        if duties.count > 1 {
            errors.append(FieldError(field: "roles", rule: "PLT-04", code: "role.separation.admins",
                                     messageZH: "系统管理员、安全管理员、审计管理员必须由不同人员担任（三员分立）"))
        }
        if !duties.isEmpty && roles.contains(where: { $0.adminDuty == nil }) {
            errors.append(FieldError(field: "roles", rule: "PLT-04", code: "role.separation.business",
                                     messageZH: "管理员角色不得与业务角色同时授予（三员分立）"))
        }
        return errors
    }
}
