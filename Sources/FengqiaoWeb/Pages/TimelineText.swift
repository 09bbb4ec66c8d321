import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The case timeline in Chinese (X-07): the audit trail's changes keep their internal keys and
/// values (`state: clue → legalReview`, `ruleVersions: {"interview":1}`, unit and party ids, `+3
/// workday`); the page shows action, field, state, step, unit, party and rule-set names instead,
/// and never an id.
enum TimelineText {
    static let labels: [String: String] = [
        "state": "状态", "gravity": "案件等级", "handler": "承办人", "closedOn": "结案日期", "ruleVersions": "适用时限规则",
        "type": "案件类型", "title": "案件名称", "number": "案号", "parties": "当事人", "origin": "来源案件", "evidence": "移交证据",
        "step": "环节", "due": "期限", "from": "起", "to": "止", "count": "天数", "ground": "理由", "approver": "批准人", "reason": "原因",
        "template": "文书", "document": "文书", "method": "送达方式", "recipient": "受送达人", "archiveNumber": "档号", "party": "当事人",
        "expert": "专家", "occasion": "事项", "on": "日期", "answer": "满意度", "visitMethod": "回访方式", "scores": "评分", "note": "说明",
        "rule": "时限规则", "start": "起算", "startAt": "起算时刻", "dueAt": "到期时刻",
        "unit": "承办单位", "readAccess": "保留查阅的单位", "clock": "计时环节", "transition": "办理事项", "subtask": "协办事项", "kind": "类别",
        "extension": "延期", "hold": "保留", "released": "解除保留日期", "ended": "办结日期", "endedAt": "办结时刻", "suspension": "中止期间",
        "suspensionEnd": "中止的最后一日", "calendarRevision": "节假日日历版本", "sha256": "内容摘要（SHA-256）", "effectiveOn": "送达生效日期",
        "retention": "保管期限", "retentionEnds": "保管期满", "override": "负责人决定结案", "file": "文件", "channel": "发布渠道",
        "repliedOn": "回复日期", "ruleUnconfirmed": "时限规则核实状态",
    ]

    /// A change's name: on a sub-task the unit is the department asked, not the one handling the case.
    static func label(_ key: String, action: String) -> String {
        if key == "unit" && action.hasPrefix("case.subtask.") { return "协办部门" }
        return labels[key] ?? "其他"
    }

    /// The timeline's actions (the audit trail's action keys) in Chinese.
    static let actions: [String: String] = [
        "case.create": "立案", "case.transition": "办理环节", "case.attachment": "上传附件", "case.move": "案件移送",
        "case.timed": "期限届满自动办理", "case.party.link": "关联当事人", "case.close": "结案", "case.archive": "归档",
        "case.hold": "保留（暂停销毁）", "case.hold.release": "解除保留", "case.destroy": "档案销毁", "case.publish": "发布典型案例",
        "case.expert": "专家参与", "case.revisit": "回访", "case.subtask.open": "分送协办", "case.subtask.reply": "协办回复",
        "case.subtask.withdraw": "撤回分送", "clock.start": "开始计时", "clock.suspend": "中止计时", "clock.resume": "恢复计时",
        "clock.extend": "延期（批准人确认）", "clock.extension.request": "申请延期", "clock.end": "环节办结", "clock.cancel": "撤销计时",
        "clock.recompute": "日历修订重算期限", "clock.ruleset": "时限规则确认生效", "case.ruleset.confirm": "时限规则确认生效", "document.issue": "制发文书", "document.void": "作废文书", "document.serve": "送达",
        "archive.export": "导出档案包", "rating.link": "生成评价链接",
    ]

    /// An action in Chinese; an action this page does not know reads as 其他操作, never as its key.
    static func actionZH(_ action: String) -> String { actions[action] ?? "其他操作" }

    /// Who did it: the login, or 系统 for the scheduler and other system work.
    static func who(_ login: String?) -> String {
        guard let login else { return "系统" }
        return login.hasPrefix("system") ? "系统" : login
    }

    /// Actions whose audit detail is a Chinese sentence worth showing before the changes (the
    /// others' details are ids: `clock <uuid>`, `document <uuid>`).
    static let narrated: Set<String> = [
        "case.transition", "case.move", "case.timed", "case.subtask.open", "case.subtask.reply", "case.subtask.withdraw", "case.expert",
        "rating.link", "clock.ruleset", "case.ruleset.confirm",
    ]

