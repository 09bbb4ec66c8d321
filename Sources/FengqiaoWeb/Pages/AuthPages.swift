import FengqiaoCore
import FengqiaoStore
import Foundation
import Metrics
import Vapor

struct LoginPage {
    let page: PageChrome
    let csrf: String
    let next: String
    let login: String
    let error: String?
    let notice: String?
}

struct PasswordPage {
    let page: PageChrome
    let forced: Bool
    let maxAge: Int
    let minLength: Int
    let minClasses: Int
    let errors: [String]
}

/// Login, logout and password change (PLT-30…32).
struct AuthPages: RouteCollection {
    static let preLoginCookie = "fq_prelogin"

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.login.pattern, use: loginForm).access(.open)
        routes.post(SiteURL.login.pattern, use: login).access(.open)
        let signed = routes.grouped(WebAuthMiddleware(), RouteAccessMiddleware())
        signed.post(SiteURL.logout.pattern, use: logout).access(.signedIn)
        signed.get(SiteURL.password.pattern, use: passwordForm).access(.signedIn)
        signed.post(SiteURL.password.pattern, use: changePassword).access(.signedIn)
    }

    /// The login form carries a CSRF token bound to a pre-login cookie (double submit).
    func renderLogin(_ req: Request, login: String = "", error: String? = nil, status: HTTPResponseStatus = .ok) throws -> Response {
        let token = AccessRepository.newSecret()
        let notice = req.query[String.self, at: "expired"] != nil ? "您已超过30分钟未操作，请重新登录" : nil
        let next = req.query[String.self, at: "next"] ?? req.field("next") ?? ""
        let model = LoginPage(page: PageChrome(request: req, title: "登录"), csrf: token, next: Self.safeNext(next), login: login, error: error, notice: notice)
        let response = try render(req, "login", model)
        response.status = status
        response.cookies[Self.preLoginCookie] = HTTPCookies.Value(string: token, maxAge: 3600, path: "/login", isSecure: req.services.config.secureCookies,
                                                                   isHTTPOnly: true, sameSite: .strict)
        return response
    }

    func loginForm(_ req: Request) async throws -> Response {
        if req.cookies[sessionCookie] != nil, let secret = req.cookies[sessionCookie]?.string,
           try await req.access.session(secret: secret, policy: req.services.config.policy) != nil {
            return req.redirect(to: SiteURL.home.path)
        }
        return try renderLogin(req)
    }

    /// A well-formed bcrypt hash of nothing anyone knows, at `cost`: verifying against it takes as
    /// long as verifying a real password of that cost.
    static func dummyHash(cost: Int) -> String {
        "$2b$" + String(format: "%02d", min(max(cost, 4), 31)) + "$C6UzMDM.H6dfI/f/IKcEeO5VwrVbXqsdiy6xBk5yKJt5b5s7MSVnG"
    }

    /// Only local paths, so the login page cannot be used to redirect elsewhere.
    static func safeNext(_ next: String) -> String {
        next.hasPrefix("/") && !next.hasPrefix("//") && !next.contains("\\") ? next : ""
    }

    func login(_ req: Request) async throws -> Response {
        guard let sent = req.field("_csrf"), let cookie = req.cookies[Self.preLoginCookie]?.string, constantTimeEqual(sent, cookie) else {
            return try renderLogin(req, error: "页面已过期，请重新登录（CSRF 校验失败）", status: .forbidden)
        }
        let login = (req.field("login") ?? "").lowercased()
        let password = (try? req.content.get(String.self, at: "password")) ?? ""
        let repo = req.organisation
        let context = req.auditContext
        let policy = req.services.config.policy
        guard let user = try await repo.user(login: login) else {
            // Unknown names cost as much as known ones — a verify at the configured cost — so timing
            // does not reveal which exist; the answer is the same as for a wrong password.
            let dummy = Self.dummyHash(cost: policy.bcryptCost)
            _ = try? await req.application.threadPool.runIfActive { try req.services.hasher.verify(password, against: dummy) }
            try await repo.recordUnknownLogin(login, context: context)
            Counter(label: "fengqiao_auth_login_failures_total").increment()
            return try renderLogin(req, login: login, error: LoginRules.refusalZH(policy), status: .unauthorized)
        }
        let hasher = req.services.hasher
        let matches = try await req.application.threadPool.runIfActive { try hasher.verify(password, against: user.passwordHash) }
        let now = req.services.clock.nowMillis
        let outcome = LoginRules.decide(failedLogins: user.failedLogins, lockedUntil: user.lockedUntil, active: user.active,
                                        passwordMatches: matches, now: now, policy: req.services.config.policy)
        var ctx = context
        ctx.userID = user.id
        ctx.login = user.login
        ctx.unitID = user.unitID
        try await repo.recordLogin(userID: user.id, login: user.login, failedLogins: outcome.failedLogins, lockedUntil: outcome.lockedUntil,
                                   decision: outcome.decision, context: ctx)
        guard outcome.decision == .success else {
            Counter(label: "fengqiao_auth_login_failures_total").increment()
            // PLT-31: a lock is recorded and enforced, but answered like any refusal, so the page
            // does not confirm that the name exists.
            return try renderLogin(req, login: login, error: LoginRules.refusalZH(policy), status: .unauthorized)
        }
        let (secret, _) = try await req.access.startSession(userID: user.id, context: ctx)
        let next = Self.safeNext(req.field("next") ?? "")
        let response = req.redirect(to: next.isEmpty ? SiteURL.home.path : next)
        response.cookies[sessionCookie] = HTTPCookies.Value(string: secret, path: "/", isSecure: req.services.config.secureCookies,
                                                            isHTTPOnly: true, sameSite: .lax)
        response.cookies[Self.preLoginCookie] = .expired
        return response
    }

    func logout(_ req: Request) async throws -> Response {
        if let session = req.signed?.session { try await req.access.endSession(session.id, context: req.auditContext) }
        let response = req.redirect(to: SiteURL.login.path)
        response.cookies[sessionCookie] = .expired
        return response
    }

    func passwordPage(_ req: Request, errors: [String]) throws -> Response {
        let policy = req.services.config.policy
        let user = req.signed!.user
        let forced = LoginRules.passwordChangeDue(mustChange: user.mustChangePassword, changedAt: user.passwordChangedAt,
                                                  now: req.services.clock.nowMillis, policy: policy)
        let response = try render(req, "password", PasswordPage(page: PageChrome(request: req, title: "修改密码"), forced: forced,
                                                                maxAge: policy.password.maxAgeDays, minLength: policy.password.minLength,
                                                                minClasses: policy.password.minClasses, errors: errors))
        if !errors.isEmpty { response.status = .unprocessableEntity }
        return response
    }

    func passwordForm(_ req: Request) async throws -> Response { try passwordPage(req, errors: []) }

    func changePassword(_ req: Request) async throws -> Response {
        let user = req.signed!.user
        let current = (try? req.content.get(String.self, at: "current")) ?? ""
        let new = (try? req.content.get(String.self, at: "new")) ?? ""
        let confirm = (try? req.content.get(String.self, at: "confirm")) ?? ""
        let hasher = req.services.hasher
        var errors: [String] = []
        let ok = try await req.application.threadPool.runIfActive { try hasher.verify(current, against: user.passwordHash) }
        if !ok { errors.append("当前密码不正确") }
        if new != confirm { errors.append("两次输入的新密码不一致") }
        if new == current { errors.append("新密码不能与当前密码相同") }
        errors += req.services.config.policy.password.violations(new, login: user.login).map(\.messageZH)
        if !errors.isEmpty { return try passwordPage(req, errors: errors) }
        let hash = try await req.application.threadPool.runIfActive { try hasher.hash(new) }
        try await req.organisation.setPassword(userID: user.id, hash: hash, mustChange: false, context: req.auditContext)
        return req.redirect(to: SiteURL.home.path + "?ok=password-changed")
    }
}
