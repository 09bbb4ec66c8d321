import Foundation

/// What a submission that is neither a complaint nor a report is (CP-25, CP-41, Submission.classification).
public enum InquiryKind: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case consultation, suggestion, disclosure, reconsideration, petition, discipline, other
    public var nameZH: String {
        switch self {
        case .consultation: "咨询"
        case .suggestion: "建议"
        case .disclosure: "政府信息公开申请（不适用本办法）"
        case .reconsideration: "行政复议申请（不适用本办法）"
        case .petition: "信访事项（不适用本办法）"
        case .discipline: "纪检监察举报（不适用本办法）"
        case .other: "其他不适用本办法的事项"
        }
    }
    /// CP-41: the items marked 不适用, whose submitter is told the proper channel.
    public var outOfScope: Bool { ![.consultation, .suggestion].contains(self) }
    /// The channel the submitter is told of (CP-41), as the answer form proposes it.
    public var properChannelZH: String? {
        switch self {
        case .consultation, .suggestion: nil
        case .disclosure: "向本机关政府信息公开工作机构依申请公开"
        case .reconsideration: "向有权的行政复议机关申请行政复议"
        case .petition: "向本局信访工作机构提出信访事项"
        case .discipline: "向纪检监察机关检举控告"
        case .other: "向有权处理的机关提出"
        }
    }
}

/// A submission kept as 咨询/建议 or marked 不适用 (CP-25, CP-41): who sent it, how, when, what, and the
/// answer — for 不适用, the proper channel the submitter was told.
public struct InquiryFacts: Codable, Sendable, Equatable {
    public var submitterID: UUID?
    public var submitterName: String?
    public var channel: ComplaintChannel
    public var externalNo: String?
    public var receivedOn: LocalDate
    public var kind: InquiryKind
    public var content: String
    public var answer: String?
    public var channelTold: String?
    public var answeredOn: LocalDate?
}
