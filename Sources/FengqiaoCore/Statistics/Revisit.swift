import Crypto
import Foundation

// ST-21 revisits of closed cases, for every procedure that takes part: by phone or a visit, the
// party's answer on the ST-06 scale and, when it answers, a 1–5 score for each of the procedure's
// dimensions, whose mean × 20 is the revisit's satisfaction index (0–100).

public struct Revisit: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable {
        case phone, visit
        public var nameZH: String { self == .phone ? "电话回访" : "上门回访" }
    }

    public let on: LocalDate
    public let method: Method
    public let answer: SatisfactionAnswer
    /// One score per dimension, in the procedure's order; empty when the party did not answer.
    public let scores: [Int]
    public let note: String

    public init(on: LocalDate, method: Method, answer: SatisfactionAnswer, scores: [Int], note: String) {
        self.on = on
        self.method = method
        self.answer = answer
        self.scores = scores
        self.note = note
    }

    /// ST-21: only a closed case is revisited.
    public static func isOpen(closedOn: LocalDate?) -> Bool { closedOn != nil }

    /// ST-06: the satisfaction index, mean score × 20; nil for 未评价.
    public var index: Double? { Satisfaction.index(scores) }

    /// Checks a revisit of a case closed on `closedOn` (nil: still open), entered `today`, scored on
    /// `dimensions`; every fault named with its field and rule.
    public static func validate(on rawDate: String?, method rawMethod: String?, answer rawAnswer: String?, scores rawScores: [String: String],
                                note: String?, closedOn: LocalDate?, today: LocalDate, dimensions: [ScoreDimension]) -> Result<Revisit, DomainError> {
        var errors: [FieldError] = []
        func fail(_ field: String, _ rule: String, _ code: String, _ message: String) {
            errors.append(FieldError(field: field, rule: rule, code: code, messageZH: message))
        }
        guard isOpen(closedOn: closedOn), let closedOn else {
            return .failure(.invalid([FieldError(field: "case", rule: "ST-21", code: "revisit.case-open", messageZH: "案件办结后才能回访")]))
        }
        let on = rawDate.flatMap { LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) }
        if let on {
            if on < closedOn { fail("on", "ST-21", "revisit.before-close", "回访日期不能早于结案日期 \(closedOn.iso)") }
            if on > today { fail("on", "X-06", "revisit.future", "回访日期不能晚于今天（\(today.iso)）") }
        } else {
            fail("on", "X-06", "revisit.date.invalid", "请填写回访日期（YYYY-MM-DD）")
        }
        let method = rawMethod.flatMap(Method.init(rawValue:))
        if method == nil { fail("method", "ST-21", "revisit.method.invalid", "请选择回访方式（电话或上门）") }
        let answer = rawAnswer.flatMap(SatisfactionAnswer.init(rawValue:))
        if answer == nil { fail("answer", "ST-06", "revisit.answer.invalid", "请选择满意度（满意、基本满意、不满意或未评价）") }
        var scores: [Int] = []
        if let answer, answer != .unanswered {
            let read = ScoreDimension.scores(rawScores, dimensions, rule: "ST-06", code: "revisit.score.invalid")
            scores = read.scores
            errors += read.errors
        } else if answer == .unanswered, rawScores.values.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            fail("answer", "ST-06", "revisit.unanswered.scored", "当事人未评价时不应打分")
        }
        let text = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > 500 { fail("note", "X-06", "revisit.note.long", "回访情况不超过500字") }
        guard errors.isEmpty, let on, let method, let answer else { return .failure(.invalid(errors)) }
        return .success(Revisit(on: on, method: method, answer: answer, scores: scores, note: text))
    }
}

/// One revisit as the indicators read it (ST-21): its day, its answer and its satisfaction index
/// (0–100, ST-06).
public struct RevisitScore: Sendable, Equatable, Hashable, Codable {
    public var on: LocalDate
    public var score: Double
    public var answer: SatisfactionAnswer

    public init(on: LocalDate, score: Double, answer: SatisfactionAnswer = .satisfied) {
        self.on = on
        self.score = score
        self.answer = answer
    }
}

/// ST-21: which closed cases of a procedure its accepting unit revisits (`ProcedureModule.revisitSampling`).
public enum RevisitSampling: Sendable, Equatable {
    /// A random share of the quarter's closed cases, rounded up (the interview: 10 %, ST-21).
    case share(Double)
    /// Every closed case (MD-34: mediation revisits each case it concluded).
    case every

    /// ST-21's default: a random 10 %.
    public static let standard = RevisitSampling.share(0.10)

    /// How many of `count` closed cases are drawn.
    public func size(of count: Int) -> Int {
        switch self {
        case let .share(share): min(count, Int((Double(count) * share).rounded(.up)))
        case .every: count
        }
    }

    /// The sample as the sample page states it: `随机抽取 2 件回访（10%，向上取整）` or `逐案回访 2 件`.
    public func describeZH(drawn: Int) -> String {
        switch self {
        case let .share(share): "随机抽取 \(drawn) 件回访（\(Int((share * 100).rounded()))%，向上取整）"
        case .every: "逐案回访 \(drawn) 件"
        }
    }
}

/// When a revisit of a closed case is due (`ProcedureModule.revisitDue`), counted from the closing
/// date on the calendar — MD-34: 10 working days after the mediation concluded. The interview's
/// spec sets none (ST-21 samples per quarter), so it declares none.
public struct RevisitDue: Sendable, Equatable {
    public let count: Int
    public let unit: PeriodUnit
    public let rule: String

    public init(_ count: Int, _ unit: PeriodUnit, rule: String) {
        self.count = count
        self.unit = unit
        self.rule = rule
    }

    /// The due date of the revisit of a case closed on `closedOn`.
    public func due(closedOn: LocalDate, calendar: WorkCalendar) -> LocalDate { calendar.due(from: closedOn, count: count, unit: unit).date }
}

/// ST-21: the cases an office revisits in a quarter — of its cases of a procedure closed in the
/// quarter, the procedure's sample (by default a random 10 %, rounded up). The draw is reproducible
/// without storing it: each case is ranked by SHA-256 of (unit, quarter, case), so the same cases
/// come out every time the list is opened, and a case closed late joins the ranking without
/// reshuffling the others.
public enum RevisitSample {
    public static let share = 0.10

    public static func draw(closed caseIDs: [UUID], unitID: UUID, quarter: ReportPeriod, sampling: RevisitSampling = .standard) -> [UUID] {
        guard !caseIDs.isEmpty else { return [] }
        let size = sampling.size(of: caseIDs.count)
        func rank(_ id: UUID) -> String {
            AuditChain.hex(Array(SHA256.hash(data: Array("\(unitID.uuidString)|\(quarter.key)|\(id.uuidString)".utf8))))
        }
        return caseIDs.map { ($0, rank($0)) }.sorted { $0.1 < $1.1 }.prefix(size).map(\.0)
    }
}
