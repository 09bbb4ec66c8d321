import Foundation

extension ComplaintProcedure {
    /// Step 7 (CP-16, CP-23): the complaint ends by agreement, performance at once, settlement or
    /// withdrawal. Mediation outcomes need both consents; a 调解书 needs both parties' signatures or
    /// seals and three originals (one archived). The amount recovered feeds 挽回经济损失.
    public enum RecordOutcome: ComplaintStep {
        static let outcome = TypedField<MediationOutcome>.choice("outcome", "办理结果")
        static let complainantSigned = TypedField<Bool>.checkbox("complainantSigned", "投诉人已在调解书上签名或盖章")
        static let respondentSigned = TypedField<Bool>.checkbox("respondentSigned", "被投诉人已在调解书上签名或盖章")
        static let originals = TypedField<Int>.number("originals", "调解书原件份数", required: false, help: "一式三份，一份存档")
        static let recovered = TypedField<String>.text("recovered", "挽回经济损失（元）", required: false, help: "例如 1280.50", maxLength: 16)

        public static let spec = TransitionSpec("recordOutcome", "记录办理结果", from: ["mediating"], permissions: [.complaintHandle],
                                                fields: [outcome.spec, complainantSigned.spec, respondentSigned.spec, originals.spec, recovered.spec],
                                                rule: "CP-23",
                                                // CP-23: an agreement is a 调解书 signed by both, which DOC-40 then requires in the file.
                                                issues: ["CP-AGREEMENT"], to: ["concluded"])

        public struct Input: Sendable {
            let outcome: MediationOutcome
            let signed: (complainant: Bool, respondent: Bool)
            let originals: Int?
            let recovered: String?
        }

        public static func decode(_ i: ActionInput) -> Input? {
            outcome(i).map { Input(outcome: $0, signed: (complainantSigned(i) ?? false, respondentSigned(i) ?? false), originals: originals(i),
                                   recovered: recovered(i)) }
        }

        public static func check(_ input: Input, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            if input.outcome.isMediated && !c.facts.consented {
                v.append(FieldError(field: outcome.name, rule: "CP-16", code: "complaint.consent.missing", messageZH: "双方均同意调解后方可调解"))
            }
            if input.outcome == .agreement {
                if !input.signed.complainant || !input.signed.respondent {
                    v.append(FieldError(field: input.signed.complainant ? respondentSigned.name : complainantSigned.name, rule: "CP-23",
                                        code: "complaint.agreement.unsigned", messageZH: "调解书须经双方签名或盖章"))
                }
                if (input.originals ?? 3) < 3 {
                    v.append(FieldError(field: originals.name, rule: "CP-23", code: "complaint.agreement.originals", messageZH: "调解书一式三份，一份存档"))
                }
            }
            if let text = input.recovered, Fen.parse(text) == nil {
                v.append(FieldError(field: recovered.name, rule: "X-06", code: "input.money.invalid", messageZH: "挽回经济损失须为不小于0的金额，最多两位小数"))
            }
            return v
        }

        public static func apply(_ input: Input, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            f.ending = .init(outcome: input.outcome, on: context.today, recoveredFen: input.recovered.flatMap(Fen.parse))
            // The mediation clock ends on the day; a withdrawal or settlement ends it too (nothing is left to mediate).
            return Outcome(state: "concluded", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "mediation", on: context.today)],
                           closedOn: context.today, summaryZH: input.outcome.nameZH)
        }
    }
}
