import Foundation

// The mediation system's own dates (mediation.md step 11): the monthly report roll (MD-41, MD-43),
// the annual report (MD-42) and the weekly Monday meeting around holidays (MD-45). Dates beyond the
// loaded calendar are provisional (MD-51, CAL-03).

public enum MediationCalendar {
    /// MD-41: the due dates of the report on `year`-`month`, due in the following month. A rest day
    /// rolls forward; a unit date that would fall on or after the consolidation date becomes the last
    /// working day before it (Aug 2025: the 23rd is a Saturday, Monday the 25th is the consolidation
    /// day, so the units report on Friday the 22nd).
    public static func monthlyReport(year: Int, month: Int, calendar: WorkCalendar) -> MonthlyReportDue? {
        guard let period = ReportPeriod.month(year, month) else { return nil }
        let dueYear = month == 12 ? year + 1 : year, dueMonth = month == 12 ? 1 : month + 1
        guard let d23 = LocalDate(year: dueYear, month: dueMonth, day: 23), let d25 = LocalDate(year: dueYear, month: dueMonth, day: 25) else { return nil }
        let consolidation = calendar.nextWorkday(onOrAfter: d25)
        var unit = calendar.nextWorkday(onOrAfter: d23)
        if unit >= consolidation { unit = calendar.previousWorkday(onOrBefore: consolidation.adding(days: -1)) }
        return MonthlyReportDue(period: period, unit: due(unit, calendar), consolidation: due(consolidation, calendar))
    }

    /// MD-43: the monthly information to 法制科 by the 25th, the same roll as the consolidation.
    public static func monthlyInformation(year: Int, month: Int, calendar: WorkCalendar) -> DueDate? {
        monthlyReport(year: year, month: month, calendar: calendar)?.consolidation
    }

    /// MD-42: the leading group's annual report upward by 12-25 of the year, a rest day rolling forward.
    public static func annualReport(year: Int, calendar: WorkCalendar) -> DueDate? {
        LocalDate(year: year, month: 12, day: 25).map { due(calendar.nextWorkday(onOrAfter: $0), calendar) }
    }

    /// MD-45: the weekly meeting of the week (Monday to Sunday) holding `day` — Monday morning, or the
    /// first working day of that week when Monday is a rest day; nil when the week has none.
    public static func weeklyMeeting(weekOf day: LocalDate, calendar: WorkCalendar) -> DueDate? {
        WeeklyMeeting.day(inWeekOf: day, calendar: calendar).map { due($0, calendar) }
    }

    /// MD-51: a date on a year the calendar does not cover is provisional.
    static func due(_ d: LocalDate, _ calendar: WorkCalendar) -> DueDate { DueDate(date: d, provisional: !calendar.covers(d)) }
}
