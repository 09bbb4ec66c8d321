import Foundation

extension MediationProcedure {
    /// MD-20, MD-32: a dispute one unit cannot settle, a major one, or a direct application unsuited
    /// elsewhere goes to 会办 on the leading group's decision, led by the 局长室; the listed units (at
    /// least two) cannot opt out. No joint session before the joint meeting's minutes are on record.
    public enum DecideJoint: MediationStep {
        static let decisionRef = TypedField<String>.text("decisionRef", "领导小组决定文号或会议纪要号", maxLength: 80)
        static let units = TypedField<[String]>.lines("units", "参加会办的单位代码（每行一个，至少两个）")

        public static let spec = TransitionSpec("decideJoint", "决定会办", from: ["registered", "proposed"], permissions: [.mediationDecide],
                                                fields: [decisionRef.spec, units.spec], rule: "MD-32", to: ["accepting"])

        public static func decode(_ i: ActionInput) -> (ref: String, units: [String])? {
            guard let r = decisionRef(i), let u = units(i) else { return nil }
            return (r, u)
        }

        public static func check(_ input: (ref: String, units: [String]), case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            let distinct = Set(input.units)
            if distinct.count < 2 {
                return [MediationRules.refusal(units.name, "MD-32", "mediation.joint.units", "会办须至少有两个单位参加")]
            }
            let known = Set(context.units.units.values.map(\.code))
            let unknown = distinct.filter { !known.isEmpty && !known.contains($0) }.sorted()
            return unknown.isEmpty ? [] : [MediationRules.refusal(units.name, "MD-32", "mediation.joint.unit-unknown", "没有这些代码的单位：\(unknown.joined(separator: "、"))")]
        }

        public static func apply(_ input: (ref: String, units: [String]), case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            var seen = Set<String>()
            f.triagedOn = f.triagedOn ?? context.today
            f.joint = .init(decidedOn: context.today, decisionRef: input.ref, units: input.units.filter { seen.insert($0).inserted }, lead: "局长室")
            let open: [ClockEffect] = c.state == "registered" ? [.end(step: "triage", on: context.today)] : [.end(step: "dispatchApproval", on: context.today)]
            return Outcome(state: "accepting", gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: open + [.start(step: "consent", on: context.today)],
                           summaryZH: "领导小组决定会办（\(input.ref)），由局长室牵头，\(f.joint!.units.joined(separator: "、"))参加")
        }
    }

    /// MD-32: the joint meeting (联席会议) held and its minutes recorded — the division of work among the
    /// units; only then may a joint session be held, on or after the meeting day.
    public enum RecordJointMeeting: MediationStep {
        static let heldOn = TypedField<LocalDate>.date("heldOn", "联席会议日期")
        static let minutes = TypedField<String>.textarea("minutes", "会议纪要（参加单位、人员和分工）")

        public static let spec = TransitionSpec("recordJointMeeting", "记录联席会议纪要", from: ["accepting", "mediating"], permissions: [.mediationTriage, .mediationDecide],
                                                fields: [heldOn.spec, minutes.spec], rule: "MD-32", issues: ["MD-JOINT-MINUTES"], to: ["accepting", "mediating"])

        public static func decode(_ i: ActionInput) -> (on: LocalDate, minutes: String)? {
            guard let d = heldOn(i), let m = minutes(i) else { return nil }
            return (d, m)
        }

        public static func preconditions(_ c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.joint == nil ? [MediationRules.refusal("state", "MD-32", "mediation.joint.none", "本纠纷未经领导小组决定会办")] : []
        }

        public static func check(_ input: (on: LocalDate, minutes: String), case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> [FieldError] {
            guard let decided = c.facts.joint?.decidedOn else { return [] }
            return MediationRules.dateErrors(input.on, field: heldOn.name, label: "联席会议日期", facts: c.facts, notBefore: (decided, "会办决定日期"), context: context)
        }

        public static func apply(_ input: (on: LocalDate, minutes: String), case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            f.joint?.meetingOn = input.on
            f.joint?.minutes = input.minutes
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "\(input.on.chinese)召开联席会议，纪要已上传")
        }
    }
}
