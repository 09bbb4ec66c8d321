import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import Metrics
import Vapor

/// The 12315 platform synchronisation (CP-43; complaints.md step 1 "platform pull ≥ hourly" and the
/// reminder "Platform sync failing for >2 hours"). One pass, under the database lease so one server
/// at a time talks to the platform:
/// 1. pull, when due (`PlatformSyncPolicy.pullDue`): `GET <url>/items?since=<cursor>` answers the
///    items changed since the cursor, as the JSON import accepts them (`{"items": […], "cursor": …}`);
///    they go through the import (`ComplaintImportRepository`) exactly as an uploaded file does, so a
///    re-pulled item updates and never duplicates; the cursor moves only when the pull worked;
/// 2. push: each queued status change is `POST <url>/status`, in order per case, retried with backoff
///    until the platform answers 2xx, then marked sent and never sent again;
/// 3. tell: failing for more than 2 hours — the system administrators once per episode; for more
///    than 4 — the centre head (`PlatformSyncPolicy.alerts`). A recovery ends the episode.
public struct PlatformSync: Sendable {
    public let config: AppConfig.PlatformConfig
    public let client: any Client
    public let notifier: Notifier
    public let worker: String

    /// The system administrators' permission: they are told (and see the page).
    public static let adminPermission: Permission = .apiTokens
    /// The centre head's (complaints.md: the centre head dispatches).
    public static let headPermission: Permission = .complaintDispatch
    /// The scheduler's job kind: one pass, every minute while configured.
    public static let jobKind = "platform.sync"

