import Foundation

/// The twelve standard interview documents (interview.md "Documents"; seed 003 §3.3, §6.3), in
/// three classes: start (《约谈线索核实报告》《行政约谈审批表》法制审核意见), implementation
/// (《行政约谈通知书》《约谈提纲》《行政约谈记录》《整改通知书》) and results (《整改报告》
/// 《整改跟踪台账》《整改验收意见书》《整改验收合格书》《行政处罚告知书》). DOC-03.
///
/// These are version 1 as shipped; the legal department edits them in the UI, which creates new
/// versions (DOC-01).
public enum InterviewTemplates {
    /// All twelve, in procedure order.
    public static let all: [DocumentTemplate] = [
        clueReport, approval, legalReview,
        notice, outline, record, rectification,
        rectificationReport, ledger, inspection, pass, penaltyNotice,
    ]

    /// The template with this code, if shipped.
    public static func template(code: String) -> DocumentTemplate? {
        all.first { $0.code == code }
    }

    // MARK: - Fields

    /// Labels of every field the interview templates use, so one name has one label everywhere.
    static let labels: [String: String] = [
        "party.name": "当事人名称",
        "party.uscc": "统一社会信用代码",
        "party.legalRep": "法定代表人（负责人）",
        "party.address": "住所（经营场所）",
        "party.phone": "当事人联系电话",
        "case.number": "案件编号",
        "case.cause": "案由",
        "case.level": "案件等级",
        "case.ground": "约谈情形",
        "case.facts": "违法事实",
        "case.factsBrief": "违法事实摘要",
        "case.evidence": "证据材料",
        "case.provisions": "违反的法律法规条款",
        "clue.source": "线索来源",
        "clue.date": "线索发现日期",
        "verify.process": "核查经过",
        "verify.necessity": "约谈必要性",
        "verify.officers": "核查人",
        "proposal.department": "承办科室",
        "proposal.opinion": "承办科室意见",
        "proposal.officer": "承办人",
        "proposal.date": "报送日期",
        "review.subject": "主体资格审核意见",
        "review.facts": "事实认定审核意见",
        "review.evidence": "证据审核意见",
        "review.law": "法律适用审核意见",
        "review.procedure": "程序审核意见",
        "review.conclusion": "审核结论",
        "review.opinion": "法制审核意见",
        "review.reviewer": "法制审核人",
        "review.certificate": "法制审核人执法证号",
        "review.date": "法制审核日期",
        "approval.opinion": "审批意见",
        "approval.approver": "审批人",
        "approval.date": "审批日期",
        "interview.time": "约谈时间",
        "interview.date": "约谈日期",
        "interview.place": "约谈地点",
        "interview.mode": "约谈方式",
        "interview.participants": "参加人员",
        "interview.interviewers": "约谈人及执法证号",
        "interview.recorder": "记录人",
        "interview.matters": "约谈事项",
        "interview.materials": "需携带的材料",
        "interview.attendees": "被约谈方到场人员",
        "interview.others": "其他参加人员",
        "contact.name": "本所联系人",
        "contact.phone": "本所联系电话",
        "contact.address": "本所地址",
        "outline.questions": "拟询问的问题",
        "outline.goals": "预期目标及注意事项",
        "outline.author": "提纲制作人",
        "record.notices": "告知事项",
        "record.discussion": "约谈内容",
        "record.statement": "被约谈方陈述、申辩及承诺",
        "record.signatureNote": "拒绝签名情况及见证人",
        "record.number": "约谈记录文号",
        "rectify.items": "整改事项",
        "rectify.deadline": "整改期限",
        "rectify.reportDue": "整改报告提交期限",
        "rectify.basis": "整改的法律依据",
        "rectify.standard": "验收标准",
        "rectify.penaltyBasis": "逾期未整改的处罚依据",
        "rectify.noticeDate": "整改通知书送达日期",
        "rectify.noticeNumber": "整改通知书文号",
        "appeal.government": "行政复议机关",
        "report.measures": "整改措施及落实情况",
        "report.results": "整改成效",
        "report.remaining": "尚存问题及下一步措施",
        "report.attachments": "证明材料清单",
        "report.date": "报告日期",
        "report.receivedDate": "整改报告收到日期",
        "ledger.tracker": "跟踪责任人",
        "ledger.frequency": "跟踪频次",
        "ledger.difficulty": "整改难度",
        "ledger.entries": "跟踪记录",
        "ledger.problems": "存在问题",
        "ledger.reportStatus": "整改报告提交情况",
        "ledger.remarks": "备注",
        "inspection.date": "验收日期",
        "inspection.inspectors": "验收人员",
        "inspection.items": "逐项验收情况",
        "inspection.conclusion": "验收结论",
        "inspection.followUp": "后续监管要求",
        "pass.requirements": "后续要求",
        "penalty.failure": "未通过验收的情况",
        "penalty.basis": "拟处罚的法律依据",
        "penalty.proposal": "拟作出的行政处罚",
        "penalty.hearing": "听证权利告知",
    ]

