import FengqiaoCore
import FengqiaoStore
import Foundation

/// The case timeline in Chinese (X-07): the audit trail's changes keep their internal keys and
/// values (`state: clue → legalReview`, `ruleVersions: {"interview":1}`); the page shows field
/// names, state, step and rule-set names from the procedure registry instead.
enum TimelineText {
    static let labels: [String: String] = [
        "state": "状态", "gravity": "案件等级", "handler": "承办人", "closedOn": "结案日期", "ruleVersions": "适用时限规则",
        "type": "案件类型", "title": "案件名称", "number": "案号", "parties": "当事人", "origin": "来源案件", "evidence": "移交证据",
        "step": "环节", "due": "期限", "from": "起", "to": "止", "count": "天数", "ground": "理由", "approver": "批准人", "reason": "原因",
        "template": "文书", "document": "文书", "method": "送达方式", "recipient": "受送达人", "archiveNumber": "档号", "party": "当事人",
        "expert": "专家", "occasion": "事项", "on": "日期", "answer": "满意度", "visitMethod": "回访方式", "scores": "评分", "note": "说明",
        "rule": "时限规则", "start": "起算", "startAt": "起算时刻", "dueAt": "到期时刻",
    ]

    /// The staff names the changes refer to by id.
    static func names(_ entries: [TimelineEntry], org: OrganisationRepository) async throws -> [UUID: String] {
        var out: [UUID: String] = [:]
        let ids = Set(entries.flatMap { e in ["handler", "approver"].compactMap { e.changes[$0] }.flatMap { [$0.before, $0.after] }.compactMap { $0 } })
        for id in ids.compactMap(UUID.init(uuidString:)) { out[id] = try await org.user(id: id)?.name }
        return out
    }

    /// One timeline line: the transition's summary, then each change as `名称：旧 → 新`.
    static func text(_ e: TimelineEntry, caseType: String, procedures: ProcedureRegistry, names: [UUID: String]) -> String {
        let summary = e.action == "case.transition" ? (e.detail ?? "") + "。" : ""
        let changes = e.changes.keys.sorted().filter { e.action != "case.transition" || $0 != "transition" }.compactMap { k -> String? in
            guard let ch = e.changes[k] else { return nil }
            let values = [ch.before, ch.after].compactMap { $0 }.map { value(k, $0, caseType: caseType, procedures: procedures, names: names) }
            return "\(labels[k] ?? k)：" + values.joined(separator: " → ")
        }
        return summary + changes.joined(separator: "；")
    }

    static func value(_ key: String, _ raw: String, caseType: String, procedures: ProcedureRegistry, names: [UUID: String]) -> String {
        switch key {
        case "state": return procedures.stateNameZH(caseType: caseType, state: raw) ?? ["issued": "已签发", "void": "作废", "closed": "已结案"][raw] ?? raw
        case "gravity": return Gravity(rawValue: raw)?.nameZH ?? raw
        case "type": return procedures.nameZH(caseType: raw) ?? raw
        case "step": return procedures.stepName(raw)
        case "handler", "approver", "party": return UUID(uuidString: raw).flatMap { names[$0] } ?? raw
        case "ruleVersions": return ruleVersions(raw, procedures: procedures)
        case "rule": return clockRule(raw, procedures: procedures)
        default: return raw
        }
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
        let units = ["workday": "个工作日", "day": "日", "month": "个月", "hour": "小时"]
        return "\(ruleSetLabel(parts[0], procedures: procedures)) \(parts[1])\(units[parts[2]] ?? parts[2])"
    }

    /// A clock's bound rule set (`key@version`, CAL-21) as a person reads it: `行政约谈时限 第1版`.
    static func ruleSetLabel(_ id: String, procedures: ProcedureRegistry) -> String {
        let parts = id.split(separator: "@", maxSplits: 1).map(String.init)
        let name = ruleSetName(parts.first ?? id, procedures: procedures)
        return parts.count == 2 ? "\(name) 第\(parts[1])版" : name
    }
}
