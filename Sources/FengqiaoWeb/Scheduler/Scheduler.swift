import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// Runs due jobs from the database (CAL-43). Every `serve` process runs one; claims never overlap,
/// so each job fires once however many servers there are, and jobs missed while all servers were
/// down fire at the next start.
public struct Scheduler: Sendable {
    public typealias Handler = @Sendable (Job, Store) async throws -> Void

    public let worker: String
    public let handlers: [String: Handler]

    public init(worker: String = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(6))",
                handlers: [String: Handler]) {
        self.worker = worker
        self.handlers = handlers
    }

    /// One pass: hand back jobs of dead workers, claim due jobs, run them. Returns the jobs run.
    @discardableResult
    public func tick(_ store: Store, batch: Int = 20) async throws -> [Job] {
        let jobs = JobRepository(store: store)
        try await jobs.releaseStale(staleAfter: 15 * 60_000)
        let claimed = try await jobs.claim(worker: worker, limit: batch)
        for job in claimed {
            guard let handler = handlers[job.kind] else {
                try await jobs.fail(job, error: "no handler for \(job.kind)", retryAt: store.clock.nowMillis + 3_600_000, maxAttempts: 1)
                continue
            }
            do {
                try await handler(job, store)
                try await jobs.finish(job.id)
            } catch {
                // Back off: 1, 2, 4 … minutes.
                try await jobs.fail(job, error: String(describing: error), retryAt: store.clock.nowMillis + Int64(60_000 << min(job.attempts, 10)))
            }
        }
        return claimed
    }

    /// The next 02:00 Beijing time after `now` (ms), for the nightly chain check.
    static func nextNightly(after now: Int64) -> (at: Int64, day: LocalDate) {
        let beijingMs = now + 8 * 3_600_000
        var day = LocalDate(ordinal: Int(beijingMs / 86_400_000))
        var at = (Int64(day.ordinal) * 86_400_000 + 2 * 3_600_000) - 8 * 3_600_000
        if at <= now {
            day = day.adding(days: 1)
            at += 86_400_000
        }
        return (at, day)
    }

    /// The jobs Fengqiao ships: the nightly audit-chain verification (PLT-21), whose verdict is
    /// itself an audit event, so a broken chain is on the record the morning after.
    public static func shipped(notifier: Notifier, warningWorkdays: Int = 2, platform: PlatformSync? = nil) -> Scheduler {
        var scheduler = Scheduler(handlers: [
            // CAL-40, CAL-41: reminders, escalation and the working-day digest at 08:30, for the
            // procedures of the store's app (`store.procedures`).
            "clocks.daily": { _, store in
                try await ClockReminders(notifier: notifier, warningWorkdays: warningWorkdays).run(store)
            },
            // MD-41: the monthly reports' reminders, for the procedures with a reporting roll.
            "reports.daily": { _, store in
                try await ReportReminders(notifier: notifier).run(store)
            },
            // CAL-43, PA-27: transitions the procedures time (silence as consent), each clock once.
            "transitions.timed": { _, store in
                _ = try await TimedTransitionRepository(store: store).fireDue()
            },
            // CP-38: on the 5th working day of a month the previous month's complaint analysis is frozen.
            "complaints.monthly-freeze": { _, store in
                guard store.procedures.declares(.monthlyAnalysis) else { return }
                try await ComplaintMonthlyPages.freezeDue(store)
            },
            // CP-43: an uploaded platform or hotline export, registered item by item.
            ComplaintImportRepository.jobKind: { job, store in
                guard let id = UUID(uuidString: job.payload) else { return }
                try await ComplaintImportRepository(store: store).run(id)
            },
            "audit.verify": { _, store in
                let verdict = try await AuditRepository(store: store).verify()
                try await store.write(.system("scheduler")) { tx in
                    tx.record("audit.verify", "audit", nil, detail: String(describing: verdict))
                }
                if case .broken(let seq, let problem) = verdict {
                    try await notifier.send(Notice(kind: "audit.broken", title: "审计链校验失败",
                                                   body: "夜间校验发现第 \(seq) 号事件异常：\(problem.messageZH)。请立即核查（PLT-21）。", link: "/audit"),
                                            toPermission: .auditRead, store: store, context: .system("scheduler"))
                }
            },
            // CAL-03: the State Council publishes next year's holidays each November; from
            // 1 December, remind the calendar administrators daily until the year is loaded.
            "calendar.next-year": { _, store in
                let today = store.clock.todayInBeijing
                let calendar = try await CalendarRepository(store: store).current()
                guard today.month == 12, let nextJan = LocalDate(year: today.year + 1, month: 1, day: 1), !calendar.covers(nextJan) else { return }
                try await notifier.send(Notice(kind: "calendar.missing", title: "请导入\(today.year + 1)年节假日安排",
                                               body: "工作日历尚未包含\(today.year + 1)年。国务院办公厅通知发布后，请在“日历”页面导入；在此之前该年期限按周一至周五暂定计算（CAL-03）。",
                                               link: "/admin/calendar"),
                                        toPermission: .adminCalendar, store: store, context: .system("scheduler"))
            },
        ])
        // CP-43: the 12315 platform, when configured — a pass a minute; the pass pulls when due
        // (at least hourly) and pushes the queued status changes. Its failures are kept and told by
        // the pass itself, so the job never fails into the generic retry.
        if let platform { scheduler = Scheduler(worker: scheduler.worker, handlers: scheduler.handlers.merging([PlatformSync.jobKind: { _, store in
            _ = try await platform.run(store)
        }]) { a, _ in a }) }
        return scheduler
    }

    /// `hour:minute` Beijing time today, or tomorrow if that has passed (09:00 by default).
    static func nextMorning(after now: Int64, hour: Int = 9, minute: Int = 0) -> (at: Int64, day: LocalDate) {
        let beijingMs = now + 8 * 3_600_000
        var day = LocalDate(ordinal: Int(beijingMs / 86_400_000))
        var at = Int64(day.ordinal) * 86_400_000 + Int64(hour * 60 + minute) * 60_000 - 8 * 3_600_000
        if at <= now {
            day = day.adding(days: 1)
            at += 86_400_000
        }
        return (at, day)
    }
}

