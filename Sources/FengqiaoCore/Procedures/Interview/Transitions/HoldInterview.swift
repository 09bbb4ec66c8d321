import Foundation

extension InterviewProcedure {
    /// Steps 7–8 (IV-12 … IV-17): an assigned interviewer records the interview, the rectification
    /// items and the agreed deadline (at most 30 days); the party's report falls due the 3rd working
    /// day before it (CAL-14).
    enum HoldInterview: InterviewStep {
        enum Signature: String, ChoiceValue {
            case signed, refused
            var nameZH: String { self == .signed ? "当事人已签名" : "当事人拒绝签名" }
        }

        static let heldOn = TypedField<LocalDate>.date("heldOn", "约谈日期")
        static let recorder = TypedField<String>.text("recorder", "记录人")
        static let agent = TypedField<String>.text("agent", "委托代理人（附授权委托书）", required: false)
        static let experts = TypedField<[String]>.lines("experts", "邀请的专家或技术人员（每行一人，IV-23）", required: false)
        static let findings = TypedField<String>.textarea("findings", "查明的事实（违法行为、条款、证据）")
        static let statement = TypedField<String>.textarea("statement", "当事人陈述、申辩及承诺")
        static let items = TypedField<[String]>.lines("items", "整改事项（每行一项）")
        static let deadline = TypedField<LocalDate>.date("deadline", "整改期限", help: "自约谈之日起不超过30日（IV-17）")
        /// IV-13: the four acts at the start of the interview, each with its name in a refusal.
        static let acts: [(field: TypedField<Bool>, act: String)] = [
            (.checkbox("certificatesShown", "已出示执法证件"), "出示执法证件"), (.checkbox("purposeStated", "已说明约谈目的和依据"), "说明约谈目的和依据"),
            (.checkbox("rightsInformed", "已告知当事人陈述、申辩的权利"), "告知陈述、申辩的权利"),
            (.checkbox("refusalConsequenceInformed", "已告知拒不整改的后果"), "告知拒不整改的后果"),
        ]
        static let signature = TypedField<Signature>.choice("signature", "当事人签名")
        static let witnesses = TypedField<[String]>.lines("witnesses", "见证人（拒签时两名，每行一人）", required: false)
        static let lateReason = TypedField<String>.textarea("lateReason", "逾期原因", required: false,
                                                             help: "通知送达后5个工作日内（紧急的24小时内）未能约谈的，须说明原因")

        static let spec = TransitionSpec("holdInterview", "实施约谈（行政约谈记录）", from: ["interview"], permissions: [.interviewHandle], fields: [
            heldOn.spec, modeField.spec, recorder.spec, agent.spec, experts.spec, findings.spec, statement.spec, items.spec, deadline.spec,
        ] + acts.map(\.field.spec) + [signature.spec, witnesses.spec, lateReason.spec], rule: "IV-13",
           issues: ["IV-OUTLINE", "IV-RECORD", "IV-RECTIFY"], to: ["rectification"])

        struct Input: Sendable {
            let heldOn: LocalDate
            let mode: InterviewFacts.Mode
            let recorder: String
            let agent: String?
            let experts: [String]
            let findings: String
            let statement: String
            let items: [String]
            let deadline: LocalDate
            /// The IV-13 acts left unticked, in the form's order: field name and act.
            let actsMissing: [(field: String, act: String)]
            let signature: Signature
            let witnesses: [String]
            let lateReason: String?
        }

        static func decode(_ i: ActionInput) -> Input? {
            guard let held = heldOn(i), let m = modeField(i), let r = recorder(i), let fi = findings(i), let st = statement(i), let d = deadline(i),
                  let sig = signature(i) else { return nil }
            return Input(heldOn: held, mode: m, recorder: r, agent: agent(i), experts: experts(i) ?? [], findings: fi, statement: st, items: items(i) ?? [],
                         deadline: d, actsMissing: acts.filter { $0.field(i) != true }.map { ($0.field.name, $0.act) }, signature: sig, witnesses: witnesses(i) ?? [],
                         lateReason: lateReason(i))
        }

