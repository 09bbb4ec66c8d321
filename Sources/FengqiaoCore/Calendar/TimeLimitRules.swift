// Versioned time-limit rule sets (CAL-20…CAL-22, X-08). A procedure names its clocks by rule-set key
// and step key ("interview" / "verification"), never by number; the numbers live here and in the
// legal department's later versions.

/// A rule set's lifecycle (CAL-20).
public enum RuleSetStatus: String, Sendable, Codable, CaseIterable {
    /// Being edited; never in force.
    case draft
    /// In force but not yet confirmed by the legal department: dates it computes are flagged
    /// 规则待核实 (CAL-20, CP-03).
    case unconfirmed
    /// Confirmed and in force.
    case active
    /// Superseded; still binds the cases accepted while it was in force (CAL-21).
    case retired
}

/// One step's time limit (CAL-20): count, unit, the event that starts it, the roll rule, and how far it
/// may be extended on whose approval.
public struct TimeLimitRule: Sendable, Equatable, Codable {
    /// N, in `unit`.
    public var count: Int
    /// Working days, calendar days, months or hours (CAL-10…CAL-13).
    public var unit: PeriodUnit
    /// The event that starts the clock, e.g. `clue.recorded` (a key the procedure defines).
    public var startEvent: String
    /// What happens when a `day`/`month` period ends on a rest day (CAL-11).
    public var roll: Roll
    /// CAL-14: the due date is `count` units *before* the start event (e.g. the rectification report,
    /// due the 3rd working day before the rectification deadline). Only `workday` rules count back.
    public var countsBack: Bool
    /// The most the limit may be extended in total, in `unit` (CAL-32); 0 = never.
    public var maxExtension: Int
    /// How many separate extensions may be granted (nil = any number within `maxExtension`).
    public var maxExtensionGrants: Int?
    /// The permission an approver of an extension must hold (PLT-03 key); nil when `maxExtension` is 0.
    public var extensionPermission: String?
    /// The source of this particular value (CP-03 asks for one per parameter).
    public var citation: String

    /// A rule: `TimeLimitRule(3, .workday, from: "clue.recorded", citation: "…")`.
    public init(
        _ count: Int, _ unit: PeriodUnit, from startEvent: String, roll: Roll = .forward, countsBack: Bool = false,
        maxExtension: Int = 0, maxExtensionGrants: Int? = nil, extensionPermission: String? = nil, citation: String
    ) {
        self.count = count
        self.unit = unit
        self.startEvent = startEvent
        self.roll = roll
        self.countsBack = countsBack
        self.maxExtension = maxExtension
        self.maxExtensionGrants = maxExtensionGrants
        self.extensionPermission = extensionPermission
        self.citation = citation
    }

    /// The due date of this rule for a start (or, for `countsBack`, reference) date, without
    /// suspensions or extensions. Hour rules give a date-only bound (see `WorkCalendar.due`).
    public func due(from start: LocalDate, in calendar: WorkCalendar) -> DueDate {
        if countsBack { return calendar.due(before: start, count: count) }
        return calendar.due(from: start, count: count, unit: unit, roll: roll)
    }
}

/// A versioned, citable set of time limits for one procedure (CAL-20).
public struct RuleSet: Sendable, Equatable, Codable, Identifiable {
    /// The procedure's key, e.g. `interview`, `complaint`; versions of one set share it.
    public var key: String
    /// 1, 2, …: each edit by the legal department is a new version (CAL-22).
    public var version: Int
    /// A stable label for a version, e.g. `SAMR-20`; defaults to `key-vN`.
    public var label: String
    /// The set's Chinese name, e.g. 行政约谈时限.
    public var nameZH: String
    /// The legal or internal source of the set.
    public var citation: String
    /// Draft, unconfirmed, active or retired (CAL-20).
    public var status: RuleSetStatus
    /// First day in force, inclusive.
    public var effectiveFrom: LocalDate
    /// Last day in force, inclusive; nil = open-ended.
    public var effectiveTo: LocalDate?
    /// Rules keyed by procedure step.
    public var rules: [String: TimeLimitRule]
    /// CP-03: the unconfirmed version this one confirms (the legal department's activation), whose
    /// cases it takes over; nil for an ordinary version.
    public var confirms: Int?

    /// `key@version`, unique across the book.
    public var id: String { "\(key)@\(version)" }

    /// A rule-set version.
    public init(
        key: String, version: Int, label: String? = nil, nameZH: String, citation: String, status: RuleSetStatus,
        effectiveFrom: LocalDate, effectiveTo: LocalDate? = nil, rules: [String: TimeLimitRule], confirms: Int? = nil
    ) {
        self.key = key
        self.version = version
        self.label = label ?? "\(key)-v\(version)"
        self.nameZH = nameZH
        self.citation = citation
        self.status = status
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
        self.rules = rules
        self.confirms = confirms
    }

