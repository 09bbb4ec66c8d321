import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The daily deadline pass (CAL-40, CAL-41), run at 08:30 Beijing time: each open clock near or past
/// its due date gets the reminder stage it has newly reached — yellow, due day, red (with the unit
/// head), two working days red (the responsible leader too) — each sent once; and on working days
/// each person gets one digest of the yellow, orange and red steps they must act on.
///
/// A step's reminders go to whoever must act on it (issue 12 item 6): the handler for the handler's
/// steps; for a step whose transition needs another permission (法制审核, 审批) the holders of that
/// permission whose scope covers the case's unit; for a step with no handler (a sub-task's reply),
/// the holders of `case.handle` covering the clock's unit. Escalation is by permission too (`Escalation`).
///
/// The procedures whose declarations say whose step each clock is, and name its step, are the app's
/// (`store.procedures`, issue 12): a procedure registered at start-up is reminded like a shipped one.
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
        let procedures = store.procedures
        // CAL-13: hour clocks are judged at this instant, not by the date.
        let now = store.clock.nowMillis / 1000
        let calendar = try await CalendarRepository(store: store).current()
        // The farthest lead any step reminds at (T−15日 for a penalty decision) or the warning window.
        let horizon = procedures.reminderHorizon(from: today, calendar: calendar, warningWorkdays: warningWorkdays)
        let clocks = ClockRepository(store: store)
        let inbox = NotificationRepository(store: store)
        let tree = try await OrganisationRepository(store: store).tree()
        let context = AuditContext.system("scheduler")
        var outcome = Outcome()
        var digest: [UUID: [(Signal, String, LocalDate, UUID)]] = [:]
        // A clock that only measures an indicator (约谈启动及时率) reminds no one.
        let records = try await clocks.dueBy(horizon).filter { !$0.measure }
        let caseTypes = try await clocks.caseTypes(of: Array(Set(records.map(\.caseID))))
        // Recipients by unit (and permissions), looked up once per pass: many clocks share a unit.
        var holders: [String: [UUID]] = [:]
        var heads: [UUID: [UUID]] = [:]
        var leaders: [UUID: [UUID]] = [:]
        for record in records {
            let clock = record.clock(on: calendar)
            let due = clock.dueDate(asOf: today).date
            let signal = clock.signal(now: now, warningWindow: warningWorkdays)
            let step = procedures.stepName(record.step)
            let permissions = caseTypes[record.caseID].flatMap(procedures.procedure(caseType:))
                .map { Worklist.actingPermissions(forClock: record.step, of: $0) } ?? []
            var actors: [UUID]
            if permissions.isEmpty, let handler = record.handlerID {
                actors = [handler]
            } else if permissions.isEmpty {
                // A step no one handles by name is its unit's queue (a sub-task's reply, issue 12 item
                // 4; a dispatched case not yet taken): whoever handles cases there is told.
                let key = record.unitID.uuidString + Permission.caseHandle.rawValue
                if holders[key] == nil { holders[key] = try await inbox.holders(of: [.caseHandle], covering: record.unitID, tree: tree) }
                actors = holders[key] ?? []
            } else {
                let key = record.unitID.uuidString + permissions.map(\.rawValue).sorted().joined(separator: ",")
                if holders[key] == nil { holders[key] = try await inbox.holders(of: permissions, covering: record.unitID, tree: tree) }
                actors = holders[key] ?? []
            }
            if signal != .green {
                for user in actors { digest[user, default: []].append((signal, step, due, record.caseID)) }
            }
            let plan = caseTypes[record.caseID].map { procedures.reminders(caseType: $0, step: record.step) } ?? .standard
            let stage = ReminderPlan.owed(for: clock, today: today, sent: record.reminderStage, warningWindow: warningWorkdays, now: now)
            // complaints.md "Reminders and escalations": a lead reached (T−10 工作日 …) is told once; on a
            // day the ladder also owes a notice, that notice alone goes out. A due date moved later
            // (an extension) brings the count back, so the new period's leads are told.
            let reached = plan.reached(due: due, today: today, calendar: calendar)
            if let early = plan.owed(due: due, today: today, calendar: calendar, sent: record.earlyReminders) {
                if stage == nil {
                    let notice = Notice(kind: "clock.lead", title: StepReminders.titleZH(early.lead, step: step, due: due),
                                        body: "环节“\(step)”期限 \(due.chinese)（\(TimelineText.ruleSetLabel(record.ruleSet, procedures: procedures))），请按期办理。",
                                        link: "/cases/\(record.caseID.uuidString)")
                    try await notifier.send(notice, toUsers: Self.unique(actors), store: store, context: context)
                    outcome.reminders += 1
                }
                try await clocks.markEarlyReminded(record.id, count: early.count)
            } else if reached < record.earlyReminders {
                try await clocks.markEarlyReminded(record.id, count: reached)
            }
            guard let stage else { continue }
            if stage.recipients.contains(.unitHead) {
                if heads[record.unitID] == nil { heads[record.unitID] = try await inbox.unitHeads(of: record.unitID) }
                actors += heads[record.unitID] ?? []
            }
            if stage.recipients.contains(.leader) {
                if leaders[record.unitID] == nil { leaders[record.unitID] = try await inbox.leaders(over: record.unitID, tree: tree) }
                actors += leaders[record.unitID] ?? []
            }
            // The step's own escalation (法制科 and the 分管局长 for a penalty decision …) for every stage
            // newly reached, so a pass after downtime still tells them.
            let escalated = ReminderStage.allCases.filter { $0 > record.reminderStage && $0 <= stage }.reduce(into: Set<Permission>()) {
                $0.formUnion(plan.escalation[$1] ?? [])
            }
            if !escalated.isEmpty {
                let key = record.unitID.uuidString + escalated.map(\.rawValue).sorted().joined(separator: ",")
                if holders[key] == nil { holders[key] = try await inbox.holders(of: escalated, covering: record.unitID, tree: tree) }
                actors += holders[key] ?? []
            }
            let ask = escalated.isEmpty ? "" : plan.escalationAskZH ?? ""
            let notice = Notice(kind: "clock.\(stage)", title: ReminderPlan.titleZH(stage, step: step, due: due),
                                body: "环节“\(step)”期限 \(due.chinese)（\(TimelineText.ruleSetLabel(record.ruleSet, procedures: procedures))）。"
                                    + (stage >= .red ? "已超期，请尽快办结并说明原因（CAL-41）。" : "") + ask,
                                link: "/cases/\(record.caseID.uuidString)")
            try await notifier.send(notice, toUsers: Self.unique(actors), store: store, context: context)
            try await clocks.markReminded(record.id, stage: stage)
            outcome.reminders += 1
        }
        // CAL-41: the digest goes out on working days only.
        if calendar.isWorkday(today) {
            for (user, items) in digest.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                let red = items.filter { $0.0 == .red }.count, orange = items.filter { $0.0 == .orange }.count
                let yellow = items.filter { $0.0 == .yellow }.count
                let lines = items.sorted { $0.2 < $1.2 }.prefix(20).map { "· \($0.1)：期限 \($0.2.iso)" }.joined(separator: "\n")
                try await notifier.send(Notice(kind: "clock.digest", title: "今日期限提醒：超期\(red)项，今日到期\(orange)项，即将到期\(yellow)项",
                                               body: lines, link: "/deadlines"),
                                        toUsers: [user], store: store, context: context)
                outcome.digests += 1
            }
        }
        return outcome
    }

    /// Each user once, in the order first named.
    static func unique(_ ids: [UUID]) -> [UUID] {
        var seen = Set<UUID>()
        return ids.filter { seen.insert($0).inserted }
    }
}
