import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The daily deadline pass (CAL-40, CAL-41), run at 08:30 Beijing time: each open clock near or past
/// its due date gets the reminder stage it has newly reached — yellow, due day, red (handler and unit
/// head), two working days red (the responsible leader too) — each sent once; and on working days
/// each handler gets one digest of their yellow, orange and red steps.
struct ClockReminders: Sendable {
    let notifier: Notifier
    let warningWorkdays: Int

    struct Outcome: Sendable, Equatable {
        var reminders = 0
        var digests = 0
    }

    @discardableResult
    func run(_ store: Store) async throws -> Outcome {
        let today = store.clock.todayInBeijing
        let calendar = try await CalendarRepository(store: store).current()
        let horizon = calendar.due(from: today, count: warningWorkdays, unit: .workday).date
        let clocks = ClockRepository(store: store)
        let org = OrganisationRepository(store: store)
        let inbox = NotificationRepository(store: store)
        let tree = try await org.tree()
        let context = AuditContext.system("scheduler")
        var outcome = Outcome()
        var digest: [UUID: [(Signal, String, LocalDate, UUID)]] = [:]
        // Escalation recipients by unit, looked up once per pass (many clocks share a unit).
        var heads: [UUID: [UUID]] = [:]
        var leaders: [UUID: [UUID]] = [:]
        for record in try await clocks.dueBy(horizon) {
            let clock = record.clock(on: calendar)
            let due = clock.dueDate(asOf: today).date
            let signal = clock.signal(today: today, warningWindow: warningWorkdays)
            let step = ClockRepository.stepName(record.step)
            if let handler = record.handlerID, signal != .green { digest[handler, default: []].append((signal, step, due, record.caseID)) }
            guard let stage = ReminderPlan.owed(for: clock, today: today, sent: record.reminderStage, warningWindow: warningWorkdays) else { continue }
            var users: [UUID] = record.handlerID.map { [$0] } ?? []
            if stage.recipients.contains(.unitHead) {
                if heads[record.unitID] == nil {
                    heads[record.unitID] = try await inbox.users(withPermission: .caseAssign, roleCodes: ["unit-head"], inUnits: [record.unitID]).map(\.id)
                }
                users += heads[record.unitID] ?? []
            }
            if stage.recipients.contains(.leader) {
                if leaders[record.unitID] == nil {
                    let path = tree.path(from: record.unitID).map(\.id)
                    leaders[record.unitID] = try await inbox.users(withPermission: .statisticsRead, roleCodes: ["deputy-leader", "chief-leader"],
                                                                   inUnits: path).map(\.id)
                }
                users += leaders[record.unitID] ?? []
            }
            let notice = Notice(kind: "clock.\(stage)", title: ReminderPlan.titleZH(stage, step: step, due: due),
                                body: "环节“\(step)”期限 \(due.chinese)（\(record.ruleSet)）。" + (stage >= .red ? "已超期，请尽快办结并说明原因（CAL-41）。" : ""),
                                link: "/cases/\(record.caseID.uuidString)")
            try await notifier.send(notice, toUsers: users, store: store, context: context)
            try await clocks.markReminded(record.id, stage: stage)
            outcome.reminders += 1
        }
        // CAL-41: the digest goes out on working days only.
        if calendar.isWorkday(today) {
            for (handler, items) in digest {
                let red = items.filter { $0.0 == .red }.count, orange = items.filter { $0.0 == .orange }.count
                let yellow = items.filter { $0.0 == .yellow }.count
                let lines = items.sorted { $0.2 < $1.2 }.prefix(20).map { "· \($0.1)：期限 \($0.2.iso)" }.joined(separator: "\n")
                try await notifier.send(Notice(kind: "clock.digest", title: "今日期限提醒：超期\(red)项，今日到期\(orange)项，即将到期\(yellow)项",
                                               body: lines, link: "/deadlines"),
                                        toUsers: [handler], store: store, context: context)
                outcome.digests += 1
            }
        }
        return outcome
    }
}
