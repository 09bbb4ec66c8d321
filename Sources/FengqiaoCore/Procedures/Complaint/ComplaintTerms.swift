import Foundation

// The fixed vocabularies of the complaint track (complaints.md "Entities"): channels, the grounds of
// 不予受理 (办法 15) and of termination (办法 21), pause reasons and outcomes.

/// Where a submission came from (complaints.md, Submission.channel).
public enum ComplaintChannel: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case platform, hotline, gov12345, letter, window, fax, email, station, consumerAssociation = "consumer-association", superior,
         otherDepartment = "other-department", petition

    public var nameZH: String {
        switch self {
        case .platform: "全国12315平台"
        case .hotline: "12315热线"
        case .gov12345: "12345转办"
        case .letter: "来信"
        case .window: "窗口/来访"
        case .fax: "传真"
        case .email: "电子邮件"
        case .station: "投诉举报站"
        case .consumerAssociation: "消协转来"
        case .superior: "上级交办"
        case .otherDepartment: "他部门转来"
        case .petition: "信访转入"
        }
    }

    /// external_no is required for the platform's, the hotline's and 12345's items (complaints.md).
    public var needsExternalNumber: Bool { [.platform, .hotline, .gov12345].contains(self) }
}

/// 受理 or 不予受理 (CP-14).
public enum AcceptanceChoice: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case accept, reject
    public var nameZH: String { self == .accept ? "受理" : "不予受理" }
}

/// The grounds of 不予受理, 《市场监督管理投诉举报处理暂行办法》第十五条 (1)–(6) (CP-15).
public enum RejectionGround: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case g1 = "1", g2 = "2", g3 = "3", g4 = "4", g5 = "5", g6 = "6"

    public var nameZH: String {
        switch self {
        case .g1: "（一）投诉事项不属于市场监督管理部门职责，或者本行政机关不具有处理权限"
        case .g2: "（二）已有其他机关或者调解组织受理或者处理过同一消费者权益争议"
        case .g3: "（三）非生活消费需要，或者不能证明与被投诉人之间存在消费者权益争议"
        case .g4: "（四）知道或者应当知道权益受到侵害之日起超过三年"
        case .g5: "（五）未提供第九条第一款和第十条规定的材料"
        case .g6: "（六）法律、法规、规章规定不予受理的其他情形"
        }
    }
}

/// The grounds of 终止调解, 办法第二十一条 (2)–(7) (CP-21, CP-22); (1) withdrawal or settlement is an outcome.
public enum TerminationGround: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case g2 = "2", g3 = "3", g4 = "4", g5 = "5", g6 = "6", g7 = "7"

    public var nameZH: String {
        switch self {
        case .g2: "（二）双方对检定、检验、检测、鉴定机构或者费用无法协商一致"
        case .g3: "（三）无正当理由不参加调解，或者被投诉人明确拒绝调解"
        case .g4: "（四）经组织调解，一方明确表示无法达成调解协议"
        case .g5: "（五）自受理之日起四十五个工作日内未能达成调解协议"
        case .g6: "（六）受理后发现存在第十五条规定情形"
        case .g7: "（七）法律、法规、规章规定应当终止调解的其他情形"
        }
    }
}

/// Why mediation pauses (CP-19 recusal, CP-20 testing); both are left out of the 45 working days.
public enum PauseReason: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case testing, recusal
    public var nameZH: String { self == .testing ? "检测鉴定" : "回避" }
    public var rule: String { self == .testing ? "CP-20" : "CP-19" }
}

/// How a mediated complaint ends other than by termination (complaints.md, Complaint.outcome).
public enum MediationOutcome: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case agreement, performed, settled, withdrawn

    public var nameZH: String {
        switch self {
        case .agreement: "调解成功（调解书）"
        case .performed: "调解成功（即时履行/双方不要调解书）"
        case .settled: "自行和解"
        case .withdrawn: "撤回投诉"
        }
    }

    /// Mediation proper — needs both consents first (CP-16); a withdrawal or settlement does not.
    public var isMediated: Bool { self == .agreement || self == .performed }
}
