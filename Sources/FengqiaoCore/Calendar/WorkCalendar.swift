// The statutory working-day calendar (CAL-01…CAL-03) and period counting (CAL-10…CAL-16).
// Pure values: no clock, no I/O. "Today" is always a parameter of the caller.

// MARK: - Year data

/// A run of statutory rest days announced by a State Council notice (放假), inclusive of both ends.
/// Weekend days inside the run are listed too, exactly as the notice states the run.
public struct HolidaySpan: Sendable, Equatable, Hashable, Codable {
    /// First and last rest day of the run.
    public let first: LocalDate
    public let last: LocalDate
    /// The festival, e.g. `春节`; may be empty.
    public let name: String

    /// A run of rest days.
    public init(first: LocalDate, last: LocalDate, name: String) {
        self.first = first
        self.last = last
        self.name = name
    }

    /// Every day of the span, in order.
    public var days: [LocalDate] {
        guard first <= last else { return [] }
        return (first.ordinal...last.ordinal).map(LocalDate.init(ordinal:))
    }
}

/// A Saturday or Sunday declared a working day (调休上班, CAL-01).
public struct MakeUpDay: Sendable, Equatable, Hashable, Codable {
    /// The Saturday or Sunday worked.
    public let date: LocalDate
    /// What the day makes up for, e.g. `春节调休`; may be empty.
    public let name: String

    /// A make-up working day.
    public init(date: LocalDate, name: String) {
        self.date = date
        self.name = name
    }
}

/// One year's holiday notice (CAL-02, CAL-03): its rest days and make-up working days.
///
/// A notice may name days of the neighbouring year (the 2008 notice gave 2007-12-31 off for New Year;
/// the 2006 notice made 2005-12-31 a working day); such dates belong to the notice that announced them.
public struct HolidayYear: Sendable, Equatable, Codable {
    /// The year the notice is for.
    public let year: Int
    /// The notice's citation, e.g. `国办发明电〔2025〕7号`.
    public let notice: String
    /// Rest-day runs, in the notice's order, and the make-up working days.
    public let holidays: [HolidaySpan]
    public let makeUpDays: [MakeUpDay]

    /// One year's notice; check user-entered data with `validate()`.
    public init(year: Int, notice: String, holidays: [HolidaySpan], makeUpDays: [MakeUpDay]) {
        self.year = year
        self.notice = notice
        self.holidays = holidays
        self.makeUpDays = makeUpDays
    }

    /// Every rest day of the notice, sorted.
    public var holidayDates: [LocalDate] { holidays.flatMap(\.days).sorted() }

    /// The dates a notice for `year` may name: its own year plus December before and January after
    /// (cross-year New Year arrangements).
    public static func admissibleRange(forYear year: Int) -> ClosedRange<LocalDate>? {
        guard let from = LocalDate(year: year - 1, month: 12, day: 1),
              let to = LocalDate(year: year + 1, month: 1, day: 31) else { return nil }
        return from...to
    }

    /// The longest run a notice has ever announced is 10 days (2020 Spring Festival); a longer run is
    /// almost certainly a typing error.
    public static let maximumSpanDays = 31

    /// Checks the year against CAL-01 and itself; the first problem is thrown with `field` naming it.
    /// Used for data entered by UI or API; the text importer reports the same problems with line numbers.
    public func validate() throws(CalendarError) {
        guard let range = Self.admissibleRange(forYear: year), (1900...9998).contains(year) else {
            throw CalendarError(.calendarInvalid, ruleID: "CAL-03", field: "year", "年份\(year)无效")
        }
        var seen: [LocalDate: String] = [:]
        for (i, span) in holidays.enumerated() {
            if let problem = Self.problem(with: span, admissible: range) {
                throw CalendarError(.calendarInvalid, ruleID: "CAL-03", field: "holidays[\(i)]", problem)
            }
            for day in span.days {
                if seen[day] != nil {
                    throw CalendarError(.calendarInvalid, ruleID: "CAL-03", field: "holidays[\(i)]", "\(day.iso) 重复列为放假日")
                }
                seen[day] = "holiday"
            }
        }
        for (i, day) in makeUpDays.enumerated() {
            if let problem = Self.problem(with: day, admissible: range) {
                throw CalendarError(.calendarInvalid, ruleID: "CAL-01", field: "makeUpDays[\(i)]", problem)
            }
            if let kind = seen[day.date] {
                let what = kind == "holiday" ? "同时被列为放假日和调休上班日" : "重复列为调休上班日"
                throw CalendarError(.calendarInvalid, ruleID: "CAL-01", field: "makeUpDays[\(i)]", "\(day.date.iso) \(what)")
            }
            seen[day.date] = "workday"
        }
    }

