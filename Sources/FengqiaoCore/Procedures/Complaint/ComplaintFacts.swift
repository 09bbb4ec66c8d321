import Foundation

/// What the complaint track keeps (complaints.md, Complaint): the parties, the submission, the
/// dispatches and returns, the acceptance decision, consents, pauses and how it ended.
public struct ComplaintFacts: Codable, Sendable, Equatable {
    /// A dispatch to a receiving unit with its report-back date (CP-13), as the kit keeps it.
    public typealias Dispatch = UnitDispatch
    /// A return by a receiving unit without competence (CP-12), as the kit keeps it.
    public typealias Return = UnitReturn

    public struct Proposal: Codable, Sendable, Equatable {
        public var choice: AcceptanceChoice
        public var ground: RejectionGround?
        public var reason: String?
        public var on: LocalDate
        public var by: UUID
    }

    public struct Decision: Codable, Sendable, Equatable {
        public var choice: AcceptanceChoice
        public var ground: RejectionGround?
        public var on: LocalDate
        public var approvedBy: UUID
    }

    public struct Pause: Codable, Sendable, Equatable {
        public var reason: PauseReason
        public var from: LocalDate
        /// The last paused day; nil while the pause runs.
        public var to: LocalDate?
    }

    public struct Ending: Codable, Sendable, Equatable {
        public var outcome: MediationOutcome
        public var on: LocalDate
        /// 挽回经济损失, in fen (¥0.01), ≥ 0.
        public var recoveredFen: Int?
    }

    public struct Termination: Codable, Sendable, Equatable {
        public var ground: TerminationGround
        public var decidedOn: LocalDate
        public var decidedBy: UUID
        public var servedOn: LocalDate?
    }

    public var complainantID: UUID
    public var complainantName: String
    public var respondentID: UUID
    public var respondentName: String
    public var channel: ComplaintChannel
    public var externalNo: String?
    public var receivedOn: LocalDate
    public var knewOn: LocalDate
    public var request: String
    public var statement: String
    /// CP-05, CP-06: joint complainants, representatives, an agent.
    public var representation = ComplaintRepresentation()
    /// The unit that registered the item: returns go back to it (CP-12).
    public var registeredUnitID: UUID
    public var dispatches: [Dispatch] = []
    public var returns: [Return] = []
    /// The day the competent unit received the item; the acceptance clock starts here (CP-14).
    public var competentReceiptOn: LocalDate?
    /// Grounds CP-15 suggests for 不予受理 (never chosen for the user).
    public var suggestedGrounds: [RejectionGround] = []
    public var proposal: Proposal?
    public var decision: Decision?
    public var complainantConsentOn: LocalDate?
    public var respondentConsentOn: LocalDate?
    public var pauses: [Pause] = []
    /// CP-21: the day the system proposed termination ground (5), the mediation limit having run out.
    public var terminationProposedOn: LocalDate?
    public var ending: Ending?
    /// CP-07: the day the report part was split into its own track; CP-24: the days clues were found in mediation.
    public var reportSplitOn: LocalDate?
    public var cluesFound: [LocalDate] = []
    public var termination: Termination?
    /// CP-37: each reopening by the unit head, with its reason and the state the complaint was in.
    public var reopenings: [Reopening]?

    public struct Reopening: Codable, Sendable, Equatable {
        public var on: LocalDate
        public var by: UUID
        public var reason: String
        public var from: String
    }
    /// CP-35, CP-36: what the submission said about earlier ones when it was registered (information only).
    public var signals: SubmissionSignals?
    /// CP-17: the mediation delegated to a 消协分会 or a lawful mediation body, in the bureau's name.
    public var delegation: Delegation?
    /// CP-18: the mediation sessions held, on-site (现场) or not.
    public var sessions: [Session]?
    /// CP-42: the jurisdiction disputes between units, each with how it was settled.
    public var disputes: [JurisdictionDispute]?
    /// CP-17: delegations withdrawn (the body could not mediate, the mediator was replaced), oldest first.
    public var withdrawnDelegations: [WithdrawnDelegation]?

    public init(complainantID: UUID, complainantName: String, respondentID: UUID, respondentName: String, channel: ComplaintChannel,
                externalNo: String?, receivedOn: LocalDate, knewOn: LocalDate, request: String, statement: String, registeredUnitID: UUID) {
        self.complainantID = complainantID
        self.complainantName = complainantName
        self.respondentID = respondentID
        self.respondentName = respondentName
        self.channel = channel
        self.externalNo = externalNo
        self.receivedOn = receivedOn
        self.knewOn = knewOn
        self.request = request
        self.statement = statement
        self.registeredUnitID = registeredUnitID
    }

    /// CP-16: both consents are on record.
    public var consented: Bool { complainantConsentOn != nil && respondentConsentOn != nil }

    /// CP-15: ground (4) is suggested when the complainant knew of the harm more than three years
    /// before the competent unit received the complaint (limitation_years 3).
    public static func suggested(knewOn: LocalDate, receiptOn: LocalDate) -> [RejectionGround] {
        knewOn.adding(months: 36) < receiptOn ? [.g4] : []
    }
}

/// Money as entered (`1234.5`, `1234.50`, `0`): at most two decimals, ≥ 0, in fen; nil otherwise.
public enum Fen {
    public static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let yuan = Int(parts[0]), yuan >= 0, yuan < 1_000_000_000_000, parts[0].allSatisfy(\.isASCII) else { return nil }
        var fen = 0
        if parts.count == 2 {
            let d = parts[1]
            guard (1...2).contains(d.count), d.allSatisfy({ $0.isASCII && $0.isNumber }), let f = Int(d) else { return nil }
            fen = d.count == 1 ? f * 10 : f
        }
        return yuan * 100 + fen
    }

    /// `¥1,234.50`-style text without the grouping: `1234.50元`.
    public static func text(_ fen: Int) -> String { "\(fen / 100).\(String(format: "%02d", fen % 100))元" }
}

/// CP-09…CP-13: a complaint is dispatched and returned through the kit's `Dispatching`.
extension ComplaintFacts: DispatchedFacts {
    public var dispatchLog: [UnitDispatch] {
        get { dispatches }
        set { dispatches = newValue }
    }
    public var returnLog: [UnitReturn] {
        get { returns }
        set { returns = newValue }
    }
    public var returnUnitID: UUID? { registeredUnitID }
}

/// CP-42: a receiving unit disputes jurisdiction through the kit's `Disputing`.
extension ComplaintFacts: DisputedFacts {}
