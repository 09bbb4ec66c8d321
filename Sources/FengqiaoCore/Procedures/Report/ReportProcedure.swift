import Foundation

/// 举报件 — the report track of complaints.md (CP-08, CP-24…CP-29): a report is verified within 15
/// working days (one +15 on the head's approval), the officers propose 立案 or 不予立案 with two named
/// officers, the 局负责人 approves, and a named reporter is told within 5 working days. 立案 opens the
/// enforcement case. The reporter's identity reaches only those the spec's role table names.
public enum ReportProcedure: Procedure {
    public typealias Facts = ReportFacts

    public static let caseType = "report"
    public static let nameZH = "举报"
    public static let ruleSetKey = "complaint"

    /// complaints.md, Report.status (已登记 → 已分送 → 核查中 ⇄ 暂停 → 已决定 → 已告知 → 办结), CP-42's dispute
    /// between receiving units, and CP-11's end when the office has no competence at all.
    public static let states: [(key: String, nameZH: String)] = [
        ("registered", "已登记"), ("dispatched", "已分送"), (Disputing.disputedState, "管辖争议"), ("verifying", "核查中"), ("paused", "核查暂停计时"), ("awaitingApproval", "待局负责人审批"), ("notifying", "待告知举报人"), ("concluded", "办结"),
        ("referred", "已告知向有权机关举报"),
    ]
    public static let terminalStates: Set<String> = ["concluded", "referred"]

    public typealias Opening = Register
    public static let steps: [any Transition<ReportFacts>.Type] = [
        Dispatch.self, ReturnItem.self,
        // CP-42: a receiving unit disputes instead of returning; agreed, or referred and decided by the common superior.
        RaiseDispute.self, AgreeJurisdiction.self, ReferDispute.self, DecideJurisdiction.self,
        Receive.self, Refer.self, PauseVerification.self, ResumeVerification.self, ExtendVerification.self, ProposeDecision.self, ApproveDecision.self, NotifyReporter.self,
        // CP-44: naming the handler, the step a bulk assignment runs item by item (ReportBulk.swift).
        AssignHandler.self,
    ]

    public static func category(_ facts: ReportFacts) -> String? { facts.category }
    public static func countsAsPrior(_ facts: ReportFacts) -> Bool { false }
    /// The reported party: the only party on the case.
    public static func partyName(_ facts: ReportFacts) -> String { facts.reportedName }
    /// The officers named on the proposal: the case is theirs to see whole (CP-08 "own cases").
    public static func people(_ f: ReportFacts) -> [UUID] { f.proposal?.officers ?? [] }

    /// CP-08 (the role table's "sees reporter identity"): whoever registered the report, its handler
    /// and officers, the unit head of its unit and the 局负责人 see the reporter; nobody else does —
    /// over the API and on the page alike.
    public static func visible(_ f: ReportFacts, handlerID: UUID?, unitID: UUID, to viewer: Actor) -> ReportFacts {
        let sees = viewer.userID == f.registeredBy || viewer.userID == handlerID || people(f).contains(viewer.userID)
            || viewer.can(.reportApprove) || (viewer.can(.complaintVerifyExtend) && viewer.unitID == unitID)
            // The role table: the 分送员 / centre head who dispatches it sees the reporter.
            || (viewer.can(.complaintDispatch) && !viewer.can(.complaintHandle))
        guard !sees else { return f }
        var hidden = f
        hidden.reporterID = nil
        // CP-36's 高频 note is about the reporter: theirs to see only.
        hidden.signals = nil
        hidden.reporterName = f.named ? "（实名举报，举报人信息保密）" : nil
        return hidden
    }

    /// The internal forms' values (`ReportDocuments.values`); `documentValues(_:template:context:)` per template.
    public static func documentValues(_ f: ReportFacts, context: DocumentPrefillContext) -> [String: String] {
        ReportDocuments.values(f, template: "", context)
    }

    /// A template's form (DOC-02): the 告知书 addressed to the reporter (CP-28), the rest internal.
    public static func documentValues(_ f: ReportFacts, template: String, context: DocumentPrefillContext) -> [String: String] {
        ReportDocuments.values(f, template: template, context)
    }

    /// CP-08: the 告知书 goes to the reporter — never to the reported party — so the prefill carries
    /// the reporter's own address; the internal forms name the reported party.
    public static func addressee(_ f: ReportFacts, template: String) -> UUID? {
        ReportDocuments.toReporter.contains(template) ? f.reporterID : f.reportedID
    }

    public static func factsZH(_ f: ReportFacts, names: [UUID: String]) -> [(label: String, value: String)] {
        var rows: [(label: String, value: String)] = [
            ("举报人", f.reporterName ?? "匿名"), ("被举报人", f.reportedName), ("违法行为发生地", f.actPlace), ("举报内容", f.clue),
            ("来源", f.origin.nameZH), ("收到日期", f.receivedOn.chinese),
        ]
        for d in f.dispatchLog { rows.append(("分送", "\(d.on.chinese)分送至\(d.unitCode)，反馈日期\(d.reportBackOn.chinese)")) }
        for r in f.returnLog { rows.append(("退回", "\(r.on.chinese)：\(r.reason)")) }
        rows += Disputing.rowsZH(f.disputes)
        if let on = f.handlingReceiptOn, !f.dispatchLog.isEmpty || on != f.receivedOn { rows.append(("有管辖权单位收到日期", on.chinese)) }
        rows += f.signals?.rowsZH ?? []
        if let r = f.referral {
            rows.append(("无管辖权（CP-11）", "\(r.on.chinese)：\(r.reason)；有权机关：\(r.authority)"
                + (r.toldOn.map { "；\($0.chinese)已告知举报人" } ?? "；匿名举报，未告知")))
        }
        if let e = f.verificationExtension { rows.append(("核查延期", e)) }
        for p in f.pauses ?? [] { rows.append(("暂停计时", "\(p.reason.nameZH)：\(p.from.chinese)至\(p.to?.chinese ?? "今")")) }
        if let p = f.proposal, f.decision == nil {
            rows.append(("核查意见", "拟\(p.decision.nameZH)" + (p.ground.map { "：\($0.nameZH)" } ?? "") + "（\(p.findings)）"))
            rows.append(("执法人员", p.officers.map { names[$0] ?? "—" }.joined(separator: "、")))
        }
        if let d = f.decision { rows.append(("处理决定", "\(d.on.chinese)\(d.decision.nameZH)" + (d.ground.map { "：\($0.nameZH)" } ?? ""))) }
        if let on = f.reporterToldOn { rows.append(("告知举报人", on.chinese)) }
        return rows
    }
}

/// A step of the report track.
protocol ReportStep: Transition where Facts == ReportFacts {}
