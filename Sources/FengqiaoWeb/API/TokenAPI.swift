import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// One API token as listed to its owner: never the secret, which is shown once (PLT-33).
struct TokenDTO: Content {
    let id: UUID
    let name: String
    let scopes: [String]
    let createdAt: String
    let revokedAt: String?

    init(_ t: APITokenRecord) {
        id = t.id
        name = t.name
        scopes = t.scopes
        createdAt = WallClock.beijingText(millis: t.createdAt)
        revokedAt = t.revokedAt.map(WallClock.beijingText(millis:))
    }
}

/// The caller's API tokens, and revoking one of them (PLT-33).
struct TokenAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("tokens", use: list).access(.signedIn)
        routes.post("tokens", ":id", "revoke", use: revoke).access(.signedIn, ["id": .token])
    }

    func list(_ req: Request) async throws -> [TokenDTO] {
        try await req.access.tokens(userID: try req.actor().userID).map(TokenDTO.init)
    }

    /// Revokes one of the caller's tokens; another user's token is "not found". The revoked token
    /// is refused from the next request on (401).
    func revoke(_ req: Request) async throws -> TokenDTO {
        let me = try req.actor().userID
        let id = try req.uuidParameter()
        try await req.access.revokeToken(id, ownerID: me, context: req.auditContext)
        guard let token = try await req.access.tokens(userID: me).first(where: { $0.id == id }) else { throw DomainError.notFound }
        return TokenDTO(token)
    }
}
