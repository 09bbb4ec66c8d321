import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// A procedure's indicator targets for a year (statistics.md "targets configurable", ST-10):
/// `/statistics/{path word}/targets?year=2025` shows each indicator's default and the year's value,
/// percentages typed as percents (80 for 80 %); the form saves them all at once for holders of
/// `statistics.targets` (an empty field restores the default). A bad value comes back with its field's
/// error and nothing saved. Generic over the procedure: its module declares what may be set.
struct IndicatorTargetPages<P: Procedure> {
    static var path: String { StatisticsPages<P>.path + "/targets" }

    static func boot(web: any RoutesBuilder, api: any RoutesBuilder) {
        let word = PathComponent(stringLiteral: P.module.pathWord)
        web.get("statistics", word, "targets", use: show).access(.permission(.statisticsTargets))
        web.post("statistics", word, "targets", use: submit).access(.permission(.statisticsTargets))
        api.get("statistics", word, "targets", use: IndicatorTargetAPI<P>.get).access(.permission(.statisticsTargets))
        api.put("statistics", word, "targets", use: IndicatorTargetAPI<P>.put).access(.permission(.statisticsTargets))
    }

    /// The year asked (`?year=2025`), else this year; 422 `target.year.invalid` outside 2000 … five years ahead.
    static func year(_ req: Request, required: Bool = false) throws -> Int {
        let today = req.store.clock.todayInBeijing
        guard let year = try req.integerQuery("year") else {
            if required {
                throw IndicatorTargets.refusal([FieldError(field: "year", rule: IndicatorTargets.rule, code: "target.year.required",
                                                           messageZH: "请指定考核年度（year）")])
            }
            return today.year
        }
        if let fault = IndicatorTargets.checkYear(year, today: today) { throw IndicatorTargets.refusal([fault]) }
        return year
    }

    static func show(_ req: Request) async throws -> Response {
        try await render(req, year: try year(req))
    }

    /// Saves every field of the form; a refused form shows each field's fault and what was typed, nothing saved.
    static func submit(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.statisticsTargets)
        let year = try year(req)
        let declared = P.module.indicatorTargets
        var typed: [String: String] = [:]
        for key in declared.keys { typed[key] = (try? req.content.get(String.self, at: key)) ?? "" }
        let (values, errors) = declared.parse(typed)
        guard errors.isEmpty else {
            return try await render(req, year: year, typed: typed, errors: errors, status: .unprocessableEntity)
        }
        do {
            try await IndicatorTargetRepository(store: req.store).save(P.self, year: year, values: values, actor: actor, context: req.auditContext)
        } catch let e as DomainError where e.kind == .invalid {
            return try await render(req, year: year, typed: typed, errors: e.fields, status: .unprocessableEntity)
        }
        return req.redirect(to: "\(path)?year=\(year)&ok=targets-saved")
    }

    static func render(_ req: Request, year: Int, typed: [String: String]? = nil, errors: [FieldError] = [],
                       status: HTTPStatus = .ok) async throws -> Response {
        try req.actor().require(.statisticsTargets)
        let repository = IndicatorTargetRepository(store: req.store)
        let set = try await repository.settings(P.self, year: year)
        let inForce = try await repository.inForce(P.self, year: year)
        let declared = P.module.indicatorTargets
        let byField = Dictionary(errors.map { ($0.field, "\($0.messageZH)（\($0.rule)）") }, uniquingKeysWith: { first, _ in first })
        let (rows, weight) = IndicatorTargetsModel.rows(declared, set: set.mapValues { ($0.value, $0.setBy) }, inForce: inForce, typed: typed, errors: byField)
        let model = IndicatorTargetsModel(
            page: PageChrome(request: req, title: "\(P.nameZH)考核目标"), procedureName: P.nameZH, year: year,
            years: IndicatorTargetsModel.years(today: req.store.clock.todayInBeijing, selected: year), action: path, saveAction: "\(path)?year=\(year)",
            statisticsHref: "\(StatisticsPages<P>.path)?period=\(year)", rows: rows, weight: weight,
            errors: errors.map { "\($0.messageZH)（\($0.rule)）" })
        let response = try FengqiaoWeb.render(req, "statistics_targets", model)
        response.status = status
        return response
    }
}
