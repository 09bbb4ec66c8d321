import Foundation

// What `fengqiao bench` needs to measure a procedure (issue 5's figures: worklists and case page at
// 100,000 cases, transitions per second): how its open cases are spread over states, the facts a
// case holds in each (played through the pure engine, so the seeded cases are what real ones would
// be), the clock running in each state and the transition the API clients take. The bench itself is
// generic; a procedure that declares a plan is measured.

/// The staff the bench seeds, as the plan's facts see them.
public struct BenchCast: Sendable {
    /// The handler of the measured cases.
    public let officer: Actor
    /// A second officer of the same office (the plans' second interviewer, legal reviewer …).
    public let colleague: UUID
    /// A leader whose scope is every office.
    public let leader: Actor
    public let calendar: WorkCalendar

    public init(officer: Actor, colleague: UUID, leader: Actor, calendar: WorkCalendar) {
        self.officer = officer
        self.colleague = colleague
        self.leader = leader
        self.calendar = calendar
    }
}

/// One seeded case: the state it is left in, its party and the day it opened.
public struct BenchSeed: Sendable {
    public let state: String
    public let party: UUID
    public let partyName: String
    public let openedOn: LocalDate
    /// The case's serial in the bench, for spreading values (categories …).
    public let serial: Int
    /// Another party, for procedures with two sides (a complaint's complainant); nil where the seeder has none.
    public let counterpart: UUID?

    public init(state: String, party: UUID, partyName: String, openedOn: LocalDate, serial: Int, counterpart: UUID? = nil) {
        self.counterpart = counterpart
        self.state = state
        self.party = party
        self.partyName = partyName
        self.openedOn = openedOn
        self.serial = serial
    }
}

/// A facts-playing step the plan could not take (a bench setup error, not a figure).
public struct BenchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A procedure's bench declaration.
public struct BenchPlan<Facts: Sendable>: Sendable {
    /// The qualification kinds both bench officers hold; the colleague also holds `colleagueQualifications`.
    public var qualifications: [String]
    public var colleagueQualifications: [String]
    /// The states open cases are spread over; a state listed twice is twice as likely.
    public var openStates: [String]
    /// State → the rule-set step whose clock runs in it.
    public var clockStep: [String: String]
    /// The day that clock started, from the facts (a rectification period starts at its deadline).
    public var clockStart: @Sendable (_ facts: Facts, _ step: String, _ openedOn: LocalDate) -> LocalDate
    /// The facts a case holds in the seed's state.
    public var facts: @Sendable (BenchSeed, BenchCast) throws -> Facts
    /// The transition the API clients take on cases in `measuredState`, with its input.
    public var measuredState: String
    public var measuredTransition: String
    public var measuredInput: [String: [String]]
    /// Templates for the DOCX and archive figures; the first is the DOCX one.
    public var documents: [String]
    /// The opening input of a new case for the intake figure (cases opened through the API by
    /// concurrent clients); nil measures no intake.
    public var intake: (@Sendable (BenchSeed) -> [String: [String]])?
    /// Procedures whose cases are written beside the measured ones, one for every `every` of them — the
    /// figures that count both (CP-38: the monthly analysis counts complaints and reports); none by default.
    public var companions: [(procedure: any BenchSeeded.Type, every: Int)] = []

    public init(qualifications: [String], colleagueQualifications: [String] = [], openStates: [String], clockStep: [String: String],
                clockStart: @escaping @Sendable (Facts, String, LocalDate) -> LocalDate = { _, _, day in day },
                facts: @escaping @Sendable (BenchSeed, BenchCast) throws -> Facts, measuredState: String, measuredTransition: String,
                measuredInput: [String: [String]], documents: [String], intake: (@Sendable (BenchSeed) -> [String: [String]])? = nil,
                companions: [(procedure: any BenchSeeded.Type, every: Int)] = []) {
        self.intake = intake
        self.companions = companions
        self.qualifications = qualifications
        self.colleagueQualifications = colleagueQualifications
        self.openStates = openStates
        self.clockStep = clockStep
        self.clockStart = clockStart
        self.facts = facts
        self.measuredState = measuredState
        self.measuredTransition = measuredTransition
        self.measuredInput = measuredInput
        self.documents = documents
    }
}

/// A procedure the bench measures.
public protocol Benchmarked: Procedure {
    static var bench: BenchPlan<Facts> { get }
}

/// How the bench writes a procedure's open cases in bulk without measuring it (a companion of a
/// measured procedure, `BenchPlan.companions`): the states, the clock in each and the facts.
public struct BenchSeeding<Facts: Sendable>: Sendable {
    public var openStates: [String]
    public var clockStep: [String: String]
    public var facts: @Sendable (BenchSeed, BenchCast) throws -> Facts

    public init(openStates: [String], clockStep: [String: String], facts: @escaping @Sendable (BenchSeed, BenchCast) throws -> Facts) {
        self.openStates = openStates
        self.clockStep = clockStep
        self.facts = facts
    }
}

/// A procedure whose cases the bench writes beside a measured one.
public protocol BenchSeeded: Procedure {
    static var seeding: BenchSeeding<Facts> { get }
}

extension Benchmarked {
    /// The plan's templates, readable from `any Benchmarked.Type`.
    public static var benchDocuments: [String] { bench.documents }
}

extension ProcedureRegistry {
    /// The first registered procedure with a bench plan.
    public var benchmarked: (any Benchmarked.Type)? { procedures.lazy.compactMap { $0 as? any Benchmarked.Type }.first }
}

extension ProcedureEngine {
    /// Plays `steps` on a fresh case opened with `opening` until `state` is reached: the bench's and
    /// the demo's way of leaving a case where a real one would be. A refused step is a setup error.
    public static func play<P: Procedure>(_ procedure: P.Type, to state: String, opening: ActionInput, unitID: UUID, party: UUID, handler: Actor,
                                          on day: LocalDate, steps: [(key: String, actor: Actor, input: ActionInput)],
                                          context: (Actor) -> ProcedureContext) throws -> P.Facts {
        guard case let .success(created) = ProcedureEngine.create(P.self, input: opening, context: context(handler)) else {
            throw BenchError("bench: the opening of \(P.caseType) was refused")
        }
        var c = ProcedureCase(id: UUID(), unitID: unitID, state: created.state ?? P.states.first?.key ?? "", gravity: created.gravity, partyIDs: [party], handlerID: handler.userID,
                              openedOn: day, facts: created.facts)
        for step in steps where c.state != state {
            switch ProcedureEngine.perform(P.self, step.key, on: c, input: step.input, context: context(step.actor)) {
            case let .success(o):
                c.state = o.state
                c.facts = o.facts
                c.gravity = o.gravity
            case let .failure(r):
                throw BenchError("bench: \(step.key) refused: \(r.violations.map(\.messageZH))")
            }
        }
        guard c.state == state else { throw BenchError("bench: \(P.caseType) stopped in \(c.state), not \(state)") }
        return c.facts
    }
}
