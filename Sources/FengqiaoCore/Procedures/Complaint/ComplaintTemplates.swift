import Foundation

/// The complaint track's documents (complaints.md "Documents", steps 3–7; DOC-03): 《投诉分送通知书》,
/// 《限期提供材料通知书》, 《投诉受理决定书》, 《投诉不予受理决定书》, 《投诉调解通知书》, 《投诉终止调解决定书》
/// and 《投诉调解书》. Numbers follow DOC-10 with the 文书代字 投分, 投补, 投受, 投不受, 投调通, 投终调 and 投调
/// (e.g. `中村所投终调〔2025〕3号`): every type word starts with 投 so the complaint track's sequences
/// never share one with the administrative mediation (调解) module's documents.
///
/// `party.name` and `party.address` are always the addressee (受送达人 and 送达地址 on the 送达回证):
/// the complainant for the decisions on acceptance and the request for materials, the party the
/// copy is for where a document goes to both parties (调解通知书, 终止调解决定书 — one copy per party,
/// each numbered and served). CP-08: the documents a respondent receives name the complainant and
/// the request and nothing else of the complainant's — no phone, ID number or address field.
///
/// The text cites 《市场监督管理投诉举报处理暂行办法》 (SAMR-20). When its successor is confirmed
/// (CP-02, CP-03), the legal department saves new versions effective from that day (DOC-01, X-08).
public enum ComplaintTemplates {
    /// All eight, in procedure order.
    public static let all: [DocumentTemplate] = [dispatch, materials, acceptance, rejection, mediationNotice, delegation, termination, agreement]

    /// The template with this code, if shipped.
    public static func template(code: String) -> DocumentTemplate? {
        all.first { $0.code == code }
    }

    /// The templates a respondent receives (CP-08): no field of them may carry the complainant's
    /// contact or identity data beyond the name.
    public static let respondentSide: [DocumentTemplate] = [mediationNotice, termination, agreement]

    // MARK: - Fields

    /// Labels of every field the complaint templates use, so one name has one label everywhere.
    static let labels: [String: String] = [
        "party.name": "受送达人",
        "party.address": "送达地址",
        "complainant.name": "投诉人",
        "respondent.name": "被投诉人",
        "respondent.representative": "被投诉人法定代表人（负责人）",
        "respondent.address": "被投诉人住所（经营场所）",
        "complaint.number": "投诉件编号",
        "complaint.channel": "来源渠道",
        "complaint.receivedDate": "收到投诉日期",
        "complaint.request": "投诉请求",
        "complaint.facts": "事实与理由",
        "dispatch.receiver": "接收单位",
        "dispatch.date": "分送日期",
        "dispatch.reportBackDate": "反馈日期",
        "materials.items": "需补充提供的材料",
        "materials.deadline": "提供材料期限",
        "decision.date": "受理决定日期",
        "reject.ground": "不予受理的理由（办法第十五条）",
        "reject.reason": "具体情况说明",
        "appeal.government": "行政复议机关",
        "mediation.time": "调解时间",
        "mediation.place": "调解地点",
        "mediation.mediator": "调解人员",
        "mediation.materials": "需携带的材料",
        "delegate.name": "受托调解组织",
        "delegate.mediator": "受托调解员",
        "delegation.scope": "委托事项和权限",
        "mediation.deadline": "调解期限届满日",
        "termination.ground": "终止调解的理由（办法第二十一条）",
        "termination.facts": "终止调解的具体情况",
        "termination.date": "终止调解决定日期",
        "agreement.terms": "调解协议内容",
        "agreement.performance": "履行方式和期限",
        "contact.name": "承办人",
        "contact.phone": "联系电话",
    ]

    /// Field specs for names, all required except those in `optional`.
    private static func fields(_ names: [String], optional: Set<String> = []) -> [FieldSpec] {
        names.map { FieldSpec($0, labels[$0] ?? $0, required: !optional.contains($0)) }
    }

    // MARK: - Step 3 (分送)

