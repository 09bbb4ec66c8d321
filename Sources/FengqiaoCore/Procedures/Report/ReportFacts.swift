import Foundation

/// Where a report came from (complaints.md, Report.origin).
public enum ReportOrigin: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case direct, split, mediation, petition
    public var nameZH: String {
        switch self {
        case .direct: "直接举报"
        case .split: "投诉举报拆分"
        case .mediation: "调解中发现"
        case .petition: "信访转入"
        }
    }
    /// CP-24: a clue found in mediation runs on the clue clock (15 working days from discovery);
    /// every other report on the report clock (CP-26, from receipt by the handling unit).
    public var clockStep: String { self == .mediation ? "clueVerification" : "reportVerification" }
}

/// The decision on a verified report (complaints.md, Report.decision; CP-27).
public enum ReportDecision: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case file, notFile = "not-file", transfer, redirect, merge
    public var nameZH: String {
        switch self {
        case .file: "立案"
        case .notFile: "不予立案"
        case .transfer: "移送其他机关"
        case .redirect: "告知向有权部门提出"
        case .merge: "并案处理"
        }
    }
    /// CP-28: a named reporter is told of these within 5 working days.
    public var tellsReporter: Bool { self == .file || self == .notFile }
}

/// The grounds of 不予立案 (CP-27; 处罚法 33, 36).
public enum NotFilingGround: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case unfounded, minorCorrected = "minor-corrected", firstMinor = "first-minor", noFault = "no-fault", timeBarred = "time-barred",
         noJurisdiction = "no-jurisdiction", other
    public var nameZH: String {
        switch self {
        case .unfounded: "违法事实不成立"
        case .minorCorrected: "违法行为轻微并及时改正，没有造成危害后果（处罚法第三十三条第一款）"
        case .firstMinor: "初次违法且危害后果轻微并及时改正（处罚法第三十三条第一款）"
        case .noFault: "当事人有证据足以证明没有主观过错（处罚法第三十三条第二款）"
        case .timeBarred: "违法行为超过追责时效（处罚法第三十六条）"
        case .noJurisdiction: "不属于本机关管辖"
        case .other: "其他依法不予立案的情形"
        }
    }
}

/// What the report track keeps (complaints.md, Report). The reporter is named only here, never
/// linked to the case as a party: the party pages, worklists and the reported party's history never
/// show who reported (CP-08, X-09); `ReportProcedure.visible` hides the name from those the spec
/// does not let see it.
public struct ReportFacts: Codable, Sendable, Equatable {
    public struct Proposal: Codable, Sendable, Equatable {
        public var decision: ReportDecision
        public var ground: NotFilingGround?
        public var findings: String
        public var officers: [UUID]
        public var on: LocalDate
        /// CP-29 (办法第三十二条): the law, regulation or rule that requires the handling result to be
        /// told to the reporter, as the officers cite it; nil where none does. Printed on the 告知书.
        public var resultNoticeBasis: String? = nil
    }

    public struct Decision: Codable, Sendable, Equatable {
        public var decision: ReportDecision
        public var ground: NotFilingGround?
        public var on: LocalDate
        public var approvedBy: UUID
    }

    public var reporterID: UUID?
    public var reporterName: String?
    public var reportedID: UUID
    public var reportedName: String
    public var actPlace: String
    public var category: String
    public var clue: String
    public var origin: ReportOrigin
    public var receivedOn: LocalDate
    public var registeredBy: UUID
    /// The one extension of the verification (CP-26): its ground and approver, as shown.
    public var verificationExtension: String?
    public var proposal: Proposal?
    public var decision: Decision?
    public var reporterToldOn: LocalDate?
    /// CP-26: pauses of the verification clock for testing or the rights holder's identification.
    public var pauses: [Pause]?

    public struct Pause: Codable, Sendable, Equatable {
        public var reason: VerificationPauseReason
        public var from: LocalDate
        public var to: LocalDate?
    }

    /// The unit that registered the report: a return goes back to it (CP-12). Nil on reports
    /// registered before dispatch existed (they never left their unit).
    public var registeredUnitID: UUID?
    /// Dispatches to a competent unit and returns from one without competence (CP-09…CP-13).
    public var dispatches: [UnitDispatch]?
    public var returns: [UnitReturn]?
    /// CP-26: the day the handling (competent) unit received the report; verification runs from it.
    public var handlingReceiptOn: LocalDate?
    /// CP-11: the office has no competence — the reporter was told to go to the competent authority.
    public var referral: Referral?
    /// CP-36: the 高频 note found at registration (information only; the report is processed).
    public var signals: SubmissionSignals?
    /// CP-42: the jurisdiction disputes between receiving units, each with how it was settled. Units,
    /// days and staff only — nothing of the reporter (CP-08).
    public var disputes: [UnitDispute]?

    public struct Referral: Codable, Sendable, Equatable {
        /// The competent authority named to the reporter.
        public var authority: String
        public var reason: String
        public var on: LocalDate
        /// The day the named reporter was told; nil for an anonymous report (nobody to tell, CP-28).
        public var toldOn: LocalDate?
        public var by: UUID
    }

    /// CP-28: a named reporter — one who gave a name and a contact — is told of the decision.
    public var named: Bool { reporterID != nil }

    /// Nothing of the verification has happened yet: no proposal, pause or extension.
    public var verificationUntouched: Bool { proposal == nil && (pauses ?? []).isEmpty && verificationExtension == nil }
}

/// CP-09…CP-13: a report is dispatched and returned through the kit's `Dispatching`, like a complaint.
extension ReportFacts: DispatchedFacts {
    public var dispatchLog: [UnitDispatch] {
        get { dispatches ?? [] }
        set { dispatches = newValue }
    }
    public var returnLog: [UnitReturn] {
        get { returns ?? [] }
        set { returns = newValue }
    }
    public var returnUnitID: UUID? { registeredUnitID }
}

/// CP-42: a receiving unit disputes jurisdiction over a report through the kit's `Disputing`, like a complaint.
extension ReportFacts: DisputedFacts {}

/// Where a report goes at registration (CP-13, CP-26): the registering unit verifies it itself (its
/// receipt starts the 15 working days, as a 所 registering its own reports always did), or it waits
/// for the 分送员 to dispatch it to the competent unit, whose receipt starts them.
public enum ReportRouting: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case handle, dispatch
    public var nameZH: String {
        switch self {
        case .handle: "本单位有管辖权，直接核查"
        case .dispatch: "待分送有管辖权单位"
        }
    }
}
