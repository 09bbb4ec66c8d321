import FengqiaoCore
import Foundation

/// A suspension or extension as stored (CAL-31, CAL-32), with the approver's name for the timeline.
public struct ClockRecordEntry: Sendable, Equatable {
    public enum Kind: String, Sendable { case suspension, `extension` }
    public let id: UUID
    public let kind: Kind
    public let from: LocalDate?
    public let to: LocalDate?
    public let count: Int
    public let ground: String
    public let approverID: UUID
    public let approverName: String
    public let grantedOn: LocalDate?
}

/// A stored step clock (CAL-30): everything needed to rebuild the core `Clock`, plus the due date as
/// last computed (for the scan) and the reminder stage already sent (CAL-41).
public struct ClockRecord: Sendable {
    public let id: UUID
    public let caseID: UUID
    public let unitID: UUID
    public let handlerID: UUID?
    public let step: String
    /// `key@version` of the rule set the case is bound to (CAL-21).
    public let ruleSet: String
    public let rule: TimeLimitRule
    public let start: LocalDate
    public let due: LocalDate
    public let provisional: Bool
    public let ruleUnconfirmed: Bool
    public let calendarRevision: Int
    public let endedOn: LocalDate?
    public let cancelledOn: LocalDate?
    public let late: Bool
    public let reminderStage: ReminderStage
    /// How many of its step's early reminders were sent (`StepReminders`, migration 029).
    public var earlyReminders: Int = 0
    public let records: [ClockRecordEntry]
    /// CAL-13: an hour clock's start, due and end instants (Unix seconds); nil on day clocks.
    public let startAt: Int64?
    public let dueAt: Int64?
    public let endedAt: Int64?
    /// Whether it only measures an indicator (`ProcedureModule.measureSteps`): no reminders, cards or
    /// worklist order.
    public let measure: Bool
    /// CAL-32: extension requests still waiting for their named approver, oldest first.
    public let pendingExtensions: [ExtensionRequest]

    /// The core clock on `calendar` (CAL-30…33 answer from it).
    public func clock(on calendar: WorkCalendar) -> Clock {
        Clock(restoring: start, rule: rule, calendar: calendar,
              suspensions: records.filter { $0.kind == .suspension }.compactMap { r in
                  r.from.map { Suspension(from: $0, to: r.to, ground: r.ground, approver: r.approverName) }
              },
              extensions: records.filter { $0.kind == .`extension` }.map {
                  Extension(count: $0.count, ground: $0.ground, approver: $0.approverName, grantedOn: $0.grantedOn ?? start)
              },
              cancelledOn: cancelledOn, startAt: startAt)
    }

    public var isOpen: Bool { endedOn == nil && cancelledOn == nil }
}
