import Foundation

// The procedure engine (issue 5): a procedure is a folder that declares its states, its transitions
// (each with the permissions it needs, the input it takes, its guards, the clocks it starts and
// stops and the cases it links), and the engine does the rest — order, permission and input checks,
// collecting every unmet condition with its rule ID, so the UI can list them all at once. Pure
// values: the store gathers the context (people, the party's history, the case's documents) and
// applies the outcome in a write.

// MARK: Input

/// How an input field is entered and parsed; pages and the API render and read it generically.
public enum InputKind: String, Sendable, Codable, CaseIterable {
    case text, textarea, date, number, checkbox, choice
    /// One user (a UUID).
    case user
    /// Several users (UUIDs).
    case users
    /// A list entered one item a line.
    case lines
    /// A party (a UUID).
    case party
    /// A violation category of the shared tree (PLT-16): offered from the version in force, checked
    /// against it; the value is the category's code.
    case category
}

/// One option of a `choice` field.
public struct InputOption: Sendable, Equatable, Codable {
    public let value: String
    public let labelZH: String
    public init(_ value: String, _ labelZH: String) {
        self.value = value
        self.labelZH = labelZH
    }
}

/// One input field of a transition.
public struct InputField: Sendable, Equatable {
    public let name: String
    public let labelZH: String
    public let kind: InputKind
    public let required: Bool
    public let options: [InputOption]
    public let helpZH: String?
    /// A length limit tighter than the kind's (X-06, `InputLimits`).
    public let maxLength: Int?

    public init(_ name: String, _ labelZH: String, _ kind: InputKind, required: Bool = true, options: [InputOption] = [], help: String? = nil,
                maxLength: Int? = nil) {
        self.name = name
        self.labelZH = labelZH
        self.kind = kind
        self.required = required
        self.options = options
        self.helpZH = help
        self.maxLength = maxLength
    }

    /// The field as offered under a category tree: a `category` field lists the tree's categories
    /// still offered (PLT-16); other fields are unchanged.
    public func resolved(_ categories: ViolationCategoryVersion) -> InputField {
        guard kind == .category else { return self }
        return InputField(name, labelZH, kind, required: required, options: categories.offered.map { InputOption($0.code, categories.labelZH($0.code)) },
                          help: helpZH, maxLength: maxLength)
    }

    /// the submitted value is present when required, within its length (`InputLimits`) and
    /// parses as its kind; a date lies in the sane range around `today`; a category is one the tree in
    /// force still offers (PLT-16).
    public func validate(_ input: ActionInput, categories: ViolationCategoryVersion = .shipped, today: LocalDate? = nil) -> [FieldError] {
        let raw = input.values[name] ?? []
        let present = raw.contains { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if !present {
            if required && kind != .checkbox {
                return [FieldError(field: name, rule: "X-06", code: "input.required", messageZH: "请填写“\(labelZH)”")]
            }
            return []
        }
        let limits = limitErrors(input, today: today)
        guard limits.isEmpty else { return limits }
        switch kind {
        case .date:
            if input.date(name) == nil {
                return [FieldError(field: name, rule: "X-06", code: "input.date.invalid", messageZH: "“\(labelZH)”不是有效日期（格式 2025-10-09）")]
            }
        case .number:
            if input.int(name) == nil {
                return [FieldError(field: name, rule: "X-06", code: "input.number.invalid", messageZH: "“\(labelZH)”须为整数")]
            }
        case .user, .party:
            if input.uuid(name) == nil {
                return [FieldError(field: name, rule: "X-06", code: "input.reference.invalid", messageZH: "“\(labelZH)”的选择无效")]
            }
        case .users:
            if input.list(name).contains(where: { UUID(uuidString: $0) == nil }) {
                return [FieldError(field: name, rule: "X-06", code: "input.reference.invalid", messageZH: "“\(labelZH)”的选择无效")]
            }
        case .choice:
            if let v = input.text(name), !options.contains(where: { $0.value == v }) {
                return [FieldError(field: name, rule: "X-06", code: "input.choice.invalid", messageZH: "“\(labelZH)”的选项无效")]
            }
        case .category:
            if let v = input.text(name), !categories.offered.contains(where: { $0.code == v }) {
                if let retired = categories.node(v), !retired.isSector {
                    return [FieldError(field: name, rule: "PLT-16", code: "input.category.retired",
                                       messageZH: "“\(labelZH)”中的“\(retired.nameZH)”已于第\(categories.version)版停用，请选择现行类别")]
                }
                return [FieldError(field: name, rule: "PLT-16", code: "input.category.invalid", messageZH: "“\(labelZH)”不是现行违法行为类别")]
            }
        case .text, .textarea, .checkbox, .lines:
            break
        }
        return []
    }
}

/// What a user submitted for a transition: each field's values as text (repeated fields and
/// `lines` give several). The same shape comes from a form and from the API's JSON.
public struct ActionInput: Sendable, Equatable {
    public var values: [String: [String]]

