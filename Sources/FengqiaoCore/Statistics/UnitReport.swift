import Foundation

// Monthly reports that units submit to a consolidating office, which reports upward (mediation.md
// MD-41: 调解机构 → 法制科 by the 23rd, 法制科 → 上级局法规处 by the 25th). Generic: a procedure declares
// its roll (`ReportingRoll`) and its figures are the counts and indicators of its own statistics
// (`Procedure.indicators`) for the unit's cases of the month, frozen as submitted. A consolidation
// adds the submitted reports up — numerators and denominators, never rates — and names the units that
// had not reported.

/// The two due dates of one monthly report (MD-41): the units' to the consolidating office and that
/// office's upward.
public struct MonthlyReportDue: Sendable, Equatable {
    /// The month reported on (the previous calendar month).
    public let period: ReportPeriod
    /// Units → the consolidating office: the 23rd, rolled forward; moved before the consolidation
    /// date if it would reach it.
    public let unit: DueDate
    /// The consolidating office → upward: the 25th, rolled forward.
    public let consolidation: DueDate

    public init(period: ReportPeriod, unit: DueDate, consolidation: DueDate) {
        self.period = period
        self.unit = unit
        self.consolidation = consolidation
    }

    /// Whether a unit report submitted on `day` is on time.
    public func unitOnTime(submittedOn day: LocalDate) -> Bool { day <= unit.date }
    /// Whether the consolidation made on `day` is on time.
    public func consolidationOnTime(on day: LocalDate) -> Bool { day <= consolidation.date }

    /// What `day` brings (mediation.md "Reminders and escalations", Reports): the units yet to report
    /// are reminded on the 3rd working day before their date; on the first working day after it, the
    /// consolidating office is told who has not reported.
    public func reminder(on day: LocalDate, calendar: WorkCalendar) -> ReportReminder? {
        if day == calendar.workdaysBefore(unit.date, count: 3) { return .before }
        if day == calendar.nextWorkday(onOrAfter: unit.date.adding(days: 1)) { return .overdue }
        return nil
    }
}

/// A reminder of a monthly report (`MonthlyReportDue.reminder`).
public enum ReportReminder: Sendable, Equatable {
    /// To the units not yet reported, 3 working days before their date.
    case before
    /// To the consolidating office, the first working day after the units' date.
    case overdue
}

/// What a procedure's monthly reporting is: who submits, who consolidates, the due dates.
public struct ReportingRoll: Sendable {
    /// The report's name: 行政调解统计月报.
    public let titleZH: String
    /// The rule the dates and duties come from (MD-41).
    public let rule: String
    /// Held by the units' heads (or statistics persons): submits the unit's report.
    public let submit: Permission
    /// Held by the consolidating office (法制科): consolidates and reports upward.
    public let consolidate: Permission
    /// The consolidating office's name in the pages: 法制科.
    public let consolidatorZH: String
    /// The due dates of the report on a month.
    public let due: @Sendable (ReportPeriod, WorkCalendar) -> MonthlyReportDue?

    public init(titleZH: String, rule: String, submit: Permission, consolidate: Permission, consolidatorZH: String,
                due: @escaping @Sendable (ReportPeriod, WorkCalendar) -> MonthlyReportDue?) {
        self.titleZH = titleZH
        self.rule = rule
        self.submit = submit
        self.consolidate = consolidate
        self.consolidatorZH = consolidatorZH
        self.due = due
    }
}

/// One labelled figure of a report: a count, or a rate kept as numerator and denominator so that
/// reports add up.
public struct ReportFigure: Codable, Sendable, Equatable {
    public let key: String
    public let label: String
    public let value: Double
    /// Nil for a count; the denominator of a rate or mean.
    public let denominator: Int?
    /// `ratio` or `mean` for a rate.
    public let measure: IndicatorMeasure?

    public init(key: String, label: String, value: Double, denominator: Int? = nil, measure: IndicatorMeasure? = nil) {
        self.key = key
        self.label = label
        self.value = value
        self.denominator = denominator
        self.measure = measure
    }

    /// `12`, `85.7%（6/7）`, `13.5（27/2）`, `—（0/0）`.
    public var text: String {
        guard let denominator, let measure else { return IndicatorFormat.decimal(value) }
        let rate = denominator == 0 ? "—" : IndicatorFormat.format(value / Double(denominator), measure)
        return "\(rate)（\(IndicatorFormat.decimal(value))/\(denominator)）"
    }
}

