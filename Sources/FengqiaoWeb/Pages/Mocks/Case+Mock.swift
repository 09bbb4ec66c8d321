import FengqiaoCore
import Foundation

extension CasePages.Model {
    /// An interview case of 中村便民超市 opened on 2025-09-28, its notice served over National Day:
    /// one clock suspended, one extension awaiting its approver, documents, a sub-task, revisits.
    static var mock: Self {
        CasePages.Model(
            page: .mock(MockData.caseTitle), title: "\(MockData.caseTitle)（\(MockData.hostile)）", archiveHref: MockData.caseHref + "/archive.zip",
            facts: [Fact(label: "案件类型", value: "行政约谈"), Fact(label: "案号", value: MockData.caseNumber), Fact(label: "案件等级", value: "一般"),
                    Fact(label: "承办单位", value: MockData.unit), Fact(label: "状态", value: "约谈准备"), Fact(label: "立案（受理）日期", value: "2025年9月28日"),
                    Fact(label: "适用时限规则", value: "行政约谈时限 第1版")],
            clocks: [.mock, .mockSuspended],
            approvers: SelectOption.list([(MockData.userID, "王芳（wangfang）")]),
            today: "2025-10-09",
            timeline: [Event(at: "2025-09-28 09:12", who: "liming", action: "立案", text: "当事人：\(MockData.party)；事由：\(MockData.hostile)"),
                       Event(at: "2025-09-30 16:40", who: "liming", action: "中止计时", text: "中止 2025-09-30 至 2025-10-08；依据：等待检验报告")],
            errors: ["约谈时间须在通知送达之后（IV-12）"],
            canHandle: true, procedure: .mock, documents: .mock, subtasks: .mock, readOnly: false,
            canPublish: true, publishHref: MockData.caseHref + "/publication")
    }
}

extension CasePages.ClockView {
    /// A running clock with an extension awaiting its approver, who is the viewer.
    static var mock: Self {
        CasePages.ClockView(
            id: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", step: "约谈通知送达", rule: "5个工作日（行政约谈时限 第1版）", start: "2025-09-29",
            due: "2025-10-13 24:00", provisional: false, unconfirmed: true, state: "计时中", signal: "yellow", signalText: "即将到期",
            stoppedDays: 0, extended: "", entries: [Entry(text: "延期 3个工作日（2025-10-09）；理由：当事人国庆外出；批准人：王芳")],
            open: true, suspended: false, canExtend: true,
            suspendAction: "/clocks/9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a/suspend", resumeAction: "/clocks/9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a/resume",
            extendAction: "/clocks/9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a/extend",
            pending: [Pending(text: "待确认延期 2个工作日（2025-10-09 申请）；理由：\(MockData.hostile)；批准人：王芳",
                              confirmAction: "/clocks/9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a/extensions/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/confirm")])
    }

    /// CAL-31: a clock stopped over the holiday while the sample is tested.
    static var mockSuspended: Self {
        CasePages.ClockView(
            id: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f", step: "整改期限", rule: "30日（行政约谈时限 第1版）", start: "2025-09-28", due: "2025-11-05",
            provisional: false, unconfirmed: false, state: "中止计时", signal: "green", signalText: "正常", stoppedDays: 9, extended: "",
            entries: [Entry(text: "中止 2025-09-30 至 2025-10-08；依据：等待检验报告；批准人：王芳")], open: true, suspended: true, canExtend: false,
            suspendAction: "/clocks/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f/suspend", resumeAction: "/clocks/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f/resume",
            extendAction: "/clocks/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f/extend", pending: [])
    }
}

extension ProcedureSection {
    /// The interview procedure's part of the case page: state, facts, one open action with fields.
    static var mock: Self {
        ProcedureSection(
            procedureName: "行政约谈", stateName: "约谈准备",
            states: [Fact(label: "立案", value: "opened"), Fact(label: "约谈准备", value: "preparing"), Fact(label: "约谈", value: "held")],
            facts: [Fact(label: "约谈事由", value: "销售超过保质期的食品 \(MockData.hostile)"), Fact(label: "约谈时间", value: "2025-10-10 09:30")],
            actions: [.mock], links: [Link(href: "/cases/2d3e4f50-6172-4839-8a4b-5c6d7e8f9a0b", text: "关联案件：江中市监约〔2025〕17号")],
            terminal: false,
            rating: RatingForms(rule: "IV-24", linkAction: MockData.caseHref + "/rating-link", paperAction: MockData.caseHref + "/ratings",
                                scores: RatingPages.RateModel.mock.scores),
            revisits: .mock, experts: .mock)
    }
}

