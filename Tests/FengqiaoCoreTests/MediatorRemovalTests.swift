@testable import FengqiaoCore
import Foundation
import Testing

/// MD-01: the filed list; MD-06: removal (撤换) only by a leading-group decision citing 严重失职 or 违法违纪; the term cut short.
@Suite("Removing a mediator (MD-06)")
struct MediatorRemovalTests {
    @Test("MD-06: 吴调解 (2025-03-01…2026-02-28, renewed to 2027-02-28) removed on Mon 2026-02-09 — a ground, a decision and a day not to come are required; removal needs a mediator in office; the term ends 02-08 and the renewal is revoked")
    func removal() throws {
        let wu = MF.mediator(MF.wu, "吴调解", unit: MF.centre, renewed: true)
        let today = MF.date("2026-02-09")
        func codes(_ person: PersonFact?, _ ground: String?, _ decision: String?, _ on: String?) -> [String] {
            MediatorEligibility.removalRefusals(person, ground: ground, decision: decision, on: on.flatMap(LocalDate.init(iso:)), today: today).map(\.code)
        }
        #expect(codes(wu, "dereliction", "江市监领〔2026〕3号", "2026-02-09").isEmpty)
        #expect(codes(wu, "violation", "江市监领〔2026〕3号", "2026-02-01").isEmpty)
        // Only the two grounds of MD-06; a leading-group decision; not a day to come.
        #expect(codes(wu, "poorPerformance", "江市监领〔2026〕3号", "2026-02-09") == ["mediator.removal.ground"])
        #expect(codes(wu, nil, " ", "2026-02-09") == ["mediator.removal.ground", "mediator.removal.decision"])
        #expect(codes(wu, "dereliction", "江市监领〔2026〕3号", "2026-02-10") == ["mediator.removal.future"])
        #expect(codes(wu, "dereliction", "江市监领〔2026〕3号", nil) == ["input.date"])
        // Not in office that day: before his first term, or nobody.
        #expect(codes(wu, "dereliction", "江市监领〔2026〕3号", "2025-02-28") == ["mediator.removal.not-serving"])
        #expect(codes(nil, "dereliction", "江市监领〔2026〕3号", "2026-02-09") == ["mediator.removal.not-serving"])

        let first = UUID(), renewal = UUID(), training = UUID()
        let held = [
            HeldQualification(id: first, kind: MediatorEligibility.termKind, obtainedOn: MF.date("2025-03-01"), expiresOn: MF.date("2026-02-28"), revoked: false),
            HeldQualification(id: renewal, kind: MediatorEligibility.termKind, obtainedOn: MF.date("2026-03-01"), expiresOn: MF.date("2027-02-28"), revoked: false),
            HeldQualification(id: training, kind: MediatorEligibility.trainingKind, obtainedOn: MF.date("2025-03-10"), expiresOn: nil, revoked: false),
        ]
        #expect(MediatorEligibility.cuts(held, from: today) == [QualificationCut(id: first, expiresOn: MF.date("2026-02-08"), revoke: false),
                                                               QualificationCut(id: renewal, expiresOn: MF.date("2027-02-28"), revoke: true)])
        // Removed on the first day of the renewal: the first term ended anyway, the renewal is revoked.
        #expect(MediatorEligibility.cuts(held, from: MF.date("2026-03-01")) == [QualificationCut(id: renewal, expiresOn: MF.date("2027-02-28"), revoke: true)])
        // MD-04 after the cut: no longer eligible from the day of removal.
        let cut = PersonFact(id: MF.wu, name: "吴调解", unitID: MF.centre, qualifications: [
            QualificationFact(kind: MediatorEligibility.termKind, obtainedOn: MF.date("2025-03-01"), expiresOn: MF.date("2026-02-08")),
            QualificationFact(kind: MediatorEligibility.termKind, obtainedOn: MF.date("2026-03-01"), expiresOn: MF.date("2027-02-28"), revoked: true),
            QualificationFact(kind: MediatorEligibility.trainingKind, obtainedOn: MF.date("2025-03-10"), expiresOn: nil),
            QualificationFact(kind: MediatorEligibility.filedKind, obtainedOn: MF.date("2025-03-01"), expiresOn: nil),
        ])
        #expect(MediatorEligibility.refusals(cut, on: today, field: "mediators").map(\.code) == ["mediation.mediator.term-expired"])
        #expect(MediationProcedure.module.personLeft == MediationProcedure.MediatorLapsed.spec.key)
    }

    @Test("MD-01: a mediator in office and trained is assignable only from the day his unit's list is filed with 法制科 (2026-02-10); the filing takes those in office not yet filed, needs a reference and a day not to come")
    func filing() throws {
        let unfiled = MF.mediator(MF.wu, "吴调解", unit: MF.centre, filed: nil)
        #expect(MediatorEligibility.refusals(unfiled, on: MF.date("2026-02-09"), field: "mediators").map(\.code) == ["mediation.mediator.not-filed"])
        let filed = MF.mediator(MF.wu, "吴调解", unit: MF.centre, filed: "2026-02-10")
        #expect(MediatorEligibility.refusals(filed, on: MF.date("2026-02-09"), field: "mediators").map { "\($0.rule) \($0.code)" } == ["MD-01 mediation.mediator.not-filed"])
        #expect(MediatorEligibility.refusals(filed, on: MF.date("2026-02-10"), field: "mediators").isEmpty)

        let other = MF.mediator(MF.li, "李调解", unit: UUID(), filed: nil)
        let lapsed = MF.mediator(UUID(), "孙到期", unit: MF.centre, start: "2024-03-01", filed: nil)
        let people = [unfiled, filed, other, lapsed]
        let day = MF.date("2026-02-09")
        #expect(MediatorEligibility.unfiled(people, unit: MF.centre, on: day).map(\.name) == ["吴调解", "吴调解"])
        #expect(MediatorEligibility.unfiled(people, unit: MF.centre, on: MF.date("2026-02-10")).count == 1)
        #expect(MediatorEligibility.filingRefusals([unfiled], reference: "法备〔2026〕2号", on: day, today: day).isEmpty)
        #expect(MediatorEligibility.filingRefusals([unfiled], reference: " ", on: MF.date("2026-02-10"), today: day).map(\.code)
            == ["mediator.filing.reference", "mediator.filing.future"])
        #expect(MediatorEligibility.filingRefusals([], reference: "法备〔2026〕2号", on: day, today: day).map(\.code) == ["mediator.filing.none"])
    }


    @Test("MD-05: 吴调解 resigns on Mon 2026-02-09 — a reason and a day not to come are required, and a mediator in office; the list then says 辞任 (a removal 撤换), until a new term begins")
    func resignation() {
        let wu = MF.mediator(MF.wu, "吴调解", unit: MF.centre, renewed: true)
        let today = MF.date("2026-02-09")
        func codes(_ person: PersonFact?, _ reason: String?, _ on: String?) -> [String] {
            MediatorEligibility.resignationRefusals(person, reason: reason, on: on.flatMap(LocalDate.init(iso:)), today: today).map(\.code)
        }
        #expect(codes(wu, "本人申请辞任，工作调动", "2026-02-09").isEmpty)
        #expect(codes(wu, "  ", "2026-02-09") == ["mediator.resignation.reason"])
        #expect(codes(wu, "工作调动", "2026-02-10") == ["mediator.resignation.future"])
        #expect(codes(wu, "工作调动", "2025-02-28") == ["mediator.resignation.not-serving"] && codes(nil, "x", "2026-02-09") == ["mediator.resignation.not-serving"])

        func person(_ marker: String, again: String? = nil) -> PersonFact {
            var q = [QualificationFact(kind: MediatorEligibility.termKind, obtainedOn: MF.date("2025-03-01"), expiresOn: MF.date("2026-02-08")),
                     QualificationFact(kind: marker, obtainedOn: MF.date("2026-02-09"), expiresOn: nil),
                     QualificationFact(kind: MediatorEligibility.trainingKind, obtainedOn: MF.date("2025-03-10"), expiresOn: nil)]
            if let again { q.append(QualificationFact(kind: MediatorEligibility.termKind, obtainedOn: MF.date(again), expiresOn: nil)) }
            return PersonFact(id: MF.wu, name: "吴调解", unitID: MF.centre, qualifications: q)
        }
        #expect(MediatorRoster.rows([person(MediatorEligibility.resignedKind)], on: MF.date("2026-02-10")).first?.status == .resigned)
        #expect(MediatorRoster.rows([person(MediatorEligibility.removedKind)], on: MF.date("2026-02-10")).first?.status.nameZH == "撤换")
        // Before leaving he was in office; re-appointed later, he is again.
        #expect(MediatorRoster.rows([person(MediatorEligibility.resignedKind)], on: MF.date("2026-02-08")).first?.status == .serving)
        #expect(MediatorRoster.rows([person(MediatorEligibility.resignedKind, again: "2026-06-01")], on: MF.date("2026-06-02")).first?.status == .serving)
    }
}