    static func problem(with span: HolidaySpan, admissible range: ClosedRange<LocalDate>) -> String? {
        if span.first > span.last {
            return "起始日期 \(span.first.iso) 晚于结束日期 \(span.last.iso)"
        }
        if !range.contains(span.first) || !range.contains(span.last) {
            return "放假日期须在 \(range.lowerBound.iso) 至 \(range.upperBound.iso) 之间"
        }
        if span.last.ordinal - span.first.ordinal + 1 > maximumSpanDays {
            return "放假区间超过\(maximumSpanDays)天，请核对通知"
        }
        return nil
    }

    static func problem(with day: MakeUpDay, admissible range: ClosedRange<LocalDate>) -> String? {
        if !range.contains(day.date) {
            return "调休上班日期须在 \(range.lowerBound.iso) 至 \(range.upperBound.iso) 之间"
        }
        // CAL-01: a make-up working day is a Saturday or Sunday.
        if !day.date.isWeekend {
            return "调休上班日 \(day.date.iso) 是\(day.date.weekdayZH)，调休上班日应为星期六或星期日"
        }
        return nil
    }
}

// MARK: - Counting vocabulary

/// The unit of a time limit (CAL-10…CAL-13).
public enum PeriodUnit: String, Sendable, Codable, CaseIterable {
    /// 工作日: the start day is not counted; the N-th working day after it (CAL-10).
    case workday
    /// 日: start + N calendar days, then the roll rule (CAL-11).
    case day
    /// 月: the same day N months later, clamped to the month's end, then the roll rule (CAL-12).
    case month
    /// 小时: an instant plus N hours, never rolled (CAL-13).
    case hour
}

/// What happens when a calendar-day or month period ends on a rest day (CAL-11).
public enum Roll: String, Sendable, Codable, CaseIterable {
    /// To the next working day (民事诉讼法 第八十五条) — the default.
    case forward
    /// The date stands even on a rest day.
    case none
    /// To the previous working day: reminder, meeting and report-submission dates only.
    case back
}

/// A computed due date. `provisional` is set when the result depends on a day in a year the calendar
/// does not cover (CAL-03): such days were counted Monday–Friday and the date may move when the year
/// is loaded (CAL-04).
public struct DueDate: Sendable, Equatable, CustomStringConvertible {
    /// The due date, and whether it rests on an uncovered year (CAL-03).
    public let date: LocalDate
    public let provisional: Bool

    /// A due date.
    public init(date: LocalDate, provisional: Bool) {
        self.date = date
        self.provisional = provisional
    }

    /// `2025-10-14`, or `2027-01-04 (provisional)`.
    public var description: String { provisional ? "\(date.iso) (provisional)" : date.iso }
}

/// How the calendar classifies a day.
public enum DayKind: Sendable, Equatable {
    /// Monday–Friday, no announcement.
    case workday
    /// Saturday or Sunday, no announcement.
    case weekend
    /// A statutory rest day named by a notice (放假).
    case holiday(String)
    /// A weekend day declared a working day (调休上班).
    case makeUpWorkday(String)

    /// Whether this kind of day counts as a working day (CAL-01).
    public var isWorkday: Bool {
        switch self {
        case .workday, .makeUpWorkday: true
        case .weekend, .holiday: false
        }
    }
}

// MARK: - The calendar

/// The working-day calendar: a set of year notices plus the Monday–Friday rule for every other day
/// (CAL-01, CAL-03).
///
/// Counting is O(1). The table covers the loaded notices; `W(o)` = the number of working days from
/// the table's start through ordinal `o` is stored for each day, and the ordinal of each working day
/// is stored by its rank, so "the N-th working day after d" is `rank⁻¹(W(d) + N)`. Outside the table
/// both functions continue with a closed-form Monday–Friday count, so any date can be asked about.
public struct WorkCalendar: Sendable {
    /// The notices, sorted by year, one per year.
    public let years: [HolidayYear]
    /// The calendar revision (CAL-03): each administrator change makes a new one; 0 = as shipped.
    public let revision: Int

