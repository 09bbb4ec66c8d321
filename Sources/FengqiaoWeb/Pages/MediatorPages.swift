import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// mediation.md MD-01…MD-07 from the pages: 调解员名单 (`/mediators`) — the mediators the user may see,
/// by unit: their terms, status and latest training on a day, whether they may be assigned (MD-04,
/// with the reason when not), a term ending within 30 days unrenewed, and the 12-01 list of those in
/// office untrained that year (MD-07). Served when a registered procedure declares
/// `ProcedureCapabilities.mediatorRoster`. Terms and training are the users' qualifications (PLT-02,
/// PLT-07), entered on the user and training pages. MD-06: the leading group removes (撤换) a
/// mediator on a decision citing 严重失职 or 违法违纪 (`POST /mediators/remove`): the term ends the
/// day before, and each open dispute he mediates is flagged for reassignment at once.
struct MediatorPages {
    /// Who may read the list: the centre and the unit heads who assign, the director, 法制科 (备案), the leading group (撤换).
    static let readers: [Permission] = [.mediationAssign, .mediationTriage, .mediationApprove, .legalReview, .mediationRemoveMediator]

    struct Model {
        struct Row {
            let name: String; let unit: String; let origin: String; let terms: String; let status: String; let trainedOn: String; let eligibility: String
            let eligible: Bool; let ending: String
        }
        let page: PageChrome
        let day: String
        let rows: [Row]
        let year: Int
        /// MD-07: "name（unit）" of those in office on 12-01 of `year` without training that year.
        let untrained: [String]
        let years: [SelectOption]
        /// MD-06: the removal form, for the leading group; nil for others.
        let removal: Removal?
        /// MD-01: the filing form, for 法制科; nil for others.
        let filing: Filing?
        /// MD-02: the origin form, for the centre and the unit heads; nil for others.
        let origin: OriginForm?
        /// MD-05: the resignation form, for the centre; nil for others.
        let resignation: Resignation?
    }

    /// MD-01: the units with mediators in office awaiting filing, and what was entered.
    struct Filing {
        let units: [SelectOption]
        /// "name（unit）" of each mediator in office not yet filed.
        let pending: [String]
        let reference: String
        let on: String
        let errors: [String]
    }

    /// MD-06: the mediators in office, the grounds, and what was entered (kept on a refusal).
    struct Removal {
        let persons: [SelectOption]
        let grounds: [SelectOption]
        let decision: String
        let on: String
        let errors: [String]
    }

    /// MD-10: the public page — bodies, mediators, scope, principles, process and basis, no sign-in.
    struct PublicModel {
        struct Body { let unit: String; let mediators: [String] }
        struct Step { let name: String; let limit: String }
        let page: PageChrome
        let day: String
        let bodies: [Body]
        let scopes: [String]
        let principles: [String]
        let steps: [Step]
        let basis: String
    }

    static func boot(web: any RoutesBuilder, open: any RoutesBuilder) {
        web.get(SiteURL.mediators.pattern) { req in try await page(req) }.access(.anyOf(readers))
        web.post("mediators", "remove") { req in try await remove(req) }.access(.permission(.mediationRemoveMediator))
        web.post("mediators", "file") { req in try await file(req) }.access(.permission(.mediationFileMediators))
        web.post("mediators", "origin") { req in try await recordOrigin(req) }.access(.anyOf(MediatorProfileRepository.recorders))
        web.post("mediators", "resign") { req in try await resign(req) }.access(.permission(.mediationTriage))
        open.get("public", "mediation") { req in try await publicPage(req) }.access(.open)
    }

