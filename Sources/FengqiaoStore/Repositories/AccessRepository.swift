import Crypto
import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// A live web session.
public struct SessionRecord: Sendable, Equatable {
    public let id: UUID
    public let userID: UUID
    public let csrfToken: String
    public let lastSeen: Int64
}

public struct APITokenRecord: Sendable, Equatable {
    public let id: UUID
    public let userID: UUID
    public let name: String
    public let scopes: [String]
    public let createdAt: Int64
    public let revokedAt: Int64?
}

/// Sessions and API tokens. Only hashes of the secrets are stored (PLT-32, PLT-33): a copy of
/// the database does not let anyone sign in.
public struct AccessRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// A random URL-safe secret of 32 bytes.
    public static func newSecret() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func digest(_ secret: String) -> String { AuditChain.hex(Array(SHA256.hash(data: Array(secret.utf8)))) }

    // MARK: sessions

    /// Starts a session; returns the cookie secret (shown once) and the record.
    public func startSession(userID: UUID, context: AuditContext) async throws -> (secret: String, session: SessionRecord) {
        let secret = Self.newSecret()
        let csrf = Self.newSecret()
        let record = try await store.write(context) { tx in
            let m = SessionModel()
            m.id = UUID()
            m.tokenHash = Self.digest(secret)
            m.userID = userID
            m.csrfToken = csrf
            m.createdAt = tx.now
            m.lastSeen = tx.now
            m.ended = false
            try await m.create(on: tx.db)
            tx.record("session.start", "user", userID.uuidString)
            return SessionRecord(id: m.id!, userID: userID, csrfToken: csrf, lastSeen: m.lastSeen)
        }
        return (secret, record)
    }

    /// The session for a cookie secret if it is live; an idle one is ended here (PLT-32). Touching
    /// the last-seen time is not an audited write: it changes no business data.
    public func session(secret: String, policy: SecurityPolicy) async throws -> SessionRecord? {
        guard let m = try await SessionModel.query(on: store.db).filter(\.$tokenHash == Self.digest(secret)).filter(\.$ended == false).first() else {
            return nil
        }
        let now = store.clock.nowMillis
        if LoginRules.sessionExpired(lastSeen: m.lastSeen, now: now, policy: policy) {
            try await store.write(.init(userID: m.userID)) { tx in
                try await SessionModel.query(on: tx.db).filter(\.$id == m.id!).set(\.$ended, to: true).update()
                tx.record("session.expire", "user", m.userID.uuidString)
            }
            return nil
        }
        // Only write when a minute has passed, to keep reads cheap.
        if now - m.lastSeen > 60_000 {
            try await SessionModel.query(on: store.db).filter(\.$id == m.id!).set(\.$lastSeen, to: now).update()
        }
        return SessionRecord(id: m.id!, userID: m.userID, csrfToken: m.csrfToken, lastSeen: now)
    }

    public func endSession(_ id: UUID, context: AuditContext) async throws {
        try await store.write(context) { tx in
            try await SessionModel.query(on: tx.db).filter(\.$id == id).set(\.$ended, to: true).update()
            tx.record("session.end", "session", id.uuidString)
        }
    }

    // MARK: API tokens

    /// Creates a token; the secret is returned once and only its hash is kept (PLT-33).
    public func createToken(userID: UUID, name: String, scopes: [String], context: AuditContext) async throws -> (secret: String, token: APITokenRecord) {
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DomainError.invalid([FieldError(field: "name", rule: "PLT-33", code: "token.name.required", messageZH: "令牌名称不能为空")])
        }
        guard try await UserModel.find(userID, on: store.db) != nil else { throw DomainError.notFound }
        let secret = "fq_" + Self.newSecret()
        let token = try await store.write(context) { tx in
            let m = APITokenModel()
            m.id = UUID()
            m.userID = userID
            m.name = name
            m.tokenHash = Self.digest(secret)
            m.scopes = scopes.joined(separator: " ")
            m.createdAt = tx.now
            try await m.create(on: tx.db)
            tx.record("token.create", "api-token", m.id!.uuidString, changes: ["name": .init(before: nil, after: name), "user": .init(before: nil, after: userID.uuidString)])
            return APITokenRecord(id: m.id!, userID: userID, name: name, scopes: scopes, createdAt: m.createdAt, revokedAt: nil)
        }
        return (secret, token)
    }

    /// The live token whose secret hashes to a stored hash; a revoked token is nil at once (PLT-33).
    public func token(secret: String) async throws -> APITokenRecord? {
        guard let m = try await APITokenModel.query(on: store.db).filter(\.$tokenHash == Self.digest(secret)).first(), m.revokedAt == nil,
              let id = m.id else { return nil }
        return APITokenRecord(id: id, userID: m.userID, name: m.name, scopes: m.scopes.split(separator: " ").map(String.init), createdAt: m.createdAt, revokedAt: nil)
    }

    /// A user's tokens, newest first, revoked ones included (with their revocation time).
    public func tokens(userID: UUID) async throws -> [APITokenRecord] {
        try await APITokenModel.query(on: store.db).filter(\.$userID == userID).sort(\.$createdAt, .descending).all().compactMap { m in
            m.id.map { APITokenRecord(id: $0, userID: m.userID, name: m.name, scopes: m.scopes.split(separator: " ").map(String.init),
                                      createdAt: m.createdAt, revokedAt: m.revokedAt) }
        }
    }

    /// Revokes one token (PLT-33). With `ownerID`, only that user's token: another user's is "not
    /// found". Revoking twice changes nothing.
    public func revokeToken(_ id: UUID, ownerID: UUID? = nil, context: AuditContext) async throws {
        try await store.write(context) { tx in
            guard let m = try await APITokenModel.find(id, on: tx.db), ownerID.map({ $0 == m.userID }) ?? true else { throw DomainError.notFound }
            guard m.revokedAt == nil else { return }
            m.revokedAt = tx.now
            try await m.update(on: tx.db)
            tx.record("token.revoke", "api-token", id.uuidString, changes: ["name": .init(before: m.name, after: nil)])
        }
    }

    // MARK: idempotency (PLT-52)

    public enum IdempotencyClaim: Sendable, Equatable {
        /// This request holds the key (its claim token): run the create inside
        /// `IdempotencyClaimScope.$current`, then `completeIdempotencyKey`.
        case claimed(token: String)
        /// An earlier request with this key finished: answer with its response.
        case replay(route: String, status: Int, body: String)
        /// An earlier request's create committed but its answer was never recorded (the process
        /// stopped in between): the created object, so the retry learns its id.
        case committed(route: String, objectType: String, objectID: String)
        /// An earlier request with this key is still running.
        case inProgress
    }

    /// A claim older than this whose create never committed was left by a stopped process.
    public static let idempotencyClaimLifetimeMillis: Int64 = 60_000

    /// Claims a key before the create runs, so two concurrent retries cannot both create: the
    /// unique (user, key) row is the lock. A placeholder has status 0 and the claim's token as body
    /// until the create commits (status -1, the created object, in the create's own transaction —
    /// see `Store.write`) and its answer is recorded (the HTTP status and body). A placeholder older
    /// than a minute is taken over: its create never committed.
    public func claimIdempotencyKey(userID: UUID, key: String, route: String) async throws -> IdempotencyClaim {
        var lastError: (any Error)?
        for _ in 0..<3 {
            let m = IdempotencyModel()
            m.userID = userID
            m.key = key
            m.route = route
            m.status = 0
            m.body = "claim:" + UUID().uuidString
            m.createdAt = store.clock.nowMillis
            do {
                try await m.create(on: store.db)
                return .claimed(token: m.body)
            } catch {
                guard let existing = try await IdempotencyModel.query(on: store.db).filter(\.$userID == userID).filter(\.$key == key).first() else {
                    // The insert lost to a claim that was released before this read (a racing
                    // request with the same key whose create failed): try the insert again (fuzz
                    // finding FZ-06; it used to surface as a 500).
                    lastError = error
                    continue
                }
                switch existing.status {
                case 0 where existing.createdAt < store.clock.nowMillis - Self.idempotencyClaimLifetimeMillis:
                    // Only this stale claim is removed (its token); a racing retry that removed it
                    // first wins the insert and this one answers in-progress.
                    try await IdempotencyModel.query(on: store.db).filter(\.$userID == userID).filter(\.$key == key)
                        .filter(\.$status == 0).filter(\.$body == existing.body).delete()
                    continue
                case 0: return .inProgress
                case -1:
                    let parts = existing.body.split(separator: ":", maxSplits: 1).map(String.init)
                    return .committed(route: existing.route, objectType: parts.first ?? "", objectID: parts.count > 1 ? parts[1] : "")
                default: return .replay(route: existing.route, status: existing.status, body: existing.body)
                }
            }
        }
        // Still no row after three lost inserts: either the key keeps changing hands (busy: the
        // client may retry) or the insert fails for another reason, which is not a claim at all.
        if let lastError, try await IdempotencyModel.query(on: store.db).filter(\.$userID == userID).filter(\.$key == key).count() == 0,
           !String(describing: lastError).lowercased().contains("unique") {
            throw lastError
        }
        return .inProgress
    }

    /// Records the first response for a claimed key. Not an audited write: the create it answers was.
    public func completeIdempotencyKey(userID: UUID, key: String, status: Int, body: String) async throws {
        try await IdempotencyModel.query(on: store.db).filter(\.$userID == userID).filter(\.$key == key)
            .set(\.$status, to: status).set(\.$body, to: body).update()
    }

    /// Frees a key whose create failed (nothing committed), so the client may retry it.
    public func releaseIdempotencyKey(userID: UUID, key: String, token: String) async throws {
        try await IdempotencyModel.query(on: store.db).filter(\.$userID == userID).filter(\.$key == key).filter(\.$status == 0)
            .filter(\.$body == token).delete()
    }
}

