import Foundation

extension ReportProcedure {
    /// Step 9 (CP-27): the verification report and the proposed decision, with at least two named
    /// officers; 不予立案 needs a ground. Submitting it ends the verification clock.
    public enum ProposeDecision: ReportStep {
        static let decision = TypedField<ReportDecision>.choice("decision", "拟处理意见")
        static let ground = TypedField<NotFilingGround>.choice("ground", "不予立案理由", required: false, help: "不予立案时必选")
        static let findings = TypedField<String>.textarea("findings", "核查情况")
        static let officers = TypedField<[UUID]>.users("officers", "执法人员（至少2名）")
        /// CP-29: only where a cited law requires a result notice beyond the 立案/不予立案 one.
        static let resultNoticeBasis = TypedField<String>.textarea("resultNoticeBasis", "要求告知处理结果的法律依据", required: false,
                                                                   help: "仅在法律、法规、规章规定应当告知举报处理结果时填写（办法第三十二条），将载入告知书")

        public static let spec = TransitionSpec("proposeDecision", "提交核查报告", from: ["verifying"], permissions: [.reportHandle],
                                                fields: [decision.spec, ground.spec, findings.spec, officers.spec, resultNoticeBasis.spec], rule: "CP-27",
                                                issues: ["RP-VERIFY"], to: ["awaitingApproval"])

        public struct Input: Sendable {
            let decision: ReportDecision
            let ground: NotFilingGround?
            let findings: String
            let officers: [UUID]
            let resultNoticeBasis: String?
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let d = decision(i), let f = findings(i), let o = officers(i) else { return nil }
            let basis = resultNoticeBasis(i)?.trimmingCharacters(in: .whitespacesAndNewlines)
            return Input(decision: d, ground: ground(i), findings: f, officers: o, resultNoticeBasis: basis?.isEmpty == false ? basis : nil)
        }

        public static func check(_ input: Input, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            let named = Set(input.officers)
            if named.count < 2 {
                v.append(FieldError(field: officers.name, rule: "CP-27", code: "report.officers.too-few", messageZH: "须有至少2名执法人员"))
            }
            if named.contains(where: { context.people[$0]?.active != true }) {
                v.append(FieldError(field: officers.name, rule: "CP-27", code: "report.officers.unknown", messageZH: "所选执法人员不存在或已停用"))
            }
            if input.decision == .notFile && input.ground == nil {
                v.append(FieldError(field: ground.name, rule: "CP-27", code: "report.ground.required", messageZH: "不予立案须选择理由"))
            }
            return v
        }

        public static func apply(_ input: Input, case c: ProcedureCase<ReportFacts>, context: ProcedureContext) -> Outcome<ReportFacts> {
            var f = c.facts
            f.proposal = .init(decision: input.decision, ground: input.decision == .notFile ? input.ground : nil, findings: input.findings,
                               officers: Array(Set(input.officers)).sorted { $0.uuidString < $1.uuidString }, on: context.today,
                               resultNoticeBasis: input.resultNoticeBasis)
            return Outcome(state: "awaitingApproval", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.end(step: f.origin.clockStep, on: context.today)], summaryZH: "提交核查报告，拟\(input.decision.nameZH)")
        }
    }
}
