import Foundation

// The interview's bench plan (issue 5's figures): open interviews spread over the states a busy office
// has, each holding the facts the procedure leaves there, and API clients submitting verifications.

extension InterviewProcedure: Benchmarked {
    public static var bench: BenchPlan<InterviewFacts> {
        BenchPlan(
            qualifications: [interviewerQualification], colleagueQualifications: ["legal-review"],
            openStates: ["clue", "clue", "legalReview", "approval", "notice", "interview", "rectification", "rectification", "rectification", "inspection"],
            clockStep: ["clue": "verification", "legalReview": "legalReview", "approval": "approval", "notice": "notice", "interview": "interview",
                        "rectification": "rectificationReport", "inspection": "inspection"],
            clockStart: { facts, step, day in step == "rectificationReport" ? facts.record?.deadline ?? day : day },
            facts: benchFacts,
            measuredState: "clue", measuredTransition: Verify.spec.key,
            measuredInput: verifyInput(facts: "经核查", category: ViolationCategoryVersion.otherCode),
            documents: ["IV-NOTICE", "IV-RECTIFY", "IV-PASS"],
            intake: { opening($0).values })
    }

    /// A clue found on inspection of the seed's party.
    static func opening(_ seed: BenchSeed) -> ActionInput {
        ActionInput(single: [
            RecordClue.party.name: seed.party.uuidString, RecordClue.title.name: seed.partyName, RecordClue.source.name: ClueSource.inspection.rawValue,
            RecordClue.description.name: "基准线索",
        ])
    }

    /// Facts as the procedure leaves them in the seed's state, played through the pure engine.
    static func benchFacts(_ seed: BenchSeed, _ cast: BenchCast) throws -> InterviewFacts {
        let day = seed.openedOn, officer = cast.officer, chief = cast.leader
        let qualified = [QualificationFact(kind: interviewerQualification, obtainedOn: day.adding(days: -400), expiresOn: nil),
                         QualificationFact(kind: "legal-review", obtainedOn: day.adding(days: -400), expiresOn: nil)]
        let people = [officer.userID: PersonFact(id: officer.userID, name: officer.name, unitID: officer.unitID, qualifications: qualified),
                      cast.colleague: PersonFact(id: cast.colleague, name: "officer2", unitID: officer.unitID, qualifications: qualified)]
        let notice = DocumentFact(id: UUID(), templateCode: "IV-NOTICE", number: "基准约〔2026〕1号", issuedOn: day, void: false, servedOn: day)
        // A legal reviewer reviews; the chief approves and assigns (IV-11 keeps the two apart).
        let reviewer = Actor(userID: UUID(), login: "bench-legal", name: "法制", unitID: chief.unitID, permissions: [.legalReview, .caseRead],
                             roleCodes: ["legal-reviewer"], visibleUnits: nil)
        let assigner = Actor(userID: chief.userID, login: chief.login, name: chief.name, unitID: chief.unitID,
                             permissions: chief.permissions.union([.caseAssign]), roleCodes: chief.roleCodes, visibleUnits: nil)
        let category = ViolationCategoryVersion.shipped.offered[seed.serial % 10].code
        let steps: [(key: String, actor: Actor, input: ActionInput)] = [
            (Verify.spec.key, officer, ActionInput(verifyInput(facts: "基准事实", category: category))),
            (Review.spec.key, reviewer, ActionInput(ticked(Review.points).merging([
                Review.decision.name: [Review.Decision.pass.rawValue], Review.opinion.name: ["同意"],
            ]) { $1 })),
            (Approve.spec.key, chief, ActionInput([Approve.decision.name: [Approve.Decision.approve.rawValue], Approve.opinion.name: ["同意"]])),
            (Assign.spec.key, assigner, ActionInput([
                Assign.interviewers.name: [officer.userID.uuidString, cast.colleague.uuidString], Assign.tracker.name: [officer.userID.uuidString],
            ])),
            (ServeNotice.spec.key, officer, ActionInput([
                ServeNotice.scheduledOn.name: [day.iso], ServeNotice.place.name: ["会议室"], modeField.name: [InterviewFacts.Mode.onSite.rawValue],
            ])),
            (HoldInterview.spec.key, officer, ActionInput(ticked(HoldInterview.acts.map(\.field)).merging([
                HoldInterview.heldOn.name: [day.iso], modeField.name: [InterviewFacts.Mode.onSite.rawValue], HoldInterview.recorder.name: ["记录人"],
                HoldInterview.findings.name: ["事实"], HoldInterview.statement.name: ["承诺"], HoldInterview.items.name: ["整改一\n整改二"],
                HoldInterview.deadline.name: [day.adding(days: 25).iso], HoldInterview.signature.name: [HoldInterview.Signature.signed.rawValue],
            ]) { $1 })),
            (ReceiveReport.spec.key, officer, ActionInput([ReceiveReport.receivedOn.name: [day.iso], ReceiveReport.summary.name: ["已整改"]])),
        ]
        return try ProcedureEngine.play(InterviewProcedure.self, to: seed.state, opening: opening(seed), unitID: officer.unitID, party: seed.party, handler: officer,
                                        on: day, steps: steps) { actor in
            ProcedureContext(actor: actor, today: day, calendar: cast.calendar, people: people, documents: [notice], partyNames: [seed.party: seed.partyName])
        }
    }

    /// An ordinary first-minor verification of `category`, its fields named by the transition.
    static func verifyInput(facts: String, category: String) -> [String: [String]] {
        [Verify.facts.name: [facts], Verify.evidence.name: ["检查笔录"], Verify.provisions.name: ["条款"], Verify.ground.name: [InterviewGround.firstMinor.rawValue],
         Verify.category.name: [category], Verify.categoryNote.name: ["基准"], Verify.necessity.name: ["必要"], Verify.notSerious.name: ["on"]]
    }
}
