import Foundation

/// 咨询、建议及不适用件 — the submissions of complaints.md that are neither complaints nor reports: a
/// consultation or suggestion is saved as such (CP-25: an item without an identifiable party or act is
/// never a report), and 政府信息公开, 复议, 信访 and discipline reports are marked 不适用 with the
/// submitter told the proper channel (CP-41). Numbered per channel like the platform's items (CP-43).
public enum InquiryProcedure: Procedure {
    public typealias Facts = InquiryFacts

    public static let caseType = "inquiry"
    public static let nameZH = "咨询建议及不适用件"
    public static let ruleSetKey = "complaint"

    public static let states: [(key: String, nameZH: String)] = [("registered", "待答复"), ("answered", "已答复")]
    public static let terminalStates: Set<String> = ["answered"]

    public typealias Opening = Register
    public static let steps: [any Transition<InquiryFacts>.Type] = [Answer.self]

    public static func category(_ f: InquiryFacts) -> String? { nil }
    public static func countsAsPrior(_ f: InquiryFacts) -> Bool { false }
    public static func partyName(_ f: InquiryFacts) -> String { f.submitterName ?? "匿名" }
    public static func documentValues(_ f: InquiryFacts, context: DocumentPrefillContext) -> [String: String] { ["party.name": partyName(f)] }

    /// CP-43: a platform number is registered once per channel, whatever the item turned out to be.
    public static func uniqueKeys(_ f: InquiryFacts) -> [CaseKey] {
        guard let no = f.externalNo else { return [] }
        return [CaseKey("\(f.channel.rawValue):\(no)", refusal: FieldError(field: Register.externalNo.name, rule: "CP-43", code: "inquiry.external-no.duplicate",
                                                                           messageZH: "\(f.channel.nameZH)编号\(no)已登记，不得重复登记"))]
    }

    public static func factsZH(_ f: InquiryFacts, names: [UUID: String]) -> [(label: String, value: String)] {
        var rows: [(label: String, value: String)] = [
            ("来件人", f.submitterName ?? "匿名"), ("来源渠道", f.channel.nameZH + (f.externalNo.map { "（\($0)）" } ?? "")), ("收到日期", f.receivedOn.chinese),
            ("分类", f.kind.nameZH), ("来件内容", f.content),
        ]
        if let a = f.answer, let on = f.answeredOn { rows.append(("答复", "\(on.chinese)：\(a)")) }
        if let c = f.channelTold { rows.append(("告知的处理渠道", c)) }
        return rows
    }
}

/// A step of the inquiry procedure.
protocol InquiryStep: Transition where Facts == InquiryFacts {}
