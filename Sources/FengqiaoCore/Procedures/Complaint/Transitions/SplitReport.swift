import Foundation

extension ComplaintProcedure {
    /// Step 2 (CP-07) and step 8 (CP-24): the report part of a mixed submission — or a clue found in
    /// mediation — opens a linked report track through the report's own registration: its own number,
    /// clock and outcome, the complainant as its (confidential) reporter, the respondent as the party
    /// reported. Closing either track never closes the other. A submission is split once.
    public enum SplitReport: ComplaintStep {
        static let actPlace = TypedField<String>.text("actPlace", "违法行为发生地", maxLength: 200)
        static let category = TypedField<String>.category("category", "违法行为类别")
        static let clue = TypedField<String>.textarea("clue", "举报线索")

        /// While mediating, a found clue (CP-24); before, the report part of the submission (CP-07).
        static let mediationStates: Set<String> = ["mediating", "paused"]

        public static let spec = TransitionSpec("splitReport", "拆分举报线索", from: ["registered", "awaitingDecision", "awaitingApproval", "mediating", "paused"],
                                                permissions: [.complaintRegister], fields: [actPlace.spec, category.spec, clue.spec], rule: "CP-07")

        public static func decode(_ i: ActionInput) -> (actPlace: String, category: String, clue: String)? {
            guard let p = actPlace(i), let c = category(i), let k = clue(i) else { return nil }
            return (p, c, k)
        }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.reportSplitOn != nil && !mediationStates.contains(c.state)
                ? [FieldError(field: "state", rule: "CP-07", code: "complaint.split.done", messageZH: "该来件已拆分出举报件")] : []
        }

        public static func apply(_ input: (actPlace: String, category: String, clue: String), case c: ProcedureCase<ComplaintFacts>,
                                 context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            let inMediation = mediationStates.contains(c.state)
            let origin: ReportOrigin = inMediation ? .mediation : .split
            // CP-24: a clue's 15 working days run from its discovery; a split report's from the receipt (CP-26).
            let received = inMediation ? context.today : (f.competentReceiptOn ?? f.receivedOn)
            if inMediation { f.cluesFound.append(context.today) } else { f.reportSplitOn = context.today }
            let opening = ActionInput(single: [
                ReportProcedure.Register.reporter.name: f.complainantID.uuidString, ReportProcedure.Register.reported.name: f.respondentID.uuidString,
                ReportProcedure.Register.actPlace.name: input.actPlace, ReportProcedure.Register.category.name: input.category,
                ReportProcedure.Register.clue.name: input.clue, ReportProcedure.Register.origin.name: origin.rawValue,
                ReportProcedure.Register.receivedOn.name: received.iso,
            ])
            var o = Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                            summaryZH: inMediation ? "调解中发现违法线索，移交举报核查" : "拆分举报线索，另立举报件")
            o.linked = [.procedure(ReportProcedure.caseType, input: opening, relation: inMediation ? "clue-to" : "split-to")]
            return o
        }
    }
}
