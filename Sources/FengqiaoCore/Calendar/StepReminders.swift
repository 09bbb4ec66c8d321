// A step's own reminders and escalation (complaints.md "Reminders and escalations"), on top of the
// platform's ladder (CAL-41: start, yellow, due day, red, leader): reminders at fixed leads before
// the due date (T−10 and T−3 工作日, T−15日 and T−5日) and more people told when the step turns red
// or stays red. Declared by a procedure per clock step (`ProcedureModule.reminders`); pure.

/// How far before a due date a reminder goes out.
public struct ReminderLead: Sendable, Equatable, Hashable {
    public let count: Int
    /// `.workday` (T−n 工作日, counted back, CAL-14) or `.day` (T−n日).
    public let unit: PeriodUnit

    public static func workdays(_ n: Int) -> ReminderLead { ReminderLead(count: n, unit: .workday) }
    public static func days(_ n: Int) -> ReminderLead { ReminderLead(count: n, unit: .day) }

    /// The day this lead falls on for a step due `due`.
    public func day(before due: LocalDate, in calendar: WorkCalendar) -> LocalDate {
        unit == .workday ? calendar.workdaysBefore(due, count: count) : due.adding(days: -count)
    }

    /// How the reminder names the time left: 还有10个工作日, 还有15日.
    public var leftZH: String { unit == .workday ? "\(count)个工作日" : "\(count)日" }
}

/// A clock step's reminders before the warning window and its escalation.
public struct StepReminders: Sendable, Equatable {
    /// The leads, farthest first (declared so when units are mixed).
    public let leads: [ReminderLead]
    /// Whoever else is told at a stage (red, leader), by permission over the case's unit — never by
    /// role code, so a bureau that edits its roles still reaches the right people.
    public let escalation: [ReminderStage: Set<Permission>]
    /// What the escalation asks of them, in the notice's body (“请决定延期或作出处理决定”).
    public let escalationAskZH: String?

    public init(before leads: [ReminderLead] = [], escalation: [ReminderStage: Set<Permission>] = [:], asking: String? = nil) {
        self.leads = Set(leads.map(\.unit)).count == 1 ? leads.sorted { $0.count > $1.count } : leads
        self.escalation = escalation
        escalationAskZH = asking
    }

    /// The leads `today` has reached for a step due `due`, as a count of `leads` (farthest first).
    public func reached(due: LocalDate, today: LocalDate, calendar: WorkCalendar) -> Int {
        leads.filter { today >= $0.day(before: due, in: calendar) }.count
    }

    /// The lead to remind of now, given how many were sent (`sent`): the nearest newly reached lead,
    /// or nil. Nothing is owed once the step is due or ended (the ladder's own notices take over) or
    /// before the first lead. A server down for days sends only the nearest lead reached.
    public func owed(due: LocalDate, today: LocalDate, calendar: WorkCalendar, sent: Int, ended: Bool = false) -> (count: Int, lead: ReminderLead)? {
        guard !ended, today < due else { return nil }
        let n = reached(due: due, today: today, calendar: calendar)
        guard n > sent, n > 0 else { return nil }
        return (n, leads[n - 1])
    }

    /// The notice's title for a lead's reminder.
    public static func titleZH(_ lead: ReminderLead, step: String, due: LocalDate) -> String {
        "距期限还有\(lead.leftZH)：\(step)，期限 \(due.chinese)"
    }

    /// The platform ladder alone (no leads, no one else told).
    public static let standard = StepReminders()
}
