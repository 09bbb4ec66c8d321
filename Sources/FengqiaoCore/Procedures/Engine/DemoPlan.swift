import Foundation

// A procedure's demo cases as data (issue 12: a procedure is a folder with its templates and demo
// cases). The procedure writes what happens — who opens the case, each step on its own date, the
// documents issued and served, the revisit — and the demo command plays it through the real
// repositories, so clocks, numbers, the timeline and the audit trail are what users would get.

/// What the demo bureau offers a procedure's demo: today, the calendar, the office's parties in a
/// stable order and the demo users by login.
public struct DemoContext: Sendable {
    public struct Party: Sendable {
        public let id: UUID
        public let name: String
        public let kind: PartyKind
        public init(id: UUID, name: String, kind: PartyKind = .enterprise) {
            self.id = id
            self.name = name
            self.kind = kind
        }
    }

    public let today: LocalDate
    public let calendar: WorkCalendar
    public let parties: [Party]
    public let users: [String: UUID]
    /// Each unit's own parties by unit code (a centre's walk-in parties: mediation.md's window registers
    /// those it can see), in a stable order.
    public let unitParties: [String: [Party]]

    public init(today: LocalDate, calendar: WorkCalendar, parties: [Party], users: [String: UUID], unitParties: [String: [Party]] = [:]) {
        self.unitParties = unitParties
        self.today = today
        self.calendar = calendar
        self.parties = parties
        self.users = users
    }

    /// The demo's natural persons (a complainant, a reporter), in the order of `parties`.
    public var people: [Party] { parties.filter { $0.kind == .person } }
    /// The demo's businesses and organisations (a respondent), in the order of `parties`.
    public var businesses: [Party] { parties.filter { $0.kind != .person } }

    /// A demo user's id as a form value; empty when the demo has no such user.
    public func user(_ login: String) -> String { users[login]?.uuidString ?? "" }

    /// The working day `n` working days after `day`.
    public func workdays(_ n: Int, after day: LocalDate) -> LocalDate { calendar.due(from: day, count: n, unit: .workday).date }
}

/// A demo user a procedure brings for the roles its spec names (mediation.md: the window's 受理员, the
/// centre's staff, the 领导小组办公室主任), created by `fengqiao demo` with the bureau's own users.
public struct DemoUser: Sendable, Equatable {
    public let login: String
    public let name: String
    /// The demo bureau's unit code (`TJZX`, `BGS` …).
    public let unitCode: String
    public let role: String
    public init(_ login: String, _ name: String, unit: String, role: String) {
        self.login = login
        self.name = name
        self.unitCode = unit
        self.role = role
    }
}

/// One step of a demo case, each as a named demo user on a given day (10:00 Beijing time).
public enum DemoStep: Sendable {
    /// Opens the case with the creating transition's input.
    case open(as: String, on: LocalDate, input: [String: [String]])
    /// Takes a transition.
    case act(as: String, on: LocalDate, key: String, input: [String: [String]])
    /// Issues a document from a template (DOC-11).
    case issue(as: String, on: LocalDate, template: String, values: [String: String], recipient: String)
    /// Issues a document prefilled from the case's facts as the document form prefills it (the
    /// procedure's `documentValues`), `values` filling what the facts do not answer, as the officer
    /// would type them.
    case issueFromCase(as: String, on: LocalDate, template: String, values: [String: String])
    /// Records service of the document issued last (DOC-30): posted on one day, delivered on another;
    /// an empty recipient is the document's addressee.
    case servePost(as: String, on: LocalDate, recipient: String, posted: LocalDate, mailNumber: String)
    /// Moves on to the newest case of procedure `caseType` linked from the current one (a split report
    /// track, the registry entry a report was filed as): the steps after it act on that case.
    case follow(caseType: String)
    /// Records a revisit of the closed case (ST-21), entered on `on`.
    case revisit(as: String, on: LocalDate, method: String, answer: String, scores: [String: String], note: String)
}

/// One demo case: its steps in order, the first opening it.
public struct DemoCase: Sendable {
    public let steps: [DemoStep]
    public init(_ steps: [DemoStep]) { self.steps = steps }
}

/// A case outside the procedure's states with one running clock of its rule set, for the deadlines
/// page's colours (CAL-40); optionally with an issued document.
public struct DemoClockCase: Sendable {
    public let title: String
    public let step: String
    /// The clock started this many days before today (0: today).
    public let daysAgo: Int
    public let issue: String?

    public init(title: String, step: String, daysAgo: Int, issue: String? = nil) {
        self.title = title
        self.step = step
        self.daysAgo = daysAgo
        self.issue = issue
    }
}

/// What a procedure brings to the demo: qualifications its rules need, clock cases and full cases.
public struct DemoPlan: Sendable {
    public struct Qualification: Sendable {
        public let login: String
        public let kind: String
        public let issuer: String
        public let obtainedOn: LocalDate
        public let expiresOn: LocalDate?
        public init(_ login: String, _ kind: String, issuer: String, obtainedOn: LocalDate, expiresOn: LocalDate?) {
            self.login = login
            self.kind = kind
            self.issuer = issuer
            self.obtainedOn = obtainedOn
            self.expiresOn = expiresOn
        }
    }

    public var qualifications: [Qualification]
    public var clockCases: [DemoClockCase]
    public var cases: [DemoCase]

    public init(qualifications: [Qualification] = [], clockCases: [DemoClockCase] = [], cases: [DemoCase] = []) {
        self.qualifications = qualifications
        self.clockCases = clockCases
        self.cases = cases
    }
}
