import Foundation

/// 投诉件 — the complaint track of complaints.md (CP-01…CP-23, CP-37): registration, dispatch and
/// return between units, the acceptance decision within 7 working days of the competent receipt,
/// consents, mediation within 45 working days with its pauses, the outcome or termination. Each
/// transition is one type in `Transitions/`; clocks use the `complaint` rule set (SAMR-20, SAMR-121),
/// bound by the receipt date (CP-02).
public enum ComplaintProcedure: Procedure {
    public typealias Facts = ComplaintFacts

    public static let caseType = "complaint"
    public static let nameZH = "投诉"
    public static let ruleSetKey = "complaint"

    /// complaints.md, Complaint.status (已登记 → 已分送 → 待受理决定 → {不予受理, 调解中 ⇄ 暂停} → 办结), with the
    /// head's approval of the decision and the termination notice as states of their own.
    public static let states: [(key: String, nameZH: String)] = [
        ("registered", "已登记"), ("dispatched", "已分送"), ("disputed", "管辖争议"), ("awaitingDecision", "待受理决定"), ("awaitingApproval", "受理决定待审批"),
        ("rejected", "不予受理"), ("mediating", "调解中"), ("paused", "暂停调解"), ("terminating", "终止调解待送达"), ("concluded", "办结"),
    ]
    public static let terminalStates: Set<String> = ["rejected", "concluded"]

    public typealias Opening = Register

    public static let steps: [any Transition<ComplaintFacts>.Type] = [
        SplitReport.self, Dispatch.self, ReturnItem.self, RaiseDispute.self, AgreeJurisdiction.self, ReferDispute.self, DecideJurisdiction.self, Receive.self, ProposeDecision.self,
        ApproveDecision.self, RecordConsents.self, DelegateMediation.self, WithdrawDelegation.self, HoldMediation.self, PauseMediation.self, ResumeMediation.self, RecordOutcome.self, ProposeTermination.self, DecideTermination.self, ServeTermination.self, Reopen.self,
        // CP-44: naming the handler, the step a bulk assignment runs item by item (ComplaintBulk.swift).
        AssignHandler.self,
    ]

    public static func category(_ facts: ComplaintFacts) -> String? { nil }
    /// CP-17: the delegated mediator, whose conflicts with a party the engine reads (PLT-06).
    public static func people(_ facts: ComplaintFacts) -> [UUID] { facts.delegation.map { [$0.mediatorID] } ?? [] }
    /// CP-17: a delegated mediation waits on the delegated mediator while it runs — their worklist,
    /// and their `own` scope (PLT-05) for good.
    public static func waitingOn(_ facts: ComplaintFacts, state: String) -> [UUID] {
        guard let d = facts.delegation, ["mediating", "paused"].contains(state) else { return [] }
        return [d.mediatorID]
    }
    public static func countsAsPrior(_ facts: ComplaintFacts) -> Bool { false }
    /// The respondent: the party the complaint's documents address.
    public static func partyName(_ facts: ComplaintFacts) -> String { facts.respondentName }

    /// CP-43: a platform, hotline or 12345 item is registered once per channel and number.
    public static func uniqueKeys(_ f: ComplaintFacts) -> [CaseKey] {
        guard let no = f.externalNo else { return [] }
        return [CaseKey("\(f.channel.rawValue):\(no)", refusal: FieldError(field: Register.externalNo.name, rule: "CP-43", code: "complaint.external-no.duplicate",
                                                                           messageZH: "\(f.channel.nameZH)编号\(no)已登记，不得重复登记"))]
    }

    /// CP-43: an item of the 12315 platform is told every status change of its complaint (by its
    /// platform number; the complainant is never named in it). Other channels are not pushed to.
    public static func externalReference(_ f: ComplaintFacts) -> ExternalReference? {
        guard f.channel == .platform, let no = f.externalNo, !no.isEmpty else { return nil }
        return ExternalReference(channel: f.channel.rawValue, channelNameZH: f.channel.nameZH, number: no)
    }

    /// The respondent's documents' values (the default addressee); `documentValues(_:template:context:)` per template.
    public static func documentValues(_ f: ComplaintFacts, context: DocumentPrefillContext) -> [String: String] {
        ComplaintDocuments.values(f, template: "", context)
    }

    /// A template's form (DOC-02), addressed to the complainant or the respondent as the template is.
    public static func documentValues(_ f: ComplaintFacts, template: String, context: DocumentPrefillContext) -> [String: String] {
        ComplaintDocuments.values(f, template: template, context)
    }

