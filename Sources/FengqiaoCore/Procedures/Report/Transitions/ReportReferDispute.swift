import Foundation

extension ReportProcedure {
    /// CP-42 (办法 30) for reports: when the units' 7 working days to agree run out, the system puts
    /// the dispute to their common superior the next day (a timed transition, CAL-43): the holders
    /// there of the dispatch permission or the 局负责人's approval are told to decide
    /// (`DecideJurisdiction`). The notice names the reported party, never the reporter (CP-08).
    /// Nobody takes this step by hand.
    public enum ReferDispute: ReportStep {
        public static let spec = TransitionSpec("referDispute", "协商期满，提请共同上级指定管辖", from: [Disputing.disputedState], permissions: [.complaintDispatch],
                                                fields: [], rule: "CP-42")

        public static func decode(_ i: ActionInput) -> Void? { () }

        public static func preconditions(_ c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> [FieldError] {
            Disputing.referRefusal(c.facts, prefix: "report")
        }

        public static func apply(_ input: Void, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> Outcome<ReportFacts> {
            Disputing.referred(c, titleZH: "举报：管辖争议待指定管辖", subjectZH: "“\(c.facts.reportedName)”举报件",
                               permissions: [.complaintDispatch, .reportApprove], context: context)
        }
    }
}
