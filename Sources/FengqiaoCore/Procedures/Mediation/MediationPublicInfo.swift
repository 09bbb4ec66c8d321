import Foundation

// MD-10: what the public page shows of the mediation system — the bodies and their mediators, the
// scope (MD-19), the principles (seed 001 §二), the process with its time limits from the rule set in
// force, and the basis. Built from the data on every request, so a change to the list is public the
// moment it is saved (within MD-10's 1 working day).

public struct MediationPublicInfo: Sendable, Equatable {
    public struct Body: Sendable, Equatable {
        public let unitName: String
        /// "name（任期至 2027-02-28）" of each mediator in office today.
        public let mediators: [String]
    }
    public struct Step: Sendable, Equatable {
        public let nameZH: String
        public let limitZH: String
    }

    public let bodies: [Body]
    public let scopes: [String]
    public let principles: [String]
    public let steps: [Step]
    public let basis: String

    /// The public information on `day`: `people` with a mediator term grouped by unit (names from
    /// `unitNames`), and the limits of `ruleSet` (the mediation set in force).
    public static func on(_ day: LocalDate, people: [PersonFact], unitNames: [UUID: String], ruleSet: RuleSet?) -> MediationPublicInfo {
        let serving = MediatorRoster.rows(people, on: day).filter { $0.status == .serving }
        let bodies = Dictionary(grouping: serving, by: \.unitID).map { unit, rows in
            Body(unitName: unitNames[unit] ?? "", mediators: rows.map { r in
                "\(r.name)（任期至\((r.terms.first { $0.contains(day) }?.upperBound ?? day).iso)）"
            })
        }.sorted { $0.unitName < $1.unitName }
        let names = MediationProcedure.module.stepNames
        func limit(_ step: String) -> String {
            guard let r = ruleSet?.rule(step) else { return "" }
            let unit = Clock.unitZH(r.unit)
            return "\(r.count)\(unit)" + (r.maxExtension > 0 ? "，经批准可延长一次，不超过\(r.maxExtension)\(unit)" : "")
        }
        let steps = ["triage", "dispatchApproval", "consent", "mediation", "terminationNotice", "archiveElectronic"].map { key in
            Step(nameZH: key == "archiveElectronic" ? "立卷归档" : names[key] ?? key, limitZH: limit(key))
        }.filter { !$0.limitZH.isEmpty }
        return MediationPublicInfo(
            bodies: bodies,
            scopes: MediationScope.allCases.map { "\($0.nameZH)：" + description($0) },
            principles: ["自愿：调解须经各方当事人同意，任何一方可随时退出", "合法：调解协议不得违反法律、法规，不得损害国家、公共和他人利益",
                         "中立：调解员与当事人有利害关系的应当回避", "平等：各方当事人地位平等，行政机关作为当事人时亦同", "积极主动：及时化解矛盾纠纷"],
            steps: steps,
            basis: ruleSet?.citation ?? "")
    }

    static func description(_ scope: MediationScope) -> String {
        switch scope {
        case .civil: "与市场监管职能相关的民事纠纷，如合同、产品质量、价格、广告等纠纷"
        case .admin: "公民、法人或者其他组织与本局之间因行政管理发生的争议"
        case .civilThenAdmin: "由民事纠纷引发、涉及行政处理的争议"
        }
    }
}
