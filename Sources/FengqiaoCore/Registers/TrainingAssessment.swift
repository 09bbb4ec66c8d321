import Foundation

// PLT-07: a person's result in a course — attendance, component scores, the computed total, pass or
// fail, the qualification a pass grants (PLT-02) — and the two figures built on results: the
// three-consecutive-failures flag and the pre-post cohort pass rate against 95 %.

/// Scores as typed on the form or sent to the API (strings, so a bad value is named, X-06).
public struct TrainingResultInput: Sendable, Equatable {
    public var attended: Bool
    public var scores: [ScoreComponent: String]

    public init(attended: Bool, scores: [ScoreComponent: String]) {
        self.attended = attended
        self.scores = scores
    }
}

/// A checked result: the total in tenths of a point, computed, never entered.
public struct TrainingAssessment: Sendable, Equatable {
    public let attended: Bool
    public let scores: [ScoreComponent: Int]
    /// The total in tenths (84.0 → 840); nil when absent.
    public let totalTenths: Int?
    public let passed: Bool

    public init(attended: Bool, scores: [ScoreComponent: Int], totalTenths: Int?, passed: Bool) {
        self.attended = attended
        self.scores = scores
        self.totalTenths = totalTenths
        self.passed = passed
    }

    /// "84.0" for display; "缺考" when absent.
    public var totalText: String {
        guard let t = totalTenths else { return "缺考" }
        return "\(t / 10).\(t % 10)"
    }

    /// Checks the scores the course's kind needs and computes the total (PLT-07): one component is the
    /// total itself; the 约谈师 total is written×0.4 + mock×0.4 + satisfaction×0.2 (003 §7.1). A pass
    /// needs a total at or above the pass mark. An absent person is recorded without scores and has not
    /// passed — an absence from an assessment counts as a failed assessment (缺考按不合格计).
    public static func assess(_ input: TrainingResultInput, kind: CourseKind, passMark: Int) -> Result<TrainingAssessment, DomainError> {
        guard input.attended else {
            return .success(TrainingAssessment(attended: false, scores: [:], totalTenths: nil, passed: false))
        }
        var errors: [FieldError] = []
        var scores: [ScoreComponent: Int] = [:]
        for c in kind.components {
            let text = (input.scores[c] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty {
                errors.append(FieldError(field: c.rawValue, rule: "PLT-07", code: "training.score.required", messageZH: "请填写“\(c.nameZH)”"))
            } else if let v = Int(text), (0...100).contains(v) {
                scores[c] = v
            } else {
                errors.append(FieldError(field: c.rawValue, rule: "PLT-07", code: "training.score.invalid", messageZH: "“\(c.nameZH)”应为0至100的整数"))
            }
        }
        guard errors.isEmpty else { return .failure(.invalid(errors)) }
        let total: Int
        if kind == .interviewerCertification {
            total = kind.components.reduce(0) { $0 + (scores[$1] ?? 0) * $1.certificationWeight }
        } else {
            total = (scores[kind.components[0]] ?? 0) * 10
        }
        return .success(TrainingAssessment(attended: true, scores: scores, totalTenths: total, passed: total >= passMark * 10))
    }
}

/// A qualification granted by a pass (PLT-02, PLT-07).
public struct QualificationGrant: Sendable, Equatable {
    public let kind: String
    public let obtainedOn: LocalDate
    /// The last day it is valid (inclusive, as `QualificationFact.valid` reads it); nil: no expiry.
    public let expiresOn: LocalDate?

    public init(kind: String, obtainedOn: LocalDate, expiresOn: LocalDate?) {
        self.kind = kind
        self.obtainedOn = obtainedOn
        self.expiresOn = expiresOn
    }

    /// The grant of a pass in `course`, dated on its last day. A validity of N months ends the day
    /// before the same date N months later: passed 2025-09-30, valid 2 years → valid through
    /// 2027-09-29 (有效期2年 counted like the law counts a period, the start day included;
    /// months added as CAL-12 adds them).
    public static func of(_ course: TrainingCourse, passed: Bool) -> QualificationGrant? {
        guard passed, let kind = course.grants else { return nil }
        let expires = course.validityMonths.map { course.endsOn.adding(months: $0).adding(days: -1) }
        return QualificationGrant(kind: kind, obtainedOn: course.endsOn, expiresOn: expires)
    }

    public var fact: QualificationFact { QualificationFact(kind: kind, obtainedOn: obtainedOn, expiresOn: expiresOn) }
}

/// PLT-07: three consecutive failed assessments flag the officer for a non-enforcement post; the
/// decision is the leaders' — the system only flags.
public enum FailureFlag {
    public static let threshold = 3

    /// One assessment of a person, as the flag reads it.
    public struct Outcome: Sendable, Equatable {
        public let on: LocalDate
        public let passed: Bool
        /// Breaks ties between assessments on the same day (the order they were recorded).
        public let recordedAt: Int64

        public init(on: LocalDate, passed: Bool, recordedAt: Int64) {
            self.on = on
            self.passed = passed
            self.recordedAt = recordedAt
        }
    }

    /// The failures since the last pass, assessments taken in date order (a pass resets the count).
    public static func consecutiveFailures(_ outcomes: [Outcome]) -> Int {
        let ordered = outcomes.sorted { ($0.on, $0.recordedAt) < ($1.on, $1.recordedAt) }
        var run = 0
        for o in ordered { run = o.passed ? 0 : run + 1 }
        return run
    }

    /// Flagged while the latest three or more assessments are all failures.
    public static func flagged(_ outcomes: [Outcome]) -> Bool { consecutiveFailures(outcomes) >= threshold }
}

/// PLT-07: the share of a pre-post cohort that passed, against the 95 % target (003 §7.1). Everyone
/// enrolled counts, an absent officer as not passed.
public struct CohortPassRate: Sendable, Equatable {
    public static let targetPercent = 95
    public let assessed: Int
    public let passed: Int

    public init(assessed: Int, passed: Int) {
        self.assessed = assessed
        self.passed = passed
    }

    /// Met when passed / assessed ≥ 95 % (compared in integers: 19 of 20 meets it, 18 of 19 does not).
    public var meetsTarget: Bool { assessed > 0 && passed * 100 >= Self.targetPercent * assessed }

    /// "95.0%" to one decimal; "—" for an empty cohort.
    public var percentText: String {
        guard assessed > 0 else { return "—" }
        let tenths = (passed * 1000 + assessed / 2) / assessed
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
