import Foundation

/// CP-35, CP-36: what a new submission says about earlier ones — a proposed merge, a cluster on one
/// respondent, a high-frequency submitter. Information for the staff only: nothing is merged, refused
/// or held back (a report clue is always processed). The store reads the earlier submissions by
/// index (same complainant key, same respondent, a date range) and asks here.
public enum ComplaintSignals {
    /// CP-35: an earlier complaint of the same complainant (phone or ID) on the same respondent with
    /// an overlapping request, received within 30 days.
    public static let mergeWindowDays = 30
    /// CP-35: ≥5 complaints on one respondent within 7 days.
    public static let clusterWindowDays = 7
    public static let clusterThreshold = 5
    /// complaints.md "Reminders and escalations": a cluster of ≥20 complaints within 7日 is escalated
    /// to the 分管局长.
    public static let clusterEscalationThreshold = 20
    /// CP-36: ≥10 submissions by one submitter in 12 months.
    public static let highFrequencyThreshold = 10

    /// An earlier submission as the store found it.
    public struct Earlier: Sendable, Equatable {
        public let caseID: UUID
        public let number: String
        public let receivedOn: LocalDate
        public let request: String
        public init(caseID: UUID, number: String, receivedOn: LocalDate, request: String) {
            self.caseID = caseID
            self.number = number
            self.receivedOn = receivedOn
            self.request = request
        }
    }

    /// CP-35: the earlier complaints (same complainant and respondent, found by the store) that a
    /// new one received on `receivedOn` with `request` should be merged with.
    public static func mergeCandidates(receivedOn: LocalDate, request: String, earlier: [Earlier]) -> [Earlier] {
        earlier.filter { abs($0.receivedOn.ordinal - receivedOn.ordinal) <= mergeWindowDays && overlaps($0.request, request) }
    }

    /// The first day of the 7-day window ending on `on` (inclusive of both ends: `on` − 6 … `on`).
    public static func clusterWindowStart(_ on: LocalDate) -> LocalDate { on.adding(days: -(clusterWindowDays - 1)) }

    /// The first day of the 12 months ending on `on`.
    public static func frequencyWindowStart(_ on: LocalDate) -> LocalDate { on.adding(months: -12).adding(days: 1) }

    /// CP-35: a cluster once `count` complaints on one respondent fall in the window.
    public static func isCluster(count: Int) -> Bool { count >= clusterThreshold }

    /// A cluster the 分管局长 is told of (complaints.md "Reminders and escalations").
    public static func isEscalatedCluster(count: Int) -> Bool { count >= clusterEscalationThreshold }

    /// CP-36: 高频 once one submitter has `count` submissions in 12 months.
    public static func isHighFrequency(count: Int) -> Bool { count >= highFrequencyThreshold }

    /// "Overlapping request": the requests share at least half the character pairs of the shorter one
    /// (after dropping punctuation and spaces); a request of one character overlaps only an equal one.
    public static func overlaps(_ a: String, _ b: String) -> Bool {
        let x = pairs(a), y = pairs(b)
        guard !x.isEmpty, !y.isEmpty else { return normalised(a) == normalised(b) && !normalised(a).isEmpty }
        return x.intersection(y).count * 2 >= min(x.count, y.count)
    }

    static func normalised(_ s: String) -> [Character] {
        s.filter { !$0.isWhitespace && !$0.isPunctuation && !$0.isSymbol }.map { Character($0.lowercased()) }
    }

    static func pairs(_ s: String) -> Set<String> {
        let c = normalised(s)
        guard c.count >= 2 else { return [] }
        return Set((0..<(c.count - 1)).map { String(c[$0]) + String(c[$0 + 1]) })
    }
}

/// CP-35, CP-36 as a complaint keeps them: the earlier complaints proposed for merging, the cluster
/// count on the respondent, the submitter's count in 12 months — shown on the case, never acted on.
public struct SubmissionSignals: Codable, Sendable, Equatable {
    public var mergeWith: [String]
    public var clusterCount: Int?
    public var highFrequencyCount: Int?

    public init(mergeWith: [String], clusterCount: Int?, highFrequencyCount: Int?) {
        self.mergeWith = mergeWith
        self.clusterCount = clusterCount
        self.highFrequencyCount = highFrequencyCount
    }

    public var isEmpty: Bool { mergeWith.isEmpty && clusterCount == nil && highFrequencyCount == nil }

    /// The case page's rows.
    public var rowsZH: [(label: String, value: String)] {
        var rows: [(label: String, value: String)] = []
        if !mergeWith.isEmpty {
            rows.append(("建议合并（CP-35）", "与\(mergeWith.joined(separator: "、"))为同一投诉人就同一被投诉人30日内的相近请求，建议合并处理（不自动合并）"))
        }
        if let n = clusterCount { rows.append(("群体性投诉提示（CP-35）", "被投诉人7日内被投诉\(n)件")) }
        if let n = highFrequencyCount { rows.append(("高频投诉人（CP-36）", "12个月内已提交\(n)件，仅供参考，照常办理")) }
        return rows
    }
}
