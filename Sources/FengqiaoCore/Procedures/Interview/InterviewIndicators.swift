import Foundation

// The interview indicators (interview.md "Statistics"; statistics.md ST-01, ST-06, ST-10; seed 003
// §2.2.2 (5), §2.4.2, §5.3). Pure: case summaries, a period and the working-day calendar in, numbers
// out — no database, no clock, no I/O. The store builds `InterviewCaseSummary` values; the web and
// document targets render `InterviewIndicators` (its `tableRows()` feed XLSX/CSV/DOCX, ST-04).
//
// Which cases a period counts is decided by the date of the event each indicator measures (the
// clue, the verification, the interview, the deadline, the inspection, the revisit, the closing),
// never by when the case was opened, so the monthly figures add up to the quarter's and the year's.

// MARK: - Input

/// What the indicators need to know about one interview case, and nothing more.
public struct InterviewCaseSummary: Sendable, Equatable, Codable {
    public var caseID: UUID
    /// The handling unit (department or office); subtree expansion (ST-01) is the caller's.
    public var unitID: UUID
    public var partyID: UUID
    /// `InterviewProcedure` state key (`clue` … `passed`, `handedOver`, `rejected`, `transferred`).
    public var state: String
    /// The violation category's code (PLT-16) set at verification; nil before it.
    public var category: String?
    /// Step 1: the day the clue was recorded (the start of the 15-working-day clock, §5.3).
    public var clueOn: LocalDate
    /// Step 2: the day the verification report (with its IV-02 ground) was submitted; nil before it.
    public var verifiedOn: LocalDate?
    /// The interview record's date and rectification deadline (IV-13, IV-17); nil until it is held.
    public var heldOn: LocalDate?
    public var rectificationDeadline: LocalDate?
    /// The inspection (IV-19): its day and whether every item passed.
    public var inspectedOn: LocalDate?
    public var inspectionPassed: Bool?
    /// The day the case reached a terminal state; nil while open.
    public var closedOn: LocalDate?
    /// For closed cases: whether the file's required documents are all present and final (DOC-40).
    /// Nil (not checked) counts as incomplete.
    public var documentsComplete: Bool?
    /// Revisit answers for this case (ST-21).
    public var revisits: [RevisitScore]

    public init(caseID: UUID, unitID: UUID, partyID: UUID, state: String, category: String? = nil, clueOn: LocalDate,
                verifiedOn: LocalDate? = nil, heldOn: LocalDate? = nil, rectificationDeadline: LocalDate? = nil,
                inspectedOn: LocalDate? = nil, inspectionPassed: Bool? = nil, closedOn: LocalDate? = nil,
                documentsComplete: Bool? = nil, revisits: [RevisitScore] = []) {
        self.caseID = caseID
        self.unitID = unitID
        self.partyID = partyID
        self.state = state
        self.category = category
        self.clueOn = clueOn
        self.verifiedOn = verifiedOn
        self.heldOn = heldOn
        self.rectificationDeadline = rectificationDeadline
        self.inspectedOn = inspectedOn
        self.inspectionPassed = inspectionPassed
        self.closedOn = closedOn
        self.documentsComplete = documentsComplete
        self.revisits = revisits
    }

    /// A summary read off a case's facts. `closedOn` is the engine's closing date; when absent it is
    /// taken from the facts that close each terminal state (inspection, hand-off, crime transfer,
    /// rejecting approval).
    public init(_ c: ProcedureCase<InterviewFacts>, closedOn: LocalDate? = nil, documentsComplete: Bool? = nil, revisits: [RevisitScore] = []) {
        let f = c.facts
        let derivedClose: LocalDate? = switch c.state {
        case "passed": f.inspection?.on
        case "handedOver": f.handoff?.on ?? f.inspection?.on
        case "transferred": f.crimeTransfer?.on
        case "rejected": f.approval?.on
        default: nil
        }
        self.init(caseID: c.id, unitID: c.unitID, partyID: f.partyID, state: c.state, category: f.verification?.category,
                  clueOn: f.clue.discoveredOn, verifiedOn: f.verification?.submittedOn, heldOn: f.record?.heldOn,
                  rectificationDeadline: f.record?.deadline, inspectedOn: f.inspection?.on, inspectionPassed: f.inspection?.passed,
                  closedOn: closedOn ?? derivedClose, documentsComplete: documentsComplete, revisits: revisits)
    }
}

