import Foundation

extension EnforcementProcedure {
    /// 立案 (CP-30, CP-31): the 立案 date, the procedure and at least two certified officers. 一般程序
    /// starts the decision clock (90日 from 立案); 简易程序 decides on the spot — filed on the decision
    /// day — and is refused unless it is a warning or a fine within CP-31's cap.
    public enum FileCase: EnforcementStep {
        static let filedOn = TypedField<LocalDate>.date("filedOn", "立案日期")
        static let procedure = TypedField<PenaltyProcedureKind>.choice("procedure", "适用程序")
        static let officers = TypedField<[UUID]>.users("officers", "承办执法人员", help: "至少2名，均须持有效行政执法证")
        static let category = TypedField<EnforcementCategory>.choice("category", "案件类别", required: false, help: "登记时未填的须填写")
        static let simplePenalty = TypedField<SimplePenalty>.choice("simplePenalty", "当场处罚种类", required: false, help: "简易程序必填")
        static let fine = TypedField<String>.text("fine", "罚款金额（元）", required: false, help: "简易程序罚款：公民200元以下，法人或其他组织3000元以下", maxLength: 20)
        static let documentNumber = TypedField<String>.text("documentNumber", "当场处罚决定书文号", required: false, maxLength: 64)

        public static let spec = TransitionSpec("file", "立案", from: ["registered"], permissions: [.enforcementHandle],
                                                fields: [filedOn.spec, procedure.spec, officers.spec, category.spec, simplePenalty.spec, fine.spec,
                                                         documentNumber.spec], rule: "CP-31")

        public struct Input: Sendable {
            let filedOn: LocalDate
            let procedure: PenaltyProcedureKind
            let officers: [UUID]
            let category: EnforcementCategory?
            let simplePenalty: SimplePenalty?
            let fine: String?
            let documentNumber: String?
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let d = filedOn(i), let p = procedure(i), let o = officers(i) else { return nil }
            return Input(filedOn: d, procedure: p, officers: o, category: category(i), simplePenalty: simplePenalty(i), fine: fine(i),
                         documentNumber: documentNumber(i))
        }

        public static func check(_ input: Input, case c: ProcedureCase<EnforcementFacts>, context: ProcedureContext) -> [FieldError] {
            var v = EnforcementOfficers.check(input.officers, on: input.filedOn, context: context, field: officers.name)
            if input.filedOn > context.today {
                v.append(FieldError(field: filedOn.name, rule: "X-02", code: "enforcement.filed.future", messageZH: "立案日期不能晚于今天"))
            }
            if let r = c.facts.receivedOn, input.filedOn < r {
                v.append(FieldError(field: filedOn.name, rule: "CP-30", code: "enforcement.dates.order", messageZH: "立案日期不能早于发现或收到线索日期\(r.chinese)"))
            }
            if c.facts.category == nil && input.category == nil {
                v.append(FieldError(field: category.name, rule: "CP-30", code: "enforcement.category.required", messageZH: "请选择案件类别"))
            }
            guard input.procedure == .simple else { return v }
            switch input.simplePenalty {
            case nil:
                v.append(FieldError(field: simplePenalty.name, rule: "CP-31", code: "enforcement.simple.penalty-required", messageZH: "简易程序须选择当场处罚种类（警告或罚款）"))
            case .warning?:
                break
            case .fine?:
                guard let text = input.fine, let fen = Fen.parse(text), fen > 0 else {
                    v.append(FieldError(field: fine.name, rule: "CP-31", code: "enforcement.simple.fine-invalid", messageZH: "请填写罚款金额（元，最多两位小数）"))
                    break
                }
                let kind = (c.facts.partyID ?? c.partyIDs.first).flatMap { context.partyKinds[$0] }
                if let refusal = EnforcementRules.simpleCap(fineFen: fen, party: kind, field: fine.name) { v.append(refusal) }
            }
            return v
        }

        public static func apply(_ input: Input, case c: ProcedureCase<EnforcementFacts>, context: ProcedureContext) -> Outcome<EnforcementFacts> {
            var f = c.facts
            if let k = input.category { f.category = k }
            f.filing = .init(on: input.filedOn, procedure: input.procedure, officers: EnforcementOfficers.normalised(input.officers), by: context.actor.userID)
            guard input.procedure == .simple else {
                return Outcome(state: "filed", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.start(step: "decision", on: input.filedOn)],
                               summaryZH: "\(input.filedOn.chinese)立案（一般程序）")
            }
            // 简易程序: filed = decided = served (当场交付, 处罚法 52).
            let fen = input.simplePenalty == .fine ? input.fine.flatMap(Fen.parse) ?? 0 : 0
            f.decision = .init(on: input.filedOn, type: .penalty, documentNumber: input.documentNumber, fineFen: fen, confiscatedGainsFen: 0,
                               confiscatedGoodsFen: 0, goodsValueFen: 0, simplePenalty: input.simplePenalty)
            f.servedOn = input.filedOn
            return Outcome(state: "executing", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           summaryZH: "\(input.filedOn.chinese)适用简易程序当场处罚：\(input.simplePenalty?.nameZH ?? "")" + (fen > 0 ? Fen.text(fen) : ""))
        }
    }
}
