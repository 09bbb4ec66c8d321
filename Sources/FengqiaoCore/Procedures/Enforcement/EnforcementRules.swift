import Foundation

// The registry's rules that read more than one field (CP-31…CP-34), pure so the transitions, the
// pages and the tests share them.

public enum EnforcementRules {
    /// CP-31 (处罚法 51): 简易程序 only for a warning or a fine up to ¥200 for a natural person, ¥3,000
    /// for an organisation. A 个体工商户 is a natural person carrying on business (民法典 54).
    public static func simpleCapFen(for kind: PartyKind?) -> Int {
        naturalPerson(kind) ? 200_00 : 3_000_00
    }

    public static func naturalPerson(_ kind: PartyKind?) -> Bool { kind == .person || kind == .individualBusiness }

    /// CP-31: the refusal of a 简易程序 fine above the cap, or nil.
    public static func simpleCap(fineFen: Int, party kind: PartyKind?, field: String) -> FieldError? {
        let cap = simpleCapFen(for: kind)
        guard fineFen > cap else { return nil }
        let who = naturalPerson(kind) ? "公民" : "法人或者其他组织"
        return FieldError(field: field, rule: "CP-31", code: "enforcement.simple.cap",
                          messageZH: "简易程序对\(who)只能处以\(cap / 100)元以下罚款（行政处罚法第五十一条），\(Fen.text(fineFen))超过上限，请适用一般程序")
    }

    /// CP-33: whether the case may close — a decision plus full payment or execution, or a closure reason.
    public static func closable(_ f: EnforcementFacts, reason: ClosureReason?) -> [FieldError] {
        guard let d = f.decision else {
            return [FieldError(field: "state", rule: "CP-33", code: "enforcement.close.no-decision", messageZH: "尚未作出处理决定，不能结案")]
        }
        switch d.type {
        case .noPenalty, .revoked, .judicial: return []
        case .penalty:
            if reason == .enforcementApplied || reason == .transferred { return [] }
            if f.paidFen < d.totalFen {
                return [FieldError(field: "closureReason", rule: "CP-33", code: "enforcement.close.unpaid",
                                   messageZH: "罚没款尚未缴清（应缴\(Fen.text(d.totalFen))，已缴\(Fen.text(f.paidFen))），须缴清或注明申请强制执行、移送等结案理由")]
            }
            return []
        }
    }

    /// CP-34 (处罚法 74 第三款): no quota, budget, per-officer or per-capita 罚没 or reward field —
    /// an input naming one is refused rather than silently dropped.
    public static let forbiddenFieldWords = ["quota", "budget", "target", "percapita", "per-capita", "perofficer", "per-officer", "reward",
                                             "指标", "任务", "预算", "人均", "奖励", "考核"]

    public static func forbiddenFields(_ input: ActionInput) -> [FieldError] {
        input.values.keys.sorted().filter { key in
            let k = key.lowercased().replacingOccurrences(of: "_", with: "")
            return forbiddenFieldWords.contains { k.contains($0) }
        }.map {
            FieldError(field: $0, rule: "CP-34", code: "enforcement.quota.forbidden",
                       messageZH: "案件登记不设罚没指标、预算完成、人均罚没或与罚没挂钩的奖励等字段（行政处罚法第七十四条第三款）")
        }
    }
}
