import Foundation

// What a procedure brings besides its states and transitions (issue 12): everything the app lists
// per procedure — paths, rule sets, permissions and the shipped roles' grants, step names,
// qualification kinds, document templates, follow-up capabilities. The registry gathers these, so a
// new procedure is its folder plus one registry line and no list elsewhere is edited.

/// Optional follow-up features a procedure takes part in; each gives the procedure pages and API.
public struct ProcedureCapabilities: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// ST-21 revisits of closed cases, feeding satisfaction (ST-06).
    public static let revisits = ProcedureCapabilities(rawValue: 1 << 0)
    /// The party rates the officers through a single-use link (IV-24 for interviews).
    public static let ratings = ProcedureCapabilities(rawValue: 1 << 1)
    /// Indicators and the assessment on the statistics page (statistics.md).
    public static let indicators = ProcedureCapabilities(rawValue: 1 << 2)
    /// A closed case may be published as a masked typical case (DOC-60).
    public static let publication = ProcedureCapabilities(rawValue: 1 << 3)
    /// Its steps read the registered service points (a complaint's delegated mediation, CP-17): only
    /// then does a step's context load them.
    public static let servicePoints = ProcedureCapabilities(rawValue: 1 << 4)
    /// Its cases are handled in the county bureau's name: a 所's documents bear the name of the 分局
    /// (else 局) above it, not the 所's own (CP-10 for reports).
    public static let bureauName = ProcedureCapabilities(rawValue: 1 << 5)
    /// Its registrations record CP-35/CP-36's duplicate, cluster and 高频 signals
    /// (`Procedure.registrationSignal`): only then does opening a case read them.
    public static let signals = ProcedureCapabilities(rawValue: 1 << 6)
    /// It takes the 12315 platform's and hotline's exported items (CP-43): the import pages and API and
    /// the platform synchronisation are served when a registered procedure declares this.
    public static let platformIntake = ProcedureCapabilities(rawValue: 1 << 7)
    /// The monthly analysis frozen on the 5th working day and the quarterly public summary (CP-38, CP-39).
    public static let monthlyAnalysis = ProcedureCapabilities(rawValue: 1 << 8)
    /// The enforcement brief over its cases (complaints.md, 执法简报).
    public static let enforcementBrief = ProcedureCapabilities(rawValue: 1 << 9)
    /// Its cases are handled by mediators with terms and training (mediation.md MD-01…MD-07): the
    /// mediator list per unit and the 12-01 untrained list are served.
    public static let mediatorRoster = ProcedureCapabilities(rawValue: 1 << 10)
}

/// A kind of qualification a procedure's rules name (PLT-02), as the user editor offers it.
public struct QualificationKind: Sendable, Equatable {
    public let code: String
    public let nameZH: String

    public init(_ code: String, _ nameZH: String) {
        self.code = code
        self.nameZH = nameZH
    }
}