extension ActionView {
    /// IV-12: holding the interview, with a text, a date, a choice and a checkbox field.
    static var mock: Self {
        let people = SelectOption.list([(MockData.userID, "李明（liming）"), ("7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e", "王芳（wangfang）")])
        let fields = [
            InputField("heldOn", "约谈日期", .date),
            InputField("interviewers", "约谈人员（两名以上执法人员）", .users),
            InputField("summary", "约谈情况", .textarea, help: "如实记录当事人陈述 & 承诺", maxLength: 2000),
            InputField("outcome", "处理结果", .choice, options: [InputOption("rectify", "责令整改"), InputOption("close", "约谈结束")]),
            InputField("recorded", "已全程录音录像", .checkbox),
        ].map { FieldView($0, form: "hold", input: nil, people: people, parties: [], defaults: ["summary": MockData.hostile]) }
        return ActionView(key: "hold", name: "记录约谈", rule: "IV-12", action: MockData.caseHref + "/actions/hold", open: true,
                          unmet: ["约谈通知尚未送达"], fields: fields, version: 4, confirm: "提交后记入办理记录。确定提交吗？")
    }
}

extension DocumentPages.Section {
    /// DOC-02/11/20: one served notice, one unserved and voidable, an attachment, the archive form.
    static var mock: Self {
        DocumentPages.Section(
            documents: [
                DocumentPages.DocumentView(id: "4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b", number: "江中市监约通〔2025〕18号", name: "约谈通知书", issuedOn: "2025-09-29",
                                           served: "直接送达 2025-09-30", unserved: false, void: false, printHref: "/documents/4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b/print",
                                           docxHref: "/documents/4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b/docx", serviceAction: "/documents/4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b/service",
                                           voidAction: "/documents/4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b/void"),
                DocumentPages.DocumentView(id: "8a9b0c1d-2e3f-4a4b-8c5d-6e7f8a9b0c1d", number: "江中市监整〔2025〕6号", name: "责令整改通知书", issuedOn: "2025-10-10",
                                           served: "未送达", unserved: true, void: false, printHref: "/documents/8a9b0c1d-2e3f-4a4b-8c5d-6e7f8a9b0c1d/print",
                                           docxHref: "/documents/8a9b0c1d-2e3f-4a4b-8c5d-6e7f8a9b0c1d/docx", serviceAction: "/documents/8a9b0c1d-2e3f-4a4b-8c5d-6e7f8a9b0c1d/service",
                                           voidAction: "/documents/8a9b0c1d-2e3f-4a4b-8c5d-6e7f8a9b0c1d/void"),
            ],
            attachments: [DocumentPages.AttachmentView(name: "现场照片 <1>.jpg", kind: "证据", size: "1.2 MB", mediaType: "image/jpeg", href: "/attachments/1")],
            kinds: SelectOption.list([("evidence", "证据"), ("receipt", "签收件")]), uploadAction: MockData.caseHref + "/attachments",
            archiveNumber: nil, archiveAction: MockData.caseHref + "/archive",
            retentions: SelectOption.list([("10y", "10年"), ("30y", "30年")], selected: "10y"), fonds: "J031",
            templates: SelectOption.list([("interview-notice", "约谈通知书"), ("rectification", "责令整改通知书")]),
            newAction: MockData.caseHref + "/documents/new", methods: SelectOption.list([("direct", "直接送达"), ("post", "邮寄送达")]), today: "2025-10-09")
    }
}

extension SubtaskPages.Section {
    /// Issue 12 item 4: the food safety section asked for a test report, its reply open.
    static var mock: Self {
        SubtaskPages.Section(rows: [
            Row(id: "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f", unit: "江城区分局食品安全科", title: "协助检验样品", rule: "5个工作日", opened: "2025-09-30",
                due: "2025-10-14", signal: "green", signalText: "正常", state: "待回复", stateKey: "open", reply: "",
                action: MockData.caseHref + "/subtasks/5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f/reply", text: MockData.hostile, on: "2025-10-09"),
        ], pending: "1个部门待回复")
    }
}