    private let coveredYears: Set<Int>
    private let special: [Int: DayKind]
    /// Ordinal of `cumulative[0]`.
    private let first: Int
    /// `cumulative[i]` = working days in `[first, first + i]`.
    private let cumulative: [Int32]
    /// `workdayOrdinals[k]` = ordinal of the `(k + 1)`-th working day of the table.
    private let workdayOrdinals: [Int32]

    /// Builds a calendar. When two notices name the same date, the later year's notice wins; when
    /// `years` holds the same year twice, the later entry replaces the earlier. Call
    /// `HolidayYear.validate()` on data from users first: this initialiser does not refuse anything.
    public init(years: [HolidayYear], revision: Int = 0) {
        var byYear: [Int: HolidayYear] = [:]
        for y in years { byYear[y.year] = y }
        let sorted = byYear.values.sorted { $0.year < $1.year }
        self.years = sorted
        self.revision = revision
        self.coveredYears = Set(sorted.map(\.year))

        var special: [Int: DayKind] = [:]
        for y in sorted {
            for span in y.holidays { for d in span.days { special[d.ordinal] = .holiday(span.name) } }
            for m in y.makeUpDays { special[m.date.ordinal] = .makeUpWorkday(m.name) }
        }
        self.special = special

        var lo = Int.max, hi = Int.min
        for y in sorted {
            if let a = LocalDate(year: y.year, month: 1, day: 1), let b = LocalDate(year: y.year, month: 12, day: 31) {
                lo = min(lo, a.ordinal)
                hi = max(hi, b.ordinal)
            }
        }
        for o in special.keys {
            lo = min(lo, o)
            hi = max(hi, o)
        }
        guard lo <= hi else {
            self.first = 0
            self.cumulative = []
            self.workdayOrdinals = []
            return
        }
        self.first = lo
        var cumulative: [Int32] = []
        var workdayOrdinals: [Int32] = []
        cumulative.reserveCapacity(hi - lo + 1)
        var running: Int32 = 0
        for o in lo...hi {
            let working = special[o]?.isWorkday ?? Self.isMondayToFriday(o)
            if working {
                running += 1
                workdayOrdinals.append(Int32(o))
            }
            cumulative.append(running)
        }
        self.cumulative = cumulative
        self.workdayOrdinals = workdayOrdinals
    }

    /// The calendar shipped with the product: every notice 2004–2026 (CAL-02), revision 0.
    /// Built once, on first use.
    public static let shipped = WorkCalendar(years: HolidayData.years)

    /// This calendar with one year added or replaced, as a new revision (CAL-03).
    public func replacing(_ year: HolidayYear) -> WorkCalendar {
        WorkCalendar(years: years.filter { $0.year != year.year } + [year], revision: revision + 1)
    }

    /// The notice loaded for a year, if any.
    public func notice(forYear year: Int) -> HolidayYear? { years.first { $0.year == year } }

    // MARK: Days

    /// CAL-01: Monday–Friday and not a rest day, or a make-up working day. Outside the covered years
    /// Monday–Friday (CAL-03).
    public func isWorkday(_ d: LocalDate) -> Bool { isWorkday(ordinal: d.ordinal) }

    /// Whether a notice for `d`'s year is loaded; otherwise results over `d` are provisional (CAL-03).
    public func covers(_ d: LocalDate) -> Bool { coveredYears.contains(d.year) }

    /// Whether a day is a plain working day, a weekend day, a holiday or a make-up working day.
    public func kind(of d: LocalDate) -> DayKind {
        if let k = special[d.ordinal] { return k }
        return d.isWeekend ? .weekend : .workday
    }

    /// True when some day in `[from, through]` lies in a year the calendar does not cover (CAL-03).
    public func isProvisional(from: LocalDate, through: LocalDate) -> Bool {
        guard from <= through else { return false }
        return (from.year...through.year).contains { !coveredYears.contains($0) }
    }

    /// The first working day on or after `d`.
    public func nextWorkday(onOrAfter d: LocalDate) -> LocalDate {
        LocalDate(ordinal: ordinal(ofRank: rank(through: d.ordinal - 1) + 1))
    }

