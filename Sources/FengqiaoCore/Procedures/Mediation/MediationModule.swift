import Foundation

// What administrative mediation brings to the app (issue 15, on the registry of issue 12): its paths,
// the mediation rule set, its permissions and roles (mediation.md "Roles and permissions"), step
// names, templates, reminders and the timed expiry (MD-17).

extension Permission {
    /// 窗口受理员: registers requests and 排查 findings (MD-11).
    public static let mediationRegister: Permission = "mediation.register"
    /// 中心工作人员: triage, dispatch proposals, termination, receiving 回流 (MD-13, MD-17, MD-19).
    public static let mediationTriage: Permission = "mediation.triage"
    /// 领导小组办公室主任: approves dispatch and re-dispatch (MD-13, MD-15).
    public static let mediationApprove: Permission = "mediation.approve"
    /// 领导小组办公室主任: approves the one extension (MD-24); the rule set's extension permission.
    public static let mediationExtend: Permission = "mediation.extend"
    /// 领导小组: decides 会办 (MD-32).
    public static let mediationDecide: Permission = "mediation.decide"
    /// 法制科: records a unit's mediator list as filed (备案, MD-01).
    public static let mediationFileMediators: Permission = "mediation.mediator.file"
    /// 领导小组: removes (撤换) a mediator for 严重失职 or 违法违纪 (MD-06).
    public static let mediationRemoveMediator: Permission = "mediation.mediator.remove"
    /// 调解机构负责人: assigns the unit's mediators (MD-04).
    public static let mediationAssign: Permission = "mediation.assign"
    /// 综合督察室: attaches a 督察意见 to any dispute it may read (MD-14).
    public static let mediationSupervise: Permission = "mediation.supervise"
    /// 调解机构负责人 / 统计员: submits the unit's monthly report to 法制科 (MD-41).
    public static let mediationReport: Permission = "mediation.report"
    /// 法制科: consolidates the units' monthly reports and reports upward (MD-41).
    public static let mediationConsolidate: Permission = "mediation.consolidate"
}

