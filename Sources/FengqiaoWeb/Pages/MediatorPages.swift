import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// mediation.md MD-01…MD-07 from the pages: 调解员名单 (`/mediators`) — the mediators the user may see,
/// by unit: their terms, status and latest training on a day, whether they may be assigned (MD-04,
/// with the reason when not), a term ending within 30 days unrenewed, and the 12-01 list of those in
/// office untrained that year (MD-07). Served when a registered procedure declares
/// `ProcedureCapabilities.mediatorRoster`. Terms and training are the users' qualifications (PLT-02,
/// PLT-07), entered on the user and training pages.
struct MediatorPages {
    /// Who may read the list: the centre and the unit heads who assign, the director, 法制科 (备案).
    static let readers: [Permission] = [.mediationAssign, .mediationTriage, .mediationApprove, .legalReview]

    struct Model {
        struct Row { let name: String; let unit: String; let terms: String; let status: String; let trainedOn: String; let eligibility: String; let eligible: Bool; let ending: String }
        let page: PageChrome
        let day: String
        let rows: [Row]
        let year: Int
        /// MD-07: "name（unit）" of those in office on 12-01 of `year` without training that year.
        let untrained: [String]
        let years: [SelectOption]
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

    static func page(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard readers.contains(where: actor.can) else { throw Abort(.forbidden) }
        let today = req.store.clock.todayInBeijing
        let year = req.query[Int.self, at: "year"].flatMap { (2000...2100).contains($0) ? $0 : nil } ?? today.year
        let org = OrganisationRepository(store: req.store)
        let people = try await org.people(holding: MediatorEligibility.termKind, visibleTo: actor)
        let units = Dictionary(uniqueKeysWithValues: try await org.units().map { ($0.id, $0.name) })
        let rows = MediatorRoster.rows(people, on: today).map { r in
            Model.Row(name: r.name, unit: units[r.unitID] ?? "", terms: r.terms.map { "\($0.lowerBound.iso)至\($0.upperBound.iso)" }.joined(separator: "；"),
                      status: r.status.nameZH, trainedOn: r.trainedOn?.iso ?? "无", eligibility: r.eligible ? "可指派" : r.refusalsZH.joined(separator: "；"),
                      eligible: r.eligible, ending: r.endingSoon.map { "任期于\($0.iso)届满，尚未续聘" } ?? "")
        }
        let untrained = MediatorRoster.untrained(people, year: year).map { "\($0.name)（\(units[$0.unitID] ?? "")）" }
        let model = Model(page: PageChrome(request: req, title: "调解员名单"), day: today.iso, rows: rows, year: year, untrained: untrained,
                          years: ((today.year - 3)...today.year).reversed().map { SelectOption(value: String($0), label: "\($0)年", selected: $0 == year) })
        return try render(req, "mediators", model)
    }
}
