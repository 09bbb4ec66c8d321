import FengqiaoCore
import Foundation
import Testing
@testable import FengqiaoWeb

/// STYLE habit 7: administration, roles, audit, sign-in and the error page from their `.mock`.
@Suite("Page rendering: administration and sign-in (STYLE habit 7)")
struct PageRenderingAdminTests {
    @Test("PLT-01 Units: the tree indented, the new-unit form kept after a refusal")
    func units() async throws {
        let page = try await RenderedPage.render("admin_units", AdminPages.UnitsModel.mock)
        page.check(contains: ["单位", "江城区市场监督管理局", "江城区分局中村市场监督管理所", "江中市监", "330102", "padding-left: 1em", "单位代码已存在（PLT-01）",
                              #"value="JC-NX""#, #"<option value="office" selected>市场监督管理所</option>"#])
    }

    @Test("PLT-02/04 Users: the list with roles and status, the new-user form with the separation of duties")
    func users() async throws {
        let page = try await RenderedPage.render("admin_users", AdminPages.UsersModel.mock)
        page.check(contains: ["用户", "liming", "李明", "办案人员", "已锁定", "三员分立：系统管理员不得兼任业务角色（PLT-04）", "33010220250018",
                              #"<option value="unit" selected>本单位</option>"#])
    }

    @Test("PLT-02/06/31 User: roles to revoke, the lock, qualifications, conflicts, every form with the token")
    func user() async throws {
        let page = try await RenderedPage.render("admin_user", AdminPages.UserModel.mock)
        page.check(contains: ["李明（liming）", "33010220250017", "连续登录失败已被锁定（PLT-31）", "办案人员 · 江城区分局中村市场监督管理所 · 本单位",
                              "行政执法证", "2027-01-14", "有效", "停用账号", "停用后该用户不能登录。确定停用吗？", "设置临时密码并解锁", "登记资格"])
        #expect(page.postForms.count == 7, "logout, revoke, grant, password, active, qualification, conflict: \(page.postForms.count)")
    }

    @Test("CAL-01…03 Calendar: the years in force, the revisions, the change saved and the refused line")
    func calendar() async throws {
        let page = try await RenderedPage.render("admin_calendar", CalendarPages.Model.mock)
        page.check(contains: ["工作日历", "国办发明电〔2025〕7号", "2026 年已保存为修订 1", "2026-10-01、2026-10-02", "第3行：日期 2026-02-30 不存在（CAL-01）",
                              "放假 29 天，调休上班 5 天", "随系统提供", "holiday 2026-01-01 元旦"])
    }

    @Test("PLT-03/04 Roles: the catalogue, and the form with permissions grouped and checked")
    func roles() async throws {
        let page = try await RenderedPage.render("admin_roles", RolePages.ListModel.mock)
        page.check(contains: ["角色与权限", "办案人员", "查看案件、办理案件", "新建角色", "窗口受理员", "业务角色不得包含系统管理权限（PLT-04）",
                              #"<input type="checkbox" name="permissions[]" value="case.read" id="perm-case-read" checked>"#,
                              #"<input type="checkbox" name="permissions[]" value="case.handle" id="perm-case-handle">"#, "<legend>当事人</legend>"])
        #expect(!page.html.contains("只有安全管理员可以修改角色"))
    }

    @Test("PLT-03 Role: edited by the security administrator; read by the system administrator without a form")
    func role() async throws {
        let page = try await RenderedPage.render("admin_role", RolePages.EditModel.mock)
        page.check(contains: ["← 角色与权限", "窗口受理员", "角色代码 <code>window-clerk</code>", #"name="version" value="2""#])
        let mock = RolePages.EditModel.mock
        let readOnly = try await RenderedPage.render("admin_role", RolePages.EditModel(page: mock.page, form: mock.form, canEdit: false, backHref: mock.backHref))
        readOnly.check(contains: ["查看案件 <code>case.read</code>", "查看当事人"])
        #expect(!readOnly.html.contains("办理案件"), "an unchecked permission is not listed")
        #expect(readOnly.postForms.count == 1, "only the layout's logout")
    }

    @Test("PLT-22 Audit: the query kept, events with their changes, the export for the audit administrator")
    func audit() async throws {
        let page = try await RenderedPage.render("audit", AuditPages.Model.mock)
        page.check(contains: ["审计日志", #"value="party.update""#, "2025-10-08 09:12:30", "当事人 中村便民超市", "江城区中村路18号 &amp; 19号", "10.0.3.15",
                              "共 1 条事件，哈希链算法 SHA-256", "导出 CSV", "更早"])
    }

    @Test("PLT-30/31 Login: its own token, the next page and the typed login kept, the lockout warning")
    func login() async throws {
        let page = try await RenderedPage.render("login", LoginPage.mock)
        page.check(contains: ["登录", "登录名或密码错误，再错 4 次账号将锁定15分钟（PLT-31）", "会话已过期，请重新登录", #"name="next" value="/cases/\#(MockData.caseID)""#,
                              "连续5次输错密码"], csrf: "login-" + MockData.csrf)
        #expect(!page.html.contains(#"action="/logout""#), "no user bar before signing in")
        #expect(page.postForms.count == 1)
    }

    @Test("PLT-32 Password: the forced change with the policy's figures")
    func password() async throws {
        let page = try await RenderedPage.render("password", PasswordPage.mock)
        page.check(contains: ["修改密码", "首次登录或密码已超过90天", "至少12位", "至少3类", "新密码不能包含登录名（PLT-32）"])
    }

    @Test("PLT-35 Error page: status, message with its rule, the fields, the request number")
    func error() async throws {
        let page = try await RenderedPage.render("error", ErrorPage.mock)
        page.check(contains: ["出错了（422）", "约谈时间须在通知送达之后（规则 IV-12）", "不能早于 2025-10-09", "请求号 req-7f3a9c", "返回首页"])
    }
}