// MARK: - Output

/// The interview indicators of one period for a set of units (interview.md "Statistics").
///
/// The window of a period is `period.first … min(period.last, asOf)`: for a closed period that is the
/// whole period; a report run mid-period passes `asOf` (the last day whose data is in) so that
/// deadlines not yet reached are not counted as missed. The targets named are the defaults; those in
/// force for a year may differ (`targets`, statistics.md "targets configurable"). Per indicator:
///
/// - **coverage** (重点领域约谈覆盖率, target 80 %): denominator = distinct parties with a case in a key
///   sector (the sector flag of the violation-category tree passed in, PLT-16; version 1: work safety,
///   food safety, sanitation) whose verification — the step
///   that records the IV-02 interview ground — was submitted in the window; numerator = those of
///   them with such a case whose interview was held by the window's end. Cases that never reached
///   verification (e.g. handed over at the clue) are not counted; verified cases later rejected or
///   transferred stay in the denominator (the party had a ground and was not interviewed).
/// - **rectification** (整改完成率, 90 %): denominator = interviews held whose rectification deadline
///   falls in the window (so it "has passed" by the window's end, and each deadline belongs to exactly
///   one month); numerator = those whose inspection passed, whenever the inspection was done. A case
///   handed over for non-rectification, or not yet inspected, counts as not rectified.
/// - **inspection pass** (复查合格率, 92 %): the procedure has no second inspection (a failed
///   inspection goes to the penalty hand-off, IV-19), so this is passed ÷ inspections done in the
///   window — the first and only inspection.
/// - **satisfaction** (回访满意度, 95): mean of the revisit indices (0–100) dated in the window, each
///   answer weighing the same; answers outside 0–100 are ignored. Numerator = sum, denominator =
///   number of answers.
/// - **documents** (案卷文书完整率, 98 %): files closed in the window whose documents are all present
///   and final ÷ files closed in the window (unknown counts as incomplete).
/// - **start timeliness** (约谈启动及时率, no default target): interviews held in the window at most 15 working
///   days after the clue (`WorkCalendar.between`: the clue day is not counted, the 15th working day
///   after it is still in time) ÷ interviews held in the window.
/// - **reconsideration** (行政复议、诉讼案件同比, target −30 %): (this period's count − the same period
///   a year earlier) ÷ the earlier count; met when the change is at or below the target. Both counts
///   come from outside (the reconsideration and litigation registers).
///
/// A zero denominator gives no rate (shown "—") and no verdict on the target.
public struct InterviewIndicators: Sendable, Equatable {
    /// Which indicator a row is.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case coverage, rectification, inspectionPass = "inspection-pass", satisfaction, satisfactionRate = "satisfaction-rate", documents,
             startTimeliness = "start-timeliness", reconsideration

        public var nameZH: String {
            switch self {
            case .coverage: "重点领域约谈覆盖率"
            case .rectification: "整改完成率"
            case .inspectionPass: "复查（整改验收）合格率"
            case .satisfaction: "回访满意度"
            case .satisfactionRate: "回访满意率（满意与基本满意）"
            case .documents: "案卷文书完整率"
            case .startTimeliness: "约谈启动及时率（15个工作日内）"
            case .reconsideration: "行政复议、诉讼案件同比变化"
            }
        }