    /// The decisions on acceptance and the request for materials go to the complainant; the rest to
    /// the respondent — so the prefill carries the addressee's own address, never the other party's (CP-08).
    public static func addressee(_ f: ComplaintFacts, template: String) -> UUID? {
        ComplaintDocuments.toComplainant.contains(template) ? f.complainantID : f.respondentID
    }

    /// DOC-40: what the file must hold when the complaint concludes (`ComplaintDocuments.required`).
    public static func requiredDocuments(_ f: ComplaintFacts, state: String) -> [String] { ComplaintDocuments.required(f, state: state) }
    public static func fileDocuments(_ f: ComplaintFacts, state: String) -> [RequiredDocument] { ComplaintDocuments.file(f, state: state) }

    public static func factsZH(_ f: ComplaintFacts, names: [UUID: String]) -> [(label: String, value: String)] {
        var rows: [(label: String, value: String)] = [
            ("投诉人", f.complainantName), ("被投诉人", f.respondentName), ("来源渠道", f.channel.nameZH + (f.externalNo.map { "（\($0)）" } ?? "")),
            ("收到日期", f.receivedOn.chinese), ("知道权益受损日期", f.knewOn.chinese), ("投诉请求", f.request), ("事实与理由", f.statement),
        ]
        let r = f.representation
        if r.isJoint { rows.append(("共同投诉人", r.otherComplainants.joined(separator: "、") + (r.representatives.isEmpty ? "" : "；代表人：" + r.representatives.joined(separator: "、")))) }
        if let a = r.agent { rows.append(("委托代理人", "\(a.name)（\(a.idNumberMasked)），已收授权委托书原件")) }
        for d in f.dispatches { rows.append(("分送", "\(d.on.chinese)分送至\(d.unitCode)，反馈日期\(d.reportBackOn.chinese)")) }
        for r in f.returns { rows.append(("退回", "\(r.on.chinese)：\(r.reason)")) }
        if let on = f.competentReceiptOn { rows.append(("有管辖权单位收到日期", on.chinese)) }
        if !f.suggestedGrounds.isEmpty {
            rows.append(("建议不予受理理由（CP-15）", f.suggestedGrounds.map(\.nameZH).joined(separator: "；")))
        }
        if let p = f.proposal, f.decision == nil { rows.append(("拟办意见", p.choice.nameZH + (p.ground.map { "：\($0.nameZH)" } ?? ""))) }
        if let d = f.decision { rows.append(("受理决定", "\(d.on.chinese)\(d.choice.nameZH)" + (d.ground.map { "：\($0.nameZH)" } ?? ""))) }
        if f.complainantConsentOn != nil || f.respondentConsentOn != nil {
            rows.append(("调解同意", "投诉人：\(f.complainantConsentOn?.chinese ?? "未同意")；被投诉人：\(f.respondentConsentOn?.chinese ?? "未同意")"))
        }
        for w in f.withdrawnDelegations ?? [] {
            rows.append(("撤回委托（CP-17）", "\(w.on.chinese)撤回对\(w.delegation.servicePointName)（\(w.delegation.mediatorName)）的委托：\(w.reason)"))
        }
        if let d = f.delegation {
            rows.append(("委托调解（CP-17）", "\(d.on.chinese)委托\(d.servicePointName)（\(d.kind.nameZH)）以本局名义调解；受托调解员\(d.mediatorName)；\(d.time)，\(d.place)"))
        }
        for s in f.sessions ?? [] { rows.append(("调解", "\(s.on.chinese)\(s.mode.nameZH)" + (s.note.map { "：\($0)" } ?? ""))) }
        rows += Disputing.rowsZH(f.disputes)
        for p in f.pauses { rows.append(("暂停（\(p.reason.nameZH)）", "\(p.from.chinese)至\(p.to?.chinese ?? "今")")) }
        if let on = f.reportSplitOn { rows.append(("拆分举报", "\(on.chinese)另立举报件")) }
        rows += f.signals?.rowsZH ?? []
        for on in f.cluesFound { rows.append(("调解中发现线索", "\(on.chinese)移交举报核查")) }
        if let on = f.terminationProposedOn { rows.append(("拟终止调解", "\(on.chinese)：\(TerminationGround.g5.nameZH)")) }
        if let e = f.ending {
            rows.append(("办理结果", "\(e.on.chinese)\(e.outcome.nameZH)" + (e.recoveredFen.map { "，挽回经济损失\(Fen.text($0))" } ?? "")))
        }
        if let t = f.termination {
            rows.append(("终止调解", "\(t.decidedOn.chinese)决定：\(t.ground.nameZH)" + (t.servedOn.map { "；\($0.chinese)送达" } ?? "")))
        }
        return rows
    }
}

/// A step of the complaint track.
protocol ComplaintStep: Transition where Facts == ComplaintFacts {}
