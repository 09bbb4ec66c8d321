import Foundation

extension AdminPages.UnitsModel {
    /// PLT-01: the district bureau and the office under it.
    static var mock: Self {
        AdminPages.UnitsModel(
            page: .mock("单位"),
            units: [Row(code: "JC", name: "江城区市场监督管理局", kind: "分局", areaCode: "330102", prefix: "江市监", indent: 0),
                    Row(code: MockData.unitCode, name: MockData.unit, kind: "市场监督管理所", areaCode: "330102", prefix: "江中市监", indent: 1)],
            kinds: SelectOption.list([("bureau", "分局"), ("office", "市场监督管理所")], selected: "office"),
            parents: SelectOption.list([("JC", "江城区市场监督管理局")], selected: "JC"),
            form: Form(code: "JC-NX", name: "南新所 \(MockData.hostile)", areaCode: "330102", numberPrefix: "江南市监"),
            errors: ["单位代码已存在（PLT-01）"])
    }
}

extension AdminPages.UsersModel {
    /// PLT-02/04: the office's users and the new-user form after a refusal.
    static var mock: Self {
        AdminPages.UsersModel(
            page: .mock("用户"),
            users: [Row(href: "/admin/users/" + MockData.userID, login: "liming", name: MockData.officer, unit: MockData.unit, roles: "办案人员", status: "正常"),
                    Row(href: "/admin/users/7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e", login: "wangfang", name: "王芳", unit: MockData.unit, roles: "所长", status: "已锁定")],
            units: SelectOption.list([(MockData.unitCode, MockData.unit)], selected: MockData.unitCode),
            roles: SelectOption.list([("handler", "办案人员"), ("head", "所长")], selected: "handler"),
            scopes: SelectOption.list([("unit", "本单位"), ("own", "本人")], selected: "unit"),
            form: Form(login: "zhaolei", name: "赵磊 \(MockData.hostile)", phone: "13900001111", certificate: "33010220250018"),
            errors: ["三员分立：系统管理员不得兼任业务角色（PLT-04）"])
    }
}

extension AdminPages.UserModel {
    /// PLT-02/06: a handler with an enforcement qualification and one recorded conflict.
    static var mock: Self {
        AdminPages.UserModel(
            page: .mock("李明"), href: "/admin/users/" + MockData.userID, login: "liming", name: MockData.officer, unit: MockData.unit, status: "正常",
            certificate: "33010220250017",
            roles: [RoleRow(label: "办案人员 · \(MockData.unit) · 本单位", role: "handler", unit: MockData.unitCode)],
            roleOptions: SelectOption.list([("handler", "办案人员"), ("head", "所长")]),
            unitOptions: SelectOption.list([(MockData.unitCode, MockData.unit)], selected: MockData.unitCode),
            scopeOptions: SelectOption.list([("unit", "本单位")], selected: "unit"),
            locked: true, toggleTo: "false", toggleLabel: "停用账号", confirmToggle: "停用后该用户不能登录。确定停用吗？",
            qualifications: [Qual(kind: "行政执法证", issuer: "浙江省人民政府", obtained: "2025-01-15", expires: "2027-01-14", valid: "有效")],
            qualificationKinds: SelectOption.list([("enforcement", "行政执法证")]),
            conflicts: ["\(MockData.party)：亲属 \(MockData.hostile)"], errors: [])
    }
}

extension CalendarPages.Model {
    /// CAL-01…03: the 2026 notice imported in November 2025, the change it made shown.
    static var mock: Self {
        CalendarPages.Model(
            page: .mock("工作日历"),
            years: [Year(year: 2025, notice: "国办发明电〔2024〕12号", holidays: 28, makeUp: 6, source: "随系统提供"),
                    Year(year: 2026, notice: "国办发明电〔2025〕7号", holidays: 29, makeUp: 5, source: "修订 1")],
            revisions: [Revision(revision: 1, year: 2026, notice: "国办发明电〔2025〕7号", summary: "放假 29 天，调休上班 5 天", at: "2025-11-12 10:05", by: "admin")],
            text: "year 2026\nnotice 国办发明电〔2025〕7号 \(MockData.hostile)\nholiday 2026-10-01 国庆节",
            errors: ["第3行：日期 2026-02-30 不存在（CAL-01）"], changes: [Change(year: 2026, revision: 1, dates: "2026-10-01、2026-10-02")],
            saved: true, sample: "year 2026\nholiday 2026-01-01 元旦")
    }
}
