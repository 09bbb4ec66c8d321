/// Chinese names of the shipped rule sets' step keys (CAL-22), for pages and notices; an unknown key
/// shows as itself.
public enum StepNames {
    public static let zh: [String: String] = [
        "acceptance": "受理", "acceptanceNotice": "受理告知", "approval": "审批（一般）", "approvalMajor": "审批（重大）",
        "archiveElectronic": "电子归档", "archivePaper": "纸质立卷", "clueVerification": "线索核查", "decision": "作出决定",
        "dispatchApproval": "分流审批", "feedback": "反馈", "filing": "立案", "firstHandler": "首办", "handling": "办理",
        "inspection": "验收", "interview": "约谈", "interviewUrgent": "紧急约谈", "jurisdictionDispute": "管辖争议",
        "legalReview": "法制审核（一般）", "legalReviewMajor": "法制审核（重大）", "majorReport": "重大事项报告", "mediaResponse": "舆情回应",
        "mediation": "调解", "notice": "通知送达", "obligationCheck": "履行情况检查", "reReview": "复核", "reReviewRequest": "复核申请",
        "recordSubmission": "笔录提交", "rectification": "整改", "rectificationReport": "整改报告", "reportVerification": "举报核查",
        "reporterNotice": "告知举报人", "resultToCentre": "结果反馈中心", "returnNotCompetent": "退回（非本单位职责）",
        "returnToCentre": "回流中心", "review": "复查", "reviewRequest": "复查申请", "revisit": "回访", "secondRevisit": "再次回访",
        "startTimeliness": "启动时效", "terminationNotice": "终止告知", "transferNotice": "移送告知", "transferObjection": "移送异议",
        "triage": "分流", "verification": "核查",
    ]

    public static func name(_ key: String) -> String { zh[key] ?? key }
}
