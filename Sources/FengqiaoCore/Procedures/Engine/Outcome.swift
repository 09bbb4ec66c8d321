import Foundation

// What an allowed transition does (moved out of Procedure.swift): the new state and facts, clock
// changes, linked cases, a move, sub-tasks opened or withdrawn; or the refusal with every unmet rule.

// MARK: Outcome

/// A clock change a transition causes, by rule-set step key (X-02: never a typed date).
public enum ClockEffect: Sendable, Equatable {
    /// Start the step's clock from `on` (for count-back rules, `on` is the reference date).
    case start(step: String, on: LocalDate)
    /// End the open clock of the step on `on` (met, or late).
    case end(step: String, on: LocalDate)
    /// Cancel the open clock of the step: the step no longer applies.
    case cancel(step: String, on: LocalDate, reason: String)
    /// Stop the open clock of the step from `from` (its first suspended day), on the ground given
    /// (CAL-31: a pause for testing or recusal, CP-19, CP-20); the actor taking the transition is the
    /// approver on record.
    case suspend(step: String, from: LocalDate, ground: String)
    /// End the open suspension of the step's clock; `lastSuspendedDay` is the last day not counted.
    case resume(step: String, lastSuspendedDay: LocalDate)
    /// Extend the open clock of the step by `count` of its rule's unit on the transition's day
    /// (CAL-32: a report's one +15 on the head's approval, CP-26); the actor taking the transition is
    /// the approver and must hold the rule's extension permission.
    case extend(step: String, count: Int, ground: String)
}

/// A case a transition opens and links to this one (the penalty case of a hand-off, IV-04).
public struct LinkedCaseEffect: Sendable, Equatable {
    public let caseType: String
    public let title: String
    /// How the new case relates to this one, e.g. `handed-over-to`.
    public let relation: String
    /// Template code → values to prefill the new case's first document with.
    public let prefill: [String: [String: String]]
    /// Documents of this case attached to the new one as evidence (template codes).
    public let evidence: [String]
    public let category: String?
    /// The module code of the new case's number (PLT-17: `PN` → ZC-PN-2025-0001).
    public let moduleCode: String
    /// The input of the linked procedure's own creating step, when `caseType` is a registered
    /// procedure: the case is opened through that step — its checks, facts, number and clocks — in
    /// the same write (CP-07: a mixed complaint's report track; CP-24: a clue found in mediation).
    /// Nil: a minimal record of a module without a procedure (the penalty hand-off, IV-04).
    public let opening: ActionInput?
    /// Whether the system registers the new case rather than the actor (MD-23: a violation clue a
    /// mediator finds goes into the enforcement registry unassigned, for its own officers — the
    /// mediator needs no registry permission and does not become its handler).
    public var bySystem = false

    public init(caseType: String, moduleCode: String, title: String, relation: String, prefill: [String: [String: String]], evidence: [String],
                category: String?, opening: ActionInput? = nil) {
        self.caseType = caseType
        self.moduleCode = moduleCode
        self.title = title
        self.relation = relation
        self.prefill = prefill
        self.evidence = evidence
        self.category = category
        self.opening = opening
    }

    /// A case of the registered procedure `caseType`, opened through its creating step with `input`.
    public static func procedure(_ caseType: String, input: ActionInput, relation: String, bySystem: Bool = false) -> LinkedCaseEffect {
        var link = LinkedCaseEffect(caseType: caseType, moduleCode: "", title: "", relation: relation, prefill: [:], evidence: [], category: nil, opening: input)
        link.bySystem = bySystem
        return link
    }
}

/// A notice a transition sends to whoever holds one of `permissions` through a role assigned in one
/// of `unitIDs` (by permission, never by role code).
public struct UnitNotice: Sendable, Equatable {
    public let unitIDs: [UUID]
    public let permissions: Set<Permission>
    public let titleZH: String
    public let bodyZH: String

    public init(unitIDs: [UUID], permissions: Set<Permission>, titleZH: String, bodyZH: String) {
        self.unitIDs = unitIDs
        self.permissions = permissions
        self.titleZH = titleZH
        self.bodyZH = bodyZH
    }
}

/// What an allowed transition does.
public struct Outcome<Facts: Sendable & Equatable>: Sendable, Equatable {
    public var state: String
    public var gravity: Gravity
    public var facts: Facts
    public var handlerID: UUID?
    public var clocks: [ClockEffect]
    /// Set when the transition ends the procedure (DOC-41 starts the archiving clocks).
    public var closedOn: LocalDate?
    public var linked: [LinkedCaseEffect]
    /// A notice to the responsible leaders of the case's unit and the units above it (IV-21's
    /// report upward), or nil.
    public var leaderNoticeZH: String?
    /// Notices to the holders of permissions in given units (CP-42: the common superior asked to
    /// decide a dispute), delivered with the transition.
    public var unitNotices: [UnitNotice]
    /// The unit the case moves to in this transition (dispatch 分流/转办, return 回流), or nil.
    public var move: CaseMove?
    /// Sub-tasks the transition opens on other units (抄告 PA-24, 联办 PA-14), each with its own clock.
    public var subtasks: [SubtaskOpening]
    /// Open sub-tasks the transition withdraws (PA-41: a withdrawn application cancels its 抄告单), or nil.
    public var withdrawSubtasks: SubtaskWithdrawal?
    /// The transition takes a closed case back into handling (CP-37 重新办理): its closing date is
    /// cleared and the archiving clocks its closing started are cancelled; an archived file stays closed.
    public var reopens: Bool
    /// The timeline line.
    public var summaryZH: String

    public init(state: String, gravity: Gravity, facts: Facts, handlerID: UUID?, clocks: [ClockEffect] = [], closedOn: LocalDate? = nil,
                linked: [LinkedCaseEffect] = [], summaryZH: String) {
        self.state = state
        self.gravity = gravity
        self.facts = facts
        self.handlerID = handlerID
        self.clocks = clocks
        self.closedOn = closedOn
        self.linked = linked
        self.leaderNoticeZH = nil
        self.unitNotices = []
        self.move = nil
        self.subtasks = []
        self.withdrawSubtasks = nil
        self.reopens = false
        self.summaryZH = summaryZH
    }
}

/// A refused transition: every unmet condition, each with its rule ID.
public struct Refusal: Error, Sendable, Equatable {
    public let transition: String
    public let violations: [FieldError]

    public init(transition: String, violations: [FieldError]) {
        self.transition = transition
        self.violations = violations
    }

    public var rules: [String] { violations.map(\.rule) }

    public var domainError: DomainError {
        DomainError(.invalid, code: "transition.refused",
                    messageZH: "不能办理该环节：" + violations.map { "\($0.messageZH)（\($0.rule)）" }.joined(separator: "；"),
                    ruleID: violations.first?.rule, fields: violations)
    }
}
