import Foundation

extension MediationProcedure {
    /// MD-04, MD-09, MD-05: the mediating body's head assigns eligible mediators — each in term and
    /// trained on the day (an ineligible one is refused by name), none from the unit whose act is
    /// disputed, and not the director who approved the dispatch (mediation.md roles). The first
    /// mediator handles the case. Reassigning (a term ending mid-case, a recusal) is the same step.
    public enum AssignMediators: MediationStep {
        static let mediators = TypedField<[UUID]>.users("mediators", "调解员")

        public static let spec = TransitionSpec("assignMediators", "指派调解员", from: ["accepting", "mediating", "suspended"], permissions: [.mediationAssign],
                                                fields: [mediators.spec], rule: "MD-04")

        public static func decode(_ i: ActionInput) -> [UUID]? { mediators(i) }

        public static func check(_ input: [UUID], case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            let excluded = c.facts.excludedUnitCode.flatMap { code in context.units.units.values.first { $0.code == code }?.id }
            var v = input.flatMap { MediatorEligibility.refusals(context.people[$0], on: context.today, field: mediators.name, excludedUnit: excluded) }
            if let approver = c.facts.dispatch?.approvedBy, input.contains(approver) {
                v.append(MediationRules.refusal(mediators.name, "MD-13", "mediation.mediator.approver", "审批分流的办公室主任不得调解该纠纷"))
            }
            return v
        }

        public static func apply(_ input: [UUID], case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            var seen = Set<UUID>()
            f.mediatorIDs = input.filter { seen.insert($0).inserted }
            f.mediatorNames = f.mediatorIDs.map { context.people[$0]?.name ?? "" }
            // MD-05: a reassignment after a lapse ends its 5 working days; the new mediators' terms are watched.
            let reassigned = f.lapse != nil
            f.lapse = nil
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: f.mediatorIDs.first ?? c.handlerID,
                           clocks: termWatch(f.mediatorIDs, context: context) + (reassigned ? [.end(step: "reassign", on: context.today)] : []),
                           summaryZH: (reassigned ? "另行指派调解员：" : "指派调解员：") + f.mediatorNames.joined(separator: "、"))
        }
    }
}
