import Foundation

extension ComplaintProcedure {
    /// Step 6 (CP-16, CP-18): a mediation session held by the handler or the delegated mediator, on
    /// its day, on-site (现场) or not. On-site mediation needs prior notice of time, place and mediator
    /// to both parties: a 《投诉调解通知书》 (whose time, place and mediator fields are required when it
    /// is issued, DOC-02) issued to each party and served on or before the session day (DOC-30).
    public enum HoldMediation: ComplaintStep {
        static let mode = TypedField<MediationMode>.choice("mode", "调解方式")
        static let on = TypedField<LocalDate>.date("on", "调解日期")
        static let note = TypedField<String>.textarea("note", "调解情况", required: false)

        public static let spec = TransitionSpec("holdMediation", "组织调解", from: ["mediating"], permissions: [.complaintHandle],
                                                fields: [mode.spec, on.spec, note.spec], rule: "CP-18",
                                                issues: ["CP-MEDIATION-NOTICE"], to: ["mediating"])

        public struct Input: Sendable {
            let mode: MediationMode
            let on: LocalDate
            let note: String?
        }

        public static func decode(_ i: ActionInput) -> Input? {
            guard let m = mode(i), let d = on(i) else { return nil }
            return Input(mode: m, on: d, note: note(i))
        }

        public static func preconditions(_ c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.consented ? [] : [FieldError(field: "state", rule: "CP-16", code: "complaint.consent.missing", messageZH: "双方均同意调解后方可调解")]
        }

        public static func check(_ input: Input, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> [FieldError] {
            if input.on > context.today {
                return [FieldError(field: on.name, rule: "X-02", code: "complaint.session.future", messageZH: "调解日期不能晚于今天")]
            }
            if let accepted = c.facts.decision?.on, input.on < accepted {
                return [FieldError(field: on.name, rule: "CP-16", code: "complaint.session.early", messageZH: "调解日期不能早于受理日期\(accepted.chinese)")]
            }
            guard input.mode == .onSite else { return [] }
            return noticeGaps(c.facts, before: input.on, context: context)
        }

        /// CP-18: each party without a 调解通知书 served on or before `day`, as a refusal naming them.
        static func noticeGaps(_ f: ComplaintFacts, before day: LocalDate, context: ProcedureContext) -> [FieldError] {
            let notices = context.documents.filter { $0.templateCode == "CP-MEDIATION-NOTICE" && !$0.void }
            guard !notices.isEmpty else {
                return [FieldError(field: mode.name, rule: "CP-18", code: "complaint.notice.missing",
                                   messageZH: "现场调解前须向双方当事人发出《投诉调解通知书》，告知调解时间、地点和调解人员")]
            }
            let served = notices.filter { ($0.servedOn.map { $0 <= day }) ?? false }
            // A copy whose addressee is not on record counts for whichever party is still missing.
            var anonymous = served.filter { $0.recipient == nil }.count
            var missing: [String] = []
            for name in [f.complainantName, f.respondentName] where !served.contains(where: { $0.recipient == name }) {
                if anonymous > 0 { anonymous -= 1 } else { missing.append(name) }
            }
            return missing.isEmpty ? [] : [FieldError(field: mode.name, rule: "CP-18", code: "complaint.notice.unserved",
                                                      messageZH: "《投诉调解通知书》尚未在调解日前送达\(missing.joined(separator: "、"))")]
        }

        public static func apply(_ input: Input, case c: ProcedureCase<ComplaintFacts>, context: ProcedureContext) -> Outcome<ComplaintFacts> {
            var f = c.facts
            f.sessions = (f.sessions ?? []) + [.init(mode: input.mode, on: input.on, by: context.actor.userID, note: input.note)]
            return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, summaryZH: "\(input.on.chinese)\(input.mode.nameZH)")
        }
    }
}
