import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// A field's value in a request body: a string, a list of strings, a boolean or a number — all read
/// as text, like a form, so the API and the pages share one parser (`ActionInput`).
struct InputValue: Codable, Sendable {
    let values: [String]

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { values = [] }
        else if let s = try? c.decode(String.self) { values = [s] }
        else if let list = try? c.decode([String].self) { values = list }
        else if let b = try? c.decode(Bool.self) { values = [b ? "true" : ""] }
        else if let i = try? c.decode(Int.self) { values = [String(i)] }
        else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a string, a list of strings, a boolean or a number") }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(values)
    }
}

struct ActionRequestDTO: Content {
    /// The case version the client last saw (PLT-53); omitted: no check.
    let version: Int?
    let input: [String: InputValue]?

    var actionInput: ActionInput { ActionInput((input ?? [:]).mapValues(\.values)) }
}

struct InputFieldDTO: Content {
    let name: String
    let label: String
    let kind: String
    let required: Bool
    let options: [InputOptionDTO]
}

struct InputOptionDTO: Content {
    let value: String
    let label: String
}

struct UnmetDTO: Content {
    let field: String
    let rule: String
    let code: String
    let message: String
}

struct ActionDTO: Content {
    let key: String
    let name: String
    let rule: String
    let fields: [InputFieldDTO]
    let unmet: [UnmetDTO]

    init(_ a: AvailableAction) {
        key = a.transition.key
        name = a.transition.nameZH
        rule = a.transition.rule
        fields = a.transition.fields.map {
            InputFieldDTO(name: $0.name, label: $0.labelZH, kind: $0.kind.rawValue, required: $0.required,
                          options: $0.options.map { InputOptionDTO(value: $0.value, label: $0.labelZH) })
        }
        unmet = a.unmet.map { UnmetDTO(field: $0.field, rule: $0.rule, code: $0.code, message: $0.messageZH) }
    }
}

struct ProcedureCaseDTO<Facts: Codable & Sendable>: Content {
    let id: UUID
    let unitId: UUID
    let caseType: String
    let number: String?
    let title: String
    let gravity: String
    let state: String
    let stateName: String
    let openedOn: String
    let closedOn: String?
    let version: Int
    let facts: Facts?
    let summary: String?
}

struct CaseLinkDTO: Content {
    let caseId: UUID
    let reference: String
    let caseType: String
    let relation: String
    let outgoing: Bool
}

/// A procedure over the API: open a case, read it with its facts, list the actions open now with
/// their unmet conditions, take one. Generic over the procedure: every registered procedure gets it
/// under its path word (`interviews`).
struct ProcedureAPI<P: Procedure>: RouteCollection {
    var pathWord: String { P.module.pathWord }

    func boot(routes: any RoutesBuilder) throws {
        let word = PathComponent(stringLiteral: pathWord)
        // Who opens a case and who takes a step come from the procedure's own transitions.
        routes.post(word, use: create).access(.anyOf(P.creation.permissions))
        routes.get(word, ":id", use: get).access(.permission(.caseRead), ["id": .case])
        routes.get(word, ":id", "actions", use: actions).access(.permission(.caseRead), ["id": .case])
        routes.post(word, ":id", "actions", ":action", use: perform).access(.step, ["id": .case, "action": .step])
        routes.get(word, ":id", "links", use: links).access(.permission(.caseRead), ["id": .case])
    }

    func repository(_ req: Request) -> ProcedureRepository<P> { ProcedureRepository(store: req.store, P.self) }

    /// The case as `viewer` may see it: its facts through the procedure's `visible` (CP-08, X-09).
    func dto(_ r: CaseRecord, facts: P.Facts?, summary: String? = nil, viewer: Actor) -> ProcedureCaseDTO<P.Facts> {
        let facts = facts.map { P.visible($0, handlerID: r.handlerID, unitID: r.unitID, to: viewer) }
        return ProcedureCaseDTO(id: r.id, unitId: r.unitID, caseType: r.caseType, number: r.number, title: r.title, gravity: r.gravity, state: r.state,
                         stateName: P.stateNameZH(r.state), openedOn: r.openedOn.iso, closedOn: r.closedOn?.iso, version: r.version, facts: facts,
                         summary: summary)
    }

