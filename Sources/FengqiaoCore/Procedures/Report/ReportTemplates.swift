import Foundation

/// The report track's documents (complaints.md "Documents", steps 9 and 10; DOC-03): the internal
/// 《举报核查报告》 and 《立案（不予立案）审批表》, and the 《举报处理结果告知书》 served on the reporter.
/// Numbers follow DOC-10 with the 文书代字 举核, 举审 and 举告 (e.g. `中村所举告〔2025〕3号`): every type
/// word starts with 举 so the report track's sequences never share one with the complaint track (投…),
/// the interview (约…) or the penalty hand-off (罚告).
///
/// CP-08, X-09: the reporter is named on the 告知书 only — it is addressed to the reporter (`party.*`
/// is the reporter) and never to the reported party. The internal forms carry no field of the
/// reporter's at all (no name, phone or ID number), so a form shown to a colleague who may not see
/// the reporter, or later handed to the reported party with the file, reveals nothing of them.
///
/// The text cites 《市场监督管理投诉举报处理暂行办法》 (SAMR-20) and 《市场监督管理行政处罚程序规定》.
/// When a successor is confirmed (CP-02, CP-03), the legal department saves new versions effective
/// from that day (DOC-01, X-08).
public enum ReportTemplates {
    /// All four, in procedure order.
    public static let all: [DocumentTemplate] = [dispatch, verification, approval, resultNotice]

    /// The template with this code, if shipped.
    public static func template(code: String) -> DocumentTemplate? {
        all.first { $0.code == code }
    }

    // MARK: - Fields

    /// Labels of every field the report templates use, so one name has one label everywhere.
    static let labels: [String: String] = [
        "party.name": "受送达人（举报人）",
        "party.address": "送达地址",
        "case.number": "举报件编号",
        "report.receivedDate": "收到举报日期",
        "report.origin": "举报来源",
        "report.actPlace": "违法行为发生地",
        "report.clue": "举报内容",
        "reported.name": "被举报人",
        "verify.findings": "核查情况",
        "verify.officers": "核查人员（执法人员）",
        "proposal.opinion": "拟处理意见",
        "proposal.date": "核查报告日期",
        "approval.opinion": "审批意见",
        "approval.approver": "审批人",
        "approval.date": "审批日期",
        "decision.date": "决定日期",
        "decision.text": "处理决定",
        "notice.resultBasis": "处理结果告知依据（办法第三十二条）",
        "contact.name": "承办人",
        "contact.phone": "联系电话",
        "dispatch.receiver": "接收单位",
        "dispatch.date": "分送日期",
        "dispatch.reportBackDate": "反馈日期",
    ]

    /// Field specs for names, all required except those in `optional`.
    private static func fields(_ names: [String], optional: Set<String> = []) -> [FieldSpec] {
        names.map { FieldSpec($0, labels[$0] ?? $0, required: !optional.contains($0)) }
    }

    // MARK: - Step 3 (分送)