extension MediationProcedure {
    public static let module = ProcedureModule(
        pathWord: "mediations",
        moduleCode: "TJ",
        ruleSets: [ShippedRuleSets.mediation],
        permissions: [
            .init(permission: .mediationRegister, nameZH: "登记矛盾纠纷", group: "案件", duty: nil),
            .init(permission: .mediationTriage, nameZH: "行政调解分流、终止", group: "案件", duty: nil),
            .init(permission: .mediationApprove, nameZH: "审批行政调解分流", group: "案件", duty: nil),
            .init(permission: .mediationExtend, nameZH: "审批延长调解期限", group: "案件", duty: nil),
            .init(permission: .mediationDecide, nameZH: "决定会办", group: "案件", duty: nil),
            .init(permission: .mediationRemoveMediator, nameZH: "撤换调解员", group: "案件", duty: nil),
            .init(permission: .mediationFileMediators, nameZH: "调解员名单备案", group: "案件", duty: nil),
            .init(permission: .mediationAssign, nameZH: "指派调解员", group: "案件", duty: nil),
            .init(permission: .mediationSupervise, nameZH: "出具行政调解督察意见", group: "案件", duty: nil),
            .init(permission: .mediationReport, nameZH: "报送行政调解统计月报", group: "统计", duty: nil),
            .init(permission: .mediationConsolidate, nameZH: "汇总上报行政调解统计月报", group: "统计", duty: nil),
        ],
        // Officers of a 所 mediate the disputes dispatched to them; the unit head assigns them; the
        // bureau's main leader heads the leading group (会办).
        roleGrants: [
            "officer": [.mediationRegister, .mediationHandle],
            "unit-head": [.mediationRegister, .mediationHandle, .mediationAssign, .mediationReport],
            // 法制科 consolidates the units' monthly reports and reports upward (MD-41).
            "legal-reviewer": [.mediationConsolidate, .mediationFileMediators],
            "mediator": [.mediationRegister],
            "chief-leader": [.mediationDecide, .mediationRemoveMediator],
            // 综合督察室 / 纪检监察室: 督察意见 on any dispute in their scope (MD-14).
            "discipline": [.mediationSupervise],
        ],
        roles: [
            Role(code: "mediation-clerk", nameZH: "纠纷受理窗口受理员",
                 permissions: [.caseCreate, .caseRead, .partyRead, .partyWrite, .personalDataReveal, .mediationRegister], defaultScope: .unit),
            Role(code: "mediation-centre", nameZH: "行政调解中心工作人员",
                 permissions: [.caseCreate, .caseRead, .caseHandle, .partyRead, .partyWrite, .personalDataReveal, .mediationRegister, .mediationTriage,
                               .mediationHandle, .mediationAssign, .statisticsRead, .mediationReport], defaultScope: .unit),
            Role(code: "mediation-director", nameZH: "领导小组办公室主任",
                 permissions: [.caseRead, .partyRead, .mediationApprove, .mediationExtend, .statisticsRead], defaultScope: .all),
        ],
        stepNames: [
            "triage": "分流", "dispatchApproval": "分流审批", "consent": "受理（征求同意）", "mediation": "调解", "majorReport": "专题报告",
            "returnToCentre": "回流", "resultToCentre": "结果报送中心", "terminationNotice": "终止告知送达", "obligationCheck": "履行核查",
            "revisit": "回访", "secondRevisit": "第二次回访", "feedback": "整改反馈", "supervisionAnswer": "督察意见答复",
            "progress": "每周进展报告", "mediatorTerm": "调解员任期", "reassign": "另行指派调解员",
            "monthEnd": "月末未化解", "monthlyReview": "月度原因分析及指导意见", "majorEvaluation": "重大矛盾纠纷效能评估",
        ],
        templates: MediationTemplates.all,
        sampleValues: { MediationDocuments.sampleValues(for: $0) },
        handlerPermissions: [.mediationHandle, .mediationRegister, .caseHandle, .caseCreate],
        // mediation.md "Statistics and KPIs" on the generic statistics page, with configurable targets.
        capabilities: [.revisits, .indicators, .mediatorRoster],
        revisitDimensions: MediationProcedure.revisitDimensions,
        clockTransitions: [
            "triage": "mediateAtCentre", "dispatchApproval": "approveDispatch", "consent": "recordConsent", "mediation": "concludeAgreement",
            "majorReport": "submitMajorReport", "returnToCentre": "returnToCentre", "resultToCentre": "reportResult",
            "terminationNotice": "serveTermination", "obligationCheck": "checkPerformance", "feedback": "recordFeedback",
            "supervisionAnswer": "answerSupervision", "progress": "reportProgress", "reassign": "assignMediators",
            "monthlyReview": "recordMonthlyReview", "majorEvaluation": "evaluateMajor",
        ],
        // MD-17: the limit runs out — the system records it and tells the centre.
        timedTransitions: [TimedTransition(step: "mediation", transition: "limitExpired", rule: "MD-17"),
                           // MD-05: an assigned mediator's term lapses mid-case — the system flags it the day after.
                           TimedTransition(step: "mediatorTerm", transition: "mediatorLapsed", rule: "MD-05"),
                           // MD-18: a month ends with the dispute unresolved — the centre's note is owed.
                           TimedTransition(step: "monthEnd", transition: "monthUnresolved", rule: "MD-18")],
        demo: { MediationProcedure.demoPlan($0) },
        // The term and month-end watches only fire their steps: no one is reminded of them and no card is given.
        measureSteps: ["mediatorTerm", "monthEnd"],
        revisitSampling: .every,
        revisitDue: RevisitDue(10, .workday, rule: "MD-34"),
        // MD-34: revisit 1 within 10 工作日 of the conclusion; revisit 2 of a major or rebound-risk dispute at 90 日.
        revisitSteps: ["revisit", "secondRevisit"],
        indicatorTargets: MediationProcedure.targets,
        reports: [("统计月报（MD-41）", "/statistics/mediations/reports")],
        reminders: MediationProcedure.reminders,
        afterClosingSteps: ["resultToCentre", "obligationCheck", "supervisionAnswer", "monthlyReview", "majorEvaluation", "revisit", "secondRevisit"],
        demoUsers: MediationProcedure.demoUsers,
        // MD-36: a 不满意 answer — the issues discussed, rectified and fed back to the party within 15 working days.
        dissatisfiedRevisitStep: "feedback",
        // MD-41: each 调解机构 reports its month to 法制科 by the 23rd; 法制科 consolidates upward by the 25th.
        reporting: ReportingRoll(titleZH: "行政调解统计月报", rule: "MD-41", submit: .mediationReport, consolidate: .mediationConsolidate,
                                 consolidatorZH: "法制科", due: { MediationCalendar.monthlyReport(year: $0.year, month: $0.index, calendar: $1) }),
        // MD-48: 多发矛盾 — 3 registrations in 90 days on one respondent or one nature and object; the same parties and
        // object again within 7 days is a warning.
        recurrence: MediationProcedure.recurrenceRule,
        // MD-06: a mediator removed by the leading group — each open dispute he mediates is flagged at once (MD-05's step).
        personLeft: "mediatorLapsed",
        // MD-45: the centre's Monday meeting (30–60 min), the head chairing and a designated recorder.
        weeklyMeeting: WeeklyMeetingRule(titleZH: "行政调解中心周例会", rule: "MD-45", permission: .mediationTriage, minutes: 30...60),
        // MD-44: attendance at the government's 联席会议 in each half-year, and the fourth quarter's inspection.
        periodicRecords: [
            PeriodicRecordRule(key: "jointMeetingH1", titleZH: "上半年行政调解联席会议", rule: "MD-44", months: 1...6, permission: .mediationTriage),
            PeriodicRecordRule(key: "jointMeetingH2", titleZH: "下半年行政调解联席会议", rule: "MD-44", months: 7...12, permission: .mediationTriage),
            PeriodicRecordRule(key: "inspection", titleZH: "第四季度行政调解工作检查", rule: "MD-44", months: 10...12, permission: .mediationTriage),
        ])

