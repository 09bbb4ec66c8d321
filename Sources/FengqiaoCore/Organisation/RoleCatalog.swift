/// The roles in force: the shipped ones (PLT-03) as the security administrator has adjusted them,
/// plus the finer roles an office defines (信访登记员, 窗口受理员 …). A plain value loaded per request,
/// so several stateless servers never disagree for longer than one request.
///
/// Built for the app's procedures (issue 12): the shipped roles carry every registered procedure's
/// grants and the permission catalogue holds every registered procedure's permissions, so a
/// procedure registered at start-up is known to the role editor, its API and the actors' grants.
public struct RoleCatalog: Sendable, Equatable {
    public let roles: [Role]
    /// Codes of stored roles and their optimistic versions (PLT-53); shipped roles never edited are absent.
    public let versions: [String: Int]
    /// The shipped roles as they ship with the app's procedures' grants: the templates a stored edit overrides.
    public let shippedRoles: [Role]
    /// Every permission the app knows (the platform's and its procedures'), as the role editor lists them.
    public let permissions: [PermissionCatalogue.Entry]

    public init(stored: [(role: Role, version: Int)], procedures: ProcedureRegistry = .shipped) {
        let shipped = ShippedRoles.roles(procedures)
        var byCode = Dictionary(uniqueKeysWithValues: shipped.map { ($0.code, $0) })
        var order = shipped.map(\.code)
        var versions: [String: Int] = [:]
        for s in stored {
            if byCode[s.role.code] == nil { order.append(s.role.code) }
            byCode[s.role.code] = s.role
            versions[s.role.code] = s.version
        }
        roles = order.compactMap { byCode[$0] }
        self.versions = versions
        shippedRoles = shipped
        permissions = PermissionCatalogue.entries(procedures)
    }

    /// The shipped procedures' catalogue, for commands and core checks that run without an app.
    public static let shipped = RoleCatalog(stored: [])

    public func role(_ code: String) -> Role? { roles.first { $0.code == code } }
    public func isShipped(_ code: String) -> Bool { shippedRole(code) != nil }
    /// The role `code` as it ships, before any stored edit; nil for a role an office defined.
    public func shippedRole(_ code: String) -> Role? { shippedRoles.first { $0.code == code } }
    /// The catalogue entry of a permission the app knows; nil for an unknown one.
    public func permission(_ p: Permission) -> PermissionCatalogue.Entry? { permissions.first { $0.permission == p } }
    /// The version a save must quote: 0 for a role never stored.
    public func version(of code: String) -> Int { versions[code] ?? 0 }
    /// Codes of the roles that grant `permission`.
    public func codes(granting permission: Permission) -> [String] { roles.filter { $0.permissions.contains(permission) }.map(\.code) }
}

/// Every permission the system knows, with the Chinese label the role editor shows, in groups.
public enum PermissionCatalogue {
    public struct Entry: Sendable, Equatable {
        public let permission: Permission
        public let nameZH: String
        public let group: String
        /// The administrator duty this permission belongs to (PLT-04); nil for business permissions.
        public let duty: Role.AdminDuty?

        public init(permission: Permission, nameZH: String, group: String, duty: Role.AdminDuty?) {
            self.permission = permission
            self.nameZH = nameZH
            self.group = group
            self.duty = duty
        }
    }

    /// The platform's permissions, then the shipped procedures' after the case group. The app's
    /// catalogue (with the procedures registered at start-up) is `RoleCatalog.permissions`.
    public static let all: [Entry] = entries(ProcedureRegistry.shipped)

    /// The platform's permissions with `registry`'s procedures' after the case group.
    public static func entries(_ registry: ProcedureRegistry) -> [Entry] {
        let cases = platform.filter { $0.group == "案件" }
        return cases + registry.permissionEntries + platform.filter { $0.group != "案件" }
    }

