import Foundation

// What an interview case keeps (interview.md, seed 003). Stored as JSON with the case; every field
// is written by one transition of `InterviewProcedure`.

/// Clue sources (interview.md step 1).
public enum ClueSource: String, Sendable, Codable, CaseIterable {
    case inspection, complaint, assigned, transferred, selfReport = "self-report"

    public var nameZH: String {
        switch self {
        case .inspection: "日常检查"
        case .complaint: "投诉举报"
        case .assigned: "上级交办"
        case .transferred: "其他部门移送"
        case .selfReport: "当事人主动报告"
        }
    }
}

/// IV-02: the ground of the proposal.
public enum InterviewGround: String, Sendable, Codable, CaseIterable {
    case firstMinor = "first-minor", hazard, publicConcern = "public-concern", dutyUnperformed = "duty-unperformed", otherLaw = "other-law"

    public var nameZH: String {
        switch self {
        case .firstMinor: "初次违法且危害后果轻微，可依法不予处罚"
        case .hazard: "存在安全隐患或法律风险需提前预警"
        case .publicConcern: "投诉较多或社会关注度高"
        case .dutyUnperformed: "经书面催告仍未履行法定义务"
        case .otherLaw: "法律法规规定的其他情形"
        }
    }
}

public struct InterviewFacts: Sendable, Equatable, Codable {
    public struct Clue: Sendable, Equatable, Codable {
        public var source: ClueSource
        public var description: String
        public var discoveredOn: LocalDate
        public var recordedBy: UUID
    }

    public struct Verification: Sendable, Equatable, Codable {
        public var facts: String
        public var evidence: [String]
        public var provisions: String
        public var ground: InterviewGround
        /// The violation category's code in the shared tree (PLT-16); cases stored before the tree
        /// hold the same codes.
        public var category: String
        public var categoryNote: String?
        /// The category's name and the tree version when the report was submitted (absent in cases
        /// stored before the tree): the case shows the name it was verified with even after the
        /// legal department renames or retires the category.
        public var categoryName: String? = nil
        public var categoryVersion: Int? = nil
        public var necessity: String
        /// IV-10 reasons the case is major (empty: ordinary).
        public var majorReasons: [String]
        public var urgent: Bool
        public var submittedOn: LocalDate
        public var by: UUID
    }

    public struct Review: Sendable, Equatable, Codable {
        public var by: UUID
        public var on: LocalDate
        public var passed: Bool
        public var opinion: String
    }

    public struct CollectiveDecision: Sendable, Equatable, Codable {
        public var meetingOn: LocalDate
        public var members: [String]
    }

    public struct Approval: Sendable, Equatable, Codable {
        public var by: UUID
        public var on: LocalDate
        public var approved: Bool
        public var opinion: String
        public var collective: CollectiveDecision?
    }

    public enum Mode: String, Sendable, Codable, CaseIterable {
        case onSite = "on-site", video
        public var nameZH: String { self == .onSite ? "现场约谈" : "视频约谈" }
    }

    public struct Notice: Sendable, Equatable, Codable {
        public var documentNumber: String
        public var issuedOn: LocalDate
        public var servedOn: LocalDate
        public var scheduledOn: LocalDate
        public var place: String
        public var mode: Mode
    }

    public struct Record: Sendable, Equatable, Codable {
        public var heldOn: LocalDate
        public var mode: Mode
        public var interviewers: [UUID]
        public var recorder: String
        public var agent: String?
        public var experts: [String]
        public var findings: String
        public var statement: String
        public var items: [String]
        public var deadline: LocalDate
        public var partySigned: Bool
        public var witnesses: [String]
        /// Why the interview was held after the limit from service (方案 §6.2); nil when in time.
        public var lateReason: String? = nil
    }

    public struct Contact: Sendable, Equatable, Codable {
        public var on: LocalDate
        public var by: UUID
        public var method: String
        public var progress: String
        public var problems: String?
        public var difficult: Bool
    }

    public struct Report: Sendable, Equatable, Codable {
        public var receivedOn: LocalDate
        public var summary: String
    }