    static func publicPage(_ req: Request) async throws -> Response {
        let today = req.store.clock.todayInBeijing
        let org = OrganisationRepository(store: req.store)
        let people = try await org.people(holding: MediatorEligibility.termKind, visibleTo: nil)
        let units = Dictionary(uniqueKeysWithValues: try await org.units().map { ($0.id, $0.name) })
        let set = try await RuleSetRepository(store: req.store).book().inForce(MediationProcedure.ruleSetKey, on: today)
        let info = MediationPublicInfo.on(today, people: people, unitNames: units, ruleSet: set)
        return try render(req, "mediation_public", PublicModel(
            page: PageChrome(title: "行政调解公开信息", userName: nil, csrf: nil), day: today.iso,
            bodies: info.bodies.map { PublicModel.Body(unit: $0.unitName, mediators: $0.mediators) }, scopes: info.scopes, principles: info.principles,
            steps: info.steps.map { PublicModel.Step(name: $0.nameZH, limit: $0.limitZH) }, basis: info.basis))
    }

    static func page(_ req: Request, form: [String: String] = [:], errors: [String] = [], filingErrors: [String] = [], originErrors: [String] = [],
                     resignationErrors: [String] = [], status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard readers.contains(where: actor.can) || actor.can(.mediationRemoveMediator) else { throw Abort(.forbidden) }
        let today = req.store.clock.todayInBeijing
        let year = req.query[Int.self, at: "year"].flatMap { (2000...2100).contains($0) ? $0 : nil } ?? today.year
        let org = OrganisationRepository(store: req.store)
        let people = try await org.people(holding: MediatorEligibility.termKind, visibleTo: actor)
        let units = Dictionary(uniqueKeysWithValues: try await org.units().map { ($0.id, $0.name) })
        let roster = MediatorRoster.rows(people, on: today)
        let profiles = try await MediatorProfileRepository(store: req.store).profiles(roster.map(\.id))
        let rows = roster.map { r in
            Model.Row(name: r.name, unit: units[r.unitID] ?? "", origin: profiles[r.id]?.labelZH ?? "未登记", terms: r.terms.map { "\($0.lowerBound.iso)至\($0.upperBound.iso)" }.joined(separator: "；"),
                      status: r.status.nameZH, trainedOn: r.trainedOn?.iso ?? "无", eligibility: r.eligible ? "可指派" : r.refusalsZH.joined(separator: "；"),
                      eligible: r.eligible, ending: r.endingSoon.map { "任期于\($0.iso)届满，尚未续聘" } ?? "")
        }
        let removal = actor.can(.mediationRemoveMediator) ? Removal(
            persons: roster.filter { $0.status == .serving }.map { SelectOption(value: $0.id.uuidString, label: "\($0.name)（\(units[$0.unitID] ?? "")）", selected: form["person"] == $0.id.uuidString) },
            grounds: MediatorRemovalGround.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: form["ground"] == $0.rawValue) },
            decision: form["decision"] ?? "", on: form["on"] ?? today.iso, errors: errors) : nil
        let waiting = people.filter { p in p.holds(MediatorEligibility.termKind, on: today) && !MediatorEligibility.unfiled([p], unit: p.unitID, on: today).isEmpty }
        let filing = actor.can(.mediationFileMediators) ? Filing(
            units: Set(waiting.map(\.unitID)).sorted { (units[$0] ?? "") < (units[$1] ?? "") }
                .map { SelectOption(value: $0.uuidString, label: units[$0] ?? "", selected: form["unit"] == $0.uuidString) },
            pending: waiting.map { "\($0.name)（\(units[$0.unitID] ?? "")）" }.sorted(), reference: form["reference"] ?? "", on: form["on"] ?? today.iso,
            errors: filingErrors) : nil
        let untrained = MediatorRoster.untrained(people, year: year).map { "\($0.name)（\(units[$0.unitID] ?? "")）" }
        let model = Model(page: PageChrome(request: req, title: "调解员名单"), day: today.iso, rows: rows, year: year, untrained: untrained,
                          years: ((today.year - 3)...today.year).reversed().map { SelectOption(value: String($0), label: "\($0)年", selected: $0 == year) },
                          removal: removal, filing: filing,
                          origin: originForm(roster, units: units, profiles: profiles, actor: actor, form: form, errors: originErrors),
                          resignation: resignationForm(roster, units: units, actor: actor, form: form, today: today, errors: resignationErrors))
        let response = try render(req, "mediators", model)
        response.status = status
        return response
    }

    /// MD-06: the removal — refused with the rule and nothing changed, or the term cut short and the
    /// mediator's open disputes flagged (MD-05's step, `ProcedureModule.personLeft`).
    static func remove(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.mediationRemoveMediator)
        let form = ["person", "ground", "decision", "on"].reduce(into: [String: String]()) { $0[$1] = req.field($1) ?? "" }
        let today = req.store.clock.todayInBeijing
        let org = OrganisationRepository(store: req.store)
        let personID = UUID(uuidString: form["person"] ?? "")
        let person = try await org.people(holding: MediatorEligibility.termKind, visibleTo: actor).first { $0.id == personID }
        let on = LocalDate(iso: form["on"] ?? "")
        let refusals = MediatorEligibility.removalRefusals(person, ground: form["ground"], decision: form["decision"], on: on, today: today)
        guard refusals.isEmpty, let person, let on, let ground = MediatorRemovalGround(rawValue: form["ground"] ?? "") else {
            return try await page(req, form: form, errors: refusals.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
        }
        let held = try await org.qualifications(userID: person.id).map {
            HeldQualification(id: $0.id, kind: $0.kind, obtainedOn: $0.obtainedOn, expiresOn: $0.expiresOn, revoked: $0.revoked)
        }
        let decision = (form["decision"] ?? "").trimmingCharacters(in: .whitespaces)
        try await QualificationCutRepository(store: req.store).cut(
            userID: person.id, cuts: MediatorEligibility.cuts(held, from: on),
            marker: (MediatorEligibility.removedKind, "领导小组决定\(decision)（\(ground.nameZH)）", on),
            summaryZH: "撤换调解员\(person.name)：\(ground.nameZH)，领导小组决定\(decision)，自\(on.chinese)起不再担任（MD-06）", context: req.auditContext)
        return req.redirect(to: "\(SiteURL.mediators.path)?ok=mediator-removed")
    }

    /// MD-01: 法制科 files a unit's list — each of its mediators in office not yet filed is marked filed
    /// from the day (a qualification, so MD-04's eligibility reads it); refused with the rule and nothing changed.
    static func file(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.mediationFileMediators)
        let form = ["unit", "reference", "on"].reduce(into: [String: String]()) { $0[$1] = req.field($1) ?? "" }
        let today = req.store.clock.todayInBeijing
        let org = OrganisationRepository(store: req.store)
        let on = LocalDate(iso: form["on"] ?? "")
        let people = try await org.people(holding: MediatorEligibility.termKind, visibleTo: actor)
        let unfiled = UUID(uuidString: form["unit"] ?? "").flatMap { unit in on.map { MediatorEligibility.unfiled(people, unit: unit, on: $0) } } ?? []
        let refusals = MediatorEligibility.filingRefusals(unfiled, reference: form["reference"], on: on, today: today)
            + MediatorProfile.missing(unfiled, profiles: try await MediatorProfileRepository(store: req.store).profiles(unfiled.map(\.id)))
        guard refusals.isEmpty, let on else {
            return try await page(req, form: form, filingErrors: refusals.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
        }
        let reference = (form["reference"] ?? "").trimmingCharacters(in: .whitespaces)
        for p in unfiled {
            _ = try await org.addQualification(userID: p.id, kind: MediatorEligibility.filedKind, issuer: "法制科备案（\(reference)）", obtainedOn: on, expiresOn: nil,
                                               context: req.auditContext)
        }
        return req.redirect(to: "\(SiteURL.mediators.path)?ok=mediators-filed")
    }

}