    func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        // PLT-52: a retry after a crash between the commit and the recorded answer gets the case.
        let recover: (UUID) async throws -> (HTTPResponseStatus, ProcedureCaseDTO<P.Facts>) = { id in
            guard let c = try await repository(req).find(id, actor: actor) else { throw DomainError.notFound }
            return (.created, dto(c.record, facts: c.procedureCase.facts, viewer: actor))
        }
        return try await Idempotency.run(req, route: "POST /api/v1/\(pathWord)", recover: recover) {
            let body = try req.content.decode([String: InputValue].self)
            var input = ActionInput(body.mapValues(\.values))
            let unit = input.uuid("unitId")
            input.values["unitId"] = nil
            // CP-35, CP-36: the same duplicate, cluster and 高频 signals as an imported item (information only), in the opening's transaction.
            let record = try await repository(req).openRecordingSignals(input, unitID: unit, actor: actor, context: req.auditContext)
            let loaded = try await repository(req).find(record.id, actor: actor)
            return (.created, dto(loaded?.record ?? record, facts: loaded?.procedureCase.facts, viewer: actor))
        }
    }

    func get(_ req: Request) async throws -> ProcedureCaseDTO<P.Facts> {
        let actor = try req.actor()
        try actor.require(.caseRead)
        // A unit that dispatched the case and kept read access still reads it (issue 12 item 4).
        guard let c = try await repository(req).find(try req.uuidParameter(), actor: actor, reading: true) else { throw DomainError.notFound }
        return dto(c.record, facts: c.procedureCase.facts, viewer: actor)
    }

    func actions(_ req: Request) async throws -> [ActionDTO] {
        let actor = try req.actor()
        try actor.require(.caseRead)
        return try await repository(req).available(try req.uuidParameter(), actor: actor).map(ActionDTO.init)
    }

    func perform(_ req: Request) async throws -> ProcedureCaseDTO<P.Facts> {
        let actor = try req.actor()
        let body = try req.content.decode(ActionRequestDTO.self)
        let (record, outcome) = try await repository(req).perform(req.parameters.get("action") ?? "", caseID: try req.uuidParameter(),
                                                                  input: body.actionInput, expectedVersion: body.version, actor: actor,
                                                                  context: req.auditContext)
        return dto(record, facts: outcome.facts, summary: outcome.summaryZH, viewer: actor)
    }

    func links(_ req: Request) async throws -> [CaseLinkDTO] {
        let actor = try req.actor()
        try actor.require(.caseRead)
        let id = try req.uuidParameter()
        guard try await CaseRepository(store: req.store).find(id, actor: actor) != nil else { throw DomainError.notFound }
        return try await repository(req).links(id, readableBy: actor).map {
            CaseLinkDTO(caseId: $0.caseID, reference: $0.reference, caseType: $0.caseType, relation: $0.relation, outgoing: $0.outgoing)
        }
    }
}

struct WorkItemDTO: Content {
    let caseId: UUID
    let number: String?
    let title: String
    let caseType: String
    let state: String
    let stateName: String
    let gravity: String
    let step: String?
    let due: String?
    let provisional: Bool
    let signal: String?
    /// CP-03: the due date comes from an unconfirmed rule set (规则待核实).
    let ruleUnconfirmed: Bool
}

/// The worklist over the API (issue 5 item 4): `view` mine | unit | major, optional `state`.
struct WorklistAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("worklist", use: list).access(.permission(.caseRead))
    }

    func list(_ req: Request) async throws -> [WorkItemDTO] {
        let actor = try req.actor()
        try actor.require(.caseRead)
        let raw = req.query[String.self, at: "view"] ?? "mine"
        guard let view = WorklistView(rawValue: raw) else {
            throw DomainError.invalid([FieldError(field: "view", rule: "X-06", code: "worklist.view.invalid", messageZH: "view 应为 mine、unit 或 major")])
        }
        return try await HomePage.worklist(req, actor: actor, view: view, state: req.query[String.self, at: "state"],
                                           page: HomePage.pageIndex(try req.integerQuery("page") ?? 0)).map {
            WorkItemDTO(caseId: $0.workCase.id, number: $0.workCase.number, title: $0.workCase.title, caseType: $0.workCase.caseType, state: $0.workCase.state,
                        stateName: $0.stateNameZH, gravity: $0.workCase.gravity.rawValue, step: $0.step, due: $0.due?.iso, provisional: $0.provisional,
                        signal: $0.signal?.rawValue, ruleUnconfirmed: $0.ruleUnconfirmed)
        }
    }
}