/// The declarations of one procedure beyond the engine's protocol, with defaults for everything
/// but the path word.
public struct ProcedureModule: Sendable {
    /// The plural word of its paths: `/interviews/new`, `/api/v1/interviews/{id}`.
    public var pathWord: String
    /// The module code of its case numbers (PLT-17: `IV` → ZC-IV-2025-0012).
    public var moduleCode: String
    /// The rule sets its clocks use (CAL-22), shipped as version 1.
    public var ruleSets: [RuleSet]
    /// Its permissions with the role editor's labels (PLT-03).
    public var permissions: [PermissionCatalogue.Entry]
    /// Shipped role code → the permissions of this procedure that role holds.
    public var roleGrants: [String: Set<Permission>]
    /// Roles the procedure's spec names that no platform role covers (complaints.md: 受理员, 分送员,
    /// 投诉站联络员, 受托调解员), shipped after the platform's; other procedures' grants apply to them too.
    public var roles: [Role]
    /// Step key → Chinese name, for its rule sets' steps (CAL-22).
    public var stepNames: [String: String]
    /// The qualification kinds its rules name (PLT-02).
    public var qualificationKinds: [QualificationKind]
    /// Course kind → the code of the qualification kind a pass grants (PLT-07, PLT-02): the
    /// interview's 约谈师认证 grants the kind its IV-12 checks. Training reads it through the registry.
    public var courseQualifications: [CourseKind: String]
    /// Its document templates, version 1 as shipped (DOC-01, DOC-03).
    public var templates: [DocumentTemplate]
    /// Realistic values for a template's fields, for previews, samples and the demo.
    public var sampleValues: @Sendable (String) -> [String: String]
    /// The permissions that follow the case's handler: a step needing only these is the handler's
    /// work; one needing another (approve, review, assign) is in the queue of whoever holds it.
    public var handlerPermissions: Set<Permission>
    /// Rule-set step key → the key of the transition that meets it (ends its clock). A clock's
    /// reminders go to whoever must take that transition (CAL-41): the handler when it needs only
    /// `handlerPermissions`, else the holders of its other permissions. A step not listed is the handler's.
    public var clockTransitions: [String: String]
    /// Transition key → the states in which the case waits on that step, where narrower than its
    /// `from` (a step that may be taken early but is only due later). Unlisted: its `from`.
    public var waitsIn: [String: Set<String>]
    /// The follow-up features it takes part in.
    public var capabilities: ProcedureCapabilities
    /// The dimensions a revisit scores 1–5 (ST-06, ST-21), when it takes revisits.
    public var revisitDimensions: [ScoreDimension]
    /// The dimensions the party's rating scores 1–5, and the rule that grants the rating (IV-24).
    public var ratingDimensions: [ScoreDimension]
    public var ratingRule: String
    /// Transitions the system takes when a step's clock runs out (CAL-43, PA-27).
    public var timedTransitions: [TimedTransition]
    /// Its demo cases, written against the demo bureau (`fengqiao demo`).
    public var demo: @Sendable (DemoContext) -> DemoPlan
    /// Rule-set steps whose clocks only measure an indicator (the interview's §5.3 start timeliness):
    /// shown on the case, but no one is reminded, no card is given and the worklists do not order by them.
    public var measureSteps: Set<String>
    /// ST-21: which of its closed cases the accepting unit revisits each quarter (default: a random 10 %).
    public var revisitSampling: RevisitSampling
    /// When a revisit is due after closing (MD-34); nil where the spec sets no date (the interview).
    public var revisitDue: RevisitDue?
    /// The clock each revisit of a closed case meets, in order: the n-th revisit recorded ends the
    /// n-th step's open clock, if the closing started one (MD-34: revisit 1 in 10 工作日, revisit 2 of a
    /// major or rebound-risk dispute at 90 日). Empty: revisits run on no clock.
    public var revisitSteps: [String]
    /// The targets of its indicators that may be set per year, with their defaults, and the default
    /// weight of its assessment in the annual assessment (statistics.md "targets configurable", ST-10).
    /// Empty: nothing to set (no targets page).
    public var indicatorTargets: IndicatorTargets
    /// Further reports of the procedure linked from its statistics page, label → path (the complaint
    /// track's 月度分析, CP-38).
    public var reports: [(labelZH: String, path: String)]
    /// Per clock step, the reminders before the warning window and who else is told at red
    /// (complaints.md "Reminders and escalations"); a step not named has the platform ladder (CAL-41).
    public var reminders: [String: StepReminders]
    /// Clock steps that run on after the case closes (MD-16 the result to the centre, MD-29 the
    /// performance checks): the closing transition may start them and the closing does not cancel them.
    public var afterClosingSteps: Set<String>
    /// Demo users for the roles the procedure ships (`fengqiao demo`), besides the bureau's own.
    public var demoUsers: [DemoUser]
    /// The clock a 不满意 revisit starts on the revisit's day (MD-36: the party's feedback within 15
    /// working days), ended by the procedure's own step; nil: none.
    public var dissatisfiedRevisitStep: String?
    /// Its units' monthly reports to a consolidating office on a roll of due dates (MD-41); nil: none.
    /// The report's figures are its statistics' (`Procedure.indicators`) for the unit's own cases.
    public var reporting: ReportingRoll?
    /// The windows its registrations are compared over (MD-48 多发矛盾, the 7-day duplicate warning);
    /// nil: none. The keys come from `Procedure.recurrence`.
    public var recurrence: RecurrenceRule?
    /// The system's transition on each open case naming a person whose qualification was cut short
    /// (MD-06: a removed mediator — the dispute flagged for reassignment); nil: none.
    public var personLeft: String?
    /// Its weekly work meeting, with the day moved around holidays and the pack (MD-45); nil: none.
    public var weeklyMeeting: WeeklyMeetingRule?
    /// Records its office owes once in a window of each year (MD-44: the 联席会议 each half-year, the Q4 inspection).
    public var periodicRecords: [PeriodicRecordRule]

