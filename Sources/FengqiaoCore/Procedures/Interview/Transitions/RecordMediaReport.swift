import Foundation

extension InterviewProcedure {
    /// IV-25: a media report on the case starts a 48-hour response (an hour-based clock, CAL-13) and
    /// tells the leaders.
    enum RecordMediaReport: InterviewStep {
        static let reportedOn = TypedField<LocalDate>.date("reportedOn", "媒体报道日期")
        static let outlet = TypedField<String>.text("outlet", "媒体名称")
        static let summary = TypedField<String>.textarea("summary", "反映的问题")

        static let spec = TransitionSpec("recordMediaReport", "登记媒体反映（48小时内回应）", from: openStates.union(terminalStates),
                                         permissions: [.interviewHandle], fields: [reportedOn.spec, outlet.spec, summary.spec], rule: "IV-25")

        struct Input: Sendable {
            let reportedOn: LocalDate
            let outlet: String
            let summary: String
        }

        static func decode(_ i: ActionInput) -> Input? {
            guard let d = reportedOn(i), let o = outlet(i), let s = summary(i) else { return nil }
            return Input(reportedOn: d, outlet: o, summary: s)
        }

        static func apply(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            f.mediaReports.append(.init(reportedOn: input.reportedOn, outlet: input.outlet, summary: input.summary))
            var out = Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.start(step: "mediaResponse", on: input.reportedOn)],
                              summaryZH: "媒体反映（\(input.outlet)）：\(input.summary)")
            out.leaderNoticeZH = "\(input.outlet)反映约谈案件“\(f.partyName)”的问题，须于48小时内回应（IV-25）"
            return out
        }
    }
}
