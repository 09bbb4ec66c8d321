import Foundation

extension EnforcementProcedure {
    /// The decision of a 一般程序 case (CP-30): its date (not before 立案), type, document number and the
    /// amounts; it ends the decision clock. Only a 行政处罚 carries amounts.
    public enum RecordDecision: EnforcementStep {
        static let decidedOn = TypedField<LocalDate>.date("decidedOn", "决定日期")
        static let type = TypedField<EnforcementDecisionType>.choice("decisionType", "决定类型")
        static let documentNumber = TypedField<String>.text("documentNumber", "决定书文号", required: false, maxLength: 64)
        static let fine = TypedField<String>.text("fine", "罚款（元）", required: false, maxLength: 20)
        static let gains = TypedField<String>.text("confiscatedGains", "没收违法所得（元）", required: false, maxLength: 20)
        static let goods = TypedField<String>.text("confiscatedGoods", "没收非法财物（元）", required: false, maxLength: 20)
        static let goodsValue = TypedField<String>.text("goodsValue", "涉案货值（元）", required: false, maxLength: 20)

        public static let spec = TransitionSpec("recordDecision", "登记处理决定", from: ["filed"], permissions: [.enforcementHandle],
                                                fields: [decidedOn.spec, type.spec, documentNumber.spec, fine.spec, gains.spec, goods.spec, goodsValue.spec],
                                                rule: "CP-30")

        public struct Input: Sendable {
            let decidedOn: LocalDate
            let type: EnforcementDecisionType
            let documentNumber: String?
            /// Field name → the text entered, for the four amounts.
            let amounts: [String: String]
        }

        static let amountFields = [fine, gains, goods, goodsValue]

        public static func decode(_ i: ActionInput) -> Input? {
            guard let d = decidedOn(i), let t = type(i) else { return nil }
            var amounts: [String: String] = [:]
            for f in amountFields { if let v = f(i) { amounts[f.name] = v } }
            return Input(decidedOn: d, type: t, documentNumber: documentNumber(i), amounts: amounts)
        }

        public static func check(_ input: Input, case c: ProcedureCase<EnforcementFacts>, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            if let filed = c.facts.filing?.on, input.decidedOn < filed {
                v.append(FieldError(field: decidedOn.name, rule: "CP-30", code: "enforcement.dates.order", messageZH: "决定日期不能早于立案日期\(filed.chinese)"))
            }
            if input.decidedOn > context.today {
                v.append(FieldError(field: decidedOn.name, rule: "X-02", code: "enforcement.decided.future", messageZH: "决定日期不能晚于今天"))
            }
            for f in amountFields {
                guard let text = input.amounts[f.name] else { continue }
                guard let fen = Fen.parse(text) else {
                    v.append(FieldError(field: f.name, rule: "X-06", code: "enforcement.amount.invalid", messageZH: "“\(f.spec.labelZH)”须为不小于0的金额，最多两位小数"))
                    continue
                }
                if input.type != .penalty && fen > 0 && f.name != goodsValue.name {
                    v.append(FieldError(field: f.name, rule: "CP-30", code: "enforcement.amount.not-penalty",
                                        messageZH: "\(input.type.nameZH)不得登记罚没金额"))
                }
            }
            return v
        }

        public static func apply(_ input: Input, case c: ProcedureCase<EnforcementFacts>, context: ProcedureContext) -> Outcome<EnforcementFacts> {
            var f = c.facts
            func fen(_ field: TypedField<String>) -> Int { input.amounts[field.name].flatMap(Fen.parse) ?? 0 }
            f.decision = .init(on: input.decidedOn, type: input.type, documentNumber: input.documentNumber, fineFen: fen(fine),
                               confiscatedGainsFen: fen(gains), confiscatedGoodsFen: fen(goods), goodsValueFen: fen(goodsValue), simplePenalty: nil)
            let total = f.decision?.totalFen ?? 0
            return Outcome(state: "decided", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: "decision", on: input.decidedOn)],
                           summaryZH: "\(input.decidedOn.chinese)作出\(input.type.nameZH)决定" + (total > 0 ? "，罚没合计\(Fen.text(total))" : ""))
        }
    }
}
