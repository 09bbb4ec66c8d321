import Foundation

extension RolePages.FormModel {
    /// PLT-03: a unit-defined window clerk role, two permission groups.
    static var mock: Self {
        RolePages.FormModel(
            action: "/admin/roles/window-clerk", isNew: false, code: "window-clerk", name: "窗口受理员 \(MockData.hostile)", version: 2,
            scopes: SelectOption.list([("unit", "本单位"), ("own", "本人")], selected: "unit"),
            duties: SelectOption.list([("", "业务角色"), ("system", "系统管理员职责")], selected: ""),
            groups: [Group(name: "案件", items: [Item(value: "case.read", label: "查看案件", checked: true, id: "perm-case-read"),
                                                Item(value: "case.handle", label: "办理案件", checked: false, id: "perm-case-handle")]),
                     Group(name: "当事人", items: [Item(value: "party.read", label: "查看当事人", checked: true, id: "perm-party-read")])],
            errors: ["业务角色不得包含系统管理权限（PLT-04）"], shipped: false)
    }
}

extension RolePages.ListModel {
    /// PLT-03: the catalogue as the security administrator sees it, with the new-role form.
    static var mock: Self {
        RolePages.ListModel(
            page: .mock("角色与权限"),
            roles: [Row(href: "/admin/roles/handler", code: "handler", name: "办案人员", kind: "业务角色", scope: "本单位", permissions: "查看案件、办理案件", version: 1),
                    Row(href: "/admin/roles/window-clerk", code: "window-clerk", name: "窗口受理员 \(MockData.hostile)", kind: "业务角色", scope: "本单位",
                        permissions: "查看案件", version: 2)],
            canEdit: true, form: .mock)
    }
}

extension RolePages.EditModel {
    /// PLT-03: one role's form.
    static var mock: Self {
        RolePages.EditModel(page: .mock("窗口受理员"), form: .mock, canEdit: true, backHref: "/admin/roles")
    }
}

extension AuditPages.Model {
    /// PLT-22: the events of one party over National Day, an export link for the audit administrator.
    static var mock: Self {
        AuditPages.Model(
            page: .mock("审计日志"), q: Query(login: "liming", object: "", action: "party.update", from: "2025-10-01", to: "2025-10-08"),
            events: [Row(seq: 1024, at: "2025-10-08 09:12:30", login: "liming", action: "party.update", object: "当事人 " + MockData.party,
                         changes: "地址：江城区中村路18号 → 江城区中村路18号 & 19号 \(MockData.hostile)", client: "10.0.3.15")],
            exportHref: "/audit/export?login=liming", total: 1, algorithm: "SHA-256", older: "/audit?before=1024", error: nil)
    }
}

extension LoginPage {
    /// PLT-30: a failed login, the typed login kept.
    static var mock: Self {
        LoginPage(page: .signedOut, csrf: "login-" + MockData.csrf, next: "/cases/\(MockData.caseID)", login: "liming\(MockData.hostile)",
                  error: "登录名或密码错误，再错 4 次账号将锁定15分钟（PLT-31）", notice: "会话已过期，请重新登录")
    }
}

extension PasswordPage {
    /// PLT-32: the forced change on first login.
    static var mock: Self {
        PasswordPage(page: .mock("修改密码"), forced: true, maxAge: 90, minLength: 12, minClasses: 3,
                     errors: ["新密码不能包含登录名（PLT-32）", MockData.hostile])
    }
}

extension ErrorPage {
    /// PLT-35: a refused form, as the error middleware renders it for the web.
    static var mock: Self {
        ErrorPage(page: .mock("出错了"), status: 422, message: "约谈时间须在通知送达之后", rule: "IV-12",
                  fields: [Item(field: "heldOn", message: "不能早于 2025-10-09 \(MockData.hostile)")], requestID: "req-7f3a9c")
    }
}