    /// What the changes refer to by id, resolved to names for the page.
    struct Names {
        var people: [UUID: String] = [:]
        var units: [UUID: String] = [:]
        var parties: [UUID: String] = [:]
        /// A clock by its step's name.
        var clocks: [UUID: String] = [:]
        /// A sub-task as `部门：事项`.
        var subtasks: [UUID: String] = [:]
        /// A sub-task kind (`copy-notice`) by the title the procedure gives it.
        var subtaskKinds: [String: String] = [:]
    }

    /// Resolves the staff, units, parties, clocks and sub-tasks the changes refer to. A party the
    /// actor may not see reads as 当事人 (PLT-05), not as its id.
    static func names(_ entries: [TimelineEntry], caseID: UUID, clocks: [ClockRecord], req: Request, actor: Actor) async throws -> Names {
        var out = Names()
        func ids(_ keys: [String]) -> Set<UUID> {
            Set(entries.flatMap { e in keys.compactMap { e.changes[$0] }.flatMap { [$0.before, $0.after] } }.compactMap { $0.flatMap(UUID.init(uuidString:)) })
        }
        // One read each for the people and the parties named, however long the timeline.
        for u in try await req.organisation.users(ids: ids(["handler", "approver"])) { out.people[u.id] = u.name }
        for (id, unit) in try await req.unitTree().units { out.units[id] = unit.name }
        let named = ids(["party"])
        let visible = Dictionary(try await PartyRepository(store: req.store).find(named, actor: actor).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for id in named { out.parties[id] = visible[id] ?? "当事人" }
        for r in clocks { out.clocks[r.id] = req.procedures.stepName(r.step) }
        for s in try await SubtaskRepository(store: req.store).subtasks(ofCase: caseID, actor: actor) ?? [] {
            out.subtasks[s.id] = "\(s.unitName)：\(s.titleZH)"
            out.subtaskKinds[s.kind] = out.subtaskKinds[s.kind] ?? s.titleZH
        }
        return out
    }

    /// A case no one handles yet (the unit it was sent to has not assigned it).
    static let unassigned = "（待指派）"

    /// One timeline line: the action's summary, then each change as `名称：旧 → 新`.
    static func text(_ e: TimelineEntry, caseType: String, procedures: ProcedureRegistry, names: Names) -> String {
        let summary = narrated.contains(e.action) && !(e.detail ?? "").isEmpty ? (e.detail ?? "") + "。" : ""
        let changes = e.changes.keys.sorted().filter { k in
            // The transition's own key is its summary; a timed step's clock is its step.
            !(e.action == "case.transition" && k == "transition") && !(k == "clock" && e.changes["step"] != nil)
        }.compactMap { k -> String? in
            guard let ch = e.changes[k] else { return nil }
            var values = [ch.before, ch.after].compactMap { $0 }.map { value(k, $0, action: e.action, caseType: caseType, procedures: procedures, names: names) }
            // A step that leaves the case to no one (a dispatch waits for the receiving unit to assign it) says so,
            // rather than showing only the previous handler as if nothing changed.
            if k == "handler", e.action == "case.transition", values.count == 1 {
                values = ch.before == nil ? [Self.unassigned] + values : values + [Self.unassigned]
            }
            if values.isEmpty, k == "readAccess" { values = ["不保留"] }
            return "\(label(k, action: e.action))：" + values.joined(separator: " → ")
        }
        return summary + changes.joined(separator: "；")
    }

    static func value(_ key: String, _ raw: String, action: String = "", caseType: String, procedures: ProcedureRegistry, names: Names) -> String {
        let id = UUID(uuidString: raw)
        switch key {
        // A clock's and a sub-task's states are their own, not the case's.
        case "state" where action == "clock.end": return ClockState(rawValue: raw).map(CasePages.stateZH) ?? raw
        case "state" where action.hasPrefix("case.subtask."): return SubtaskState(rawValue: raw)?.nameZH ?? raw
        case "state":
            return procedures.stateNameZH(caseType: caseType, state: raw) ?? otherStates[raw] ?? raw
        case "gravity": return Gravity(rawValue: raw)?.nameZH ?? raw
        case "type": return procedures.nameZH(caseType: raw) ?? CasePages.otherCaseTypeZH[raw] ?? raw
        case "step": return procedures.stepName(raw)
        case "handler", "approver": return id.map { names.people[$0] ?? "（已删除的用户）" } ?? raw
        case "party": return id.map { names.parties[$0] ?? "当事人" } ?? raw
        case "unit", "readAccess": return id.map { names.units[$0] ?? "（已撤销的单位）" } ?? raw
        case "clock": return id.map { names.clocks[$0] ?? "计时环节" } ?? raw
        case "subtask": return id.map { names.subtasks[$0] ?? "协办事项" } ?? raw
        case "transition": return procedures.procedure(caseType: caseType)?.transition(raw)?.nameZH ?? raw
        case "kind": return action == "case.attachment" ? DocumentPages.kindZH(raw) : names.subtaskKinds[raw] ?? raw
        case "extension": return extensionText(raw)
        case "method": return ServiceMethod(rawValue: raw)?.nameZH ?? raw
        case "retention": return RetentionCode(rawValue: raw)?.nameZH ?? raw
        case "template": return templateName(raw, procedures: procedures)
        case "ruleVersions": return ruleVersions(raw, procedures: procedures)
        case "rule": return clockRule(raw, procedures: procedures)
        case "ruleUnconfirmed": return raw == "true" ? "待核实" : "已确认"
        default: return id == nil ? raw : "（编号略）"
        }
    }

    /// States that are not a procedure's: documents' and plain cases'.
    static let otherStates = ["issued": "已签发", "void": "作废", "closed": "已结案", "open": "办理中"]

    static let unitNames = ["workday": "个工作日", "day": "日", "month": "个月", "hour": "小时"]

    /// An extension's `+3 workday` → `延长3个工作日`.
    static func extensionText(_ raw: String) -> String {
        let parts = raw.split(separator: " ").map(String.init)
        guard parts.count == 2, let n = Int(parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "+"))), let unit = unitNames[parts[1]] else { return raw }
        return "延长\(n)\(unit)"
    }

    /// A document's `IV-NOTICE v1` → `行政约谈通知书（第1版）`.
    static func templateName(_ raw: String, procedures: ProcedureRegistry) -> String {
        let parts = raw.split(separator: " ").map(String.init)
        guard let name = procedures.templates.first(where: { $0.code == parts.first })?.nameZH else { return raw }
        return parts.count == 2 && parts[1].hasPrefix("v") ? "\(name)（第\(parts[1].dropFirst())版）" : name
    }

    /// `{"interview":1}` → the rule set's Chinese name and `第1版`.
    static func ruleVersions(_ raw: String, procedures: ProcedureRegistry) -> String {
        guard let map = try? JSONDecoder().decode([String: Int].self, from: Data(raw.utf8)) else { return raw }
        return map.keys.sorted().compactMap { key in
            map[key].map { "\(ruleSetName(key, procedures: procedures)) 第\($0)版" }
        }.joined(separator: "，")
    }

    /// A rule-set key by its Chinese name (CAL-22).
    static func ruleSetName(_ key: String, procedures: ProcedureRegistry) -> String {
        procedures.ruleSets.first { $0.key == key }?.nameZH ?? key
    }

    /// A clock start's `interview@1 3 workday` → `行政约谈时限 第1版 3个工作日`.
    static func clockRule(_ raw: String, procedures: ProcedureRegistry) -> String {
        let parts = raw.split(separator: " ").map(String.init)
        guard parts.count == 3 else { return raw }
        return "\(ruleSetLabel(parts[0], procedures: procedures)) \(parts[1])\(unitNames[parts[2]] ?? parts[2])"
    }

    /// A clock's bound rule set (`key@version`, CAL-21) as a person reads it: `行政约谈时限 第1版`.
    static func ruleSetLabel(_ id: String, procedures: ProcedureRegistry) -> String {
        let parts = id.split(separator: "@", maxSplits: 1).map(String.init)
        let name = ruleSetName(parts.first ?? id, procedures: procedures)
        return parts.count == 2 ? "\(name) 第\(parts[1])版" : name
    }
}
