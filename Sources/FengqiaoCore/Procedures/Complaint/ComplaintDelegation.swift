import Foundation

// What the complaint track keeps of a delegated mediation (CP-17), of the mediation sessions (CP-18)
// and of a jurisdiction dispute between units (CP-42, kept by the kit's `Disputing`).

extension ComplaintFacts {
    /// CP-17: the mediation delegated to a registered 消协分会 or lawful mediation body, with the
    /// delegated mediator, time, place and scope the 委托调解函 carries. The delegate acts in the
    /// bureau's name; the case stays in the bureau's unit and its mediation clock keeps running.
    public struct Delegation: Codable, Sendable, Equatable {
        public var servicePointID: UUID
        public var servicePointName: String
        public var kind: ServicePointKind
        public var mediatorID: UUID
        public var mediatorName: String
        public var time: String
        public var place: String
        public var scope: String
        public var on: LocalDate
        public var by: UUID
    }

    /// CP-17: a delegation that ended before the mediation did, with why and by whom.
    public struct WithdrawnDelegation: Codable, Sendable, Equatable {
        public var delegation: Delegation
        public var on: LocalDate
        public var by: UUID
        public var reason: String
    }

    /// CP-18: a mediation session, on-site or not, on its day.
    public struct Session: Codable, Sendable, Equatable {
        public var mode: MediationMode
        public var on: LocalDate
        public var by: UUID
        public var note: String?
    }

    /// CP-42: a jurisdiction dispute between units, as the kit keeps it (`Disputing`).
    public typealias JurisdictionDispute = UnitDispute
    /// How a dispute ended, as the kit keeps it.
    public typealias Settlement = UnitDispute.Settlement
}

/// 现场 or 非现场 mediation (complaints.md, Complaint.mediation_mode).
public enum MediationMode: String, Sendable, Codable, CaseIterable, ChoiceValue {
    case onSite = "on-site", remote
    public var nameZH: String { self == .onSite ? "现场调解" : "非现场调解（电话、网络等）" }
}

extension ComplaintProcedure {
    /// The role a delegated mediator holds (complaints.md roles: 受托调解员 of a 消协分会).
    public static let delegatedMediatorRole = "delegated-mediator"

    /// CP-17: whether the actor is a delegated mediator — of this case, or by role — who may carry the
    /// mediation but never delegate it again.
    static func isDelegate(_ actor: Actor, _ f: ComplaintFacts) -> Bool {
        f.delegation?.mediatorID == actor.userID || actor.roleCodes.contains(delegatedMediatorRole)
    }

    /// CP-42: the day the units' 7 working days to agree run out (`jurisdictionDispute` of the rule
    /// set bound by the receipt date, CP-02), counted from the day the dispute was raised.
    public static func disputeDue(_ d: ComplaintFacts.JurisdictionDispute, receivedOn: LocalDate, calendar: WorkCalendar) -> LocalDate? {
        Disputing.due(d, ruleSets: module.ruleSets, key: ruleSetKey, boundOn: receivedOn, calendar: calendar)
    }

    /// CP-42 (办法 30): the common superior of two units (`Disputing.commonSuperior`).
    public static func commonSuperior(_ a: UUID, _ b: UUID, in tree: UnitTree) -> OrgUnit? { Disputing.commonSuperior(a, b, in: tree) }

    /// CP-08, CP-17: a delegated mediator never sees the report track — not even that a report was
    /// split off or a clue handed over; everyone else sees the facts whole.
    public static func visible(_ facts: ComplaintFacts, handlerID: UUID?, unitID: UUID, to viewer: Actor) -> ComplaintFacts {
        guard viewer.roleCodes.contains(delegatedMediatorRole) else { return facts }
        var f = facts
        f.reportSplitOn = nil
        f.cluesFound = []
        return f
    }

    /// CP-17: a delegated mediator whose delegation of this case was withdrawn acts on it no more
    /// (the one now delegated, if it is the same person again, does).
    public static func actorRefusals(_ f: ComplaintFacts, actor: Actor) -> [FieldError] {
        guard f.delegation?.mediatorID != actor.userID, f.withdrawnDelegations?.contains(where: { $0.delegation.mediatorID == actor.userID }) == true else { return [] }
        return [FieldError(field: "actor", rule: "CP-17", code: "complaint.delegation.withdrawn", messageZH: "本案对您的委托调解已撤回，您不能再办理本案")]
    }

    /// CP-17: the withdrawn delegates (not delegated again) lose the case from their `own` scope.
    public static func dismissed(_ f: ComplaintFacts) -> [UUID] {
        (f.withdrawnDelegations ?? []).map(\.delegation.mediatorID).filter { $0 != f.delegation?.mediatorID }
    }
}
