import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// MD-02 on `/mediators`: the centre or a unit head records where a mediator comes from (本单位工作人员,
/// 群众选聘, 特邀 in a capacity) and confirms 第四条's qualities with its basis; the list shows it and
/// 法制科 files only a list whose mediators all have one (MD-01).
extension MediatorPages {
    /// MD-02: the mediators not past their terms, the choices, and what was entered (kept on a refusal).
    struct OriginForm {
        let persons: [SelectOption]
        let origins: [SelectOption]
        let capacities: [SelectOption]
        let capacityNote: String
        let attested: Bool
        let basis: String
        let qualities: String
        let errors: [String]
    }

    static func originForm(_ roster: [MediatorRoster.Row], units: [UUID: String], profiles: [UUID: MediatorProfile], actor: Actor,
                           form: [String: String], errors: [String]) -> OriginForm? {
        guard MediatorProfileRepository.recorders.contains(where: actor.can) else { return nil }
        let persons = roster.filter { $0.status != .expired && actor.sees(unit: $0.unitID) }.map { r in
            SelectOption(value: r.id.uuidString, label: "\(r.name)（\(units[r.unitID] ?? "")）" + (profiles[r.id].map { "：已登记\($0.labelZH)" } ?? "：未登记"),
                         selected: form["person"] == r.id.uuidString)
        }
        return OriginForm(persons: persons,
                          origins: MediatorOrigin.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: form["origin"] == $0.rawValue) },
                          capacities: InvitedCapacity.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: form["capacity"] == $0.rawValue) },
                          capacityNote: form["capacityNote"] ?? "", attested: form["attested"] == "on", basis: form["basis"] ?? "",
                          qualities: MediatorProfile.qualitiesZH, errors: errors)
    }

    /// MD-02: records the origin — refused with every fault and nothing changed, else kept (a revision replaces it, audited).
    static func recordOrigin(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let form = ["person", "origin", "capacity", "capacityNote", "attested", "basis"].reduce(into: [String: String]()) { $0[$1] = req.field($1) ?? "" }
        let org = OrganisationRepository(store: req.store)
        let personID = UUID(uuidString: form["person"] ?? "")
        let person = try await org.people(holding: MediatorEligibility.termKind, visibleTo: actor).first { $0.id == personID }
        var refusals: [FieldError] = person == nil
            ? [FieldError(field: "person", rule: "MD-02", code: "mediation.mediator.unknown", messageZH: "请选择调解员")] : []
        let checked = MediatorProfile.validate(origin: form["origin"], capacity: form["capacity"], capacityNote: form["capacityNote"],
                                               attested: form["attested"] == "on", basis: form["basis"], on: req.store.clock.todayInBeijing)
        if case let .failure(e) = checked { refusals += e.fields }
        guard refusals.isEmpty, let person, case let .success(profile) = checked else {
            return try await page(req, form: form, originErrors: refusals.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
        }
        try await MediatorProfileRepository(store: req.store).record(profile, person: person, actor: actor, context: req.auditContext)
        return req.redirect(to: "\(SiteURL.mediators.path)?ok=mediator-origin-recorded")
    }
}
