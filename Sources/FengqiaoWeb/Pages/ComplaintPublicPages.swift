import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// CP-39: the quarterly public statistics of complaints and reports
/// (`/statistics/complaints/public?year=2025&quarter=4` and its API twin): counts only, for the whole
/// bureau, without any personal data, small breakdown cells merged. The centre head publishes a
/// quarter once it has ended: the figures as of that day are frozen in `statistics_snapshots` (the
/// table of the monthly freeze, migration 026) with an audit event; a published quarter shows its
/// date and is never published again. Downloads: XLSX, CSV (UTF-8 with BOM), DOCX (ST-04).
enum ComplaintPublicPages {
    static let kind = "complaints.public"

    /// The quarter a request asks for (`year=2025&quarter=4`, or `period=2025-Q4`; default the last ended quarter).
    static func quarter(_ req: Request) throws -> ReportPeriod {
        let invalid = DomainError.invalid([FieldError(field: "quarter", rule: "CP-39", code: "statistics.quarter.invalid", messageZH: "季度应为 1–4，年份如 2025")])
        // A form's field or a JSON body's string or number, after the query.
        func value(_ name: String) -> String? {
            req.query[String.self, at: name] ?? req.field(name) ?? (try? req.content.get(Int.self, at: name)).map(String.init)
        }
        if let key = value("period"), !key.isEmpty {
            guard let p = ReportPeriod(key: key), p.kind == .quarter else { throw invalid }
            return p
        }
        let year = value("year") ?? ""
        let q = value("quarter") ?? ""
        if year.isEmpty && q.isEmpty {
            let today = req.store.clock.todayInBeijing
            return ReportPeriod.containing(ReportPeriod.containing(today, kind: .quarter).first.adding(days: -1), kind: .quarter)
        }
        guard let y = Int(year), (2000...2100).contains(y), let n = Int(q), let p = ReportPeriod.quarter(y, n) else { throw invalid }
        return p
    }

    /// The quarter's figures: the published snapshot if there is one, else computed as of today.
    static func figures(_ store: Store, quarter: ReportPeriod) async throws -> (figures: ComplaintPublicFigures, publishedOn: LocalDate?) {
        if let snap = try await StatisticsSnapshotRepository(store: store).find(ComplaintPublicFigures.self, kind: kind, period: quarter.key) {
            return (snap.value, snap.frozenOn)
        }
        return (try await compute(store, quarter: quarter, asOf: store.clock.todayInBeijing), nil)
    }

    /// Both tracks' figures over every unit: a public release is the bureau's (our reading of CP-39).
    static func compute(_ store: Store, quarter: ReportPeriod, asOf: LocalDate) async throws -> ComplaintPublicFigures {
        let tracks = try await ComplaintMonthlyPages.tracks(store, period: quarter)
        return ComplaintPublicFigures.compute(complaints: tracks.complaints.map(\.facts), reports: tracks.reports.map(\.facts), quarter: quarter, asOf: asOf)
    }

    /// CP-39: publishes the quarter — only once it has ended, only once (`statistics.public.published`).
    static func publish(_ store: Store, quarter: ReportPeriod, actor: Actor, context: AuditContext) async throws -> ComplaintPublicFigures {
        try actor.require(.complaintPublish)
        let today = store.clock.todayInBeijing
        guard today > quarter.last else {
            throw DomainError.invalid([FieldError(field: "quarter", rule: "CP-39", code: "statistics.quarter.open",
                                                  messageZH: "\(quarter.labelZH)尚未结束，季度结束后方可发布")])
        }
        let repository = StatisticsSnapshotRepository(store: store)
        let refused = { (on: LocalDate) in
            DomainError(.conflict, code: "statistics.public.published", messageZH: "\(quarter.labelZH)公开统计已于\(on.chinese)发布，不得重复发布", ruleID: "CP-39")
        }
        if let snap = try await repository.find(kind: kind, period: quarter.key) { throw refused(snap.frozenOn) }
        let figures = try await compute(store, quarter: quarter, asOf: today)
        let stored = try await repository.freeze(figures, kind: kind, period: quarter.key, frozenOn: today,
                                                 summary: "发布投诉举报\(quarter.labelZH)公开统计：投诉\(figures.complaints)件，举报\(figures.reports)件（CP-39）",
                                                 context: context)
        // A second publisher between the check and the write: the stored one stands.
        guard stored else { throw refused(today) }
        return figures
    }

    static func model(_ req: Request) async throws -> ComplaintPublicModel {
        let actor = try req.actor()
        guard actor.can(.statisticsRead) || actor.can(.complaintPublish) else { throw DomainError.forbidden(Permission.statisticsRead.rawValue) }
        let quarter = try quarter(req)
        let (figures, publishedOn) = try await figures(req.store, quarter: quarter)
        let categories = try await ViolationCategoryRepository(store: req.store).inForce(on: quarter.last)
        let today = req.store.clock.todayInBeijing
        return ComplaintPublicModel(page: PageChrome(request: req, title: "投诉举报季度公开统计"), figures: figures, publishedOn: publishedOn,
                                    categoryName: { categories.node($0)?.nameZH ?? $0 },
                                    canPublish: actor.can(.complaintPublish) && publishedOn == nil && today > quarter.last, today: today)
    }

    static func page(_ req: Request) async throws -> Response {
        let model = try await model(req)
        return try TablesDownload.response(format: req.query[String.self, at: "format"], name: "投诉举报公开统计-\(model.quarterKey)",
                                           tables: model.tables.map { ($0.title, $0.rows) }, document: model.document)
            ?? render(req, "complaint-public", model)
    }

    static func publishForm(_ req: Request) async throws -> Response {
        let quarter = try quarter(req)
        _ = try await publish(req.store, quarter: quarter, actor: try req.actor(), context: req.auditContext)
        return req.redirect(to: SiteURL.complaintPublic.path + "?period=\(quarter.key)&ok=statistics-published")
    }

    static func boot(web: any RoutesBuilder, api: any RoutesBuilder) {
        let readers = RouteAccess.Rule.anyOf([.statisticsRead, .complaintPublish])
        web.get(SiteURL.complaintPublic.pattern, use: page).access(readers)
        web.post(SiteURL.complaintPublicPublish.pattern, use: publishForm).access(.permission(.complaintPublish))
        api.get("statistics", "complaints", "public") { req async throws -> ComplaintPublicDTO in
            ComplaintPublicDTO(try await model(req))
        }.access(readers)
        api.post("statistics", "complaints", "public", "publish") { req async throws -> ComplaintPublicDTO in
            let quarter = try quarter(req)
            _ = try await publish(req.store, quarter: quarter, actor: try req.actor(), context: req.auditContext)
            return ComplaintPublicDTO(try await model(req))
        }.access(.permission(.complaintPublish))
    }
}

/// The public statistics over the API: the tables as the page shows them, with as-of and publication dates.
struct ComplaintPublicDTO: Content {
    let quarter: String
    let asOf: String
    let published: Bool
    let publishedOn: String?
    let tables: [ComplaintMonthlyDTO.Table]

    init(_ m: ComplaintPublicModel) {
        quarter = m.quarterKey
        asOf = m.asOf
        published = m.published
        publishedOn = m.publishedOn
        tables = m.tables.map { .init(title: $0.title, rows: $0.rows) }
    }
}
