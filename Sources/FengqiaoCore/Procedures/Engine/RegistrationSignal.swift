import Foundation

// CP-35, CP-36 for every way a submission is registered: the platform import and the form or API
// alike. A procedure says what its new case submits; the store compares it with earlier ones
// (`ComplaintSignals`) and the procedure keeps what was found for its case page. Information only.
// A procedure taking part also declares `ProcedureCapabilities.signals`.

/// What a newly registered submission brings to the CP-35/CP-36 comparisons.
public struct RegistrationSignal: Sendable, Equatable {
    /// The submitter whose identity (ID number, else phone) is compared — the complainant, or a named
    /// reporter; nil for an anonymous report (nothing to compare: it is processed all the same).
    public let submitterID: UUID?
    /// The party complained about or reported.
    public let respondentID: UUID
    public let receivedOn: LocalDate
    /// The request (a complaint) or the clue (a report), compared for a merge (CP-35).
    public let request: String

    public init(submitterID: UUID?, respondentID: UUID, receivedOn: LocalDate, request: String) {
        self.submitterID = submitterID
        self.respondentID = respondentID
        self.receivedOn = receivedOn
        self.request = request
    }
}

/// Facts that keep the CP-35/CP-36 signals found at registration.
public protocol KeepsSignals {
    var signals: SubmissionSignals? { get set }
}

extension Procedure {
    public static func registrationSignal(_ facts: Facts) -> RegistrationSignal? { nil }
    public static func keeping(_ signals: SubmissionSignals, in facts: Facts) -> Facts? { nil }
}

extension Procedure where Facts: KeepsSignals {
    public static func keeping(_ signals: SubmissionSignals, in facts: Facts) -> Facts? {
        var f = facts
        f.signals = signals
        return f
    }
}

extension ComplaintFacts: KeepsSignals {}
extension ReportFacts: KeepsSignals {}

extension ComplaintProcedure {
    /// CP-35, CP-36: the complainant against the respondent, with the request.
    public static func registrationSignal(_ f: ComplaintFacts) -> RegistrationSignal? {
        RegistrationSignal(submitterID: f.complainantID, respondentID: f.respondentID, receivedOn: f.receivedOn, request: f.request)
    }
}

extension ReportProcedure {
    /// CP-36: a named reporter's submissions count towards 高频 (an anonymous one is never compared); the
    /// report is processed whatever is found (report clues are always processed).
    public static func registrationSignal(_ f: ReportFacts) -> RegistrationSignal? {
        RegistrationSignal(submitterID: f.reporterID, respondentID: f.reportedID, receivedOn: f.receivedOn, request: f.clue)
    }
}