    public init(_ values: [String: [String]] = [:]) { self.values = values }

    /// Single values, for tests and callers with one value per field.
    public init(single: [String: String]) { self.values = single.mapValues { [$0] } }

    /// The first non-blank value, trimmed.
    public func text(_ name: String) -> String? {
        values[name]?.lazy.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !$0.isEmpty }
    }

    /// Every non-blank item; a value holding several lines counts each line.
    public func list(_ name: String) -> [String] {
        (values[name] ?? []).flatMap { $0.split(whereSeparator: \.isNewline) }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A ticked checkbox: `on`, `true`, `1` or `yes`.
    public func flag(_ name: String) -> Bool {
        guard let v = text(name)?.lowercased() else { return false }
        return ["on", "true", "1", "yes"].contains(v)
    }

    public func date(_ name: String) -> LocalDate? { text(name).flatMap(LocalDate.init(iso:)) }
    public func int(_ name: String) -> Int? { text(name).flatMap { Int($0) } }
    public func uuid(_ name: String) -> UUID? { text(name).flatMap(UUID.init(uuidString:)) }
    public func uuids(_ name: String) -> [UUID] { list(name).compactMap(UUID.init(uuidString:)) }
}

// MARK: Transitions

/// One transition of a procedure: who may take it, from which states, with what input.
public struct TransitionSpec: Sendable, Equatable {
    /// Stable key, e.g. `verify`; the API path names it.
    public let key: String
    public let nameZH: String
    /// The states it may be taken from; empty for the creating transition.
    public let from: Set<String>
    /// The actor needs at least one of these (PLT-03); a procedure's guard may narrow further.
    public let permissions: [Permission]
    public let fields: [InputField]
    /// The spec rule the step implements, cited on the page.
    public let rule: String
    /// The documents that must be issued (and, where the rule says, served) before the step may be
    /// taken (DOC-31); the engine refuses while one is missing (`StepDocuments`).
    public let requires: [StepDocument]
    /// The templates the step produces (DOC-01): offered on the case's documents while the case is in
    /// one of its `from` states or the states it leads `to`.
    public let issues: [String]
    /// The states the step may lead to, as far as its documents are concerned (`issues`).
    public let to: Set<String>

    public init(_ key: String, _ nameZH: String, from: Set<String>, permissions: [Permission], fields: [InputField], rule: String,
                requires: [StepDocument] = [], issues: [String] = [], to: Set<String> = []) {
        self.key = key
        self.nameZH = nameZH
        self.from = from
        self.permissions = permissions
        self.fields = fields
        self.rule = rule
        self.requires = requires
        self.issues = issues
        self.to = to
    }

    /// The spec with its category fields offering the tree's current categories (PLT-16).
    public func resolved(_ categories: ViolationCategoryVersion) -> TransitionSpec {
        TransitionSpec(key, nameZH, from: from, permissions: permissions, fields: fields.map { $0.resolved(categories) }, rule: rule,
                       requires: requires, issues: issues, to: to)
    }
}

// MARK: Procedure

/// A procedure: its states, transitions and rules. Adding a procedure means adding a type that
/// conforms, in its own folder — not touching the engine.
public protocol Procedure: Sendable {
    /// What the procedure keeps about a case, stored as JSON with the case.
    associatedtype Facts: Codable & Sendable & Equatable

    /// The case type, e.g. `interview`.
    static var caseType: String { get }
    /// What the app lists for the procedure: paths, rule sets, permissions, templates … (the registry).
    static var module: ProcedureModule { get }
    static var nameZH: String { get }
    /// The rule set its clocks use (CAL-21).
    static var ruleSetKey: String { get }
    /// State key → Chinese name, in procedure order.
    static var states: [(key: String, nameZH: String)] { get }
    /// States that end the procedure.
    static var terminalStates: Set<String> { get }
    /// The transition that opens a case.
    associatedtype Opening: Creation where Opening.Facts == Facts
    /// Its transitions, one type each, in procedure order.
    static var steps: [any Transition<Facts>.Type] { get }