    static let platform: [Entry] = [
        .init(permission: .caseCreate, nameZH: "立案登记", group: "案件", duty: nil),
        .init(permission: .caseRead, nameZH: "查看案件", group: "案件", duty: nil),
        .init(permission: .caseHandle, nameZH: "办理案件", group: "案件", duty: nil),
        .init(permission: .caseAssign, nameZH: "分派承办人", group: "案件", duty: nil),
        .init(permission: .caseCloseOverride, nameZH: "批准案卷不完整结案", group: "案件", duty: nil),
        .init(permission: .legalReview, nameZH: "法制审核", group: "案件", duty: nil),
        .init(permission: .mediationHandle, nameZH: "行政调解", group: "案件", duty: nil),
        .init(permission: .petitionHandle, nameZH: "信访办理", group: "案件", duty: nil),
        .init(permission: .complaintHandle, nameZH: "投诉举报办理", group: "案件", duty: nil),
        .init(permission: .partyRead, nameZH: "查看当事人", group: "当事人", duty: nil),
        .init(permission: .partyWrite, nameZH: "登记和修改当事人", group: "当事人", duty: nil),
        .init(permission: .partyImport, nameZH: "批量导入当事人", group: "当事人", duty: nil),
        .init(permission: .personalDataReveal, nameZH: "查看个人信息明文", group: "当事人", duty: nil),
        .init(permission: .templateEdit, nameZH: "编辑文书模板", group: "文书与档案", duty: nil),
        .init(permission: .ruleSetEdit, nameZH: "编辑时限规则", group: "文书与档案", duty: nil),
        .init(permission: .archiveDestroyApprove, nameZH: "批准档案销毁", group: "文书与档案", duty: nil),
        .init(permission: .statisticsRead, nameZH: "查看统计", group: "文书与档案", duty: nil),
        .init(permission: .statisticsTargets, nameZH: "设定考核目标", group: "文书与档案", duty: nil),
        .init(permission: .expertManage, nameZH: "管理专家库", group: "文书与档案", duty: nil),
        .init(permission: .categoryManage, nameZH: "维护违法行为类别", group: "文书与档案", duty: nil),
        .init(permission: .trainingManage, nameZH: "组织培训考核", group: "培训考核", duty: nil),
        .init(permission: .trainingRead, nameZH: "查看培训考核结果", group: "培训考核", duty: nil),
        // PLT-22: the discipline office reads the trail too, so audit reading is not reserved to the audit administrator.
        .init(permission: .auditRead, nameZH: "查阅审计日志", group: "审计", duty: .audit),
        .init(permission: .auditExport, nameZH: "导出审计日志", group: "审计", duty: .audit),
        .init(permission: .adminUsers, nameZH: "管理用户", group: "系统管理", duty: .system),
        .init(permission: .adminUnits, nameZH: "管理单位", group: "系统管理", duty: .system),
        .init(permission: .adminCalendar, nameZH: "维护节假日日历", group: "系统管理", duty: .system),
        .init(permission: .adminBackup, nameZH: "备份与恢复", group: "系统管理", duty: .system),
        .init(permission: .apiTokens, nameZH: "管理接口令牌", group: "系统管理", duty: .system),
        .init(permission: .securityRoles, nameZH: "管理角色与权限", group: "安全管理", duty: .security),
        .init(permission: .securityPolicies, nameZH: "管理安全策略", group: "安全管理", duty: .security),
    ]

    /// The shipped catalogue's entry; the app asks its `RoleCatalog.permission(_:)`.
    public static func entry(_ p: Permission) -> Entry? { all.first { $0.permission == p } }
}

/// A role as the security administrator submits it (PLT-03, PLT-04).
public struct RoleDraft: Sendable, Equatable, Codable {
    public var code: String
    public var nameZH: String
    public var permissions: [String]
    public var defaultScope: String
    /// "system", "security", "audit" for an administrator role; nil or empty for a business role.
    public var adminDuty: String?

    public init(code: String, nameZH: String, permissions: [String], defaultScope: String, adminDuty: String? = nil) {
        self.code = code
        self.nameZH = nameZH
        self.permissions = permissions
        self.defaultScope = defaultScope
        self.adminDuty = adminDuty
    }
}

