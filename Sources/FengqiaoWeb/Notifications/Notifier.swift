import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// Sends a notice to users (CAL-41): always to the in-app inbox; also through the SMS and webhook
/// gateways when configured. A gateway failure is logged and never loses the inbox copy.
public struct Notifier: Sendable {
    public let gateways: [OutboundMessage.Channel: any MessageGateway]
    public let logger: Logger

    public init(gateways: [OutboundMessage.Channel: any MessageGateway], logger: Logger) {
        self.gateways = gateways
        self.logger = logger
    }

    public func send(_ notice: Notice, toPermission permission: Permission, store: Store, context: AuditContext) async throws {
        let users = try await NotificationRepository(store: store).users(withPermission: permission)
        try await deliver(notice, to: users, store: store, context: context)
    }

    /// Sends to named users (a step's handler, the unit head, the leader).
    public func send(_ notice: Notice, toUsers ids: [UUID], store: Store, context: AuditContext) async throws {
        let users = try await NotificationRepository(store: store).contacts(Array(Set(ids)))
        try await deliver(notice, to: users, store: store, context: context)
    }

    func deliver(_ notice: Notice, to users: [(id: UUID, login: String, phone: String?)], store: Store, context: AuditContext) async throws {
        let repo = NotificationRepository(store: store)
        try await repo.notify(users.map(\.id), notice, context: context)
        if let webhook = gateways[.webhook], !users.isEmpty {
            do { try await webhook.deliver(OutboundMessage(channel: .webhook, to: users.map(\.login), notice: notice)) } catch {
                logger.warning("webhook delivery failed: \(error)")
            }
        }
        if let sms = gateways[.sms] {
            let phones = users.compactMap(\.phone).filter { !$0.isEmpty }
            if !phones.isEmpty {
                do { try await sms.deliver(OutboundMessage(channel: .sms, to: phones, notice: notice)) } catch {
                    logger.warning("sms delivery failed: \(error)")
                }
            }
        }
    }
}

/// The production gateway: POSTs the message as JSON to a configured URL; a non-2xx answer is a
/// failure.
struct HTTPGateway: MessageGateway {
    let url: URI
    let client: any Client

    func deliver(_ message: OutboundMessage) async throws {
        let response = try await client.post(url) { req in try req.content.encode(message, as: .json) }
        guard (200..<300).contains(response.status.code) else { throw Abort(.badGateway, reason: "gateway answered \(response.status.code)") }
    }
}