    /// Staff the facts name whose qualifications and conflicts the rules read (the assigned
    /// interviewers); the users an input names are found from its user fields.
    static func people(_ facts: Facts) -> [UUID]
    /// The violation category the party's history compares (IV-03 (2)); nil before it is known.
    static func category(_ facts: Facts) -> String?
    /// Whether the case counts as a prior case of its kind for later exclusion rules (IV-22).
    static func countsAsPrior(_ facts: Facts) -> Bool
    /// The people, besides the handler, whose own step the case waits for in `state` — the
    /// assigned interviewers while the interview is to be held — so it is in their worklist.
    static func waitingOn(_ facts: Facts, state: String) -> [UUID]
    /// The document templates the procedure issues, in procedure order (DOC-01).
    static var templateCodes: [String] { get }
    /// A document form prefilled from the facts (DOC-02: the officer completes the rest).
    static func documentValues(_ facts: Facts, context: DocumentPrefillContext) -> [String: String]
    /// The form of one template prefilled from the facts; by default `documentValues(_:context:)`
    /// whatever the template. A procedure whose documents go to different parties (a complaint's
    /// acceptance decision to the complainant, its mediation documents to the respondent) answers
    /// per template, `party.name` naming the addressee.
    static func documentValues(_ facts: Facts, template: String, context: DocumentPrefillContext) -> [String: String]
    /// The case party a template's document is addressed to — whose identifiers and address the
    /// prefill context carries; nil: the case's first party (a procedure with one party).
    static func addressee(_ facts: Facts, template: String) -> UUID?
    /// The party named on its documents (the recipient of a prefilled document).
    static func partyName(_ facts: Facts) -> String
    /// Whether the party may now rate the officers (IV-24: once the interview was held).
    static func ratingOpen(_ facts: Facts) -> Bool
    /// The draft text of a typical case written from a closed case (DOC-60); nil: the title only.
    static func publicationSummary(_ facts: Facts) -> String?
    /// DOC-40: the templates the case file must hold when a transition closes the case in `state`
    /// — the documents of the steps taken before the closing one; the engine checks them.
    static func requiredDocuments(_ facts: Facts, state: String) -> [String]
    /// What the case page shows of the facts, labelled in Chinese; `names` gives staff names by id.
    static func factsZH(_ facts: Facts, names: [UUID: String]) -> [(label: String, value: String)]
    /// The documents a closed file holds in `state`, results included (DOC-40), for the file
    /// completeness figures (案卷文书完整率).
    static func fileDocuments(_ facts: Facts, state: String) -> [RequiredDocument]
    /// The staff the party's rating rates (IV-24: the interviewers who held the interview).
    static func ratedPeople(_ facts: Facts) -> [UUID]
    /// The procedure's indicators for a period (statistics.md), from the cases the store read; nil
    /// for a procedure without indicators.
    static func indicators(_ cases: [StatisticsCase<Facts>], _ request: IndicatorRequest) -> IndicatorReport?
    /// MD-41: what a month's figures are counted by in the database (`StatisticLedger`); nil — the
    /// default — when they are computed from every case read.
    static var ledger: StatisticLedger? { get }
    /// The same figures for a month from the ledger's counts and the cases it reads whole; nil by default.
    static func indicators(_ tally: StatisticTally, read: [StatisticsCase<Facts>], _ request: IndicatorRequest) -> IndicatorReport?
    /// What `viewer` may see of the facts of a case of `unitID` handled by `handlerID` (CP-08, X-09:
    /// a reporter's identity only for those the spec names). The API and the case page show only this.
    static func visible(_ facts: Facts, handlerID: UUID?, unitID: UUID, to viewer: Actor) -> Facts
    /// Keys no two cases of the procedure may share (CP-43: a platform item's number), each with the
    /// field and rule a duplicate is refused under.
    static func uniqueKeys(_ facts: Facts) -> [CaseKey]
    /// Input the procedure refuses whatever the step, beyond its fields (CP-34: a 罚没 quota or
    /// budget field is refused by name rather than silently dropped); none by default.
    static func inputRefusals(_ input: ActionInput) -> [FieldError]
    /// Templates of other procedures a case carries from its origin, prefilled there (IV-04: the
    /// interview's 《行政处罚告知书》 travels with the penalty case it hands over); none by default.
    static func carriedTemplates(_ facts: Facts) -> [String]
    /// Whoever holds a step's permission may still be refused on this case by who they are (CP-17: a
    /// delegated mediator whose delegation was withdrawn acts on it no more); none by default.
    static func actorRefusals(_ facts: Facts, actor: Actor) -> [FieldError]
    /// People the case no longer involves (CP-17: a withdrawn delegate): their `own` scope (PLT-05)
    /// loses it; none by default.
    static func dismissed(_ facts: Facts) -> [UUID]
    /// CP-35, CP-36: what a newly registered case submits to the duplicate, cluster and 高频 signals
    /// (`RegistrationSignal`); nil — the default — for a procedure without them.
    static func registrationSignal(_ facts: Facts) -> RegistrationSignal?
    /// The facts keeping the signals found at registration, for the case page; nil: not kept.
    static func keeping(_ signals: SubmissionSignals, in facts: Facts) -> Facts?
    /// What holds the filing of a closed case (MD-14: an unanswered 督察意见); nil — the default — nothing.
    static func archiveHold(_ facts: Facts) -> FieldError?
    /// MD-48: what a newly registered case shares with earlier ones (`Recurrence`); nil — the default —
    /// for a procedure that compares nothing. Compared over `ProcedureModule.recurrence`.
    static func recurrence(_ facts: Facts) -> Recurrence?
    /// The facts keeping what was found, for the case page; nil: not kept.
    static func keeping(_ found: RecurrenceFound, in facts: Facts) -> Facts?
    /// CP-44: what may be done to many of its cases at once (`BulkPlan`); nil — the default — nothing.
    static var bulk: BulkPlan? { get }
    /// CP-44, CP-08: one row of a bulk export, without any complainant or reporter identity.
    static func bulkExportRow(number: String, state: String, unit: String, handler: String, facts: Facts) -> [String]
    /// The outside system's number of the item the case came from, when that system is told the
    /// case's status changes (CP-43: a 12315 platform item); nil by default — no one is told.
    static func externalReference(_ facts: Facts) -> ExternalReference?
    /// The days its statistics count a case by (CP-38: a complaint's competent receipt and conclusion),
    /// by key, computed from the facts in Swift; the store keeps them indexed with every write
    /// (`case_dates`) so the figures are grouped counts. None by default.
    static func statisticDates(_ facts: Facts) -> [String: LocalDate]
    /// The values its statistics group a case by (CP-38: a complaint's channel, a report's category),
    /// by key, kept beside the dates (`case_tags`). None by default.
    static func statisticKeys(_ facts: Facts) -> [String: String]
}

/// A key unique among a procedure's cases, and how a duplicate is refused.
public struct CaseKey: Sendable, Equatable {
    public let key: String
    public let refusal: FieldError
    public init(_ key: String, refusal: FieldError) {
        self.key = key
        self.refusal = refusal
    }
}

extension Procedure {
    public static func waitingOn(_ facts: Facts, state: String) -> [UUID] { [] }
    public static func partyName(_ facts: Facts) -> String { "" }
    public static func documentValues(_ facts: Facts, template: String, context: DocumentPrefillContext) -> [String: String] {
        documentValues(facts, context: context)
    }
    public static func addressee(_ facts: Facts, template: String) -> UUID? { nil }
    public static func publicationSummary(_ facts: Facts) -> String? { nil }
    public static func ratingOpen(_ facts: Facts) -> Bool { false }
    public static var templateCodes: [String] { module.templates.map(\.code) }
    public static func people(_ facts: Facts) -> [UUID] { [] }
    public static func requiredDocuments(_ facts: Facts, state: String) -> [String] { [] }
    public static func fileDocuments(_ facts: Facts, state: String) -> [RequiredDocument] { [] }
    public static func ratedPeople(_ facts: Facts) -> [UUID] { people(facts) }
    public static func indicators(_ cases: [StatisticsCase<Facts>], _ request: IndicatorRequest) -> IndicatorReport? { nil }
    public static var ledger: StatisticLedger? { nil }
    public static func indicators(_ tally: StatisticTally, read: [StatisticsCase<Facts>], _ request: IndicatorRequest) -> IndicatorReport? { nil }
    public static func visible(_ facts: Facts, handlerID: UUID?, unitID: UUID, to viewer: Actor) -> Facts { facts }
    public static func uniqueKeys(_ facts: Facts) -> [CaseKey] { [] }
    public static func inputRefusals(_ input: ActionInput) -> [FieldError] { [] }
    public static func carriedTemplates(_ facts: Facts) -> [String] { [] }
    public static func actorRefusals(_ facts: Facts, actor: Actor) -> [FieldError] { [] }
    public static func dismissed(_ facts: Facts) -> [UUID] { [] }
    public static func externalReference(_ facts: Facts) -> ExternalReference? { nil }
    public static func statisticDates(_ facts: Facts) -> [String: LocalDate] { [:] }
    public static func statisticKeys(_ facts: Facts) -> [String: String] { [:] }

    /// The creating transition (`from` is empty).
    public static var creation: TransitionSpec { Opening.spec }
    public static var transitions: [TransitionSpec] { steps.map { $0.spec } }
    public static func transition(_ key: String) -> TransitionSpec? { step(key)?.spec }
    public static func step(_ key: String) -> (any Transition<Facts>.Type)? { steps.first { $0.spec.key == key } }

    /// The users an action names (its user fields) and the staff the facts name, so the store can
    /// load their qualifications and conflicts.
    public static func referencedUsers(_ transition: TransitionSpec, input: ActionInput, facts: Facts?) -> [UUID] {
        var ids = transition.fields.flatMap { f -> [UUID] in
            switch f.kind {
            case .user: input.uuid(f.name).map { [$0] } ?? []
            case .users: input.uuids(f.name)
            default: []
            }
        }
        if let facts { ids += people(facts) }
        return Array(Set(ids))
    }
    public static func stateNameZH(_ key: String) -> String { states.first { $0.key == key }?.nameZH ?? key }
}
