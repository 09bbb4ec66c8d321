import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The in-app inbox (CAL-41): notices for the signed-in user, newest first.
struct InboxPage: RouteCollection {
    struct Model {
        struct Item { let title: String; let body: String; let link: String?; let at: String; let unread: Bool }
        let page: PageChrome
        let items: [Item]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.inbox.pattern, use: show).access(.signedIn)
        routes.post(SiteURL.inbox.pattern + ["read"], use: markRead).access(.signedIn)
    }

    func show(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let items = try await NotificationRepository(store: req.store).inbox(userID: actor.userID)
        return try render(req, "inbox", Model(page: PageChrome(request: req, title: "消息"), items: items.map {
            .init(title: $0.title, body: $0.body, link: $0.link.flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil },
                  at: WallClock.beijingText(millis: $0.createdAt), unread: !$0.read)
        }))
    }

    func markRead(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try await NotificationRepository(store: req.store).markAllRead(userID: actor.userID)
        return req.redirect(to: SiteURL.inbox.path)
    }
}
