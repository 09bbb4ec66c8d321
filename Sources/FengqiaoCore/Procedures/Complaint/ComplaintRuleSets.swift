// The complaint and report time limits (complaints.md "RuleSet"): SAMR-20 in force to 2026-04-14 and
// the unverified SAMR-121 from 2026-04-15, shipped unconfirmed until the legal department activates
// it (CP-02, CP-03). The complaint track's module ships both.

extension ShippedRuleSets {
    private static func complaintRules(_ instrument: String) -> [String: TimeLimitRule] {
        [
            "acceptance": TimeLimitRule(7, .workday, from: "complaint.competentReceipt", citation: "\(instrument)第十四条：7个工作日内作出受理或不予受理决定"),
            // CP-19, CP-20: recusal and testing are recorded as suspensions.
            "mediation": TimeLimitRule(45, .workday, from: "complaint.accepted", citation: "\(instrument)第二十一条(五)：45个工作日内未达成调解协议的终止调解"),
            "terminationNotice": TimeLimitRule(7, .workday, from: "termination.decided", citation: "\(instrument)第二十一条"),
            "clueVerification": TimeLimitRule(
                15, .workday, from: "clue.discovered", maxExtension: 15, maxExtensionGrants: 1,
                extensionPermission: "complaint.verify.extend", citation: "\(instrument)第二十三条；CP-24"),
            "reportVerification": TimeLimitRule(
                15, .workday, from: "report.received", maxExtension: 15, maxExtensionGrants: 1,
                extensionPermission: "complaint.verify.extend", citation: "《市场监督管理行政处罚程序规定》第十八条 [R]；CP-26"),
            "reporterNotice": TimeLimitRule(5, .workday, from: "report.decided", citation: "\(instrument)第三十一条：5个工作日内告知举报人"),
            "jurisdictionDispute": TimeLimitRule(7, .workday, from: "dispute.raised", citation: "\(instrument)第三十条"),
            "returnNotCompetent": TimeLimitRule(1, .workday, from: "dispatch.received", citation: "CP-12（design）"),
        ]
    }

    /// 投诉举报 — 《市场监督管理投诉举报处理暂行办法》(总局令第20号, 2020-01-01, amended 2022).
    /// Ends 2026-04-14 on the (unverified) successor's start (CP-02).
    public static let complaintSAMR20 = RuleSet(
        key: "complaint", version: 1, label: "SAMR-20", nameZH: "投诉举报处理时限",
        citation: "《市场监督管理投诉举报处理暂行办法》（国家市场监督管理总局令第20号，2022年修正）",
        status: .active, effectiveFrom: date("2020-01-01"), effectiveTo: date("2026-04-14"),
        rules: complaintRules("暂行办法"))

    /// The successor 《市场监督管理投诉举报处理办法》(总局令第121号, reportedly from 2026-04-15 — a
    /// third-party claim, complaints.md). Shipped `unconfirmed` with the predecessor's values until the
    /// legal department confirms each value and activates it (CP-03): its dates carry 规则待核实.
    public static let complaintSAMR121 = RuleSet(
        key: "complaint", version: 2, label: "SAMR-121", nameZH: "投诉举报处理时限",
        citation: "《市场监督管理投诉举报处理办法》（国家市场监督管理总局令第121号，待核实）",
        status: .unconfirmed, effectiveFrom: date("2026-04-15"),
        rules: complaintRules("办法（待核实，暂沿用暂行办法数值）"))
}
