import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// 访问令牌: the signed-in user's API tokens, creating one (its secret shown once, never in a URL)
/// and revoking one (PLT-33). The forms carry the CSRF token (PLT-32); revoking asks for
/// confirmation and the token is refused from the next request on.
struct TokenPages: RouteCollection {
    struct Model {
        struct Item {
            let id: String
            let name: String
            let scopes: String
            let createdAt: String
            let revokedAt: String?
            let revokeHref: String
        }
        let page: PageChrome
        let items: [Item]
        let createAction: String
        let scopes: [SelectOption]
        let name: String
        /// The new token's secret, shown on the page that created it and nowhere else.
        let secret: String?
        let errors: [String]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.tokens.pattern, use: show).access(.signedIn)
        routes.post(SiteURL.tokens.pattern, use: create).access(.signedIn)
        routes.post(SiteURL.tokenRevoke(SiteURL.placeholderID).pattern, use: revoke).access(.signedIn, ["id": .token])
    }

    func show(_ req: Request) async throws -> Response { try await page(req) }

    func page(_ req: Request, name: String = "", scope: TokenScope = .read, secret: String? = nil, errors: [String] = [],
              status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let tokens = try await req.access.tokens(userID: actor.userID)
        let response = try render(req, "tokens", Model(page: PageChrome(request: req, title: "访问令牌"), items: tokens.map { t in
            .init(id: t.id.uuidString, name: t.name, scopes: Self.scopesZH(t.scopes), createdAt: WallClock.beijingText(millis: t.createdAt),
                  revokedAt: t.revokedAt.map(WallClock.beijingText(millis:)), revokeHref: SiteURL.tokenRevoke(t.id).path)
        }, createAction: SiteURL.tokens.path, scopes: TokenScope.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0 == scope) },
           name: name, secret: secret, errors: errors))
        response.status = status
        return response
    }

    /// A new token of the user's own, read-only unless asked; the user's permissions and data scope
    /// still bound it. A refused form keeps what was typed.
    func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let name = req.field("name") ?? ""
        guard let scope = TokenScope(rawValue: req.field("scope") ?? TokenScope.read.rawValue) else {
            return try await page(req, name: name, errors: ["请选择权限范围（只读或读写）（PLT-33）"], status: .unprocessableEntity)
        }
        do {
            let created = try await req.access.createToken(userID: actor.userID, name: name, scopes: [scope.rawValue], context: req.auditContext)
            return try await page(req, secret: created.secret)
        } catch let e as DomainError where e.kind == .invalid {
            return try await page(req, name: name, scope: scope, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
        }
    }

    func revoke(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try await req.access.revokeToken(try req.uuidParameter(), ownerID: actor.userID, context: req.auditContext)
        return req.redirect(to: SiteURL.tokens.path + "?ok=token-revoked")
    }

    /// The scope in Chinese: legacy `api` tokens read and write (PLT-33).
    static func scopesZH(_ scopes: [String]) -> String {
        let names = scopes.map { $0 == TokenScope.legacy ? TokenScope.write.nameZH : (TokenScope(rawValue: $0)?.nameZH ?? $0) }
        return names.isEmpty ? "无" : names.joined(separator: "、")
    }
}