    /// MD-35: what a revisit asks, each scored 1–5 — the agreement's performance, the mediator's
    /// attitude, the view of how the law was applied and of the procedure (satisfaction, ST-06).
    static let revisitDimensions = [ScoreDimension("performance", "协议履行情况"), ScoreDimension("attitude", "调解员态度"),
                                    ScoreDimension("law", "法律适用"), ScoreDimension("procedure", "调解程序")]

    /// mediation.md "Reminders and escalations": the limit at T−5 and T−2 工作日 to the mediator and
    /// unit head; the major-dispute report overdue to the leading group; the termination notice, the
    /// return and the result overdue to the centre head.
    static let reminders: [String: StepReminders] = [
        "mediation": StepReminders(before: [.workdays(5), .workdays(2)]),
        "majorReport": StepReminders(escalation: [.red: [.mediationDecide]], asking: "重大矛盾纠纷专题报告逾期未报送，请领导小组督办。"),
        "returnToCentre": StepReminders(escalation: [.red: [.mediationTriage]], asking: "分流交办的纠纷逾期未回流，请中心负责人督办。"),
        "resultToCentre": StepReminders(escalation: [.red: [.mediationTriage]], asking: "调解结果逾期未报送中心，请中心负责人督办。"),
        "reassign": StepReminders(escalation: [.red: [.mediationTriage]], asking: "调解员任期届满后逾期未另行指派，请中心负责人督办（MD-05）。"),
        "progress": StepReminders(escalation: [.red: [.mediationTriage]], asking: "分流交办的纠纷一周内未报送调解进展，请中心负责人督办（MD-16）。"),
        "supervisionAnswer": StepReminders(escalation: [.red: [.mediationSupervise, .mediationTriage]], asking: "督察意见逾期未答复，请督办（MD-14）。"),
        "majorEvaluation": StepReminders(before: [.days(5)], escalation: [.red: [.mediationDecide]],
                                         asking: "重大矛盾纠纷结案后30日内未作效能评估，请领导小组督办（MD-33）。"),
        // mediation.md "Reminders": a revisit or rectification due — 3 工作日 before; overdue to the centre head.
        "revisit": StepReminders(before: [.workdays(3)], escalation: [.red: [.mediationTriage]], asking: "结案后逾期未回访，请中心负责人督办（MD-34）。"),
        "secondRevisit": StepReminders(before: [.workdays(3)], escalation: [.red: [.mediationTriage]],
                                       asking: "重大、疑难复杂或有反弹风险的纠纷逾期未第二次回访，请中心负责人督办（MD-34）。"),
        "feedback": StepReminders(before: [.workdays(3)], escalation: [.red: [.mediationTriage]], asking: "不满意回访逾期未整改反馈，请中心负责人督办（MD-36）。"),
        "monthlyReview": StepReminders(before: [.workdays(2)], escalation: [.red: [.mediationApprove]],
                                       asking: "月末未化解纠纷逾期未记录原因及指导性意见，请领导小组办公室督办（MD-18）。"),
    ]
}
