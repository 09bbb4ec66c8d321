import Foundation

extension ComplaintProcedure {
    /// CP-21: when the 45 working days (plus pauses) run out without agreement, the system proposes
    /// termination ground (5) on the next working day; the head then decides. Nobody takes this step
    /// by hand.
    public enum ProposeTermination: ComplaintStep {
        public static let spec = TransitionSpec("proposeTermination", "逾期未达成协议，提出终止调解", from: ["mediating"], permissions: [.complaintApprove],
                                                fields: [], rule: "CP-21")

        public static func decode(_ i: ActionInput) -> Void? { () }

        public static func apply(_ input: Void, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            let on = context.calendar.nextWorkday(onOrAfter: context.today)
            f.terminationProposedOn = on
            return Outcome(state: "mediating", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           summaryZH: "调解期限届满未达成调解协议，\(on.chinese)提出以第二十一条第（五）项终止调解")
        }
    }
}