    /// 《投诉分送通知书》(CP-09, CP-13): the item, the receiving unit and the report-back date; the
    /// receiving unit signs for it (internal, no 送达回证).
    public static let dispatch = DocumentTemplate(
        code: "CP-DISPATCH", nameZH: "投诉分送通知书", docClass: "dispatch",
        fields: fields([
            "dispatch.receiver", "complaint.number", "complaint.channel", "complaint.receivedDate", "complainant.name", "respondent.name",
            "complaint.request", "dispatch.date", "dispatch.reportBackDate",
        ]),
        typeWord: "投分",
        body: #"""
        < {{dispatch.receiver}}：
        现将下列投诉件分送你单位办理：
        | 投诉件编号 | {{complaint.number}} |
        | 来源渠道 | {{complaint.channel}} | 收到日期 | {{complaint.receivedDate}} |
        | 投 诉 人 | {{complainant.name}} |
        | 被投诉人 | {{respondent.name}} |
        | 投诉请求 | {{complaint.request}} |
        | 分送日期 | {{dispatch.date}} | 反馈日期 | {{dispatch.reportBackDate}} |
        请你单位依照《市场监督管理投诉举报处理暂行办法》的规定，自收到之日起七个工作日内作出受理或者不予受理的决定，并于{{dispatch.reportBackDate}}前将办理情况反馈本单位。
        经审查认为不属于你单位管辖的，请于收到之日起一个工作日内书面说明理由，将投诉件退回本单位，不得自行转送。
        附件：投诉登记表及投诉人提交的材料
        """#
    )

    // MARK: - Step 5 (受理决定)

    /// 《限期提供材料通知书》(CP-04, CP-14): the missing items and a deadline no later than the
    /// acceptance decision's due date; served on the complainant.
    public static let materials = DocumentTemplate(
        code: "CP-MATERIALS", nameZH: "限期提供材料通知书", docClass: "acceptance",
        fields: fields([
            "party.name", "party.address", "complaint.receivedDate", "respondent.name", "materials.items", "materials.deadline",
            "contact.name", "contact.phone",
        ]),
        needsService: true, typeWord: "投补",
        body: #"""
        < {{party.name}}：
        本局于{{complaint.receivedDate}}收到你对{{respondent.name}}的投诉。经审查，你提交的投诉材料不符合《市场监督管理投诉举报处理暂行办法》第九条、第十条的规定，尚缺少下列材料：
        {{materials.items}}
        请你于{{materials.deadline}}前向本局补充提供上述材料。逾期未提供的，本局将依照《市场监督管理投诉举报处理暂行办法》第十五条第（五）项的规定，对你的投诉不予受理。
        承办人：{{contact.name}}　　联系电话：{{contact.phone}}
        """#
    )

    /// 《投诉受理决定书》(CP-14): the dates and the decision, served on the complainant within 7 working
    /// days of the competent unit's receipt; the mediation that follows needs both parties' consent (CP-16).
    public static let acceptance = DocumentTemplate(
        code: "CP-ACCEPT", nameZH: "投诉受理决定书", docClass: "acceptance",
        fields: fields([
            "party.name", "party.address", "complaint.receivedDate", "respondent.name", "complaint.request", "decision.date",
            "contact.name", "contact.phone",
        ]),
        hasStub: true, needsService: true, typeWord: "投受",
        stubSummary: "受理{{party.name}}对{{respondent.name}}的投诉（{{decision.date}}决定）",
        body: #"""
        < {{party.name}}：
        本局于{{complaint.receivedDate}}收到你对{{respondent.name}}的投诉，投诉请求为：{{complaint.request}}
        经审查，你的投诉符合《市场监督管理投诉举报处理暂行办法》规定的受理条件。根据该办法第十四条的规定，本局于{{decision.date}}决定予以受理。
        本局将在投诉人和被投诉人均同意的前提下组织调解。请你保持联系方式畅通，按照本局通知参加调解，并如实提供与投诉事项有关的凭证、票据等证据材料。调解期间，你仍可以与被投诉人自行协商和解，和解的请及时告知本局。
        承办人：{{contact.name}}　　联系电话：{{contact.phone}}
        """#
    )

    /// 《投诉不予受理决定书》(CP-15): the ground of 办法第十五条 (1)–(6), the dates and the remedies;
    /// served on the complainant.
    public static let rejection = DocumentTemplate(
        code: "CP-REJECT", nameZH: "投诉不予受理决定书", docClass: "acceptance",
        fields: fields([
            "party.name", "party.address", "complaint.receivedDate", "respondent.name", "complaint.request", "reject.ground", "reject.reason",
            "decision.date", "appeal.government",
        ], optional: ["reject.reason"]),
        hasStub: true, needsService: true, typeWord: "投不受",
        stubSummary: "对{{party.name}}投诉{{respondent.name}}一案不予受理：{{reject.ground}}",
        body: #"""
        < {{party.name}}：
        本局于{{complaint.receivedDate}}收到你对{{respondent.name}}的投诉，投诉请求为：{{complaint.request}}
        经审查，你的投诉属于《市场监督管理投诉举报处理暂行办法》第十五条{{reject.ground}}的情形。{{reject.reason}}
        根据《市场监督管理投诉举报处理暂行办法》第十四条、第十五条的规定，本局于{{decision.date}}决定对你的投诉不予受理。
        你可以通过与经营者协商和解、请求消费者协会或者依法成立的其他调解组织调解、根据与经营者达成的仲裁协议提请仲裁机构仲裁、向人民法院提起诉讼等途径解决与被投诉人之间的争议。
        你如不服本决定，可以在收到本决定书之日起六十日内向{{appeal.government}}申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。
        """#
    )

    // MARK: - Step 6 (调解)

    /// 《投诉调解通知书》(CP-18): time, place and mediator, to each party before on-site mediation.
    /// CP-08: it names the complainant and the request only.
    public static let mediationNotice = DocumentTemplate(
        code: "CP-MEDIATION-NOTICE", nameZH: "投诉调解通知书", docClass: "mediation",
        fields: fields([
            "party.name", "party.address", "complainant.name", "respondent.name", "complaint.request", "decision.date", "mediation.time",
            "mediation.place", "mediation.mediator", "mediation.materials", "contact.name", "contact.phone",
        ]),
        needsService: true, typeWord: "投调通",
        body: #"""
        < {{party.name}}：
        {{complainant.name}}投诉{{respondent.name}}一案，投诉请求为：{{complaint.request}}本局已于{{decision.date}}依法受理。经投诉人和被投诉人同意，根据《市场监督管理投诉举报处理暂行办法》第十六条、第十八条的规定，本局决定组织现场调解。现将有关事项通知如下：
        # 一、调解时间
        {{mediation.time}}
        # 二、调解地点
        {{mediation.place}}
        # 三、调解人员
        {{mediation.mediator}}
        # 四、需携带的材料
        {{mediation.materials}}
        # 五、有关事项
        （一）调解遵循自愿、合法的原则。请按时参加调解；委托他人参加的，受托人应当提交载明委托事项和权限的授权委托书及本人身份证明。
        （二）调解人员是投诉人或者被投诉人的近亲属或者有其他利害关系，可能影响公正调解的，可以在调解开始前向本局申请回避。
        （三）因正当理由不能按时参加的，请在调解日前告知本局，另行确定调解时间；无正当理由不参加调解的，本局将依照《市场监督管理投诉举报处理暂行办法》第二十一条的规定终止调解。
        承办人：{{contact.name}}　　联系电话：{{contact.phone}}
        """#
    )

    /// 《委托调解函》(CP-17, 办法 17): the bureau delegates the mediation to a 消协分会 or lawful
    /// mediation body — time, place, the delegated mediator and the scope; the delegate mediates in
    /// the bureau's name, may not delegate again, and reports back before the mediation limit (45
    /// working days from 受理, plus pauses), which the delegation does not restart. Addressed and
    /// served to the delegate (`party.name`). CP-08: the complainant by name only.
    public static let delegation = DocumentTemplate(
        code: "CP-DELEGATION", nameZH: "委托调解函", docClass: "mediation",
        fields: fields([
            "party.name", "party.address", "complainant.name", "respondent.name", "complaint.request", "decision.date", "delegate.mediator",
            "mediation.time", "mediation.place", "delegation.scope", "mediation.deadline", "contact.name", "contact.phone",
        ], optional: ["party.address"]),
        needsService: true, typeWord: "投委调",
        body: #"""
        < {{party.name}}：
        {{complainant.name}}投诉{{respondent.name}}一案，投诉请求为：{{complaint.request}}本局已于{{decision.date}}依法受理，投诉人和被投诉人均同意调解。根据《市场监督管理投诉举报处理暂行办法》第十七条的规定，本局委托你单位以本局名义组织调解。现将有关事项函告如下：
        # 一、受托调解员
        {{delegate.mediator}}
        # 二、调解时间和地点
        {{mediation.time}}，{{mediation.place}}
        # 三、委托事项和权限
        {{delegation.scope}}
        # 四、有关要求
        （一）请以本局名义组织调解，调解遵循自愿、合法的原则；现场调解的，应当事先将调解时间、地点和调解人员告知双方当事人。
        （二）你单位不得将本案再行委托其他组织或者个人调解。
        （三）调解期限自受理之日起计算，不因本委托重新计算。请于{{mediation.deadline}}前将调解结果及调解书、调解记录等材料书面反馈本局；调解中发现违法行为线索的，请及时移交本局。
        承办人：{{contact.name}}　　联系电话：{{contact.phone}}
        """#
    )

    // MARK: - Step 7 (结果)

    /// 《投诉终止调解决定书》(CP-21, CP-22): the ground of 办法第二十一条 (2)–(7) and the date, a copy
    /// served on each party within 7 working days of the decision (DOC-30). CP-08: names only.
    public static let termination = DocumentTemplate(
        code: "CP-TERMINATION", nameZH: "投诉终止调解决定书", docClass: "result",
        fields: fields([
            "party.name", "party.address", "complainant.name", "respondent.name", "complaint.request", "decision.date", "termination.facts",
            "termination.ground", "termination.date",
        ], optional: ["termination.facts"]),
        hasStub: true, needsService: true, typeWord: "投终调",
        stubSummary: "{{complainant.name}}投诉{{respondent.name}}一案终止调解：{{termination.ground}}",
        body: #"""
        < {{party.name}}：
        {{complainant.name}}投诉{{respondent.name}}一案，投诉请求为：{{complaint.request}}本局于{{decision.date}}依法受理后组织调解。{{termination.facts}}
        经审查，本案存在《市场监督管理投诉举报处理暂行办法》第二十一条{{termination.ground}}的情形。根据该条规定，本局于{{termination.date}}决定终止调解。
        投诉人可以通过与经营者协商和解、请求消费者协会或者依法成立的其他调解组织调解、根据与经营者达成的仲裁协议提请仲裁机构仲裁、向人民法院提起诉讼等途径依法解决争议。
        特此告知。
        """#
    )

    /// 《投诉调解书》(CP-23): the parties, the terms, both parties' signatures or seals and the bureau's
    /// seal; 一式三份, one kept in the file. Signed on the spot, so it has no 送达回证. CP-08: the
    /// complainant appears by name only.
    public static let agreement = DocumentTemplate(
        code: "CP-AGREEMENT", nameZH: "投诉调解书", docClass: "result",
        fields: fields([
            "complainant.name", "respondent.name", "respondent.representative", "respondent.address", "mediation.mediator",
            "complaint.receivedDate", "complaint.facts", "complaint.request", "agreement.terms", "agreement.performance",
        ], optional: ["respondent.representative"]),
        typeWord: "投调",
        body: #"""
        < 投 诉 人：{{complainant.name}}
        < 被投诉人：{{respondent.name}}
        < 法定代表人（负责人）：{{respondent.representative}}
        < 住所（经营场所）：{{respondent.address}}
        < 调解人员：{{mediation.mediator}}
        # 一、投诉请求及争议事实
        投诉人于{{complaint.receivedDate}}向本局投诉称：{{complaint.facts}}
        投诉请求：{{complaint.request}}
        # 二、调解协议
        经本局依照《市场监督管理投诉举报处理暂行办法》组织调解，双方当事人在自愿、合法的基础上达成如下协议：
        {{agreement.terms}}
        # 三、履行方式和期限
        {{agreement.performance}}
        # 四、其他事项
        本调解书经投诉人、被投诉人签名或者盖章，并加盖本局印章后生效，具有民事合同性质，双方当事人应当自觉履行。本调解书一式三份，投诉人、被投诉人各执一份，本局存档一份。

        < 投诉人（签名）：　　　　　　　　　　　　　年　　月　　日

        < 被投诉人（签名或者盖章）：　　　　　　　　年　　月　　日

        < 调解人员（签名）：　　　　　　　　　　　　年　　月　　日
        """#
    )
}
