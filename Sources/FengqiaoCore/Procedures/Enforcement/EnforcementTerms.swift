import Foundation

// The registry's closed lists (complaints.md, EnforcementCase): where a case came from, its category,
// procedure, decision and closure. Stored as their raw values.

/// Where an enforcement case came from (EnforcementCase.source). The interview and guidance hand-offs
/// (IV-04, GD-19) are sources of their own, as the issue names them.
public enum EnforcementSource: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case inspection, sampling, complaint, report, assigned, transferred, interview, guidance, other
    public var nameZH: String {
        switch self {
        case .inspection: "监督检查"
        case .sampling: "抽样检测"
        case .complaint: "投诉"
        case .report: "举报"
        case .assigned: "上级交办"
        case .transferred: "他部门移送"
        case .interview: "行政约谈移交"
        case .guidance: "行政指导转立案"
        case .other: "其他"
        }
    }
}

/// The registry's case categories (EnforcementCase.category) — the bureau's reporting lines, not the
/// violation-category tree of PLT-16.
public enum EnforcementCategory: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case unfairCompetition = "unfair-competition", bribery, trademark, unlicensed, pyramid, food, product, contractTerms = "contract-terms",
         advertising, price, other
    public var nameZH: String {
        switch self {
        case .unfairCompetition: "不正当竞争"
        case .bribery: "商业贿赂"
        case .trademark: "商标侵权"
        case .unlicensed: "无照经营"
        case .pyramid: "传销"
        case .food: "食品安全"
        case .product: "产品质量"
        case .contractTerms: "合同格式条款"
        case .advertising: "广告"
        case .price: "价格"
        case .other: "其他"
        }
    }
}

/// 一般程序 or 简易程序 (处罚法 51, CP-31).
public enum PenaltyProcedureKind: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case general, simple
    public var nameZH: String { self == .general ? "一般程序" : "简易程序" }
}

/// The decision of an enforcement case (EnforcementCase.decision_type).
public enum EnforcementDecisionType: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case penalty, noPenalty = "no-penalty", revoked, judicial
    public var nameZH: String {
        switch self {
        case .penalty: "行政处罚"
        case .noPenalty: "不予行政处罚"
        case .revoked: "撤销立案"
        case .judicial: "移送司法机关"
        }
    }
}

/// What a 简易程序 decision imposes on the spot (处罚法 51: a warning or a small fine).
public enum SimplePenalty: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case warning, fine
    public var nameZH: String { self == .warning ? "警告" : "罚款" }
}

/// Why a case closes without full payment (CP-33).
public enum ClosureReason: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case executed, noPenalty = "no-penalty", revoked, transferred, enforcementApplied = "enforcement-applied"
    public var nameZH: String {
        switch self {
        case .executed: "执行完毕"
        case .noPenalty: "不予处罚"
        case .revoked: "撤销立案"
        case .transferred: "移送"
        case .enforcementApplied: "申请人民法院强制执行"
        }
    }
}

/// A pause of the 90-day decision clock (CP-30: 中止, hearing, public notice and testing are excluded).
public enum DecisionPauseReason: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case suspension, hearing, publicNotice = "public-notice", testing
    public var nameZH: String {
        switch self {
        case .suspension: "案件中止"
        case .hearing: "听证"
        case .publicNotice: "公告"
        case .testing: "检测、检验、检疫、鉴定"
        }
    }
}

extension EnforcementCategory {
    /// The registry line of a violation-category tree code (PLT-16), where one plainly matches; else 其他.
    public init(treeCode: String?) {
        switch treeCode {
        case "food": self = .food
        case "price": self = .price
        case "advertising": self = .advertising
        case "labelling": self = .product
        case "licence": self = .unlicensed
        default: self = .other
        }
    }
}
