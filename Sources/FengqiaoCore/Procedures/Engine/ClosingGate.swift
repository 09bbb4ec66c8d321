import Foundation

// DOC-40 in the engine, for every procedure: a transition that closes a case runs the completeness
// check of the case file against the documents the procedure requires on that path
// (`Procedure.requiredDocuments`). An incomplete file closes only with the override of a holder of
// `case.close.override` (the unit head) acting with a reason; the reason and the gaps go on the
// case's timeline with the transition.

extension ProcedureEngine {
    /// The optional reason field a closing transition offers for the head's override (DOC-40).
    public static let closingOverride = InputField("closeOverrideReason", "案卷不完整时的结案理由（负责人批准，DOC-40）", .textarea, required: false,
                                                   help: "案卷齐全时不必填写；缺少应有文书时，须由负责人办理本环节并说明理由")

    /// DOC-40: the outcome as it may be written, or the refusal naming each missing, draft or unserved
    /// document; an override is recorded in the timeline line.
    static func closingGate<P: Procedure>(_ procedure: P.Type, _ t: TransitionSpec, outcome: Outcome<P.Facts>, input: ActionInput,
                                          context: ProcedureContext) -> Result<Outcome<P.Facts>, Refusal> {
        guard outcome.closedOn != nil else { return .success(outcome) }
        let catalogue = Dictionary(P.module.templates.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let required = P.requiredDocuments(outcome.facts, state: outcome.state).compactMap { code in
            catalogue[code].map { RequiredDocument(code: code, nameZH: $0.nameZH, needsService: $0.needsService) }
        }
        let documents = context.documents.map {
            CaseDocument(code: $0.templateCode, number: nil, state: $0.void ? .void : .issued, served: $0.servedOn != nil)
        }
        let report = CompletenessReport(required: required, documents: documents)
        let reason = input.text(closingOverride.name)
        do {
            switch try report.clearance(override: reason.map { ClosingOverride(approver: context.actor, reason: $0) }) {
            case .complete:
                return .success(outcome)
            case let .overridden(by, gaps):
                var out = outcome
                let list = gaps.fieldErrors.map(\.messageZH).joined(separator: "；")
                out.summaryZH += "（案卷不完整：\(list)；经\(by.approver.name)批准结案，理由：\(by.reason)，DOC-40）"
                return .success(out)
            }
        } catch {
            let fields = error.fields.isEmpty
                ? [FieldError(field: closingOverride.name, rule: "DOC-40", code: error.code, messageZH: error.messageZH)] : error.fields
            let advice = error.code == "case-file.incomplete"
                ? [FieldError(field: closingOverride.name, rule: "DOC-40", code: "case-file.override.required",
                              messageZH: "案卷不完整，结案须由负责人办理并说明理由")] : []
            return .failure(Refusal(transition: t.key, violations: fields + advice))
        }
    }
}
