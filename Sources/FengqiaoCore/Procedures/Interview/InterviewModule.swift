import Foundation

// What the interview brings to the app besides its states and transitions (issue 12): its paths,
// rule set, permissions and the shipped roles' grants, step names, qualification kinds, templates
// and follow-up features. The registry gathers them; no list elsewhere names the interview.

extension Permission {
    /// Runs the interview steps an officer takes (IV: verification, notice, record, tracking, inspection).
    public static let interviewHandle: Permission = "interview.handle"
    public static let interviewApproveOrdinary: Permission = "interview.approve.ordinary"
    public static let interviewApproveMajor: Permission = "interview.approve.major"
}

extension InterviewProcedure {
    public static let module = ProcedureModule(
        pathWord: "interviews",
        moduleCode: "IV",
        ruleSets: [ShippedRuleSets.interview],
        permissions: [
            .init(permission: .interviewHandle, nameZH: "办理行政约谈", group: "案件", duty: nil),
            .init(permission: .interviewApproveOrdinary, nameZH: "审批一般约谈", group: "案件", duty: nil),
            .init(permission: .interviewApproveMajor, nameZH: "审批重大约谈", group: "案件", duty: nil),
        ],
        // interview.md step 4 and IV-10: the deputy leader (分管副组长) approves ordinary interviews; major
        // ones need the leader (组长) or the leading group's collective decision. The unit head assigns
        // (IV-12) and handles, but does not approve.
        roleGrants: [
            "officer": [.interviewHandle],
            "unit-head": [.interviewHandle],
            "deputy-leader": [.interviewApproveOrdinary],
            "chief-leader": [.interviewApproveOrdinary, .interviewApproveMajor],
        ],
        stepNames: [
            "verification": "核查", "legalReview": "法制审核（一般）", "legalReviewMajor": "法制审核（重大）", "approval": "审批（一般）",
            "approvalMajor": "审批（重大）", "notice": "通知送达", "interview": "约谈", "interviewUrgent": "紧急约谈", "recordSubmission": "笔录提交",
            "rectification": "整改", "rectificationReport": "整改报告", "inspection": "验收", "startTimeliness": "启动时效", "mediaResponse": "舆情回应",
        ],
        qualificationKinds: [QualificationKind(interviewerQualification, "约谈人"), QualificationKind("interviewer-certified", "约谈师（认证，2年）")],
        // PLT-07: passing 约谈师认证 grants the qualification IV-12 checks.
        courseQualifications: [.interviewerCertification: interviewerQualification],
        templates: InterviewTemplates.all,
        sampleValues: { InterviewTemplates.sampleValues(for: $0) },
        // The officer's own steps follow the handler. Assigning the interviewers is the unit head's
        // (interview.md roles, IV-12): a step in the queue of whoever holds `case.assign`, not the officer's.
        handlerPermissions: [.interviewHandle, .caseHandle, .caseCreate],
        capabilities: [.revisits, .ratings, .indicators, .publication],
        // ST-21 (interview.md §Statistics): the rectification's effect, the enforcement's conduct, the service.
        revisitDimensions: [ScoreDimension("effect", "整改效果"), ScoreDimension("conduct", "执法规范"), ScoreDimension("service", "服务态度")],
        // IV-24: attitude, professionalism, communication.
        ratingDimensions: [ScoreDimension("attitude", "工作态度"), ScoreDimension("professionalism", "专业水平"), ScoreDimension("communication", "沟通效果")],
        ratingRule: "IV-24",
        // CAL-41: whose the reminders of each clock are — the step that ends it (the review's are the
        // legal reviewers', the approval's the approvers'; the rest the handler's).
        clockTransitions: [
            "verification": "verify", "legalReview": "review", "legalReviewMajor": "review", "approval": "approve", "approvalMajor": "approve",
            "notice": "serveNotice", "interview": "holdInterview", "interviewUrgent": "holdInterview", "rectificationReport": "receiveReport",
            "inspection": "inspect", "mediaResponse": "respondMedia",
        ],
        // IV-12: the head may assign from the clue on (and reassign before the interview), but the case
        // waits on the assignment once approved — the notice cannot be served without two interviewers.
        waitsIn: ["assign": ["notice"]],
        demo: { InterviewProcedure.demoPlan($0) },
        // §5.3 start timeliness runs beside the steps as a measure (约谈启动及时率), not as work.
        measureSteps: ["startTimeliness"],
        // statistics.md "targets configurable", ST-10: the table's targets and 003 §2.4.2's 15 % as defaults.
        indicatorTargets: InterviewIndicators.targets)

    public static func partyName(_ facts: InterviewFacts) -> String { facts.partyName }
    /// IV-24: the party may rate once the interview was held — the interviewers who held it.
    public static func ratingOpen(_ facts: InterviewFacts) -> Bool { facts.record != nil }
    public static func ratedPeople(_ facts: InterviewFacts) -> [UUID] { facts.record?.interviewers ?? facts.interviewers }
    public static func fileDocuments(_ facts: InterviewFacts, state: String) -> [RequiredDocument] { InterviewDocuments.required(facts, state: state) }

    /// DOC-60: the typical case's draft — the party and the violation found, the rectification items
    /// and the inspection's outcome; the legal reviewer edits it before masking and publishing.
    public static func publicationSummary(_ f: InterviewFacts) -> String? {
        let text = [f.verification?.facts, f.record.map { "整改事项：" + $0.items.joined(separator: "；") },
                    f.inspection.map { $0.passed ? "经验收，整改合格。" : "经验收，整改不合格，移交行政处罚。" }]
            .compactMap { $0 }.joined(separator: "\n")
        return "\(f.partyName)\(f.verification.map { "存在" + $0.categoryNameZH + "问题。" } ?? "")\n" + text
    }
}
