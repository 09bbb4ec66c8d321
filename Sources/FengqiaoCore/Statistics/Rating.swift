import Foundation

// The party's anonymous rating of the officers who handled its case (IV-24 for interviews): a 1–5
// score per dimension the procedure declares, through a single-use link or a paper form entered by
// staff. Ratings are never shown one by one: only averages over at least `minimumSample`.

public struct Rating: Sendable, Equatable {
    /// One score per dimension, in the procedure's order.
    public let scores: [Int]

    public static let minimumSample = 3

    public init(scores: [Int]) { self.scores = scores }

    /// Every score 1–5, each fault named with the procedure's rule.
    public static func validate(_ raw: [String: String], dimensions: [ScoreDimension], rule: String) -> Result<Rating, DomainError> {
        let read = ScoreDimension.scores(raw, dimensions, rule: rule, code: "rating.score.invalid")
        return read.errors.isEmpty ? .success(Rating(scores: read.scores)) : .failure(.invalid(read.errors))
    }

    public var mean: Double { scores.isEmpty ? 0 : Double(scores.reduce(0, +)) / Double(scores.count) }
}

/// Averages over a sample, one per dimension; nil below the minimum, so no single rating can be
/// read back.
public struct RatingSummary: Sendable, Equatable {
    public let count: Int
    /// One mean per dimension, in the procedure's order.
    public let means: [Double]

    public static func of(_ ratings: [Rating], minimum: Int = Rating.minimumSample) -> RatingSummary? {
        guard ratings.count >= minimum, let width = ratings.first?.scores.count, ratings.allSatisfy({ $0.scores.count == width }) else { return nil }
        let n = Double(ratings.count)
        return RatingSummary(count: ratings.count, means: (0..<width).map { i in Double(ratings.map { $0.scores[i] }.reduce(0, +)) / n })
    }

    public var mean: Double { means.isEmpty ? 0 : means.reduce(0, +) / Double(means.count) }
}
