import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Fluent
import Foundation
import NIOCore
import SQLKit
import Synchronization
import Testing
import Vapor
import VaporTesting

/// A clock the test moves by hand (STYLE habit 4). Starts on 2025-09-30 10:00 Beijing time.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_759_197_600))  // 2025-09-30T02:00:00Z
    var now: Date { current.withLock { $0 } }
    func advance(minutes: Double) { current.withLock { $0 = $0.addingTimeInterval(minutes * 60) } }
    var wall: WallClock { WallClock(now: { [self] in self.now }) }
}

/// Which database the suite runs on: PostgreSQL when FENGQIAO_TEST_DATABASE_URL is set.
enum TestDatabase {
    static var postgresURL: String? {
        let v = ProcessInfo.processInfo.environment["FENGQIAO_TEST_DATABASE_URL"]
        return (v?.isEmpty ?? true) ? nil : v
    }
}

/// Everything a test needs: the app, its clock, its temporary directory and seeded records.
struct TestEnv {
    let app: Application
    let clock: TestClock
    let dir: String
    /// The PostgreSQL schema of this test (unused on SQLite).
    let schema: String
    var store: Store { app.fengqiao.store(app.db) }
    var org: OrganisationRepository { OrganisationRepository(store: store) }
    var parties: PartyRepository { PartyRepository(store: store) }
    var audit: AuditRepository { AuditRepository(store: store) }
    var sql: any SQLDatabase { app.db as! any SQLDatabase }
}

/// Builds an app on a fresh database (a temporary SQLite file, or a fresh PostgreSQL schema),
/// migrates it, runs `body`, and always shuts down and cleans up.
func withApp(extraEnvironment: [String: String] = [:], gateways: [OutboundMessage.Channel: any MessageGateway]? = nil,
             procedures: ProcedureRegistry = .shipped, _ body: (TestEnv) async throws -> Void) async throws {
    let dir = NSTemporaryDirectory() + "fq-test-" + UUID().uuidString.lowercased().prefix(12)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var environment = [
        "FENGQIAO_ENV": "test",
        "FENGQIAO_BCRYPT_COST": "4",
        "FENGQIAO_ENCRYPTION_KEYS": "k1:" + Data((0..<32).map { UInt8($0) }).base64EncodedString(),
        "FENGQIAO_SQLITE_PATH": dir + "/test.sqlite",
        "FENGQIAO_FILES_DIR": dir + "/files",
        "FENGQIAO_AUTO_MIGRATE": "false",
        "FENGQIAO_SCHEDULER": "false",
    ]
    let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    if let url = TestDatabase.postgresURL { environment["FENGQIAO_DATABASE_URL"] = url }
    for (k, v) in extraEnvironment { environment[k] = v }
    let config = try AppConfig.load(environment: environment)
    let clock = TestClock()
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        try await configure(app, config: config, clock: clock.wall, postgresSearchPath: TestDatabase.postgresURL == nil ? nil : [String(schema)],
                            gateways: gateways, procedures: procedures)
        let sql = app.db as! any SQLDatabase
        if TestDatabase.postgresURL != nil { try await sql.raw("CREATE SCHEMA \(unsafeRaw: String(schema))").run() }
        try await SQLSupport.prepareConnection(app.db)
        try await app.autoMigrate()
        try await body(TestEnv(app: app, clock: clock, dir: dir, schema: String(schema)))
    } catch {
        try await cleanup(app, schema: String(schema), dir: dir)
        throw error
    }
    try await cleanup(app, schema: String(schema), dir: dir)
}

private func cleanup(_ app: Application, schema: String, dir: String) async throws {
    if TestDatabase.postgresURL != nil {
        try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
    }
    try await app.asyncShutdown()
    try? FileManager.default.removeItem(atPath: dir)
}

/// The demo-like organisation most tests use: a bureau with two offices A (ZC) and B (DH).
struct Seeded {
    let bureau: OrgUnit
    let officeA: OrgUnit
    let officeB: OrgUnit
    let officerA: UserRecord
    let officerB: UserRecord
    let admin: UserRecord
    let auditor: UserRecord
    static let password = "Test-Pass-2025"
}

extension TestEnv {
    func seed() async throws -> Seeded {
        let ctx = AuditContext.system("test")
        let bureau = try await org.createUnit(code: "JC", name: "江城市市场监督管理局", kind: .bureau, parentID: nil, areaCode: "330102", numberPrefix: nil, context: ctx)
        let a = try await org.createUnit(code: "ZC", name: "中村市场监管所", kind: .office, parentID: bureau.id, areaCode: nil, numberPrefix: "中村所", context: ctx)
        let b = try await org.createUnit(code: "DH", name: "东湖市场监管所", kind: .office, parentID: bureau.id, areaCode: nil, numberPrefix: "东湖所", context: ctx)
        let hash = try app.fengqiao.hasher.hash(Seeded.password)
        func user(_ login: String, _ name: String, _ unit: OrgUnit, _ role: String, _ scope: DataScope) async throws -> UserRecord {
            try await org.createUser(NewUser(login: login, name: name, unitID: unit.id, passwordHash: hash, mustChangePassword: false,
                                             roles: [(role, unit.id, scope)]), context: ctx)
        }
        return Seeded(bureau: bureau, officeA: a, officeB: b,
                      officerA: try await user("officer_a", "李明", a, "officer", .unit),
                      officerB: try await user("officer_b", "陈静", b, "officer", .unit),
                      admin: try await user("admin", "系统管理员", bureau, "system-admin", .all),
                      auditor: try await user("auditor", "审计管理员", bureau, "audit-admin", .all))
    }

