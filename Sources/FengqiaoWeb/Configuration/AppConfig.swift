import FengqiaoCore
import Foundation

/// Configuration read once at start (PLT-55) from the environment, or from a `KEY=VALUE` file named
/// by `FENGQIAO_CONFIG` (the environment wins). Validation names every bad setting at once.
public struct AppConfig: Sendable {
    public enum DatabaseConfig: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public var database: DatabaseConfig
    public var host: String
    public var port: Int
    public var filesDirectory: String
    public var maxUploadBytes: Int64
    public var cipher: FieldCrypto.Algorithm
    public var keys: [FieldCrypto.Key]
    public var auditHash: ChainHash
    public var policy: SecurityPolicy
    public var autoMigrate: Bool
    public var secureCookies: Bool
    /// Run the job scheduler in this process (CAL-43); every server may, claims never overlap.
    public var runScheduler: Bool
    /// Outside channels for notices (CAL-41): HTTP endpoints that accept the message as JSON.
    public var smsGatewayURL: String?
    public var webhookURL: String?
    /// CAL-40: a step turns yellow this many working days before its due date.
    public var warningWorkdays: Int = 2
    /// CP-43: the 12315 platform pulled and told status changes; nil when not configured.
    public var platform: PlatformConfig? = nil
    /// Where a generated key is kept when none is configured (the demo and first-run default).
    public var keyFile: String

    /// CP-43, complaints.md step 1 "platform pull ≥ hourly": where the platform is, the token it
    /// wants, the unit (by code) its items are registered in, and how often it is pulled.
    public struct PlatformConfig: Sendable, Equatable {
        /// The base URL: items are read from `<url>/items`, status changes posted to `<url>/status`.
        public var url: String
        public var token: String?
        public var unitCode: String
        public var intervalMinutes: Int

