import Foundation

extension InquiryProcedure {
    /// CP-41: the answer — for an item 不适用 the channel the submitter was told is required (its form
    /// proposes the kind's usual one); the item is concluded on the day answered.
    public enum Answer: InquiryStep {
        static let answer = TypedField<String>.textarea("answer", "答复内容")
        static let channelTold = TypedField<String>.text("channelTold", "告知的处理渠道", required: false,
                                                          help: "不适用本办法的事项必填：告知来件人向何机关、通过何渠道提出", maxLength: 200)
        static let answeredOn = TypedField<LocalDate>.date("answeredOn", "答复日期")

        public static let spec = TransitionSpec("answer", "答复或告知", from: ["registered"], permissions: [.complaintRegister, .complaintHandle],
                                                fields: [answer.spec, channelTold.spec, answeredOn.spec], rule: "CP-41")

        public static func decode(_ i: ActionInput) -> (answer: String, channelTold: String?, on: LocalDate)? {
            guard let a = answer(i), let on = answeredOn(i) else { return nil }
            return (a, channelTold(i), on)
        }

        public static func check(_ input: (answer: String, channelTold: String?, on: LocalDate), case c: ProcedureCase<InquiryFacts>,
                                 context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            if c.facts.kind.outOfScope && input.channelTold == nil {
                v.append(FieldError(field: channelTold.name, rule: "CP-41", code: "inquiry.channel.required",
                                    messageZH: "\(c.facts.kind.nameZH)须告知来件人处理渠道，如“\(c.facts.kind.properChannelZH ?? "")”"))
            }
            if input.on < c.facts.receivedOn || input.on > context.today {
                v.append(FieldError(field: answeredOn.name, rule: "X-02", code: "inquiry.answered.date", messageZH: "答复日期须在收到日期与今天之间"))
            }
            return v
        }

        public static func apply(_ input: (answer: String, channelTold: String?, on: LocalDate), case c: ProcedureCase<InquiryFacts>,
                                 context: ProcedureContext) -> Outcome<InquiryFacts> {
            var f = c.facts
            f.answer = input.answer
            f.channelTold = input.channelTold
            f.answeredOn = input.on
            return Outcome(state: "answered", gravity: c.gravity, facts: f, handlerID: c.handlerID, closedOn: input.on,
                           summaryZH: "\(input.on.chinese)答复" + (input.channelTold.map { "，告知向\($0)" } ?? ""))
        }
    }
}
