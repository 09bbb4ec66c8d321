/// A message for the in-app inbox and the outside channels (CAL-41).
public struct Notice: Sendable, Equatable, Codable {
    public let kind: String
    public let title: String
    public let body: String
    public let link: String?

    public init(kind: String, title: String, body: String, link: String? = nil) {
        self.kind = kind
        self.title = title
        self.body = body
        self.link = link
    }
}

/// One delivery through an outside channel.
public struct OutboundMessage: Sendable, Equatable, Codable {
    public enum Channel: String, Sendable, Codable { case sms, webhook }
    public let channel: Channel
    /// A phone number for SMS; the recipients' logins for the webhook.
    public let to: [String]
    public let notice: Notice

    public init(channel: Channel, to: [String], notice: Notice) {
        self.channel = channel
        self.to = to
        self.notice = notice
    }
}

/// SMS and webhook gateways share one protocol (CAL-41): an HTTP gateway configured by URL in
/// production, a recording gateway in tests.
public protocol MessageGateway: Sendable {
    /// Delivers one message; throws when the gateway refuses it.
    func deliver(_ message: OutboundMessage) async throws
}

/// Keeps what it is given, for tests and for a deployment without gateways.
public actor RecordingGateway: MessageGateway {
    public private(set) var delivered: [OutboundMessage] = []
    public init() {}
    public func deliver(_ message: OutboundMessage) async throws { delivered.append(message) }
}
