import Foundation

extension MediationProcedure {
    /// Step 4 (MD-21, MD-13): one party's consent to mediation, written or noted in a record. The
    /// dispute is accepted on the last party's consent: the 20 working days run from that day
    /// (MD-24) and the 受理通知书 goes to the parties. A dispatched unit may record nothing before
    /// the director approved the dispatch (MD-13).
    public enum RecordConsent: MediationStep {
        static let side = TypedField<MediationSide>.choice("side", "同意调解的当事人")
        static let on = TypedField<LocalDate>.date("on", "同意日期")
        static let form = TypedField<ConsentForm>.choice("form", "同意形式")

        public static let spec = TransitionSpec("recordConsent", "记录当事人同意调解", from: ["proposed", "accepting"], permissions: [.mediationHandle],
                                                fields: [side.spec, on.spec, form.spec], rule: "MD-21", issues: ["MD-ACCEPT"], to: ["accepting", "mediating"])

        public struct Input: Sendable {
            let side: MediationSide
            let on: LocalDate
            let form: ConsentForm
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let s = side(i), let d = on(i), let f = form(i) else { return nil }
            return Input(side: s, on: d, form: f)
        }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            c.state == "proposed"
                ? [MediationRules.refusal("state", "MD-13", "mediation.dispatch.unapproved", "分流建议尚未经领导小组办公室主任审批，承办单位不能办理")] : []
        }

        public static func check(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            var v = MediationRules.dateErrors(input.on, field: on.name, label: "同意日期", facts: c.facts, context: context)
            if c.facts.consents.contains(where: { $0.side == input.side }) {
                v.append(MediationRules.refusal(side.name, "MD-21", "mediation.consent.duplicate", "\(input.side.nameZH)的同意已记录"))
            }
            return v
        }

        public static func apply(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.consents.append(.init(side: input.side, on: input.on, form: input.form))
            guard f.consented else {
                return Outcome(state: "accepting", gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "\(input.side.nameZH)\(input.on.chinese)同意调解")
            }
            let accepted = f.consents.map(\.on).max() ?? input.on
            f.acceptedOn = accepted
            return Outcome(state: "mediating", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.end(step: "consent", on: accepted), .start(step: "mediation", on: accepted)],
                           summaryZH: "各方当事人均同意调解，\(accepted.chinese)受理")
        }
    }
}
