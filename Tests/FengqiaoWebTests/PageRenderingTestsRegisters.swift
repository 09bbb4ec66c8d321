import FengqiaoCore
import Foundation
import Testing
@testable import FengqiaoWeb

/// STYLE habit 7: parties, experts, ratings, revisits, templates, rule sets, training, tokens,
/// destruction, categories and publication from their `.mock`.
@Suite("Page rendering: registers and follow-up (STYLE habit 7)")
struct PageRenderingRegisterTests {
    @Test("PLT-10/13 Party list: the query kept, masked identifiers, the unverified tag, the next page")
    func parties() async throws {
        let page = try await RenderedPage.render("parties", PartyPages.ListModel.mock)
        page.check(contains: ["当事人", "中村便民超市", "个体工商户", "9133**********LQ3B", "138****5678", "身份待核实", "找到 2 条", "登记当事人", "批量导入",
                              "下一页", #"href="/parties/\#(MockData.partyID)""#])
    }

    @Test("PLT-11/12 Party: facts, the history, reveal and merge forms; the record number shown only as code")
    func party() async throws {
        let page = try await RenderedPage.render("party", PartyPages.DetailModel.mock)
        page.check(contains: ["中村便民超市", "统一社会信用代码", "91330102MA2KX4LQ3B", "江城区中村路18号 &amp; 19号", "版本 3", "历史记录", "江中市监约〔2025〕18号",
                              "显示完整个人信息", "合并重复记录", "<code>\(MockData.partyID)</code>", "不能把记录合并到它自己（PLT-12）"])
        #expect(page.postForms.count == 3, "logout, reveal, merge")
    }

    @Test("PLT-10 Party form: the typed values kept, the kind and unit selected, the error with its rule")
    func partyForm() async throws {
        let page = try await RenderedPage.render("party_form", PartyPages.FormModel.mock)
        page.check(contains: ["编辑当事人", #"value="91330102MA2KX4LQ3X""#, #"value="张伟""#, #"value="长期""#, #"<option value="individual" selected>个体工商户</option>"#,
                              "统一社会信用代码校验位不符（PLT-10）", #"data-field="uscc""#, #"name="version" value="3""#])
    }

    @Test("PLT-14 Party import: the summary and the refused rows")
    func partyImport() async throws {
        let page = try await RenderedPage.render("party_import", PartyPages.ImportModel.mock)
        page.check(contains: ["批量导入当事人", "共 3 行：成功 2 行（新增 1，已存在 1），失败 1 行。", "第 3 行", "统一社会信用代码校验位不符（PLT-10）",
                              #"enctype="multipart/form-data""#])
    }

    @Test("PLT-08 Experts: the pool with conflicts and the form to register one")
    func experts() async throws {
        let page = try await RenderedPage.render("experts", ExpertPages.Model.mock)
        page.check(contains: ["专家库（PLT-08）", "陈静", "食品检验", "江城区食品检验所", "姓名不能为空（PLT-08）", #"value="消防安全""#, "登记专家"])
    }

    @Test("MD-01…MD-07 Mediators: terms, status, training, who may be assigned and why not, a term ending unrenewed, the 12-01 untrained list")
    func mediators() async throws {
        let page = try await RenderedPage.render("mediators", MediatorPages.Model.mock)
        page.check(contains: ["调解员名单（MD-01至MD-07）", "2025-03-01至2026-02-28；2026-03-01至2027-02-28", "可指派", "调解员未通过岗前培训考核",
                              "任期于2026-02-19届满，尚未续聘", "2025年12月1日在任、当年未参加培训的调解员", "钱未训（中村市场监管所）", #"class="ineligible""#,
                              // MD-06: the removal form, what was entered kept beside the refusal.
                              "撤换调解员（MD-06）", "撤换调解员须经领导小组决定，请填写决定文号（MD-06）", #"<option value="p2" selected>"#, #"value="2026-02-10""#,
                              "撤换后不能恢复",
                              // MD-01: 法制科's filing form, with who awaits filing.
                              "调解员名单备案（MD-01）", "待备案", "请填写备案文号或登记号（MD-01）", #"value="法备〔2026〕2号""#,
                              // MD-02: the origin column and form, what was entered kept beside the refusal.
                              #"<td data-label="来源">特邀（律师）</td>"#, "调解员来源及条件确认（MD-02）", #"<option value="other" selected>其他</option>"#,
                              "特邀身份为“其他”的，请写明具体身份（MD-02）", "为人公正，联系群众", #"name="attested" checked"#,
                              // MD-05: the centre's resignation form behind a confirmation.
                              "调解员辞任（MD-05）", "请填写辞任理由（辞任申请或不能履行职务的情况）（MD-05）", "记录辞任后不能恢复"])
    }

    @Test("MD-10 the public mediation page: bodies and mediators, scope, principles, process with its limits, basis — no session")
    func mediationPublic() async throws {
        let page = try await RenderedPage.render("mediation_public", MediatorPages.PublicModel.mock)
        page.check(contains: ["行政调解公开信息", "行政调解中心", "吴调解（任期至2027-02-28）", "受理范围", "调解原则", "20个工作日，经批准可延长一次，不超过10个工作日",
                              "行政调解工作制度"], csrf: nil)
        #expect(page.postForms.isEmpty && !page.html.contains(#"action="/logout""#))
    }

    @Test("IV-24 Rating: the anonymous form opened by its link needs no session token")
    func rate() async throws {
        let page = try await RenderedPage.render("rate", RatingPages.RateModel.mock)
        page.check(contains: ["行政约谈评价", "服务态度", "公正规范", "请为每一项评分", "（IV-24）", "提交评价"], csrf: nil)
        #expect(page.postForms.count == 1 && !page.html.contains("_csrf"), "a party has no session: the one-time link is the credential")
        #expect(!page.html.contains(#"action="/logout""#))
    }

    @Test("IV-24 Rating link: shown once, escaped in the code block")
    func ratingLink() async throws {
        let page = try await RenderedPage.render("rating_link", RatingPages.LinkModel.mock)
        page.check(contains: ["评价链接（单次有效）", "http://fengqiao.example/rate/Xk2mP9qLr7Tz?a=1&amp;b=2", "← 返回案件"], hostile: false)
    }

    @Test("ST-21 Revisit sample: the quarter's cases, revisited or not")
    func revisits() async throws {
        let page = try await RenderedPage.render("revisits", RevisitPages.SampleModel.mock)
        page.check(contains: ["回访抽样（ST-21）", "江城区分局中村市场监督管理所·2025年第三季度", "随机抽取 2 件回访", "已回访", "待回访", "2025年9月29日",
                              #"<option value="2025-Q3" selected>2025年第三季度</option>"#])
    }

    @Test("DOC-01 Templates: the list, and a template's fields, body and versions")
    func templates() async throws {
        let list = try await RenderedPage.render("templates", TemplatePages.ListModel.mock)
        list.check(contains: ["文书模板", "interview-notice", "约谈通知书", "通知类", "需送达", "有"])
        let page = try await RenderedPage.render("template", TemplatePages.EditModel.mock)
        page.check(contains: ["约谈通知书", "interview-notice · 第3版", "<code>party.name</code> 当事人名称 *", "{{party.name}}：\n请于2025年10月10日到江城区分局中村市场监督管理所接受约谈",
                              "正文引用了未定义的字段 party.phone（DOC-01）", "法制科 周敏 2025-09-26", #"value="2025-10-08""#])
    }

    @Test("CAL-20…22 Rule sets: the list, and the versions and steps of one with the form for a new version")
    func ruleSets() async throws {
        let list = try await RenderedPage.render("rulesets", RuleSetPages.ListModel.mock)
        list.check(contains: ["期限规则", "行政约谈时限", "第1版（2025-01-01起）", "已核实"])
        let page = try await RenderedPage.render("ruleset", RuleSetPages.EditModel.mock)
        page.check(contains: ["行政约谈时限", "2025修订", "待核实", "2025-10-07", "约谈通知送达", #"name="notice.count" value="5""#,
                              #"<option value="next" selected>顺延至节后第一个工作日</option>"#, "生效日期不能早于现行版本（CAL-21）", "保存为新版本"])
    }

    @Test("PLT-07 Training: courses and flags, a course's results and form, a person's record")
    func training() async throws {
        let index = try await RenderedPage.render("training", TrainingPages.IndexModel.mock)
        index.check(contains: ["培训考核（PLT-07）", "2025年第三季度约谈技巧专题培训", "11/12", "赵磊", "结束日期不能早于开始日期（PLT-07）", #"value="2025-10-09""#])
        let course = try await RenderedPage.render("training_course", TrainingPages.CourseModel.mock)
        course.check(contains: ["2025年约谈师认证", "笔试40%、模拟约谈40%、群众满意度20%", "90.2", "约谈师，有效期至 2027-09-29", "撤销", "笔试（0–100）",
                                #"name="written" value="88""#])
        let person = try await RenderedPage.render("training_person", TrainingPages.PersonModel.mock)
        person.check(contains: ["赵磊的培训考核档案", "最近连续3次考核不合格（PLT-07）", "已过期", "经办或参与的案件共4件，已办结4件"])
    }

    @Test("PLT-33 Tokens: the new secret shown once, revoked and active tokens, the revoke form with the token")
    func tokens() async throws {
        let page = try await RenderedPage.render("tokens", TokenPages.Model.mock)
        page.check(contains: ["访问令牌", "<code>fq_live_8Jk2Lm9Nq4Rs7Tv1</code>", "区局数据对接", "已吊销（2025-10-08 08:00）", "有效", "吊销"])
        #expect(page.postForms.count == 3, "logout, create, revoke the active one")
    }

    @Test("DOC-50/51 Destruction: the lists, and one under review with its review forms")
    func destruction() async throws {
        let list = try await RenderedPage.render("destructions", DestructionPages.ListModel.mock)
        list.check(contains: ["档案销毁清册", "新建销毁清册", "2025-10-09", "审核中"])
        let page = try await RenderedPage.render("destruction", DestructionPages.Model.mock)
        page.check(contains: ["销毁清册 · ", "J031-2015-D10-0007", "继续保存至 2030-09-30", "监销人不足三人（DOC-51）", "完成审核", "审核"])
        #expect(page.postForms.count == 3, "logout, review of the one not withdrawn, complete")
    }

    @Test("PLT-16 Violation categories: the tree, the version history and the preview to confirm")
    func categories() async throws {
        let page = try await RenderedPage.render("violation_categories", ViolationCategoryPages.Model.mock)
        page.check(contains: ["违法行为类别（PLT-16）", "现行第4版，2025年1月1日起施行", "食品安全（重点领域）", "标签不合规", "确认发布第5版", "新增：销售过期食品（食品安全）",
                              #"name="effectiveOn" value="2025-10-08""#, "第4版"])
    }

    @Test("DOC-60 Publication: the masked preview with the leak that blocks it, and the library")
    func publication() async throws {
        let page = try await RenderedPage.render("publication", PublicationPages.Model.mock)
        page.check(contains: ["典型案例发布（DOC-60）", "某超市因销售过期食品被约谈", "电话号码：13800005678", "仍检出个人信息（DOC-60）", "预览脱敏结果", "发布"])
        let library = try await RenderedPage.render("library", PublicationPages.LibraryModel.mock)
        library.check(contains: ["典型案例库", "便民超市销售过期食品约谈案", "审核人 周敏 · 2025-10-15"])
    }
}

@Suite("Page rendering: monthly reports")
struct UnitReportRenderingTests {
    @Test("MD-41 monthly reports: the two due dates, each unit's status, the reports side by side with the sum, the unit's submission and the consolidation behind confirmations")
    func unitReports() async throws {
        let page = try await RenderedPage.render("unit_reports", UnitReportModel.mock)
        page.check(contains: ["行政调解统计月报 · 2025年10月", "2025-11-24", "2025-11-25", "2025-11-25已报送（逾期）", "逾期未报送（应于2025-11-24前报送）",
                              "75.0%（3/4）", "报送本单位月报：东湖市场监管所", #"data-confirm="报送后数字定稿"#, "尚有1个单位未报送（东湖市场监管所）",
                              #"name="month" value="2025-10""#, #"class="report-late""#])
        #expect(page.postForms.count == 3, "submit, consolidate and the layout's logout")
    }
}

@Suite("Page rendering: weekly meeting (STYLE habit 7)")
struct WeeklyMeetingRenderingTests {
    @Test("MD-45 weekly meeting: the week, the day moved off the holiday Monday, each person's work and overdue items (escaped), the form behind a confirmation")
    func weeklyMeeting() async throws {
        let page = try await RenderedPage.render("weekly_meeting", WeeklyMeetingModel.mock)
        page.check(contains: ["行政调解中心周例会", "2026-10-05（星期一）至 2026-10-11（星期日）", "2026-10-08 星期四",
                              "星期一（2026-10-05）为休息日，例会顺延至本周第一个工作日 2026-10-08（星期四）（MD-45）",
                              "上周（2026-09-28至2026-10-04）", "TJZX-MD-2026-0009 回访（应于2026-09-30前完成）", "3个办理步骤",
                              #"data-confirm="例会记录保存后不可修改。确定保存吗？""#, #"name="week" value="2026-10-05""#, #"name="minutes" min="30" max="60" value="45""#])
        #expect(page.postForms.count == 2, "the record and the layout's logout")
    }
}

@Suite("Page rendering: yearly records (STYLE habit 7)")
struct PeriodicRecordsRenderingTests {
    @Test("MD-44 yearly records: each record's window and status (escaped), the form for what is left behind a confirmation, the refusal beside what was typed")
    func periodicRecords() async throws {
        let page = try await RenderedPage.render("periodic_records", PeriodicRecordsModel.mock)
        page.check(contains: ["行政调解年度工作记录 · 2026年", "2026-01-01至2026-06-30", "已记录（2026-06-15）", "逾期未记录", #"class="report-overdue""#,
                              #"<option value="inspection" selected>"#, "请填写会议或检查情况（MD-44）", #"value="市政府法制办检查组""#,
                              #"data-confirm="记录保存后不可修改。确定保存吗？""#])
        #expect(page.postForms.count == 2, "the record and the layout's logout")
    }
}
