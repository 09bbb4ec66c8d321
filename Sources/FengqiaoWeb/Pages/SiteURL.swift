import FengqiaoCore
import Foundation
import Mustache
import Vapor

/// Every page path, for routes and links alike, so the two cannot drift (STYLE habit 6).
enum SiteURL {
    case home
    case login
    case logout
    case password
    case parties
    case partyNew
    case party(UUID)
    case partyEdit(UUID)
    case partyImport
    case adminUnits
    case adminUsers
    case adminUser(UUID)
    case adminRoles
    case adminRole(String)
    case adminCalendar
    case ruleSets
    case inbox
    case tokens
    case tokenRevoke(UUID)
    case ruleSet(String)
    /// CP-03: the legal department confirms an unconfirmed version of the set.
    case ruleSetActivate(String)
    case audit
    case auditExport
    case deadlines
    case statistics
    /// CP-38: the complaint and report monthly analysis.
    case complaintMonthly
    /// CP-39: the quarterly public statistics, and publishing them.
    case complaintPublic
    case complaintPublicPublish
    /// CP-44: bulk dispatch, assign and export of a procedure's selected cases (confirmation, then apply), by path word.
    case bulk(String)
    /// MD-41: a procedure's monthly reports, by its path word.
    case unitReports(String)
    case weeklyMeetings(String)
    case periodicRecords(String)
    case bulkApply(String)
    case revisits
    case experts
    /// MD-01…MD-07: the mediator list.
    case mediators
    case campaigns
    case campaign(UUID)
    case servicePoints
    case violationCategories
    case training
    case trainingCourse(UUID)
    case trainingPerson(UUID)
    case destructions
    case templates
    case template(String)
    case caseDetail(UUID)
    case caseArchive(UUID)
    case clockAction(UUID, String)
    /// CAL-32: the named approver confirms a pending extension request.
    case clockExtensionConfirm(UUID, UUID)
    /// Issue 12 item 4: a unit's reply to its sub-task of a case (case id, sub-task id).
    case subtaskReply(UUID, UUID)
    /// CP-43: importing the 12315 platform's or hotline's export; one import's page and its JSON status.
    case complaintImports
    case complaintImport(UUID)
    case complaintImportStatus(UUID)
    /// CP-43: the 12315 platform synchronisation's state, and pulling now.
    case adminPlatformSync
    case adminPlatformSyncPull

