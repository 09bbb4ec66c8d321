import Foundation

extension EnforcementProcedure {
    /// CP-32: a payment needs its voucher number and date; payments may exceed 罚没合计 only when the
    /// excess is flagged 加处罚款 (处罚法 72).
    public enum RecordPayment: EnforcementStep {
        static let amount = TypedField<String>.text("amount", "缴款金额（元）", maxLength: 20)
        static let paidOn = TypedField<LocalDate>.date("paidOn", "缴款日期")
        static let voucherNo = TypedField<String>.text("voucherNo", "缴款凭证号", required: false, help: "非税收入缴款书或银行回单编号", maxLength: 64)
        static let surcharge = TypedField<Bool>.checkbox("surcharge", "加处罚款")

        public static let spec = TransitionSpec("recordPayment", "登记缴款", from: ["decided", "executing"], permissions: [.enforcementHandle],
                                                fields: [amount.spec, paidOn.spec, voucherNo.spec, surcharge.spec], rule: "CP-32")

        public struct Input: Sendable {
            let amount: String
            let paidOn: LocalDate
            let voucherNo: String?
            let surcharge: Bool
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let a = amount(i), let d = paidOn(i) else { return nil }
            return Input(amount: a, paidOn: d, voucherNo: voucherNo(i), surcharge: surcharge(i) ?? false)
        }

        public static func preconditions(_ c: ProcedureCase<EnforcementFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.decision?.type == .penalty ? []
                : [FieldError(field: "state", rule: "CP-32", code: "enforcement.payment.no-penalty", messageZH: "只有行政处罚决定才登记缴款")]
        }

        public static func check(_ input: Input, case c: ProcedureCase<EnforcementFacts>, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            if input.voucherNo == nil {
                v.append(FieldError(field: voucherNo.name, rule: "CP-32", code: "enforcement.payment.voucher-required", messageZH: "登记缴款须填写缴款凭证号"))
            }
            guard let fen = Fen.parse(input.amount), fen > 0 else {
                return v + [FieldError(field: amount.name, rule: "X-06", code: "enforcement.amount.invalid", messageZH: "“缴款金额”须为大于0的金额，最多两位小数")]
            }
            if let d = c.facts.decision?.on, input.paidOn < d {
                v.append(FieldError(field: paidOn.name, rule: "CP-32", code: "enforcement.dates.order", messageZH: "缴款日期不能早于决定日期\(d.chinese)"))
            }
            if input.paidOn > context.today {
                v.append(FieldError(field: paidOn.name, rule: "X-02", code: "enforcement.paid.future", messageZH: "缴款日期不能晚于今天"))
            }
            let total = c.facts.decision?.totalFen ?? 0
            if c.facts.paidFen + fen > total && !input.surcharge {
                v.append(FieldError(field: amount.name, rule: "CP-32", code: "enforcement.payment.exceeds",
                                    messageZH: "缴款合计将超过罚没合计\(Fen.text(total))（已缴\(Fen.text(c.facts.paidFen))）；加处罚款须勾选“加处罚款”"))
            }
            return v
        }

        public static func apply(_ input: Input, case c: ProcedureCase<EnforcementFacts>, context: ProcedureContext) -> Outcome<EnforcementFacts> {
            var f = c.facts
            let fen = Fen.parse(input.amount) ?? 0
            f.payments.append(.init(amountFen: fen, paidOn: input.paidOn, voucherNo: input.voucherNo ?? "", surcharge: input.surcharge))
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           summaryZH: "\(input.paidOn.chinese)缴款\(Fen.text(fen))（凭证\(input.voucherNo ?? "")）" + (input.surcharge ? "，含加处罚款" : ""))
        }
    }
}
