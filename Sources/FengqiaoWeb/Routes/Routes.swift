import FengqiaoCore
import FengqiaoStore
import Foundation
import Prometheus
import Vapor

/// Registers every route: public pages, signed-in pages, the API and operations endpoints.
func routes(_ app: Application) throws {
    app.get("healthz") { _ in ["status": "ok"] }.access(.open)
    app.get("readyz") { req async throws -> Response in
        // Ready when the database answers and the migrations ran.
        _ = try await req.auditTrail.count()
        return try await ["status": "ready"].encodeResponse(for: req)
    }.access(.open)
    app.get("metrics") { req -> Response in
        var buffer = [UInt8]()
        req.services.prometheus.emit(into: &buffer)
        let response = Response(status: .ok, body: .init(data: Data(buffer)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }.access(.open)

    try AuthPages().boot(routes: app)
    RatingPages.bootPublic(app)
    // Issue 13 item 3: every signed-in route declares its access; the middleware enforces it.
    let web = app.grouped(WebAuthMiddleware(), RouteAccessMiddleware())
    try HomePage().boot(routes: web)
    try PartyPages().boot(routes: web)
    try AdminPages().boot(routes: web)
    try RolePages().boot(routes: web)
    try AuditPages().boot(routes: web)
    try CalendarPages().boot(routes: web)
    try RuleSetPages().boot(routes: web)
    try InboxPage().boot(routes: web)
    try TokenPages().boot(routes: web)
    try CasePages().boot(routes: web)
    try SubtaskPages().boot(routes: web)
    try TemplatePages().boot(routes: web)
    ProcedurePages.boot(web, procedures: app.fengqiao.procedures)
    try DocumentPages().boot(routes: web)
    StatisticsIndex.boot(web, procedures: app.fengqiao.procedures)
    RatingPages.bootSigned(web)
    RevisitPages.boot(web)
    try ExpertPages().boot(routes: web)
    try CampaignPages().boot(routes: web)
    try ServicePointPages().boot(routes: web)
    try ViolationCategoryPages().boot(routes: web)
    try TrainingPages().boot(routes: web)
    try DestructionPages().boot(routes: web)
    try PublicationPages().boot(routes: web)
    let procedures = app.fengqiao.procedures
    if procedures.declares(.platformIntake) { try ComplaintImportPages().boot(routes: web) }

    let api = app.grouped("api", "v1")
    api.get("openapi.json") { req -> Response in
        let response = Response(status: .ok, body: .init(string: req.services.openAPI))
        response.headers.contentType = .json
        return response
    }.access(.open)
    try CalendarAPI().boot(routes: api)
    let secured = api.grouped(APIAuthMiddleware(), RouteAccessMiddleware())
    try PartyAPI().boot(routes: secured)
    try AdminAPI().boot(routes: secured)
    try TokenAPI().boot(routes: secured)
    try CalendarYearsAPI().boot(routes: secured)
    try CaseAPI().boot(routes: secured)
    try SubtaskAPI().boot(routes: secured)
    try DocumentAPI().boot(routes: secured)
    try PublicationAPI().boot(routes: secured)
    try ViolationCategoryAPI().boot(routes: secured)
    try TrainingAPI().boot(routes: secured)
    try ExpertAPI().boot(routes: secured)
    try CampaignAPI().boot(routes: secured)
    try RatingAPI().boot(routes: secured)
    // CP-43: the platform and hotline import, where a registered procedure takes platform items.
    if procedures.declares(.platformIntake) { try ComplaintImportAPI().boot(routes: secured) }
    for procedure in app.fengqiao.procedures.procedures { try bootFollowUp(procedure, web: web, api: secured) }
    try WorklistAPI().boot(routes: secured)
    try RuleSetAPI().boot(routes: secured)
    if procedures.declares(.monthlyAnalysis) {
        ComplaintMonthlyPages.boot(web: web, api: secured)
        ComplaintPublicPages.boot(web: web, api: secured)
    }
    // CP-43: the 12315 platform synchronisation (the administrator's page and API).
    if procedures.declares(.platformIntake) { PlatformSyncPages.boot(web: web, api: secured) }
    if procedures.declares(.enforcementBrief) { EnforcementBriefPages.boot(web: web) }
    if procedures.declares(.mediatorRoster) { MediatorPages.boot(web: web, open: app) }
}

/// One procedure's API under its path word, and the pages and API of its follow-up capabilities
/// (the registry's procedures are opened one by one).
private func bootFollowUp<P: Procedure>(_ procedure: P.Type, web: any RoutesBuilder, api: any RoutesBuilder) throws {
    try ProcedureAPI<P>().boot(routes: api)
    if P.module.capabilities.contains(.indicators) { StatisticsPages<P>.boot(web: web, api: api) }
    // MD-41: the units' monthly reports and their consolidation, where the procedure declares a roll.
    if P.module.reporting != nil { UnitReportPages<P>.boot(web: web, api: api) }
    if P.module.weeklyMeeting != nil { WeeklyMeetingPages<P>.boot(web: web, api: api) }
    if !P.module.periodicRecords.isEmpty { PeriodicRecordPages<P>.boot(web: web, api: api) }
    if P.module.capabilities.contains(.revisits) { try RevisitAPI<P>().boot(routes: api) }
    // CP-44: bulk dispatch, assign and export where the procedure declares them.
    BulkPages<P>.boot(web: web, api: api)
}

/// Form helpers shared by the pages.
struct SelectOption: Sendable {
    let value: String
    let label: String
    let selected: Bool
}

extension Request {
    /// A trimmed form field, nil when absent or blank.
    func field(_ name: String) -> String? {
        guard let v = try? content.get(String.self, at: name) else { return nil }
        let t = v.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    /// An integer query parameter (`?limit=20`): nil when absent; 422 `query.integer` when given
    /// but not an integer, or given twice (fuzz finding FZ-01: `?offset=null` was read as absent).
    func integerQuery(_ name: String) throws -> Int? {
        let values = (URLComponents(string: url.string)?.queryItems ?? []).filter { $0.name == name }.map { $0.value ?? "" }
        guard let raw = values.first else { return nil }
        guard values.count == 1, let n = Int(raw.trimmingCharacters(in: .whitespaces)) else {
            throw DomainError.invalid([FieldError(field: name, rule: "X-06", code: "query.integer", messageZH: "\(name) 应为一个整数")])
        }
        return n
    }

    func uuidParameter(_ name: String = "id") throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else { throw DomainError.notFound }
        return id
    }
}
