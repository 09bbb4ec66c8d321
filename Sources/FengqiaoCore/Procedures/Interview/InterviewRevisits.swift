import Foundation
import Crypto

/// ST-21 revisits of a closed interview case (interview.md §Statistics: "satisfaction average of
/// revisits"): by phone or a visit, the party's answer on the one satisfaction scale of ST-06
/// (满意 / 基本满意 / 不满意 / 未评价) and, when it answers, a 1–5 score for each of three dimensions
/// — the rectification's effect, the conduct of the enforcement, the service — whose mean × 20 is
/// the revisit's satisfaction index (0–100) that the interview indicator averages (target 95).
public struct InterviewRevisit: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable {
        case phone, visit
        public var nameZH: String { self == .phone ? "电话回访" : "上门回访" }
    }

    public enum Answer: String, Sendable, CaseIterable {
        case satisfied, basicallySatisfied = "basically-satisfied", dissatisfied, unanswered
        public var nameZH: String {
            switch self {
            case .satisfied: "满意"
            case .basicallySatisfied: "基本满意"
            case .dissatisfied: "不满意"
            case .unanswered: "未评价"
            }
        }
    }

    /// The dimensions scored 1–5, as the form labels them.
    public static let dimensions = [("effect", "整改效果"), ("conduct", "执法规范"), ("service", "服务态度")]

    public let on: LocalDate
    public let method: Method
    public let answer: Answer
    /// One score per dimension, in `dimensions` order; empty when the party did not answer.
    public let scores: [Int]
    public let note: String

    public init(on: LocalDate, method: Method, answer: Answer, scores: [Int], note: String) {
        self.on = on
        self.method = method
        self.answer = answer
        self.scores = scores
        self.note = note
    }

    /// ST-21: only a closed case is revisited.
    public static func isOpen(closedOn: LocalDate?) -> Bool { closedOn != nil }

    /// ST-06: the satisfaction index, mean score × 20; nil for 未评价.
    public var index: Double? {
        scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count) * 20
    }

    /// Checks a revisit of a case closed on `closedOn` (nil: still open), entered `today`; every
    /// fault named with its field and rule.
    public static func validate(on rawDate: String?, method rawMethod: String?, answer rawAnswer: String?, scores rawScores: [String: String],
                                note: String?, closedOn: LocalDate?, today: LocalDate) -> Result<InterviewRevisit, DomainError> {
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
        let answer = rawAnswer.flatMap(Answer.init(rawValue:))
        if answer == nil { fail("answer", "ST-06", "revisit.answer.invalid", "请选择满意度（满意、基本满意、不满意或未评价）") }
        var scores: [Int] = []
        if let answer, answer != .unanswered {
            for (name, label) in dimensions {
                guard let v = rawScores[name].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), (1...5).contains(v) else {
                    fail(name, "ST-06", "revisit.score.invalid", "请为“\(label)”选择1至5分")
                    continue
                }
                scores.append(v)
            }
        } else if answer == .unanswered, rawScores.values.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            fail("answer", "ST-06", "revisit.unanswered.scored", "当事人未评价时不应打分")
        }
        let text = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > 500 { fail("note", "X-06", "revisit.note.long", "回访情况不超过500字") }
        guard errors.isEmpty, let on, let method, let answer else { return .failure(.invalid(errors)) }
        return .success(InterviewRevisit(on: on, method: method, answer: answer, scores: scores, note: text))
    }
}

/// ST-21: the cases an office revisits in a quarter — a random 10 % (rounded up) of its interviews
/// closed in the quarter. The draw is reproducible without storing it: each case is ranked by
/// SHA-256 of (unit, quarter, case), so the same cases come out every time the list is opened, and a
/// case closed late joins the ranking without reshuffling the others.
public enum RevisitSample {
    public static let share = 0.10

    public static func draw(closed caseIDs: [UUID], unitID: UUID, quarter: ReportPeriod) -> [UUID] {
        guard !caseIDs.isEmpty else { return [] }
        let size = Int((Double(caseIDs.count) * share).rounded(.up))
        func rank(_ id: UUID) -> String {
            AuditChain.hex(Array(SHA256.hash(data: Array("\(unitID.uuidString)|\(quarter.key)|\(id.uuidString)".utf8))))
        }
        return caseIDs.map { ($0, rank($0)) }.sorted { $0.1 < $1.1 }.prefix(size).map(\.0)
    }
}