    public init(pathWord: String, moduleCode: String, ruleSets: [RuleSet] = [], permissions: [PermissionCatalogue.Entry] = [], roleGrants: [String: Set<Permission>] = [:],
                roles: [Role] = [],
                stepNames: [String: String] = [:], qualificationKinds: [QualificationKind] = [], courseQualifications: [CourseKind: String] = [:],
                templates: [DocumentTemplate] = [],
                sampleValues: @escaping @Sendable (String) -> [String: String] = { _ in [:] }, handlerPermissions: Set<Permission> = [],
                capabilities: ProcedureCapabilities = [], revisitDimensions: [ScoreDimension] = [], ratingDimensions: [ScoreDimension] = [],
                ratingRule: String = "ST-06", clockTransitions: [String: String] = [:], waitsIn: [String: Set<String>] = [:],
                timedTransitions: [TimedTransition] = [], demo: @escaping @Sendable (DemoContext) -> DemoPlan = { _ in DemoPlan() },
                measureSteps: Set<String> = [], revisitSampling: RevisitSampling = .standard, revisitDue: RevisitDue? = nil, revisitSteps: [String] = [],
                indicatorTargets: IndicatorTargets = .none, reports: [(labelZH: String, path: String)] = [],
                reminders: [String: StepReminders] = [:], afterClosingSteps: Set<String> = [], demoUsers: [DemoUser] = [], dissatisfiedRevisitStep: String? = nil,
                reporting: ReportingRoll? = nil, recurrence: RecurrenceRule? = nil, personLeft: String? = nil,
                weeklyMeeting: WeeklyMeetingRule? = nil, periodicRecords: [PeriodicRecordRule] = []) {
        self.personLeft = personLeft
        self.periodicRecords = periodicRecords
        self.weeklyMeeting = weeklyMeeting
        self.reporting = reporting
        self.recurrence = recurrence
        self.dissatisfiedRevisitStep = dissatisfiedRevisitStep
        self.afterClosingSteps = afterClosingSteps
        self.demoUsers = demoUsers
        self.reports = reports
        self.reminders = reminders
        self.pathWord = pathWord
        self.moduleCode = moduleCode
        self.ruleSets = ruleSets
        self.permissions = permissions
        self.roleGrants = roleGrants
        self.roles = roles
        self.stepNames = stepNames
        self.qualificationKinds = qualificationKinds
        self.courseQualifications = courseQualifications
        self.templates = templates
        self.sampleValues = sampleValues
        self.handlerPermissions = handlerPermissions
        self.capabilities = capabilities
        self.revisitDimensions = revisitDimensions
        self.ratingDimensions = ratingDimensions
        self.ratingRule = ratingRule
        self.clockTransitions = clockTransitions
        self.waitsIn = waitsIn
        self.timedTransitions = timedTransitions
        self.demo = demo
        self.measureSteps = measureSteps
        self.revisitSampling = revisitSampling
        self.revisitDue = revisitDue
        self.revisitSteps = revisitSteps
        self.indicatorTargets = indicatorTargets
    }
}

extension QualificationKind {
    /// The kinds no single procedure owns: legal review (every procedure's 法制审核), the mediator's
    /// certificate (mediation.md, before its procedure lands) and pre-post training (PLT-07).
    public static let platform: [QualificationKind] = [
        QualificationKind("legal-review", "法制审核资格"), QualificationKind("mediator", "行政调解员任期（1年）"),
        QualificationKind("mediator.filed", "行政调解员名单已报法制科备案"),
        QualificationKind("mediator.removed", "行政调解员撤换（MD-06）"), QualificationKind("mediator.resigned", "行政调解员辞任（MD-05）"),
        QualificationKind("training:pre-post", "岗前培训合格"),
    ]

    /// Every kind a user may be given (PLT-02): the platform's and the registered procedures'. One
    /// list for the user editor and the store's check, so the two cannot differ.
    public static func all(_ registry: ProcedureRegistry) -> [QualificationKind] {
        var seen = Set<String>()
        return (platform + registry.qualificationKinds).filter { seen.insert($0.code).inserted }
    }
}