    public init(config: AppConfig.PlatformConfig, client: any Client, notifier: Notifier,
                worker: String = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(6))") {
        self.config = config
        self.client = client
        self.notifier = notifier
        self.worker = worker
    }

    public struct Pass: Sendable, Equatable {
        /// nil: no pull was due; else whether it worked and how many items it brought.
        public var pulled: Int?
        public var pullError: String?
        public var delivered = 0
        public var failedDeliveries = 0
        /// false: another server holds the lease, nothing was done.
        public var ran = true
    }

    /// One pass: pull if due (or `force`, the page's "pull now"), push, tell.
    @discardableResult
    public func run(_ store: Store, force: Bool = false) async throws -> Pass {
        let repo = PlatformSyncRepository(store: store)
        guard try await repo.acquireLease(worker) else { return Pass(pulled: nil, ran: false) }
        var pass = Pass()
        do {
            let state = try await repo.state()
            if force || PlatformSyncPolicy.pullDue(state, now: store.clock.nowMillis, intervalMs: Int64(config.intervalMinutes) * 60_000) {
                do {
                    pass.pulled = try await pull(store, cursor: state.cursor)
                } catch {
                    pass.pullError = Self.describe(error)
                    Counter(label: "fengqiao_platform_pull_failures_total").increment()
                    try await repo.pullFailed(pass.pullError ?? "")
                }
            }
            try await push(store, into: &pass)
            try await tell(store)
        } catch {
            try? await repo.releaseLease(worker)
            throw error
        }
        try await repo.releaseLease(worker)
        return pass
    }

    // MARK: pull

    private func pull(_ store: Store, cursor: String?) async throws -> Int {
        guard let unit = try await OrganisationRepository(store: store).unit(code: config.unitCode) else {
            throw PlatformFailure(messageZH: "FENGQIAO_PLATFORM_UNIT=\(config.unitCode)：没有这个单位代码")
        }
        var uri = URI(string: config.url.hasSuffix("/") ? config.url + "items" : config.url + "/items")
        if let cursor { uri.query = "since=" + (cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor) }
        let response = try await client.get(uri) { req in
            req.timeout = .seconds(60)
            if let token = config.token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            req.headers.replaceOrAdd(name: .accept, value: "application/json")
        }
        guard (200..<300).contains(response.status.code) else { throw PlatformFailure(messageZH: "平台返回 HTTP \(response.status.code)") }
        let bytes = response.body.map { Array($0.readableBytesView) } ?? []
        // The platform's cursor for the next pull; without one, the instant this pull was answered.
        let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        let next = (object?["cursor"] as? String) ?? Self.iso(store.clock.nowMillis)
        let rows: [ComplaintImportRawRow]
        do { rows = try ComplaintImportFile.rows(bytes: bytes, filename: "platform.json") } catch { throw PlatformFailure(messageZH: "平台返回的内容无法读取：\(error.messageZH)") }
        if !rows.isEmpty {
            // A big pull takes a while: the lease is held long enough for it (a second per item more).
            _ = try await PlatformSyncRepository(store: store).acquireLease(worker, forMs: 10 * 60_000 + Int64(rows.count) * 1_000)
            let imports = ComplaintImportRepository(store: store)
            let id = try await imports.submitPulled(rows, filename: "12315平台同步 \(Self.iso(store.clock.nowMillis))", unitID: unit.id)
            try await imports.run(id)
        }
        try await PlatformSyncRepository(store: store).pullSucceeded(cursor: next, items: rows.count)
        Counter(label: "fengqiao_platform_items_pulled_total").increment(by: rows.count)
        return rows.count
    }

    // MARK: push

    /// The JSON the platform is told: the platform's number and channel, the new state (code and
    /// Chinese name), its date and our case number — never a party (CP-08: no reporter identity).
    struct StatusBody: Content, Equatable {
        let event_id: String
        let external_no: String
        let channel: String
        let channel_name: String
        let status: String
        let status_name: String
        let date: String
        let case_number: String?
    }

    static func body(_ m: PlatformStatusMessage) -> StatusBody {
        StatusBody(event_id: m.id.uuidString, external_no: m.externalNo, channel: m.channel, channel_name: m.channelNameZH, status: m.statusCode,
                   status_name: m.statusNameZH, date: m.on.iso, case_number: m.caseNumber)
    }

    private func push(_ store: Store, into pass: inout Pass) async throws {
        let repo = PlatformSyncRepository(store: store)
        let now = store.clock.nowMillis
        let uri = URI(string: config.url.hasSuffix("/") ? config.url + "status" : config.url + "/status")
        // A case whose earlier change is not yet delivered waits: the platform hears its changes in order.
        var held: Set<UUID> = []
        var lastError: String?
        for m in try await repo.unsent() {
            guard !held.contains(m.caseID), m.nextAttemptAt <= now else { held.insert(m.caseID); continue }
            do {
                let response = try await client.post(uri) { req in
                    req.timeout = .seconds(30)
                    if let token = config.token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
                    try req.content.encode(Self.body(m), as: .json)
                }
                guard (200..<300).contains(response.status.code) else { throw PlatformFailure(messageZH: "平台返回 HTTP \(response.status.code)") }
                try await repo.markSent(m.id)
                Counter(label: "fengqiao_platform_status_pushed_total").increment()
                pass.delivered += 1
            } catch {
                lastError = Self.describe(error)
                try await repo.markFailed(m, error: lastError ?? "")
                held.insert(m.caseID)
                Counter(label: "fengqiao_platform_push_failures_total").increment()
                pass.failedDeliveries += 1
            }
        }
        try await repo.pushed(failures: pass.failedDeliveries, delivered: pass.delivered, lastError: lastError)
    }

    // MARK: tell

    private func tell(_ store: Store) async throws {
        let repo = PlatformSyncRepository(store: store)
        let state = try await repo.state()
        let now = store.clock.nowMillis
        guard let since = state.failingSince else {
            if state.adminsToldAt != nil || state.headToldAt != nil { try await recovered(store, state) }
            return
        }
        let alerts = PlatformSyncPolicy.alerts(state, now: now)
        guard alerts.admins || alerts.head else { return }
        let tree = try await OrganisationRepository(store: store).tree()
        let unit = try await OrganisationRepository(store: store).unit(code: config.unitCode)
        let inbox = NotificationRepository(store: store)
        let context = AuditContext.system("platform-sync")
        let hours = (now - since) / 3_600_000
        let error = state.lastError ?? "未知错误"
        if alerts.admins {
            let admins = try await Self.administrators(inbox, unit: unit, tree: tree)
            try await notifier.send(Notice(kind: "platform.sync.failing", title: "12315平台同步已中断超过2小时",
                                           body: "自\(Self.beijing(since))起与12315平台的同步失败（已\(hours)小时）：\(error)。请检查平台地址、令牌和网络（CP-43）。",
                                           link: SiteURL.adminPlatformSync.path),
                                    toUsers: admins, store: store, context: context)
            try await repo.told(admins: true)
        }
        if alerts.head {
            var heads: [UUID] = []
            if let unit { heads = try await inbox.holders(of: [Self.headPermission], covering: unit.id, tree: tree) }
            try await notifier.send(Notice(kind: "platform.sync.escalated", title: "12315平台同步已中断超过4小时",
                                           body: "自\(Self.beijing(since))起平台来件未能拉取或办理状态未能回传（已\(hours)小时），系统管理员已收到提醒。请关注平台上的来件（CP-43）。",
                                           link: nil),
                                    toUsers: heads, store: store, context: context)
            try await repo.told(admins: false)
        }
    }

    /// A whole working pass after a failure the administrators (and the centre head) were told of:
    /// they are told it recovered, once, and the episode ends.
    private func recovered(_ store: Store, _ state: PlatformSyncState) async throws {
        let tree = try await OrganisationRepository(store: store).tree()
        let unit = try await OrganisationRepository(store: store).unit(code: config.unitCode)
        let inbox = NotificationRepository(store: store)
        var told: [UUID] = []
        if state.adminsToldAt != nil { told += try await Self.administrators(inbox, unit: unit, tree: tree) }
        if state.headToldAt != nil, let unit { told += try await inbox.holders(of: [Self.headPermission], covering: unit.id, tree: tree) }
        var seen: Set<UUID> = []
        told = told.filter { seen.insert($0).inserted }
        try await notifier.send(Notice(kind: "platform.sync.recovered", title: "12315平台同步已恢复",
                                       body: "与12315平台的同步已于\(Self.beijing(store.clock.nowMillis))恢复：来件已拉取，待回传的办理状态已依次回传（CP-43）。",
                                       link: SiteURL.adminPlatformSync.path),
                                toUsers: told, store: store, context: .system("platform-sync"))
        try await PlatformSyncRepository(store: store).episodeEnded()
    }

    /// The administrators told of the sync: holders over the pull's unit; with the unit misconfigured, every administrator.
    private static func administrators(_ inbox: NotificationRepository, unit: OrgUnit?, tree: UnitTree) async throws -> [UUID] {
        if let unit { return try await inbox.holders(of: [adminPermission], covering: unit.id, tree: tree) }
        return try await inbox.users(withPermission: adminPermission).map(\.id)
    }

    // MARK: helpers

    struct PlatformFailure: Error, CustomStringConvertible {
        let messageZH: String
        var description: String { messageZH }
    }

    static func describe(_ error: any Error) -> String {
        if let f = error as? PlatformFailure { return f.messageZH }
        return "无法连接平台：\(String(describing: error))"
    }

    static func iso(_ ms: Int64) -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }

    /// `2025-09-30 10:00` Beijing time.
    static func beijing(_ ms: Int64) -> String {
        let local = ms + 8 * 3_600_000
        let day = LocalDate(ordinal: Int(local / 86_400_000))
        let minutes = (local % 86_400_000) / 60_000
        return "\(day.iso) " + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}
