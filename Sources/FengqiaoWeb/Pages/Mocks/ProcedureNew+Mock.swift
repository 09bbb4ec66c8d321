import FengqiaoCore
import Foundation

extension ProcedurePageSupport.NewModel {
    /// The new-interview form after a refused submission: the party chosen, an error shown.
    static var mock: Self {
        let parties = SelectOption.list([(MockData.partyID, "\(MockData.party)（\(MockData.partyUSCC)）"), ("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "中村菜场 & 摊位")])
        let fields = [
            InputField("partyID", "当事人", .party),
            InputField("title", "案件名称", .text, maxLength: 100),
            InputField("clueOn", "线索发现日期", .date),
            InputField("grounds", "约谈事由", .lines, help: "每行一项"),
            InputField("major", "重大案件", .checkbox, required: false),
        ].map { FieldView($0, form: "new", input: nil, people: [], parties: parties, defaults: ["partyID": MockData.partyID, "title": MockData.hostile]) }
        return Self(page: .mock("登记约谈"), title: "登记约谈", action: "/interviews", rule: "IV-01", fields: fields, errors: ["线索发现日期不能晚于今天（X-06）"])
    }
}

extension DocumentPages.NewModel {
    /// DOC-02: the interview notice, prefilled from the case, one required field left empty.
    static var mock: Self {
        let fields = [
            InputField("party.name", "当事人名称", .text),
            InputField("interview.at", "约谈时间", .text),
            InputField("interview.place", "约谈地点", .text),
        ].map { FieldView($0, form: "doc", input: nil, people: [], parties: [],
                          defaults: ["party.name": MockData.party, "interview.at": "2025年10月10日 9时30分"]) }
        return DocumentPages.NewModel(page: .mock("约谈通知书"), title: "约谈通知书", caseTitle: "\(MockData.caseTitle) \(MockData.hostile)",
                                      caseHref: MockData.caseHref, action: MockData.caseHref + "/documents", templateCode: "interview-notice", fields: fields,
                                      recipient: "\(MockData.party)（法定代表人：张伟）", errors: ["约谈地点为必填项（DOC-02）"])
    }
}