    var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .logout: "/logout"
        case .password: "/password"
        case .parties: "/parties"
        case .partyNew: "/parties/new"
        case .party(let id): "/parties/\(id.uuidString)"
        case .partyEdit(let id): "/parties/\(id.uuidString)/edit"
        case .partyImport: "/parties/import"
        case .adminUnits: "/admin/units"
        case .adminUsers: "/admin/users"
        case .adminUser(let id): "/admin/users/\(id.uuidString)"
        case .adminRoles: "/admin/roles"
        case .adminRole(let code): "/admin/roles/\(code.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-"])) ?? code)"
        case .adminCalendar: "/admin/calendar"
        case .ruleSets: "/rules"
        case .inbox: "/inbox"
        case .tokens: "/account/tokens"
        case .tokenRevoke(let id): "/account/tokens/\(id.uuidString)/revoke"
        case .ruleSet(let key): "/rules/\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key)"
        case .ruleSetActivate(let key): "/rules/\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key)/activate"
        case .audit: "/audit"
        case .auditExport: "/audit/export.csv"
        case .deadlines: "/deadlines"
        case .statistics: "/statistics"
        case .complaintMonthly: "/statistics/complaints/monthly"
        case .complaintPublic: "/statistics/complaints/public"
        case .complaintPublicPublish: "/statistics/complaints/public/publish"
        case .bulk(let word): "/\(word)/bulk"
        case .unitReports(let word): "/statistics/\(word)/reports"
        case .weeklyMeetings(let word): "/statistics/\(word)/weekly-meetings"
        case .periodicRecords(let word): "/statistics/\(word)/yearly-records"
        case .bulkApply(let word): "/\(word)/bulk/apply"
        case .revisits: "/revisits"
        case .experts: "/experts"
        case .mediators: "/mediators"
        case .campaigns: "/campaigns"
        case .campaign(let id): "/campaigns/\(id.uuidString)"
        case .servicePoints: "/service-points"
        case .violationCategories: "/violation-categories"
        case .training: "/training"
        case .trainingCourse(let id): "/training/courses/\(id.uuidString)"
        case .trainingPerson(let id): "/training/people/\(id.uuidString)"
        case .destructions: "/archives/destructions"
        case .templates: "/templates"
        case .template(let code): "/templates/\(code.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-"])) ?? code)"
        case .caseDetail(let id): "/cases/\(id.uuidString)"
        case .caseArchive(let id): "/cases/\(id.uuidString)/archive.zip"
        case .clockAction(let id, let action): "/clocks/\(id.uuidString)/\(action)"
        case .clockExtensionConfirm(let id, let request): "/clocks/\(id.uuidString)/extensions/\(request.uuidString)/confirm"
        case .subtaskReply(let id, let subtask): "/cases/\(id.uuidString)/subtasks/\(subtask.uuidString)/reply"
        case .complaintImports: "/complaints/imports"
        case .complaintImport(let id): "/complaints/imports/\(id.uuidString)"
        case .complaintImportStatus(let id): "/complaints/imports/\(id.uuidString)/status"
        case .adminPlatformSync: "/admin/platform-sync"
        case .adminPlatformSyncPull: "/admin/platform-sync/pull"
        }
    }

    /// The route pattern for Vapor (`:id` for ids).
    var pattern: [PathComponent] {
        switch self {
        case .party: ["parties", ":id"]
        case .partyEdit: ["parties", ":id", "edit"]
        case .adminUser: ["admin", "users", ":id"]
        case .adminRole: ["admin", "roles", ":code"]
        case .ruleSet: ["rules", ":key"]
        case .ruleSetActivate: ["rules", ":key", "activate"]
        case .caseDetail: ["cases", ":id"]
        case .campaign: ["campaigns", ":id"]
        case .trainingCourse: ["training", "courses", ":id"]
        case .trainingPerson: ["training", "people", ":id"]
        case .tokenRevoke: ["account", "tokens", ":id", "revoke"]
        case .caseArchive: ["cases", ":id", "archive.zip"]
        case .template: ["templates", ":code"]
        case .clockAction(_, let action): ["clocks", ":id", PathComponent(stringLiteral: action)]
        case .clockExtensionConfirm: ["clocks", ":id", "extensions", ":requestId", "confirm"]
        case .subtaskReply: ["cases", ":id", "subtasks", ":subtaskId", "reply"]
        case .complaintImport: ["complaints", "imports", ":id"]
        case .complaintImportStatus: ["complaints", "imports", ":id", "status"]
        default: path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
        }
    }

    static let placeholderID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}

/// What every page's layout shows: title, the user bar with navigation, the CSRF token, a flash.
struct PageChrome: Sendable {
    struct NavItem: Sendable {
        let label: String
        let href: String
        let active: Bool
    }

    let title: String
    let userName: String?
    let csrf: String?
    let unread: Int
    let nav: [NavItem]
    let flash: String?
    let flashError: String?

