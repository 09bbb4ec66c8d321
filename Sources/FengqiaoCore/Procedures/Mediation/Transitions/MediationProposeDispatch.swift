import Foundation

extension MediationProcedure {
    /// Step 2–3 (MD-13, MD-20): the centre proposes dispatching the dispute to the unit in charge
    /// (谁主管谁负责) with the competence basis; the 领导小组办公室主任 approves it within 2 working
    /// days of the registration. Until then the target cannot act (MD-13).
    public enum ProposeDispatch: MediationStep {
        static let unit = TypedField<String>.text("unit", "承办单位代码", maxLength: 32)
        static let basis = TypedField<String>.textarea("basis", "职能依据（谁主管谁负责）")

        public static let spec = TransitionSpec("proposeDispatch", "提出分流建议", from: ["registered"], permissions: [.mediationTriage],
                                                fields: [unit.spec, basis.spec], rule: "MD-13", issues: ["MD-DISPATCH"], to: ["proposed"])

        public static func decode(_ i: ActionInput) -> (unit: String, basis: String)? {
            guard let u = unit(i), let b = basis(i) else { return nil }
            return (u, b)
        }

        public static func check(_ input: (unit: String, basis: String), case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            unitErrors(input.unit, field: unit.name, case: c, context: context)
        }

        /// The target must be a known unit other than the one holding the case.
        static func unitErrors(_ code: String, field: String, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            guard !context.units.units.isEmpty else { return [] }
            guard let target = context.units.units.values.first(where: { $0.code == code && $0.active }) else {
                return [MediationRules.refusal(field, "MD-13", "mediation.dispatch.unit-unknown", "没有代码为\(code)的在用单位")]
            }
            return target.id == c.unitID ? [MediationRules.refusal(field, "MD-13", "mediation.dispatch.self", "不能分流给本单位")] : []
        }

        public static func apply(_ input: (unit: String, basis: String), case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.triagedOn = f.triagedOn ?? context.today
            f.dispatch = .init(unitCode: input.unit, basis: input.basis, fromUnitID: c.unitID, proposedBy: context.actor.userID, proposedOn: context.today)
            // The approval is due 2 working days after the registration (mediation.md step 3).
            return Outcome(state: "proposed", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.end(step: "triage", on: context.today), .start(step: "dispatchApproval", on: f.registeredOn)],
                           summaryZH: "建议分流至\(input.unit)：\(input.basis)")
        }
    }
}
