import Foundation

/// Why a report's verification clock stops (CP-26, complaints.md Report.pauses).
public enum VerificationPauseReason: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case testing, rightsHolder = "rights-holder"
    public var nameZH: String { self == .testing ? "检测、检验、检疫、鉴定" : "权利人辨认鉴别" }
}

extension ReportProcedure {
    /// CP-26: testing and the rights holder's identification are excluded from the 15 working days —
    /// the verification clock stops from the first day; pauses never overlap.
    public enum PauseVerification: ReportStep {
        static let reason = TypedField<VerificationPauseReason>.choice("reason", "暂停计时原因")
        static let from = TypedField<LocalDate>.date("from", "开始日期")

        public static let spec = TransitionSpec("pauseVerification", "暂停核查计时", from: ["verifying"], permissions: [.reportHandle],
                                                fields: [reason.spec, from.spec], rule: "CP-26")

        public static func decode(_ i: ActionInput) -> (reason: VerificationPauseReason, from: LocalDate)? {
            guard let r = reason(i), let f = from(i) else { return nil }
            return (r, f)
        }

        public static func check(_ input: (reason: VerificationPauseReason, from: LocalDate), case c: ProcedureCase<ReportFacts>,
                                 context: ProcedureContext) -> [FieldError] {
            if let last = c.facts.pauses?.last?.to, input.from <= last {
                return [FieldError(field: from.name, rule: "CP-26", code: "report.pause.overlap", messageZH: "暂停期间不得重叠：上一次暂停至\(last.chinese)")]
            }
            if input.from < c.facts.receivedOn {
                return [FieldError(field: from.name, rule: "CP-26", code: "report.pause.early", messageZH: "暂停开始日期不能早于收到日期\(c.facts.receivedOn.chinese)")]
            }
            if input.from > context.today {
                return [FieldError(field: from.name, rule: "X-02", code: "report.pause.future", messageZH: "暂停开始日期不能晚于今天")]
            }
            return []
        }

        public static func apply(_ input: (reason: VerificationPauseReason, from: LocalDate), case c: ProcedureCase<ReportFacts>,
                                 context: ProcedureContext) -> Outcome<ReportFacts> {
            var f = c.facts
            f.pauses = (f.pauses ?? []) + [.init(reason: input.reason, from: input.from, to: nil)]
            return Outcome(state: "paused", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.suspend(step: f.origin.clockStep, from: input.from, ground: "\(input.reason.nameZH)（CP-26）")],
                           summaryZH: "因\(input.reason.nameZH)自\(input.from.chinese)暂停核查计时")
        }
    }

    /// CP-26: the pause ends; its last day is the last day not counted.
    public enum ResumeVerification: ReportStep {
        static let lastDay = TypedField<LocalDate>.date("lastDay", "暂停结束日期（最后一个不计算的日期）")

        public static let spec = TransitionSpec("resumeVerification", "恢复核查计时", from: ["paused"], permissions: [.reportHandle],
                                                fields: [lastDay.spec], rule: "CP-26")

        public static func decode(_ i: ActionInput) -> LocalDate? { lastDay(i) }

        public static func check(_ input: LocalDate, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> [FieldError] {
            if let open = c.facts.pauses?.last, input < open.from {
                return [FieldError(field: lastDay.name, rule: "CP-26", code: "report.pause.order", messageZH: "暂停结束日期不能早于开始日期\(open.from.chinese)")]
            }
            if input > context.today {
                return [FieldError(field: lastDay.name, rule: "X-02", code: "report.pause.future", messageZH: "暂停结束日期不能晚于今天")]
            }
            return []
        }

        public static func apply(_ input: LocalDate, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> Outcome<ReportFacts> {
            var f = c.facts
            if var p = f.pauses, !p.isEmpty {
                p[p.count - 1].to = input
                f.pauses = p
            }
            return Outcome(state: "verifying", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.resume(step: f.origin.clockStep, lastSuspendedDay: input)], summaryZH: "恢复核查计时（暂停至\(input.chinese)）")
        }
    }
}
