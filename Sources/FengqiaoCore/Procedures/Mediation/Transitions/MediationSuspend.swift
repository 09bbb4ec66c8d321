import Foundation

extension MediationProcedure {
    /// MD-25, MD-08: a recusal request (until decided), testing or appraisal, or a pause the parties
    /// all ask for (≤ 10 working days) suspends the 20 working days from its first day; the effective
    /// due date is recomputed when it ends. Pauses never overlap.
    public enum SuspendMediation: MediationStep {
        static let reason = TypedField<MediationPauseReason>.choice("reason", "中止原因")
        static let from = TypedField<LocalDate>.date("from", "中止开始日期")
        static let allConsent = TypedField<Bool>.checkbox("allConsent", "各方当事人都同意暂停（当事人申请暂停时）")

        public static let spec = TransitionSpec("suspendMediation", "中止调解计时", from: ["mediating"], permissions: [.mediationHandle],
                                                fields: [reason.spec, from.spec, allConsent.spec], rule: "MD-25", to: ["suspended"])

        public static func decode(_ i: ActionInput) -> (reason: MediationPauseReason, from: LocalDate, all: Bool)? {
            guard let r = reason(i), let d = from(i) else { return nil }
            return (r, d, allConsent(i) ?? false)
        }

        public static func check(_ input: (reason: MediationPauseReason, from: LocalDate, all: Bool), case c: ProcedureCase<MediationFacts>,
                                 context: ProcedureContext) -> [FieldError] {
            var v = MediationRules.dateErrors(input.from, field: from.name, label: "中止开始日期", facts: c.facts,
                                              notBefore: c.facts.acceptedOn.map { ($0, "受理日期") }, context: context)
            if let last = c.facts.pauses.last?.to, input.from <= last {
                v.append(MediationRules.refusal(from.name, input.reason.rule, "mediation.pause.overlap", "中止期间不得重叠：上一次中止至\(last.chinese)"))
            }
            if input.reason == .partyRequest && !input.all {
                v.append(MediationRules.refusal(allConsent.name, "MD-25", "mediation.pause.consent", "当事人申请暂停须经各方当事人同意"))
            }
            return v
        }

        public static func apply(_ input: (reason: MediationPauseReason, from: LocalDate, all: Bool), case c: ProcedureCase<MediationFacts>,
                                 context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.pauses.append(.init(reason: input.reason, from: input.from, to: nil))
            return Outcome(state: "suspended", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.suspend(step: "mediation", from: input.from, ground: "\(input.reason.nameZH)（\(input.reason.rule)）")],
                           summaryZH: "因\(input.reason.nameZH)自\(input.from.chinese)中止计时")
        }
    }

    /// MD-25: the suspension ends; its last day is the last one not counted. A party's pause may not
    /// exceed 10 working days.
    public enum ResumeMediation: MediationStep {
        static let to = TypedField<LocalDate>.date("to", "中止结束日期（最后一个中止日）")

        public static let spec = TransitionSpec("resumeMediation", "恢复调解计时", from: ["suspended"], permissions: [.mediationHandle], fields: [to.spec],
                                                rule: "MD-25", to: ["mediating"])

        public static func decode(_ i: ActionInput) -> LocalDate? { to(i) }

        public static func check(_ input: LocalDate, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            guard let open = c.facts.pauses.last, open.to == nil else {
                return [MediationRules.refusal("state", "MD-25", "mediation.pause.none", "没有正在进行的中止")]
            }
            if input < open.from {
                return [MediationRules.refusal(to.name, "MD-25", "mediation.pause.order", "中止结束日期不能早于开始日期\(open.from.chinese)")]
            }
            if input > context.today {
                return [MediationRules.refusal(to.name, "X-02", "mediation.date.future", "中止结束日期不能晚于今天")]
            }
            if open.reason == .partyRequest, context.calendar.between(open.from.adding(days: -1), input) > 10 {
                return [MediationRules.refusal(to.name, "MD-25", "mediation.pause.too-long", "当事人申请暂停不得超过10个工作日")]
            }
            return []
        }

        public static func apply(_ input: LocalDate, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            if !f.pauses.isEmpty { f.pauses[f.pauses.count - 1].to = input }
            return Outcome(state: "mediating", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.resume(step: "mediation", lastSuspendedDay: input)], summaryZH: "恢复调解计时（中止至\(input.chinese)）")
        }
    }
}
