import Foundation

extension MediationProcedure {
    /// Step 7(a) (MD-21, MD-22, MD-28, MD-49): the parties sign the 行政调解协议书 — every party and
    /// the mediators, sealed, one copy each (each party's signature on its copy is its service, DOC-30). Refused without every signature, without the checklist,
    /// without 法制科's review of an administrative agreement, without the investigation and result, or
    /// while a mediator is not eligible on the day. The dispute concludes on the signing day; each
    /// obligation is checked within 3 working days of its due date (MD-29), the result reported to
    /// the centre within 2 (MD-16, dispatched cases), the volume filed within 30 days (MD-37).
    public enum ConcludeAgreement: MediationStep {
        static let signedOn = TypedField<LocalDate>.date("signedOn", "协议签订日期")
        static let terms = TypedField<String>.textarea("terms", "协议内容")
        static let obligations = TypedField<[String]>.lines("obligations", "履行义务（每行：义务人|内容|履行期限 2025-11-30）")
        static let investigation = TypedField<String>.textarea("investigation", "调查情况")
        static let result = TypedField<String>.textarea("result", "处理结果")
        static let allSigned = TypedField<Bool>.checkbox("allSigned", "各方当事人和调解员均已签名，加盖印章")
        static let checklist = TypedField<Bool>.checkbox("checklist", "协议不免除法律责任或处罚，不损害国家、公共和第三人利益（MD-22）")

        public static let spec = TransitionSpec("concludeAgreement", "签订调解协议", from: ["mediating"], permissions: [.mediationHandle],
                                                fields: [signedOn.spec, terms.spec, obligations.spec, investigation.spec, result.spec, allSigned.spec, checklist.spec],
                                                rule: "MD-28", requires: [.served("MD-AGREEMENT", rule: "MD-28")], issues: ["MD-AGREEMENT"], to: ["concluded"])

        public struct Input: Sendable {
            let signedOn: LocalDate
            let terms: String
            let obligations: [String]
            let investigation: String
            let result: String
            let allSigned: Bool
            let checklist: Bool
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let d = signedOn(i), let t = terms(i), let inv = investigation(i), let r = result(i) else { return nil }
            return Input(signedOn: d, terms: t, obligations: obligations(i) ?? [], investigation: inv, result: r, allSigned: allSigned(i) ?? false,
                         checklist: checklist(i) ?? false)
        }

        /// `义务人|内容|2025-11-30` → the obligation; nil when malformed.
        static func parse(_ line: String) -> MediationObligation? {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, let due = LocalDate(iso: parts[2]) else { return nil }
            return MediationObligation(obligor: parts[0], content: parts[1], dueOn: due, status: .pending)
        }

        public static func check(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            let f = c.facts
            var v = MediationRules.dateErrors(input.signedOn, field: signedOn.name, label: "协议签订日期", facts: f,
                                              notBefore: f.acceptedOn.map { ($0, "受理日期") }, context: context)
            if !input.allSigned {
                v.append(MediationRules.refusal(allSigned.name, "MD-21", "mediation.agreement.unsigned", "调解协议须经各方当事人和调解员签名"))
            }
            if !input.checklist {
                v.append(MediationRules.refusal(checklist.name, "MD-22", "mediation.agreement.checklist", "须完成协议审核清单"))
            }
            if f.scope.administrative && f.legalReviewOn == nil {
                v.append(MediationRules.refusal("state", "MD-22", "mediation.agreement.unreviewed", "行政纠纷的调解协议须经法制科审核后方可签订"))
            }
            for line in input.obligations where parse(line) == nil {
                v.append(MediationRules.refusal(obligations.name, "MD-29", "mediation.obligation.invalid", "履行义务“\(line)”应写作：义务人|内容|履行期限（如 2025-11-30）"))
            }
            for o in input.obligations.compactMap(parse) where o.dueOn < input.signedOn {
                v.append(MediationRules.refusal(obligations.name, "MD-29", "mediation.obligation.past", "履行期限\(o.dueOn.chinese)早于协议签订日期"))
            }
            v += f.mediatorIDs.flatMap { MediatorEligibility.refusals(context.people[$0], on: input.signedOn, field: signedOn.name) }
            if f.mediatorIDs.isEmpty {
                v.append(MediationRules.refusal("state", "MD-04", "mediation.mediator.none", "请先指派调解员"))
            }
            return v
        }

        public static func apply(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.agreementTerms = input.terms
            f.obligations = input.obligations.compactMap(parse)
            f.ending = .init(outcome: .agreement, on: input.signedOn, investigation: input.investigation, result: input.result)
            var clocks: [ClockEffect] = [.end(step: "mediation", on: input.signedOn)]
            clocks += MediationProcedure.afterConclusion(f, on: input.signedOn)
            return Outcome(state: "concluded", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: clocks, closedOn: input.signedOn,
                           summaryZH: "\(input.signedOn.chinese)达成调解协议" + (f.obligations.isEmpty ? "，当场履行" : "，\(f.obligations.count)项义务待履行"))
        }
    }
}
