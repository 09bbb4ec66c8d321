import Foundation

// What the report track brings to the app (issue 14): its paths, permissions and grants, and the
// steps its clocks wait on. It shares the `complaint` rule sets (SAMR-20, SAMR-121) the complaint
// track ships.

extension Permission {
    /// 承办人 / 执法人员: verify a report and propose its decision, tell the reporter (CP-26…CP-28). Its own
    /// permission, so a 受托调解员 who handles complaints never handles a report (complaints.md roles).
    public static let reportHandle: Permission = "report.handle"
    /// 局负责人: approves 立案/不予立案 (CP-27).
    public static let reportApprove: Permission = "report.approve"
    /// 承办单位负责人: approves the one extension of a verification (CP-24, CP-26); the rule sets name it.
    public static let complaintVerifyExtend: Permission = "complaint.verify.extend"
}

extension ReportProcedure {
    public static let module = ProcedureModule(
        pathWord: "reports",
        moduleCode: "JB",
        permissions: [
            .init(permission: .reportHandle, nameZH: "办理举报（核查、提出处理意见、告知举报人）", group: "案件", duty: nil),
            .init(permission: .reportApprove, nameZH: "审批举报立案、不予立案", group: "案件", duty: nil),
            .init(permission: .complaintVerifyExtend, nameZH: "批准举报核查延期", group: "案件", duty: nil),
        ],
        // 局负责人 are the bureau's leaders; the unit head approves the verification's extension.
        roleGrants: [
            "officer": [.reportHandle],
            "petition-officer": [.reportHandle],
            "unit-head": [.complaintVerifyExtend, .reportHandle],
            "deputy-leader": [.reportApprove],
            "chief-leader": [.reportApprove],
        ],
        // CP-42: the dispute clock the report runs, named as the complaint names it (the rule sets are shared).
        stepNames: [Disputing.clock: "管辖争议协商"],
        // DOC-03: the documents of complaints.md steps 9 and 10.
        templates: ReportTemplates.all,
        sampleValues: { ReportDocuments.sampleValues(for: $0) },
        handlerPermissions: [.reportHandle, .complaintHandle, .complaintRegister, .caseHandle, .caseCreate],
        // CP-10: a 所 handles reports in the county bureau's name; its documents bear the bureau's name.
        capabilities: [.bureauName, .signals],
        clockTransitions: [
            "reportVerification": "proposeDecision", "clueVerification": "proposeDecision", "reporterNotice": "notifyReporter",
            // CP-12: the receiving unit takes the report or returns it within its working day.
            Dispatching.returnClock: "receive",
        ],
        // CP-42: the 7 working days to agree run out — the dispute goes to the common superior (CAL-43).
        timedTransitions: [TimedTransition(step: Disputing.clock, transition: ReferDispute.spec.key, rule: "CP-42")],
        demo: { ReportProcedure.demoPlan($0) },
        reminders: ReportProcedure.reminders)

    /// complaints.md "Reminders and escalations": verification at T−5 and T−2 工作日, and at red the
    /// 局负责人 (`report.approve`) is asked to decide on an extension or the decision; the named
    /// reporter's notice at T−1, overdue to the unit head (the ladder's red).
    static let reminders: [String: StepReminders] = {
        let verify = StepReminders(before: [.workdays(5), .workdays(2)], escalation: [.red: [.reportApprove]],
                                   asking: "请局负责人决定延长核查期限或作出立案、不予立案决定。")
        return ["reportVerification": verify, "clueVerification": verify, "reporterNotice": StepReminders(before: [.workdays(1)]),
                // A dispatched report not taken or returned within its working day: the centre head too, as for a complaint.
                Dispatching.returnClock: ComplaintProcedure.reminders[Dispatching.returnClock] ?? .standard]
    }()
}
