import Foundation

// PLT-07: training and assessment (003 §4.2, §7.1–7.2; 000 调解学习培训制度) — courses, attendance,
// scores and results per person; passing grants the course's qualification with its expiry (PLT-02),
// expiry or revocation removes it; three consecutive failed assessments flag the officer for the
// leaders. Pure values and checks; the store keeps courses and results and writes the qualification.

extension Permission {
    /// Organises the unit's training: courses, attendance and scores, revocation (PLT-07).
    public static let trainingManage: Permission = "training.manage"
    /// Reads the unit's training results, the pre-post pass rate and the flagged officers (the leaders, PLT-07).
    public static let trainingRead: Permission = "training.read"
}

/// The kinds of course PLT-07 names. Each fixes which scores are entered, how the total is computed
/// and which qualification a pass grants (PLT-02).
public enum CourseKind: String, Sendable, CaseIterable, Codable {
    /// 岗前培训: one week, closed-book exam, 95 % of new officers must pass (003 §7.1).
    case prePost = "pre-post"
    /// 专题培训: quarterly, on interview skills and the law (003 §4.1, §7.1).
    case topical
    /// 约谈师认证: written 40 %, mock interview 40 %, party satisfaction 20 %, valid 2 years (003 §7.1).
    case interviewerCertification = "interviewer-certification"
    /// 模拟约谈: monthly (003 §7.2).
    case mockInterview = "mock-interview"
    /// 跨部门联合演练: half-yearly (003 §7.2).
    case jointDrill = "joint-drill"

    public var nameZH: String {
        switch self {
        case .prePost: "岗前培训"
        case .topical: "专题培训"
        case .interviewerCertification: "约谈师认证"
        case .mockInterview: "模拟约谈"
        case .jointDrill: "联合演练"
        }
    }

    /// The scores entered for this kind; the total is computed from them (never typed).
    public var components: [ScoreComponent] {
        switch self {
        case .prePost, .topical: [.written]
        case .interviewerCertification: [.written, .mock, .satisfaction]
        case .mockInterview, .jointDrill: [.mock]
        }
    }

    /// The qualification (PLT-02) a pass grants: pre-post training its platform kind; a procedure's
    /// certification the kind that procedure declares (`ProcedureModule.courseQualifications` — the
    /// interview's 约谈师认证 grants the kind its IV-12 checks, so a certified officer may be assigned).
    public func grantedQualification(_ procedures: ProcedureRegistry) -> String? {
        self == .prePost ? "training:pre-post" : procedures.qualification(grantedBy: self)
    }

    /// The qualification a pass grants among the shipped procedures, for checks without an app.
    public var grantedQualification: String? { grantedQualification(.shipped) }

    /// How long the granted qualification is valid, in months (nil: no expiry). 约谈师: 2 years (003 §7.1).
    public var validityMonths: Int? {
        switch self {
        case .interviewerCertification: 24
        case .prePost, .topical, .mockInterview, .jointDrill: nil
        }
    }
}

/// One component score of an assessment, 0–100.
public enum ScoreComponent: String, Sendable, CaseIterable, Codable {
    case written, mock, satisfaction

    public var nameZH: String {
        switch self {
        case .written: "笔试成绩"
        case .mock: "模拟约谈（演练）成绩"
        case .satisfaction: "群众满意度评价"
        }
    }

    /// The weight in the 约谈师 total, in tenths (written 4, mock 4, satisfaction 2: 003 §7.1).
    public var certificationWeight: Int {
        switch self {
        case .written, .mock: 4
        case .satisfaction: 2
        }
    }
}

/// A course or session as entered: every fault named at once (X-06, PLT-07).
public struct TrainingCourseInput: Sendable, Equatable {
    public var kind: String
    public var title: String
    public var startsOn: String
    public var endsOn: String
    public var passMark: String

    public init(kind: String, title: String, startsOn: String, endsOn: String, passMark: String) {
        self.kind = kind
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.passMark = passMark
    }

    /// The default pass mark when none is typed: 60 of 100 (the seeds leave it to the office).
    public static let defaultPassMark = 60

    /// Trimmed and checked: a known kind, a title, two dates in order, a pass mark 1–100.
    public func validated() -> Result<TrainingCourse.Draft, DomainError> {
        func clean(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
        var errors: [FieldError] = []
        let kind = CourseKind(rawValue: clean(self.kind))
        if kind == nil { errors.append(FieldError(field: "kind", rule: "PLT-07", code: "training.kind.invalid", messageZH: "请选择培训类型")) }
        let title = clean(self.title)
        if title.isEmpty { errors.append(FieldError(field: "title", rule: "PLT-07", code: "training.title.required", messageZH: "请填写培训名称")) }
        if title.count > 80 { errors.append(FieldError(field: "title", rule: "X-06", code: "training.title.long", messageZH: "培训名称不超过80字")) }
        let starts = LocalDate(iso: clean(startsOn)), ends = LocalDate(iso: clean(endsOn))
        if starts == nil { errors.append(FieldError(field: "startsOn", rule: "PLT-07", code: "training.starts.invalid", messageZH: "请填写开始日期（YYYY-MM-DD）")) }
        if ends == nil { errors.append(FieldError(field: "endsOn", rule: "PLT-07", code: "training.ends.invalid", messageZH: "请填写结束（考核）日期（YYYY-MM-DD）")) }
        if let starts, let ends, ends < starts {
            errors.append(FieldError(field: "endsOn", rule: "PLT-07", code: "training.ends.before", messageZH: "结束日期不能早于开始日期"))
        }
        let markText = clean(passMark)
        let mark = markText.isEmpty ? Self.defaultPassMark : Int(markText)
        if mark == nil || !(1...100).contains(mark ?? 0) {
            errors.append(FieldError(field: "passMark", rule: "PLT-07", code: "training.pass-mark.invalid", messageZH: "合格分数线应为1至100的整数"))
        }
        guard errors.isEmpty, let kind, let starts, let ends, let mark else { return .failure(.invalid(errors)) }
        return .success(TrainingCourse.Draft(kind: kind, title: title, startsOn: starts, endsOn: ends, passMark: mark))
    }
}

/// A course or session of one unit (PLT-07).
public struct TrainingCourse: Sendable, Equatable {
    /// A validated course before it is stored.
    public struct Draft: Sendable, Equatable {
        public let kind: CourseKind
        public let title: String
        public let startsOn: LocalDate
        public let endsOn: LocalDate
        public let passMark: Int
    }

    public let id: UUID
    public let unitID: UUID
    public let kind: CourseKind
    public let title: String
    public let startsOn: LocalDate
    /// The last day, when the exam or assessment is taken; a result is dated on it.
    public let endsOn: LocalDate
    public let passMark: Int
    /// The qualification a pass grants and its validity, as fixed when the course was created.
    public let grants: String?
    public let validityMonths: Int?

    public init(id: UUID, unitID: UUID, kind: CourseKind, title: String, startsOn: LocalDate, endsOn: LocalDate, passMark: Int, grants: String?,
                validityMonths: Int?) {
        self.id = id
        self.unitID = unitID
        self.kind = kind
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.passMark = passMark
        self.grants = grants
        self.validityMonths = validityMonths
    }
}
