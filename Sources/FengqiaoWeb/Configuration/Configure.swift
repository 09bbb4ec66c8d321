import FengqiaoCore
import FengqiaoStore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Metrics
import Mustache
import Prometheus
import Vapor

/// Everything a handler needs, built once at start and read from `app.fengqiao`.
public struct AppServices: Sendable {
    public let config: AppConfig
    public let crypto: FieldCrypto
    public let clock: WallClock
    public let gate: AsyncGate
    public let views: MustacheLibrary
    public let hasher: any PasswordHashing
    public let prometheus: PrometheusCollectorRegistry
    public let notifier: Notifier
    /// The procedures this app runs (issue 12): routes, pages, the nav and the OpenAPI document
    /// come from it.
    public let procedures: ProcedureRegistry
    /// The OpenAPI document, built once from the registry.
    let openAPI: String

    public func store(_ db: any Database) -> Store {
        Store(db: db, crypto: crypto, chainHash: config.auditHash, clock: clock, gate: gate, procedures: procedures)
    }
}

struct ServicesKey: StorageKey { typealias Value = AppServices }

extension Application {
    public var fengqiao: AppServices {
        get {
            guard let s = storage[ServicesKey.self] else { fatalError("configure(_:) was not called") }
            return s
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    public var services: AppServices { application.fengqiao }
    public var procedures: ProcedureRegistry { application.fengqiao.procedures }
    public var store: Store { services.store(db) }
    public var organisation: OrganisationRepository { OrganisationRepository(store: store) }
    public var parties: PartyRepository { PartyRepository(store: store) }
    public var access: AccessRepository { AccessRepository(store: store) }
    public var auditTrail: AuditRepository { AuditRepository(store: store) }
    public var attachments: AttachmentRepository {
        AttachmentRepository(store: store, root: services.config.filesDirectory, maxBytes: services.config.maxUploadBytes)
    }
}

/// bcrypt through Vapor (PLT-30). Hashing runs on a thread pool: cost 12 takes ~0.25 s.
struct BcryptHasher: PasswordHashing {
    let cost: Int
    func hash(_ password: String) throws -> String { try Bcrypt.hash(password, cost: cost) }
    func verify(_ password: String, against hash: String) throws -> Bool { try Bcrypt.verify(password, created: hash) }
}

/// The Prometheus registry is process-wide: swift-metrics can be bootstrapped once only.
private let sharedPrometheus: PrometheusCollectorRegistry = {
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    return registry
}()

/// Configures an application: database, migrations, views, middleware, routes and commands.
/// - Parameters:
///   - clock: injected so tests can pin "today" (STYLE habit 4).
///   - createKey: generate a key file when none is configured (the demo does).
///   - procedures: the procedures the app runs; a test may add one of its own.
public func configure(_ app: Application, config: AppConfig, clock: WallClock = .system, createKey: Bool = false,
                      postgresSearchPath: [String]? = nil, gateways: [OutboundMessage.Channel: any MessageGateway]? = nil,
                      procedures: ProcedureRegistry = .shipped) async throws {
    let keys = try config.resolvedKeys(create: createKey)
    switch config.database {
    case .sqlite(let path):
        app.databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1, connectionPoolTimeout: .seconds(30)), as: .sqlite)
    case .postgres(let url):
        var pg = try SQLPostgresConfiguration(url: url)
        if let path = postgresSearchPath { pg.searchPath = path }
        app.databases.use(.postgres(configuration: pg, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(30)), as: .psql)
    }
    for m in Migrations.all(procedures) { app.migrations.add(m) }

    let views = try await loadViews()
    var channels: [OutboundMessage.Channel: any MessageGateway] = [:]
    if let u = config.smsGatewayURL { channels[.sms] = HTTPGateway(url: URI(string: u), client: app.client) }
    if let u = config.webhookURL { channels[.webhook] = HTTPGateway(url: URI(string: u), client: app.client) }
    app.fengqiao = AppServices(config: config, crypto: FieldCrypto(algorithm: config.cipher, keys: keys), clock: clock, gate: AsyncGate(),
                            views: views, hasher: BcryptHasher(cost: config.policy.bcryptCost), prometheus: sharedPrometheus,
                            notifier: Notifier(gateways: gateways ?? channels, logger: app.logger), procedures: procedures,
                            openAPI: OpenAPIDocument.json(procedures))

    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = ByteCount(integerLiteral: Int(min(config.maxUploadBytes, Int64(Int32.max))))

    app.middleware = .init()
    app.middleware.use(RequestIDMiddleware())
    // Outside the error middleware, so problem answers and error pages carry the headers too.
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(AppErrorMiddleware())
    // Before the file middleware: `../` and control characters never reach a handler.
    app.middleware.use(InputGuardMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: try resourcePath("Public") + "/", defaultFile: nil))

    try routes(app)
    registerCommands(app)
    app.lifecycle.use(DatabasePreparation(autoMigrate: config.autoMigrate))
    let platform = config.platform.map { PlatformSync(config: $0, client: app.client, notifier: app.fengqiao.notifier) }
    app.lifecycle.use(SchedulerLifecycle(scheduler: .shipped(notifier: app.fengqiao.notifier, warningWorkdays: config.warningWorkdays, platform: platform)))
}

/// Prepares the connection (WAL on SQLite) and, when asked, migrates on `serve` (PLT-55).
struct DatabasePreparation: LifecycleHandler {
    let autoMigrate: Bool
    func didBootAsync(_ app: Application) async throws {
        // Only commands that own the database prepare it; `--help` and the like touch nothing.
        let command = app.environment.arguments.dropFirst().first ?? "serve"
        guard ["serve", "migrate", "demo", "restore", "bench"].contains(command), !app.environment.arguments.contains("--help") else { return }
        try await SQLSupport.prepareConnection(app.db)
        // One pooled SQLite connection per event loop: each is tuned for reading once, here.
        for loop in app.eventLoopGroup.makeIterator() {
            if let db = app.databases.database(logger: app.logger, on: loop) { try await SQLSupport.tuneReadConnection(db) }
        }
        // Several servers may start together on one database (issue 13 item 4): one migrates at a time.
        if autoMigrate && command == "serve" { try await MigrationLock.run(app.db) { try await app.autoMigrate() } }
    }
}

/// Templates load once at start, so a broken template fails the boot, not a request.
func loadViews() async throws -> MustacheLibrary {
    try await MustacheLibrary(directory: try resourcePath("Templates"))
}

func resourcePath(_ name: String) throws -> String {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil) else {
        throw Abort(.internalServerError, reason: "missing resource \(name)")
    }
    return url.path
}
