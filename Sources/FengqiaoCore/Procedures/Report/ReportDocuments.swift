import Foundation

/// The report templates filled from the facts as far as they are known (DOC-02: the officer completes
/// and corrects the rest) and the templates' sample values.
public enum ReportDocuments {
    /// Template codes in procedure order.
    public static var codes: [String] { ReportTemplates.all.map(\.code) }

    /// The one template addressed to the reporter (CP-28); the others are internal forms.
    public static let toReporter: Set<String> = ["RP-NOTICE"]

    /// "建议立案调查。" / "建议不予立案，理由为：…。" — the proposal as the forms state it.
    static func opinion(_ decision: ReportDecision, _ ground: NotFilingGround?) -> String {
        switch decision {
        case .file: "建议立案调查。"
        case .notFile: "建议不予立案" + (ground.map { "，理由为：\($0.nameZH)。" } ?? "。")
        default: "建议\(decision.nameZH)。"
        }
    }

    /// CP-29 (办法第三十二条): where a cited law requires the handling result to be told, the notice
    /// says so — for 立案 the result follows when the case is handled; for 不予立案 the notice itself
    /// is that result.
    static func resultBasisSentence(_ basis: String, decision: ReportDecision) -> String {
        let b = basis.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !b.isEmpty else { return "" }
        return decision == .file ? "依照\(b)的规定，本局将在案件处理完毕后将处理结果另行告知你。"
            : "依照\(b)的规定，本告知书同时作为举报处理结果的告知。"
    }

    /// Placeholder → value for `template`, for every placeholder the facts can answer. CP-08, X-09:
    /// the reporter is put in only on the notice addressed to them, and only from facts the viewer
    /// may see — `ReportProcedure.visible` has removed the reporter's id from facts shown to anybody
    /// else, and then the addressee is left empty, never the reported party. Nothing of the reporter
    /// but the name is used: the facts hold no phone or ID number, and the address is only the
    /// addressee's own (`ReportProcedure.addressee`).
    public static func values(_ f: ReportFacts, template: String, _ c: DocumentPrefillContext) -> [String: String] {
        var v: [String: String] = [
            "case.number": c.caseNumber, "reported.name": f.reportedName, "report.receivedDate": f.receivedOn.chinese,
            "report.origin": f.origin.nameZH, "report.actPlace": f.actPlace, "report.clue": ComplaintDocuments.sentence(f.clue),
        ]
        if toReporter.contains(template) {
            // The reporter, when the viewer may see them; otherwise nobody (never the reported party).
            v["party.name"] = f.reporterID != nil ? (f.reporterName ?? "") : ""
            if f.reporterID != nil, let a = c.partyAddress { v["party.address"] = a }
        } else {
            v["party.name"] = f.reportedName
        }
        if let d = f.dispatchLog.last {
            v["dispatch.date"] = d.on.chinese
            v["dispatch.reportBackDate"] = d.reportBackOn.chinese
        }
        if let p = f.proposal {
            v["verify.findings"] = ComplaintDocuments.sentence(p.findings)
            v["verify.officers"] = p.officers.map { c.names[$0] ?? "" }.filter { !$0.isEmpty }.joined(separator: "、")
            v["proposal.opinion"] = opinion(p.decision, p.ground)
            v["proposal.date"] = p.on.chinese
            if let first = p.officers.compactMap({ c.names[$0] }).first { v["contact.name"] = first }
            if let basis = p.resultNoticeBasis {
                v["notice.resultBasis"] = resultBasisSentence(basis, decision: f.decision?.decision ?? p.decision)
            }
        }
        if let d = f.decision {
            v["approval.opinion"] = "同意" + d.decision.nameZH + "。"
            if let name = c.names[d.approvedBy] { v["approval.approver"] = name }
            v["approval.date"] = d.on.chinese
            v["decision.date"] = d.on.chinese
            v["decision.text"] = d.decision == .notFile ? "不予立案，理由为：" + (d.ground?.nameZH ?? NotFilingGround.other.nameZH)
                : d.decision == .file ? "予以立案调查" : d.decision.nameZH
        }
        return v
    }

    // MARK: - Sample data

    /// Realistic values for a template's fields — one named report on a market stall handled by
    /// 中村市场监督管理所 — for previews, demos and tests. Only the template's own fields are returned;
    /// an unknown code gives an empty dictionary.
    public static func sampleValues(for code: String) -> [String: String] {
        guard let template = ReportTemplates.template(code: code) else { return [:] }
        var values: [String: String] = [:]
        for field in template.fields {
            if let value = sample[field.name] { values[field.name] = value }
        }
        return values
    }

    static let sample: [String: String] = [
        "party.name": "陈建华",
        "party.address": "福州市鼓楼区湖东路56号2单元301室",
        "case.number": "ZC-JB-2025-0007",
        "reported.name": "福州市鼓楼区鲜丰农贸市场有限公司",
        "report.receivedDate": "2025年9月30日",
        "report.origin": "直接举报",
        "report.actPlace": "福州市鼓楼区中村路88号鲜丰农贸市场12号摊位",
        "report.clue": "该摊位使用未经检定的电子秤，每斤短少约一两。",
        "verify.findings": "2025年10月14日，执法人员对该摊位现场检查，发现其使用的电子计价秤未贴检定合格标志，当事人未能提供有效检定证书；经使用标准砝码现场比对，称量500克商品显示为550克。当事人对上述事实无异议。",
        "verify.officers": "林晓峰（执法证号：35010023001）、王敏（执法证号：35010023017）",
        "proposal.opinion": "建议立案调查。",
        "proposal.date": "2025年10月17日",
        "approval.opinion": "同意立案。",
        "approval.approver": "张国强",
        "approval.date": "2025年10月20日",
        "decision.date": "2025年10月20日",
        "decision.text": "予以立案调查",
        "contact.name": "林晓峰",
        "contact.phone": "0591-83210000",
        "dispatch.receiver": "福州市鼓楼区市场监督管理局温泉市场监督管理所",
        "dispatch.date": "2025年9月30日",
        "dispatch.reportBackDate": "2025年10月20日",
    ]
}
