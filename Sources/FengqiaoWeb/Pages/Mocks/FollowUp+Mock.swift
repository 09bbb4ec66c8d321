import FengqiaoCore
import Foundation

extension RevisitPages.Section {
    /// ST-21: one phone revisit after the case closed, and the form for the next.
    static var mock: Self {
        RevisitPages.Section(
            rows: [Row(on: "2025-10-20", method: "电话回访", answer: "满意", scores: "办案效率 5，服务态度 4（指数 90）", note: "店主表示已整改 \(MockData.hostile)")],
            action: MockData.caseHref + "/revisits", on: "2025-10-21",
            methods: SelectOption.list([("phone", "电话回访"), ("visit", "上门回访")], selected: "phone"),
            answers: SelectOption.list([("satisfied", "满意"), ("unsatisfied", "不满意")]),
            scores: [Score(name: "efficiency", label: "办案效率", options: SelectOption.list([("5", "5 分"), ("4", "4 分")]))],
            note: "")
    }
}

extension RevisitPages.SampleModel {
    /// ST-21: the third quarter's sample of closed interviews at the office.
    static var mock: Self {
        RevisitPages.SampleModel(
            page: .mock("回访抽样"), heading: "\(MockData.unit)·2025年第三季度",
            summary: "本季度办结行政约谈案件 12 件，随机抽取 2 件回访（10%，向上取整），已回访 1 件。",
            rows: [Row(href: MockData.caseHref + "#revisits", number: MockData.caseNumber, title: "\(MockData.caseTitle) \(MockData.hostile)",
                       closedOn: "2025年9月26日", revisited: true),
                   Row(href: "/cases/2d3e4f50-6172-4839-8a4b-5c6d7e8f9a0b#revisits", number: "江中市监约〔2025〕17号", title: "中村菜场计量器具未检定",
                       closedOn: "2025年9月29日", revisited: false)],
            quarters: SelectOption.list([("2025-Q3", "2025年第三季度"), ("2025-Q2", "2025年第二季度")], selected: "2025-Q3"),
            units: SelectOption.list([("unit-zc", MockData.unit)], selected: "unit-zc"),
            types: SelectOption.list([("interviews", "行政约谈")], selected: "interviews"))
    }
}

extension ExpertPages.Section {
    /// PLT-08: a food-safety expert took part in the interview.
    static var mock: Self {
        ExpertPages.Section(
            rows: [Row(on: "2025-10-10", name: "陈静（食品检验）", occasion: "约谈", note: "到场说明检验结论 \(MockData.hostile)")],
            action: MockData.caseHref + "/experts",
            experts: SelectOption.list([("2f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b6c", "陈静（食品检验）")]),
            occasions: SelectOption.list([("interview", "约谈"), ("mediation", "调解")], selected: "interview"), on: "2025-10-10", note: "")
    }
}

extension ExpertPages.Model {
    /// PLT-08: the expert pool with one conflict recorded.
    static var mock: Self {
        ExpertPages.Model(
            page: .mock("专家库"),
            rows: [Row(id: "2f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b6c", name: "陈静", field: "食品检验", organisation: "江城区食品检验所 \(MockData.hostile)",
                       conflicts: 1, conflictAction: "/experts/2f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b6c/conflicts")],
            errors: ["姓名不能为空（PLT-08）"], name: "", field: "消防安全", organisation: "", phone: "")
    }
}

extension RatingPages.RateModel {
    /// IV-24: the party's anonymous rating form, opened from a one-time link (no session).
    static var mock: Self {
        RatingPages.RateModel(
            page: PageChrome(title: "行政约谈评价", userName: nil, csrf: nil), procedureName: "行政约谈", rule: "IV-24",
            action: "/rate/Xk2mP9qLr7Tz", scores: [
                Score(name: "attitude", label: "服务态度", options: SelectOption.list([("5", "5 分"), ("4", "4 分"), ("3", "3 分")])),
                Score(name: "fairness", label: "公正规范 \(MockData.hostile)", options: SelectOption.list([("5", "5 分"), ("1", "1 分")])),
            ],
            errors: ["请为每一项评分"], done: false, spent: false)
    }
}

