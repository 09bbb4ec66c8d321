import Foundation

// What the complaint track brings to the app (issue 14, on the registry of issue 12): its paths, the
// complaint rule sets, its permissions and the shipped roles' grants, step names and the timed
// termination proposal (CP-21).

extension Permission {
    /// 受理员: registers complaints (complaints.md roles).
    public static let complaintRegister: Permission = "complaint.register"
    /// 分送员 / the centre head: dispatches to the competent unit (CP-09…CP-13).
    public static let complaintDispatch: Permission = "complaint.dispatch"
    /// 承办单位负责人: approves 受理/不予受理 and termination (CP-14, CP-22).
    public static let complaintApprove: Permission = "complaint.approve"
    /// The centre head: publishes the quarterly public statistics (CP-39, step 13).
    public static let complaintPublish: Permission = "complaint.statistics.publish"
}

extension ComplaintProcedure {
    public static let module = ProcedureModule(
        pathWord: "complaints",
        moduleCode: "TS",
        ruleSets: [ShippedRuleSets.complaintSAMR20, ShippedRuleSets.complaintSAMR121],
        permissions: [
            .init(permission: .complaintRegister, nameZH: "登记投诉举报", group: "案件", duty: nil),
            .init(permission: .complaintDispatch, nameZH: "分送投诉举报", group: "案件", duty: nil),
            .init(permission: .complaintApprove, nameZH: "审批投诉受理、终止调解", group: "案件", duty: nil),
            .init(permission: .complaintPublish, nameZH: "发布投诉举报季度公开统计", group: "文书与档案", duty: nil),
        ],
        // An officer registers and handles (承办人, `complaint.handle` from the platform); the unit head
        // also dispatches and approves; the complaint track's own roles follow.
        roleGrants: [
            "officer": [.complaintRegister, .complaintHandle],
            "unit-head": [.complaintRegister, .complaintHandle, .complaintDispatch, .complaintApprove, .complaintPublish],
            "petition-officer": [.complaintRegister],
        ],
        // complaints.md "Roles and permissions": the four roles no platform role covers. The centre's
        // 受理员 registers (and splits); its 分送员 dispatches; a 投诉站联络员 submits items but keeps no
        // access to them (no case.read); a 受托调解员 of a 消协分会 handles only the complaints handed to
        // them (scope `own`) and never sees a reporter (`ReportProcedure.visible`).
        roles: [
            Role(code: "complaint-registrar", nameZH: "投诉举报受理员",
                 permissions: [.caseCreate, .caseRead, .partyRead, .partyWrite, .personalDataReveal, .complaintRegister], defaultScope: .unit),
            Role(code: "complaint-dispatcher", nameZH: "投诉举报分送员",
                 permissions: [.caseCreate, .caseRead, .partyRead, .complaintRegister, .complaintDispatch, .complaintPublish], defaultScope: .unitTree),
            Role(code: "complaint-liaison", nameZH: "投诉站联络员", permissions: [.caseCreate, .partyRead, .partyWrite, .complaintRegister], defaultScope: .own),
            // CP-17: `case.handle` so the delegate issues and serves the mediation's documents (调解通知书, 调解书)
            // in the bureau's name — only on the cases delegated to them (scope `own`).
            Role(code: "delegated-mediator", nameZH: "受托调解员（消协分会）", permissions: [.caseRead, .caseHandle, .partyRead, .complaintHandle], defaultScope: .own),
        ],
        stepNames: [
            "acceptance": "受理决定", "mediation": "调解", "terminationNotice": "终止调解告知", "clueVerification": "线索核查",
            "reportVerification": "举报核查", "reporterNotice": "举报人告知", "jurisdictionDispute": "管辖争议协商", "returnNotCompetent": "无管辖退回",
        ],
        // DOC-03: the documents of complaints.md steps 3–7.
        templates: ComplaintTemplates.all,
        sampleValues: { ComplaintDocuments.sampleValues(for: $0) },
        // The handler's own steps follow the case; dispatch and the head's approvals wait on their holders.
        handlerPermissions: [.complaintHandle, .complaintRegister, .caseHandle, .caseCreate],
        // complaints.md "Statistics and KPIs" on the generic statistics page, with configurable targets.
        capabilities: [.indicators, .servicePoints, .signals, .platformIntake, .monthlyAnalysis],
        // CAL-41: the acceptance clock ends at the head's approval, the mediation clock at the outcome.
        clockTransitions: [
            "acceptance": "proposeDecision", "mediation": "recordOutcome", "terminationNotice": "serveTermination", "returnNotCompetent": "receive",
        ],
        // CP-21: no agreement within 45 working days (plus pauses) — the system proposes termination
        // ground (5) the next working day; the head then decides.
        timedTransitions: [TimedTransition(step: "mediation", transition: "proposeTermination", rule: "CP-21"),
                           // CP-42: the 7 working days to agree run out — the dispute goes to the common superior.
                           TimedTransition(step: "jurisdictionDispute", transition: "referDispute", rule: "CP-42")],
        demo: { ComplaintProcedure.demoPlan($0) },
        indicatorTargets: ComplaintProcedure.targets,
        reports: [("月度分析（CP-38）", "/statistics/complaints/monthly"), ("季度公开统计（CP-39）", "/statistics/complaints/public")],
        reminders: ComplaintProcedure.reminders)

    /// complaints.md "Reminders and escalations": the acceptance decision at T−2 (the warning
    /// window), overdue to the unit head and then the centre head (the 分送员's `complaint.dispatch`
    /// over the unit, after the ladder's two working days red); mediation at T−10 and T−3 工作日 (its
    /// escalation is the termination proposal, `timedTransitions`); the termination notice at T−1; a
    /// dispatched item not taken within its working day tells the centre head too.
    static let reminders: [String: StepReminders] = [
        "acceptance": StepReminders(escalation: [.leader: [.complaintDispatch]], asking: "请中心负责人督办受理决定。"),
        "mediation": StepReminders(before: [.workdays(10), .workdays(3)]),
        "terminationNotice": StepReminders(before: [.workdays(1)]),
        "returnNotCompetent": StepReminders(escalation: [.red: [.complaintDispatch]], asking: "分送件逾期未接收或退回，请中心负责人督办。"),
    ]
}