    init(request: Request, title: String, flash: String? = nil, flashError: String? = nil) {
        self.title = title
        self.flash = flash ?? request.query[String.self, at: "ok"].flatMap(Flash.message)
        self.flashError = flashError
        let signed = request.signed
        self.userName = signed?.actor.name
        self.csrf = signed?.session?.csrfToken
        self.unread = signed?.unread ?? 0
        guard let actor = signed?.actor else {
            self.nav = []
            return
        }
        var items: [(String, SiteURL, Bool)] = [("我的工作", .home, true)]
        items.append(("期限", .deadlines, actor.can(.caseRead)))
        items.append(("当事人", .parties, actor.can(.partyRead)))
        items.append(("统计", .statistics, actor.can(.statisticsRead) && !request.procedures.with(.indicators).isEmpty))
        // ST-21: those who handle a procedure with revisits, and statistics readers.
        let revisits = request.procedures.with(.revisits).contains { $0.creation.permissions.contains(where: actor.can) }
        items.append(("回访", .revisits, revisits || actor.can(.statisticsRead)))
        items.append(("专家库", .experts, actor.can(.expertManage)))
        items.append(("调解员", .mediators, request.procedures.declares(.mediatorRoster) && MediatorPages.readers.contains(where: actor.can)))
        items.append(("12315导入", .complaintImports, actor.can(.complaintRegister)))
        // CP-44: per procedure with bulk operations, those who may take one of its bulk steps.
        for p in request.procedures.procedures {
            guard let plan = p.bulk else { continue }
            let permitted = plan.transitions.values.compactMap { p.transition($0)?.permissions }.joined().contains(where: actor.can)
            items.append(("\(p.nameZH)批量办理", .bulk(p.module.pathWord), permitted))
        }
        // MD-41: per procedure with a reporting roll, the units that report and the office that consolidates.
        for p in request.procedures.procedures {
            guard let roll = p.module.reporting else { continue }
            items.append((roll.titleZH, .unitReports(p.module.pathWord), actor.can(roll.submit) || actor.can(roll.consolidate)))
        }
        // MD-45: per procedure with a weekly meeting, those who prepare and record it.
        for p in request.procedures.procedures {
            guard let meeting = p.module.weeklyMeeting else { continue }
            items.append((meeting.titleZH, .weeklyMeetings(p.module.pathWord), actor.can(meeting.permission)))
        }
        // MD-44: per procedure with yearly records, those who make them.
        for p in request.procedures.procedures where !p.module.periodicRecords.isEmpty {
            items.append(("\(p.nameZH)年度工作记录", .periodicRecords(p.module.pathWord), p.module.periodicRecords.contains { actor.can($0.permission) }))
        }
        items.append(("专项行动", .campaigns, actor.can(.enforcementHandle)))
        items.append(("服务站点", .servicePoints, actor.can(.complaintDispatch)))
        items.append(("违法行为类别", .violationCategories, actor.can(.categoryManage)))
        items.append(("培训考核", .training, actor.can(.trainingManage) || actor.can(.trainingRead)))
        items.append(("档案销毁", .destructions, actor.can(.caseAssign) || actor.can(.archiveDestroyApprove) || actor.can(.legalReview)))
        items.append(("单位", .adminUnits, actor.can(.adminUnits)))
        items.append(("用户", .adminUsers, actor.can(.adminUsers)))
        items.append(("角色", .adminRoles, actor.can(.adminUsers) || actor.can(.securityRoles)))
        items.append(("日历", .adminCalendar, actor.can(.adminCalendar)))
        items.append(("平台同步", .adminPlatformSync, actor.can(PlatformSync.adminPermission) && request.procedures.declares(.platformIntake)))
        items.append(("期限规则", .ruleSets, actor.can(.ruleSetEdit)))
        items.append(("文书模板", .templates, actor.can(.templateEdit)))
        items.append(("审计", .audit, actor.can(.auditRead)))
        let current = request.url.path
        let shown = items.filter(\.2)
        // The page's own item: the longest path the current one starts with (统计 is not lit on a report under it).
        let own = shown.map(\.1.path).filter { $0 != "/" && current.hasPrefix($0) }.max { $0.count < $1.count }
        self.nav = shown.map { label, url, _ in
            NavItem(label: label, href: url.path, active: url.path == "/" ? current == "/" : url.path == own)
        }
    }
}