        public init(url: String, token: String?, unitCode: String, intervalMinutes: Int = 60) {
            self.url = url
            self.token = token
            self.unitCode = unitCode
            self.intervalMinutes = intervalMinutes
        }
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let problems: [String]
        public var description: String { "配置有误 / invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n") }
    }

    /// Reads and validates. `environment` is injected so tests need not touch the process's.
    public static func load(environment: [String: String], fileReader: (String) -> String? = { try? String(contentsOfFile: $0, encoding: .utf8) }) throws -> AppConfig {
        var env: [String: String] = [:]
        var problems: [String] = []
        if let file = environment["FENGQIAO_CONFIG"], !file.isEmpty {
            if let text = fileReader(file) {
                for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let line = raw.trimmingCharacters(in: .whitespaces)
                    if line.isEmpty || line.hasPrefix("#") { continue }
                    guard let eq = line.firstIndex(of: "=") else {
                        problems.append("FENGQIAO_CONFIG \(file):\(n + 1): expected KEY=VALUE")
                        continue
                    }
                    var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                    if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
                    env[line[..<eq].trimmingCharacters(in: .whitespaces)] = value
                }
            } else {
                problems.append("FENGQIAO_CONFIG: cannot read \(file)")
            }
        }
        for (k, v) in environment where k.hasPrefix("FENGQIAO_") { env[k] = v }

        func int(_ key: String, _ def: Int, _ range: ClosedRange<Int>) -> Int {
            guard let raw = env[key], !raw.isEmpty else { return def }
            guard let v = Int(raw), range.contains(v) else {
                problems.append("\(key)=\(raw): expected an integer in \(range.lowerBound)…\(range.upperBound)")
                return def
            }
            return v
        }
        func bool(_ key: String, _ def: Bool) -> Bool {
            guard let raw = env[key]?.lowercased(), !raw.isEmpty else { return def }
            switch raw {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default:
                problems.append("\(key)=\(raw): expected true or false")
                return def
            }
        }

        func url(_ key: String) -> String? {
            guard let raw = env[key], !raw.isEmpty else { return nil }
            guard raw.hasPrefix("http://") || raw.hasPrefix("https://") else {
                problems.append("\(key)=\(raw): expected an http:// or https:// URL")
                return nil
            }
            return raw
        }

        var database = DatabaseConfig.sqlite(path: env["FENGQIAO_SQLITE_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "./fengqiao.sqlite")
        if let url = env["FENGQIAO_DATABASE_URL"], !url.isEmpty {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                database = .postgres(url: url)
            } else if url.hasPrefix("sqlite://") {
                database = .sqlite(path: String(url.dropFirst("sqlite://".count)))
            } else {
                problems.append("FENGQIAO_DATABASE_URL: expected postgres://user:password@host:port/database or sqlite://path")
            }
        }
        let host = env["FENGQIAO_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        let port = int("FENGQIAO_PORT", 8080, 1...65535)
        let maxMB = int("FENGQIAO_MAX_UPLOAD_MB", 200, 1...10_240)
        let cipherRaw = env["FENGQIAO_CIPHER"].flatMap { $0.isEmpty ? nil : $0 } ?? "aes-256-gcm"
        let cipher = FieldCrypto.Algorithm(rawValue: cipherRaw.lowercased())
        if cipher == nil { problems.append("FENGQIAO_CIPHER=\(cipherRaw): expected aes-256-gcm or sm4") }
        let hashRaw = env["FENGQIAO_AUDIT_HASH"].flatMap { $0.isEmpty ? nil : $0 } ?? "sha256"
        let hash = ChainHash(rawValue: hashRaw.lowercased())
        if hash == nil { problems.append("FENGQIAO_AUDIT_HASH=\(hashRaw): expected sha256 or sm3") }
        var keys: [FieldCrypto.Key] = []
        if let raw = env["FENGQIAO_ENCRYPTION_KEYS"], !raw.isEmpty {
            switch parseKeys(raw) {
            case .success(let k): keys = k
            case .failure(let message): problems.append("FENGQIAO_ENCRYPTION_KEYS: \(message)")
            }
        }
        let password = PasswordPolicy(minLength: int("FENGQIAO_PASSWORD_MIN_LENGTH", 8, 8...128),
                                      minClasses: int("FENGQIAO_PASSWORD_MIN_CLASSES", 3, 3...4),
                                      maxAgeDays: int("FENGQIAO_PASSWORD_MAX_AGE_DAYS", 90, 1...3650))
        let policy = SecurityPolicy(password: password,
                                    maxFailedLogins: int("FENGQIAO_LOCK_AFTER_FAILURES", 5, 1...10),
                                    lockMinutes: int("FENGQIAO_LOCK_MINUTES", 15, 1...1440),
                                    idleMinutes: int("FENGQIAO_IDLE_MINUTES", 30, 1...30),
                                    bcryptCost: int("FENGQIAO_BCRYPT_COST", 12, 4...16))
        if policy.bcryptCost < 12 && env["FENGQIAO_ENV"] != "test" {
            problems.append("FENGQIAO_BCRYPT_COST=\(policy.bcryptCost): must be at least 12 (PLT-30) outside tests")
        }
        let warning = int("FENGQIAO_WARNING_WORKDAYS", 2, 1...10)
        // CP-43: at least hourly, so the interval is at most 60 minutes.
        let platformInterval = int("FENGQIAO_PLATFORM_INTERVAL_MINUTES", 60, 1...60)
        var platform: PlatformConfig?
        if let platformURL = url("FENGQIAO_PLATFORM_URL") {
            if let unit = env["FENGQIAO_PLATFORM_UNIT"], !unit.isEmpty {
                platform = PlatformConfig(url: platformURL, token: env["FENGQIAO_PLATFORM_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }, unitCode: unit,
                                          intervalMinutes: platformInterval)
            } else {
                problems.append("FENGQIAO_PLATFORM_UNIT: required with FENGQIAO_PLATFORM_URL (the code of the unit the platform's items are registered in)")
            }
        }
        if !problems.isEmpty { throw Invalid(problems: problems) }
        return AppConfig(database: database, host: host, port: port,
                         filesDirectory: env["FENGQIAO_FILES_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./files",
                         maxUploadBytes: Int64(maxMB) * 1_048_576, cipher: cipher!, keys: keys, auditHash: hash!, policy: policy,
                         autoMigrate: bool("FENGQIAO_AUTO_MIGRATE", true), secureCookies: bool("FENGQIAO_SECURE_COOKIES", false),
                         runScheduler: bool("FENGQIAO_SCHEDULER", true),
                         smsGatewayURL: url("FENGQIAO_SMS_GATEWAY_URL"), webhookURL: url("FENGQIAO_WEBHOOK_URL"),
                         warningWorkdays: warning, platform: platform,
                         keyFile: env["FENGQIAO_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "./fengqiao.key")
    }

    /// `id:base64,id:base64` — the current key first; each key 32 bytes.
    public static func parseKeys(_ raw: String) -> Result<[FieldCrypto.Key], KeyError> {
        var keys: [FieldCrypto.Key] = []
        for part in raw.split(separator: ",") {
            let pieces = part.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
            guard pieces.count == 2, !pieces[0].isEmpty, let data = Data(base64Encoded: String(pieces[1])) else {
                return .failure(KeyError("expected id:base64 pairs separated by commas"))
            }
            guard data.count == 32 else { return .failure(KeyError("key \(pieces[0]) must be 32 bytes, is \(data.count)")) }
            keys.append(.init(id: String(pieces[0]), bytes: Array(data)))
        }
        return keys.isEmpty ? .failure(KeyError("no keys")) : .success(keys)
    }

    public struct KeyError: Error, CustomStringConvertible {
        public let description: String
        init(_ d: String) { description = d }
    }

    /// A fresh key line for a key file or the environment.
    public static func generateKeyLine(id: String = "k1") -> String {
        var rng = SystemRandomNumberGenerator()
        return id + ":" + Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }).base64EncodedString()
    }

    /// The keys to use: configured ones, else those in the key file, else a new key written to the
    /// key file (mode 0600) when `create` is true.
    public func resolvedKeys(create: Bool) throws -> [FieldCrypto.Key] {
        if !keys.isEmpty { return keys }
        if let text = try? String(contentsOfFile: keyFile, encoding: .utf8) {
            switch Self.parseKeys(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            case .success(let k): return k
            case .failure(let e): throw Invalid(problems: ["\(keyFile): \(e.description)"])
            }
        }
        guard create else {
            throw Invalid(problems: ["FENGQIAO_ENCRYPTION_KEYS is not set and \(keyFile) does not exist (PLT-34: personal data must be encrypted)"])
        }
        let line = Self.generateKeyLine()
        FileManager.default.createFile(atPath: keyFile, contents: Data((line + "\n").utf8), attributes: [.posixPermissions: 0o600])
        return try resolvedKeys(create: false)
    }
}
