import Foundation

// The mediator list per unit (MD-01…MD-07), read from the people's qualifications: each one's
// terms (MD-03), status on a day, latest 合格 training, eligibility (MD-04), a term ending within 30
// days without a renewal (mediation.md reminders: "Mediator term end — 30 日 before"), and the 12-01
// list of those in office with no training that year (MD-07).

/// A mediator's status on a day (Mediator.status).
public enum MediatorStatus: String, Sendable, Equatable {
    case designated, serving, expired, removed, resigned
    public var nameZH: String {
        switch self {
        case .designated: "拟任"
        case .serving: "在任"
        case .expired: "期满"
        case .removed: "撤换"
        case .resigned: "辞任"
        }
    }
}

public enum MediatorRoster {
    /// One mediator on the list.
    public struct Row: Sendable, Equatable {
        public let id: UUID
        public let name: String
        public let unitID: UUID
        /// Every term, oldest first.
        public let terms: [ClosedRange<LocalDate>]
        public let status: MediatorStatus
        /// The latest 合格 training on or before the day.
        public let trainedOn: LocalDate?
        /// MD-04's refusals on the day, in Chinese; empty: eligible.
        public let refusalsZH: [String]
        /// The current term ends within 30 days and no later term follows.
        public let endingSoon: LocalDate?

        public var eligible: Bool { refusalsZH.isEmpty }
    }

    /// The people holding a mediator term, each as a row on `day`, by unit then name.
    public static func rows(_ people: [PersonFact], on day: LocalDate) -> [Row] {
        people.compactMap { p -> Row? in
            let terms = p.qualifications.filter { $0.kind == MediatorEligibility.termKind && !$0.revoked }
                .map { $0.obtainedOn...($0.expiresOn ?? MediatorEligibility.termEnd(start: $0.obtainedOn)) }.sorted { $0.lowerBound < $1.lowerBound }
            guard let first = terms.first else { return nil }
            let current = terms.first { $0.contains(day) }
            // Out of office before the last term's end: removed (MD-06) or resigned (MD-05), as the marker says.
            let left = p.qualifications.filter { ($0.kind == MediatorEligibility.removedKind || $0.kind == MediatorEligibility.resignedKind) && !$0.revoked
                && $0.obtainedOn <= day }.max { $0.obtainedOn < $1.obtainedOn }
            let gone: MediatorStatus? = left.flatMap { l in terms.contains { $0.lowerBound >= l.obtainedOn } ? nil
                : (l.kind == MediatorEligibility.removedKind ? .removed : .resigned) }
            let status: MediatorStatus = current != nil ? .serving : (first.lowerBound > day ? .designated : gone ?? .expired)
            let trained = p.qualifications.filter { $0.kind == MediatorEligibility.trainingKind && !$0.revoked && $0.obtainedOn <= day }.map(\.obtainedOn).max()
            let renewed = current.map { c in terms.contains { $0.lowerBound > c.upperBound } } ?? false
            let ending = current.flatMap { c in !renewed && c.upperBound <= day.adding(days: 30) ? c.upperBound : nil }
            return Row(id: p.id, name: p.name, unitID: p.unitID, terms: terms, status: status, trainedOn: trained,
                       refusalsZH: MediatorEligibility.refusals(p, on: day, field: "mediator").map(\.messageZH), endingSoon: ending)
        }.sorted { ($0.unitID.uuidString, $0.name) < ($1.unitID.uuidString, $1.name) }
    }

    /// MD-07: those in office on 12-01 of `year` with no 合格 training dated in that year — the list
    /// the units send 法制科.
    public static func untrained(_ people: [PersonFact], year: Int) -> [PersonFact] {
        guard let december = LocalDate(year: year, month: 12, day: 1), let january = LocalDate(year: year, month: 1, day: 1) else { return [] }
        return people.filter { p in
            p.holds(MediatorEligibility.termKind, on: december)
                && !p.qualifications.contains { $0.kind == MediatorEligibility.trainingKind && !$0.revoked && january <= $0.obtainedOn && $0.obtainedOn <= december }
        }.sorted { $0.name < $1.name }
    }
}
