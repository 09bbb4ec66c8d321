import Foundation

// What an administrative mediation keeps (mediation.md "Entities and fields", Dispute): the
// registration and its MD-12 analysis fields, the triage, the dispatch with its approval, the
// leading group's 会办, the mediators, consents, sessions, suspensions, the extension, returns to the
// centre, the conclusion (agreement, settlement, withdrawal, termination) and the performance checks.

/// 信息来源 (mediation.md, Dispute.source).
public enum MediationSource: String, ChoiceValue, Codable {
    case visit, call, letter, online, platform12315, hotline12345, petitionTransfer, screening, superior, department
    public var nameZH: String {
        switch self {
        case .visit: "来访"
        case .call: "来电"
        case .letter: "来信"
        case .online: "网络"
        case .platform12315: "12315"
        case .hotline12345: "12345"
        case .petitionTransfer: "信访转办"
        case .screening: "排查发现"
        case .superior: "上级交办"
        case .department: "部门移送"
        }
    }
}

/// MD-19: the three scopes the office accepts.
public enum MediationScope: String, ChoiceValue, Codable {
    case civil, admin, civilThenAdmin
    public var nameZH: String {
        switch self {
        case .civil: "职能相关民事纠纷"
        case .admin: "行政纠纷"
        case .civilThenAdmin: "民事纠纷转行政纠纷"
        }
    }
    /// MD-30: an administrative side gives 行政复议 and 行政诉讼 as remedies.
    public var administrative: Bool { self != .civil }
}

/// 涉及客体的种类 (Dispute.object.kind).
public enum MediationObjectKind: String, ChoiceValue, Codable {
    case goods, service, contract, registration, adminAct, other
    public var nameZH: String {
        switch self {
        case .goods: "商品"
        case .service: "服务"
        case .contract: "合同"
        case .registration: "登记事项"
        case .adminAct: "行政行为"
        case .other: "其他"
        }
    }
}

/// 问题性质分类 (MD-12): the bureau's tree, shipped as its first level; offices refine it by new versions.
public enum MediationNature: String, ChoiceValue, Codable {
    case contract, quality, price, advertising, registration, trademark, food, measurement, adminAct, other
    public var nameZH: String {
        switch self {
        case .contract: "合同纠纷"
        case .quality: "产品质量纠纷"
        case .price: "价格收费纠纷"
        case .advertising: "广告宣传纠纷"
        case .registration: "登记注册纠纷"
        case .trademark: "商标知识产权纠纷"
        case .food: "食品安全纠纷"
        case .measurement: "计量纠纷"
        case .adminAct: "行政行为争议"
        case .other: "其他"
        }
    }
}

/// The side of a party (MD-21 consents are per party).
public enum MediationSide: String, ChoiceValue, Codable {
    case applicant, respondent
    public var nameZH: String { self == .applicant ? "申请人（甲方）" : "被申请人（乙方）" }
}

/// How a consent was given (MD-21).
public enum ConsentForm: String, ChoiceValue, Codable {
    case written, oralRecord
    public var nameZH: String { self == .written ? "书面" : "口头（记入笔录）" }
}

/// MD-25: why the clock is suspended.
public enum MediationPauseReason: String, ChoiceValue, Codable {
    case recusal, appraisal, partyRequest
    public var nameZH: String {
        switch self {
        case .recusal: "回避申请待决定"
        case .appraisal: "检测鉴定"
        case .partyRequest: "当事人申请暂停"
        }
    }
    public var rule: String { self == .recusal ? "MD-08" : "MD-25" }
}

/// How a mediation ended (Dispute.outcome, MD-49).
public enum DisputeOutcome: String, ChoiceValue, Codable {
    case agreement, settled, noAgreement, refused, withdrawn
    public var nameZH: String {
        switch self {
        case .agreement: "达成调解协议"
        case .settled: "自行和解"
        case .noAgreement: "调解不成（终止调解）"
        case .refused: "当事人拒绝调解"
        case .withdrawn: "当事人撤回申请"
        }
    }
}

