import Foundation

/// IV-24: after the interview the party may rate the interviewers anonymously — attitude,
/// professionalism, communication, each 1–5 — through a single-use link or a paper form entered by
/// staff. Ratings feed the interviewers' assessment and are never shown to them one by one: only
/// averages over at least `minimumSample` ratings are shown.
public struct InterviewRating: Sendable, Equatable {
    public let attitude: Int
    public let professionalism: Int
    public let communication: Int

    public static let minimumSample = 3

    public init(attitude: Int, professionalism: Int, communication: Int) {
        self.attitude = attitude
        self.professionalism = professionalism
        self.communication = communication
    }

    /// Every score 1–5, each fault named.
    public static func validate(attitude: String?, professionalism: String?, communication: String?) -> Result<InterviewRating, DomainError> {
        var errors: [FieldError] = []
        func score(_ raw: String?, _ field: String, _ name: String) -> Int {
            guard let v = raw.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), (1...5).contains(v) else {
                errors.append(FieldError(field: field, rule: "IV-24", code: "rating.score.invalid", messageZH: "请为“\(name)”选择1至5分"))
                return 0
            }
            return v
        }
        let a = score(attitude, "attitude", "工作态度"), p = score(professionalism, "professionalism", "专业水平"),
            c = score(communication, "communication", "沟通效果")
        return errors.isEmpty ? .success(InterviewRating(attitude: a, professionalism: p, communication: c)) : .failure(.invalid(errors))
    }

    public var mean: Double { Double(attitude + professionalism + communication) / 3 }

    /// IV-24: the party may rate once the interview was held.
    public static func isOpen(_ f: InterviewFacts) -> Bool { f.record != nil }
}

/// Averages over a sample; nil below the minimum, so no single rating can be read back (IV-24).
public struct RatingSummary: Sendable, Equatable {
    public let count: Int
    public let attitude: Double
    public let professionalism: Double
    public let communication: Double

    public static func of(_ ratings: [InterviewRating], minimum: Int = InterviewRating.minimumSample) -> RatingSummary? {
        guard ratings.count >= minimum, !ratings.isEmpty else { return nil }
        let n = Double(ratings.count)
        return RatingSummary(count: ratings.count, attitude: Double(ratings.map(\.attitude).reduce(0, +)) / n,
                             professionalism: Double(ratings.map(\.professionalism).reduce(0, +)) / n,
                             communication: Double(ratings.map(\.communication).reduce(0, +)) / n)
    }

    public var mean: Double { (attitude + professionalism + communication) / 3 }
}
