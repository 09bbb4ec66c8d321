import Foundation

// What a transition may consult besides its input (moved out of Procedure.swift): the people, the
// parties' history, the case's documents and sub-tasks, and the case as a procedure sees it.

// MARK: Context

/// A qualification as the procedures see it (PLT-02).
public struct QualificationFact: Sendable, Equatable {
    public let kind: String
    public let obtainedOn: LocalDate
    public let expiresOn: LocalDate?
    public let revoked: Bool

    public init(kind: String, obtainedOn: LocalDate, expiresOn: LocalDate?, revoked: Bool = false) {
        self.kind = kind
        self.obtainedOn = obtainedOn
        self.expiresOn = expiresOn
        self.revoked = revoked
    }

    public func valid(on date: LocalDate) -> Bool { !revoked && obtainedOn <= date && (expiresOn.map { date <= $0 } ?? true) }
}

/// A staff member named by a case or an action: qualifications and conflicts (PLT-02, PLT-06).
public struct PersonFact: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let unitID: UUID
    public let active: Bool
    public let qualifications: [QualificationFact]
    /// Parties this person must not handle (PLT-06).
    public let conflictParties: Set<UUID>
    /// The person's role assignments (CP-17: a delegated mediator is a user holding 受托调解员 in the case's unit).
    public let roles: [Assignment]

    /// One role assignment: the role, the unit it is held in and its data scope.
    public struct Assignment: Sendable, Equatable {
        public let roleCode: String
        public let unitID: UUID
        public let scope: DataScope
        public init(roleCode: String, unitID: UUID, scope: DataScope) {
            self.roleCode = roleCode
            self.unitID = unitID
            self.scope = scope
        }
    }

    public init(id: UUID, name: String, unitID: UUID, active: Bool = true, qualifications: [QualificationFact], conflictParties: Set<UUID> = [],
                roles: [Assignment] = []) {
        self.roles = roles
        self.id = id
        self.name = name
        self.unitID = unitID
        self.active = active
        self.qualifications = qualifications
        self.conflictParties = conflictParties
    }

    public func holds(_ kind: String, on date: LocalDate) -> Bool {
        qualifications.contains { $0.kind == kind && $0.valid(on: date) }
    }
}

/// An earlier case of one of the case's parties (PLT-13), as far as exclusion rules need it.
public struct PriorCase: Sendable, Equatable, Codable {
    public let id: UUID
    public let reference: String
    public let caseType: String
    public let category: String?
    public let state: String
    public let openedOn: LocalDate
    /// Whether it reached a result that counts (an interview held, a penalty decided).
    public let concluded: Bool

    public init(id: UUID, reference: String, caseType: String, category: String?, state: String, openedOn: LocalDate, concluded: Bool) {
        self.id = id
        self.reference = reference
        self.caseType = caseType
        self.category = category
        self.state = state
        self.openedOn = openedOn
        self.concluded = concluded
    }
}

/// A document of the case, as guards need it (DOC-11, DOC-31).
public struct DocumentFact: Sendable, Equatable {
    public let id: UUID
    public let templateCode: String
    public let number: String
    public let issuedOn: LocalDate
    public let void: Bool
    /// The service date (DOC-31); nil while unserved.
    public let servedOn: LocalDate?
    /// The addressee as issued (受送达人; CP-18: each party's copy of a notice), nil when unknown.
    public let recipient: String?

    public init(id: UUID, templateCode: String, number: String, issuedOn: LocalDate, void: Bool, servedOn: LocalDate?, recipient: String? = nil) {
        self.recipient = recipient
        self.id = id
        self.templateCode = templateCode
        self.number = number
        self.issuedOn = issuedOn
        self.void = void
        self.servedOn = servedOn
    }
}

