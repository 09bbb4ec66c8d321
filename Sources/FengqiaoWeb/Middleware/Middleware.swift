import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The signed-in user of a request.
struct Signed: Sendable {
    let actor: Actor
    let user: UserRecord
    let session: SessionRecord?
    /// Unread inbox notices, for the page header (CAL-41).
    var unread: Int = 0
}

struct SignedKey: StorageKey { typealias Value = Signed }

extension Request {
    var signed: Signed? {
        get { storage[SignedKey.self] }
        set { storage[SignedKey.self] = newValue }
    }

    /// The signed-in actor; the auth middleware guarantees it on protected routes.
    func actor() throws -> Actor {
        guard let s = signed else { throw DomainError(.unauthenticated, code: "auth.required", messageZH: "请先登录") }
        return s.actor
    }

    var requestID: String { headers.first(name: "X-Request-ID") ?? storage[RequestIDKey.self] ?? "-" }

    var auditContext: AuditContext {
        AuditContext(userID: signed?.actor.userID, login: signed?.actor.login, unitID: signed?.actor.unitID,
                     clientAddress: remoteAddress?.ipAddress, requestID: requestID)
    }

    var isAPI: Bool { url.path.hasPrefix("/api/") }
}

struct RequestIDKey: StorageKey { typealias Value = String }

struct UnitTreeKey: StorageKey { typealias Value = UnitTree }

extension Request {
    /// The unit tree, read once per request: the auth middleware reads it for the actor's scope and
    /// the page reuses it for unit names. (Pages that change units read it afresh.)
    func unitTree() async throws -> UnitTree {
        if let tree = storage[UnitTreeKey.self] { return tree }
        let tree = try await organisation.tree()
        storage[UnitTreeKey.self] = tree
        return tree
    }
}

/// Gives every request an id, echoed in the response and stamped on audit events and logs (PLT-54).
struct RequestIDMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let incoming = request.headers.first(name: "X-Request-ID").flatMap { $0.count <= 64 && $0.allSatisfy { $0.isASCII && !$0.isWhitespace } ? $0 : nil }
        let id = incoming ?? UUID().uuidString.lowercased()
        request.storage[RequestIDKey.self] = id
        request.logger[metadataKey: "request-id"] = .string(id)
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Request-ID", value: id)
        return response
    }
}

struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        if response.headers.contentType?.subType == "html" {
            // A response that set its own policy (the print view's style hashes) keeps it.
            if response.headers["Content-Security-Policy"].isEmpty {
                response.headers.replaceOrAdd(name: "Content-Security-Policy",
                                              value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
            }
        }
        // Case data must not linger in a browser or proxy cache: every API answer (problems
        // included) and every page is `no-store`; only the static assets may be cached.
        if request.isAPI || response.headers.contentType?.subType == "html" {
            response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        }
        return response
    }
}

let sessionCookie = "fq_session"

/// Web pages: a live session or a redirect to the login page (PLT-32); a forced password change
/// first (PLT-30); and the CSRF token on every state-changing form post.
struct WebAuthMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let policy = request.services.config.policy
        guard let secret = request.cookies[sessionCookie]?.string,
              let session = try await request.access.session(secret: secret, policy: policy),
              let user = try await request.organisation.user(id: session.userID), user.active else {
            var query: [String] = []
            if request.url.path != "/" { query.append("next=" + (request.url.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
            if request.cookies[sessionCookie] != nil { query.append("expired=1") }
            let response = request.redirect(to: SiteURL.login.path + (query.isEmpty ? "" : "?" + query.joined(separator: "&")))
            if request.cookies[sessionCookie] != nil {
                response.cookies[sessionCookie] = .expired
                response.headers.add(name: "X-Session", value: "expired")
            }
            return response
        }
        request.signed = Signed(actor: try await request.organisation.actor(for: user, tree: try await request.unitTree()), user: user, session: session,
                                unread: try await NotificationRepository(store: request.store).unreadCount(userID: user.id))
        if request.method == .POST {
            // A form larger than the first read arrives streaming: collect it before reading the
            // token (the route's own limit still applies after).
            if request.body.data == nil {
                _ = try await request.body.collect(max: Int(clamping: request.services.config.maxUploadBytes)).get()
            }
            let sent = (try? request.content.get(String.self, at: "_csrf")) ?? request.headers.first(name: "X-CSRF-Token")
            guard let sent, constantTimeEqual(sent, session.csrfToken) else {
                throw DomainError(.forbidden, code: "csrf.invalid", messageZH: "表单已失效（CSRF 校验失败），请刷新页面后重新提交", ruleID: "PLT-32")
            }
        }
        let now = request.services.clock.nowMillis
        if LoginRules.passwordChangeDue(mustChange: user.mustChangePassword, changedAt: user.passwordChangedAt, now: now, policy: policy),
           request.url.path != SiteURL.password.path, request.url.path != SiteURL.logout.path {
            return request.redirect(to: SiteURL.password.path)
        }
        return try await next.respond(to: request)
    }
}

/// API calls: a bearer token bound to a user (PLT-33).
struct APIAuthMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization?.token,
              let token = try await request.access.token(secret: bearer),
              let user = try await request.organisation.user(id: token.userID), user.active else {
            throw DomainError(.unauthenticated, code: "auth.token.invalid", messageZH: "缺少或无效的访问令牌", ruleID: "PLT-33")
        }
        // PLT-33: the token's scope bounds what it may do, whatever the user's permissions.
        guard TokenScope.permits(token.scopes, method: request.method.rawValue) else {
            throw DomainError(.forbidden, code: "auth.token.scope", messageZH: "此访问令牌为只读，不能修改数据", ruleID: "PLT-33")
        }
        request.signed = Signed(actor: try await request.organisation.actor(for: user), user: user, session: nil)
        return try await next.respond(to: request)
    }
}

func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in 0..<x.count { diff |= x[i] ^ y[i] }
    return diff == 0
}
