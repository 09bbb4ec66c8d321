import Foundation

extension InquiryProcedure {
    /// Step 1 (CP-25, CP-41): the 受理员 saves the item as 咨询 or 建议, or marks it 不适用.
    public enum Register: Creation {
        public typealias Facts = InquiryFacts

        static let submitter = TypedField<UUID>.party("submitterID", "来件人", required: false, help: "匿名来件不填")
        static let channel = TypedField<ComplaintChannel>.choice("channel", "来源渠道")
        static let externalNo = TypedField<String>.text("externalNo", "平台编号", required: false, help: "全国12315平台、12315热线、12345转办件必填", maxLength: 64)
        static let receivedOn = TypedField<LocalDate>.date("receivedOn", "收到日期")
        static let kind = TypedField<InquiryKind>.choice("kind", "分类")
        static let content = TypedField<String>.textarea("content", "来件内容")

        public static let spec = TransitionSpec("register", "登记咨询、建议或不适用件", from: [], permissions: [.complaintRegister],
                                                fields: [submitter.spec, channel.spec, externalNo.spec, receivedOn.spec, kind.spec, content.spec], rule: "CP-41")

        public struct Input: Sendable {
            let submitter: UUID?
            let channel: ComplaintChannel
            let externalNo: String?
            let receivedOn: LocalDate
            let kind: InquiryKind
            let content: String
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let ch = channel(i), let on = receivedOn(i), let k = kind(i), let c = content(i) else { return nil }
            return Input(submitter: submitter(i), channel: ch, externalNo: externalNo(i), receivedOn: on, kind: k, content: c)
        }

        public static func check(_ input: Input, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            if input.receivedOn > context.today {
                v.append(FieldError(field: receivedOn.name, rule: "X-02", code: "inquiry.received.future", messageZH: "收到日期不能晚于今天"))
            }
            if input.channel.needsExternalNumber && input.externalNo == nil {
                v.append(FieldError(field: externalNo.name, rule: "CP-43", code: "inquiry.external-no.required", messageZH: "\(input.channel.nameZH)来件须填写平台编号"))
            }
            if let id = input.submitter, context.partyNames[id] == nil {
                v.append(FieldError(field: submitter.name, rule: "CP-41", code: "inquiry.party.unknown", messageZH: "来件人不存在或不在您的管辖范围内"))
            }
            return v
        }

        public static func create(_ input: Input, context: ProcedureContext) -> Opened<InquiryFacts> {
            let name = input.submitter.flatMap { context.partyNames[$0] }
            let facts = InquiryFacts(submitterID: input.submitter, submitterName: name, channel: input.channel, externalNo: input.externalNo,
                                     receivedOn: input.receivedOn, kind: input.kind, content: input.content)
            // The title names the submitter and the kind, like a complaint's; the content only begins it.
            return Opened(title: "\(name ?? "匿名来件")（\(input.kind.nameZH.prefix { $0 != "（" })）：\(input.content.prefix(16))",
                          partyIDs: input.submitter.map { [$0] } ?? [],
                          facts: facts, clocks: [], ruleDate: input.receivedOn)
        }
    }
}
