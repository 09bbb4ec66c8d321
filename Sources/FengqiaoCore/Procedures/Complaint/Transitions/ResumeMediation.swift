import Foundation

extension ComplaintProcedure {
    /// Step 6 (CP-19, CP-20): the pause ends; its last day is the last one not counted, and the
    /// mediation's due date moves by the working days paused.
    public enum ResumeMediation: ComplaintStep {
        static let to = TypedField<LocalDate>.date("to", "暂停结束日期（最后一个暂停日）")

        public static let spec = TransitionSpec("resumeMediation", "恢复调解", from: ["paused"], permissions: [.complaintHandle], fields: [to.spec],
                                                rule: "CP-20")

        public static func decode(_ i: ActionInput) -> LocalDate? { to(i) }

        public static func check(_ input: LocalDate, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            guard let open = c.facts.pauses.last, open.to == nil else {
                return [FieldError(field: "state", rule: "CP-20", code: "complaint.pause.none", messageZH: "没有正在进行的暂停")]
            }
            return input < open.from
                ? [FieldError(field: to.name, rule: "CP-20", code: "complaint.pause.order", messageZH: "暂停结束日期不能早于开始日期\(open.from.chinese)")] : []
        }

        public static func apply(_ input: LocalDate, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            if !f.pauses.isEmpty { f.pauses[f.pauses.count - 1].to = input }
            return Outcome(state: "mediating", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.resume(step: "mediation", lastSuspendedDay: input)], summaryZH: "恢复调解（暂停至\(input.chinese)）")
        }
    }
}
