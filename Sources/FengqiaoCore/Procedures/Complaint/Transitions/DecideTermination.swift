import Foundation

extension ComplaintProcedure {
    /// Step 7 (CP-21, CP-22): the unit head decides to terminate mediation on a ground of 办法 21
    /// (2)–(7); the notice to both parties is due within 7 working days. Ground (5) needs the limit to
    /// have run out.
    public enum DecideTermination: ComplaintStep {
        static let ground = TypedField<TerminationGround>.choice("ground", "终止调解理由")

        public static let spec = TransitionSpec("decideTermination", "决定终止调解", from: ["mediating", "paused"], permissions: [.complaintApprove],
                                                fields: [ground.spec], rule: "CP-22",
                                                issues: ["CP-TERMINATION"], to: ["terminating"])

        public static func decode(_ i: ActionInput) -> TerminationGround? { ground(i) }

        public static func check(_ input: TerminationGround, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            input == .g5 && c.facts.terminationProposedOn == nil
                ? [FieldError(field: ground.name, rule: "CP-21", code: "complaint.termination.not-expired", messageZH: "调解期限尚未届满，不能以第（五）项终止调解")]
                : []
        }

        public static func apply(_ input: TerminationGround, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            let today = context.today
            f.termination = .init(ground: input, decidedOn: today, decidedBy: context.actor.userID, servedOn: nil)
            if let last = f.pauses.last, last.to == nil { f.pauses[f.pauses.count - 1].to = today }
            // The limit that ran out is not a step done late; any other termination ends mediation on the day.
            let mediation: ClockEffect = input == .g5 ? .cancel(step: "mediation", on: today, reason: "调解期限届满，终止调解")
                                                      : .end(step: "mediation", on: today)
            return Outcome(state: "terminating", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [mediation, .start(step: "terminationNotice", on: today)], summaryZH: "决定终止调解：\(input.nameZH)")
        }
    }
}
