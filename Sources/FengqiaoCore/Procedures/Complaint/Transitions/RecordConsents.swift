import Foundation

extension ComplaintProcedure {
    /// Step 6 (CP-16): the consents of complainant and respondent to mediation, each with its date;
    /// mediation proper starts only once both are on record. A respondent's refusal is recorded as such
    /// and termination ground (3) proposed.
    public enum RecordConsents: ComplaintStep {
        static let complainantOn = TypedField<LocalDate>.date("complainantConsentOn", "投诉人同意调解日期", required: false)
        static let respondentOn = TypedField<LocalDate>.date("respondentConsentOn", "被投诉人同意调解日期", required: false)
        static let refused = TypedField<Bool>.checkbox("respondentRefused", "被投诉人明确拒绝调解")

        public static let spec = TransitionSpec("recordConsents", "记录调解同意", from: ["mediating"], permissions: [.complaintHandle],
                                                fields: [complainantOn.spec, respondentOn.spec, refused.spec], rule: "CP-16",
                                                // CP-18: once both consent, each party is told the time, place and mediator.
                                                issues: ["CP-MEDIATION-NOTICE"], to: ["mediating"])

        public struct Input: Sendable {
            let complainantOn: LocalDate?
            let respondentOn: LocalDate?
            let refused: Bool
        }

        public static func decode(_ i: ActionInput) -> Input? {
            Input(complainantOn: complainantOn(i), respondentOn: respondentOn(i), refused: refused(i) ?? false)
        }

        public static func check(_ input: Input, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            if input.complainantOn == nil && input.respondentOn == nil && !input.refused {
                v.append(FieldError(field: complainantOn.name, rule: "CP-16", code: "complaint.consent.empty", messageZH: "请填写至少一方同意调解的日期"))
            }
            if input.refused && input.respondentOn != nil {
                v.append(FieldError(field: refused.name, rule: "CP-16", code: "complaint.consent.contradiction", messageZH: "被投诉人不能既同意又拒绝调解"))
            }
            for (field, d) in [(complainantOn.name, input.complainantOn), (respondentOn.name, input.respondentOn)] {
                guard let d else { continue }
                if d > context.today {
                    v.append(FieldError(field: field, rule: "X-02", code: "complaint.consent.future", messageZH: "同意日期不能晚于今天"))
                } else if d < c.facts.receivedOn {
                    v.append(FieldError(field: field, rule: "CP-16", code: "complaint.consent.early", messageZH: "同意日期不能早于收到投诉的日期"))
                }
            }
            return v
        }

        public static func apply(_ input: Input, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            if let d = input.complainantOn { f.complainantConsentOn = d }
            if let d = input.respondentOn { f.respondentConsentOn = d }
            var summary = "记录调解同意" + (f.consented ? "，双方均同意调解" : "")
            if input.refused {
                f.respondentConsentOn = nil
                summary = "被投诉人明确拒绝调解，拟以第二十一条第（三）项终止调解"
            }
            return Outcome(state: "mediating", gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: summary)
        }
    }
}
