import FengqiaoCore
import Testing

/// complaints.md "Reminders and escalations": a step's reminders at fixed leads before its due date,
/// counted in working days back across the 2025 National Day (holiday 10-01…10-08, make-up working
/// days Sun 09-28 and Sat 10-11) or in calendar days.
@Suite("Step reminders (complaints.md reminders and escalations)")
struct StepRemindersTests {
    static let calendar = WorkCalendar.shipped
    static func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test("mediation due Wed 2025-10-15: T−3 工作日 is Sat 10-11 (a make-up day) and T−10 工作日 is Thu 09-25, across National Day and the make-up Sunday 09-28")
    func workdayLeadsAcrossNationalDay() {
        let plan = ComplaintProcedure.module.reminders["mediation"]!
        #expect(plan.leads == [.workdays(10), .workdays(3)])
        let due = Self.d("2025-10-15")
        #expect(plan.leads.map { $0.day(before: due, in: Self.calendar) } == [Self.d("2025-09-25"), Self.d("2025-10-11")])
        #expect(plan.reached(due: due, today: Self.d("2025-09-24"), calendar: Self.calendar) == 0)
        #expect(plan.reached(due: due, today: Self.d("2025-09-25"), calendar: Self.calendar) == 1)
        #expect(plan.reached(due: due, today: Self.d("2025-10-08"), calendar: Self.calendar) == 1)
        #expect(plan.reached(due: due, today: Self.d("2025-10-11"), calendar: Self.calendar) == 2)
    }

    @Test("each lead is owed once; a server down from 09-24 to 10-12 sends only the nearest lead; nothing is owed on or after the due day or once ended")
    func owedOnce() {
        let plan = StepReminders(before: [.workdays(3), .workdays(10)])
        let due = Self.d("2025-10-15")
        #expect(plan.owed(due: due, today: Self.d("2025-09-24"), calendar: Self.calendar, sent: 0) == nil)
        let first = plan.owed(due: due, today: Self.d("2025-09-25"), calendar: Self.calendar, sent: 0)
        #expect(first?.count == 1 && first?.lead == .workdays(10))
        #expect(plan.owed(due: due, today: Self.d("2025-09-30"), calendar: Self.calendar, sent: 1) == nil)
        let jumped = plan.owed(due: due, today: Self.d("2025-10-12"), calendar: Self.calendar, sent: 0)
        #expect(jumped?.count == 2 && jumped?.lead == .workdays(3))
        #expect(plan.owed(due: due, today: Self.d("2025-10-13"), calendar: Self.calendar, sent: 2) == nil)
        #expect(plan.owed(due: due, today: due, calendar: Self.calendar, sent: 1) == nil)
        #expect(plan.owed(due: due, today: Self.d("2025-10-13"), calendar: Self.calendar, sent: 1, ended: true) == nil)
    }

    @Test("a penalty decision due Mon 2025-12-29 reminds at T−15日 (Sun 12-14, not rolled) and T−5日 (Wed 12-24); overdue it tells 法制科 and the 分管局长 by permission")
    func penaltyDecision() {
        let plan = EnforcementProcedure.module.reminders["decision"]!
        let due = Self.d("2025-12-29")
        #expect(plan.leads.map { $0.day(before: due, in: Self.calendar) } == [Self.d("2025-12-14"), Self.d("2025-12-24")])
        #expect(plan.escalation[.red] == [.legalReview, .penaltyExtend])
        #expect(StepReminders.titleZH(plan.leads[0], step: "作出决定", due: due).hasPrefix("距期限还有15日"))
    }

    @Test("report verification reminds at T−5 and T−2 工作日 and asks the 局负责人 at red; the acceptance decision escalates to the centre head after the unit head; a step without a plan has the ladder alone")
    func declaredPlans() {
        let registry = ProcedureRegistry.shipped
        #expect(registry.reminders(caseType: "report", step: "reportVerification").leads == [.workdays(5), .workdays(2)])
        #expect(registry.reminders(caseType: "report", step: "reportVerification").escalation[.red] == [.reportApprove])
        #expect(registry.reminders(caseType: "complaint", step: "acceptance").escalation[.leader] == [.complaintDispatch])
        #expect(registry.reminders(caseType: "interview", step: "verification") == .standard)
        // The pass reads clocks due up to the farthest lead: from Mon 2025-11-03, 15 calendar days (11-18)
        // lie beyond 10 working days (11-17); across National Day 10 working days from Sat 09-20 reach
        // Fri 10-10, beyond the 15 days (10-05).
        #expect(registry.reminderHorizon(from: Self.d("2025-11-03"), calendar: Self.calendar, warningWorkdays: 2) == Self.d("2025-11-18"))
        #expect(registry.reminderHorizon(from: Self.d("2025-09-20"), calendar: Self.calendar, warningWorkdays: 2) == Self.d("2025-10-10"))
    }
}
