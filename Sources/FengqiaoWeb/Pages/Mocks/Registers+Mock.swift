import Foundation

extension TemplatePages.ListModel {
    /// DOC-01: the document templates in force.
    static var mock: Self {
        TemplatePages.ListModel(page: .mock("文书模板"), rows: [
            Row(href: "/templates/interview-notice", code: "interview-notice", name: "约谈通知书", docClass: "通知类", version: 3, stub: true, service: true),
            Row(href: "/templates/interview-record", code: "interview-record", name: "约谈笔录 \(MockData.hostile)", docClass: "笔录类", version: 1, stub: false,
                service: false),
        ])
    }
}

extension TemplatePages.EditModel {
    /// DOC-01: the notice's body as the legal department edits it, a refused save shown.
    static var mock: Self {
        TemplatePages.EditModel(
            page: .mock("约谈通知书"), code: "interview-notice", name: "约谈通知书", version: 3,
            versions: [Version(version: 3, by: "法制科 周敏 2025-09-26"), Version(version: 2, by: "法制科 周敏 2025-03-01")],
            fields: [Field(name: "party.name", label: "当事人名称", required: true), Field(name: "interview.place", label: "约谈地点", required: false)],
            body: "{{party.name}}：\n请于2025年10月10日到\(MockData.unit)接受约谈。\(MockData.hostile)", effectiveFrom: "2025-10-08",
            errors: ["正文引用了未定义的字段 party.phone（DOC-01）"], canEdit: true, action: "/templates/interview-notice",
            previewHref: "/templates/interview-notice/preview")
    }
}

extension RuleSetPages.ListModel {
    /// CAL-20: the rule sets and their versions in force.
    static var mock: Self {
        RuleSetPages.ListModel(page: .mock("期限规则"), sets: [
            Row(href: "/rulesets/interview", key: "interview", name: "行政约谈时限 \(MockData.hostile)", inForce: "第1版（2025-01-01起）", versions: 2, status: "已核实"),
        ])
    }
}

extension RuleSetPages.EditModel {
    /// CAL-21/22: the interview rule set with a draft version from 2025-10-08.
    static var mock: Self {
        let units = SelectOption.list([("workdays", "工作日"), ("days", "自然日")], selected: "workdays")
        let rolls = SelectOption.list([("next", "顺延至节后第一个工作日"), ("none", "不顺延")], selected: "next")
        return RuleSetPages.EditModel(
            page: .mock("行政约谈时限"), key: "interview", name: "行政约谈时限",
            versions: [Version(version: 1, label: "2025版", status: "已核实", from: "2025-01-01", to: "2025-10-07", citation: "《市场监督管理行政约谈办法》"),
                       Version(version: 2, label: "2025修订", status: "待核实", from: "2025-10-08", to: "", citation: "内部规定 \(MockData.hostile)")],
            steps: [Step(key: "notice", name: "约谈通知送达", count: 5, units: units, rolls: rolls, maxExtension: 3, citation: "第八条", startEvent: "立案")],
            statuses: SelectOption.list([("unconfirmed", "待核实"), ("confirmed", "已核实")], selected: "unconfirmed"),
            effectiveFrom: "2025-10-08", citation: "《市场监督管理行政约谈办法》", canEdit: true, errors: ["生效日期不能早于现行版本（CAL-21）"],
            action: "/rulesets/interview",
            activations: [RuleSetPages.Activation(version: 2, label: "SAMR-121", from: "2026-04-15", steps: [
                RuleSetPages.Activation.Step(key: "acceptance", name: "受理决定", count: 7, units: units, rolls: rolls, maxExtension: 0,
                                provisionalCitation: "办法（待核实）第十四条", citation: "")],
                citation: "", action: "/rules/complaint/activate", errors: ["确认生效须逐项注明依据：“acceptance”未注明依据"])])
    }
}

extension TokenPages.Model {
    /// PLT-33: a token just created (its secret shown once) and one revoked.
    static var mock: Self {
        TokenPages.Model(
            page: .mock("访问令牌"),
            items: [Item(id: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", name: "区局数据对接 \(MockData.hostile)", scopes: "只读", createdAt: "2025-09-30 10:00",
                         revokedAt: nil, revokeHref: "/account/tokens/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d/revoke"),
                    Item(id: "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e", name: "旧接口", scopes: "读写", createdAt: "2025-01-02 09:00",
                         revokedAt: "2025-10-08 08:00", revokeHref: "/account/tokens/b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e/revoke")],
            createAction: "/account/tokens", scopes: SelectOption.list([("read", "只读"), ("write", "读写")], selected: "read"), name: "",
            secret: "fq_live_8Jk2Lm9Nq4Rs7Tv1", errors: [])
    }
}

extension DestructionPages.ListModel {
    /// DOC-50: the destruction lists of the office.
    static var mock: Self {
        DestructionPages.ListModel(page: .mock("档案销毁"), rows: [
            Row(href: "/archives/destructions/c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f", proposer: "王芳 \(MockData.hostile)", on: "2025-10-09", status: "审核中", items: 2),
        ], canPropose: true)
    }
}

extension DestructionPages.Model {
    /// DOC-50/51: a list under review, one file withdrawn.
    static var mock: Self {
        DestructionPages.Model(
            page: .mock("销毁清册"), status: "审核中", proposer: "王芳", proposedOn: "2025-10-09",
            items: [Item(caseID: "d4e5f6a7-b8c9-4d0e-8f1a-3b4c5d6e7f80", archiveNumber: "J031-2015-D10-0007", title: "中村便民超市无照经营 \(MockData.hostile)",
                         retentionEnd: "2025-09-30", decision: "待审核", withdrawn: false,
                         reviewAction: "/archives/destructions/c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f/review"),
                    Item(caseID: "e5f6a7b8-c9d0-4e1f-9a2b-4c5d6e7f8091", archiveNumber: "J031-2015-D10-0008", title: "中村菜场计量器具未检定",
                         retentionEnd: "2025-09-30", decision: "继续保存至 2030-09-30", withdrawn: true,
                         reviewAction: "/archives/destructions/c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f/review")],
            errors: ["监销人不足三人（DOC-51）"], isDraft: false, isUnderReview: true, isReviewed: false, isApproved: false, canApprove: false,
            base: "/archives/destructions/c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f", record: [], today: "2025-10-09")
    }
}

extension PublicationPages.Model {
    /// DOC-60: a closed case previewed for publication, a phone number still detected.
    static var mock: Self {
        PublicationPages.Model(
            page: .mock("发布典型案例"), caseTitle: MockData.caseTitle, caseHref: MockData.caseHref, previewAction: MockData.caseHref + "/publication/preview",
            publishAction: MockData.caseHref + "/publication", title: "便民超市销售过期食品约谈案",
            text: "2025年9月28日，\(MockData.party)因销售过期食品被约谈。联系电话13800005678。\(MockData.hostile)",
            masked: "2025年9月28日，某超市因销售过期食品被约谈。联系电话13800005678。", leaks: [Leak(kind: "电话号码", text: "13800005678")],
            errors: ["仍检出个人信息（DOC-60）"])
    }
}

extension PublicationPages.LibraryModel {
    /// DOC-60: the library of published cases.
    static var mock: Self {
        PublicationPages.LibraryModel(page: .mock("典型案例库"), rows: [
            Row(title: "便民超市销售过期食品约谈案", text: "某超市因销售过期食品被约谈，当场整改。\(MockData.hostile)", reviewer: "周敏", at: "2025-10-15"),
        ])
    }
}
