import Foundation

/// MD-05: the day the assigned mediators' terms lapsed mid-case, and who.
public struct MediatorLapse: Codable, Sendable, Equatable {
    public var on: LocalDate
    public var names: [String]

    public init(on: LocalDate, names: [String]) {
        self.on = on
        self.names = names
    }
}

extension MediatorEligibility {
    /// MD-03, MD-05: the last day `person` stays in office without a break from `day` — the end of the
    /// term covering it, carried over every renewal that starts the next day (连选连任, 续聘). Nil when no
    /// term covers the day, or a term never ends.
    public static func inOfficeThrough(_ person: PersonFact?, from day: LocalDate) -> LocalDate? {
        guard let person else { return nil }
        let terms = person.qualifications.filter { $0.kind == termKind && !$0.revoked }
        let covering = terms.filter { $0.valid(on: day) }
        guard !covering.contains(where: { $0.expiresOn == nil }), var end = covering.compactMap(\.expiresOn).max() else { return nil }
        while true {
            let following = terms.filter { $0.valid(on: end.adding(days: 1)) }
            if following.contains(where: { $0.expiresOn == nil }) { return nil }
            guard let next = following.compactMap(\.expiresOn).max(), next > end else { return end }
            end = next
        }
    }
}

extension MediationProcedure {
    /// MD-05: the clock watching the assigned mediators' terms — it runs out at the end of the first
    /// mediator's last day in office (a 1-day period started the day before), so the system records
    /// the lapse the day after. None when no one's term ends.
    static func termWatch(_ mediators: [UUID], context: ProcedureContext) -> [ClockEffect] {
        let ends = mediators.compactMap { MediatorEligibility.inOfficeThrough(context.people[$0], from: context.today) }
        let stop = stopWatch(context.today, "调解员变更")
        guard let first = ends.min() else { return [stop] }
        return [stop, .start(step: "mediatorTerm", on: max(context.today, first.adding(days: -1)))]
    }

    /// Stops the term watch (it may not have started yet: its start is the day before a term ends, so
    /// it is cancelled, never ended before its start, CAL-33).
    static func stopWatch(_ day: LocalDate, _ reason: String) -> ClockEffect { .cancel(step: "mediatorTerm", on: day, reason: reason) }

    /// MD-05: the system's step when an assigned mediator's term has lapsed mid-case (期满): the case is
    /// flagged and the unit's head must reassign eligible mediators within 5 working days (`reassign`,
    /// ended by `assignMediators`); sessions and agreements by the lapsed mediator are refused meanwhile
    /// (MD-04). A term renewed in time only moves the watch to the new end.
    public enum MediatorLapsed: MediationStep {
        public static let spec = TransitionSpec("mediatorLapsed", "调解员任期届满", from: ["accepting", "mediating", "suspended"],
                                                permissions: [.mediationAssign], fields: [], rule: "MD-05")

        public static func decode(_ i: ActionInput) -> Void? { () }

        public static func apply(_ input: Void, case c: ProcedureCase<MediationFacts>, context: ProcedureContext) -> Outcome<MediationFacts> {
            var f = c.facts
            let lapsed = f.mediatorIDs.filter { id in
                MediatorEligibility.refusals(context.people[id], on: context.today, field: "mediators")
                    .contains { ["mediation.mediator.term-expired", "mediation.mediator.not-appointed"].contains($0.code) }
            }
            guard !lapsed.isEmpty else {
                return Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID, clocks: termWatch(f.mediatorIDs, context: context),
                               summaryZH: "调解员已续聘，任期届满提醒顺延")
            }
            let names = lapsed.map { context.people[$0]?.name ?? "" }
            f.lapse = MediatorLapse(on: context.today, names: names)
            var o = Outcome(state: c.state, gravity: c.gravity, facts: f, handlerID: c.handlerID,
                            clocks: [stopWatch(context.today, "调解员任期届满"), .start(step: "reassign", on: context.today)],
                            summaryZH: "调解员\(names.joined(separator: "、"))任期届满，须于5个工作日内另行指派调解员")
            o.unitNotices = [UnitNotice(unitIDs: [c.unitID], permissions: [.mediationAssign], titleZH: "调解员任期届满，请另行指派",
                                        bodyZH: "\(f.applicantName)与\(f.respondentName)的纠纷，调解员\(names.joined(separator: "、"))任期已届满，请于5个工作日内另行指派（MD-05）。")]
            return o
        }
    }
}
