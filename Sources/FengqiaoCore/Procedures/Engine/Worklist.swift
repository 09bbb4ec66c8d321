import Foundation

// Worklists (issue 5 item 4): each user's open steps with their CAL-40 colour, sorted by urgency; a
// unit head's view of the unit; a leader's view of major cases. Pure: the store supplies the open
// cases and their running clocks.

/// Which list.
public enum WorklistView: String, Sendable, CaseIterable {
    /// The cases the user handles, and those waiting in a state only the user's role acts on.
    case mine
    /// Every open case of the units in the user's scope (unit heads).
    case unit
    /// Major cases in scope (leaders, IV-10).
    case major

    public var nameZH: String {
        switch self {
        case .mine: "我的待办"
        case .unit: "本单位案件"
        case .major: "重大案件"
        }
    }
}

/// An open case as the worklist reads it.
public struct WorkCase: Sendable, Equatable {
    public let id: UUID
    public let number: String?
    public let title: String
    public let caseType: String
    public let state: String
    public let gravity: Gravity
    public let handlerID: UUID?

    public init(id: UUID, number: String?, title: String, caseType: String, state: String, gravity: Gravity, handlerID: UUID?) {
        self.id = id
        self.number = number
        self.title = title
        self.caseType = caseType
        self.state = state
        self.gravity = gravity
        self.handlerID = handlerID
    }
}

/// One line of a worklist: the case, its current step and that step's due date and colour.
public struct WorkItem: Sendable, Equatable {
    public let workCase: WorkCase
    public let stateNameZH: String
    public let step: String?
    public let due: LocalDate?
    public let provisional: Bool
    public let signal: Signal?
    /// CP-03: the due date comes from an unconfirmed rule set (规则待核实).
    public var ruleUnconfirmed: Bool = false
}

public enum Worklist {
    /// The states in which `permissions` alone make a case the user's work: a transition from it needs
    /// a permission the user holds other than the officer's own (those follow the handler).
    public static func states<P: Procedure>(_ procedure: P.Type, actingWith permissions: Set<Permission>, handlerPermissions: Set<Permission>) -> Set<String> {
        var out: Set<String> = []
        for t in P.transitions where !ProcedureEngine.systemOnly(P.self, t.key) {
            let special = Set(t.permissions).subtracting(handlerPermissions)
            if !special.isDisjoint(with: permissions) && !special.isEmpty { out.formUnion(P.module.waitsIn[t.key] ?? t.from) }
        }
        return out
    }

    /// The steps open in `state` that wait on people other than the handler — those needing a
    /// permission beyond the handler's own (the legal review, the approval) — with those permissions.
    /// Whoever holds one in the case's unit or above is the one to tell.
    public static func waitingSteps<P: Procedure>(_ procedure: P.Type, state: String, handlerPermissions: Set<Permission>)
        -> [(transition: TransitionSpec, permissions: Set<Permission>)] {
        // A step the system takes when a clock runs out (CAL-43) waits on nobody.
        P.transitions.filter { (P.module.waitsIn[$0.key] ?? $0.from).contains(state) && !ProcedureEngine.systemOnly(P.self, $0.key) }.compactMap { t in
            let special = Set(t.permissions).subtracting(handlerPermissions)
            return special.isEmpty ? nil : (t, special)
        }
    }

    /// The permissions beyond the handler's that meeting clock `step` of procedure `p` needs (CAL-41):
    /// those of the transition that ends it (`ProcedureModule.clockTransitions`). Empty: the handler's step.
    public static func actingPermissions(forClock step: String, of p: any Procedure.Type) -> Set<Permission> {
        guard let key = p.module.clockTransitions[step], let t = p.transitions.first(where: { $0.key == key }) else { return [] }
        return Set(t.permissions).subtracting(p.module.handlerPermissions)
    }

    /// The case's current step: its open clock due first. The caller leaves out clocks that only
    /// measure an indicator (`ProcedureModule.measureSteps`). With `now`, an hour
    /// clock's colour is judged at that instant (CAL-13): red the second its due instant passes.
    public static func item(_ c: WorkCase, stateNameZH: String, clocks: [(step: String, clock: Clock)], today: LocalDate, warningWindow: Int,
                            now: Int64? = nil, unconfirmedSteps: Set<String> = []) -> WorkItem {
        let current = clocks.map { c in (step: c.step, due: c.clock.dueDate(asOf: today),
                         signal: now.map { c.clock.signal(now: $0, warningWindow: warningWindow) } ?? c.clock.signal(today: today, warningWindow: warningWindow)) }
            .min { ($0.due.date, $0.step) < ($1.due.date, $1.step) }
        return WorkItem(workCase: c, stateNameZH: stateNameZH, step: current?.step, due: current?.due.date, provisional: current?.due.provisional ?? false,
                        signal: current?.signal, ruleUnconfirmed: current.map { unconfirmedSteps.contains($0.step) } ?? false)
    }

    /// CAL-40 urgency: red, orange, yellow, green, then cases with no running step; earlier due first.
    public static func sorted(_ items: [WorkItem]) -> [WorkItem] {
        let rank: [Signal: Int] = [.red: 0, .orange: 1, .yellow: 2, .green: 3]
        func key(_ i: WorkItem) -> (Int, Int, String) {
            (i.signal.flatMap { rank[$0] } ?? 4, i.due?.ordinal ?? Int.max, i.workCase.number ?? "")
        }
        return items.sorted { key($0) < key($1) }
    }
}
