import Testing
@testable import FengqiaoCore

/// Test dates are literals; a typo should fail loudly, not silently pass.
private func day(_ iso: String) -> LocalDate {
    guard let d = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return d
}

private func days(_ first: String, _ last: String) -> [LocalDate] {
    (day(first).ordinal...day(last).ordinal).map(LocalDate.init(ordinal:))
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator so property tests are repeatable.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Day-by-day reference implementation, to check the O(1) table arithmetic against.
private func naiveDue(_ cal: WorkCalendar, _ start: LocalDate, _ n: Int) -> LocalDate {
    var d = start
    var k = 0
    while k < n {
        d = d.adding(days: 1)
        if cal.isWorkday(d) { k += 1 }
    }
    return d
}

private func naiveBetween(_ cal: WorkCalendar, _ a: LocalDate, _ b: LocalDate) -> Int {
    if a == b { return 0 }
    if b < a { return -naiveBetween(cal, b, a) }
    return (a.ordinal + 1...b.ordinal).filter { cal.isWorkday(LocalDate(ordinal: $0)) }.count
}

@Suite("Calendar (CAL-01…CAL-16)")
struct CalendarTests {
    let cal = WorkCalendar.shipped

    // MARK: The calendar

    @Test("CAL-02 shipped data covers every year 2004–2026 and each notice is valid")
    func shippedYears() throws {
        #expect(cal.years.map(\.year) == Array(2004...2026))
        for year in cal.years {
            #expect(!year.notice.isEmpty)
            try year.validate()
        }
        #expect(cal.covers(day("2004-01-01")))
        #expect(cal.covers(day("2026-12-31")))
        #expect(!cal.covers(day("2003-12-31")))
        #expect(!cal.covers(day("2027-01-01")))
    }

    /// Each notice swaps weekend days for weekdays one for one, so its weekday rest days minus its
    /// make-up days must equal the statutory days of the 放假办法 in force (10 until 2007, 11 from
    /// 2008, 13 from 2025; +1 in 2015 for 9/3, +2 in 2020 for the COVID extension).
    @Test("CAL-02 every notice balances: weekday rest days − make-up days = statutory days")
    func noticesBalance() {
        for year in cal.years {
            let weekdayRest = year.holidayDates.filter { !$0.isWeekend }.count
            let statutory: Int
            switch year.year {
            case ...2007: statutory = 10
            case 2015: statutory = 12
            case 2020: statutory = 13
            case 2025...: statutory = 13
            default: statutory = 11
            }
            #expect(weekdayRest - year.makeUpDays.count == statutory, "\(year.year)")
        }
    }

    @Test("CAL-02 2025 matches the reference list day by day")
    func reference2025() {
        let holidays = Set(
            [day("2025-01-01")] + days("2025-01-28", "2025-02-04") + days("2025-04-04", "2025-04-06")
                + days("2025-05-01", "2025-05-05") + days("2025-05-31", "2025-06-02") + days("2025-10-01", "2025-10-08"))
        let makeUp = Set(["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"].map(day))
        for d in days("2025-01-01", "2025-12-31") {
            let expected = makeUp.contains(d) || (!d.isWeekend && !holidays.contains(d))
            #expect(cal.isWorkday(d) == expected, "\(d.iso)")
        }
        #expect(Set(cal.notice(forYear: 2025)?.holidayDates ?? []) == holidays)
        #expect(Set(cal.notice(forYear: 2025)?.makeUpDays.map(\.date) ?? []) == makeUp)
    }

    @Test("CAL-02 2026 matches the reference list day by day")
    func reference2026() {
        let holidays = Set(
            days("2026-01-01", "2026-01-03") + days("2026-02-15", "2026-02-23") + days("2026-04-04", "2026-04-06")
                + days("2026-05-01", "2026-05-05") + days("2026-06-19", "2026-06-21") + days("2026-09-25", "2026-09-27")
                + days("2026-10-01", "2026-10-07"))
        let makeUp = Set(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"].map(day))
        for d in days("2026-01-01", "2026-12-31") {
            let expected = makeUp.contains(d) || (!d.isWeekend && !holidays.contains(d))
            #expect(cal.isWorkday(d) == expected, "\(d.iso)")
        }
        #expect(Set(cal.notice(forYear: 2026)?.holidayDates ?? []) == holidays)
        #expect(Set(cal.notice(forYear: 2026)?.makeUpDays.map(\.date) ?? []) == makeUp)
    }

    @Test("CAL-02 working days per year 2004–2026")
    func workingDaysPerYear() {
        let expected = [
            2004: 252, 2005: 251, 2006: 251, 2007: 249, 2008: 251, 2009: 250, 2010: 250, 2011: 250, 2012: 249,
            2013: 250, 2014: 250, 2015: 249, 2016: 250, 2017: 249, 2018: 250, 2019: 250, 2020: 249, 2021: 250,
            2022: 249, 2023: 249, 2024: 251, 2025: 248, 2026: 248,
        ]
        for (year, count) in expected {
            #expect(cal.between(day("\(year - 1)-12-31"), day("\(year)-12-31")) == count, "\(year)")
        }
    }

    @Test("CAL-02 landmark days of earlier notices", arguments: [
        ("2004-05-07", false), ("2004-05-08", true),  // golden week, make-up Saturday
        ("2005-12-31", true),  // 国办发明电〔2005〕35号: Saturday worked for New Year 2006
        ("2006-12-30", true), ("2007-01-03", false),
        ("2007-12-29", true), ("2007-12-31", false),  // the 2008 notice reaches into 2007
        ("2008-05-02", false), ("2008-05-04", true), ("2008-04-04", false),  // first Qingming holiday
        ("2015-09-03", false), ("2015-09-04", false), ("2015-09-06", true),  // 国发明电〔2015〕1号
        ("2019-05-03", false), ("2019-05-05", true),  // 国办发明电〔2019〕2号
        ("2020-01-31", false), ("2020-02-01", false), ("2020-02-03", true),  // 国办发明电〔2020〕1号
        ("2024-02-04", true), ("2024-02-09", true), ("2024-06-10", false),
    ])
    func landmarks(date: String, working: Bool) {
        #expect(cal.isWorkday(day(date)) == working)
    }

    @Test("CAL-01 a make-up Saturday is a working day; a holiday Friday and a plain Saturday are not")
    func workdayDefinition() {
        #expect(cal.isWorkday(day("2025-10-11")))
        #expect(cal.kind(of: day("2025-10-11")) == .makeUpWorkday("国庆节调休"))
        #expect(!cal.isWorkday(day("2025-10-03")))
        #expect(cal.kind(of: day("2025-10-03")) == .holiday("国庆节、中秋节"))
        #expect(!cal.isWorkday(day("2025-10-18")))
        #expect(cal.kind(of: day("2025-10-18")) == .weekend)
        #expect(cal.kind(of: day("2025-10-17")) == .workday)
    }

    @Test("CAL-03 outside the covered years Monday–Friday count and the result is provisional")
    func uncoveredYears() {
        #expect(cal.isWorkday(day("2027-01-01")))  // a Friday; New Year 2027 not yet loaded
        #expect(!cal.isWorkday(day("2027-01-02")))
        #expect(cal.isWorkday(day("2003-12-31")))
        let across = cal.due(from: day("2026-12-28"), count: 5, unit: .workday)
        #expect(across == DueDate(date: day("2027-01-04"), provisional: true))
        let inside = cal.due(from: day("2026-12-21"), count: 5, unit: .workday)
        #expect(inside == DueDate(date: day("2026-12-28"), provisional: false))
        // A calendar-day period whose end needs no roll does not depend on the calendar.
        #expect(cal.due(from: day("2026-12-01"), count: 45, unit: .day).provisional)  // 2027-01-15 Fri, checked Mon–Fri only
        #expect(!cal.due(from: day("2026-11-01"), count: 30, unit: .day).provisional)
        #expect(cal.isProvisional(from: day("2026-12-30"), through: day("2027-01-02")))
        #expect(!cal.isProvisional(from: day("2026-12-30"), through: day("2026-12-31")))
    }

    @Test("CAL-03 loading a year makes a new revision and replaces the provisional date")
    func loadingAYear() throws {
        // setup: a hypothetical 2027 notice giving 2027-01-01 off with no make-up day
        let y2027 = HolidayYear(year: 2027, notice: "测试通知", holidays: [HolidaySpan(first: day("2027-01-01"), last: day("2027-01-01"), name: "元旦")], makeUpDays: [])
        try y2027.validate()
        // act
        let next = cal.replacing(y2027)
        // check
        #expect(next.revision == cal.revision + 1)
        #expect(next.covers(day("2027-06-01")))
        #expect(next.due(from: day("2026-12-28"), count: 5, unit: .workday) == DueDate(date: day("2027-01-05"), provisional: false))
        #expect(cal.due(from: day("2026-12-28"), count: 5, unit: .workday).date == day("2027-01-04"))
    }

    @Test("CAL-03 an empty calendar is pure Monday–Friday and everything is provisional")
    func emptyCalendar() {
        let bare = WorkCalendar(years: [])
        #expect(bare.due(from: day("2025-09-30"), count: 5, unit: .workday) == DueDate(date: day("2025-10-07"), provisional: true))
        #expect(bare.between(day("2025-09-26"), day("2025-10-03")) == 5)
        #expect(bare.workdaysBefore(day("2025-10-06"), count: 1) == day("2025-10-03"))
    }

    // MARK: Counting (CAL-10…CAL-16)

    @Test("CAL-10 due(2025-09-30, 5 workdays) = 2025-10-14")
    func cal10NationalDay() {
        #expect(cal.due(from: day("2025-09-30"), count: 5, unit: .workday) == DueDate(date: day("2025-10-14"), provisional: false))
    }

    @Test("CAL-10 due(2026-02-12, 7 workdays) = 2026-02-28, a make-up Saturday")
    func cal10SpringFestival() {
        #expect(cal.due(from: day("2026-02-12"), count: 7, unit: .workday).date == day("2026-02-28"))
    }

    @Test("CAL-10 zero working days is the same working day, or the next one")
    func cal10Zero() {
        #expect(cal.due(from: day("2025-09-30"), count: 0, unit: .workday).date == day("2025-09-30"))
        #expect(cal.due(from: day("2025-10-04"), count: 0, unit: .workday).date == day("2025-10-09"))
    }

    @Test("CAL-11 due(2025-09-05, 30 days) = 2025-10-05, a holiday → 2025-10-09")
    func cal11() {
        #expect(cal.due(from: day("2025-09-05"), count: 30, unit: .day) == DueDate(date: day("2025-10-09"), provisional: false))
        #expect(cal.due(from: day("2025-09-05"), count: 30, unit: .day, roll: .none).date == day("2025-10-05"))
        #expect(cal.due(from: day("2025-09-05"), count: 30, unit: .day, roll: .back).date == day("2025-09-30"))
    }

    @Test("CAL-12 2025-01-31 + 1 month = 2025-02-28; leap years and rolling")
    func cal12() {
        #expect(cal.due(from: day("2025-01-31"), count: 1, unit: .month).date == day("2025-02-28"))
        #expect(day("2024-01-31").adding(months: 1) == day("2024-02-29"))
        #expect(day("2025-03-31").adding(months: -1) == day("2025-02-28"))
        #expect(day("2025-11-30").adding(months: 14) == day("2027-01-30"))
        // 2025-09-01 + 1 month = 10-01 (holiday) → 10-09
        #expect(cal.due(from: day("2025-09-01"), count: 1, unit: .month).date == day("2025-10-09"))
        // petitions.md scenario 9: 诉讼 6个月 from 2025-12-15 → 2026-06-15
        #expect(cal.due(from: day("2025-12-15"), count: 6, unit: .month).date == day("2026-06-15"))
    }

    @Test("CAL-13 an hour limit is an instant plus N hours, no rolling")
    func cal13() {
        let servedAt: Int64 = 1_759_248_000  // 2025-10-01 00:00 Beijing, a holiday
        #expect(WorkCalendar.dueInstant(from: servedAt, hours: 24) == servedAt + 86_400)
        #expect(WorkCalendar.beijingDate(ofInstant: WorkCalendar.dueInstant(from: servedAt, hours: 48)) == day("2025-10-03"))
        #expect(cal.due(from: day("2025-10-01"), count: 24, unit: .hour).date == day("2025-10-02"))
    }

    @Test("CAL-15 a deadline ends at 24:00 Beijing time on its due date")
    func cal15() {
        let end = WorkCalendar.endOfDayInstant(day("2025-09-30"))
        #expect(end == 1_759_248_000)
        #expect(WorkCalendar.beijingDate(ofInstant: end - 1) == day("2025-09-30"))
        #expect(WorkCalendar.beijingDate(ofInstant: end) == day("2025-10-01"))
        #expect(WorkCalendar.beijingDate(ofInstant: -1) == day("1970-01-01"))  // 07:59:59 Beijing
        #expect(WorkCalendar.beijingDate(ofInstant: -8 * 3600 - 1) == day("1969-12-31"))
    }

    @Test("CAL-14 3 working days before 2025-10-10 is 2025-09-29")
    func cal14() {
        #expect(cal.workdaysBefore(day("2025-10-10"), count: 3) == day("2025-09-29"))
        #expect(cal.due(before: day("2025-10-10"), count: 3) == DueDate(date: day("2025-09-29"), provisional: false))
        #expect(cal.workdaysBefore(day("2025-10-10"), count: 0) == day("2025-10-10"))
        #expect(cal.due(from: day("2025-10-10"), count: -3, unit: .workday).date == day("2025-09-29"))
    }

    @Test("CAL-16 between counts working days after START up to and including END")
    func cal16() {
        #expect(cal.between(day("2025-09-30"), day("2025-10-14")) == 5)
        #expect(cal.between(day("2025-09-30"), day("2025-09-30")) == 0)
        #expect(cal.between(day("2025-10-14"), day("2025-09-30")) == -5)
        #expect(cal.between(day("2025-10-01"), day("2025-10-08")) == 0)
        #expect(cal.between(day("2025-09-30"), day("2025-10-11")) == 3)  // 10/9, 10/10, 10/11
    }

    @Test("CAL-10 next and previous working day, and the N-th working day of a month")
    func neighbours() {
        #expect(cal.nextWorkday(onOrAfter: day("2025-10-01")) == day("2025-10-09"))
        #expect(cal.nextWorkday(onOrAfter: day("2025-10-09")) == day("2025-10-09"))
        #expect(cal.previousWorkday(onOrBefore: day("2025-10-08")) == day("2025-09-30"))
        #expect(cal.previousWorkday(onOrBefore: day("2025-10-12")) == day("2025-10-11"))
        // complaints.md scenario 10: the September report freezes on the 5th working day of October
        #expect(cal.workday(5, ofYear: 2025, month: 10) == day("2025-10-14"))
        #expect(cal.workday(1, ofYear: 2026, month: 2) == day("2026-02-02"))
        #expect(cal.workday(0, ofYear: 2026, month: 2) == nil)
        #expect(cal.workday(1, ofYear: 2026, month: 13) == nil)
    }

    // MARK: Dated scenarios from the module files that are pure date arithmetic

    @Test("Scenario dates (interview, mediation, petitions, complaints) in working days", arguments: [
        // (rule/scenario, start, count, expected)
        ("IV scenario 1: verification 3 wd from clue", "2025-09-30", 3, "2025-10-11"),
        ("IV scenario 2: notice 2 wd after approval", "2026-02-13", 2, "2026-02-24"),
        ("MD scenario 1: GENERAL 20 wd from acceptance", "2025-09-26", 20, "2025-10-30"),
        ("MD scenario 1A: revisit 10 wd after agreement", "2025-10-20", 10, "2025-11-03"),
        ("MD scenario 3: dispatch approval 2 wd", "2025-09-30", 2, "2025-10-10"),
        ("MD scenario 6: 回流 2 wd after effectiveDue", "2025-10-30", 2, "2025-11-03"),
        ("MD scenario 6: termination notice 7 wd", "2025-11-05", 7, "2025-11-14"),
        ("MD scenario 9: major report 1 wd (make-up Saturday)", "2026-02-13", 1, "2026-02-14"),
        ("PT scenario 3: objection 5 wd", "2026-02-12", 5, "2026-02-26"),
        ("PT scenario 6: 包案 2 wd", "2026-03-16", 2, "2026-03-18"),
        ("CP scenario 1: accept_due 7 wd", "2025-09-26", 7, "2025-10-13"),
        ("CP scenario 1: verify_due 15 wd", "2025-09-26", 15, "2025-10-23"),
        ("CP scenario 2: mediation_due 45 wd", "2025-01-02", 45, "2025-03-12"),
        ("CP scenario 2: termination notice 7 wd across 清明", "2025-03-27", 7, "2025-04-08"),
        ("CP scenario 3: accept_due 7 wd", "2025-09-01", 7, "2025-09-10"),
        ("CP scenario 4: SAMR-20 accept_due", "2026-04-14", 7, "2026-04-23"),
        ("CP scenario 4: SAMR-121 accept_due", "2026-04-15", 7, "2026-04-24"),
        ("CP scenario 5: accept_due 7 wd across Spring Festival", "2026-02-13", 7, "2026-03-02"),
        ("CP scenario 6: reporter notice 5 wd", "2025-10-20", 5, "2025-10-27"),
        ("CP scenario 7: clue verify 15 wd", "2025-11-05", 15, "2025-11-26"),
        ("CP scenario 7: after one +15 extension", "2025-11-05", 30, "2025-12-17"),
    ])
    func scenarioWorkdays(name: String, start: String, count: Int, expected: String) {
        #expect(cal.due(from: day(start), count: count, unit: .workday) == DueDate(date: day(expected), provisional: false), "\(name)")
    }

    @Test("Scenario dates in calendar days, rolled forward (CAL-11)", arguments: [
        ("MD scenario 1A: volume 30日", "2025-10-20", 30, "2025-11-19"),
        ("MD scenario 2: filing 30日 across Spring Festival", "2026-01-16", 30, "2026-02-24"),
        ("MD scenario 6: volume 30日", "2025-11-05", 30, "2025-12-05"),
        ("PT scenario 1: notice 15日 ends on a make-up Saturday, no roll", "2025-09-26", 15, "2025-10-11"),
        ("PT scenario 2: handling 60日, raw 10-03 is a holiday", "2025-08-04", 60, "2025-10-09"),
        ("PT scenario 9: 复议 60日", "2025-12-15", 60, "2026-02-13"),
        ("CP scenario 6: decision 90日, raw 01-18 is a Sunday", "2025-10-20", 90, "2026-01-19"),
    ])
    func scenarioDays(name: String, start: String, count: Int, expected: String) {
        #expect(cal.due(from: day(start), count: count, unit: .day).date == day(expected), "\(name)")
    }

    @Test("IV scenario 4 / CAL-14: the rectification report is due 2025-09-29")
    func rectificationReport() {
        #expect(cal.workdaysBefore(day("2025-10-10"), count: 3) == day("2025-09-29"))
    }

    @Test("MD-41 / CAL-11 monthly report days roll forward; a unit date reaching the consolidation date moves before it")
    func monthlyReportRoll() {
        func unitAndConsolidation(_ year: Int, _ month: Int) -> (LocalDate, LocalDate) {
            let unit = cal.rolled(day("\(year)-\(month < 10 ? "0" : "")\(month)-23"), .forward).date
            let consolidation = cal.rolled(day("\(year)-\(month < 10 ? "0" : "")\(month)-25"), .forward).date
            let adjusted = unit < consolidation ? unit : cal.previousWorkday(onOrBefore: consolidation.adding(days: -1))
            return (adjusted, consolidation)
        }
        #expect(unitAndConsolidation(2025, 8) == (day("2025-08-22"), day("2025-08-25")))
        #expect(unitAndConsolidation(2025, 11) == (day("2025-11-24"), day("2025-11-25")))
        #expect(unitAndConsolidation(2026, 1) == (day("2026-01-23"), day("2026-01-26")))
        #expect(unitAndConsolidation(2026, 2) == (day("2026-02-24"), day("2026-02-25")))
    }

    // MARK: Properties over random dates 2004–2026

    @Test("CAL-10/CAL-16 property: between(d, due(d, n)) == n and the due date is a working day")
    func propertyBetweenInvertsDue() {
        var rng = SplitMix64(seed: 0xF3_9A_01_2025)
        let lo = day("2004-01-01").ordinal, hi = day("2026-10-31").ordinal
        for _ in 0..<5_000 {
            let d = LocalDate(ordinal: Int.random(in: lo...hi, using: &rng))
            let n = Int.random(in: 1...45, using: &rng)
            let due = cal.due(from: d, count: n, unit: .workday)
            #expect(cal.between(d, due.date) == n, "\(d.iso) + \(n)")
            #expect(cal.isWorkday(due.date), "\(d.iso) + \(n)")
            #expect(!due.provisional, "\(d.iso) + \(n)")
            #expect(cal.between(due.date, d) == -n)
        }
    }

    @Test("CAL-14 property: counting back inverts counting forward from a working day")
    func propertyBackInvertsForward() {
        var rng = SplitMix64(seed: 0x0C41_14)
        let lo = day("2004-01-01").ordinal, hi = day("2026-10-31").ordinal
        var checked = 0
        while checked < 3_000 {
            let d = LocalDate(ordinal: Int.random(in: lo...hi, using: &rng))
            guard cal.isWorkday(d) else { continue }
            let n = Int.random(in: 1...45, using: &rng)
            let forward = cal.due(from: d, count: n, unit: .workday).date
            #expect(cal.workdaysBefore(forward, count: n) == d, "\(d.iso) ± \(n)")
            checked += 1
        }
    }

    @Test("CAL-10/CAL-16 property: the O(1) table agrees with day-by-day counting, inside and outside the covered years")
    func propertyAgreesWithNaive() {
        var rng = SplitMix64(seed: 42)
        let lo = day("2001-06-01").ordinal, hi = day("2029-06-30").ordinal
        for _ in 0..<1_500 {
            let d = LocalDate(ordinal: Int.random(in: lo...hi, using: &rng))
            let n = Int.random(in: 0...70, using: &rng)
            let e = LocalDate(ordinal: d.ordinal + Int.random(in: -60...60, using: &rng))
            if n > 0 { #expect(cal.due(from: d, count: n, unit: .workday).date == naiveDue(cal, d, n), "\(d.iso) + \(n)") }
            #expect(cal.between(d, e) == naiveBetween(cal, d, e), "\(d.iso)…\(e.iso)")
            var next = d
            while !cal.isWorkday(next) { next = next.adding(days: 1) }
            #expect(cal.nextWorkday(onOrAfter: d) == next)
            var previous = d
            while !cal.isWorkday(previous) { previous = previous.adding(days: -1) }
            #expect(cal.previousWorkday(onOrBefore: d) == previous)
        }
    }

    @Test("CAL-11 property: a rolled-forward calendar-day due date is the first working day on or after start + n")
    func propertyRollForward() {
        var rng = SplitMix64(seed: 7)
        let lo = day("2004-01-01").ordinal, hi = day("2026-09-30").ordinal
        for _ in 0..<2_000 {
            let d = LocalDate(ordinal: Int.random(in: lo...hi, using: &rng))
            let n = Int.random(in: 1...90, using: &rng)
            let raw = d.adding(days: n)
            let due = cal.due(from: d, count: n, unit: .day).date
            #expect(due >= raw && cal.isWorkday(due))
            #expect(cal.between(raw.adding(days: -1), due.adding(days: -1)) == 0, "\(d.iso) + \(n)日")  // no working day skipped
            let back = cal.due(from: d, count: n, unit: .day, roll: .back).date
            #expect(back <= raw && cal.isWorkday(back) && cal.between(back, raw) == 0)
        }
    }
}
