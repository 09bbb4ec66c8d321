import Foundation

// The documents each step requires and issues (issue 12 item 1), declared on its `TransitionSpec`
// and used by the engine for every procedure: a step is refused while a document it requires is not
// issued, or not served where the rule says so (DOC-31: an unserved document starts no clock); the
// documents a case may issue are those of the steps around its state (DOC-01).

/// A document a step needs before it may be taken.
public struct StepDocument: Sendable, Equatable {
    /// Template code, e.g. `IV-NOTICE`.
    public let code: String
    /// Whether it must also be served (DOC-30), not only issued.
    public let served: Bool
    /// The rule the requirement implements, cited in the refusal.
    public let rule: String

    public init(code: String, served: Bool, rule: String) {
        self.code = code
        self.served = served
        self.rule = rule
    }

    /// The document must be issued (not void) before the step.
    public static func issued(_ code: String, rule: String = "DOC-40") -> StepDocument { StepDocument(code: code, served: false, rule: rule) }
    /// DOC-31: the document must be issued and served before the step (its service date starts the step's clock).
    public static func served(_ code: String, rule: String = "DOC-31") -> StepDocument { StepDocument(code: code, served: true, rule: rule) }
}

extension Procedure {
    /// The Chinese name of one of the procedure's templates; the code when it has none.
    public static func templateNameZH(_ code: String) -> String {
        module.templates.first { $0.code == code }?.nameZH ?? code
    }

    /// The templates a case in `state` may issue (DOC-01): those the steps taken from `state`, or
    /// leading to it, declare in `issues`, in the procedure's template order. A procedure whose steps
    /// declare none offers every template in every state.
    public static func offeredTemplates(state: String) -> [String] {
        let specs = [creation] + transitions
        guard specs.contains(where: { !$0.issues.isEmpty }) else { return templateCodes }
        let offered = Set(specs.filter { $0.from.contains(state) || $0.to.contains(state) }.flatMap(\.issues))
        return templateCodes.filter(offered.contains)
    }
}

extension ProcedureEngine {
    /// DOC-31: one refusal for each document `t` requires that the case does not hold as needed —
    /// never issued (or voided), or issued but unserved — naming the document and the rule.
    static func documentGate<P: Procedure>(_ procedure: P.Type, _ t: TransitionSpec, context: ProcedureContext) -> [FieldError] {
        t.requires.compactMap { need in
            let name = P.templateNameZH(need.code)
            guard let doc = context.document(need.code) else {
                return FieldError(field: need.code, rule: need.rule, code: "document.required", messageZH: "尚未制发《\(name)》，不能办理“\(t.nameZH)”")
            }
            if need.served && doc.servedOn == nil {
                return FieldError(field: need.code, rule: need.rule, code: "document.unserved",
                                  messageZH: "《\(name)》（\(doc.number)）尚未送达，请先登记送达回证")
            }
            return nil
        }
    }
}

extension Procedure {
    /// CP-08, X-09: whether `viewer` may read a case's documents of `template` — not when the document
    /// is addressed to someone the facts hide from them (a report's 告知书 names the reporter), since
    /// its text, recipient and service records would name them. Every other document is read as the
    /// case is.
    public static func documentVisible(_ facts: Facts, template: String, handlerID: UUID?, unitID: UUID, to viewer: Actor) -> Bool {
        let shown = visible(facts, handlerID: handlerID, unitID: unitID, to: viewer)
        return addressee(shown, template: template) == addressee(facts, template: template)
    }
}