    /// 《举报分送通知书》(CP-09, CP-12, CP-13): the report, the receiving unit and the report-back date;
    /// the receiver verifies within 15 working days of its receipt (CP-26) or returns it within one,
    /// never forwarding it. Internal; no reporter data (CP-08).
    public static let dispatch = DocumentTemplate(
        code: "RP-DISPATCH", nameZH: "举报分送通知书", docClass: "dispatch",
        fields: fields([
            "dispatch.receiver", "case.number", "report.receivedDate", "reported.name", "report.actPlace", "report.clue", "dispatch.date",
            "dispatch.reportBackDate",
        ]),
        typeWord: "举分",
        body: #"""
        < {{dispatch.receiver}}：
        现将下列举报件分送你单位办理：
        | 举报件编号 | {{case.number}} |
        | 收到日期 | {{report.receivedDate}} | 被举报人 | {{reported.name}} |
        | 违法行为发生地 | {{report.actPlace}} |
        | 举报内容 | {{report.clue}} |
        | 分送日期 | {{dispatch.date}} | 反馈日期 | {{dispatch.reportBackDate}} |
        请你单位依照《市场监督管理投诉举报处理暂行办法》和《市场监督管理行政处罚程序规定》的规定，自收到之日起十五个工作日内完成核查，并于{{dispatch.reportBackDate}}前将办理情况反馈本单位。
        经审查认为不属于你单位管辖的，请于收到之日起一个工作日内书面说明理由，将举报件退回本单位，不得自行转送。举报人信息依法保密，本通知书不载明举报人。
        附件：举报登记表
        """#
    )

    // MARK: - Step 9 (核查、立案审批)

    /// 《举报核查报告》(CP-26, CP-27): the report, the facts found and the proposed decision, signed by
    /// the two or more officers who verified it. Internal; no reporter data.
    public static let verification = DocumentTemplate(
        code: "RP-VERIFY", nameZH: "举报核查报告", docClass: "verification",
        fields: fields([
            "case.number", "reported.name", "report.receivedDate", "report.origin", "report.actPlace", "report.clue", "verify.findings",
            "proposal.opinion", "verify.officers", "proposal.date",
        ]),
        typeWord: "举核", sealed: false,
        body: #"""
        < 举报件编号：{{case.number}}
        < 被举报人：{{reported.name}}
        # 一、举报来源及内容
        本局于{{report.receivedDate}}收到举报（{{report.origin}}），反映{{reported.name}}在{{report.actPlace}}涉嫌存在违法行为。举报内容：{{report.clue}}
        # 二、核查情况
        {{verify.findings}}
        # 三、核查意见
        根据《市场监督管理行政处罚程序规定》第十九条、第二十条的规定，{{proposal.opinion}}
        妥否，请审批。

        > 核查人：{{verify.officers}}
        > {{proposal.date}}
        """#
    )

    /// 《立案（不予立案）审批表》(CP-27): the proposal of two or more named officers and the 局负责人's
    /// approval on one form; 不予立案 states its ground. Internal; no reporter data.
    public static let approval = DocumentTemplate(
        code: "RP-APPROVAL", nameZH: "立案（不予立案）审批表", docClass: "decision",
        fields: fields([
            "case.number", "reported.name", "report.receivedDate", "report.origin", "report.clue", "verify.findings", "proposal.opinion",
            "verify.officers", "proposal.date", "approval.opinion", "approval.approver", "approval.date",
        ], optional: ["approval.opinion", "approval.approver", "approval.date"]),
        typeWord: "举审", sealed: false,
        body: #"""
        | 举报件编号 | {{case.number}} |
        | 被举报人 | {{reported.name}} |
        | 收到日期 | {{report.receivedDate}} | 来　　源 | {{report.origin}} |
        | 举报内容 | {{report.clue}} |
        | 核查情况 | {{verify.findings}} |
        | 承办人意见 | {{proposal.opinion}}\n执法人员：{{verify.officers}}　　{{proposal.date}} |
        | 局负责人审批意见 | {{approval.opinion}}\n审批人：{{approval.approver}}　　{{approval.date}} |
        """#
    )

    // MARK: - Step 10 (告知举报人)

    /// 《举报处理结果告知书》(CP-28, CP-29): the decision on 立案/不予立案 and its date, from the bureau,
    /// to a named reporter within 5 working days, with a 送达回证 (DOC-30). Never to the reported party
    /// (CP-08). Where a cited law requires the handling result to be told as well (办法第三十二条), the
    /// basis is printed in `notice.resultBasis`; otherwise that line is empty.
    public static let resultNotice = DocumentTemplate(
        code: "RP-NOTICE", nameZH: "举报处理结果告知书", docClass: "result",
        fields: fields([
            "party.name", "party.address", "report.receivedDate", "reported.name", "decision.date", "decision.text", "notice.resultBasis",
            "contact.name", "contact.phone",
        ], optional: ["party.address", "notice.resultBasis", "contact.phone"]),
        needsService: true, typeWord: "举告",
        body: #"""
        < {{party.name}}：
        你于{{report.receivedDate}}向本局反映{{reported.name}}涉嫌违法的举报收悉。经核查，根据《市场监督管理投诉举报处理暂行办法》第三十一条的规定，现将处理情况告知如下：
        本局于{{decision.date}}决定{{decision.text}}。{{notice.resultBasis}}
        感谢你对市场监管工作的支持。本局将依法对举报人的信息予以保密。
        承办人：{{contact.name}}　　联系电话：{{contact.phone}}
        特此告知。
        """#
    )
}