        /// Where the indicator is defined.
        public var citation: String {
            switch self {
            case .coverage: "interview.md 统计；statistics.md ST-10；003 §2.2.2(5)、§5.3"
            case .rectification: "interview.md 统计；003 §5.3；IV-17、IV-19"
            case .inspectionPass: "interview.md 统计；003 §5.3；IV-19"
            case .satisfaction: "interview.md 统计；statistics.md ST-06、ST-21"
            case .satisfactionRate: "statistics.md ST-06、ST-21"
            case .documents: "interview.md 统计；statistics.md 指标表；DOC-40"
            case .startTimeliness: "interview.md 统计；003 §5.3；CAL-16"
            case .reconsideration: "interview.md 统计；003 §5.3"
            }
        }

        public var measure: IndicatorMeasure {
            switch self {
            case .satisfaction: .mean
            case .reconsideration: .change
            default: .ratio
            }
        }

        /// The default target: coverage 80 %, rectification 90 %, inspection pass 92 %, satisfaction 95,
        /// documents 98 %, reconsideration −30 % year on year; none for the satisfaction rate and start
        /// timeliness.
        public var standardTarget: Double? {
            switch self {
            case .coverage: 0.80
            case .rectification: 0.90
            case .inspectionPass: 0.92
            case .satisfaction: 95
            case .documents: 0.98
            case .reconsideration: -0.30
            case .satisfactionRate, .startTimeliness: nil
            }
        }
    }

    /// One indicator row of kind `kind`.
    static func indicator(_ kind: Kind, numerator: Double, denominator: Int, target: Double?) -> Indicator {
        Indicator(key: kind.rawValue, nameZH: kind.nameZH, citation: kind.citation, measure: kind.measure, numerator: numerator,
                  denominator: denominator, target: target)
    }

    /// The interview's targets (statistics.md indicators table; 003 §5.3) as declared defaults the
    /// bureau may change per year ("targets configurable"), and the weight of the interview score in
    /// the department's annual assessment (ST-10, 003 §2.4.2: 15 %). Ratios and changes are fractions;
    /// satisfaction is a score.
    public static let targets = IndicatorTargets(
        Kind.allCases.map { IndicatorTargets.Target($0.rawValue, $0.nameZH, $0.measure, standard: $0.standardTarget) }, annualWeight: 0.15)

    /// The counts behind the charts and the quarterly report; each counts events dated in the window.
    public struct Counts: Sendable, Equatable, Codable {
        /// Clues recorded.
        public var clues = 0
        /// Verification reports submitted.
        public var verified = 0
        /// Interviews held.
        public var held = 0
        /// Inspections done, and those passed.
        public var inspected = 0
        public var passed = 0
        /// Cases closed, by outcome (closing date in the window).
        public var closed = 0
        public var closedPassed = 0
        public var handedOver = 0
        public var rejected = 0
        public var transferred = 0
        /// Cases open at the window's end (clue recorded by then, not closed by then).
        public var openAtEnd = 0

        public init() {}
    }

    /// One point of a monthly chart.
    public struct MonthlyCounts: Sendable, Equatable {
        public let month: ReportPeriod
        public let counts: Counts
    }

    /// The department assessment (ST-10, 003 §2.4.2): coverage 40, rectification 30, satisfaction
    /// 20 (value = the mean score, target 95), documents 10 — 100 in all; × the annual weight (15 %).
    public static let assessmentWeights: [(Kind, Double)] = [(.coverage, 40), (.rectification, 30), (.satisfaction, 20), (.documents, 10)]

    public let period: ReportPeriod
    /// The units counted; nil means all units in the input.
    public let units: Set<UUID>?
    /// The window's last day: `min(period.last, asOf)`.
    public let through: LocalDate
    public let counts: Counts
    public let coverage: Indicator
    public let rectification: Indicator
    public let inspectionPass: Indicator
    public let satisfaction: Indicator
    /// ST-06 满意率 beside the index: (满意 + 基本满意) ÷ answers other than 未评价, no default target.
    public let satisfactionRate: Indicator
    public let documents: Indicator
    public let startTimeliness: Indicator
    public let reconsideration: Indicator
    public let assessment: Assessment

    /// Every indicator, in report order.
    public var all: [Indicator] { [coverage, rectification, inspectionPass, satisfaction, satisfactionRate, documents, startTimeliness, reconsideration] }

    /// The interview start limit of 003 §5.3, in working days after the clue.
    public static let startLimitWorkdays = 15

    // MARK: Computing

    /// Computes the indicators of `period` for the cases of `units` (nil: all cases given).
    ///
    /// - Parameters:
    ///   - reconsiderations: reconsideration and litigation cases of this period, and of the same
    ///     period a year earlier (for a year report, the previous year); nil when not known.
    ///   - calendar: the working-day calendar for start timeliness.
    ///   - asOf: the last day whose data is in, for a report on a period still running.
    public static func compute(cases: [InterviewCaseSummary], period: ReportPeriod, units: Set<UUID>? = nil,
                               reconsiderations: Int? = nil, previousYearReconsiderations: Int? = nil,
                               calendar: WorkCalendar, targets: IndicatorTargets.InForce = InterviewIndicators.targets.defaults(),
                               asOf: LocalDate? = nil,
                               categories: ViolationCategoryVersion = .shipped) -> InterviewIndicators {
        let end = Swift.min(period.last, asOf ?? period.last)
        let window = Window(first: period.first, last: end)
        let mine = cases.filter { units?.contains($0.unitID) ?? true }

        // Coverage: parties (not cases) with a key-sector ground verified in the window.
        var grounded = Set<UUID>(), interviewed = Set<UUID>()
        for c in mine {
            guard let category = c.category, categories.isKeySector(category), let v = c.verifiedOn, window.contains(v) else { continue }
            grounded.insert(c.partyID)
            if let held = c.heldOn, held <= end { interviewed.insert(c.partyID) }
        }
        let coverage = indicator(.coverage, numerator: Double(interviewed.count), denominator: grounded.count,
                                 target: targets.target(Kind.coverage.rawValue))

        // Rectification: interviews whose deadline fell in the window.
        let due = mine.filter { c in c.heldOn != nil && c.rectificationDeadline.map(window.contains) == true }
        let rectification = indicator(.rectification, numerator: Double(due.count { $0.inspectionPassed == true }), denominator: due.count,
                                      target: targets.target(Kind.rectification.rawValue))

        // Inspection pass: inspections done in the window.
        let inspected = mine.filter { c in c.inspectedOn.map(window.contains) == true }
        let inspectionPass = indicator(.inspectionPass, numerator: Double(inspected.count { $0.inspectionPassed == true }),
                                       denominator: inspected.count, target: targets.target(Kind.inspectionPass.rawValue))

        // Satisfaction: revisit answers dated in the window.
        let revisits = mine.flatMap(\.revisits).filter { window.contains($0.on) && $0.score.isFinite && (0...100).contains($0.score) }
        let scores = revisits.map(\.score)
        let satisfaction = indicator(.satisfaction, numerator: scores.reduce(0, +), denominator: scores.count,
                                     target: targets.target(Kind.satisfaction.rawValue))
        let rate = Satisfaction.rate(revisits.map(\.answer))
        let satisfactionRate = indicator(.satisfactionRate, numerator: Double(rate.satisfied), denominator: rate.answered,
                                         target: targets.target(Kind.satisfactionRate.rawValue))

        // Documents: files closed in the window.
        let closed = mine.filter { c in c.closedOn.map(window.contains) == true }
        let documents = indicator(.documents, numerator: Double(closed.count { $0.documentsComplete == true }), denominator: closed.count,
                                  target: targets.target(Kind.documents.rawValue))

        // Start timeliness (§5.3): interviews held in the window.
        let held = mine.filter { c in c.heldOn.map(window.contains) == true }
        let inTime = held.count { c in c.heldOn.map { calendar.between(c.clueOn, $0) <= startLimitWorkdays } == true }
        let startTimeliness = indicator(.startTimeliness, numerator: Double(inTime), denominator: held.count,
                                        target: targets.target(Kind.startTimeliness.rawValue))

        // Reconsideration and litigation, year on year.
        let reconsideration: Indicator
        if let now = reconsiderations, let before = previousYearReconsiderations {
            reconsideration = indicator(.reconsideration, numerator: Double(now - before), denominator: before,
                                        target: targets.target(Kind.reconsideration.rawValue))
        } else {
            reconsideration = indicator(.reconsideration, numerator: 0, denominator: 0, target: targets.target(Kind.reconsideration.rawValue))
        }

        let byKind: [Kind: Indicator] = [.coverage: coverage, .rectification: rectification, .satisfaction: satisfaction, .documents: documents]
        let assessment = Assessment(components: assessmentWeights.compactMap { kind, weight in byKind[kind].map { Assessment.Component($0, weight: weight) } },
                                    annualWeight: targets.annualWeight)

        return InterviewIndicators(period: period, units: units, through: end, counts: counts(mine, window), coverage: coverage,
                                   rectification: rectification, inspectionPass: inspectionPass, satisfaction: satisfaction,
                                   satisfactionRate: satisfactionRate, documents: documents, startTimeliness: startTimeliness, reconsideration: reconsideration,
                                   assessment: assessment)
    }

    /// The counts of `period` for the cases of `units`.
    public static func counts(cases: [InterviewCaseSummary], period: ReportPeriod, units: Set<UUID>? = nil) -> Counts {
        counts(cases.filter { units?.contains($0.unitID) ?? true }, Window(first: period.first, last: period.last))
    }

    /// One `Counts` per month, oldest first, for a chart: the months of `period` (12 for a year), or
    /// any list of months, e.g. `ReportPeriod.months(endingWith: today)` for a trailing year.
    public static func monthlySeries(cases: [InterviewCaseSummary], months: [ReportPeriod],
                                     units: Set<UUID>? = nil) -> [MonthlyCounts] {
        let mine = cases.filter { units?.contains($0.unitID) ?? true }
        return months.map { MonthlyCounts(month: $0, counts: counts(mine, Window(first: $0.first, last: $0.last))) }
    }

    /// The months of `period`, one `Counts` each.
    public static func monthlySeries(cases: [InterviewCaseSummary], within period: ReportPeriod,
                                     units: Set<UUID>? = nil) -> [MonthlyCounts] {
        monthlySeries(cases: cases, months: period.months, units: units)
    }

    private struct Window {
        let first: LocalDate
        let last: LocalDate
        func contains(_ d: LocalDate) -> Bool { first <= d && d <= last }
    }

    private static func counts(_ cases: [InterviewCaseSummary], _ w: Window) -> Counts {
        var n = Counts()
        for c in cases {
            if w.contains(c.clueOn) { n.clues += 1 }
            if let d = c.verifiedOn, w.contains(d) { n.verified += 1 }
            if let d = c.heldOn, w.contains(d) { n.held += 1 }
            if let d = c.inspectedOn, w.contains(d) {
                n.inspected += 1
                if c.inspectionPassed == true { n.passed += 1 }
            }
            if let d = c.closedOn, w.contains(d) {
                n.closed += 1
                switch c.state {
                case "passed": n.closedPassed += 1
                case "handedOver": n.handedOver += 1
                case "rejected": n.rejected += 1
                case "transferred": n.transferred += 1
                default: break
                }
            }
            if c.clueOn <= w.last, c.closedOn.map({ $0 > w.last }) ?? true { n.openAtEnd += 1 }
        }
        return n
    }

    // MARK: Export (ST-04)

    /// The indicator table: a header (指标, 分子, 分母, 比率, 目标, 是否达标, 依据) and one row per
    /// indicator in report order.
    public func tableRows() -> [[String]] { IndicatorFormat.rows(all) }

    /// The assessment table, then the total (`总分`) and the annual contribution (`计入年度考核`).
    public func assessmentRows() -> [[String]] { assessment.rows() }
}