extension RatingPages.LinkModel {
    /// IV-24: the one-time link, shown once to the handler.
    static var mock: Self {
        RatingPages.LinkModel(page: .mock("评价链接"), url: "http://fengqiao.example/rate/Xk2mP9qLr7Tz?a=1&b=2", caseHref: MockData.caseHref)
    }
}

extension MediatorPages.Model {
    /// MD-01…MD-07: two mediators of the centre — one eligible, one trained but whose term ends this
    /// month unrenewed — one not yet trained, and the 12-01 list.
    static var mock: Self {
        MediatorPages.Model(
            page: .mock("调解员名单"), day: "2026-02-10",
            rows: [
                Row(name: "吴调解", unit: "行政调解中心", origin: "本单位工作人员", terms: "2025-03-01至2026-02-28；2026-03-01至2027-02-28", status: "在任", trainedOn: "2025-03-10",
                    eligibility: "可指派", eligible: true, ending: ""),
                Row(name: "孙到期 \(MockData.hostile)", unit: "中村市场监管所", origin: "特邀（律师）", terms: "2025-02-20至2026-02-19", status: "在任", trainedOn: "2025-02-25",
                    eligibility: "可指派", eligible: true, ending: "任期于2026-02-19届满，尚未续聘"),
                Row(name: "钱未训", unit: "中村市场监管所", origin: "未登记", terms: "2026-01-05至2027-01-04", status: "在任", trainedOn: "无",
                    eligibility: "调解员未通过岗前培训考核：钱未训在2026年2月10日前没有合格的培训记录", eligible: false, ending: ""),
            ],
            year: 2025, untrained: ["钱未训（中村市场监管所）"],
            years: SelectOption.list([("2026", "2026年"), ("2025", "2025年")], selected: "2025"),
            removal: MediatorPages.Removal(persons: SelectOption.list([("p1", "吴调解（行政调解中心）"), ("p2", "孙到期（中村市场监管所）")], selected: "p2"),
                                           grounds: SelectOption.list([("dereliction", "严重失职"), ("violation", "违法违纪")], selected: "dereliction"),
                                           decision: "江市监领〔2026〕3号 \(MockData.hostile)", on: "2026-02-10", errors: ["撤换调解员须经领导小组决定，请填写决定文号（MD-06）"]),
            filing: MediatorPages.Filing(units: SelectOption.list([("u1", "中村市场监管所")], selected: "u1"), pending: ["钱未训（中村市场监管所）"],
                                         reference: "法备〔2026〕2号", on: "2026-02-10", errors: ["请填写备案文号或登记号（MD-01）"]),
            origin: MediatorPages.OriginForm(persons: SelectOption.list([("p3", "钱未训（中村市场监管所）：未登记")], selected: "p3"),
                                             origins: SelectOption.list([("staff", "本单位工作人员"), ("engaged", "群众选聘"), ("invited", "特邀")], selected: "invited"),
                                             capacities: SelectOption.list([("lawyer", "律师"), ("other", "其他")], selected: "other"), capacityNote: "",
                                             attested: true, basis: "经所务会研究 \(MockData.hostile)", qualities: MediatorProfile.qualitiesZH,
                                             errors: ["特邀身份为“其他”的，请写明具体身份（MD-02）"]),
            resignation: MediatorPages.Resignation(persons: SelectOption.list([("p1", "吴调解（行政调解中心）")], selected: "p1"),
                                                   reason: "本人申请 \(MockData.hostile)", on: "2026-02-10", errors: ["请填写辞任理由（辞任申请或不能履行职务的情况）（MD-05）"]))
    }
}

extension MediatorPages.PublicModel {
    /// MD-10: the public page with one body and its mediators.
    static var mock: Self {
        MediatorPages.PublicModel(
            page: PageChrome(title: "行政调解公开信息", userName: nil, csrf: nil), day: "2026-02-10",
            bodies: [Body(unit: "行政调解中心", mediators: ["吴调解（任期至2027-02-28）", "郑中心 \(MockData.hostile)（任期至2026-12-31）"])],
            scopes: ["职能相关民事纠纷：与市场监管职能相关的民事纠纷"], principles: ["自愿：调解须经各方当事人同意"],
            steps: [Step(name: "调解", limit: "20个工作日，经批准可延长一次，不超过10个工作日")], basis: "行政调解工作制度")
    }
}