    /// The last working day on or before `d`.
    public func previousWorkday(onOrBefore d: LocalDate) -> LocalDate {
        LocalDate(ordinal: ordinal(ofRank: rank(through: d.ordinal)))
    }

    /// The `n`-th working day of a month (`n` ≥ 1), e.g. the 5th working day on which a monthly
    /// report freezes (CP-38, MD-18, PT-46). Nil for an invalid month or `n` < 1.
    public func workday(_ n: Int, ofYear year: Int, month: Int) -> LocalDate? {
        guard n >= 1, let firstOfMonth = LocalDate(year: year, month: month, day: 1) else { return nil }
        return LocalDate(ordinal: ordinal(ofRank: rank(through: firstOfMonth.ordinal - 1) + n))
    }

    // MARK: Counting

    /// The due date of a period of `count` `unit`s starting on `start` (CAL-10…CAL-13).
    ///
    /// - `workday` (CAL-10): the start day is not counted; the `count`-th working day after it.
    ///   `count` 0 means "the same working day": `start` if it is one, else the next. A negative count
    ///   counts back (CAL-14). `roll` is irrelevant: the result is always a working day.
    /// - `day` (CAL-11): `start + count` days, then `roll`.
    /// - `month` (CAL-12): the same day `count` months later, or that month's last day, then `roll`.
    /// - `hour` (CAL-13): the calendar date `⌈count / 24⌉` days after `start`, never rolled — a date-only
    ///   bound; use `dueInstant(from:hours:)` for the exact instant.
    ///
    /// `provisional` is set when a day the result depends on lies in an uncovered year: for working
    /// days every day after `start` through the result; for rolled periods the days the roll looked at.
    public func due(from start: LocalDate, count: Int, unit: PeriodUnit, roll: Roll = .forward) -> DueDate {
        let s = start.ordinal
        switch unit {
        case .workday:
            if count > 0 {
                let o = ordinal(ofRank: rank(through: s) + count)
                return DueDate(date: LocalDate(ordinal: o), provisional: provisional(s + 1, o))
            } else if count == 0 {
                let d = nextWorkday(onOrAfter: start)
                return DueDate(date: d, provisional: provisional(s, d.ordinal))
            } else {
                return due(before: start, count: -count)
            }
        case .day:
            return rolled(start.adding(days: count), roll)
        case .month:
            return rolled(start.adding(months: count), roll)
        case .hour:
            let days = count <= 0 ? 0 : (count + 23) / 24
            return DueDate(date: start.adding(days: days), provisional: false)
        }
    }

    /// CAL-14: the `count`-th working day before `deadline` (the deadline itself is not counted):
    /// 3 working days before 2025-10-10 is 2025-09-29 (10/9, 9/30, 9/29). `count` ≤ 0 returns
    /// `deadline`.
    public func workdaysBefore(_ deadline: LocalDate, count: Int) -> LocalDate {
        due(before: deadline, count: count).date
    }

    /// CAL-14 with the provisional flag: set when a day in `[result, deadline)` is uncovered.
    public func due(before deadline: LocalDate, count: Int) -> DueDate {
        guard count > 0 else { return DueDate(date: deadline, provisional: false) }
        let e = deadline.ordinal
        let o = ordinal(ofRank: rank(through: e - 1) - count + 1)
        return DueDate(date: LocalDate(ordinal: o), provisional: provisional(o, e - 1))
    }

    /// CAL-16: the number of working days after `start` up to and including `end`.
    ///
    /// Antisymmetric: when `end` < `start` the result is minus the working days after `end` up to and
    /// including `start` (so ≤ 0); when `end` == `start` it is 0. Hence
    /// `between(d, due(from: d, count: n, unit: .workday).date) == n` for every `n` ≥ 1, and
    /// `between(a, b) + between(b, c) == between(a, c)`.
    public func between(_ start: LocalDate, _ end: LocalDate) -> Int {
        rank(through: end.ordinal) - rank(through: start.ordinal)
    }

    /// Applies a roll rule to a raw end date (CAL-11).
    public func rolled(_ raw: LocalDate, _ roll: Roll) -> DueDate {
        switch roll {
        case .none:
            return DueDate(date: raw, provisional: false)
        case .forward:
            let d = nextWorkday(onOrAfter: raw)
            return DueDate(date: d, provisional: provisional(raw.ordinal, d.ordinal))
        case .back:
            let d = previousWorkday(onOrBefore: raw)
            return DueDate(date: d, provisional: provisional(d.ordinal, raw.ordinal))
        }
    }

