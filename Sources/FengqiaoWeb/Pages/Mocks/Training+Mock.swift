import Foundation

extension TrainingPages.IndexModel {
    /// PLT-07: the courses of 2025 and one person flagged after three failures.
    static var mock: Self {
        TrainingPages.IndexModel(
            page: .mock("培训考核"), manage: true,
            rows: [TrainingPages.CourseRow(href: "/training/courses/f6a7b8c9-d0e1-4f2a-8b3c-5d6e7f809102", title: "2025年第三季度约谈技巧专题培训 \(MockData.hostile)",
                                           kind: "季度专题培训", dates: "2025-09-22 至 2025-09-26", unit: MockData.unit, passMark: 60, grants: "—", assessed: 12,
                                           passed: 11, rate: "11/12", target: "—")],
            flags: [TrainingPages.FlagRow(href: "/training/people/" + MockData.userID, name: "赵磊", unit: MockData.unit, failures: 3, lastFailed: "2025-09-26")],
            errors: ["结束日期不能早于开始日期（PLT-07）"],
            kinds: SelectOption.list([("quarterly", "季度专题培训"), ("preservice", "岗前培训")], selected: "quarterly"),
            title: "2025年第四季度消防安全专题培训", startsOn: "2025-10-09", endsOn: "2025-10-10", passMark: "60")
    }
}

extension TrainingPages.CourseModel {
    /// PLT-07: the interviewer certification with its weighted components; a qualification to revoke.
    static var mock: Self {
        TrainingPages.CourseModel(
            page: .mock("约谈师认证"), manage: true, title: "2025年约谈师认证", kind: "约谈师认证", dates: "2025-09-29 至 2025-09-30", passMark: 80,
            grants: "约谈师（2年）", formula: "笔试40%、模拟约谈40%、群众满意度20%",
            rows: [TrainingPages.ResultRow(href: "/training/people/" + MockData.userID, name: MockData.officer, attended: "出勤",
                                           scores: "笔试 88，模拟约谈 90，满意度 95", total: "90.2", result: "合格", qualification: "约谈师，有效期至 2027-09-29",
                                           revokeAction: "/training/courses/f6a7b8c9-d0e1-4f2a-8b3c-5d6e7f809102/revoke")],
            rate: "1/1", target: "100%", prePost: false, errors: [MockData.hostile], action: "/training/courses/f6a7b8c9-d0e1-4f2a-8b3c-5d6e7f809102/results",
            people: SelectOption.list([(MockData.userID, "李明（liming）")]),
            components: [.init(key: "written", label: "笔试", value: "88"), .init(key: "mock", label: "模拟约谈", value: "")])
    }
}

extension TrainingPages.PersonModel {
    /// PLT-07: one person's record: three failures in a row, an expired qualification, cases handled.
    static var mock: Self {
        TrainingPages.PersonModel(
            page: .mock("赵磊"), name: "赵磊", unit: "\(MockData.unit) \(MockData.hostile)", flagged: true, failures: 3,
            results: [TrainingPages.ResultRow(href: "/training/courses/f6a7b8c9-d0e1-4f2a-8b3c-5d6e7f809102", name: "2025年第三季度约谈技巧专题培训",
                                              attended: "出勤", scores: "笔试 52", total: "52", result: "不合格", qualification: "—", revokeAction: nil)],
            qualifications: [Qual(kind: "约谈师", issuer: "江城区分局", obtained: "2023-09-30", expires: "2025-09-29", status: "已过期")],
            outcomes: [Outcome(procedure: "行政约谈", state: "已办结", count: 4, closed: 4)], total: 4, closed: 4)
    }
}

extension ViolationCategoryPages.Model {
    /// PLT-16: the category tree in force with a new version previewed from 2025-10-08.
    static var mock: Self {
        var form = ViolationCategoryPages.Form()
        form.code = "food-expired"
        form.name = "销售过期食品 \(MockData.hostile)"
        form.legalBasis = "《中华人民共和国食品安全法》第三十四条"
        form.parent = "food"
        form.effectiveOn = "2025-10-08"
        form.note = "国庆后施行"
        return ViolationCategoryPages.Model(
            page: .mock("违法行为类别"), version: 4, effectiveOn: "2025年1月1日",
            sectors: [Sector(code: "food", name: "食品安全", legalBasis: "《中华人民共和国食品安全法》", keySector: true, retired: false, editHref: "/violation-categories?target=food",
                             categories: [Category(code: "food-label", name: "标签不合规", legalBasis: "第六十七条", retired: false,
                                                   editHref: "/violation-categories?target=food-label")])],
            history: [Version(version: 4, effectiveOn: "2025-01-01", note: "新增重点领域", by: "周敏", status: "现行")],
            errors: [], preview: Preview(version: 5, effectiveOn: "2025年10月8日", lines: ["新增：销售过期食品（食品安全）"]), form: form,
            operations: SelectOption.list([("add", "新增"), ("rename", "修改"), ("retire", "停用")], selected: "add"),
            targets: SelectOption.list([("food-label", "标签不合规")]), parents: SelectOption.list([("food", "食品安全")], selected: "food"))
    }
}
