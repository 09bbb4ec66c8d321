import FengqiaoCore
import Foundation
import Testing
@testable import FengqiaoWeb

/// STYLE habit 7: the work pages (home, inbox, deadlines, case, new case, new document, statistics)
/// rendered from their `.mock` through the real templates; no request, no database.
@Suite("Page rendering: the work pages (STYLE habit 7)")
struct PageRenderingTests {
    @Test("Home: the worklist with case number, step, due date after National Day, filters and the unit")
    func home() async throws {
        // act
        let page = try await RenderedPage.render("home", HomePage.Model.mock)
        // check
        page.check(contains: ["我的工作", "江中市监约〔2025〕18号", "约谈通知送达", "2025-10-09 24:00", "即将到期", "重大", "暂定",
                              "江城区分局中村市场监督管理所", "办案人员", "本单位", "登记约谈", "第 1 页", "下一页", "已立案，核查期限开始计时", "李明"])
        #expect(page.html.contains(#"<option value="preparing" selected>约谈准备</option>"#))
        #expect(!page.html.contains("work-previous"), "no previous page on page 1")
    }

    @Test("CAL-41 Inbox: reminders with their links, the unread one marked, the read-all form carries the token")
    func inbox() async throws {
        let page = try await RenderedPage.render("inbox", InboxPage.Model.mock)
        page.check(contains: ["消息", "期限提醒：约谈通知送达", "2025-10-08 09:00", "国办发明电〔2025〕7号", "全部标为已读",
                              #"href="\#(MockData.caseHref)">查看</a>"#, "inbox-item unread"])
        #expect(page.postForms.contains { $0.contains(#"action="/inbox/read""#) })
    }

    @Test("CAL-40/42 Deadlines: the steps with colour and due date, the unit's cards of the year")
    func deadlines() async throws {
        let page = try await RenderedPage.render("deadlines", CasePages.DeadlinesModel.mock)
        page.check(contains: ["期限", "我的办理环节", "约谈通知送达", "2025-10-09", "今日到期", "signal-orange", "暂定",
                              "江城区分局中村市场监督管理所 2025年红黄牌", "黄牌", "本季度超期2件"])
    }

    @Test("Case page: facts, clocks with suspension and pending extension, procedure forms, documents, sub-task, revisits, experts, timeline")
    func casePage() async throws {
        let page = try await RenderedPage.render("case", CasePages.Model.mock)
        page.check(contains: [
            "关于中村便民超市销售过期食品的约谈", "案件类型", "行政约谈", "江中市监约〔2025〕18号", "适用时限规则", "行政约谈时限 第1版",
            "约谈时间须在通知送达之后（IV-12）",
            // CAL-30…33
            "5个工作日（行政约谈时限 第1版）", "2025-10-13 24:00", "规则待核实", "中止计时", "等待检验报告", "待确认延期 2个工作日", "确认延期",
            "中止或申请延期", "申请延期（CAL-32", "恢复计时", "王芳（wangfang）",
            // the procedure's part
            "约谈准备", "记录约谈", "（IV-12）", "约谈通知尚未送达", "约谈日期", "约谈人员（两名以上执法人员）", "如实记录当事人陈述 &amp; 承诺",
            "责令整改", "已全程录音录像", #"name="interviewers[]""#, #"name="_version" value="4""#, "关联案件：江中市监约〔2025〕17号",
            // documents, sub-task, follow-up
            "江中市监约通〔2025〕18号", "直接送达 2025-09-30", "登记送达（江中市监整〔2025〕6号）", "现场照片 &lt;1&gt;.jpg", "归档（DOC-42）",
            "江城区分局食品安全科", "1个部门待回复", "提交回复", "回访（ST-21）", "办案效率 5，服务态度 4（指数 90）", "记录回访",
            "陈静（食品检验）", "记录专家参与",
            // timeline
            "办理记录", "2025-09-28 09:12", "立案",
        ])
        // Every form of the case page, including those nested in tables and details, carries the token.
        #expect(page.postForms.count >= 14)
        // IV-24: the rating forms are in the procedure's part of the page (case.mustache wraps them in {{#procedure}}).
        #expect(page.html.contains(#"id="rating-link-form""#) && page.html.contains("生成单次有效的评价链接"))
    }

    @Test("A read-only case shows no forms but the layout's, and no export")
    func caseReadOnly() async throws {
        let mock = CasePages.Model.mock
        let readOnly = CasePages.Model(page: mock.page, title: mock.title, archiveHref: mock.archiveHref, facts: mock.facts, clocks: mock.clocks,
                                       approvers: [], today: mock.today, timeline: mock.timeline, errors: [], canHandle: false, procedure: nil,
                                       documents: nil, subtasks: nil, readOnly: true, canPublish: false, publishHref: mock.publishHref)
        let page = try await RenderedPage.render("case", readOnly)
        page.check(contains: ["只读", "行政约谈时限 第1版"])
        // CAL-32: the named approver confirms an extension from any unit that reads the case.
        #expect(page.postForms.count == 2, "the layout's logout and the extension to confirm: \(page.postForms.count)")
        #expect(page.postForms.allSatisfy { $0.contains(#"action="/logout""#) || $0.contains("/confirm") })
        #expect(!page.html.contains("导出档案包"))
    }

    @Test("IV-01 New case: the fields from the procedure's creation, the party preselected, the refusal shown")
    func procedureNew() async throws {
        let page = try await RenderedPage.render("procedure_new", ProcedurePageSupport<InterviewProcedure>.NewModel.mock)
        page.check(contains: ["登记约谈", "依据 IV-01", "登记并立案", "线索发现日期不能晚于今天（X-06）", "当事人 *", "案件名称 *", "约谈事由 *",
                              "每行一项", "重大案件", #"maxlength="100""#, #"<option value="\#(MockData.partyID)" selected>中村便民超市（91330102MA2KX4LQ3B）</option>"#,
                              "中村菜场 &amp; 摊位"])
        #expect(page.html.contains(#"<input type="checkbox" id="new-major" name="major" value="on">"#))
    }

    @Test("DOC-02 New document: prefilled from the case, the recipient, the template code, the missing field named")
    func documentNew() async throws {
        let page = try await RenderedPage.render("document_new", DocumentPages.NewModel.mock)
        page.check(contains: ["约谈通知书", "受送达人", "中村便民超市（法定代表人：张伟）", #"name="templateCode" value="interview-notice""#,
                              #"value="2025年10月10日 9时30分""#, "约谈地点为必填项（DOC-02）", "制发并编号", #"href="\#(MockData.caseHref)""#])
    }

    @Test("ST-01…06 Statistics: indicators with targets, the assessment, counts, the chart, ratings, exports")
    func statistics() async throws {
        let page = try await RenderedPage.render("statistics", StatisticsModel.mock)
        page.check(contains: ["行政约谈统计 · 2025年第三季度", "办理情况（截至2025年9月30日）", "线索", "约谈按期办结率", "91.7%", "≥90%", "达标", "未达标",
                              "indicator-unmet", "部门考核得分", "83.4", "计入部门年度考核（权重10%）：8.34 分", "按月：立案 办结", "9月",
                              "办案人员评价（当事人匿名评价，IV-24）", "4.8", "导出 XLSX", "导出 CSV", "interviews.csv?period=2025-Q3",
                              "目标按2025年度设定计算（1项已调整）", #"href="/statistics/interviews/targets?year=2025" id="statistics-targets">考核目标</a>"#])
        #expect(page.html.contains(#"<option value="2025-Q3" selected>2025年第三季度</option>"#))
    }

    @Test("statistics.md targets configurable ST-10 Targets: each indicator's default, the year's value as a percent, its source, a refused field with its error and what was typed, the annual weight, the form with its token")
    func statisticsTargets() async throws {
        // act
        let page = try await RenderedPage.render("statistics_targets", IndicatorTargetsModel.mock)
        // check
        page.check(contains: ["行政约谈考核目标 · 2025年", "重点领域约谈覆盖率", "80.0%", #"name="coverage" id="input-coverage" value="85""#, "85.0%",
                              "本年度设定（王局长）", "整改完成率的目标应为数字，如 85（即85%）（ST-10）", #"<tr id="target-rectification" class="field-error">"#,
                              "回访满意度", "分（0至100）", "95.0", "无", "部门年度考核（ST-10）", "计入年度考核的权重（默认 15.0%，现行 15.0%，默认）",
                              #"action="/statistics/interviews/targets?year=2025""#, #"<option value="2025" selected>2025年</option>"#,
                              #"href="/statistics/interviews?period=2025""#, "保存目标"])
        #expect(page.postForms.count == 2, "logout and the targets form")
        #expect(!page.html.contains(#"<tr id="target-coverage" class="field-error">"#), "only the refused field is marked")
    }
}
