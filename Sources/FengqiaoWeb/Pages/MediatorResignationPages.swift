import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// MD-05 on `/mediators`: the centre records that a mediator resigned (辞任) or can no longer serve —
/// his term ends the day before, the list shows him 辞任, and each open dispute he mediates is flagged
/// at once with 5 working days to reassign (the centre's 补选/补聘, seed 000 §一 第七条).
extension MediatorPages {
    /// MD-05: the mediators in office, and what was entered (kept on a refusal).
    struct Resignation {
        let persons: [SelectOption]
        let reason: String
        let on: String
        let errors: [String]
    }

    static func resignationForm(_ roster: [MediatorRoster.Row], units: [UUID: String], actor: Actor, form: [String: String], today: LocalDate,
                                errors: [String]) -> Resignation? {
        guard actor.can(.mediationTriage) else { return nil }
        return Resignation(persons: roster.filter { $0.status == .serving && actor.sees(unit: $0.unitID) }.map {
            SelectOption(value: $0.id.uuidString, label: "\($0.name)（\(units[$0.unitID] ?? "")）", selected: form["person"] == $0.id.uuidString)
        }, reason: form["reason"] ?? "", on: form["on"] ?? today.iso, errors: errors)
    }

    /// MD-05: the resignation — refused with the rule and nothing changed, or the term cut short from
    /// the day, the reason kept, and the mediator's open disputes flagged (`ProcedureModule.personLeft`).
    static func resign(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.mediationTriage)
        let form = ["person", "reason", "on"].reduce(into: [String: String]()) { $0[$1] = req.field($1) ?? "" }
        let org = OrganisationRepository(store: req.store)
        let personID = UUID(uuidString: form["person"] ?? "")
        let person = try await org.people(holding: MediatorEligibility.termKind, visibleTo: actor).first { $0.id == personID }
        let on = LocalDate(iso: form["on"] ?? "")
        let refusals = MediatorEligibility.resignationRefusals(person, reason: form["reason"], on: on, today: req.store.clock.todayInBeijing)
        guard refusals.isEmpty, let person, let on else {
            return try await page(req, form: form, resignationErrors: refusals.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
        }
        let held = try await org.qualifications(userID: person.id).map {
            HeldQualification(id: $0.id, kind: $0.kind, obtainedOn: $0.obtainedOn, expiresOn: $0.expiresOn, revoked: $0.revoked)
        }
        let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try await QualificationCutRepository(store: req.store).cut(
            userID: person.id, cuts: MediatorEligibility.cuts(held, from: on), marker: (MediatorEligibility.resignedKind, "辞任：\(reason)", on),
            summaryZH: "调解员\(person.name)自\(on.chinese)起辞任：\(reason)（MD-05）", context: req.auditContext)
        return req.redirect(to: "\(SiteURL.mediators.path)?ok=mediator-resigned")
    }
}