/// Starts the scheduler loop with `serve` and stops it at shutdown.
struct SchedulerLifecycle: LifecycleHandler {
    let scheduler: Scheduler
    let interval: Duration
    private let task = TaskBox()

    init(scheduler: Scheduler, interval: Duration = .seconds(5)) {
        self.scheduler = scheduler
        self.interval = interval
    }

    final class TaskBox: @unchecked Sendable {
        // Written in didBoot and read in shutdown, both on the application's lifecycle thread.
        var task: Task<Void, Never>?
    }

    func didBootAsync(_ app: Application) async throws {
        let command = app.environment.arguments.dropFirst().first ?? "serve"
        guard app.fengqiao.config.runScheduler, command == "serve" || command == "demo" else { return }
        let scheduler = self.scheduler
        let interval = self.interval
        let logger = app.logger
        let services = app.fengqiao
        let db = app.db
        task.task = Task {
            while !Task.isCancelled {
                // Wait first: at boot the demo may still be migrating.
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                do {
                    let store = services.store(db)
                    let next = Scheduler.nextNightly(after: store.clock.nowMillis)
                    try await JobRepository(store: store).enqueue(kind: "audit.verify", runAt: next.at, dedupeKey: "audit.verify:\(next.day.iso)")
                    let morning = Scheduler.nextMorning(after: store.clock.nowMillis)
                    try await JobRepository(store: store).enqueue(kind: "calendar.next-year", runAt: morning.at, dedupeKey: "calendar.next-year:\(morning.day.iso)")
                    // CP-38: late in the Beijing day, so the freeze day's own conclusions count.
                    let freeze = Scheduler.nextMorning(after: store.clock.nowMillis, hour: 23, minute: 50)
                    try await JobRepository(store: store).enqueue(kind: "complaints.monthly-freeze", runAt: freeze.at,
                                                                  dedupeKey: "complaints.monthly-freeze:\(freeze.day.iso)")
                    let digest = Scheduler.nextMorning(after: store.clock.nowMillis, hour: 8, minute: 30)
                    try await JobRepository(store: store).enqueue(kind: "clocks.daily", runAt: digest.at, dedupeKey: "clocks.daily:\(digest.day.iso)")
                    try await JobRepository(store: store).enqueue(kind: "reports.daily", runAt: digest.at, dedupeKey: "reports.daily:\(digest.day.iso)")
                    // CP-43: the platform's pass, every minute while it is configured (one server runs each).
                    if scheduler.handlers[PlatformSync.jobKind] != nil {
                        let minute = store.clock.nowMillis / 60_000
                        try await JobRepository(store: store).enqueue(kind: PlatformSync.jobKind, runAt: minute * 60_000,
                                                                      dedupeKey: "\(PlatformSync.jobKind):\(minute)")
                    }
                    // Every minute, when a registered procedure times a transition (CAL-43).
                    if TimedTransitionRepository(store: store).anyTimed {
                        let minute = store.clock.nowMillis / 60_000
                        try await JobRepository(store: store).enqueue(kind: "transitions.timed", runAt: minute * 60_000,
                                                                      dedupeKey: "transitions.timed:\(minute)")
                    }
                    try await scheduler.tick(store)
                } catch {
                    logger.warning("scheduler: \(error)")
                }
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task.task?.cancel()
        _ = await task.task?.value
    }
}
