// Archiving deadlines (立卷归档, DOC-41): the electronic file and the bound paper file are each due a
// set time after the case closes. The limits are data — `TimeLimitRule`s, so they carry their unit,
// roll rule and citation and can come from the procedure's versioned rule set (CAL-20, CAL-21).

/// The two archiving limits of a procedure (DOC-41).
public struct ArchivingLimits: Sendable, Equatable {
    /// The electronic file is complete (电子归档).
    public let electronic: TimeLimitRule
    /// The paper file is bound (纸质档案装订成册).
    public let paper: TimeLimitRule

    /// Rule-set step keys read by `init?(ruleSet:)`.
    public static let electronicKey = "archiveElectronic"
    public static let paperKey = "archivePaper"
    /// Mediation's rule set calls its electronic filing step `filing` (MD-37).
    public static let filingKey = "filing"

    /// Limits; throws `DomainError.invalid` when a rule is not a positive count of working days,
    /// calendar days or months counted forward from the closing (DOC-41).
    public init(electronic: TimeLimitRule, paper: TimeLimitRule) throws(DomainError) {
        let errors = Self.problems(electronic, field: "electronic") + Self.problems(paper, field: "paper")
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        self.electronic = electronic
        self.paper = paper
    }

    /// DOC-41 default for paper binding: 30 working days after closing.
    public static let defaultPaper = TimeLimitRule(30, .workday, from: "case.closed", citation: "DOC-41：纸质档案30个工作日内装订成册")

    /// The limits a rule set names: `archiveElectronic` (or `filing`) and `archivePaper` (default 30
    /// working days). Nil when the set names no electronic step or its rules are not valid limits.
    public init?(ruleSet: RuleSet) {
        guard let electronic = ruleSet.rule(Self.electronicKey) ?? ruleSet.rule(Self.filingKey),
            let limits = try? ArchivingLimits(electronic: electronic, paper: ruleSet.rule(Self.paperKey) ?? Self.defaultPaper)
        else { return nil }
        self = limits
    }

    /// DOC-41: the due dates for a case closed on `closedOn` — working days counted after the
    /// closing day (CAL-10), calendar days then rolled to the next working day (CAL-11).
    public func dueDates(closedOn: LocalDate, calendar: WorkCalendar) -> ArchivingDueDates {
        ArchivingDueDates(electronic: electronic.due(from: closedOn, in: calendar), paper: paper.due(from: closedOn, in: calendar))
    }

    private static func problems(_ rule: TimeLimitRule, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if rule.count < 1 {
            errors.append(
                FieldError(
                    field: "\(field).count", rule: "DOC-41", code: "archive.limit.count.invalid",
                    messageZH: "归档期限应为正数，不能是\(rule.count)"))
        }
        if rule.unit == .hour {
            errors.append(
                FieldError(
                    field: "\(field).unit", rule: "DOC-41", code: "archive.limit.unit.invalid",
                    messageZH: "归档期限应以工作日、日或月计"))
        }
        if rule.countsBack {
            errors.append(
                FieldError(
                    field: "\(field).countsBack", rule: "DOC-41", code: "archive.limit.counts-back",
                    messageZH: "归档期限自结案之日起向后计算"))
        }
        return errors
    }
}

/// When a closed case's files are due (DOC-41). Each date is `provisional` when it rests on a year
/// the calendar does not cover (CAL-03).
public struct ArchivingDueDates: Sendable, Equatable {
    public let electronic: DueDate
    public let paper: DueDate

    public init(electronic: DueDate, paper: DueDate) {
        self.electronic = electronic
        self.paper = paper
    }
}
