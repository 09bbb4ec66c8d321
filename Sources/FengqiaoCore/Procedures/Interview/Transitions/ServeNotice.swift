import Foundation

extension InterviewProcedure {
    /// Steps 5–6 (DOC-31): once the 《行政约谈通知书》 is issued and served, the interview is scheduled;
    /// its clock runs from the service date — 5 working days, or 24 hours for an urgent case (step 7).
    enum ServeNotice: InterviewStep {
        static let scheduledOn = TypedField<LocalDate>.date("scheduledOn", "约谈日期")
        static let place = TypedField<String>.text("place", "约谈地点")

        static let spec = TransitionSpec("serveNotice", "约谈通知已送达，确定约谈安排", from: ["notice"], permissions: [.interviewHandle],
                                         fields: [scheduledOn.spec, place.spec, modeField.spec], rule: "DOC-31",
                                         // DOC-31: only a served notice starts the interview clock.
                                         requires: [.served("IV-NOTICE")], issues: ["IV-NOTICE", "IV-OUTLINE"], to: ["interview"])

        struct Input: Sendable {
            let scheduledOn: LocalDate
            let place: String
            let mode: InterviewFacts.Mode
        }

        static func decode(_ i: ActionInput) -> Input? {
            guard let on = scheduledOn(i), let p = place(i), let m = modeField(i) else { return nil }
            return Input(scheduledOn: on, place: p, mode: m)
        }

        static func preconditions(_ c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            // The served notice is declared in the spec (`requires`); the engine checks it.
            interviewerRules(c.facts.interviewers, on: context.today, case: c, context: context, field: "interviewers")
        }

        static func check(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> [FieldError] {
            if let served = context.document("IV-NOTICE")?.servedOn, input.scheduledOn < served {
                return [FieldError(field: scheduledOn.name, rule: "DOC-31", code: "interview.schedule.before-service", messageZH: "约谈日期不能早于通知书送达日期")]
            }
            return []
        }

        static func apply(_ input: Input, case c: ProcedureCase<InterviewFacts>, context: ProcedureContext) -> Outcome<InterviewFacts> {
            var f = c.facts
            // The declared requirement holds: the notice is issued and served.
            let doc = context.document("IV-NOTICE")
            let served = doc?.servedOn ?? context.today
            let notice = InterviewFacts.Notice(documentNumber: doc?.number ?? "", issuedOn: doc?.issuedOn ?? served, servedOn: served,
                                               scheduledOn: input.scheduledOn, place: input.place, mode: input.mode)
            f.notice = notice
            // Step 7: held within 5 working days of service; urgent cases within 24 hours.
            return Outcome(state: "interview", gravity: c.gravity, facts: f, handlerID: c.handlerID,
                           clocks: [.end(step: "notice", on: served), .start(step: f.verification?.urgent == true ? "interviewUrgent" : "interview", on: served)],
                           summaryZH: "《行政约谈通知书》\(notice.documentNumber)于\(served.chinese)送达；约谈定于\(notice.scheduledOn.chinese)在\(notice.place)")
        }
    }
}