    func actor(_ user: UserRecord) async throws -> Actor { try await org.actor(for: user) }

    /// One more user with one role, password `Seeded.password`.
    func user(_ login: String, _ name: String, unit: UUID, role: String, scope: DataScope) async throws -> UserRecord {
        let hash = try app.fengqiao.hasher.hash(Seeded.password)
        return try await org.createUser(NewUser(login: login, name: name, unitID: unit, passwordHash: hash, mustChangePassword: false,
                                                roles: [(role, unit, scope)]), context: .system("test"))
    }

    /// Moves the test clock forward to `iso` at `hour` o'clock Beijing time.
    func moveClock(to iso: String, hour: Double = 8.5) {
        let target = Double(LocalDate(iso: iso)!.ordinal) * 86_400 + hour * 3600 - 8 * 3600
        clock.advance(minutes: (target - clock.now.timeIntervalSince1970) / 60)
    }

    /// An API bearer token for a user.
    func token(_ user: UserRecord) async throws -> String {
        try await AccessRepository(store: store).createToken(userID: user.id, name: "test", scopes: ["api"], context: .system("test")).secret
    }

    func request(_ method: HTTPMethod, _ path: String, token: String? = nil, json: (any Encodable)? = nil, headers: [(String, String)] = [],
                 cookies: [String: String] = [:], form: [String: String]? = nil) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(method, path) { req in
            if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            for (k, v) in headers { req.headers.add(name: k, value: v) }
            if !cookies.isEmpty { req.headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
            if let json {
                req.headers.contentType = .json
                req.body = ByteBuffer(data: try JSONEncoder().encode(json))
            }
            if let form {
                req.headers.contentType = .urlEncodedForm
                let body = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
                req.body = ByteBuffer(string: body)
            }
        }
    }
}

/// A browser-like client for the HTML pages: keeps cookies, reads CSRF tokens from forms.
final class WebClient {
    let env: TestEnv
    var cookies: [String: String] = [:]
    init(_ env: TestEnv) { self.env = env }

    func send(_ method: HTTPMethod, _ path: String, form: [String: String]? = nil, multipart: (boundary: String, body: ByteBuffer)? = nil) async throws -> TestingHTTPResponse {
        try await send(method, path, pairs: form.map { $0.map { ($0.key, $0.value) } }, multipart: multipart)
    }

    /// Sends a form whose fields may repeat (checkboxes named `x[]`).
    func send(_ method: HTTPMethod, _ path: String, pairs: [(String, String)]?, multipart: (boundary: String, body: ByteBuffer)? = nil) async throws -> TestingHTTPResponse {
        let cookieHeader = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        let res = try await env.app.testing().sendRequest(method, path) { req in
            if !cookieHeader.isEmpty { req.headers.replaceOrAdd(name: .cookie, value: cookieHeader) }
            if let pairs {
                let allowed = CharacterSet.alphanumerics
                req.headers.contentType = .urlEncodedForm
                req.body = ByteBuffer(string: pairs.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
                    .joined(separator: "&"))
            }
            if let multipart {
                req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(multipart.boundary)")
                req.body = multipart.body
            }
        }
        for header in res.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            if header.contains("Max-Age=0") || header.lowercased().contains("expires=thu, 01 jan 1970") { cookies[name] = nil } else { cookies[name] = String(pair[1]) }
        }
        return res
    }

    static func csrf(in html: String) -> String? {
        guard let r = html.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) else { return nil }
        let match = String(html[r])
        return String(match.dropFirst(#"name="_csrf" value=""#.count).dropLast())
    }

    /// Logs in through the login form; returns the response to the POST.
    @discardableResult
    func login(_ login: String, _ password: String) async throws -> TestingHTTPResponse {
        let page = try await send(.GET, "/login")
        let token = Self.csrf(in: page.body.string) ?? ""
        return try await send(.POST, "/login", form: ["login": login, "password": password, "_csrf": token])
    }

    /// GETs a page and returns its CSRF token (for the next form post).
    func csrf(from path: String) async throws -> String {
        let page = try await send(.GET, path)
        return Self.csrf(in: page.body.string) ?? ""
    }
}

extension String {
    /// A valid USCC made from a serial (GB 32100 with the embedded GB 11714 code).
    static func uscc(_ serial: Int) -> String { DemoData.uscc(serial: serial) }
}
