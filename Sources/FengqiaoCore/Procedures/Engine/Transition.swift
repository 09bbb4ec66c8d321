import Foundation

// One type per transition (issue 12 item 2): a step of a procedure reads like its line of the spec —
// the spec (key, name, states, permissions, fields, rule), the conditions that need no input, the
// rules on its typed input, and its effect. A procedure lists its steps; the engine does the rest.

/// One transition of a procedure.
public protocol Transition<Facts>: Sendable {
    associatedtype Facts: Codable & Sendable & Equatable
    /// The input as typed values, decoded once through the step's `Field`s.
    associatedtype Input: Sendable

    /// Key, Chinese name, the states it is taken from, permissions, fields and the rule it implements.
    static var spec: TransitionSpec { get }
    /// The typed input; nil only when a required value is missing or malformed (the engine's field
    /// checks refuse that first, X-06).
    static func decode(_ input: ActionInput) -> Input?
    /// The case's sub-tasks the transition waits on (issue 12 item 4: the next step after 抄告 waits
    /// for every department's reply); nil by default. The engine refuses while any is open.
    static var waitsOnSubtasks: SubtaskWait? { get }
    /// Conditions that do not depend on input, shown beside the action before it is taken.
    static func preconditions(_ c: ProcedureCase<Facts>, context: ProcedureContext) -> [FieldError]
    /// Rules on the typed input.
    static func check(_ input: Input, case c: ProcedureCase<Facts>, context: ProcedureContext) -> [FieldError]
    /// The outcome once every condition is met.
    static func apply(_ input: Input, case c: ProcedureCase<Facts>, context: ProcedureContext) -> Outcome<Facts>
}

extension Transition {
    public static func preconditions(_ c: ProcedureCase<Facts>, context: ProcedureContext) -> [FieldError] { [] }
    public static func check(_ input: Input, case c: ProcedureCase<Facts>, context: ProcedureContext) -> [FieldError] { [] }

    /// The input's rules, then the outcome: every unmet rule, or what the step does.
    static func evaluate(_ raw: ActionInput, case c: ProcedureCase<Facts>, context: ProcedureContext) -> Checked<Outcome<Facts>> {
        guard let input = decode(raw) else { return .refused([undecodable(spec)]) }
        let violations = check(input, case: c, context: context)
        return violations.isEmpty ? .allowed(apply(input, case: c, context: context)) : .refused(violations)
    }
}

/// What opening a case produces.
public struct Opened<Facts: Sendable & Equatable>: Sendable, Equatable {
    public var title: String
    public var gravity: Gravity
    public var partyIDs: [UUID]
    public var facts: Facts
    public var clocks: [ClockEffect]
    /// The day whose rule-set version the case binds for life (CAL-21); nil: the opening day. A
    /// complaint binds the version in force on its receipt date (CP-02), which may be earlier.
    public var ruleDate: LocalDate?
    /// The state the case opens in; nil: the procedure's first. An enforcement case registered with
    /// its 立案 already approved (a report's 立案, CP-27) opens as filed.
    public var state: String?
    /// The case's handler; nil: whoever opens it. A case opened on a leader's approval is handled by
    /// the officers it names, not by the leader.
    public var handlerID: UUID?

    public init(title: String, gravity: Gravity = .ordinary, partyIDs: [UUID], facts: Facts, clocks: [ClockEffect], ruleDate: LocalDate? = nil,
                state: String? = nil, handlerID: UUID? = nil) {
        self.state = state
        self.handlerID = handlerID
        self.title = title
        self.gravity = gravity
        self.partyIDs = partyIDs
        self.facts = facts
        self.clocks = clocks
        self.ruleDate = ruleDate
    }
}

/// The transition that opens a case (its `from` is empty).
public protocol Creation<Facts>: Sendable {
    associatedtype Facts: Codable & Sendable & Equatable
    associatedtype Input: Sendable

    static var spec: TransitionSpec { get }
    static func decode(_ input: ActionInput) -> Input?
    /// Rules on the typed input.
    static func check(_ input: Input, context: ProcedureContext) -> [FieldError]
    /// The new case.
    static func create(_ input: Input, context: ProcedureContext) -> Opened<Facts>
}

extension Creation {
    public static func check(_ input: Input, context: ProcedureContext) -> [FieldError] { [] }

    static func evaluate(_ raw: ActionInput, context: ProcedureContext) -> Checked<Opened<Facts>> {
        guard let input = decode(raw) else { return .refused([undecodable(spec)]) }
        let violations = check(input, context: context)
        return violations.isEmpty ? .allowed(create(input, context: context)) : .refused(violations)
    }
}

/// A step's own verdict on its input: what it does, or every rule unmet.
enum Checked<Value> {
    case allowed(Value)
    case refused([FieldError])
}

/// Input that passed the field checks but does not decode: a field the step reads is not declared
/// in its spec (a programming error, reported rather than trapped).
func undecodable(_ spec: TransitionSpec) -> FieldError {
    FieldError(field: "input", rule: "X-06", code: "input.undecodable", messageZH: "“\(spec.nameZH)”的填写内容不完整或格式有误")
}
