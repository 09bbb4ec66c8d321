import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// 访问令牌: the signed-in user's API tokens and revoking one (PLT-33). The revoke form carries the
/// CSRF token (PLT-32) and asks for confirmation; the token is refused from the next request on.
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
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.tokens.pattern, use: show)
        routes.post(SiteURL.tokenRevoke(SiteURL.placeholderID).pattern, use: revoke)
    }

    func show(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let tokens = try await req.access.tokens(userID: actor.userID)
        return try render(req, "tokens", Model(page: PageChrome(request: req, title: "访问令牌"), items: tokens.map { t in
            .init(id: t.id.uuidString, name: t.name, scopes: Self.scopesZH(t.scopes), createdAt: WallClock.beijingText(millis: t.createdAt),
                  revokedAt: t.revokedAt.map(WallClock.beijingText(millis:)), revokeHref: SiteURL.tokenRevoke(t.id).path)
        }))
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