    // MARK: Instants (CAL-13, CAL-15, X-01)

    /// CAL-13: an hour-based limit ends exactly `hours` hours after `from` (Unix seconds); no rolling.
    public static func dueInstant(from: Int64, hours: Int) -> Int64 { from + Int64(hours) * 3600 }

    /// the Beijing (UTC+8, no daylight saving since 1991) calendar date of an instant.
    public static func beijingDate(ofInstant seconds: Int64) -> LocalDate {
        let local = seconds + beijingOffset
        let days = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
        return LocalDate(ordinal: Int(days))
    }

    /// CAL-15: a deadline ends at 24:00 Beijing time on its due date — this instant (Unix seconds).
    /// An act at an instant `t` is in time iff `t < endOfDayInstant(due)`.
    public static func endOfDayInstant(_ d: LocalDate) -> Int64 {
        Int64(d.ordinal + 1) * 86_400 - beijingOffset
    }

    private static let beijingOffset: Int64 = 8 * 3600

    // MARK: Internals

    private var last: Int { first + cumulative.count - 1 }
    private var total: Int { workdayOrdinals.count }

    private func isWorkday(ordinal o: Int) -> Bool {
        if o >= first, o <= last {
            let i = o - first
            return cumulative[i] - (i > 0 ? cumulative[i - 1] : 0) == 1
        }
        return Self.isMondayToFriday(o)
    }

    private func provisional(_ from: Int, _ through: Int) -> Bool {
        guard from <= through else { return false }
        return isProvisional(from: LocalDate(ordinal: from), through: LocalDate(ordinal: through))
    }

    /// `W(o)`: working days from the table's first day through `o` (≤ 0 before the table), extended
    /// outside the table by the Monday–Friday rule. `W(o) − W(o − 1)` is 1 exactly on working days.
    private func rank(through o: Int) -> Int {
        if cumulative.isEmpty { return Self.weekdayRank(o) - Self.weekdayRank(first - 1) }
        if o < first { return Self.weekdayRank(o) - Self.weekdayRank(first - 1) }
        if o <= last { return Int(cumulative[o - first]) }
        return total + Self.weekdayRank(o) - Self.weekdayRank(last)
    }

    /// The working day whose rank is `k`: the inverse of `rank(through:)` on working days.
    private func ordinal(ofRank k: Int) -> Int {
        if k <= 0 || cumulative.isEmpty {
            return Self.weekday(withRank: k + Self.weekdayRank(first - 1))
        }
        if k <= total { return Int(workdayOrdinals[k - 1]) }
        return Self.weekday(withRank: k - total + Self.weekdayRank(last))
    }

    /// Ordinal 4 (1970-01-05) is a Monday.
    private static let mondayOrdinal = 4

    private static func isMondayToFriday(_ o: Int) -> Bool { floorMod(o - mondayOrdinal, 7) < 5 }

    /// Number of Monday–Friday days in `[1970-01-05, o]` (negative before), a step function rising by
    /// one on each weekday.
    private static func weekdayRank(_ o: Int) -> Int {
        let x = o - mondayOrdinal
        return 5 * floorDiv(x, 7) + min(floorMod(x, 7) + 1, 5)
    }

    /// The Monday–Friday day with `weekdayRank == k`.
    private static func weekday(withRank k: Int) -> Int {
        mondayOrdinal + 7 * floorDiv(k - 1, 5) + floorMod(k - 1, 5)
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }
}

// MARK: - LocalDate helpers

extension LocalDate {
    /// CAL-12: the same day `months` months later (or earlier), or the last day of that month when it
    /// has no such day: 2025-01-31 + 1 month = 2025-02-28.
    public func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        let d = Swift.min(day, LocalDate.daysIn(year: y, month: m))
        // y/m/d are valid by construction; fall back to day arithmetic rather than trap.
        return LocalDate(year: y, month: m, day: d) ?? adding(days: months * 30)
    }

    /// 星期一 … 星期日.
    public var weekdayZH: String {
        ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"][weekday - 1]
    }
}
