import Foundation

extension MediationProcedure {
    /// The clocks a conclusion starts that run on after the case closes (`afterClosingSteps`): the
    /// result to the centre within 2 working days for a dispatched case still with its unit (MD-16),
    /// the check of the first obligation due (MD-29), and a major dispute's 效能评估 within 30 日 (MD-33).
    /// The volume's 30 days (MD-37) are the archiving clock the closing starts (DOC-41). The revisits
    /// (MD-34): the first within 10 工作日, a second at 90 日 for a major or rebound-risk dispute.
    static func afterConclusion(_ f: MediationFacts, on day: LocalDate) -> [ClockEffect] {
        var clocks: [ClockEffect] = [.start(step: "revisit", on: day)]
        if f.needsSecondRevisit { clocks.append(.start(step: "secondRevisit", on: day)) }
        if f.major != nil { clocks.append(.start(step: "majorEvaluation", on: day)) }
        if f.dispatched && f.returns.isEmpty { clocks.append(.start(step: "resultToCentre", on: day)) }
        if let next = f.nextObligation { clocks.append(.start(step: "obligationCheck", on: next.dueOn)) }
        return clocks
    }

    /// MD-16: the dispatched unit reports the result and hands its materials to the centre within 2
    /// working days of the conclusion.
    public enum ReportResult: MediationStep {
        static let materials = TypedField<String>.textarea("materials", "移交的材料")

        public static let spec = TransitionSpec("reportResult", "向调解中心报送结果", from: ["concluded"], permissions: [.mediationHandle],
                                                fields: [materials.spec], rule: "MD-16")

        public static func decode(_ i: ActionInput) -> String? { materials(i) }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            guard c.facts.dispatched, c.facts.returns.isEmpty else {
                return [MediationRules.refusal("state", "MD-16", "mediation.result.not-dispatched", "只有分流交办的纠纷须向中心报送结果")]
            }
            return c.facts.resultReportedOn == nil ? [] : [MediationRules.refusal("state", "MD-16", "mediation.result.reported", "结果已报送")]
        }

        public static func apply(_ input: String, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.resultReportedOn = context.today
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "resultToCentre", on: context.today)],
                           summaryZH: "向调解中心报送调解结果及材料：\(input)")
        }
    }

    /// MD-29: the handling unit checks the first obligation due — within 3 working days after its due
    /// date; a party who reneged is guided in writing to the judicial procedure. The next obligation's
    /// check then runs from its own due date.
    public enum CheckPerformance: MediationStep {
        static let status = TypedField<MediationObligation.Status>.choice("status", "履行情况")
        static let note = TypedField<String>.textarea("note", "核查情况（未履行的，写明已书面告知通过司法程序解决）", required: false)

        public static let spec = TransitionSpec("checkPerformance", "核查协议履行", from: ["concluded"], permissions: [.mediationHandle],
                                                fields: [status.spec, note.spec], rule: "MD-29")

        public static func decode(_ i: ActionInput) -> (status: MediationObligation.Status, note: String?)? { status(i).map { ($0, note(i)) } }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            guard let next = c.facts.nextObligation else {
                return [MediationRules.refusal("state", "MD-29", "mediation.obligation.none", "没有待核查的履行义务")]
            }
            return next.dueOn > context.today
                ? [MediationRules.refusal("state", "MD-29", "mediation.obligation.not-due", "“\(next.content)”的履行期限\(next.dueOn.chinese)尚未届满")] : []
        }

        public static func check(_ input: (status: MediationObligation.Status, note: String?), case c: ProcedureCase<MediationFacts>,
                                 context: ProcedureContext) -> [FieldError] {
            if input.status == .pending {
                return [MediationRules.refusal(status.name, "MD-29", "mediation.obligation.pending", "履行期限已届满，请选择已履行、部分履行或未履行")]
            }
            if input.status != .performed && input.note == nil {
                return [MediationRules.refusal(note.name, "MD-29", "mediation.obligation.guidance", "未全部履行的，须写明已书面引导当事人通过司法程序解决")]
            }
            return []
        }

        public static func apply(_ input: (status: MediationObligation.Status, note: String?), case c: ProcedureCase<MediationFacts>,
                                 context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            guard let next = f.nextObligation, let i = f.obligations.firstIndex(of: next) else {
                return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "")
            }
            f.obligations[i].status = input.status
            f.obligations[i].checkedOn = context.today
            f.obligations[i].note = input.note
            var clocks: [ClockEffect] = [.end(step: "obligationCheck", on: context.today)]
            if let following = f.nextObligation { clocks.append(.start(step: "obligationCheck", on: following.dueOn)) }
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: clocks,
                           summaryZH: "核查“\(next.content)”：\(input.status.nameZH)" + (input.note.map { "，\($0)" } ?? ""))
        }
    }
}
