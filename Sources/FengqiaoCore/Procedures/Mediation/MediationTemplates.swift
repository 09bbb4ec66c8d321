import Foundation

/// Administrative mediation's documents (mediation.md "Documents"; DOC-03): 行政调解登记表, 矛盾纠纷分流
/// 交办单 (the centre keeps its stub), 受理通知书 and 不予受理告知书 (served), 联席会议纪要, 行政调解笔录,
/// 行政调解协议书 (served: the party's signature), 回流单, 行政调解终止告知书 (served) and 重大矛盾纠纷
/// 专题报告. Type words start with 调 (e.g. `江市监调调协〔2025〕3号`), never shared with the complaint
/// track's 投-words. `party.name` is the addressee; where a document goes to both parties, one copy
/// is issued per party.
public enum MediationTemplates {
    public static let all: [DocumentTemplate] = [registration, dispatch, acceptance, rejection, jointMinutes, session, agreement, returnSlip, termination, majorReport]

    public static func template(code: String) -> DocumentTemplate? { all.first { $0.code == code } }

    static let labels: [String: String] = [
        "party.name": "受送达人", "party.address": "送达地址",
        "dispute.number": "登记编号", "dispute.registeredDate": "登记日期", "dispute.source": "信息来源", "dispute.provider": "提供人",
        "applicant.name": "申请人（甲方）", "respondent.name": "被申请人（乙方）", "dispute.object": "涉及客体", "dispute.nature": "问题性质",
        "dispute.scope": "纠纷范围", "dispute.claim": "调解请求",
        "dispatch.unit": "承办单位", "dispatch.basis": "职能依据", "dispatch.approver": "审批人", "dispatch.date": "交办日期",
        "accept.date": "受理日期", "mediation.deadline": "调解期限届满日", "reject.reason": "不予受理理由", "reject.channel": "救济或办理渠道",
        "joint.date": "会议日期", "joint.units": "参加单位", "joint.attendees": "参加人员", "joint.division": "分工和工作预案",
        "session.time": "调解时间", "session.place": "调解地点", "session.mediators": "调解员", "session.attendees": "参加人员", "session.record": "调解经过",
        "agreement.facts": "纠纷的主要事实", "agreement.terms": "协议内容", "agreement.obligations": "履行义务、方式和期限",
        "return.unit": "回流单位", "return.reason": "回流原因", "return.attempts": "已开展的调解工作", "return.date": "回流日期",
        "termination.reason": "终止调解的理由", "termination.remedies": "救济途径", "termination.date": "终止调解日期",
        "major.facts": "纠纷基本情况", "major.risk": "风险评估", "major.measures": "已采取的措施", "major.plan": "工作预案",
        "contact.name": "承办人", "contact.phone": "联系电话",
    ]

    private static func fields(_ names: [String], optional: Set<String> = []) -> [FieldSpec] {
        names.map { FieldSpec($0, labels[$0] ?? $0, required: !optional.contains($0)) }
    }