    /// The rule of one step.
    public func rule(_ step: String) -> TimeLimitRule? { rules[step] }

    /// Whether `date` lies in the effective range (status aside).
    public func covers(_ date: LocalDate) -> Bool {
        date >= effectiveFrom && (effectiveTo.map { date <= $0 } ?? true)
    }

    /// CAL-20: dates computed from an unconfirmed set carry the 规则待核实 flag.
    public var isUnconfirmed: Bool { status == .unconfirmed }
}

/// All versions of all rule sets, and the choice of the version in force on a date (CAL-21).
public struct RuleBook: Sendable, Equatable {
    /// Every version of every set.
    public let sets: [RuleSet]

    /// A book of rule-set versions.
    public init(_ sets: [RuleSet]) { self.sets = sets }

    /// CAL-21: the version of `key` in force on `date` (a case's acceptance or opening date): among
    /// the non-draft versions whose effective range contains the date, the highest version. Retired
    /// versions still answer for dates in their range; unconfirmed ones answer too, and the caller
    /// flags their dates (CAL-20). Nil when no version covers the date.
    public func inForce(_ key: String, on date: LocalDate) -> RuleSet? {
        sets.filter { $0.key == key && $0.status != .draft && $0.covers(date) }
            .max { $0.version < $1.version }
    }

    /// CP-03: the version that confirmed (activated) `set`, if the legal department has done so.
    public func confirmation(of set: RuleSet) -> RuleSet? {
        sets.first { $0.key == set.key && $0.confirms == set.version }
    }

    /// Every version of one set, oldest first.
    public func versions(of key: String) -> [RuleSet] {
        sets.filter { $0.key == key }.sorted { $0.version < $1.version }
    }

    /// The sets shipped with the product (CAL-22).
    public static let shipped = RuleBook(ShippedRuleSets.all)
}

/// CAL-22: the rule sets shipped with the product. Step keys are the procedure's own; permission keys
/// follow PLT-03's naming and are mapped to roles by the role templates.
public enum ShippedRuleSets {
    static func date(_ iso: String) -> LocalDate {
        guard let d = LocalDate(iso: iso) else { preconditionFailure("ShippedRuleSets: bad date \(iso)") }
        return d
    }

    /// 行政调解 — seed 000 and mediation.md (MD-24 … MD-43). No national statute fixes these limits;
    /// provinces differ (e.g. 20 + 10 工作日), so offices edit them as new versions.
    public static let mediation = RuleSet(
        key: "mediation", version: 1, nameZH: "行政调解时限",
        citation: "行政调解工作制度（seed 000）；mediation.md MD-13 至 MD-43（本地可配置）",
        status: .active, effectiveFrom: date("2004-01-01"),
        rules: [
            "triage": TimeLimitRule(1, .workday, from: "request.registered", citation: "mediation.md 步骤2（design）"),
            "dispatchApproval": TimeLimitRule(2, .workday, from: "request.registered", citation: "mediation.md 步骤3, MD-13（design）"),
            // Step 4: every party's consent, the last one the acceptance (a key of its own: the complaint
            // track's `acceptance` is a 受理决定).
            "consent": TimeLimitRule(5, .workday, from: "dispatch.approved", citation: "mediation.md 步骤4（design）"),
            "mediation": TimeLimitRule(
                20, .workday, from: "request.accepted", maxExtension: 10, maxExtensionGrants: 1,
                extensionPermission: "mediation.extend", citation: "MD-24：20个工作日，经批准可延长一次，不超过10个工作日"),
            "majorReport": TimeLimitRule(1, .workday, from: "case.flaggedMajor", citation: "MD-33；seed 000 §二 第五条"),
            "returnToCentre": TimeLimitRule(2, .workday, from: "mediation.failed", citation: "MD-17；seed 000 §三 第九条"),
            "resultToCentre": TimeLimitRule(2, .workday, from: "mediation.concluded", citation: "MD-16"),
            "terminationNotice": TimeLimitRule(7, .workday, from: "termination.decided", citation: "MD-31"),
            "obligationCheck": TimeLimitRule(3, .workday, from: "obligation.due", citation: "MD-29"),
            "revisit": TimeLimitRule(10, .workday, from: "mediation.concluded", citation: "MD-34"),
            "secondRevisit": TimeLimitRule(90, .day, from: "mediation.concluded", citation: "MD-34"),
            "feedback": TimeLimitRule(15, .workday, from: "revisit.issueRaised", citation: "MD-36"),
            "supervisionAnswer": TimeLimitRule(5, .workday, from: "supervision.attached", citation: "MD-14（design）"),
            // MD-05: the watch of the assigned mediators' terms (1 day from the day before the last in office, never
            // rolled), and the 5 working days to reassign once one has lapsed.
            "mediatorTerm": TimeLimitRule(1, .day, from: "mediator.termEnding", roll: .none, citation: "MD-05；MD-03 任期一年"),
            "reassign": TimeLimitRule(5, .workday, from: "mediator.termLapsed", citation: "MD-05：5个工作日内另行指派（deadline design）"),
            "progress": TimeLimitRule(7, .day, from: "dispatch.approved", citation: "MD-16：分流交办的纠纷每周至少报送一次进展（cadence design）"),
            // MD-18: the month-end watch (1 day from the day before the month's last day, never rolled) and the
            // note owed by the 5th working day of the next month (5 working days after the last day).
            "monthEnd": TimeLimitRule(1, .day, from: "month.lastDayEve", roll: .none, citation: "MD-18：月末仍未化解的纠纷"),
            "majorEvaluation": TimeLimitRule(30, .day, from: "mediation.concluded", citation: "MD-33：重大矛盾纠纷结案后30日内效能评估"),
            "monthlyReview": TimeLimitRule(5, .workday, from: "month.lastDay", citation: "MD-18：每月第5个工作日前记录原因及指导性意见（timing design）"),
            // MD-37: the volume within 30 日 of the conclusion, a rest day rolling forward — the archiving
            // clock the closing starts (DOC-41).
            "archiveElectronic": TimeLimitRule(30, .day, from: "case.closed", citation: "seed 000 §四 第三条：调解终结后30日内立卷；MD-37"),
        ])

