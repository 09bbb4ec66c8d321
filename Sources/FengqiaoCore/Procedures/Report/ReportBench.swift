import Foundation

// The report track as the bench writes it beside the complaints (issue 14's figure for the monthly
// analysis, CP-38, which counts both tracks): reports registered at the desk and verified by the
// receiving unit, played through the pure engine.

extension ReportProcedure: BenchSeeded {
    public static var seeding: BenchSeeding<ReportFacts> {
        BenchSeeding(openStates: ["verifying"], clockStep: ["verifying": "reportVerification"], facts: benchFacts)
    }

    /// An anonymous report of the seed's party, received on the seed's day and verified where registered.
    static func benchFacts(_ seed: BenchSeed, _ cast: BenchCast) throws -> ReportFacts {
        let opening = ActionInput([
            Register.reported.name: [seed.party.uuidString], Register.actPlace.name: ["基准经营场所"],
            Register.category.name: [ViolationCategoryVersion.otherCode], Register.clue.name: ["基准举报\(seed.serial)"],
            Register.origin.name: [ReportOrigin.direct.rawValue], Register.receivedOn.name: [seed.openedOn.iso],
        ])
        return try ProcedureEngine.play(ReportProcedure.self, to: seed.state, opening: opening, unitID: cast.officer.unitID, party: seed.party,
                                        handler: cast.officer, on: seed.openedOn, steps: []) { actor in
            ProcedureContext(actor: actor, today: seed.openedOn, calendar: cast.calendar, partyNames: [seed.party: seed.partyName])
        }
    }
}