    /// 行政调解登记表 (step 1, MD-11, MD-12): the registration with its five analysis fields.
    public static let registration = DocumentTemplate(
        code: "MD-REGISTER", nameZH: "行政调解登记表", docClass: "register",
        fields: fields(["dispute.number", "dispute.registeredDate", "dispute.source", "dispute.provider", "applicant.name", "respondent.name", "dispute.object",
                        "dispute.nature", "dispute.scope", "dispute.claim"]),
        typeWord: "调登", sealed: false,
        body: #"""
        | 登记编号 | {{dispute.number}} | 登记日期 | {{dispute.registeredDate}} |
        | 信息来源 | {{dispute.source}} | 提 供 人 | {{dispute.provider}} |
        | 申请人（甲方） | {{applicant.name}} |
        | 被申请人（乙方） | {{respondent.name}} |
        | 涉及客体 | {{dispute.object}} |
        | 问题性质 | {{dispute.nature}} | 纠纷范围 | {{dispute.scope}} |
        | 调解请求 | {{dispute.claim}} |
        以上内容经核对无误。
        > 登记人：　　　　　　提供人签名：
        """#)

    /// 矛盾纠纷分流交办单 (step 3, MD-13): the target, the competence basis and the approver; the
    /// centre keeps the stub.
    public static let dispatch = DocumentTemplate(
        code: "MD-DISPATCH", nameZH: "矛盾纠纷分流交办单", docClass: "dispatch",
        fields: fields(["dispatch.unit", "dispute.number", "applicant.name", "respondent.name", "dispute.claim", "dispatch.basis", "dispatch.approver", "dispatch.date"]),
        hasStub: true, typeWord: "调分", stubSummary: "{{dispute.number}}交办{{dispatch.unit}}（{{dispatch.date}}，{{dispatch.approver}}批准）",
        body: #"""
        < {{dispatch.unit}}：
        经行政调解工作领导小组办公室批准，现将下列矛盾纠纷交由你单位调解：
        | 登记编号 | {{dispute.number}} |
        | 当 事 人 | {{applicant.name}}与{{respondent.name}} |
        | 调解请求 | {{dispute.claim}} |
        | 职能依据 | {{dispatch.basis}} |
        | 审 批 人 | {{dispatch.approver}} | 交办日期 | {{dispatch.date}} |
        请你单位按照“谁主管谁负责”的原则认真办理，不得推诿；每周报告一次进展，调解结束后2个工作日内将结果及材料报送行政调解中心。调解期限届满未达成协议的，应于2个工作日内回流行政调解中心，不得自行终止调解。
        """#)

    /// 受理通知书 (step 4, MD-21, MD-24): accepted on the last consent, with the limit.
    public static let acceptance = DocumentTemplate(
        code: "MD-ACCEPT", nameZH: "行政调解受理通知书", docClass: "accept",
        fields: fields(["party.name", "party.address", "applicant.name", "respondent.name", "dispute.claim", "accept.date", "mediation.deadline", "contact.name",
                        "contact.phone"], optional: ["party.address"]),
        needsService: true, typeWord: "调受",
        body: #"""
        < {{party.name}}：
        {{applicant.name}}与{{respondent.name}}之间的纠纷（调解请求：{{dispute.claim}}），经各方当事人同意，本局于{{accept.date}}受理调解。
        调解遵循自愿、合法、中立、平等的原则。调解期间，你有权随时撤回同意，也可以自行和解。本局将于{{mediation.deadline}}前组织调解；情况复杂的，经批准可以延长一次，延长期限不超过十个工作日，并将另行告知。
        承办人：{{contact.name}}　　联系电话：{{contact.phone}}
        """#)

    /// 不予受理告知书 (step 2, MD-19): the reason and the proper channel.
    public static let rejection = DocumentTemplate(
        code: "MD-REJECT", nameZH: "行政调解不予受理告知书", docClass: "accept",
        fields: fields(["party.name", "party.address", "dispute.registeredDate", "dispute.claim", "reject.reason", "reject.channel", "contact.name", "contact.phone"],
                       optional: ["party.address"]),
        needsService: true, typeWord: "调不受",
        body: #"""
        < {{party.name}}：
        本局于{{dispute.registeredDate}}收到你的行政调解申请（调解请求：{{dispute.claim}}）。经审查，{{reject.reason}}，本局决定不予受理。
        你可以{{reject.channel}}。
        承办人：{{contact.name}}　　联系电话：{{contact.phone}}
        """#)

    /// 联席会议纪要 (MD-32): before the first joint session.
    public static let jointMinutes = DocumentTemplate(
        code: "MD-JOINT-MINUTES", nameZH: "行政调解会办联席会议纪要", docClass: "joint",
        fields: fields(["dispute.number", "joint.date", "joint.units", "joint.attendees", "joint.division"]),
        typeWord: "调纪", sealed: false,
        body: #"""
        | 登记编号 | {{dispute.number}} | 会议日期 | {{joint.date}} |
        | 牵头单位 | 局长室 |
        | 参加单位 | {{joint.units}} |
        | 参加人员 | {{joint.attendees}} |
        # 分工和工作预案
        {{joint.division}}
        参加会办的单位不得推诿、拒绝。
        """#)

    /// 行政调解笔录 (step 5, MD-26): each session, signed by the attendees.
    public static let session = DocumentTemplate(
        code: "MD-SESSION", nameZH: "行政调解笔录", docClass: "mediate",
        fields: fields(["dispute.number", "session.time", "session.place", "session.mediators", "session.attendees", "session.record"]),
        typeWord: "调笔", sealed: false,
        body: #"""
        | 登记编号 | {{dispute.number}} |
        | 时　　间 | {{session.time}} | 地　　点 | {{session.place}} |
        | 调 解 员 | {{session.mediators}} |
        | 参加人员 | {{session.attendees}} |
        # 调解经过
        {{session.record}}
        以上笔录已经本人核对（已向本人宣读），与所述一致。
        > 当事人签名：　　　　　　调解员签名：　　　　　　记录人签名：
        """#)

    /// 行政调解协议书 (MD-28): parties, facts, terms, obligations with dates, "不得擅自变更或者解除",
    /// the signatures and the seal; one copy per party and one for the file.
    public static let agreement = DocumentTemplate(
        code: "MD-AGREEMENT", nameZH: "行政调解协议书", docClass: "conclude",
        fields: fields(["party.name", "party.address", "applicant.name", "respondent.name", "agreement.facts", "agreement.terms", "agreement.obligations",
                        "session.mediators"], optional: ["party.address"]),
        needsService: true, typeWord: "调协",
        body: #"""
        | 申请人（甲方） | {{applicant.name}} |
        | 被申请人（乙方） | {{respondent.name}} |
        # 一、纠纷的主要事实
        {{agreement.facts}}
        # 二、协议内容
        {{agreement.terms}}
        # 三、履行义务、方式和期限
        {{agreement.obligations}}
        本协议经各方当事人自愿协商达成，不违反法律、法规的规定，不免除任何一方依法应当承担的法律责任，不损害国家利益、社会公共利益和他人合法权益。本协议自各方当事人签名（盖章）之日起生效，任何一方不得擅自变更或者解除；一方不履行的，另一方可以依法通过司法程序解决。
        本协议一式若干份，各方当事人各执一份，本局存档一份（本份送达：{{party.name}}）。
        > 甲方签名：　　　　　　乙方签名：　　　　　　调解员：{{session.mediators}}
        """#)

    /// 回流单 (MD-17): the dispatched unit's return, with what it tried.
    public static let returnSlip = DocumentTemplate(
        code: "MD-RETURN", nameZH: "矛盾纠纷回流单", docClass: "conclude",
        fields: fields(["dispute.number", "return.unit", "applicant.name", "respondent.name", "return.reason", "return.attempts", "return.date"]),
        typeWord: "调回", sealed: false,
        body: #"""
        < 行政调解中心：
        | 登记编号 | {{dispute.number}} | 回流单位 | {{return.unit}} |
        | 当 事 人 | {{applicant.name}}与{{respondent.name}} |
        | 回流原因 | {{return.reason}} |
        | 已开展的调解工作 | {{return.attempts}} |
        | 回流日期 | {{return.date}} |
        > 承办单位负责人签名：
        """#)

    /// 行政调解终止告知书 (MD-30, MD-31): the reason and every remedy with its period; served within 7
    /// working days.
    public static let termination = DocumentTemplate(
        code: "MD-TERMINATION", nameZH: "行政调解终止告知书", docClass: "conclude",
        fields: fields(["party.name", "party.address", "applicant.name", "respondent.name", "termination.reason", "termination.remedies", "termination.date",
                        "contact.name", "contact.phone"], optional: ["party.address"]),
        needsService: true, typeWord: "调终",
        body: #"""
        < {{party.name}}：
        本局受理的{{applicant.name}}与{{respondent.name}}之间的纠纷，因{{termination.reason}}，本局于{{termination.date}}决定终止调解。
        对该纠纷，你可以依法通过下列途径解决：
        {{termination.remedies}}
        承办人：{{contact.name}}　　联系电话：{{contact.phone}}
        """#)

    /// 重大矛盾纠纷专题报告 (MD-33): to the leading group within 1 working day of the flag.
    public static let majorReport = DocumentTemplate(
        code: "MD-MAJOR", nameZH: "重大矛盾纠纷专题报告", docClass: "major",
        fields: fields(["dispute.number", "major.facts", "major.risk", "major.measures", "major.plan"]),
        typeWord: "调专",
        body: #"""
        < 行政调解工作领导小组：
        现将登记编号{{dispute.number}}的重大矛盾纠纷报告如下：
        # 一、基本情况
        {{major.facts}}
        # 二、风险评估
        {{major.risk}}
        # 三、已采取的措施
        {{major.measures}}
        # 四、工作预案
        {{major.plan}}
        """#)
}
