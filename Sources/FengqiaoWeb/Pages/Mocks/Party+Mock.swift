import FengqiaoCore
import Foundation

extension PartyPages.ListModel {
    /// PLT-10/13: a search for 中村, masked identifiers, one person whose identity is unverified.
    static var mock: Self {
        PartyPages.ListModel(
            page: .mock("当事人"), query: "中村 \(MockData.hostile)",
            rows: [PartyPages.Row(href: "/parties/" + MockData.partyID, name: MockData.party, kind: "个体工商户", identifier: "9133**********LQ3B",
                                  representative: "张*", phone: "138****5678", unverified: false),
                   PartyPages.Row(href: "/parties/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", name: "中村菜场 & 摊位 \(MockData.hostile)", kind: "自然人",
                                  identifier: "", representative: "", phone: "139****0001", unverified: true)],
            summary: "找到 2 条", searchError: nil, canWrite: true, canImport: true, prev: nil, next: "/parties?q=%E4%B8%AD%E6%9D%91&page=2")
    }
}

extension PartyPages.DetailModel {
    /// PLT-11: the shop with its case history; the personal data masked.
    static var mock: Self {
        PartyPages.DetailModel(
            page: .mock(MockData.party), name: "\(MockData.party) \(MockData.hostile)",
            facts: [PartyPages.Fact(label: "类型", value: "个体工商户"), PartyPages.Fact(label: "统一社会信用代码", value: MockData.partyUSCC),
                    PartyPages.Fact(label: "经营者", value: "张*"), PartyPages.Fact(label: "地址", value: "江城区中村路18号 & 19号"),
                    PartyPages.Fact(label: "管辖单位", value: MockData.unit)],
            unverified: false, version: 3,
            history: [History(caseNumber: MockData.caseNumber, module: "行政约谈", state: "约谈准备", openedOn: "2025年9月28日")],
            canWrite: true, editHref: "/parties/\(MockData.partyID)/edit", canReveal: true, revealHref: "/parties/\(MockData.partyID)/reveal",
            revealed: false, recordID: MockData.partyID, mergedInto: nil, mergeHref: "/parties/\(MockData.partyID)/merge",
            mergeError: "不能把记录合并到它自己（PLT-12）")
    }
}

extension PartyPages.FormModel {
    /// PLT-10: editing the shop after a refused save (a bad credit code).
    static var mock: Self {
        PartyPages.FormModel(
            page: .mock("编辑当事人"), heading: "编辑当事人", action: "/parties/" + MockData.partyID, cancel: "/parties/" + MockData.partyID, version: 3,
            form: PartyInput(kind: "individual", name: "\(MockData.party) \(MockData.hostile)", uscc: "91330102MA2KX4LQ3X", representative: "张伟",
                             phone: "13800005678", address: "江城区中村路18号", industry: "F5211", licenceTermEnd: "长期", unitCode: MockData.unitCode),
            kinds: SelectOption.list([("enterprise", "企业"), ("individual", "个体工商户"), ("person", "自然人")], selected: "individual"),
            units: SelectOption.list([(MockData.unitCode, MockData.unit)], selected: MockData.unitCode),
            errors: [Err(field: "uscc", message: "统一社会信用代码校验位不符", rule: "PLT-10")])
    }
}

extension PartyPages.ImportModel {
    /// PLT-14: an import of three rows, one refused.
    static var mock: Self {
        PartyPages.ImportModel(
            page: .mock("导入结果"), units: SelectOption.list([(MockData.unitCode, MockData.unit)], selected: MockData.unitCode),
            result: Result(total: 3, ok: 2, created: 1, existing: 1, failed: 1,
                           errors: [Err(row: 3, name: "中村菜场 \(MockData.hostile)", message: "统一社会信用代码校验位不符（PLT-10）")]),
            error: nil)
    }
}