/// Short success messages passed through a redirect as `?ok=key`, so no user text is reflected.
enum Flash {
    static func message(_ key: String) -> String? {
        switch key {
        case "party-created": "当事人已登记"
        case "party-exists": "已有相同统一社会信用代码或身份证号码的当事人，已为您打开该记录"
        case "party-updated": "当事人信息已保存"
        case "party-merged": "重复记录已合并到本记录，其历史记录一并显示"
        case "unit-created": "单位已创建"
        case "user-created": "用户已创建，请将初始密码告知本人，首次登录须修改密码"
        case "password-changed": "密码已修改"
        case "qualification-added": "资格已登记"
        case "conflict-recorded": "利益冲突已登记"
        case "user-updated": "用户已更新"
        case "ruleset-saved": "已保存为新版本"
        case "statistics-published": "已发布，本季度统计数字已定稿（CP-39）"
        case "ruleset-activated": "已确认生效，相关案件的“规则待核实”标记已解除"
        case "ruleset-activated-recomputed": "已确认生效，相关案件的期限已按确认的数值重算并记入案件记录"
        case "password-reset": "已设置临时密码并解除锁定；该用户下次登录须修改密码"
        case "clock-suspended": "已中止计时，期限已相应顺延"
        case "clock-resumed": "已恢复计时"
        case "clock-extended": "已申请延期，待批准人本人确认后期限顺延"
        case "clock-extension-confirmed": "已确认延期，期限已更新"
        case "template-saved": "模板已保存为新版本"
        case "role-saved": "角色已保存，变更立即生效"
        case "case-opened": "已立案，核查期限开始计时"
        case "action-done": "已办理，办理记录和期限已更新"
        case "document-issued": "文书已制发并编号"
        case "expert-created": "专家已加入专家库"
        case "campaign-saved": "专项行动已保存"
        case "campaign-linked": "案件已归入专项行动"
        case "service-point-saved": "服务站点已登记"
        case "service-point-target": "目标数已设定，挂牌率已更新"
        case "categories-published": "违法行为类别新版本已发布，自生效日期起用于新案件"
        case "mediators-filed": "调解员名单已备案，名单内在任且经培训合格的调解员自备案之日起可以指派（MD-01）"
        case "mediator-removed": "调解员已撤换；其承办的未结纠纷已提示在5个工作日内另行指派（MD-06）"
        case "report-submitted": "月报已报送，数字已定稿，不再随案件变化（MD-41）"
        case "report-consolidated": "月报已汇总上报，未报送的单位已注明（MD-41）"
        case "meeting-recorded": "例会记录已保存（MD-45）"
        case "periodic-recorded": "已记录（MD-44）"
        case "mediator-resigned": "已记录调解员辞任，其承办的未结纠纷须在5个工作日内另行指派（MD-05）"
        case "mediator-origin-recorded": "调解员来源及第四条条件的确认已登记（MD-02）"
        case "targets-saved": "考核目标已保存，该年度的统计与考核得分按新目标计算"
        case "expert-conflict": "专家的利害关系已登记"
        case "expert-invited": "专家参与已记入案件"
        case "course-created": "培训已登记"
        case "result-recorded": "成绩已登记；合格的已授予相应资格"
        case "qualification-revoked": "资格已撤销，自即日起不再有效"
        case "document-served": "送达已登记"
        case "attachment-saved": "附件已上传并记入办理记录"
        case "rating-entered": "纸质评价已录入（匿名汇总）"
        case "revisit-recorded": "回访已记录，计入回访满意度（ST-06）"
        case "case-archived": "已归档，档号已分配"
        case "published": "已发布到典型案例库（仅保存脱敏后的文本）"
        case "token-revoked": "访问令牌已吊销，立即失效"
        case "document-voided": "文书已作废，作废原因已记录"
        case "subtask-replied": "回复已提交，该部门的计时已于回复日期办结"
        case "complaint-import-queued": "文件已接收，正在后台导入；本页显示进度"
        case "platform-pulled": "已从12315平台拉取并导入，状态回传已处理"
        case "platform-busy": "另一台服务器正在同步，请稍后刷新查看结果"
        default: nil
        }
    }
}

/// Renders a template with a view model into an HTML response. Mustache escapes `& " ' < >` in
/// every `{{value}}` (PLT-35); templates never use triple braces for user data.
func render(_ request: Request, _ template: String, _ model: Any) throws -> Response {
    guard let html = request.services.views.render(ViewTree.build(model) ?? model, withTemplate: template) else {
        throw Abort(.internalServerError, reason: "template \(template) missing")
    }
    let response = Response(status: .ok, body: .init(string: html))
    response.headers.contentType = .html
    return response
}

struct ErrorPage {
    struct Item { let field: String; let message: String }
    let page: PageChrome
    let status: Int
    let message: String
    let rule: String?
    let fields: [Item]
    let requestID: String
}
