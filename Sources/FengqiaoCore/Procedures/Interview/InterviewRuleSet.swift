import Foundation

// The interview's time limits (CAL-22), declared with the procedure and gathered by the registry.
extension ShippedRuleSets {
    /// 行政约谈 — seed 003 (中村所行政约谈工作方案) §6.2 时效性规定, §2.2.3, §2.3.2, §3.2, §5.2, §5.3;
    /// interview.md steps 2–12, IV-17, IV-25.
    ///
    /// The scheme took effect 2024-01-01 "有效期三年" (§6.4); `effectiveTo` is left open so interviews
    /// after 2026 keep their limits until the legal department records the evaluation's outcome as a
    /// new version.
    public static let interview = RuleSet(
        key: "interview", version: 1, nameZH: "行政约谈时限",
        citation: "中村所行政约谈工作方案 §6.2 时效性规定（2024年1月1日起施行）",
        status: .active, effectiveFrom: date("2024-01-01"),
        rules: [
            "verification": TimeLimitRule(3, .workday, from: "clue.recorded", citation: "方案 §6.2、§3.1：3个工作日内完成初步核查"),
            // Ordinary review: 2 working days; a 重大疑难 case "可延长至5个工作日" — an extension of up to 3,
            // approved by the approving leader (interview.md scenario 8: 2 → 5 by the deputy leader).
            "legalReview": TimeLimitRule(
                2, .workday, from: "verification.submitted", maxExtension: 3, maxExtensionGrants: 1,
                extensionPermission: "interview.approve.ordinary", citation: "方案 §6.2：法制科合法性审查时限为2个工作日，重大疑难案件可延长至5个工作日"),
            "legalReviewMajor": TimeLimitRule(5, .workday, from: "verification.submitted", citation: "方案 §6.2；interview.md 步骤3（重大案件5个工作日）"),
            "approval": TimeLimitRule(1, .workday, from: "legalReview.passed", citation: "方案 §6.2：一般案件1个工作日"),
            "approvalMajor": TimeLimitRule(3, .workday, from: "legalReview.passed", citation: "方案 §6.2：重大案件3个工作日"),
            "notice": TimeLimitRule(2, .workday, from: "approval.approved", citation: "方案 §6.2、§2.3.2：审批通过后2个工作日内送达"),
            "interview": TimeLimitRule(5, .workday, from: "notice.served", citation: "方案 §6.2：送达后5个工作日内完成约谈"),
            "interviewUrgent": TimeLimitRule(24, .hour, from: "notice.served", roll: .none, citation: "方案 §6.2：紧急案件可缩短至24小时内（CAL-13）"),
            "recordSubmission": TimeLimitRule(5, .workday, from: "interview.held", citation: "方案 §2.2.3(4)：约谈后5个工作日内提交《行政约谈记录》"),
            // IV-17: the agreed rectification period is at most 30 days from the interview (the
            // procedure refuses a longer one); the party's actual deadline is the agreed date.
            "rectification": TimeLimitRule(30, .day, from: "interview.held", citation: "方案 §2.3.2、§3.2：整改时限一般不超过30日"),
            // CAL-14: the report is due the 3rd working day before the rectification deadline.
            "rectificationReport": TimeLimitRule(
                3, .workday, from: "rectification.deadline", countsBack: true, citation: "方案 §6.2、§3.4：整改期限届满前3个工作日内提交《整改报告》"),
            "inspection": TimeLimitRule(5, .workday, from: "rectificationReport.received", citation: "方案 §6.2、§3.4：收到整改材料后5个工作日内组织验收"),
            "archiveElectronic": TimeLimitRule(10, .workday, from: "case.closed", citation: "方案 §6.2：结案后10个工作日内完成电子归档"),
            "archivePaper": TimeLimitRule(30, .workday, from: "case.closed", citation: "方案 §6.2：纸质档案30个工作日内装订成册"),
            // §5.3 timeliness indicator (clue → interview start), also shown as a clock.
            "startTimeliness": TimeLimitRule(15, .workday, from: "clue.recorded", citation: "方案 §5.3：线索发现至启动不超过15个工作日"),
            "mediaResponse": TimeLimitRule(48, .hour, from: "media.reported", roll: .none, citation: "方案 §5.2：媒体反映问题48小时响应（IV-25）"),
        ])
}
