import Foundation

extension InterviewProcedure {
    /// Steps 10–11 (IV-19): at least two officers conclude on every rectification item; all passed
    /// closes the case, any failed hands it to a penalty case.
    enum Inspect: InterviewStep {
        static let on = TypedField<LocalDate>.date("on", "验收日期")
        static let inspectors = TypedField<[UUID]>.users("inspectors", "验收人员（至少两名）")
        static let results = TypedField<[String]>.lines("results", "逐项结论（每行一项，依次以“合格”或“不合格”开头）")

        static let spec = TransitionSpec("inspect", "整改验收", from: ["inspection"], permissions: [.interviewHandle],
                                         fields: [on.spec, inspectors.spec, results.spec, ProcedureEngine.closingOverride], rule: "IV-19",
                                         issues: ["IV-INSPECTION", "IV-PASS"], to: ["passed", "handedOver"])

        struct Input: Sendable {
            let on: LocalDate
            let inspectors: [UUID]
            /// Each line as written, with its verdict (nil: neither 合格 nor 不合格).
            let results: [(line: String, passed: Bool?)]
        }

        static func decode(_ i: ActionInput) -> Input? {
            guard let d = on(i), let people = inspectors(i), let lines = results(i) else { return nil }
            return Input(on: d, inspectors: people, results: lines.map { ($0, verdict($0)) })
        }

        /// A conclusion line starts with 合格 or 不合格.
        static func verdict(_ line: String) -> Bool? {
            if line.hasPrefix("不合格") || line.lowercased().hasPrefix("fail") { return false }
            if line.hasPrefix("合格") || line.lowercased().hasPrefix("pass") { return true }
            return nil
        }

        static func check(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            // IV-19: at least two inspectors, a conclusion for every item.
            if Set(input.inspectors).count < 2 {
                v.append(FieldError(field: inspectors.name, rule: "IV-19", code: "interview.inspection.two", messageZH: "验收须有两名以上执法人员"))
            }
            let items = c.facts.record?.items ?? []
            if input.results.count != items.count {
                v.append(FieldError(field: results.name, rule: "IV-19", code: "interview.inspection.per-item",
                                    messageZH: "须对每一整改事项作出结论：共\(items.count)项，填写了\(input.results.count)项"))
            } else if input.results.contains(where: { $0.passed == nil }) {
                v.append(FieldError(field: results.name, rule: "IV-19", code: "interview.inspection.conclusion", messageZH: "每项结论须以“合格”或“不合格”开头"))
            }
            return v
        }

        static func apply(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            let inspection = InterviewFacts.Inspection(on: input.on, inspectors: input.inspectors, results: input.results.map { $0.passed ?? false },
                                                       remarks: input.results.map(\.line))
            f.inspection = inspection
            let clocks: [ClockEffect] = [.end(step: "inspection", on: input.on)]
            if inspection.passed {
                return Outcome(state: "passed", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: clocks, closedOn: input.on,
                               summaryZH: "整改验收合格，结案（不予行政处罚）")
            }
            let failed = inspection.results.enumerated().filter { !$0.element }.map { "第\($0.offset + 1)项" }
            f.handoff = .init(on: input.on, reason: "整改验收不合格：\(failed.joined(separator: "、"))", rule: "IV-19")
            var out = Outcome(state: "handedOver", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: clocks, closedOn: input.on,
                              summaryZH: "整改验收不合格（\(failed.joined(separator: "、"))），移交行政处罚")
            out.linked = [penaltyCase(f, failure: "经验收，整改事项\(failed.joined(separator: "、"))不合格", context: context)]
            return out
        }
    }
}
