/// Where a case came from outside, for telling that system what became of it (CP-43: every status
/// change of a 12315 platform item is pushed back). A procedure declares it from its facts
/// (`Procedure.externalReference`); the store queues a status message in the same transaction as
/// the change, whatever the procedure. Only the channel and the outside number — never a party.
public struct ExternalReference: Sendable, Equatable {
    /// The channel's code (`platform`).
    public let channel: String
    /// The channel's Chinese name (全国12315平台).
    public let channelNameZH: String
    /// The outside system's number of the item (external_no).
    public let number: String

    public init(channel: String, channelNameZH: String, number: String) {
        self.channel = channel
        self.channelNameZH = channelNameZH
        self.number = number
    }
}