/// A unit's monthly report as submitted: frozen, never recomputed.
public struct UnitReport: Codable, Sendable, Equatable {
    public let unitID: UUID
    public let unitName: String
    /// The month reported on, `2025-10`.
    public let period: String
    public let submittedOn: LocalDate
    public let submittedBy: String
    public let onTime: Bool
    public let figures: [ReportFigure]

    public init(unitID: UUID, unitName: String, period: String, submittedOn: LocalDate, submittedBy: String, onTime: Bool, figures: [ReportFigure]) {
        self.unitID = unitID
        self.unitName = unitName
        self.period = period
        self.submittedOn = submittedOn
        self.submittedBy = submittedBy
        self.onTime = onTime
        self.figures = figures
    }

    /// The report of `unit` from its statistics for the month: every count, then every ratio and
    /// mean indicator (a relative change does not add up and is left out).
    public static func from(_ report: IndicatorReport, unitID: UUID, unitName: String, submittedOn: LocalDate, submittedBy: String,
                            due: MonthlyReportDue) -> UnitReport {
        let counts = report.counts.map { ReportFigure(key: $0.key, label: $0.label, value: Double($0.value)) }
        let rates = report.indicators.filter { $0.measure != .change }
            .map { ReportFigure(key: $0.key, label: $0.nameZH, value: $0.numerator, denominator: $0.denominator, measure: $0.measure) }
        return UnitReport(unitID: unitID, unitName: unitName, period: report.period.key, submittedOn: submittedOn, submittedBy: submittedBy,
                          onTime: due.unitOnTime(submittedOn: submittedOn), figures: counts + rates)
    }
}

/// The consolidating office's report upward: the units' reports added up.
public struct ConsolidatedReport: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public let unitName: String
        public let submittedOn: LocalDate
        public let onTime: Bool
    }

    public let period: String
    public let consolidatedOn: LocalDate
    public let consolidatedBy: String
    public let onTime: Bool
    /// The reports added up, in unit order.
    public let units: [Entry]
    /// The reporting units with no report when consolidated.
    public let missing: [String]
    public let figures: [ReportFigure]

    /// Adds `reports` up figure by figure (a figure's first label and measure; counts and numerators
    /// summed, denominators summed), in the order the first report lists them.
    public static func consolidate(_ reports: [UnitReport], missing: [String], due: MonthlyReportDue, on day: LocalDate, by name: String) -> ConsolidatedReport {
        var order: [String] = []
        var sums: [String: ReportFigure] = [:]
        for figure in reports.flatMap(\.figures) {
            guard let sum = sums[figure.key] else {
                order.append(figure.key)
                sums[figure.key] = figure
                continue
            }
            sums[figure.key] = ReportFigure(key: sum.key, label: sum.label, value: sum.value + figure.value,
                                            denominator: sum.denominator.map { $0 + (figure.denominator ?? 0) }, measure: sum.measure)
        }
        return ConsolidatedReport(period: due.period.key, consolidatedOn: day, consolidatedBy: name, onTime: due.consolidationOnTime(on: day),
                                  units: reports.map { Entry(unitName: $0.unitName, submittedOn: $0.submittedOn, onTime: $0.onTime) },
                                  missing: missing, figures: order.compactMap { sums[$0] })
    }
}

/// Where one unit's report stands on a day.
public enum UnitReportStatus: Sendable, Equatable {
    case submitted(on: LocalDate, onTime: Bool)
    /// Not yet submitted, due on or after the day.
    case pending(due: LocalDate)
    /// Not submitted and the due day has passed.
    case overdue(due: LocalDate)

    public init(_ report: UnitReport?, due: MonthlyReportDue, today: LocalDate) {
        if let report { self = .submitted(on: report.submittedOn, onTime: report.onTime) }
        else if today > due.unit.date { self = .overdue(due: due.unit.date) }
        else { self = .pending(due: due.unit.date) }
    }

    public var textZH: String {
        switch self {
        case .submitted(let on, let onTime): "\(on.iso)已报送（\(onTime ? "按时" : "逾期")）"
        case .pending(let due): "未报送（\(due.iso)前报送）"
        case .overdue(let due): "逾期未报送（应于\(due.iso)前报送）"
        }
    }
}
