import Foundation

// The complaint's bench plan (issue 14's figures: the worklists and the case page with 1,000,000
// submissions, and API intake): open complaints spread over the states a 12315 desk has, each with
// the facts the procedure leaves there, and API clients proposing acceptance decisions.

extension ComplaintProcedure: Benchmarked {
    public static var bench: BenchPlan<ComplaintFacts> {
        BenchPlan(
            qualifications: [],
            openStates: ["awaitingDecision", "awaitingDecision", "awaitingDecision", "awaitingApproval", "mediating", "mediating", "mediating", "paused"],
            clockStep: ["awaitingDecision": "acceptance", "awaitingApproval": "acceptance", "mediating": "mediation", "paused": "mediation"],
            facts: benchFacts,
            measuredState: "awaitingDecision", measuredTransition: ProposeDecision.spec.key,
            measuredInput: [ProposeDecision.choice.name: [AcceptanceChoice.accept.rawValue]],
            documents: ["CP-ACCEPT", "CP-MEDIATION-NOTICE"],
            intake: { opening($0).values },
            // CP-38: the monthly analysis counts reports too — one for every four complaints.
            companions: [(ReportProcedure.self, 4)])
    }

    /// A platform item registered at the desk: the seed's party complained of by its counterpart.
    static func opening(_ seed: BenchSeed) -> ActionInput {
        ActionInput([
            Register.complainant.name: [(seed.counterpart ?? UUID()).uuidString], Register.respondent.name: [seed.party.uuidString],
            Register.channel.name: [ComplaintChannel.platform.rawValue], Register.externalNo.name: ["B\(seed.serial)"],
            Register.receivedOn.name: [seed.openedOn.iso], Register.knewOn.name: [seed.openedOn.adding(days: -3).iso], Register.request.name: ["退还货款"],
            Register.statement.name: ["基准投诉"],
        ])
    }

    /// Facts as the procedure leaves them in the seed's state, played through the pure engine: the
    /// seed's party is the respondent, its counterpart the complainant.
    static func benchFacts(_ seed: BenchSeed, _ cast: BenchCast) throws -> ComplaintFacts {
        let day = seed.openedOn, officer = cast.officer
        let complainant = seed.counterpart ?? UUID()
        // The head approves the decision (CP-14): a leader with the approval permission.
        let head = Actor(userID: cast.leader.userID, login: cast.leader.login, name: cast.leader.name, unitID: officer.unitID,
                         permissions: [.complaintApprove, .caseRead], roleCodes: ["unit-head"], visibleUnits: nil)
        let steps: [(key: String, actor: Actor, input: ActionInput)] = [
            (Receive.spec.key, officer, ActionInput([:])),
            (ProposeDecision.spec.key, officer, ActionInput([ProposeDecision.choice.name: [AcceptanceChoice.accept.rawValue]])),
            (ApproveDecision.spec.key, head, ActionInput([ApproveDecision.verdict.name: [ApproveDecision.Verdict.approve.rawValue]])),
            (PauseMediation.spec.key, officer, ActionInput([PauseMediation.reason.name: [PauseReason.testing.rawValue], PauseMediation.from.name: [day.iso]])),
        ]
        return try ProcedureEngine.play(ComplaintProcedure.self, to: seed.state, opening: opening(seed), unitID: officer.unitID, party: seed.party,
                                        handler: officer, on: day, steps: steps) { actor in
            ProcedureContext(actor: actor, today: day, calendar: cast.calendar, partyNames: [seed.party: seed.partyName, complainant: "基准投诉人\(seed.serial)"])
        }
    }
}

/// Complaints written beside another procedure's measured cases (mediation's figures are taken among
/// the other procedures' cases, issue 15): the states and facts of the complaint's own plan.
extension ComplaintProcedure: BenchSeeded {
    public static var seeding: BenchSeeding<ComplaintFacts> {
        let plan = bench
        return BenchSeeding(openStates: plan.openStates, clockStep: plan.clockStep, facts: plan.facts)
    }
}
