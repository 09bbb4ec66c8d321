import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// CP-03 over the API: `POST /api/v1/rule-sets/{key}/activate` with
/// `{"version": 2, "citation": "…", "steps": {"acceptance": {"count": 7, "citation": "…"}, …}}`.
/// Every step of the version needs its value and a citation; a refusal is 422 problem JSON naming
/// each field with its rule and stable code; anyone without `ruleset.edit` gets 403.
struct RuleSetAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("rule-sets", ":key", "activate", use: activate).access(.permission(.ruleSetEdit), ["key": .ruleSet])
    }

    func activate(_ req: Request) async throws -> RuleSetActivationDTO {
        let actor = try req.actor()
        try actor.require(.ruleSetEdit)
        let key = req.parameters.get("key") ?? ""
        let body = try req.content.decode(RuleSetActivationRequestDTO.self)
        var edits: [String: RuleSetEditing.StepEdit] = [:]
        var faults: [FieldError] = []
        let repository = RuleSetRepository(store: req.store)
        guard let target = try await repository.book().versions(of: key).first(where: { $0.version == body.version }) else { throw DomainError.notFound }
        for (step, value) in body.steps {
            let rule = target.rules[step]
            // An unknown step is named by the activation itself (`ruleset.step.unknown`).
            let unit: PeriodUnit? = value.unit.map { PeriodUnit(rawValue: $0) } ?? (rule?.unit ?? .workday)
            let roll: Roll? = value.roll.map { Roll(rawValue: $0) } ?? (rule?.roll ?? .forward)
            guard let unit else {
                faults.append(FieldError(field: "\(step).unit", rule: "CAL-20", code: "ruleset.unit.invalid", messageZH: "“\(step)”的单位应为 workday、day、month 或 hour"))
                continue
            }
            guard let roll else {
                faults.append(FieldError(field: "\(step).roll", rule: "CAL-11", code: "ruleset.roll.invalid", messageZH: "“\(step)”的顺延规则应为 forward、none 或 back"))
                continue
            }
            edits[step] = .init(count: value.count, unit: unit, roll: roll, maxExtension: value.maxExtension ?? rule?.maxExtension ?? 0,
                                citation: value.citation ?? "")
        }
        guard faults.isEmpty else { throw DomainError.invalid(faults) }
        let result = try await repository.activate(key: key, version: body.version, values: edits, citation: body.citation ?? "", actor: actor,
                                                   context: req.auditContext)
        return RuleSetActivationDTO(result, key: key, confirmed: body.version)
    }
}

/// The confirmation the legal department sends: each step's value and citation.
struct RuleSetActivationRequestDTO: Content {
    struct Step: Content {
        let count: Int
        let unit: String?
        let roll: String?
        let maxExtension: Int?
        let citation: String?
    }
    let version: Int
    let citation: String?
    let steps: [String: Step]
}

/// What activation did: the confirmed version and every clock change (old and new due date,
/// rule-set version, calendar revision).
struct RuleSetActivationDTO: Content {
    struct Change: Content {
        let caseId: UUID
        let clockId: UUID
        let step: String
        let oldRuleSet: String
        let newRuleSet: String
        let oldDue: String
        let newDue: String
        let recomputed: Bool
        let calendarRevision: Int
    }
    let key: String
    let version: Int
    let label: String
    let status: String
    let confirms: Int
    let effectiveFrom: String
    let effectiveTo: String?
    let cases: Int
    let changes: [Change]

    init(_ r: RuleSetActivationResult, key: String, confirmed: Int) {
        self.key = key
        version = r.version.version
        label = r.version.label
        status = r.version.status.rawValue
        confirms = confirmed
        effectiveFrom = r.version.effectiveFrom.iso
        effectiveTo = r.version.effectiveTo?.iso
        cases = r.cases
        changes = r.changes.map {
            Change(caseId: $0.caseID, clockId: $0.clockID, step: $0.step, oldRuleSet: $0.oldRuleSet, newRuleSet: $0.newRuleSet, oldDue: $0.oldDue.iso,
                   newDue: $0.newDue.iso, recomputed: $0.recomputed, calendarRevision: $0.calendarRevision)
        }
    }
}
