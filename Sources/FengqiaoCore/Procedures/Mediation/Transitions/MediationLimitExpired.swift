import Foundation

extension MediationProcedure {
    /// MD-17, "Reminders and escalations" (limit due → on expiry: centre): when the 20 working days (with
    /// any extension, less suspensions) run out without a conclusion, the system records the expiry
    /// on the day after the last one. A dispatched unit then has 2 working days from the expiry to 回流;
    /// the centre is told either way that a return or a termination is now required.
    public enum LimitExpired: MediationStep {
        public static let spec = TransitionSpec("limitExpired", "调解期限届满", from: ["mediating"], permissions: [.mediationHandle], fields: [], rule: "MD-17")

        public static func decode(_ i: ActionInput) -> Void? { () }

        public static func apply(_ input: Void, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            // The clock ran out at the end of its due day, the working day before the one it fires on.
            let due = context.calendar.previousWorkday(onOrBefore: context.today.adding(days: -1))
            f.expiredOn = due
            let centre = f.dispatch?.fromUnitID ?? c.unitID
            var o = Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                            clocks: f.dispatched ? [.start(step: "returnToCentre", on: due)] : [],
                            summaryZH: "调解期限于\(due.chinese)届满，未达成协议" + (f.dispatched ? "，承办单位须于2个工作日内回流调解中心" : "，须终止调解"))
            o.unitNotices = [UnitNotice(unitIDs: [centre], permissions: [.mediationTriage], titleZH: "行政调解期限届满",
                                        bodyZH: "\(f.applicantName)与\(f.respondentName)的纠纷调解期限于\(due.chinese)届满，未达成协议，须回流或终止调解（MD-17）。")]
            return o
        }
    }
}
