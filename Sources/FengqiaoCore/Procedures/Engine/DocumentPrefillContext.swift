import Foundation

/// What a document form is prefilled from besides the facts (DOC-02: the officer completes and
/// corrects the rest before issuing).
public struct DocumentPrefillContext: Sendable {
    public let caseNumber: String
    public let gravity: Gravity
    public let partyUSCC: String?
    public let partyRepresentative: String?
    /// The party's address (an enterprise's registered premises; a person's only for a user who may
    /// reveal personal data, PLT-20).
    public let partyAddress: String?
    /// Staff names by id.
    public let names: [UUID: String]
    /// Issued documents of the case (numbers and service dates).
    public let documents: [DocumentFact]
    public let calendar: WorkCalendar

    public init(caseNumber: String, gravity: Gravity, partyUSCC: String?, partyRepresentative: String?, partyAddress: String? = nil, names: [UUID: String],
                documents: [DocumentFact], calendar: WorkCalendar) {
        self.caseNumber = caseNumber
        self.gravity = gravity
        self.partyUSCC = partyUSCC
        self.partyRepresentative = partyRepresentative
        self.partyAddress = partyAddress
        self.names = names
        self.documents = documents
        self.calendar = calendar
    }
}
