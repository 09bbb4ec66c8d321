import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// CP-43: the 12315 platform synchronisation for the system administrator — the page
/// (`/admin/platform-sync`) with the last pull, the cursor, the items pulled, the outbox and the last
/// error, a "pull now" button (POST with CSRF), and its API twin `GET /api/v1/platform-sync`. Without
/// a configured platform the page says how to configure it.
enum PlatformSyncPages {
    static func model(_ req: Request) async throws -> PlatformSyncModel {
        let actor = try req.actor()
        try actor.require(PlatformSync.adminPermission)
        let repo = PlatformSyncRepository(store: req.store)
        return PlatformSyncModel(page: PageChrome(request: req, title: "12315平台同步"), config: req.services.config.platform,
                                 state: try await repo.state(), outbox: try await repo.outboxCounts(), now: req.store.clock.nowMillis)
    }

    static func page(_ req: Request) async throws -> Response {
        let model = try await model(req)
        return try render(req, "platform_sync", model)
    }

    /// "Pull now": one pass at once, whatever the interval (the lease still keeps it to one server).
    static func pull(_ req: Request) async throws -> Response {
        try req.actor().require(PlatformSync.adminPermission)
        guard let config = req.services.config.platform else { throw DomainError.notFound }
        let sync = PlatformSync(config: config, client: req.client, notifier: req.services.notifier)
        let pass = try await sync.run(req.store, force: true)
        return req.redirect(to: SiteURL.adminPlatformSync.path + "?ok=" + (pass.ran ? "platform-pulled" : "platform-busy"))
    }

    static func boot(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.get(SiteURL.adminPlatformSync.pattern, use: page).access(.permission(PlatformSync.adminPermission))
        web.post(SiteURL.adminPlatformSyncPull.pattern, use: pull).access(.permission(PlatformSync.adminPermission))
        api.get("platform-sync") { req async throws -> PlatformSyncDTO in PlatformSyncDTO(try await model(req)) }
            .access(.permission(PlatformSync.adminPermission))
    }
}

/// The page's view model (STYLE habit 7).
struct PlatformSyncModel {
    let page: PageChrome
    let configured: Bool
    let url: String
    let unitCode: String
    let intervalMinutes: Int
    let tokenSet: Bool
    let lastPull: String
    let lastPullOk: String
    let cursor: String
    let lastPullItems: Int
    let itemsPulled: Int
    let lastPushOk: String
    let pending: Int
    let failed: Int
    let sent: Int
    let failing: Bool
    let failingSince: String
    let lastError: String?
    let lastErrorAt: String
    let adminsTold: String?
    let headTold: String?
    // The raw values for the API.
    let state: PlatformSyncState

    init(page: PageChrome, config: AppConfig.PlatformConfig?, state: PlatformSyncState, outbox: PlatformOutboxCounts, now: Int64) {
        func at(_ ms: Int64?) -> String { ms.map(PlatformSync.beijing) ?? "—" }
        self.page = page
        configured = config != nil
        url = config?.url ?? ""
        unitCode = config?.unitCode ?? ""
        intervalMinutes = config?.intervalMinutes ?? 60
        tokenSet = config?.token != nil
        lastPull = at(state.lastPullAt)
        lastPullOk = at(state.lastPullOkAt)
        cursor = state.cursor ?? "—（尚未拉取，首次拉取全部来件）"
        lastPullItems = state.lastPullItems
        itemsPulled = state.itemsPulled
        lastPushOk = at(state.lastPushOkAt)
        pending = outbox.pending
        failed = outbox.failed
        sent = outbox.sent
        failing = state.failingSince != nil
        failingSince = at(state.failingSince)
        lastError = state.lastError
        lastErrorAt = at(state.lastErrorAt)
        adminsTold = state.adminsToldAt.map(PlatformSync.beijing)
        headTold = state.headToldAt.map(PlatformSync.beijing)
        self.state = state
    }
}

/// The synchronisation's state over the API: times as Unix milliseconds, null when never.
struct PlatformSyncDTO: Content {
    let configured: Bool
    let url: String?
    let unitCode: String?
    let intervalMinutes: Int?
    let cursor: String?
    let lastPullAt: Int64?
    let lastPullOkAt: Int64?
    let lastPullItems: Int
    let itemsPulled: Int
    let lastPushOkAt: Int64?
    let failingSince: Int64?
    let lastError: String?
    let lastErrorAt: Int64?
    let outboxPending: Int
    let outboxFailed: Int
    let outboxSent: Int

    init(_ m: PlatformSyncModel) {
        configured = m.configured
        url = m.configured ? m.url : nil
        unitCode = m.configured ? m.unitCode : nil
        intervalMinutes = m.configured ? m.intervalMinutes : nil
        cursor = m.state.cursor
        lastPullAt = m.state.lastPullAt
        lastPullOkAt = m.state.lastPullOkAt
        lastPullItems = m.state.lastPullItems
        itemsPulled = m.state.itemsPulled
        lastPushOkAt = m.state.lastPushOkAt
        failingSince = m.state.failingSince
        lastError = m.state.lastError
        lastErrorAt = m.state.lastErrorAt
        outboxPending = m.pending
        outboxFailed = m.failed
        outboxSent = m.sent
    }
}
