import Foundation

extension MediationProcedure {
    /// Step 5 (MD-21, MD-26, MD-32, MD-04): a session with its 笔录 — time, place, attendees and what
    /// was said, signed by the attendees (a refusal to sign is noted). Every party must have consented
    /// first; a 会办 session needs the joint meeting's minutes from a meeting held on or before its
    /// day; every assigned mediator must be eligible on the day; the director who approved the
    /// dispatch may not mediate.
    public enum HoldSession: MediationStep {
        static let on = TypedField<LocalDate>.date("on", "调解日期")
        static let place = TypedField<String>.text("place", "调解地点", maxLength: 120)
        static let attendees = TypedField<[String]>.lines("attendees", "参加人员（每行一人，含受邀单位、专家及其身份）")
        static let record = TypedField<String>.textarea("record", "笔录内容")
        static let unsigned = TypedField<String>.text("unsigned", "拒绝签名的人员及情况", required: false, maxLength: 200)

        public static let spec = TransitionSpec("holdSession", "组织调解（制作笔录）", from: ["mediating"], permissions: [.mediationHandle],
                                                fields: [on.spec, place.spec, attendees.spec, record.spec, unsigned.spec], rule: "MD-26",
                                                issues: ["MD-SESSION"], to: ["mediating"])

        public struct Input: Sendable {
            let on: LocalDate
            let place: String
            let attendees: [String]
            let record: String
            let unsigned: String?
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let d = on(i), let p = place(i), let a = attendees(i), let r = record(i) else { return nil }
            return Input(on: d, place: p, attendees: a, record: r, unsigned: unsigned(i))
        }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            if !c.facts.consented {
                v.append(MediationRules.refusal("state", "MD-21", "mediation.consent.missing", "各方当事人均同意调解后方可调解"))
            }
            if c.facts.mediatorIDs.isEmpty {
                v.append(MediationRules.refusal("state", "MD-04", "mediation.mediator.none", "请先指派调解员"))
            }
            if let major = c.facts.major, major.plan == nil {
                v.append(MediationRules.refusal("state", "MD-33", "mediation.major.plan", "重大矛盾纠纷须先制定工作预案，方可组织下一次调解"))
            }
            if let approver = c.facts.dispatch?.approvedBy, approver == context.actor.userID {
                v.append(MediationRules.refusal("actor", "MD-13", "mediation.mediator.approver", "审批分流的办公室主任不得调解该纠纷"))
            }
            return v
        }

        public static func check(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            let f = c.facts
            var v = MediationRules.dateErrors(input.on, field: on.name, label: "调解日期", facts: f,
                                              notBefore: f.acceptedOn.map { ($0, "受理日期") }, context: context)
            if let joint = f.joint, (joint.meetingOn.map { $0 > input.on } ?? true) {
                v.append(MediationRules.refusal(on.name, "MD-32", "mediation.joint.minutes-missing",
                                                "会办纠纷须先召开联席会议并上传会议纪要，方可组织会办调解（会办决定日期\(joint.decidedOn.chinese)）"))
            }
            v += f.mediatorIDs.flatMap { MediatorEligibility.refusals(context.people[$0], on: input.on, field: on.name) }
            return v
        }

        public static func apply(_ input: Input, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.sessions.append(.init(on: input.on, place: input.place, attendees: input.attendees, record: input.record, unsigned: input.unsigned,
                                    by: context.actor.userID))
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           summaryZH: "\(input.on.chinese)在\(input.place)调解" + (f.joint != nil ? "（会办，局长室牵头）" : "") + "，笔录已签名")
        }
    }
}
