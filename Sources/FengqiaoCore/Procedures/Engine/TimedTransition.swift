import Foundation

// Transitions fired by time (issue 12 item 4, CAL-43): a procedure declares, for a clock step, the
// transition the system takes when that clock runs out — silence as consent in parallel approval
// (PA-27: 逾期未回复，视为认可), a proposal on expiry in complaints. The scheduler finds the running
// clocks of such steps past their due date or instant and takes the transition through the normal
// engine path, as the system, once per clock.

/// A transition the system takes when the clock of `step` runs out.
public struct TimedTransition: Sendable, Equatable {
    /// The rule-set step whose clock, once overdue, fires the transition.
    public let step: String
    /// The key of the procedure's transition to take (one of its `steps`).
    public let transition: String
    /// The input the system submits, as a user would.
    public let input: ActionInput
    /// The rule that makes silence count (PA-27), cited in the audit trail.
    public let rule: String
    /// The transition is the system's alone (视为认可 is "set only by the system", approval.md): the
    /// engine neither offers it to people nor lets them take it.
    public let systemOnly: Bool

    public init(step: String, transition: String, input: ActionInput = ActionInput(), rule: String, systemOnly: Bool = true) {
        self.step = step
        self.transition = transition
        self.input = input
        self.rule = rule
        self.systemOnly = systemOnly
    }

    /// CAL-43: whether the clock has run out at the instant `now` (Unix seconds) — a day clock from
    /// 00:00 Beijing time after its due date (PA-27), an hour clock the second after its due instant
    /// (CAL-13). A suspended, ended or cancelled clock never fires.
    public static func runOut(_ clock: Clock, now: Int64) -> Bool {
        clock.state(now: now) == .overdue
    }
}

extension Actor {
    /// The system's own user id: no user row has it, so no person is ever taken for the system.
    public static let systemUserID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// The system acting on one case (CAL-43): exactly `permissions`, in the case's unit only, so a
    /// timed transition passes the engine's permission check (PLT-03) and nothing more.
    public static func system(_ what: String, unitID: UUID, permissions: Set<Permission>) -> Actor {
        Actor(userID: systemUserID, login: "system:\(what)", name: "系统", unitID: unitID, permissions: permissions, roleCodes: [],
              visibleUnits: [unitID])
    }

    /// Whether this is the system rather than a person (it is never waited on nor told).
    public var isSystem: Bool { userID == Self.systemUserID }
}

extension Procedure {
    /// The system actor for a timed transition of this procedure on a case of `unitID`: the
    /// permissions that transition lists (PLT-03), nothing else.
    public static func timedActor(_ timed: TimedTransition, unitID: UUID) -> Actor? {
        guard let spec = transition(timed.transition) else { return nil }
        return Actor.system("scheduler", unitID: unitID, permissions: Set(spec.permissions))
    }
}
