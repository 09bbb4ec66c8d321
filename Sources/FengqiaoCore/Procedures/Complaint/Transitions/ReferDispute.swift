import Foundation

extension ComplaintProcedure {
    /// CP-42 (办法 30): when the units' 7 working days to agree run out, the system puts the dispute
    /// to their common superior the next day (a timed transition, CAL-43): the holders there of the
    /// dispatch or approval permission are told to decide (`DecideJurisdiction`). Nobody takes this
    /// step by hand.
    public enum ReferDispute: ComplaintStep {
        public static let spec = TransitionSpec("referDispute", "协商期满，提请共同上级指定管辖", from: [Disputing.disputedState], permissions: [.complaintDispatch],
                                                fields: [], rule: "CP-42")

        public static func decode(_ i: ActionInput) -> Void? { () }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            Disputing.referRefusal(c.facts, prefix: "complaint")
        }

        public static func apply(_ input: Void, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            Disputing.referred(c, titleZH: "投诉：管辖争议待指定管辖", subjectZH: "“\(c.facts.respondentName)”投诉件",
                               permissions: [.complaintDispatch, .complaintApprove], context: context)
        }
    }
}
