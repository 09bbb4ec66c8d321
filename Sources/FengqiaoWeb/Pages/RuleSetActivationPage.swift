import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// CP-03: the legal department confirms an unconfirmed rule-set version on the set's page
/// (`POST /rules/{key}/activate`), each step with its value and citation. Refusals re-render the
/// page (422) with every problem and what was typed.
enum RuleSetActivationPage {
    /// What the user typed into one version's form, kept on a refusal.
    struct Typed: Sendable {
        let version: Int
        let values: [String: (count: String, unit: String, roll: String, maxExtension: String, citation: String)]
        let citation: String
        let errors: [String]
    }

    /// The confirmation forms of the set's unconfirmed versions not yet confirmed.
    static func forms(key: String, book: RuleBook, typed: Typed?, procedures: ProcedureRegistry) -> [RuleSetPages.Activation] {
        book.versions(of: key).filter { $0.status == .unconfirmed && book.confirmation(of: $0) == nil }.map { set in
            let mine = typed?.version == set.version ? typed : nil
            return RuleSetPages.Activation(
                version: set.version, label: set.label, from: set.effectiveFrom.iso,
                steps: set.rules.keys.sorted().map { step in
                    let r = set.rules[step]!
                    let t = mine?.values[step]
                    return .init(key: step, name: procedures.stepName(step), count: t.flatMap { Int($0.count) } ?? r.count,
                                 units: PeriodUnit.allCases.map { SelectOption(value: $0.rawValue, label: RuleSetPages.unitZH($0), selected: $0.rawValue == (t?.unit ?? r.unit.rawValue)) },
                                 rolls: Roll.allCases.map { SelectOption(value: $0.rawValue, label: RuleSetPages.rollZH($0), selected: $0.rawValue == (t?.roll ?? r.roll.rawValue)) },
                                 maxExtension: t.flatMap { Int($0.maxExtension) } ?? r.maxExtension, provisionalCitation: r.citation, citation: t?.citation ?? "")
                },
                citation: mine?.citation ?? "", action: SiteURL.ruleSetActivate(key).path, errors: mine?.errors ?? [])
        }
    }

    static func activate(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.ruleSetEdit)
        let key = req.parameters.get("key") ?? ""
        let repository = RuleSetRepository(store: req.store)
        let book = try await repository.book()
        guard let version = Int(req.field("version") ?? ""), let target = book.versions(of: key).first(where: { $0.version == version }) else {
            throw DomainError.notFound
        }
        var typed: [String: (count: String, unit: String, roll: String, maxExtension: String, citation: String)] = [:]
        var edits: [String: RuleSetEditing.StepEdit] = [:]
        var errors: [String] = []
        for (step, rule) in target.rules {
            let t = (count: req.field("\(step).count") ?? "", unit: req.field("\(step).unit") ?? rule.unit.rawValue,
                     roll: req.field("\(step).roll") ?? rule.roll.rawValue, maxExtension: req.field("\(step).maxExtension") ?? "",
                     citation: req.field("\(step).citation") ?? "")
            typed[step] = t
            guard let count = Int(t.count), let ext = Int(t.maxExtension) else {
                errors.append("“\(req.procedures.stepName(step))”的期限和最长延期应为整数")
                continue
            }
            edits[step] = .init(count: count, unit: PeriodUnit(rawValue: t.unit) ?? rule.unit, roll: Roll(rawValue: t.roll) ?? rule.roll,
                                maxExtension: ext, citation: t.citation)
        }
        let citation = req.field("citation") ?? ""
        func refused(_ messages: [String]) async throws -> Response {
            let model = try await RuleSetPages().editModel(req, key: key, activation: Typed(version: version, values: typed, citation: citation, errors: messages))
            let response = try render(req, "ruleset", model)
            response.status = .unprocessableEntity
            return response
        }
        if !errors.isEmpty { return try await refused(errors) }
        do {
            let result = try await repository.activate(key: key, version: version, values: edits, citation: citation, actor: actor, context: req.auditContext)
            let moved = result.changes.filter(\.moved).count
            return req.redirect(to: SiteURL.ruleSet(key).path + (moved > 0 ? "?ok=ruleset-activated-recomputed" : "?ok=ruleset-activated"))
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await refused(e.fields.isEmpty ? [e.messageZH] : e.fields.map(\.messageZH))
        }
    }
}
