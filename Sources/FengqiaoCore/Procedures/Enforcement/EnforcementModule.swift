import Foundation

// What the enforcement registry brings to the app (issue 14 item 6): its paths, the 行政处罚 rule set,
// permissions and the shipped roles' grants, and its indicators. No targets: CP-34 forbids 罚没 quotas.

extension Permission {
    /// 执法人员: registers cases in the registry.
    public static let enforcementRegister: Permission = "enforcement.register"
    /// 执法人员: files, decides, records service and payments, closes (complaints.md step 11).
    public static let enforcementHandle: Permission = "enforcement.handle"
    /// 局负责人: extends the 90-day decision limit by ≤30日 (CP-30); the rule set names it.
    public static let penaltyExtend: Permission = "penalty.extend"
}

extension EnforcementProcedure {
    public static let module = ProcedureModule(
        pathWord: "enforcement",
        moduleCode: "PN",
        ruleSets: [ShippedRuleSets.penalty],
        permissions: [
            .init(permission: .enforcementRegister, nameZH: "登记行政处罚案件", group: "案件", duty: nil),
            .init(permission: .enforcementHandle, nameZH: "办理行政处罚案件（立案、决定、缴款、结案）", group: "案件", duty: nil),
            .init(permission: .penaltyExtend, nameZH: "批准延长行政处罚办案期限", group: "案件", duty: nil),
        ],
        // 执法人员 are the office's officers; the 局负责人 are the bureau's leaders.
        roleGrants: [
            "officer": [.enforcementRegister, .enforcementHandle],
            "unit-head": [.enforcementRegister, .enforcementHandle],
            // 局负责人 approve 立案 (CP-27): the approval registers the case.
            "deputy-leader": [.penaltyExtend, .enforcementRegister],
            "chief-leader": [.penaltyExtend, .enforcementRegister],
        ],
        qualificationKinds: [QualificationKind(EnforcementOfficers.certificate, "行政执法证")],
        handlerPermissions: [.enforcementHandle, .enforcementRegister, .caseHandle, .caseCreate],
        capabilities: [.indicators, .enforcementBrief],
        clockTransitions: ["decision": "recordDecision"],
        demo: { EnforcementProcedure.demoPlan($0) },
        reports: [("执法办案简报", "/statistics/enforcement/brief")],
        // complaints.md "Reminders and escalations": the officers at T−15日 and T−5日 before the
        // decision is due; overdue, the 法制科 (`legal.review`) and the 分管局长 (`penalty.extend`).
        reminders: ["decision": StepReminders(before: [.days(15), .days(5)], escalation: [.red: [.legalReview, .penaltyExtend]],
                                              asking: "行政处罚决定已超期，请法制科和分管局长督办。")])
}
