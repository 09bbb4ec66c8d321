import Foundation

extension InterviewProcedure {
    /// IV-21: a crime clue goes to the police; the case closes and the leaders are told.
    enum TransferCrime: InterviewStep {
        static let on = TypedField<LocalDate>.date("on", "移送日期")
        static let authority = TypedField<String>.text("authority", "接收机关")
        static let summary = TypedField<String>.textarea("summary", "涉嫌犯罪线索")

        static let spec = TransitionSpec("transferCrime", "涉嫌犯罪移送公安机关", from: openStates, permissions: [.interviewHandle],
                                         fields: [on.spec, authority.spec, summary.spec, ProcedureEngine.closingOverride], rule: "IV-21")

        struct Input: Sendable {
            let on: LocalDate
            let authority: String
            let summary: String
        }

        static func decode(_ i: ActionInput) -> Input? {
            guard let d = on(i), let a = authority(i), let s = summary(i) else { return nil }
            return Input(on: d, authority: a, summary: s)
        }

        static func apply(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            f.crimeTransfer = .init(on: input.on, authority: input.authority, summary: input.summary)
            var out = Outcome(state: "transferred", gravity: c.gravity, facts: f, handlerID: c.handlerID, closedOn: input.on,
                              summaryZH: "涉嫌犯罪，移送\(input.authority)（IV-21），并向上级报告")
            out.leaderNoticeZH = "约谈案件“\(f.partyName)”发现涉嫌犯罪线索，已于\(input.on.chinese)移送\(input.authority)（IV-21）"
            return out
        }
    }
}
