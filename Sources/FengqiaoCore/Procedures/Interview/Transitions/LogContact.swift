import Foundation

extension InterviewProcedure {
    /// IV-18: the tracker logs each contact in the rectification ledger (整改跟踪台账).
    enum LogContact: InterviewStep {
        enum Method: String, ChoiceValue {
            case phone, onSite = "on-site", documents
            var nameZH: String {
                switch self {
                case .phone: "电话询问"
                case .onSite: "现场检查"
                case .documents: "查阅资料"
                }
            }
        }

        static let on = TypedField<LocalDate>.date("on", "日期")
        static let method = TypedField<Method>.choice("method", "方式")
        static let progress = TypedField<String>.textarea("progress", "整改进展")
        static let problems = TypedField<String>.textarea("problems", "存在问题", required: false)
        static let difficult = TypedField<Bool>.checkbox("difficult", "整改难度大或周期长，需加密跟踪")

        static let spec = TransitionSpec("logContact", "整改跟踪记录（整改跟踪台账）", from: ["rectification"], permissions: [.interviewHandle],
                                         fields: [on.spec, method.spec, progress.spec, problems.spec, difficult.spec], rule: "IV-18",
                                         issues: ["IV-LEDGER"], to: ["rectification"])

        struct Input: Sendable {
            let on: LocalDate
            let method: Method
            let progress: String
            let problems: String?
            let difficult: Bool
        }

        static func decode(_ i: ActionInput) -> Input? {
            guard let d = on(i), let m = method(i), let p = progress(i) else { return nil }
            return Input(on: d, method: m, progress: p, problems: problems(i), difficult: difficult(i) ?? false)
        }

        static func apply(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            f.ledger.append(.init(on: input.on, by: context.actor.userID, method: input.method.rawValue, progress: input.progress, problems: input.problems,
                                  difficult: input.difficult))
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           summaryZH: "整改跟踪：\(input.progress)" + (input.difficult ? "（需加密跟踪）" : ""))
        }
    }
}
