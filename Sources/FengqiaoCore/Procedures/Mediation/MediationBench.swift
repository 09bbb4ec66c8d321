import Foundation

// The mediation bench plan (issue 15's figures: worklists and the case page with 200,000 mediation
// cases among the others): open disputes spread over the states a centre has, each with the facts
// the procedure leaves there, and API clients flagging disputes major (MD-33) — a step that takes no
// date, so any day's run can take it.

extension MediationProcedure: Benchmarked {
    public static var bench: BenchPlan<MediationFacts> {
        BenchPlan(
            qualifications: [MediatorEligibility.termKind, MediatorEligibility.trainingKind, MediatorEligibility.filedKind],
            openStates: ["registered", "accepting", "mediating", "mediating", "mediating", "suspended"],
            clockStep: ["registered": "triage", "accepting": "consent", "mediating": "mediation", "suspended": "mediation"],
            facts: benchFacts,
            measuredState: "mediating", measuredTransition: FlagMajor.spec.key,
            measuredInput: [FlagMajor.reason.name: ["涉及人数较多，有群体性事件风险"]],
            documents: ["MD-ACCEPT", "MD-SESSION"],
            intake: { opening($0).values },
            // Issue 15: the figures among the other procedures' cases — a complaint beside every dispute, a report for every four.
            companions: [(ComplaintProcedure.self, 1), (ReportProcedure.self, 4)])
    }

    /// A walk-in at the window: the seed's counterpart against the seed's party over a contract.
    static func opening(_ seed: BenchSeed) -> ActionInput {
        ActionInput(single: [
            Register.source.name: MediationSource.visit.rawValue, Register.providerName.name: "基准申请人\(seed.serial)", Register.providerRelation.name: "申请人本人",
            Register.applicant.name: (seed.counterpart ?? UUID()).uuidString, Register.respondent.name: seed.party.uuidString,
            Register.objectKind.name: MediationObjectKind.contract.rawValue, Register.objectDescription.name: "服务合同履行", Register.amount.name: "2000",
            Register.nature.name: MediationNature.contract.rawValue, Register.scope.name: MediationScope.civil.rawValue, Register.claim.name: "退还预付款",
        ])
    }

    /// Facts as the procedure leaves them in the seed's state, played through the pure engine: kept at
    /// the officer's unit (as its centre), the officer the mediator, both parties consenting on the day.
    static func benchFacts(_ seed: BenchSeed, _ cast: BenchCast) throws -> MediationFacts {
        let day = seed.openedOn, officer = cast.officer
        let applicant = seed.counterpart ?? UUID()
        let centre = Actor(userID: officer.userID, login: officer.login, name: officer.name, unitID: officer.unitID,
                           permissions: officer.permissions.union([.mediationTriage, .mediationAssign, .mediationRegister, .mediationHandle]),
                           roleCodes: ["mediation-centre"], visibleUnits: officer.visibleUnits)
        let mediator = PersonFact(id: officer.userID, name: officer.name, unitID: officer.unitID, qualifications: [
            QualificationFact(kind: MediatorEligibility.termKind, obtainedOn: day.adding(days: -30), expiresOn: MediatorEligibility.termEnd(start: day.adding(days: -30))),
            QualificationFact(kind: MediatorEligibility.trainingKind, obtainedOn: day.adding(days: -20), expiresOn: nil),
            QualificationFact(kind: MediatorEligibility.filedKind, obtainedOn: day.adding(days: -30), expiresOn: nil),
        ])
        func consent(_ side: MediationSide) -> ActionInput {
            ActionInput(single: [RecordConsent.side.name: side.rawValue, RecordConsent.on.name: day.iso, RecordConsent.form.name: ConsentForm.written.rawValue])
        }
        let steps: [(key: String, actor: Actor, input: ActionInput)] = [
            (MediateAtCentre.spec.key, centre, ActionInput()),
            (AssignMediators.spec.key, centre, ActionInput(single: [AssignMediators.mediators.name: officer.userID.uuidString])),
            (RecordConsent.spec.key, centre, consent(.applicant)),
            (RecordConsent.spec.key, centre, consent(.respondent)),
            (SuspendMediation.spec.key, centre, ActionInput(single: [SuspendMediation.reason.name: MediationPauseReason.appraisal.rawValue,
                                                                     SuspendMediation.from.name: day.iso])),
        ]
        return try ProcedureEngine.play(MediationProcedure.self, to: seed.state, opening: opening(seed), unitID: officer.unitID, party: seed.party,
                                        handler: centre, on: day, steps: steps) { actor in
            ProcedureContext(actor: actor, today: day, calendar: cast.calendar, people: [officer.userID: mediator],
                             partyNames: [seed.party: seed.partyName, applicant: "基准申请人\(seed.serial)"])
        }
    }
}
