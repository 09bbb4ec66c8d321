import Foundation

// MD-48 and "Bad input and edge cases": what a newly registered dispute shares with earlier ones.
// 多发矛盾: the same respondent, or the same 问题性质 with the same object, registered 3 times within
// 90 days; and the same parties with the same object again within 7 days — a warning with a link to
// the earlier registration, never a refusal (the registration is kept, MD-11).

extension MediationFacts: KeepsRecurrence {}

extension MediationProcedure {
    /// MD-48's thresholds (design numbers of the spec) and the 7-day duplicate window.
    static let recurrenceRule = RecurrenceRule(windowDays: 90, threshold: 3, duplicateDays: 7, rule: "MD-48", flagZH: "多发矛盾")

    /// The keys of a new registration: its respondent; its nature with its object (kind and the
    /// description as typed, spaces and punctuation aside); and, for the duplicate warning, both parties
    /// (in either order) with the object.
    public static func recurrence(_ f: MediationFacts) -> Recurrence? {
        let object = "\(f.object.kind.rawValue)|\(Recurrence.normalised(f.object.description))"
        let parties = [f.applicantID.uuidString, f.respondentID.uuidString].sorted().joined(separator: ",")
        return Recurrence(on: f.registeredOn, counted: [
            .init("respondent:\(f.respondentID.uuidString)", "同一被申请人"),
            .init("nature:\(f.nature.rawValue)|object:\(object)", "同一问题性质（\(f.nature.nameZH)）和客体"),
        ], duplicate: "parties:\(parties)|object:\(object)")
    }
}