    /// Field specs for names, all required except those in `optional`.
    private static func fields(_ names: [String], optional: Set<String> = []) -> [FieldSpec] {
        names.map { FieldSpec($0, labels[$0] ?? $0, required: !optional.contains($0)) }
    }

    // MARK: - Start (启动类)

    /// 《约谈线索核实报告》: facts, evidence list, provisions violated, necessity (IV step 2).
    public static let clueReport = DocumentTemplate(
        code: "IV-CLUE-REPORT", nameZH: "约谈线索核实报告", docClass: "start",
        fields: fields([
            "case.number", "case.cause", "clue.date", "clue.source", "party.name", "party.uscc", "party.legalRep",
            "party.address", "verify.process", "case.facts", "case.evidence", "case.provisions", "case.ground",
            "verify.necessity", "verify.officers",
        ]),
        typeWord: "约核", sealed: false,
        body: #"""
        < 案件编号：{{case.number}}
        < 案　　由：{{case.cause}}
        # 一、线索来源
        {{clue.date}}，本所执法人员在{{clue.source}}中发现当事人涉嫌存在违法行为。
        # 二、当事人基本情况
        当事人：{{party.name}}；统一社会信用代码：{{party.uscc}}；法定代表人（负责人）：{{party.legalRep}}；住所（经营场所）：{{party.address}}。
        # 三、核查经过
        {{verify.process}}
        # 四、核查认定的事实
        {{case.facts}}
        # 五、证据材料
        {{case.evidence}}
        # 六、涉嫌违反的法律法规条款
        {{case.provisions}}
        # 七、适用约谈的理由及必要性
        经核查，当事人的上述行为属于{{case.ground}}的情形，且不存在违法行为情节严重、曾因同类违法行为被行政处罚或者约谈、明确拒绝约谈、法律法规规定必须直接予以处罚等不适用行政约谈的情形。{{verify.necessity}}
        # 八、核查意见
        建议对当事人实施行政约谈，责令其限期整改。

        > 核查人：{{verify.officers}}
        > {{doc.date}}
        """#
    )

    /// 《行政约谈审批表》: the proposal with the legality review and the approval on one form.
    public static let approval = DocumentTemplate(
        code: "IV-APPROVAL", nameZH: "行政约谈审批表", docClass: "start",
        fields: fields([
            "case.number", "case.level", "case.cause", "party.name", "party.uscc", "party.legalRep", "party.address",
            "clue.source", "clue.date", "case.ground", "case.facts", "case.provisions", "interview.time",
            "interview.place", "interview.interviewers", "proposal.opinion", "proposal.officer", "proposal.date",
            "review.opinion", "review.reviewer", "review.date", "approval.opinion", "approval.approver", "approval.date",
        ], optional: [
            "review.opinion", "review.reviewer", "review.date", "approval.opinion", "approval.approver", "approval.date",
        ]),
        typeWord: "约审", sealed: false,
        body: #"""
        | 案件编号 | {{case.number}} |
        | 案　　由 | {{case.cause}} |
        | 当 事 人 | {{party.name}} |
        | 统一社会信用代码 | {{party.uscc}} |
        | 法定代表人（负责人） | {{party.legalRep}} | 案件等级 | {{case.level}} |
        | 住所（经营场所） | {{party.address}} |
        | 线索来源 | {{clue.source}} | 发现日期 | {{clue.date}} |
        | 约谈情形 | {{case.ground}} |
        | 基本事实 | {{case.facts}} |
        | 违反条款 | {{case.provisions}} |
        | 拟约谈时间、地点 | {{interview.time}}\n{{interview.place}} |
        | 拟定约谈人 | {{interview.interviewers}} |
        | 承办科室意见 | {{proposal.opinion}}\n承办人：{{proposal.officer}}　　{{proposal.date}} |
        | 法制审核意见 | {{review.opinion}}\n审核人：{{review.reviewer}}　　{{review.date}} |
        | 审批意见 | {{approval.opinion}}\n审批人：{{approval.approver}}　　{{approval.date}} |
        """#
    )

    /// 法制审核意见: party qualified, facts clear, evidence sufficient, law correct, procedure lawful (IV step 3).
    public static let legalReview = DocumentTemplate(
        code: "IV-LEGAL-REVIEW", nameZH: "法制审核意见书", docClass: "start",
        fields: fields([
            "proposal.department", "proposal.date", "party.name", "review.subject", "review.facts", "review.evidence",
            "review.law", "review.procedure", "review.conclusion", "review.reviewer", "review.certificate",
        ]),
        typeWord: "约法", sealed: false,
        body: #"""
        < {{proposal.department}}：
        你科于{{proposal.date}}报送的关于对{{party.name}}实施行政约谈的建议及《约谈线索核实报告》等材料收悉。经法制审核，意见如下：
        # 一、审核情况
        （一）主体资格。{{review.subject}}
        （二）事实认定。{{review.facts}}
        （三）证据材料。{{review.evidence}}
        （四）法律适用。{{review.law}}
        （五）程序。{{review.procedure}}
        # 二、审核结论
        {{review.conclusion}}

        > 审核人：{{review.reviewer}}（执法证号：{{review.certificate}}）
        > 法制科
        > {{doc.date}}
        """#
    )

    // MARK: - Implementation (实施类)

    /// 《行政约谈通知书》: time, place, participants, matters, materials to bring; with stub and 送达回证 (IV step 5).
    public static let notice = DocumentTemplate(
        code: "IV-NOTICE", nameZH: "行政约谈通知书", docClass: "implement",
        fields: fields([
            "party.name", "party.address", "case.factsBrief", "case.provisions", "interview.time", "interview.place",
            "interview.mode", "interview.participants", "interview.matters", "interview.materials",
            "contact.name", "contact.phone",
        ]),
        hasStub: true, needsService: true, typeWord: "约",
        stubSummary: "通知{{party.name}}于{{interview.time}}到{{interview.place}}接受行政约谈",
        body: #"""
        < {{party.name}}：
        经查，你单位{{case.factsBrief}}，涉嫌违反{{case.provisions}}的规定。根据《中华人民共和国行政处罚法》第三十三条第一款及本所行政约谈工作的有关规定，本所决定对你单位进行行政约谈。现将有关事项通知如下：
        # 一、约谈时间、地点和方式
        约谈时间：{{interview.time}}。
        约谈地点：{{interview.place}}。
        约谈方式：{{interview.mode}}。
        # 二、参加人员
        {{interview.participants}}
        # 三、约谈事项
        {{interview.matters}}
        # 四、需携带的材料
        {{interview.materials}}
        # 五、有关要求
        （一）请你单位按时参加约谈。因正当理由不能按时参加的，应当在约谈前向本所书面说明理由，经同意后另行确定约谈时间。
        （二）约谈中，你单位享有陈述、申辩的权利。
        （三）无正当理由拒不参加约谈的，本所将依法启动行政处罚程序。
        联系人：{{contact.name}}　　联系电话：{{contact.phone}}
        """#
    )

    /// 《约谈提纲》: prepared by the interviewers beforehand (IV step 7).
    public static let outline = DocumentTemplate(
        code: "IV-OUTLINE", nameZH: "约谈提纲", docClass: "implement",
        fields: fields([
            "party.name", "interview.time", "interview.place", "interview.interviewers", "interview.recorder",
            "case.facts", "case.provisions", "outline.questions", "rectify.items", "rectify.deadline",
            "outline.goals", "outline.author",
        ]),
        typeWord: "约纲", sealed: false,
        body: #"""
        < 约谈对象：{{party.name}}
        < 约谈时间：{{interview.time}}
        < 约谈地点：{{interview.place}}
        < 约 谈 人：{{interview.interviewers}}
        < 记 录 人：{{interview.recorder}}
        # 一、开场
        （一）约谈人出示执法证件，核对被约谈方身份及授权委托情况。
        （二）说明约谈的目的、依据及参加人员。
        （三）告知被约谈方享有陈述、申辩的权利，以及无正当理由拒绝约谈的法律后果。
        # 二、指出的问题
        {{case.facts}}
        违反条款：{{case.provisions}}
        # 三、拟询问的问题
        {{outline.questions}}
        # 四、拟提出的整改要求
        {{rectify.items}}
        建议整改期限：{{rectify.deadline}}前（自约谈之日起不超过30日）。
        # 五、预期目标及注意事项
        {{outline.goals}}

        > 制作人：{{outline.author}}
        > {{doc.date}}
        """#
    )

    /// 《行政约谈记录》(§3.3, IV-13, IV-14): parties present, the four notices, facts, what was
    /// discussed, rectification items and deadline, the party's statement, signatures.
    public static let record = DocumentTemplate(
        code: "IV-RECORD", nameZH: "行政约谈记录", docClass: "implement",
        fields: fields([
            "case.number", "interview.time", "interview.place", "interview.mode", "interview.interviewers",
            "interview.recorder", "party.name", "party.uscc", "party.legalRep", "interview.attendees",
            "interview.others", "record.notices", "case.facts", "case.evidence", "case.provisions",
            "record.discussion", "rectify.items", "rectify.deadline", "rectify.reportDue", "record.statement",
            "record.signatureNote",
        ], optional: ["interview.others", "record.signatureNote"]),
        typeWord: "约记", sealed: false,
        body: #"""
        < 案件编号：{{case.number}}
        < 约谈时间：{{interview.time}}
        < 约谈地点：{{interview.place}}
        < 约谈方式：{{interview.mode}}
        < 约 谈 人：{{interview.interviewers}}
        < 记 录 人：{{interview.recorder}}
        < 被约谈单位：{{party.name}}
        < 统一社会信用代码：{{party.uscc}}
        < 法定代表人（负责人）：{{party.legalRep}}
        < 到场人员：{{interview.attendees}}
        < 其他参加人员：{{interview.others}}
        # 一、告知事项
        {{record.notices}}
        # 二、违法事实、证据及违反的条款
        {{case.facts}}
        证据：{{case.evidence}}
        违反条款：{{case.provisions}}
        # 三、约谈内容
        {{record.discussion}}
        # 四、整改事项及期限
        {{rectify.items}}
        整改期限：{{rectify.deadline}}前完成整改，并于{{rectify.reportDue}}前提交书面整改报告。
        # 五、被约谈方陈述、申辩及承诺
        {{record.statement}}
        {{record.signatureNote}}

        < 被约谈方（签名或盖章）：　　　　　　　　年　　月　　日

        < 约谈人（签名）：　　　　　　　　　　　　年　　月　　日

        < 记录人（签名）：　　　　　　　　　　　　年　　月　　日
        """#
    )

    /// 《整改通知书》(§3.3): items, legal basis, deadline, acceptance standard, consequence of
    /// failure; sealed and served (IV step 8, IV-17).
    public static let rectification = DocumentTemplate(
        code: "IV-RECTIFY", nameZH: "整改通知书", docClass: "implement",
        fields: fields([
            "party.name", "party.address", "interview.date", "case.facts", "case.provisions", "rectify.items",
            "rectify.deadline", "rectify.reportDue", "rectify.basis", "rectify.standard", "rectify.penaltyBasis",
            "appeal.government",
        ]),
        hasStub: true, needsService: true, typeWord: "约改",
        stubSummary: "责令{{party.name}}于{{rectify.deadline}}前完成整改",
        body: #"""
        < {{party.name}}：
        {{interview.date}}，本所依法对你单位进行了行政约谈。经查，你单位存在下列问题：
        {{case.facts}}
        上述行为违反了{{case.provisions}}的规定。根据《中华人民共和国行政处罚法》第三十三条第一款的规定和约谈议定事项，现责令你单位对下列事项进行整改：
        {{rectify.items}}
        # 一、整改期限
        请你单位于{{rectify.deadline}}前完成整改，并于{{rectify.reportDue}}前向本所提交书面整改报告，附整改前后对比照片、检测报告、制度文件等证明材料。
        # 二、法律依据
        {{rectify.basis}}
        # 三、验收标准
        {{rectify.standard}}
        # 四、逾期未整改的法律后果
        逾期未整改或者整改不合格的，本所将依照{{rectify.penaltyBasis}}的规定启动行政处罚程序，本次约谈记录将作为认定违法事实的证据。
        你单位如不服本通知，可以在收到本通知书之日起六十日内向{{appeal.government}}申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。
        """#
    )

    // MARK: - Results (结果类)

    /// 《整改报告》: the party's own report with its evidence, typed in or uploaded (IV step 9).
    public static let rectificationReport = DocumentTemplate(
        code: "IV-RECT-REPORT", nameZH: "整改报告", docClass: "result",
        fields: fields([
            "rectify.noticeDate", "rectify.noticeNumber", "report.measures", "report.results", "report.remaining",
            "report.attachments", "party.name", "party.legalRep", "report.date",
        ]),
        typeWord: "约报", sealed: false,
        body: #"""
        < {{doc.issuer}}：
        我单位于{{rectify.noticeDate}}收到贵所《整改通知书》（{{rectify.noticeNumber}}）后高度重视，对照整改事项和验收标准逐项进行了整改。现将整改情况报告如下：
        # 一、整改措施及落实情况
        {{report.measures}}
        # 二、整改成效
        {{report.results}}
        # 三、尚存问题及下一步措施
        {{report.remaining}}
        # 四、证明材料
        {{report.attachments}}

        > 报告单位（盖章）：{{party.name}}
        > 法定代表人（负责人）：{{party.legalRep}}
        > {{report.date}}
        """#
    )

    /// 《整改跟踪台账》(IV-18): each contact, progress and problems during rectification.
    public static let ledger = DocumentTemplate(
        code: "IV-LEDGER", nameZH: "整改跟踪台账", docClass: "result",
        fields: fields([
            "case.number", "party.name", "interview.date", "rectify.deadline", "ledger.tracker", "ledger.difficulty",
            "ledger.frequency", "rectify.items", "ledger.entries", "ledger.problems", "ledger.reportStatus",
            "ledger.remarks",
        ], optional: ["ledger.problems", "ledger.remarks"]),
        typeWord: "约账", sealed: false,
        body: #"""
        | 案件编号 | {{case.number}} |
        | 当 事 人 | {{party.name}} |
        | 约谈日期 | {{interview.date}} | 整改期限 | {{rectify.deadline}} |
        | 跟踪责任人 | {{ledger.tracker}} | 整改难度 | {{ledger.difficulty}} |
        | 跟踪频次 | {{ledger.frequency}} |
        | 整改事项 | {{rectify.items}} |
        | 跟踪记录 | {{ledger.entries}} |
        | 存在问题 | {{ledger.problems}} |
        | 整改报告 | {{ledger.reportStatus}} |
        | 备　　注 | {{ledger.remarks}} |
        """#
    )

    /// 《整改验收意见书》(IV-19): a conclusion per rectification item from at least two inspectors.
    public static let inspection = DocumentTemplate(
        code: "IV-INSPECTION", nameZH: "整改验收意见书", docClass: "result",
        fields: fields([
            "party.name", "party.address", "report.receivedDate", "rectify.noticeNumber", "inspection.date",
            "inspection.inspectors", "inspection.items", "inspection.conclusion", "inspection.followUp",
        ]),
        needsService: true, typeWord: "约验",
        body: #"""
        < {{party.name}}：
        你单位于{{report.receivedDate}}提交的整改报告及证明材料收悉。根据《整改通知书》（{{rectify.noticeNumber}}）确定的整改事项和验收标准，本所于{{inspection.date}}指派{{inspection.inspectors}}对你单位的整改情况进行了现场验收。现将验收意见告知如下：
        # 一、逐项验收情况
        {{inspection.items}}
        # 二、验收结论
        {{inspection.conclusion}}
        # 三、后续要求
        {{inspection.followUp}}
        """#
    )

    /// 《整改验收合格书》: the pass that closes the case without penalty (IV step 11a).
    public static let pass = DocumentTemplate(
        code: "IV-PASS", nameZH: "整改验收合格书", docClass: "result",
        fields: fields([
            "party.name", "party.address", "interview.date", "rectify.noticeDate", "rectify.noticeNumber",
            "report.receivedDate", "inspection.date", "inspection.inspectors", "pass.requirements",
        ]),
        hasStub: true, needsService: true, typeWord: "约合",
        stubSummary: "{{party.name}}整改验收合格（{{inspection.date}}验收），不予行政处罚",
        body: #"""
        < {{party.name}}：
        本所于{{interview.date}}对你单位进行了行政约谈，并于{{rectify.noticeDate}}向你单位送达了《整改通知书》（{{rectify.noticeNumber}}）。你单位按要求进行了整改，于{{report.receivedDate}}提交了整改报告。{{inspection.date}}，经本所{{inspection.inspectors}}现场验收，你单位整改事项全部符合验收标准，整改验收合格。
        根据《中华人民共和国行政处罚法》第三十三条第一款的规定，本所对你单位本次约谈所涉违法行为不予行政处罚。
        请你单位严格落实主体责任，做好以下工作：
        {{pass.requirements}}
        本所将对你单位开展后续监督检查。你单位再次发生同类违法行为的，不再适用行政约谈，本所将依法予以处理。
        """#
    )

    /// 《行政处罚告知书》: prepared at the penalty hand-off with the interview record attached (IV step 11b).
    public static let penaltyNotice = DocumentTemplate(
        code: "IV-PENALTY-NOTICE", nameZH: "行政处罚告知书", docClass: "result",
        fields: fields([
            "party.name", "party.address", "interview.date", "rectify.noticeNumber", "rectify.deadline",
            "inspection.date", "penalty.failure", "case.facts", "case.evidence", "case.provisions", "penalty.basis",
            "penalty.proposal", "penalty.hearing", "record.number", "contact.name", "contact.phone", "contact.address",
        ], optional: ["penalty.hearing"]),
        needsService: true, typeWord: "罚告",
        body: #"""
        < {{party.name}}：
        本所于{{interview.date}}对你单位进行了行政约谈，并以《整改通知书》（{{rectify.noticeNumber}}）责令你单位于{{rectify.deadline}}前完成整改。经{{inspection.date}}验收，你单位{{penalty.failure}}。
        经查，你单位存在下列违法行为：
        {{case.facts}}
        以上事实有下列证据证实：
        {{case.evidence}}
        你单位的上述行为违反了{{case.provisions}}的规定。依据{{penalty.basis}}的规定，本所拟对你单位作出如下行政处罚：
        {{penalty.proposal}}
        根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位可以在收到本告知书之日起五个工作日内向本所提出陈述、申辩。{{penalty.hearing}}逾期未提出的，视为放弃上述权利。
        附件：行政约谈记录（{{record.number}}）
        联系人：{{contact.name}}　　联系电话：{{contact.phone}}
        联系地址：{{contact.address}}
        """#
    )

    // MARK: - Sample data

    /// Realistic values for a template's fields — one food-safety case of 中村市场监督管理所
    /// followed from clue (2025-09-30) to pass (2025-11-17) — for previews, demos and tests.
    /// Only the template's own fields are returned; an unknown code gives an empty dictionary.
    public static func sampleValues(for code: String) -> [String: String] {
        guard let template = template(code: code) else { return [:] }
        var values: [String: String] = [:]
        for field in template.fields {
            if let value = sample[field.name] { values[field.name] = value }
        }
        return values
    }

    static let sample: [String: String] = [
        "party.name": "福州市禾丰餐饮管理有限公司",
        "party.uscc": "91350100M000100Y43",
        "party.legalRep": "陈建国",
        "party.address": "福州市鼓楼区中村路88号",
        "party.phone": "0591-83216688",
        "case.number": "中村约案〔2025〕12号",
        "case.cause": "涉嫌安排未取得健康证明的人员从事接触直接入口食品工作等",
        "case.level": "一般",
        "case.ground": "初次违法且危害后果轻微，及时改正可以不予行政处罚",
        "case.factsBrief": "存在安排未取得健康证明的从业人员从事接触直接入口食品工作、未建立食品原料进货查验记录、冷藏设施内生熟食品混放等问题",
        "case.facts": """
            1.后厨2名从事接触直接入口食品工作的从业人员未取得健康证明；
            2.未建立食品原料进货查验记录，部分原料不能提供供货者的许可证和产品合格证明文件；
            3.冷藏柜内生熟食品混放。
            """,
        "case.evidence": """
            1.现场检查笔录1份；
            2.现场照片12张；
            3.从业人员花名册及健康证明复印件；
            4.原料采购票据复印件8份；
            5.营业执照、食品经营许可证复印件各1份。
            """,
        "case.provisions": "《中华人民共和国食品安全法》第三十三条第一款第（四）项、第四十五条第二款、第五十三条第二款",
        "clue.source": "日常监督检查",
        "clue.date": "2025年9月30日",
        "verify.process": "2025年9月30日，本所执法人员林晓峰、王敏对当事人经营场所进行现场检查，制作了现场检查笔录，拍摄现场照片12张，调取了当事人从业人员花名册、健康证明及近三个月的原料采购票据。经查询执法办案系统和约谈档案，当事人此前未因同类违法行为被行政处罚或者约谈。",
        "verify.necessity": "当事人积极配合检查，表示愿意整改，上述问题可以在30日内整改到位，通过约谈督促其整改，能够达到纠正违法行为、教育当事人的目的。",
        "verify.officers": "林晓峰、王敏",
        "proposal.department": "市场监管执法科",
        "proposal.opinion": "当事人系初次违法，危害后果轻微，具备整改条件，符合行政约谈的适用情形且不存在排除情形，建议对其实施行政约谈。",
        "proposal.officer": "林晓峰",
        "proposal.date": "2025年10月10日",
        "review.subject": "当事人依法登记注册，持有有效的营业执照和食品经营许可证，系本所辖区内的食品经营者，主体适格。",
        "review.facts": "当事人安排未取得健康证明的从业人员上岗、未建立进货查验记录、生熟食品混放的事实清楚。",
        "review.evidence": "现场检查笔录、现场照片、从业人员花名册、采购票据等证据相互印证，证据充分。",
        "review.law": "认定当事人违反《中华人民共和国食品安全法》第三十三条第一款第（四）项、第四十五条第二款、第五十三条第二款的规定，适用法律正确。",
        "review.procedure": "线索核实在规定时限内完成，已查询当事人同类违法记录，程序合法。",
        "review.conclusion": "同意对当事人实施行政约谈。建议在约谈中明确整改期限不超过30日，并告知逾期未整改的法律后果。",
        "review.opinion": "主体适格，事实清楚，证据充分，适用法律正确，程序合法，同意实施行政约谈。",
        "review.reviewer": "黄丽华",
        "review.certificate": "35010023005",
        "review.date": "2025年10月13日",
        "approval.opinion": "同意。",
        "approval.approver": "郑国平",
        "approval.date": "2025年10月14日",
        "interview.time": "2025年10月20日上午9时30分",
        "interview.date": "2025年10月20日",
        "interview.place": "中村市场监督管理所三楼约谈室（福州市鼓楼区中村路16号）",
        "interview.mode": "现场约谈",
        "interview.participants": "本所约谈人员林晓峰、王敏；特邀福州市食品安全专家库专家张立（高级工程师）列席。请你单位法定代表人（负责人）或者其书面委托的代理人及食品安全管理人员参加；委托代理人参加的，须持加盖单位公章的授权委托书。",
        "interview.interviewers": "林晓峰（执法证号：35010023001）、王敏（执法证号：35010023017）",
        "interview.recorder": "陈思远",
        "interview.matters": """
            1.通报你单位存在的食品安全问题及相关证据；
            2.听取你单位的陈述、申辩；
            3.商定整改事项、整改期限和验收标准。
            """,
        "interview.materials": """
            1.营业执照副本、食品经营许可证原件及复印件；
            2.法定代表人身份证明，或者授权委托书及受托人身份证件；
            3.从业人员花名册、健康证明及食品安全管理制度文本；
            4.整改方案（初稿）。
            """,
        "interview.attendees": "陈建国（法定代表人）、李红（食品安全管理员）",
        "interview.others": "张立（福州市食品安全专家库专家，高级工程师）",
        "contact.name": "林晓峰",
        "contact.phone": "0591-83210000",
        "contact.address": "福州市鼓楼区中村路16号",
        "outline.questions": """
            1.你单位的经营情况、从业人员数量及健康证明办理情况如何？
            2.食品原料从哪些供货者采购？是否查验并留存供货者的许可证和产品合格证明文件？
            3.对检查发现的问题，你单位有何陈述、申辩？
            4.你单位计划采取哪些整改措施，需要多长时间，有何困难？
            """,
        "outline.goals": "使当事人认识到违法行为的危害和法律后果，当场商定整改事项、期限（不超过30日）和验收标准；当事人陈述、申辩的，如实记录并予以答复；约谈中发现涉嫌犯罪线索的，立即中止约谈并按规定移送。",
        "outline.author": "林晓峰",
        "record.notices": """
            ☑约谈人已出示执法证件（林晓峰：35010023001；王敏：35010023017）
            ☑已说明约谈的目的、依据及参加人员
            ☑已告知被约谈方享有陈述、申辩的权利
            ☑已告知无正当理由拒绝约谈的法律后果
            """,
        "record.discussion": "约谈人向被约谈方通报了2025年9月30日日常监督检查发现的问题，出示了现场检查笔录及照片，讲解了从业人员健康管理、进货查验记录和食品贮存等法定义务。被约谈方对检查发现的问题无异议。经商定，双方确定了下列整改事项、整改期限和验收标准。",
        "record.statement": "我单位对检查发现的问题无异议。问题主要是新招聘员工尚未办理健康证明即上岗、采购人员不清楚进货查验记录要求造成的。我单位承诺按约定的事项和期限完成整改，并按时提交整改报告。以上记录已经本人核对，与本人所述一致。",
        "record.signatureNote": "",
        "record.number": "中村约记〔2025〕12号",
        "rectify.items": """
            1.立即安排未取得健康证明的2名从业人员暂停从事接触直接入口食品的工作，组织其进行健康检查，取得健康证明后方可上岗；
            2.建立并执行食品原料进货查验记录制度，如实记录原料名称、规格、数量、生产日期或者生产批号、保质期、进货日期以及供货者名称、地址、联系方式，留存供货者的许可证和产品合格证明文件；
            3.冷藏设施实行生熟分区存放并加贴标识，清理过期及来源不明的原料。
            """,
        "rectify.deadline": "2025年11月18日",
        "rectify.reportDue": "2025年11月13日",
        "rectify.basis": "《中华人民共和国食品安全法》第三十三条第一款第（四）项、第四十五条第二款、第五十三条第二款。",
        "rectify.standard": """
            1.全部从业人员持有效健康证明上岗，健康证明复印件存档备查；
            2.进货查验记录完整，近一个月采购的原料均能提供供货者的许可证和产品合格证明文件；
            3.冷藏设施生熟分区存放、标识清晰，无过期或者来源不明的原料。
            """,
        "rectify.penaltyBasis": "《中华人民共和国食品安全法》第一百二十六条第一款",
        "rectify.noticeDate": "2025年10月20日",
        "rectify.noticeNumber": "中村约改〔2025〕12号",
        "appeal.government": "福州市鼓楼区人民政府",
        "report.measures": """
            1.2名从业人员已于2025年10月23日在鼓楼区疾病预防控制中心完成健康检查，取得健康证明后重新上岗；
            2.已制定《食品原料进货查验记录制度》，指定李红负责，自2025年10月21日起逐批记录，并向全部6家供货者补齐了许可证和产品合格证明文件；
            3.已对2台冷藏柜实行生熟分区并加贴标识，清理过期原料3.5千克。
            """,
        "report.results": "经自查，整改通知书所列3项问题均已整改完毕，各项制度已落实到岗到人。",
        "report.remaining": "无。我单位将每月组织一次食品安全自查，防止问题反弹。",
        "report.attachments": """
            1.从业人员健康证明复印件2份；
            2.进货查验记录（2025年10月21日至11月10日）复印件；
            3.冷藏设施整改前后对比照片6张；
            4.《食品原料进货查验记录制度》。
            """,
        "report.date": "2025年11月10日",
        "report.receivedDate": "2025年11月11日",
        "ledger.tracker": "林晓峰",
        "ledger.difficulty": "一般",
        "ledger.frequency": "每周电话回访1次，整改期内现场检查不少于1次",
        "ledger.entries": """
            2025年10月24日　电话回访：2名从业人员已完成健康检查，暂停接触直接入口食品工作。（林晓峰）
            2025年10月31日　现场检查：进货查验记录已建立，尚缺2家供货者的许可证复印件。（林晓峰、王敏）
            2025年11月7日　电话回访：供货者许可证已补齐，冷藏柜已分区并加贴标识。（林晓峰）
            """,
        "ledger.problems": "供货者资质文件补齐较慢，已督促当事人限期补齐。",
        "ledger.reportStatus": "2025年11月11日收到整改报告及证明材料，未逾期（提交期限为2025年11月13日）。",
        "ledger.remarks": "",
        "inspection.date": "2025年11月14日",
        "inspection.inspectors": "林晓峰（执法证号：35010023001）、陈思远（执法证号：35010023022）",
        "inspection.items": """
            1.从业人员健康管理：2名从业人员已取得健康证明，全部从业人员持证上岗。结论：合格。
            2.进货查验记录：已建立并执行进货查验记录制度，记录完整，供货者的许可证和产品合格证明文件齐全。结论：合格。
            3.原料贮存：冷藏设施已实行生熟分区存放并加贴标识，未发现过期或者来源不明的原料。结论：合格。
            """,
        "inspection.conclusion": "整改事项全部符合验收标准，验收合格。",
        "inspection.followUp": "请你单位持续落实食品安全主体责任，坚持执行从业人员健康管理和进货查验记录制度。本所将在六个月内对你单位进行回访检查。",
        "pass.requirements": """
            1.每年组织从业人员进行健康检查，新招聘人员取得健康证明后方可上岗；
            2.坚持执行进货查验记录制度，记录和凭证保存期限不少于产品保质期满后六个月，没有明确保质期的不少于二年；
            3.每月开展一次食品安全自查，发现问题立即整改。
            """,
        "penalty.failure": "第2项整改事项（建立并执行食品原料进货查验记录制度）未整改到位，验收不合格",
        "penalty.basis": "《中华人民共和国食品安全法》第一百二十六条第一款第（三）项",
        "penalty.proposal": "罚款人民币壹万元整（¥10,000.00）。",
        "penalty.hearing": "",
    ]
}
