import Foundation

/// MD-23: a violation clue found while mediating, as the dispute keeps it.
public struct MediationClue: Codable, Sendable, Equatable {
    public var on: LocalDate
    public var side: MediationSide
    public var clue: String
}

extension MediationProcedure {
    /// MD-23: a violation clue found in mediation is registered in the enforcement registry as a
    /// report of its own (origin 调解中发现): verified within 15 working days of its discovery, once
    /// extendable by 15 (CP-24's clue clock), waiting unassigned in the unit for its officers — the
    /// system registers it, so the mediator needs no registry permission. The party suspected is the
    /// one reported; no one is its reporter. Nothing the mediation does later touches it: concluding,
    /// terminating or withdrawing the dispute leaves the clue and its clock as they are.
    public enum ForwardClue: MediationStep {
        static let side = TypedField<MediationSide>.choice("side", "涉嫌违法的当事人")
        static let actPlace = TypedField<String>.text("actPlace", "违法行为发生地", maxLength: 200)
        static let category = TypedField<String>.category("category", "违法行为类别")
        static let clue = TypedField<String>.textarea("clue", "违法线索")

        /// While the dispute is being mediated or waits to be.
        static let states: Set<String> = ["accepting", "mediating", "suspended", "returned"]

        public static let spec = TransitionSpec("forwardClue", "移送违法线索", from: states, permissions: [.mediationHandle, .mediationTriage],
                                                fields: [side.spec, actPlace.spec, category.spec, clue.spec], rule: "MD-23")

        public struct Input: Sendable {
            let side: MediationSide
            let actPlace: String
            let category: String
            let clue: String
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let s = side(i), let p = actPlace(i), let c = category(i), let k = clue(i) else { return nil }
            return Input(side: s, actPlace: p, category: c, clue: k)
        }

        public static func apply(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.clues = (f.clues ?? []) + [MediationClue(on: context.today, side: input.side, clue: input.clue)]
            let reported = input.side == .applicant ? f.applicantID : f.respondentID
            let name = input.side == .applicant ? f.applicantName : f.respondentName
            let opening = ActionInput(single: [
                ReportProcedure.Register.reported.name: reported.uuidString, ReportProcedure.Register.actPlace.name: input.actPlace,
                ReportProcedure.Register.category.name: input.category, ReportProcedure.Register.clue.name: input.clue,
                ReportProcedure.Register.origin.name: ReportOrigin.mediation.rawValue, ReportProcedure.Register.receivedOn.name: context.today.iso,
            ])
            var o = Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                            summaryZH: "调解中发现\(name)涉嫌违法，线索移送执法办案登记核查：\(input.clue)")
            o.linked = [.procedure(ReportProcedure.caseType, input: opening, relation: "clue-to", bySystem: true)]
            return o
        }
    }
}
