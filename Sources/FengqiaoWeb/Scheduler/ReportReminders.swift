import FengqiaoCore
import FengqiaoStore
import Foundation

/// mediation.md "Reminders and escalations", Reports: each morning, for every procedure with a
/// reporting roll (MD-41), the previous month's report — the units not yet reported are reminded on the
/// 3rd working day before their date, and on the first working day after it the consolidating office
/// (法制科) is told which units have not reported. Run once a day (`reports.daily`).
struct ReportReminders {
    let notifier: Notifier

    func run(_ store: Store) async throws {
        let today = store.clock.todayInBeijing
        let calendar = try await CalendarRepository(store: store).current()
        guard calendar.isWorkday(today) else { return }
        let lastMonthDay = LocalDate(ordinal: today.ordinal - today.day)
        guard let month = ReportPeriod.month(lastMonthDay.year, lastMonthDay.month) else { return }
        for procedure in store.procedures.procedures { try await remind(procedure, store, month: month, today: today, calendar: calendar) }
    }

    private func remind<P: Procedure>(_ p: P.Type, _ store: Store, month: ReportPeriod, today: LocalDate, calendar: WorkCalendar) async throws {
        guard let roll = P.module.reporting, let due = roll.due(month, calendar), let reminder = due.reminder(on: today, calendar: calendar) else { return }
        let repository = UnitReportRepository(store: store, caseType: P.caseType)
        let tree = try await OrganisationRepository(store: store).tree()
        let submitted = try await repository.submitted(period: month.key)
        let missing = try await repository.reportingUnits(holding: roll.submit, among: nil).filter { submitted[$0] == nil }.compactMap { tree.units[$0] }
            .sorted { $0.code < $1.code }
        guard !missing.isEmpty else { return }
        let link = "/statistics/\(P.module.pathWord)/reports?month=\(month.key)"
        let context = AuditContext.system("scheduler")
        let notices = NotificationRepository(store: store)
        switch reminder {
        case .before:
            for unit in missing {
                let users = try await notices.users(withPermission: roll.submit, inUnits: [unit.id]).map(\.id)
                try await notifier.send(Notice(kind: "report.due", title: "\(roll.titleZH)将于\(due.unit.date.chinese)到期",
                                               body: "\(unit.name)\(month.labelZH)的\(roll.titleZH)请于\(due.unit.date.chinese)前报送\(roll.consolidatorZH)（\(roll.rule)）。",
                                               link: link), toUsers: users, store: store, context: context)
            }
        case .overdue:
            try await notifier.send(Notice(kind: "report.overdue", title: "\(roll.titleZH)逾期未报送：\(missing.count)个单位",
                                           body: "\(missing.map(\.name).joined(separator: "、"))未于\(due.unit.date.chinese)前报送\(month.labelZH)的\(roll.titleZH)，请督促；汇总上报期限为\(due.consolidation.date.chinese)（\(roll.rule)）。",
                                           link: link), toPermission: roll.consolidate, store: store, context: context)
        }
    }
}
