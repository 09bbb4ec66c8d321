import Foundation

extension ComplaintProcedure {
    /// Step 6 (CP-19, CP-20): testing or a recusal request pauses mediation from its first day; the
    /// paused working days do not count towards the 45 (recusal_pause_excluded). Pauses never overlap.
    public enum PauseMediation: ComplaintStep {
        static let reason = TypedField<PauseReason>.choice("reason", "暂停原因")
        static let from = TypedField<LocalDate>.date("from", "暂停开始日期")

        public static let spec = TransitionSpec("pauseMediation", "暂停调解（检测鉴定、回避）", from: ["mediating"], permissions: [.complaintHandle],
                                                fields: [reason.spec, from.spec], rule: "CP-20")

        public static func decode(_ i: ActionInput) -> (reason: PauseReason, from: LocalDate)? {
            guard let r = reason(i), let f = from(i) else { return nil }
            return (r, f)
        }

        public static func check(_ input: (reason: PauseReason, from: LocalDate), case c: ProcedureCase<ComplaintFacts>,
                                 context: ProcedureContext) -> [FieldError] {
            if let last = c.facts.pauses.last?.to, input.from <= last {
                return [FieldError(field: from.name, rule: input.reason.rule, code: "complaint.pause.overlap",
                                   messageZH: "暂停期间不得重叠：上一次暂停至\(last.chinese)")]
            }
            if let accepted = c.facts.decision?.on, input.from < accepted {
                return [FieldError(field: from.name, rule: input.reason.rule, code: "complaint.pause.early", messageZH: "暂停开始日期不能早于受理日期\(accepted.chinese)")]
            }
            return []
        }

        public static func apply(_ input: (reason: PauseReason, from: LocalDate), case c: ProcedureCase<ComplaintFacts>,
                                 context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            f.pauses.append(.init(reason: input.reason, from: input.from, to: nil))
            return Outcome(state: "paused", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.suspend(step: "mediation", from: input.from, ground: "\(input.reason.nameZH)（\(input.reason.rule)）")],
                           summaryZH: "因\(input.reason.nameZH)自\(input.from.chinese)暂停调解")
        }
    }
}
