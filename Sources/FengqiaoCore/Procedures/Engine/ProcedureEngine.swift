import Foundation

/// One action offered on a case page: the transition and what still stands in its way.
public struct AvailableAction: Sendable, Equatable {
    public let transition: TransitionSpec
    public let unmet: [FieldError]
}

/// The engine: order, permission, input and the procedure's rules, all collected.
public enum ProcedureEngine {
    /// Checks and applies `key` to the case; every unmet condition is in the refusal.
    public static func perform<P: Procedure>(_ procedure: P.Type, _ key: String, on c: ProcedureCase<P.Facts>, input: ActionInput,
                                             context: ProcedureContext) -> Result<Outcome<P.Facts>, Refusal> {
        guard let step = P.step(key) else {
            return .failure(Refusal(transition: key, violations: [
                FieldError(field: "action", rule: "X-06", code: "transition.unknown", messageZH: "\(P.nameZH)没有“\(key)”这一环节"),
            ]))
        }
        let t = step.spec
        var violations = gate(P.self, t, state: c.state, actor: context.actor) + P.actorRefusals(c.facts, actor: context.actor)
        // DOC-31: the documents the step declares it requires, issued (and served where declared).
        violations += documentGate(P.self, t, context: context)
        // CAL-43: a transition the system takes when a clock runs out is never a person's to take.
        if systemOnly(P.self, key) && !context.actor.isSystem {
            violations.append(FieldError(field: "actor", rule: "CAL-43", code: "transition.system-only",
                                         messageZH: "“\(t.nameZH)”由系统在期限届满时自动办理，不能手动办理"))
        }
        violations += step.preconditions(c, context: context)
        violations += P.inputRefusals(input)
        // Issue 12 item 4: a step after parallel sub-tasks waits until every unit replied.
        violations += subtaskGate(step, context: context)
        let fieldErrors = t.fields.flatMap { $0.validate(input, categories: context.categories, today: context.today) }
        violations += fieldErrors
        // PLT-06: neither the actor nor anyone the step assigns may be related to a party.
        violations += conflicts(t, input: input, partyIDs: c.partyIDs, context: context)
        // The step's own rules read typed input, so they run once every field parses.
        guard fieldErrors.isEmpty else { return .failure(Refusal(transition: key, violations: violations)) }
        switch step.evaluate(input, case: c, context: context) {
        // DOC-40: a closing transition runs the case file's completeness check.
        case let .allowed(outcome) where violations.isEmpty: return closingGate(P.self, t, outcome: outcome, input: input, context: context)
        case .allowed: return .failure(Refusal(transition: key, violations: violations))
        case let .refused(rules): return .failure(Refusal(transition: key, violations: deduplicated(violations + rules)))
        }
    }

    /// Checks the creating input; on success, the new case's title, gravity, parties, facts and clocks.
    public static func create<P: Procedure>(_ procedure: P.Type, input: ActionInput, context: ProcedureContext) -> Result<Opened<P.Facts>, Refusal> {
        let t = P.creation
        var violations: [FieldError] = []
        if !t.permissions.contains(where: context.actor.can) {
            violations.append(permissionError(t))
        }
        violations += P.inputRefusals(input)
        let fieldErrors = t.fields.flatMap { $0.validate(input, categories: context.categories, today: context.today) }
        violations += fieldErrors
        guard fieldErrors.isEmpty else { return .failure(Refusal(transition: t.key, violations: violations)) }
        switch P.Opening.evaluate(input, context: context) {
        case let .allowed(opened) where !conflicts(t, input: input, partyIDs: opened.partyIDs, context: context).isEmpty:
            // PLT-06: the officer opening the case would handle it.
            return .failure(Refusal(transition: t.key, violations: violations + conflicts(t, input: input, partyIDs: opened.partyIDs, context: context)))
        case let .allowed(opened) where violations.isEmpty: return .success(opened)
        case .allowed: return .failure(Refusal(transition: t.key, violations: violations))
        case let .refused(rules): return .failure(Refusal(transition: t.key, violations: violations + rules))
        }
    }

    /// The transitions open from the case's state that the actor may take, with the conditions
    /// still unmet before any input (the case page lists them).
    public static func available<P: Procedure>(_ procedure: P.Type, on c: ProcedureCase<P.Facts>, context: ProcedureContext) -> [AvailableAction] {
        // A person the procedure refuses on this case is offered nothing (CP-17: a withdrawn delegate).
        guard P.actorRefusals(c.facts, actor: context.actor).isEmpty else { return [] }
        return P.steps.filter { $0.spec.from.contains(c.state) && $0.spec.permissions.contains(where: context.actor.can) && !systemOnly(P.self, $0.spec.key) }
            .map { AvailableAction(transition: $0.spec.resolved(context.categories), unmet: documentGate(P.self, $0.spec, context: context)
                                   + $0.preconditions(c, context: context) + subtaskGate($0, context: context)
                                   + actorConflicts($0.spec, partyIDs: c.partyIDs, context: context)) }
    }

    /// The open sub-tasks a step waits on, as one refusal naming the units still to reply.
    static func subtaskGate<Facts: Codable & Sendable & Equatable>(_ step: any Transition<Facts>.Type, context: ProcedureContext) -> [FieldError] {
        step.waitsOnSubtasks.map { Subtasks.unmet($0, context.subtasks) } ?? []
    }

    static func gate<P: Procedure>(_ procedure: P.Type, _ t: TransitionSpec, state: String, actor: Actor) -> [FieldError] {
        var v: [FieldError] = []
        if !t.from.contains(state) {
            v.append(FieldError(field: "state", rule: t.rule, code: "transition.state",
                                messageZH: "案件当前处于“\(P.stateNameZH(state))”，不能办理“\(t.nameZH)”"))
        }
        if !t.permissions.contains(where: actor.can) { v.append(permissionError(t)) }
        return v
    }

    /// Whether the procedure declares `key` as taken only by the system when a clock runs out.
    public static func systemOnly<P: Procedure>(_ procedure: P.Type, _ key: String) -> Bool {
        P.module.timedTransitions.contains { $0.transition == key && $0.systemOnly }
    }

    static func permissionError(_ t: TransitionSpec) -> FieldError {
        FieldError(field: "actor", rule: "PLT-03", code: "permission.denied",
                   messageZH: "您没有办理“\(t.nameZH)”的权限（\(t.permissions.map(\.rawValue).joined(separator: " 或 "))）")
    }
}