    public struct Inspection: Sendable, Equatable, Codable {
        public var on: LocalDate
        public var inspectors: [UUID]
        /// One conclusion per rectification item, in the items' order (IV-19).
        public var results: [Bool]
        public var remarks: [String]
        public var passed: Bool { results.allSatisfy { $0 } }
    }

    public struct Handoff: Sendable, Equatable, Codable {
        public var on: LocalDate
        public var reason: String
        public var rule: String
    }

    /// IV-25: a media report about the interview, answered within 48 hours.
    public struct MediaReport: Sendable, Equatable, Codable {
        public var reportedOn: LocalDate
        public var outlet: String
        public var summary: String
        public var respondedOn: LocalDate?
        public var response: String?
    }

    /// IV-25: a supervision panel (人大代表, 政协委员, lawyers) observing a major interview.
    public struct Observation: Sendable, Equatable, Codable {
        public var on: LocalDate
        public var observers: [String]
        public var opinions: String
    }

    public struct CrimeTransfer: Sendable, Equatable, Codable {
        public var on: LocalDate
        public var authority: String
        public var summary: String
    }

    public var partyID: UUID
    public var partyName: String
    public var clue: Clue
    public var verification: Verification?
    public var reviews: [Review] = []
    public var approval: Approval?
    public var interviewers: [UUID] = []
    public var tracker: UUID?
    public var notice: Notice?
    public var record: Record?
    public var absence: String?
    public var ledger: [Contact] = []
    public var report: Report?
    public var inspection: Inspection?
    public var handoff: Handoff?
    public var crimeTransfer: CrimeTransfer?
    public var mediaReports: [MediaReport] = []
    public var observations: [Observation] = []

    public init(partyID: UUID, partyName: String, clue: Clue) {
        self.partyID = partyID
        self.partyName = partyName
        self.clue = clue
    }

    enum CodingKeys: String, CodingKey {
        case partyID, partyName, clue, verification, reviews, approval, interviewers, tracker, notice, record, absence, ledger, report, inspection
        case handoff, crimeTransfer, mediaReports, observations
    }

    /// Stored facts outlive the code that wrote them: every field added after the first three is
    /// read as absent when an older case lacks it, so the model can grow without a migration.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        partyID = try c.decode(UUID.self, forKey: .partyID)
        partyName = try c.decode(String.self, forKey: .partyName)
        clue = try c.decode(Clue.self, forKey: .clue)
        verification = try c.decodeIfPresent(Verification.self, forKey: .verification)
        reviews = try c.decodeIfPresent([Review].self, forKey: .reviews) ?? []
        approval = try c.decodeIfPresent(Approval.self, forKey: .approval)
        interviewers = try c.decodeIfPresent([UUID].self, forKey: .interviewers) ?? []
        tracker = try c.decodeIfPresent(UUID.self, forKey: .tracker)
        notice = try c.decodeIfPresent(Notice.self, forKey: .notice)
        record = try c.decodeIfPresent(Record.self, forKey: .record)
        absence = try c.decodeIfPresent(String.self, forKey: .absence)
        ledger = try c.decodeIfPresent([Contact].self, forKey: .ledger) ?? []
        report = try c.decodeIfPresent(Report.self, forKey: .report)
        inspection = try c.decodeIfPresent(Inspection.self, forKey: .inspection)
        handoff = try c.decodeIfPresent(Handoff.self, forKey: .handoff)
        crimeTransfer = try c.decodeIfPresent(CrimeTransfer.self, forKey: .crimeTransfer)
        mediaReports = try c.decodeIfPresent([MediaReport].self, forKey: .mediaReports) ?? []
        observations = try c.decodeIfPresent([Observation].self, forKey: .observations) ?? []
    }

    /// The officer who proposed the interview (IV-11).
    public var proposer: UUID? { verification?.by }
    /// The legal reviewer whose review passed (IV-11).
    public var reviewer: UUID? { reviews.last { $0.passed }?.by }
}

extension InterviewFacts.Verification {
    /// The category's Chinese name as verified (PLT-16); for older cases, version 1's name.
    public var categoryNameZH: String { categoryName ?? ViolationCategoryVersion.shipped.nameZH(category) ?? category }
}
