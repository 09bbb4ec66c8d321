import Foundation

extension InterviewProcedure {
    /// Step 4 (IV-10, IV-11): the deputy leader approves an ordinary interview; a major one needs the
    /// leader, or the leading group's collective decision recorded with its date and members.
    enum Approve: InterviewStep {
        enum Decision: String, ChoiceValue {
            case approve, reject
            var nameZH: String { self == .approve ? "同意约谈" : "不同意约谈" }
        }

        static let decision = TypedField<Decision>.choice("decision", "审批决定")
        static let opinion = TypedField<String>.textarea("opinion", "审批意见")
        static let meetingOn = TypedField<LocalDate>.date("meetingOn", "领导小组集体决策会议日期（重大案件）", required: false)
        static let members = TypedField<[String]>.lines("members", "出席成员（每行一人）", required: false)

        static let spec = TransitionSpec("approve", "审批", from: ["approval"], permissions: [.interviewApproveOrdinary, .interviewApproveMajor],
                                         fields: [decision.spec, opinion.spec, meetingOn.spec, members.spec, ProcedureEngine.closingOverride], rule: "IV-10",
                                         issues: ["IV-APPROVAL"], to: ["notice", "rejected"])

        struct Input: Sendable {
            let decision: Decision
            let opinion: String
            let meetingOn: LocalDate?
            let members: [String]
        }

        static func decode(_ i: ActionInput) -> Input? {
            guard let d = decision(i), let o = opinion(i) else { return nil }
            return Input(decision: d, opinion: o, meetingOn: meetingOn(i), members: members(i) ?? [])
        }

        static func preconditions(_ c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            // IV-11: neither the proposer nor the legal reviewer of the same case may approve.
            let me = context.actor.userID
            var v: [FieldError] = []
            if c.facts.proposer == me {
                v.append(FieldError(field: "actor", rule: "IV-11", code: "interview.approve.proposer", messageZH: "提出约谈建议的人员不能审批本案"))
            }
            if c.facts.reviews.contains(where: { $0.by == me }) {
                v.append(FieldError(field: "actor", rule: "IV-11", code: "interview.approve.reviewer", messageZH: "本案的法制审核人员不能审批本案"))
            }
            return v
        }

        static func check(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            // IV-10: a major case needs the leader, or the leading group's recorded collective decision.
            guard c.gravity == .major else { return [] }
            var v: [FieldError] = []
            let collective = input.meetingOn != nil && input.members.count >= 3
            // (An actor with neither approval permission was already refused with PLT-03.)
            if context.actor.can(.interviewApproveOrdinary) && !context.actor.can(.interviewApproveMajor) && !collective {
                v.append(FieldError(field: "actor", rule: "IV-10", code: "interview.approve.major",
                                    messageZH: "重大案件须由组长审批，或记录领导小组集体决策（会议日期及至少三名出席成员）"))
            }
            if input.meetingOn != nil && input.members.count < 3 {
                v.append(FieldError(field: members.name, rule: "IV-10", code: "interview.collective.members", messageZH: "集体决策须记录至少三名出席成员"))
            }
            return v
        }

        static func apply(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            let today = context.today
            let approved = input.decision == .approve
            // IV-10: only a major case is decided collectively; an ordinary approval records no meeting.
            let collective = c.gravity == .major ? input.meetingOn.map { InterviewFacts.CollectiveDecision(meetingOn: $0, members: input.members) } : nil
            f.approval = .init(by: context.actor.userID, on: today, approved: approved, opinion: input.opinion, collective: collective)
            let step = c.gravity == .major ? "approvalMajor" : "approval"
            if approved {
                return Outcome(state: "notice", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                               clocks: [.end(step: step, on: today), .start(step: "notice", on: today)],
                               summaryZH: "审批同意约谈" + (collective.map { "（领导小组\($0.meetingOn.chinese)集体决策）" } ?? ""))
            }
            return Outcome(state: "rejected", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: [.end(step: step, on: today)],
                           closedOn: today, summaryZH: "审批不同意约谈：\(input.opinion)")
        }
    }
}
