// Reminders, escalation and cards (CAL-41, CAL-42): which notice a clock is owed on a day, and when a
// unit has earned a yellow or red card. Pure: the store remembers the last stage sent, the scheduler
// asks `ReminderPlan.stage(for:)` each day and sends what is new.

/// How far along the reminder ladder a clock is (CAL-41). Stored with the clock, so each stage is
/// sent once; a clock that jumps several stages (the server was down) gets only the newest.
public enum ReminderStage: Int, Sendable, Comparable, CaseIterable, Codable {
    /// Nothing sent yet.
    case none = 0
    /// The handler was told the step started.
    case started = 1
    /// Due within the warning window (yellow).
    case yellow = 2
    /// Due today (orange).
    case dueDay = 3
    /// Overdue (red): the handler and the handler's unit head are told.
    case red = 4
    /// Red for two full working days (told on the third): the responsible leader is told as well.
    case leader = 5

    public static func < (a: ReminderStage, b: ReminderStage) -> Bool { a.rawValue < b.rawValue }

    /// Who receives the notice of this stage (CAL-41).
    public var recipients: Set<ReminderRecipient> {
        switch self {
        case .none: []
        case .started, .yellow, .dueDay: [.handler]
        case .red: [.handler, .unitHead]
        case .leader: [.handler, .unitHead, .leader]
        }
    }
}

/// The people a reminder goes to.
public enum ReminderRecipient: String, Sendable, Hashable, CaseIterable {
    case handler, unitHead, leader
}

public enum ReminderPlan {
    /// Working days a clock stays red before the leader is told (CAL-41).
    public static let leaderAfterRedWorkdays = 2

    /// The stage a clock has reached on `today` (ignoring what was sent). A met, cancelled or
    /// suspended clock owes nothing beyond `.started`. With `now`, an hour clock is judged at that
    /// instant (CAL-13): red once its due instant has passed, not on the next day.
    public static func stage(for clock: Clock, today: LocalDate, warningWindow: Int = 2, ended: LocalDate? = nil, now: Int64? = nil) -> ReminderStage {
        if ended != nil { return .started }
        let signal = now.map { clock.signal(now: $0, warningWindow: warningWindow) } ?? clock.signal(today: today, warningWindow: warningWindow)
        switch signal {
        case .green: return .started
        case .yellow: return .yellow
        case .orange: return .dueDay
        case .red:
            let due = clock.dueDate(asOf: today).date
            return clock.calendar.between(due, today) > leaderAfterRedWorkdays ? .leader : .red
        }
    }

    /// The stage to send now, or nil when nothing new is owed.
    public static func owed(for clock: Clock, today: LocalDate, sent: ReminderStage, warningWindow: Int = 2, ended: LocalDate? = nil,
                            now: Int64? = nil) -> ReminderStage? {
        let reached = stage(for: clock, today: today, warningWindow: warningWindow, ended: ended, now: now)
        return reached > sent ? reached : nil
    }

    /// The notice's Chinese title for a stage.
    public static func titleZH(_ stage: ReminderStage, step: String, due: LocalDate) -> String {
        switch stage {
        case .none, .started: "新的办理环节：\(step)，期限 \(due.chinese)"
        case .yellow: "即将到期：\(step)，期限 \(due.chinese)"
        case .dueDay: "今日到期：\(step)"
        case .red: "已超期：\(step)（期限 \(due.chinese)）"
        case .leader: "超期已逾\(leaderAfterRedWorkdays)个工作日，请督办：\(step)"
        }
    }
}

/// CAL-42 red and yellow cards (003 §6.2).
public enum CardColor: String, Sendable, Codable, CaseIterable {
    case yellow, red

    public var nameZH: String { self == .yellow ? "黄牌" : "红牌" }
}

/// One finished step of a unit in a year, as the card rules see it.
public struct FinishedStep: Sendable, Equatable {
    public let due: LocalDate
    public let ended: LocalDate
    public init(due: LocalDate, ended: LocalDate) {
        self.due = due
        self.ended = ended
    }
    /// Finished after its due date (CAL-33: it stays late even though it ended).
    public var late: Bool { ended > due }
}

public enum CardRules {
    /// Consecutive late steps that earn a red card.
    public static let redAfterConsecutiveLate = 3

    /// CAL-42: a late step earns its unit a yellow card.
    public static func yellow(for step: FinishedStep) -> Bool { step.late }

    /// CAL-42: a unit with three consecutive late steps in a year — consecutive by due date, so a step
    /// finished on time between two late ones breaks the run — gets a red card and is ineligible for
    /// that year's awards. Steps due on the same day are taken in the order they ended.
    public static func red(_ steps: [FinishedStep]) -> Bool {
        var run = 0
        for s in steps.sorted(by: { ($0.due, $0.ended) < ($1.due, $1.ended) }) {
            run = s.late ? run + 1 : 0
            if run >= redAfterConsecutiveLate { return true }
        }
        return false
    }
}