/// The idempotency claim a create runs under (PLT-52): the first write transaction that records an
/// audit event marks the claim committed with that event's object, in the same transaction, so a
/// retry after a crash between the commit and the recorded answer learns the created id instead of
/// creating twice. A claim taken over meanwhile aborts the write.
public struct IdempotencyClaimScope: Sendable {
    public let userID: UUID
    public let key: String
    public let token: String

    public init(userID: UUID, key: String, token: String) {
        self.userID = userID
        self.key = key
        self.token = token
    }

    @TaskLocal public static var current: IdempotencyClaimScope?

    /// Marks the claim committed inside the create's transaction; throws when the claim is no
    /// longer this request's (it expired and another retry took the key).
    func markCommitted(objectType: String, objectID: String, on sql: any SQLDatabase) async throws {
        let marker = "\(objectType):\(objectID)"
        try await sql.update("idempotency_keys").set("status", to: SQLBind(-1)).set("body", to: SQLBind(marker))
            .where("user_id", .equal, SQLBind(userID)).where("key", .equal, SQLBind(key))
            .where("status", .equal, SQLBind(0)).where("body", .equal, SQLBind(token)).run()
        let row = try await sql.select().column("status").column("body").from("idempotency_keys")
            .where("user_id", .equal, SQLBind(userID)).where("key", .equal, SQLBind(key)).first()
        let status = try row?.decode(column: "status", as: Int.self)
        let body = try row?.decode(column: "body", as: String.self)
        guard status == -1, body == marker else {
            throw DomainError(.conflict, code: "idempotency.in-progress", messageZH: "使用该 Idempotency-Key 的请求已由另一次重试处理，请稍后重试",
                              ruleID: "PLT-52")
        }
    }
}