        static func preconditions(_ c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            c.facts.interviewers.contains(context.actor.userID)
                ? [] : [FieldError(field: "actor", rule: "IV-12", code: "interview.actor.not-interviewer", messageZH: "只有指派的约谈人员可以录入约谈记录")]
        }

        static func check(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            var v: [FieldError] = []
            let held = input.heldOn
            if held > context.today {
                v.append(FieldError(field: heldOn.name, rule: "X-02", code: "interview.held.future", messageZH: "约谈日期不能晚于今天"))
            }
            // Step 7: held after the notice was served, within 5 working days of service (urgent: 24 hours,
            // i.e. by the next day); a later interview is recorded only with the reason it is late.
            if let notice = c.facts.notice {
                let urgent = c.facts.verification?.urgent == true
                let limit = urgent ? notice.servedOn.adding(days: 1) : context.calendar.due(from: notice.servedOn, count: 5, unit: .workday).date
                if held < notice.servedOn {
                    v.append(FieldError(field: heldOn.name, rule: "X-02", code: "interview.held.before-service",
                                        messageZH: "约谈日期不能早于约谈通知书送达日期（\(notice.servedOn.chinese)）"))
                } else if held > limit && input.lateReason == nil {
                    v.append(FieldError(field: lateReason.name, rule: "方案§6.2", code: "interview.held.late",
                                        messageZH: "约谈应在通知送达后\(urgent ? "24小时" : "5个工作日")内进行（最迟\(limit.chinese)）；逾期约谈须填写逾期原因"))
                }
            }
            // IV-12 on the interview date itself.
            v += interviewerRules(c.facts.interviewers, on: held, case: c, context: context, field: "interviewers")
            // IV-13: every act at the start of the interview is ticked.
            for missing in input.actsMissing {
                v.append(FieldError(field: missing.field, rule: "IV-13", code: "interview.record.rights", messageZH: "记录须确认已“\(missing.act)”"))
            }
            // IV-14: the party signs, or its refusal is witnessed by two.
            if input.signature == .refused && Set(input.witnesses).count < 2 {
                v.append(FieldError(field: witnesses.name, rule: "IV-14", code: "interview.record.witnesses",
                                    messageZH: "当事人拒绝签名的，须在记录中注明并由两名见证人签名"))
            }
            // IV-17: at most 30 days from the interview, and after it.
            let days = input.deadline.ordinal - held.ordinal
            if days > 30 {
                v.append(FieldError(field: deadline.name, rule: "IV-17", code: "interview.rectification.too-long",
                                    messageZH: "整改期限为\(days)日，超过自约谈之日起30日的上限（最迟\(LocalDate(ordinal: held.ordinal + 30).chinese)）"))
            } else if days <= 0 {
                v.append(FieldError(field: deadline.name, rule: "IV-17", code: "interview.rectification.before", messageZH: "整改期限须晚于约谈日期"))
            }
            return v
        }

        static func apply(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            let record = InterviewFacts.Record(heldOn: input.heldOn, mode: input.mode, interviewers: f.interviewers, recorder: input.recorder, agent: input.agent,
                                               experts: input.experts, findings: input.findings, statement: input.statement, items: input.items,
                                               deadline: input.deadline, partySigned: input.signature == .signed, witnesses: input.witnesses,
                                               lateReason: input.lateReason)
            f.record = record
            // CAL-14: the party's report is due the 3rd working day before the rectification deadline.
            return Outcome(state: "rectification", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.end(step: f.verification?.urgent == true ? "interviewUrgent" : "interview", on: input.heldOn),
                                    .end(step: "startTimeliness", on: input.heldOn), .start(step: "rectificationReport", on: input.deadline)],
                           summaryZH: "实施约谈（\(record.mode.nameZH)），整改\(record.items.count)项，期限\(input.deadline.chinese)")
        }
    }
}
