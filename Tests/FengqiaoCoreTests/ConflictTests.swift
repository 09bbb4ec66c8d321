@testable import FengqiaoCore
import Foundation
import Testing

/// PLT-06 in the engine: a user related to a party cannot handle, review or approve the party's case,
/// nor be assigned to it — for every transition of every procedure, not only the interviewers.
@Suite("Conflicts of interest (PLT-06)")
struct ConflictTests {
    typealias T = InterviewProcedureTests

    static func related(_ id: UUID, _ name: String) -> PersonFact {
        PersonFact(id: id, name: name, unitID: T.unit, qualifications: [], conflictParties: [T.party])
    }

    static func context(_ actor: Actor, today: String, extra: [PersonFact]) -> ProcedureContext {
        var people = T.people
        for p in extra { people[p.id] = p }
        return T.context(actor, today: today, people: people)
    }

    func codes(_ r: Result<Outcome<InterviewFacts>, Refusal>) -> [String] {
        if case let .failure(refusal) = r { return refusal.violations.map(\.code) }
        return []
    }

    @Test("PLT-06 the legal reviewer, the approver and the handler related to the party are refused; the case page lists it before any input")
    func actors() throws {
        // setup
        let f = T.facts(verifiedBy: UUID())
        let reviewerID = UUID(), approverID = UUID(), handlerID = UUID()
        let reviewer = T.actor(ShippedRoles.legalReviewer, id: reviewerID, name: "钱法制")
        let approver = T.actor(ShippedRoles.deputyLeader, id: approverID, name: "赵分管")
        let handler = T.actor(ShippedRoles.officer, id: handlerID, name: "李明")
        let extra = [Self.related(reviewerID, "钱法制"), Self.related(approverID, "赵分管"), Self.related(handlerID, "李明")]
        let review = ActionInput(single: ["decision": "pass", "opinion": "同意", "partyQualified": "on", "factsClear": "on", "evidenceSufficient": "on",
                                          "lawCorrect": "on", "procedureLawful": "on"])
        // act
        let reviewed = ProcedureEngine.perform(InterviewProcedure.self, "review", on: T.kase("legalReview", f), input: review,
                                               context: Self.context(reviewer, today: "2025-08-22", extra: extra))
        var reviewedFacts = f
        reviewedFacts.reviews = [.init(by: UUID(), on: T.date("2025-08-22"), passed: true, opinion: "同意")]
        let approved = ProcedureEngine.perform(InterviewProcedure.self, "approve", on: T.kase("approval", reviewedFacts),
                                               input: ActionInput(single: ["decision": "approve", "opinion": "同意"]),
                                               context: Self.context(approver, today: "2025-08-25", extra: extra))
        let verified = ProcedureEngine.perform(InterviewProcedure.self, "verify", on: T.kase("clue", f), input: T.verifyInput,
                                               context: Self.context(handler, today: "2025-08-21", extra: extra))
        // check
        #expect(codes(reviewed) == ["conflict.of-interest.actor"])
        #expect(codes(approved) == ["conflict.of-interest.actor"])
        #expect(codes(verified).contains("conflict.of-interest.actor"))
        // the same people without the relation are allowed
        #expect(codes(ProcedureEngine.perform(InterviewProcedure.self, "review", on: T.kase("legalReview", f), input: review,
                                              context: T.context(reviewer, today: "2025-08-22"))).isEmpty)
        let offered = ProcedureEngine.available(InterviewProcedure.self, on: T.kase("legalReview", f),
                                                context: Self.context(reviewer, today: "2025-08-22", extra: extra))
        #expect(offered.first { $0.transition.key == "review" }?.unmet.map(\.rule) == ["PLT-06"])
    }

    @Test("PLT-06 assigning a related user as the handler (the rectification tracker) is refused on that field; a related interviewer is named once")
    func assignment() throws {
        // setup
        let head = T.actor(ShippedRoles.unitHead)
        let tracker = Self.related(UUID(), "孙跟踪")
        let c = T.kase("notice", T.facts(verifiedBy: UUID()))
        // act
        let r = ProcedureEngine.perform(InterviewProcedure.self, "assign", on: c, input: ActionInput([
            "interviewers": [T.wang.id.uuidString, T.li.id.uuidString], "tracker": [tracker.id.uuidString],
        ]), context: Self.context(head, today: "2025-09-01", extra: [tracker]))
        // check
        guard case let .failure(refusal) = r else { Issue.record("related tracker accepted"); return }
        #expect(refusal.violations.map(\.field) == ["tracker"])
        #expect(refusal.rules == ["PLT-06"])
        let wang = PersonFact(id: T.wang.id, name: T.wang.name, unitID: T.unit, qualifications: T.wang.qualifications, conflictParties: [T.party])
        let twice = ProcedureEngine.perform(InterviewProcedure.self, "assign", on: c, input: ActionInput([
            "interviewers": [T.wang.id.uuidString, T.li.id.uuidString], "tracker": [T.li.id.uuidString],
        ]), context: Self.context(head, today: "2025-09-01", extra: [wang]))
        #expect(codes(twice) == ["conflict.of-interest"])
    }
}
