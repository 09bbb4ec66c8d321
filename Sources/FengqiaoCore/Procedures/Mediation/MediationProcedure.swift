import Foundation

/// 行政调解 — mediation.md (MD-01…MD-51): registration at the window, triage by the centre, dispatch
/// on the 领导小组办公室主任's approval or 会办 on the leading group's decision, consents and
/// acceptance, sessions by eligible mediators, suspensions and one extension, agreement (reviewed by
/// 法制科 where administrative), settlement, withdrawal, 回流 and termination with its remedies, then
/// the result to the centre, performance checks, revisits by the accepting unit and the volume. Each
/// transition is one type in `Transitions/`; clocks use the `mediation` rule set.
public enum MediationProcedure: Procedure {
    public typealias Facts = MediationFacts

    public static let caseType = "mediation"
    public static let nameZH = "行政调解"
    public static let ruleSetKey = "mediation"

    public static let states: [(key: String, nameZH: String)] = [
        ("registered", "已登记待分流"), ("proposed", "分流待审批"), ("accepting", "待受理（征求同意）"), ("mediating", "调解中"), ("suspended", "中止计时"),
        ("returned", "已回流中心"), ("terminating", "终止告知待送达"), ("concluded", "已结案"), ("notAccepted", "不予受理"),
    ]
    public static let terminalStates: Set<String> = ["concluded", "notAccepted"]

    public typealias Opening = Register

    public static let steps: [any Transition<MediationFacts>.Type] = [
        MediateAtCentre.self, DeclineRequest.self, ProposeDispatch.self, ApproveDispatch.self, RequestRedispatch.self, DecideJoint.self, RecordJointMeeting.self,
        AssignMediators.self, RecordConsent.self, HoldSession.self, SuspendMediation.self, ResumeMediation.self, ExtendMediation.self, FlagMajor.self,
        SubmitMajorReport.self, ReviewAgreement.self, ConcludeAgreement.self, ConcludeWithoutAgreement.self, ReturnToCentre.self, DecideTermination.self,
        ServeTermination.self, ReportResult.self, CheckPerformance.self, RecordFeedback.self, LimitExpired.self, AttachSupervision.self, AnswerSupervision.self,
        ReportProgress.self, MediatorLapsed.self, MonthUnresolved.self, RecordMonthlyReview.self,
        RecordMajorPlan.self, EvaluateMajor.self, ForwardClue.self, FlagReboundRisk.self,
    ]

    public static func category(_ facts: MediationFacts) -> String? { nil }
    public static func countsAsPrior(_ facts: MediationFacts) -> Bool { false }
    /// The mediators, whose conflicts with a party the engine reads (MD-08, PLT-06).
    public static func people(_ facts: MediationFacts) -> [UUID] { facts.mediatorIDs }
    /// The mediators' worklists hold the case while it is mediated.
    public static func waitingOn(_ facts: MediationFacts, state: String) -> [UUID] {
        ["accepting", "mediating", "suspended"].contains(state) ? facts.mediatorIDs : []
    }
    public static func partyName(_ facts: MediationFacts) -> String { facts.respondentName }

    public static func documentValues(_ f: MediationFacts, context: DocumentPrefillContext) -> [String: String] {
        MediationDocuments.values(f, template: "", context)
    }
    public static func documentValues(_ f: MediationFacts, template: String, context: DocumentPrefillContext) -> [String: String] {
        MediationDocuments.values(f, template: template, context)
    }
    public static func requiredDocuments(_ f: MediationFacts, state: String) -> [String] { MediationDocuments.required(f, state: state) }
    public static func fileDocuments(_ f: MediationFacts, state: String) -> [RequiredDocument] { MediationDocuments.file(f, state: state) }