/// MD-30: the remedies a termination notice names.
public enum MediationRemedy: String, ChoiceValue, Codable {
    case reconsideration, litigation, adjudication, settlement, otherMediation, arbitration, civilSuit
    public var nameZH: String {
        switch self {
        case .reconsideration: "申请行政复议（60日内）"
        case .litigation: "提起行政诉讼（6个月内）"
        case .adjudication: "申请行政裁决"
        case .settlement: "自行和解"
        case .otherMediation: "申请其他调解组织调解"
        case .arbitration: "依仲裁协议申请仲裁"
        case .civilSuit: "向人民法院提起民事诉讼"
        }
    }
}

/// An obligation of an agreement and its performance (MD-29).
public struct MediationObligation: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable, ChoiceValue {
        case pending, performed, partial, reneged
        public var nameZH: String {
            switch self {
            case .pending: "未到期"
            case .performed: "已履行"
            case .partial: "部分履行"
            case .reneged: "未履行"
            }
        }
    }
    public var obligor: String
    public var content: String
    public var dueOn: LocalDate
    public var status: Status
    public var checkedOn: LocalDate?
    public var note: String?
}

/// The facts of an administrative mediation.
public struct MediationFacts: Codable, Sendable, Equatable {
    public struct Provider: Codable, Sendable, Equatable {
        public var name: String
        public var relation: String
    }
    public struct Object: Codable, Sendable, Equatable {
        public var kind: MediationObjectKind
        public var description: String
        public var amountFen: Int?
        public var location: String?
    }
    public struct Dispatch: Codable, Sendable, Equatable {
        public var unitCode: String
        public var basis: String
        public var fromUnitID: UUID
        public var proposedBy: UUID
        public var proposedOn: LocalDate
        public var approvedBy: UUID?
        public var approvedOn: LocalDate?
        public var opinion: String?
    }
    public struct Redispatch: Codable, Sendable, Equatable {
        public var on: LocalDate
        public var reason: String
        public var by: UUID
    }
    public struct Joint: Codable, Sendable, Equatable {
        public var decidedOn: LocalDate
        public var decisionRef: String
        public var units: [String]
        public var lead: String
        public var meetingOn: LocalDate?
        public var minutes: String?
    }
    public struct Consent: Codable, Sendable, Equatable {
        public var side: MediationSide
        public var on: LocalDate
        public var form: ConsentForm
    }
    public struct Session: Codable, Sendable, Equatable {
        public var on: LocalDate
        public var place: String
        public var attendees: [String]
        public var record: String
        public var unsigned: String?
        public var by: UUID
    }
    public struct Pause: Codable, Sendable, Equatable {
        public var reason: MediationPauseReason
        public var from: LocalDate
        public var to: LocalDate?
    }
    public struct Extension: Codable, Sendable, Equatable {
        public var on: LocalDate
        public var workdays: Int
        public var ground: String
        public var by: UUID
    }
    public struct Return: Codable, Sendable, Equatable {
        public var on: LocalDate
        public var reason: String
        public var attempts: String
        public var unitCode: String
    }
    public struct Major: Codable, Sendable, Equatable {
        public var on: LocalDate
        public var reason: String
        public var reportedOn: LocalDate?
        /// MD-33: the 工作预案 made before the next session (the latest; each version is in the record).
        public var plan: String? = nil
        public var planOn: LocalDate? = nil
        /// MD-33: the 效能评估 within 30 日 of the conclusion.
        public var evaluation: String? = nil
        public var evaluatedOn: LocalDate? = nil
    }
    public struct Ending: Codable, Sendable, Equatable {
        public var outcome: DisputeOutcome
        public var on: LocalDate
        public var investigation: String
        public var result: String
    }
    public struct Termination: Codable, Sendable, Equatable {
        public var decidedOn: LocalDate
        public var reason: String
        public var remedies: [MediationRemedy]
        public var servedOn: LocalDate?
    }
    /// MD-36: the follow-up of a 不满意 revisit.
    public struct Feedback: Codable, Sendable, Equatable {
        public var discussedOn: LocalDate
        public var responsible: String
        public var rectification: String
        public var toldOn: LocalDate
    }
    public struct Rejection: Codable, Sendable, Equatable {
        public var on: LocalDate
        public var reason: String
        public var channel: String
    }

