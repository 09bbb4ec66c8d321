import Foundation

// ST-06: one satisfaction scale for every procedure's revisits, the satisfaction rate (满意率) and,
// where a form scores dimensions 1–5, the satisfaction index (0–100).

/// A revisit answer on the one scale of ST-06.
public enum SatisfactionAnswer: String, Sendable, Codable, CaseIterable {
    case satisfied, basicallySatisfied = "basically-satisfied", dissatisfied, unanswered

    public var nameZH: String {
        switch self {
        case .satisfied: "满意"
        case .basicallySatisfied: "基本满意"
        case .dissatisfied: "不满意"
        case .unanswered: "未评价"
        }
    }

    /// 满意 and 基本满意 count as satisfied in the rate.
    public var isSatisfied: Bool { self == .satisfied || self == .basicallySatisfied }
}

/// One dimension a form scores 1–5 (a revisit's 整改效果, a rating's 工作态度 …); each procedure
/// declares its own.
public struct ScoreDimension: Sendable, Equatable, Hashable {
    /// Stable key: the form field, the API property and the stored row's dimension.
    public let key: String
    public let nameZH: String

    public init(_ key: String, _ nameZH: String) {
        self.key = key
        self.nameZH = nameZH
    }

    /// Reads one 1–5 score per dimension from raw form values, naming every fault with `rule`.
    public static func scores(_ raw: [String: String], _ dimensions: [ScoreDimension], rule: String, code: String) -> (scores: [Int], errors: [FieldError]) {
        var errors: [FieldError] = []
        var scores: [Int] = []
        for d in dimensions {
            guard let v = raw[d.key].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), (1...5).contains(v) else {
                errors.append(FieldError(field: d.key, rule: rule, code: code, messageZH: "请为“\(d.nameZH)”选择1至5分"))
                continue
            }
            scores.append(v)
        }
        return (scores, errors)
    }
}

public enum Satisfaction {
    /// ST-06: the satisfaction index of one scored form, mean score × 20; nil without scores.
    public static func index(_ scores: [Int]) -> Double? {
        scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count) * 20
    }

    /// ST-06 满意率: (满意 + 基本满意) ÷ the answers other than 未评价.
    public static func rate(_ answers: [SatisfactionAnswer]) -> (satisfied: Int, answered: Int) {
        let answered = answers.filter { $0 != .unanswered }
        return (answered.count(where: \.isSatisfied), answered.count)
    }
}