    public static func factsZH(_ f: MediationFacts, names: [UUID: String]) -> [(label: String, value: String)] {
        var rows: [(label: String, value: String)] = [
            ("登记日期", f.registeredOn.chinese), ("信息来源", f.source.nameZH), ("提供人", "\(f.provider.name)（\(f.provider.relation)）"),
            ("申请人（甲方）", f.applicantName), ("被申请人（乙方）", f.respondentName),
            ("涉及客体", "\(f.object.kind.nameZH)：\(f.object.description)" + (f.object.amountFen.map { "，金额\(Fen.text($0))" } ?? "")
                + (f.object.location.map { "，\($0)" } ?? "")),
            ("问题性质", f.nature.nameZH), ("纠纷范围", f.scope.nameZH + (f.disputedUnitCode.map { "（被争议单位\($0)）" } ?? "")),
            ("程序", f.simple ? "简易程序" : "一般程序"), ("调解请求", f.claim),
        ]
        rows += f.recurrence?.rowsZH(recurrenceRule) ?? []
        rows += (f.monthlyReviews ?? []).map { r in
            ("月末未化解（\(r.month)）", r.recordedOn.map { "原因：\(r.cause ?? "")；指导性意见：\(r.guidance ?? "")（\($0.chinese)记录）" } ?? "待记录原因及指导性意见（MD-18）")
        }
        if let r = f.reboundRisk { rows.append(("疑难复杂或反弹风险（MD-34）", "\(r.on.chinese)标记：\(r.reason)；结案后90日内第二次回访")) }
        for k in f.clues ?? [] {
            rows.append(("违法线索（MD-23）", "\(k.on.chinese)移送执法办案登记：\(k.side == .applicant ? f.applicantName : f.respondentName)，\(k.clue)"))
        }
        if let l = f.lapse { rows.append(("调解员任期届满（MD-05）", "\(l.on.chinese)：\(l.names.joined(separator: "、"))任期已届满，待另行指派")) }
        if let p = f.progress, let last = p.last {
            rows.append(("每周进展（MD-16）", "已报送\(p.count)次，最近\(last.on.chinese)：\(last.text)"))
        }
        for s in f.supervisions ?? [] {
            rows.append(("督察意见（MD-14）", "\(s.on.chinese)：\(s.opinion)" + (s.answeredOn.map { "；\($0.chinese)答复：\(s.answer ?? "")" } ?? "；待答复")))
        }
        if let m = f.major { rows.append(("重大矛盾纠纷", "\(m.on.chinese)标记：\(m.reason)" + (m.reportedOn.map { "；专题报告\($0.chinese)报送" } ?? "；专题报告待报送"))) }
        if let m = f.major {
            rows.append(("工作预案（MD-33）", m.plan.map { "\($0)（\(m.planOn?.chinese ?? "")）" } ?? "尚未制定，不能组织下一次调解"))
            if let e = m.evaluation { rows.append(("效能评估（MD-33）", "\(e)（\(m.evaluatedOn?.chinese ?? "")）")) }
        }
        if let r = f.rejection { rows.append(("不予受理", "\(r.on.chinese)：\(r.reason)；告知渠道：\(r.channel)")) }
        if let d = f.dispatch {
            rows.append(("分流", "\(d.proposedOn.chinese)建议分流至\(d.unitCode)（\(d.basis)）"
                + (d.approvedOn.map { "；\($0.chinese)经\(names[d.approvedBy ?? UUID()] ?? "办公室主任")批准" } ?? "；待审批")))
        }
        for r in f.redispatches { rows.append(("申请重新分流", "\(r.on.chinese)：\(r.reason)")) }
        if let j = f.joint {
            rows.append(("会办", "\(j.decidedOn.chinese)领导小组决定（\(j.decisionRef)），\(j.lead)牵头，\(j.units.joined(separator: "、"))参加"
                + (j.meetingOn.map { "；\($0.chinese)召开联席会议" } ?? "；联席会议未召开")))
        }
        if !f.mediatorNames.isEmpty { rows.append(("调解员", f.mediatorNames.joined(separator: "、"))) }
        for c in f.consents { rows.append(("同意调解", "\(c.side.nameZH)\(c.on.chinese)（\(c.form.nameZH)）")) }
        if let a = f.acceptedOn { rows.append(("受理日期", a.chinese)) }
        for s in f.sessions {
            rows.append(("调解笔录", "\(s.on.chinese)，\(s.place)，参加：\(s.attendees.joined(separator: "、"))" + (s.unsigned.map { "；\($0)" } ?? "")))
        }
        for p in f.pauses { rows.append(("中止计时（\(p.reason.nameZH)）", "\(p.from.chinese)至\(p.to?.chinese ?? "今")")) }
        if let e = f.extended { rows.append(("延长期限", "\(e.on.chinese)批准延长\(e.workdays)个工作日：\(e.ground)")) }
        for r in f.returns { rows.append(("回流", "\(r.on.chinese)由\(r.unitCode)回流：\(r.reason)；已开展：\(r.attempts)")) }
        if let on = f.legalReviewOn { rows.append(("法制审核", "\(on.chinese)法制科审核通过")) }
        if let t = f.agreementTerms, f.ending?.outcome == .agreement { rows.append(("协议内容", t)) }
        for o in f.obligations {
            rows.append(("履行义务", "\(o.obligor)：\(o.content)，期限\(o.dueOn.chinese)，\(o.status.nameZH)" + (o.checkedOn.map { "（\($0.chinese)核查）" } ?? "")))
        }
        if let e = f.ending { rows.append(("结案", "\(e.on.chinese)\(e.outcome.nameZH)；调查情况：\(e.investigation)；处理结果：\(e.result)")) }
        if let t = f.termination {
            rows.append(("终止调解", "\(t.decidedOn.chinese)决定：\(t.reason)；告知救济：\(t.remedies.map(\.nameZH).joined(separator: "、"))"
                + (t.servedOn.map { "；\($0.chinese)送达" } ?? "")))
        }
        if let on = f.resultReportedOn { rows.append(("结果报送中心", on.chinese)) }
        for b in f.feedbacks {
            rows.append(("整改反馈（MD-36）", "\(b.discussedOn.chinese)集体讨论，责任人\(b.responsible)：\(b.rectification)；\(b.toldOn.chinese)向当事人反馈"))
        }
        return rows
    }
}