public enum RoleRules {
    /// Validates a draft against the catalogue; returns the role or every field at fault at once.
    ///
    /// PLT-04 is kept per role, so that any user's set of roles can be checked by duty alone: a
    /// business role holds no administrator permission except reading the audit trail (the
    /// discipline office, PLT-22); an administrator role holds only its own duty's permissions; and
    /// a shipped role keeps its duty.
    public static func validate(_ d: RoleDraft, isNew: Bool, catalog: RoleCatalog) -> Result<Role, DomainError> {
        var errors: [FieldError] = []
        let code = d.code.trimmingCharacters(in: .whitespaces)
        let codeOK = (2...32).contains(code.count) && code.unicodeScalars.first.map { $0.value >= 0x61 && $0.value <= 0x7A } == true
            && code.unicodeScalars.allSatisfy { ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0x61 && $0.value <= 0x7A) || $0 == "-" }
        if !codeOK {
            errors.append(FieldError(field: "code", rule: "PLT-03", code: "role.code.invalid", messageZH: "角色代码应为2至32位小写字母、数字或连字符，以字母开头"))
        } else if isNew, catalog.role(code) != nil {
            errors.append(FieldError(field: "code", rule: "PLT-03", code: "role.code.taken", messageZH: "角色代码“\(code)”已存在"))
        }
        let name = d.nameZH.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 32 {
            errors.append(FieldError(field: "nameZH", rule: "PLT-03", code: "role.name.invalid", messageZH: "角色名称不能为空，且不超过32个字"))
        } else if catalog.roles.contains(where: { $0.nameZH == name && $0.code != code }) {
            errors.append(FieldError(field: "nameZH", rule: "PLT-03", code: "role.name.taken", messageZH: "角色名称“\(name)”已被其他角色使用"))
        }
        let scope = DataScope(rawValue: d.defaultScope)
        if scope == nil {
            errors.append(FieldError(field: "defaultScope", rule: "PLT-05", code: "role.scope.invalid", messageZH: "默认数据范围无效"))
        }
        let dutyText = d.adminDuty?.trimmingCharacters(in: .whitespaces) ?? ""
        let duty = dutyText.isEmpty ? nil : Role.AdminDuty(rawValue: dutyText)
        if !dutyText.isEmpty && duty == nil {
            errors.append(FieldError(field: "adminDuty", rule: "PLT-04", code: "role.duty.invalid", messageZH: "管理员职责无效"))
        }
        if let shipped = catalog.shippedRole(code), shipped.adminDuty != duty {
            errors.append(FieldError(field: "adminDuty", rule: "PLT-04", code: "role.duty.fixed", messageZH: "随系统提供的角色不能改变管理员职责"))
        }
        let perms = Set(d.permissions.map { Permission(rawValue: $0) })
        let unknown = perms.filter { catalog.permission($0) == nil }.map(\.rawValue).sorted()
        if perms.isEmpty {
            errors.append(FieldError(field: "permissions", rule: "PLT-03", code: "role.permissions.required", messageZH: "至少选择一项权限"))
        }
        if !unknown.isEmpty {
            errors.append(FieldError(field: "permissions", rule: "PLT-03", code: "role.permission.unknown", messageZH: "未知权限：\(unknown.joined(separator: "、"))"))
        }
        let entries = perms.compactMap(catalog.permission)
        if let duty {
            let foreign = entries.filter { $0.duty != duty }
            if !foreign.isEmpty {
                errors.append(FieldError(field: "permissions", rule: "PLT-04", code: "role.separation.duty",
                                         messageZH: "管理员角色只能包含本职责的权限，不得包含：\(foreign.map(\.nameZH).sorted().joined(separator: "、"))（三员分立）"))
            }
        } else {
            let admin = entries.filter { $0.duty == .system || $0.duty == .security }
            if !admin.isEmpty {
                errors.append(FieldError(field: "permissions", rule: "PLT-04", code: "role.separation.business",
                                         messageZH: "业务角色不得包含系统管理或安全管理权限：\(admin.map(\.nameZH).sorted().joined(separator: "、"))（三员分立）"))
            }
        }
        if !errors.isEmpty { return .failure(.invalid(errors)) }
        return .success(Role(code: code, nameZH: name, permissions: perms, defaultScope: scope!, adminDuty: duty))
    }
}
