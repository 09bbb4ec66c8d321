/// A refusal from the calendar, clock or rule-set code: a stable code, the rule it enforces, the
/// field (or import-file line) concerned and a Chinese message for the UI.
public struct CalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes: API clients switch on these, never on the message.
    public enum Code: String, Sendable, Codable {
        /// A calendar import file could not be read (CAL-03).
        case calendarSyntax = "calendar.syntax"
        /// A year's data contradicts itself or CAL-01 (e.g. a make-up day on a weekday).
        case calendarInvalid = "calendar.invalid"
        /// A clock rule cannot be used as asked (e.g. an hour rule on a date clock).
        case ruleUnusable = "clock.rule-unusable"
        /// A suspension record is inconsistent (CAL-31).
        case suspensionInvalid = "clock.suspension-invalid"
        /// An extension exceeds the rule's maximum or number of grants (CAL-32).
        case extensionExceedsMaximum = "clock.extension-exceeds-maximum"
        /// The approver lacks the rule's extension permission (CAL-32).
        case extensionNotPermitted = "clock.extension-not-permitted"
        /// The extension was asked for after the due date had passed (CAL-32, MD-24, PT-22).
        case extensionAfterExpiry = "clock.extension-after-expiry"
        /// A suspension or extension lacks its ground or approver, or has a non-positive count.
        case recordIncomplete = "clock.record-incomplete"
        /// The clock was cancelled.
        case clockClosed = "clock.closed"
    }

    /// What went wrong, as a stable code.
    public let code: Code
    /// The rule the refusal enforces, e.g. `CAL-32`.
    public let ruleID: String
    /// The input field concerned, when there is one.
    public let field: String?
    /// The 1-based line of an import file, for `calendarSyntax` / `calendarInvalid`.
    public let line: Int?
    /// The message shown to the user, in Chinese.
    public let messageZH: String

    /// Makes a refusal; `messageZH` is shown to the user as is.
    public init(_ code: Code, ruleID: String, field: String? = nil, line: Int? = nil, _ messageZH: String) {
        self.code = code
        self.ruleID = ruleID
        self.field = field
        self.line = line
        self.messageZH = messageZH
    }

    /// `code [rule] 第N行: message`, for logs.
    public var description: String {
        "\(code.rawValue) [\(ruleID)]" + (line.map { " 第\($0)行" } ?? "") + ": " + messageZH
    }
}