    /// 信访 — 《信访工作条例》(2022-05-01) 第二十三、三十四至三十六条; petitions.md PT-09 … PT-22.
    public static let petition = RuleSet(
        key: "petition", version: 1, label: "XF-2022", nameZH: "信访事项办理时限",
        citation: "《信访工作条例》（2022年5月1日起施行）",
        status: .active, effectiveFrom: date("2022-05-01"),
        rules: [
            "acceptanceNotice": TimeLimitRule(15, .day, from: "petition.received", citation: "条例第二十三条：15日内告知"),
            "transferNotice": TimeLimitRule(15, .day, from: "transfer.received", citation: "条例第二十三条；PT-12"),
            "transferObjection": TimeLimitRule(5, .workday, from: "transfer.received", citation: "PT-12（design）"),
            "firstHandler": TimeLimitRule(2, .workday, from: "petition.accepted", citation: "PT-18（design）"),
            // PT-22: extensions are counted from the unrolled original end — the clock adds the
            // extension to the count before rolling.
            "handling": TimeLimitRule(
                60, .day, from: "petition.accepted", maxExtension: 30, extensionPermission: "petition.extend",
                citation: "条例第三十四条：60日内办结；情况复杂的，经本机关负责人批准可适当延长，延长期限不得超过30日"),
            "reviewRequest": TimeLimitRule(30, .day, from: "opinion.received", citation: "条例第三十五条：收到书面答复之日起30日内请求复查"),
            "review": TimeLimitRule(30, .day, from: "review.requested", citation: "条例第三十五条：收到复查请求之日起30日内提出复查意见"),
            "reReviewRequest": TimeLimitRule(30, .day, from: "reviewOpinion.received", citation: "条例第三十六条：收到书面答复之日起30日内请求复核"),
            // PT-44: hearing time is excluded from 复核 clocks — recorded as a suspension.
            "reReview": TimeLimitRule(30, .day, from: "reReview.requested", citation: "条例第三十六条：收到复核请求之日起30日内提出复核意见（听证时间不计入）"),
        ])

    /// 行政处罚 — 《行政处罚法》(2021-07-15) 第六十条: decision within 90 days of 立案; the ≤30-day
    /// extension on the 负责人's approval is from 程序规定 [R] (CP-30).
    public static let penalty = RuleSet(
        key: "penalty", version: 1, nameZH: "行政处罚办案时限",
        citation: "《中华人民共和国行政处罚法》（2021年7月15日起施行）第六十条",
        status: .active, effectiveFrom: date("2021-07-15"),
        rules: [
            "decision": TimeLimitRule(
                90, .day, from: "case.filed", maxExtension: 30, maxExtensionGrants: 1, extensionPermission: "penalty.extend",
                citation: "行政处罚法第六十条：自立案之日起九十日内作出行政处罚决定；程序规定 [R]：经批准可延长不超过30日"),
        ])

    /// The sets of modules that have no procedure folder yet; a procedure's own sets come with it
    /// through the registry (`ProcedureModule.ruleSets`: mediation's with `MediationProcedure`).
    public static let platform: [RuleSet] = [petition]

    /// Every shipped set, each version once: the registered procedures' and the platform's.
    public static let all: [RuleSet] = ProcedureRegistry.shipped.ruleSets + platform
}
