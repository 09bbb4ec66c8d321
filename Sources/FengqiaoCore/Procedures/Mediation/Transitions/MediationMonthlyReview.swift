import Foundation

/// MD-18: the centre's note on a dispute still unresolved at a month's end — the cause and its
/// 指导性意见, owed by the 5th working day of the next month.
public struct MediationMonthlyReview: Codable, Sendable, Equatable {
    /// The month the dispute was unresolved at the end of ("2026-09").
    public var month: String
    public var cause: String?
    public var guidance: String?
    public var recordedOn: LocalDate?
    public var by: UUID?

    public init(month: String, cause: String? = nil, guidance: String? = nil, recordedOn: LocalDate? = nil, by: UUID? = nil) {
        self.month = month
        self.cause = cause
        self.guidance = guidance
        self.recordedOn = recordedOn
        self.by = by
    }
}

extension MediationFacts {
    /// MD-18: the month ends the dispute was unresolved at whose note is still owed, oldest first.
    public var reviewsOwed: [MediationMonthlyReview] { (monthlyReviews ?? []).filter { $0.recordedOn == nil } }
}

extension MediationProcedure {
    /// MD-18: the watch of the month's end — a 1-day clock from the day before the month's last day (or
    /// from `day` itself, when that is the last), so the system finds the dispute unresolved the day after
    /// it runs out (`monthUnresolved`); started at registration and by each firing.
    static func monthWatch(from day: LocalDate) -> ClockEffect {
        .start(step: "monthEnd", on: max(day, month(of: day).last.adding(days: -1)))
    }

    /// The month holding `day`.
    static func month(of day: LocalDate) -> ReportPeriod { ReportPeriod.month(day.year, day.month)! }

    /// The last day of the month `key` names ("2026-09").
    static func monthLastDay(_ key: String) -> LocalDate? { ReportPeriod(key: key)?.last }

    /// MD-18: the system's step the day after a month ends with the dispute unresolved: the note is owed
    /// for that month (and for any month a stopped scheduler missed), due the 5th working day after the
    /// month's last day (`monthlyReview`), and the watch moves to this month's end. A concluded dispute owes none.
    public enum MonthUnresolved: MediationStep {
        public static let spec = TransitionSpec("monthUnresolved", "月末未化解", from: Set(states.map(\.key)).subtracting(["notAccepted"]),
                                                permissions: [.mediationTriage], fields: [], rule: "MD-18")

        public static func decode(_ i: ActionInput) -> Void? { () }

        public static func apply(_ input: Void, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            let watch: [ClockEffect] = [.end(step: "monthEnd", on: LocalDate(ordinal: context.today.ordinal - context.today.day))]
            guard f.ending == nil else {
                return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: watch, summaryZH: "纠纷已化解，无须月度分析")
            }
            // Every month from the registration's whose end is before today, not yet listed.
            var months: [String] = []
            var month = MediationProcedure.month(of: f.registeredOn)
            let listed = Set((f.monthlyReviews ?? []).map(\.month))
            while month.last < context.today {
                if !listed.contains(month.key) { months.append(month.key) }
                month = MediationProcedure.month(of: month.last.adding(days: 1))
            }
            let wasOwed = !f.reviewsOwed.isEmpty
            f.monthlyReviews = (f.monthlyReviews ?? []) + months.map { MediationMonthlyReview(month: $0) }
            var clocks = watch + [monthWatch(from: context.today)]
            if !wasOwed, let first = f.reviewsOwed.first, let last = monthLastDay(first.month) { clocks.append(.start(step: "monthlyReview", on: last)) }
            guard let latest = months.last else {
                return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: clocks, summaryZH: "月末未化解纠纷已登记")
            }
            var o = Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: clocks,
                            summaryZH: "\(latest)月末纠纷尚未化解，须于次月第5个工作日前记录原因及指导性意见")
            o.unitNotices = [UnitNotice(unitIDs: [c.unitID], permissions: [.mediationTriage], titleZH: "月末未化解纠纷，请记录原因及指导性意见",
                                        bodyZH: "\(f.applicantName)与\(f.respondentName)的纠纷至\(latest)月末尚未化解，请于次月第5个工作日前记录原因及指导性意见（MD-18）。")]
            return o
        }
    }

    /// MD-18: the centre records the cause and the 指导性意见 for the oldest month owed; the next month
    /// owed, if any, then runs from its own month end.
    public enum RecordMonthlyReview: MediationStep {
        static let cause = TypedField<String>.textarea("cause", "未化解原因")
        static let guidance = TypedField<String>.textarea("guidance", "指导性意见")

        public static let spec = TransitionSpec("recordMonthlyReview", "记录月度原因及指导意见", from: Set(states.map(\.key)), permissions: [.mediationTriage],
                                                fields: [cause.spec, guidance.spec], rule: "MD-18")

        public static func decode(_ i: ActionInput) -> (cause: String, guidance: String)? {
            guard let c = cause(i), let g = guidance(i) else { return nil }
            return (c, g)
        }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.reviewsOwed.isEmpty ? [MediationRules.refusal("state", "MD-18", "mediation.review.none", "没有待记录的月度未化解纠纷分析")] : []
        }

        public static func apply(_ input: (cause: String, guidance: String), case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            var reviews = f.monthlyReviews ?? []
            guard let i = reviews.firstIndex(where: { $0.recordedOn == nil }) else {
                return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "")
            }
            reviews[i].cause = input.cause
            reviews[i].guidance = input.guidance
            reviews[i].recordedOn = context.today
            reviews[i].by = context.actor.userID
            f.monthlyReviews = reviews
            var clocks: [ClockEffect] = [.end(step: "monthlyReview", on: context.today)]
            if let next = f.reviewsOwed.first, let last = monthLastDay(next.month) { clocks.append(.start(step: "monthlyReview", on: last)) }
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: clocks,
                           summaryZH: "记录\(reviews[i].month)月末未化解原因：\(input.cause)；指导性意见：\(input.guidance)")
        }
    }
}
