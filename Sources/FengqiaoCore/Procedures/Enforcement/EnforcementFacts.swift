import Foundation

/// What the enforcement registry keeps of a case (complaints.md, EnforcementCase). Amounts are in fen.
/// A case handed over before the registry was a procedure (IV-04: a minimal record of its origin,
/// the documents to prefill and the evidence) decodes as a case still to be filed: every registry
/// field is optional in the stored JSON.
public struct EnforcementFacts: Codable, Sendable, Equatable {
    public struct Filing: Codable, Sendable, Equatable {
        public var on: LocalDate
        public var procedure: PenaltyProcedureKind
        public var officers: [UUID]
        public var by: UUID

        public init(on: LocalDate, procedure: PenaltyProcedureKind, officers: [UUID], by: UUID) {
            self.on = on
            self.procedure = procedure
            self.officers = officers
            self.by = by
        }
    }

    public struct Decision: Codable, Sendable, Equatable {
        public var on: LocalDate
        public var type: EnforcementDecisionType
        public var documentNumber: String?
        public var fineFen: Int
        public var confiscatedGainsFen: Int
        public var confiscatedGoodsFen: Int
        /// The value of confiscated goods, reported beside 罚没合计 but not part of it.
        public var goodsValueFen: Int
        /// 简易程序: warning or fine.
        public var simplePenalty: SimplePenalty?

        /// 罚没合计 = fine + confiscated gains + confiscated goods (complaints.md, EnforcementCase).
        public var totalFen: Int { fineFen + confiscatedGainsFen + confiscatedGoodsFen }
    }

    public struct Payment: Codable, Sendable, Equatable {
        public var amountFen: Int
        public var paidOn: LocalDate
        public var voucherNo: String
        /// 加处罚款 (处罚法 72): payments beyond 罚没合计 are allowed only so flagged (CP-32).
        public var surcharge: Bool

        public init(amountFen: Int, paidOn: LocalDate, voucherNo: String, surcharge: Bool) {
            self.amountFen = amountFen
            self.paidOn = paidOn
            self.voucherNo = voucherNo
            self.surcharge = surcharge
        }
    }

    public struct Pause: Codable, Sendable, Equatable {
        public var reason: DecisionPauseReason
        public var from: LocalDate
        public var to: LocalDate?
    }

    public var source: EnforcementSource?
    /// The source's own number (the report, inspection record or transfer letter).
    public var sourceRef: String?
    public var partyID: UUID?
    public var partyName: String
    public var summary: String?
    public var category: EnforcementCategory?
    /// The violation-category tree code (PLT-16) the origin named, for the repeat rules (IV-22).
    public var violationCategory: String?
    public var receivedOn: LocalDate?
    public var filing: Filing?
    public var decisionExtension: String?
    public var pauses: [Pause]
    public var decision: Decision?
    public var servedOn: LocalDate?
    public var payments: [Payment]
    public var closedOn: LocalDate?
    public var closureReason: ClosureReason?
    public var notFiledGround: String?

    // A hand-off's record (IV-04): where it came from, the documents to prefill, the evidence.
    public var origin: UUID?
    public var originNumber: String?
    public var relation: String?
    public var prefill: [String: [String: String]]
    public var evidence: [String]

    public init(source: EnforcementSource?, sourceRef: String?, partyID: UUID?, partyName: String, summary: String?, category: EnforcementCategory?,
                violationCategory: String?, receivedOn: LocalDate?) {
        self.source = source
        self.sourceRef = sourceRef
        self.partyID = partyID
        self.partyName = partyName
        self.summary = summary
        self.category = category
        self.violationCategory = violationCategory
        self.receivedOn = receivedOn
        pauses = []
        payments = []
        prefill = [:]
        evidence = []
    }

    enum CodingKeys: String, CodingKey {
        case source, sourceRef, partyID, partyName, summary, category, violationCategory, receivedOn, filing, decisionExtension, pauses, decision,
             servedOn, payments, closedOn, closureReason, notFiledGround, origin, originNumber, relation, prefill, evidence
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decodeIfPresent(EnforcementSource.self, forKey: .source)
        sourceRef = try c.decodeIfPresent(String.self, forKey: .sourceRef)
        partyID = try c.decodeIfPresent(UUID.self, forKey: .partyID)
        partyName = try c.decodeIfPresent(String.self, forKey: .partyName) ?? ""
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        category = try c.decodeIfPresent(EnforcementCategory.self, forKey: .category)
        violationCategory = try c.decodeIfPresent(String.self, forKey: .violationCategory)
        receivedOn = try c.decodeIfPresent(LocalDate.self, forKey: .receivedOn)
        filing = try c.decodeIfPresent(Filing.self, forKey: .filing)
        decisionExtension = try c.decodeIfPresent(String.self, forKey: .decisionExtension)
        pauses = try c.decodeIfPresent([Pause].self, forKey: .pauses) ?? []
        decision = try c.decodeIfPresent(Decision.self, forKey: .decision)
        servedOn = try c.decodeIfPresent(LocalDate.self, forKey: .servedOn)
        payments = try c.decodeIfPresent([Payment].self, forKey: .payments) ?? []
        closedOn = try c.decodeIfPresent(LocalDate.self, forKey: .closedOn)
        closureReason = try c.decodeIfPresent(ClosureReason.self, forKey: .closureReason)
        notFiledGround = try c.decodeIfPresent(String.self, forKey: .notFiledGround)
        origin = try c.decodeIfPresent(UUID.self, forKey: .origin)
        originNumber = try c.decodeIfPresent(String.self, forKey: .originNumber)
        relation = try c.decodeIfPresent(String.self, forKey: .relation)
        prefill = try c.decodeIfPresent([String: [String: String]].self, forKey: .prefill) ?? [:]
        evidence = try c.decodeIfPresent([String].self, forKey: .evidence) ?? []
    }

    /// Σ payments.
    public var paidFen: Int { payments.reduce(0) { $0 + $1.amountFen } }
    /// The source as shown: the registry's, or the hand-off's origin for a record made before it.
    public var sourceZH: String {
        if let source { return source.nameZH + (sourceRef.map { "（\($0)）" } ?? "") }
        return originNumber.map { "移交（\($0)）" } ?? "—"
    }
}
