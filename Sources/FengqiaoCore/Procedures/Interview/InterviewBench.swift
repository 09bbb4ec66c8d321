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
            measuredState: "clue", measuredTransition: "verify",
            measuredInput: ["facts": ["经核查"], "evidence": ["检查笔录"], "provisions": ["条款"], "ground": ["first-minor"], "category": ["other"],
                            "categoryNote": ["基准"], "necessity": ["必要"], "notSerious": ["on"]],
            documents: ["IV-NOTICE", "IV-RECTIFY", "IV-PASS"])
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
            ("verify", officer, ActionInput(["facts": ["基准事实"], "evidence": ["检查笔录"], "provisions": ["条款"], "ground": ["first-minor"],
                                             "category": [category], "categoryNote": ["基准"], "necessity": ["必要"], "notSerious": ["on"]])),
            ("review", reviewer, ActionInput(["decision": ["pass"], "opinion": ["同意"], "partyQualified": ["on"], "factsClear": ["on"],
                                              "evidenceSufficient": ["on"], "lawCorrect": ["on"], "procedureLawful": ["on"]])),
            ("approve", chief, ActionInput(["decision": ["approve"], "opinion": ["同意"]])),
            ("assign", assigner, ActionInput(["interviewers": [officer.userID.uuidString, cast.colleague.uuidString], "tracker": [officer.userID.uuidString]])),
            ("serveNotice", officer, ActionInput(["scheduledOn": [day.iso], "place": ["会议室"], "mode": ["on-site"]])),
            ("holdInterview", officer, ActionInput(["heldOn": [day.iso], "mode": ["on-site"], "recorder": ["记录人"], "findings": ["事实"], "statement": ["承诺"],
                                                    "items": ["整改一\n整改二"], "deadline": [day.adding(days: 25).iso], "certificatesShown": ["on"],
                                                    "purposeStated": ["on"], "rightsInformed": ["on"], "refusalConsequenceInformed": ["on"],
                                                    "signature": ["signed"]])),
            ("receiveReport", officer, ActionInput(["receivedOn": [day.iso], "summary": ["已整改"]])),
        ]
        let opening = ActionInput(single: ["partyID": seed.party.uuidString, "title": seed.partyName, "source": "inspection", "description": "基准线索"])
        return try ProcedureEngine.play(InterviewProcedure.self, to: seed.state, opening: opening, unitID: officer.unitID, party: seed.party, handler: officer,
                                        on: day, steps: steps) { actor in
            ProcedureContext(actor: actor, today: day, calendar: cast.calendar, people: people, documents: [notice], partyNames: [seed.party: seed.partyName])
        }
    }
}