/// Everything a transition may consult besides the case: who acts, today, the calendar, the
/// people named, the parties' history and the case's documents.
public struct ProcedureContext: Sendable {
    public let actor: Actor
    public let today: LocalDate
    public let calendar: WorkCalendar
    public let people: [UUID: PersonFact]
    /// The parties' earlier cases that count as prior (concluded: an interview held, a penalty
    /// decided), oldest first — what the repeat-offence rules read (IV-03 (2), IV-22). The store loads
    /// only these, so opening a case does not grow with a party's whole history.
    public let partyHistory: [PriorCase]
    public let documents: [DocumentFact]
    /// Party id → name, for titles and prefilled documents.
    public let partyNames: [UUID: String]
    /// The case's sub-tasks (抄告单, 协办事项), every state, in the order they were opened.
    public let subtasks: [Subtask]
    /// The violation-category tree in force today (PLT-16): category fields are checked against it.
    public let categories: ViolationCategoryVersion
    /// Party id → kind (a natural person or an organisation: CP-31's two caps).
    public let partyKinds: [UUID: PartyKind]
    /// The unit tree (CP-42: the common superior of two units in a jurisdiction dispute; CP-17: a
    /// service point of the case's unit or the units above or below it).
    public let units: UnitTree
    /// The registered service points (CP-17: a delegated mediation goes to a 消协分会 or a lawful
    /// mediation body among them).
    public let servicePoints: [ServicePointFact]

    public init(actor: Actor, today: LocalDate, calendar: WorkCalendar, people: [UUID: PersonFact] = [:], partyHistory: [PriorCase] = [],
                documents: [DocumentFact] = [], partyNames: [UUID: String] = [:], subtasks: [Subtask] = [],
                categories: ViolationCategoryVersion = .shipped, partyKinds: [UUID: PartyKind] = [:], units: UnitTree = UnitTree([]),
                servicePoints: [ServicePointFact] = []) {
        self.units = units
        self.servicePoints = servicePoints
        self.partyNames = partyNames
        self.partyKinds = partyKinds
        self.subtasks = subtasks
        self.categories = categories
        self.actor = actor
        self.today = today
        self.calendar = calendar
        self.people = people
        self.partyHistory = partyHistory
        self.documents = documents
    }

    /// The newest issued, not voided document of a template.
    public func document(_ code: String) -> DocumentFact? {
        documents.filter { $0.templateCode == code && !$0.void }.max { $0.issuedOn < $1.issuedOn }
    }
}

/// A registered service point (complaints.md, ServicePoint) as a procedure sees it.
public struct ServicePointFact: Sendable, Equatable {
    public let id: UUID
    public let unitID: UUID
    public let kind: ServicePointKind
    public let name: String
    public let listedOn: LocalDate

    public init(id: UUID, unitID: UUID, kind: ServicePointKind, name: String, listedOn: LocalDate) {
        self.id = id
        self.unitID = unitID
        self.kind = kind
        self.name = name
        self.listedOn = listedOn
    }
}

/// A case as a procedure sees it.
public struct ProcedureCase<Facts: Sendable & Equatable>: Sendable, Equatable {
    public var id: UUID
    public var unitID: UUID
    public var state: String
    public var gravity: Gravity
    public var partyIDs: [UUID]
    public var handlerID: UUID?
    public var openedOn: LocalDate
    public var facts: Facts

    public init(id: UUID, unitID: UUID, state: String, gravity: Gravity, partyIDs: [UUID], handlerID: UUID?, openedOn: LocalDate, facts: Facts) {
        self.id = id
        self.unitID = unitID
        self.state = state
        self.gravity = gravity
        self.partyIDs = partyIDs
        self.handlerID = handlerID
        self.openedOn = openedOn
        self.facts = facts
    }
}

/// Ordinary or major (IV-10); major cases use the major limits and approvers.
public enum Gravity: String, Sendable, Codable, CaseIterable {
    case ordinary, major
    public var nameZH: String { self == .ordinary ? "一般" : "重大" }
}