    public var registeredOn: LocalDate
    public var source: MediationSource
    public var provider: Provider
    public var applicantID: UUID
    public var applicantName: String
    public var respondentID: UUID
    public var respondentName: String
    public var object: Object
    public var nature: MediationNature
    public var scope: MediationScope
    /// MD-09: the unit whose act is disputed (ADMIN scope) — no mediator may come from it.
    public var disputedUnitCode: String?
    public var claim: String
    public var simple: Bool
    public var major: Major?
    public var rejection: Rejection?
    public var triagedOn: LocalDate?
    public var dispatch: Dispatch?
    public var redispatches: [Redispatch] = []
    public var joint: Joint?
    public var mediatorIDs: [UUID] = []
    public var mediatorNames: [String] = []
    public var consents: [Consent] = []
    public var acceptedOn: LocalDate?
    public var sessions: [Session] = []
    public var pauses: [Pause] = []
    public var extended: Extension?
    public var returns: [Return] = []
    public var legalReviewOn: LocalDate?
    public var agreementTerms: String?
    public var obligations: [MediationObligation] = []
    public var ending: Ending?
    public var termination: Termination?
    public var resultReportedOn: LocalDate?
    /// MD-17: the day the mediation limit ran out without a conclusion.
    public var expiredOn: LocalDate?
    public var feedbacks: [Feedback] = []
    /// MD-05: the assigned mediators' terms lapsed mid-case, until another is assigned.
    public var lapse: MediatorLapse?
    /// MD-16: a dispatched unit's weekly progress reports.
    public var progress: [MediationProgress]?
    /// MD-14: the 综合督察室's opinions and the answers.
    public var supervisions: [MediationSupervision]?
    /// MD-48 and the 7-day duplicate warning: what the registration repeated.
    public var recurrence: RecurrenceFound?
    /// MD-18: the month ends the dispute was unresolved at, with the centre's cause and 指导性意见.
    public var monthlyReviews: [MediationMonthlyReview]?
    /// MD-23: the violation clues found while mediating, each registered as a report of its own.
    public var clues: [MediationClue]?
    /// MD-34: flagged 疑难复杂 or at risk of rebounding (反弹) — revisited a second time at 90 日.
    public var reboundRisk: MediationReboundRisk?

    /// MD-34: whether the dispute is revisited a second time (major, complex or at risk of rebounding).
    public var needsSecondRevisit: Bool { major != nil || reboundRisk != nil }

    /// MD-21: every side has consented.
    public var consented: Bool { MediationSide.allCases.allSatisfy { s in consents.contains { $0.side == s } } }
    /// Whether the case was dispatched to a unit by an approved proposal (MD-13, MD-17).
    public var dispatched: Bool { dispatch?.approvedOn != nil }
    /// The unit its mediators may not come from (MD-09).
    public var excludedUnitCode: String? { scope.administrative ? disputedUnitCode : nil }
    /// Ends a suspension still open on `day` (the case concluded or left the mediating unit meanwhile).
    mutating func endOpenPause(on day: LocalDate) {
        if let open = pauses.last, open.to == nil { pauses[pauses.count - 1].to = day }
    }

    /// The first obligation still to check, by due date (MD-29).
    public var nextObligation: MediationObligation? {
        obligations.filter { $0.checkedOn == nil }.min { $0.dueOn < $1.dueOn }
    }
}
