/// Chinese names of rule-set step keys (CAL-22), for pages and notices; an unknown key shows as
/// itself. A registered procedure names its own steps (`ProcedureModule.stepNames`) and the app's
/// registry merges them over these (`ProcedureRegistry.stepName`); there is no shipped-only lookup,
/// so a procedure registered at start-up is named everywhere (issue 12). This list keeps
/// the steps of the platform rule sets whose procedures are still to come, and the archiving steps
/// every procedure shares (DOC-41).
public enum StepNames {
    static let platform: [String: String] = [
        "acceptance": "受理", "acceptanceNotice": "受理告知", "archiveElectronic": "电子归档", "archivePaper": "纸质立卷",
        "clueVerification": "线索核查", "decision": "作出决定", "dispatchApproval": "分流审批", "feedback": "反馈", "filing": "立案",
        "firstHandler": "首办", "handling": "办理", "jurisdictionDispute": "管辖争议", "majorReport": "重大事项报告", "mediation": "调解",
        "obligationCheck": "履行情况检查", "reReview": "复核", "reReviewRequest": "复核申请", "reportVerification": "举报核查",
        "reporterNotice": "告知举报人", "resultToCentre": "结果反馈中心", "returnNotCompetent": "退回（非本单位职责）",
        "returnToCentre": "回流中心", "review": "复查", "reviewRequest": "复查申请", "revisit": "回访", "secondRevisit": "再次回访",
        "terminationNotice": "终止告知", "transferNotice": "移送告知", "transferObjection": "移送异议", "triage": "分流",
    ]
}
