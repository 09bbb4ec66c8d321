import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// A form field as a page renders it, built from the core's `InputField`: pages need no code per
/// procedure step.
struct FieldView: Sendable {
    struct Option: Sendable { let value: String; let label: String; let selected: Bool }
    let id: String
    let name: String
    let label: String
    let help: String?
    let required: Bool
    let value: String
    let checked: Bool
    let options: [Option]
    let isText: Bool, isTextarea: Bool, isDate: Bool, isNumber: Bool, isCheckbox: Bool, isSelect: Bool, isMulti: Bool
    /// the field's length limit (`InputLimits`), so the browser stops where the engine would refuse.
    let maxLength: String?
    /// A party field: found by search, never listed whole (issue 12); nil for every other kind.
    let party: PartyPicker.View?

    init(_ f: InputField, form: String, input: ActionInput?, people: [SelectOption], parties: [SelectOption] = [],
         picker: PartyPicker.View? = nil, defaults: [String: String]) {
        id = "\(form)-\(f.name)"
        name = f.kind == .users ? "\(f.name)[]" : f.name
        label = f.labelZH
        help = f.helpZH
        required = f.required && f.kind != .checkbox
        let submitted = input?.values[f.name] ?? []
        let current = submitted.isEmpty ? defaults[f.name].map { [$0] } ?? [] : submitted
        value = f.kind == .lines ? current.joined(separator: "\n") : current.first ?? ""
        checked = input?.flag(f.name) ?? false
        let source: [(value: String, label: String)]
        switch f.kind {
        // A category field arrives resolved against the tree in force (PLT-16), its options filled.
        case .choice, .category: source = f.options.map { ($0.value, $0.labelZH) }
        case .user, .users: source = people.map { ($0.value, $0.label) }
        case .party: source = picker.map { p in ((p.chosen.map { [$0] } ?? []) + p.matches).map { ($0.id, $0.label) } } ?? parties.map { ($0.value, $0.label) }
        default: source = []
        }
        options = source.map { Option(value: $0.value, label: $0.label, selected: current.contains($0.value)) }
        isText = f.kind == .text
        isTextarea = f.kind == .textarea || f.kind == .lines
        isDate = f.kind == .date
        isNumber = f.kind == .number
        isCheckbox = f.kind == .checkbox
        isSelect = [.choice, .user, .category].contains(f.kind) || (f.kind == .party && picker == nil)
        party = f.kind == .party ? picker : nil
        isMulti = f.kind == .users
        maxLength = f.maxCharacters.map(String.init)
    }
}

/// One action on the case page: its form, the rule it implements, and what still stands in its way.
struct ActionView: Sendable {
    let key: String
    let name: String
    let rule: String
    let action: String
    let open: Bool
    let unmet: [String]
    let fields: [FieldView]
    let version: Int
    let confirm: String
}

/// The procedure part of the case page.
struct ProcedureSection: Sendable {
    struct Fact: Sendable { let label: String; let value: String }
    struct Link: Sendable { let href: String; let text: String }
    let procedureName: String
    let stateName: String
    let states: [Fact]
    let facts: [Fact]
    let actions: [ActionView]
    let links: [Link]
    let terminal: Bool
    /// The party's rating forms, once the procedure opens them (IV-24: the interview was held).
    let rating: RatingForms?
    /// ST-21: the revisits of a closed case and the form to record one.
    let revisits: RevisitPages.Section?
    /// PLT-08: the experts who took part, and inviting one from the pool.
    let experts: ExpertPages.Section

    struct RatingForms: Sendable {
        /// The procedure's rule granting the rating (`ProcedureModule.ratingRule`: IV-24 for interviews).
        let rule: String
        let linkAction: String
        let paperAction: String
        let scores: [RatingPages.RateModel.Score]
    }
}

/// The page side of every procedure: the new-case form, the procedure section of the case page
/// and taking an action from it. Generic over the procedure; `ProcedurePages` finds it by case
/// type or path word in the registry.
struct ProcedurePageSupport<P: Procedure>: Sendable {
    /// How a link between cases reads: 移交至 / 来源于, or, for an earlier registration the case may
    /// repeat (MD-48's duplicate warning), 可能重复登记 / 后有相同登记.
    static func linkWord(_ relation: String, outgoing: Bool) -> String {
        if relation == RecurrenceRepository.duplicateRelation { return outgoing ? "可能重复登记，先前的" : "后有相同当事人和客体的登记：" }
        return outgoing ? "移交至" : "来源于"
    }

    var pathWord: String { P.module.pathWord }

    func repository(_ req: Request) -> ProcedureRepository<P> { ProcedureRepository(store: req.store, P.self) }

    /// Active users of the case's unit and the units above it, for user pickers.
    static func people(_ req: Request, unitID: UUID) async throws -> [SelectOption] {
        let tree = try await req.unitTree()
        let path = Set(tree.path(from: unitID).map(\.id)).union(tree.subtree(of: unitID))
        return try await req.organisation.activeUsers(inUnits: path).map {
            SelectOption(value: $0.id.uuidString, label: "\($0.name)（\($0.login)）", selected: false)
        }
    }

    /// `acting`: whether the case is in the actor's own scope (the case page found out already).
    func section(_ req: Request, caseID: UUID, actor: Actor, acting: Bool, failed: (key: String, input: ActionInput)?) async throws -> ProcedureSection? {
        let repo = repository(req)
        // A unit with read access only (a kept dispatch, a sub-task's unit) sees the state and facts, no forms.
        guard let c = try await repo.find(caseID, actor: actor, reading: true) else { return nil }
        let available = acting ? try await repo.available(c, actor: actor) : []
        let people = try await Self.people(req, unitID: c.record.unitID)
        let today = req.store.clock.todayInBeijing.iso
        let names = Dictionary(uniqueKeysWithValues: people.map { (UUID(uuidString: $0.value)!, $0.label) })
        let actions = available.map { a -> ActionView in
            let t = a.transition
            let input = failed?.key == t.key ? failed?.input : nil
            let defaults = Dictionary(uniqueKeysWithValues: t.fields.filter { $0.kind == .date }.map { ($0.name, today) })
            return ActionView(key: t.key, name: t.nameZH, rule: t.rule, action: "/cases/\(caseID.uuidString)/actions/\(t.key)", open: input != nil,
                              unmet: a.unmet.map { "\($0.messageZH)（\($0.rule)）" },
                              fields: t.fields.map { FieldView($0, form: t.key, input: input, people: people, defaults: defaults) },
                              version: c.record.version, confirm: "确定办理“\(t.nameZH)”吗？提交后记入办理记录，不能撤回。")
        }
        let links = try await repo.links(caseID, readableBy: actor).map {
            ProcedureSection.Link(href: SiteURL.caseDetail($0.caseID).path,
                                  text: "\(Self.linkWord($0.relation, outgoing: $0.outgoing))\(CasePages.caseTypeName($0.caseType, req.procedures))案件 \($0.reference)")
        }
        let current = P.states.firstIndex { $0.key == c.record.state } ?? 0
        let states = P.states.enumerated().filter { !P.terminalStates.contains($0.element.key) || $0.element.key == c.record.state }.map {
            ProcedureSection.Fact(label: $0.element.nameZH, value: $0.element.key == c.record.state ? "current" : ($0.offset < current ? "done" : "todo"))
        }
        // CP-08, X-09: the facts as this user may see them (a reporter's identity only for those the spec names).
        let shown = P.visible(c.procedureCase.facts, handlerID: c.record.handlerID, unitID: c.record.unitID, to: actor)
        let facts = P.factsZH(shown, names: names).map { ProcedureSection.Fact(label: $0.label, value: $0.value) }
        // The follow-up forms of the procedure's capabilities, for those who handle its cases.
        let handles = P.creation.permissions.contains(where: actor.can)
        let rating = P.module.capabilities.contains(.ratings) && P.ratingOpen(c.procedureCase.facts) && handles && acting
            ? ProcedureSection.RatingForms(rule: P.module.ratingRule, linkAction: "/cases/\(caseID.uuidString)/rating-link", paperAction: "/cases/\(caseID.uuidString)/ratings",
                                           scores: RatingPages.scoreFields(P.module.ratingDimensions)) : nil
        // ST-21: a closed case is revisited — by the unit that accepted it (谁受理谁回访, MD-34), which may only read
        // a case it dispatched, as well as by those acting on it.
        let owner = P.module.capabilities.contains(.revisits) && c.record.closedOn != nil && !acting
            ? try await CaseRepository.ownerUnit(caseID, on: req.store.sql) : nil
        let revisits = P.module.capabilities.contains(.revisits) && c.record.closedOn != nil && (acting || owner.map { actor.sees(unit: $0) } == true)
            ? try await RevisitPages.section(P.self, req, caseID: caseID, actor: actor, typed: failed?.key == RevisitPages.formKey ? failed?.input : nil) : nil
        return ProcedureSection(procedureName: P.nameZH, stateName: P.stateNameZH(c.record.state), states: states, facts: facts, actions: actions,
                                links: links, terminal: P.terminalStates.contains(c.record.state), rating: rating, revisits: revisits,
                                experts: acting ? try await ExpertPages.section(req, caseID: caseID, actor: actor,
                                                                                typed: failed?.key == ExpertPages.formKey ? failed?.input : nil)
                                    : ExpertPages.Section(rows: [], action: nil, experts: [], occasions: [], on: "", note: ""))
    }

    /// Takes an action from the case page; a refusal shows the page again with every unmet
    /// condition and the values as typed (X-06: nothing entered is lost).
    func perform(_ req: Request, caseID: UUID, key: String) async throws -> Response? {
        let actor = try req.actor()
        guard try await repository(req).find(caseID, actor: actor) != nil else { return nil }
        let input = Self.formInput(req)
        let version = req.field("_version").flatMap(Int.init)
        do {
            _ = try await repository(req).perform(key, caseID: caseID, input: input, expectedVersion: version, actor: actor, context: req.auditContext)
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            let messages = e.fields.isEmpty ? [e.messageZH] : e.fields.map { "\($0.messageZH)（\($0.rule)）" }
            return try await CasePages().page(req, id: caseID, errors: messages, status: e.kind == .conflict ? .conflict : .unprocessableEntity,
                                              failed: (key, input))
        }
        return req.redirect(to: SiteURL.caseDetail(caseID).path + "?ok=action-done")
    }

    static func formInput(_ req: Request) -> ActionInput { FormInput.read(req) }

    // MARK: New case

    struct NewModel {
        let page: PageChrome
        let title: String
        let action: String
        let rule: String
        let fields: [FieldView]
        let errors: [String]
    }

    /// The new-case form. Its party field offers only what a search found (issue 12: `?partyQuery=`,
    /// the field's own 查找 form) and the party already chosen (`?party=`, or as typed).
    func newPage(_ req: Request, input: ActionInput? = nil, errors: [String] = [], status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        guard P.creation.permissions.contains(where: actor.can) else { throw DomainError.forbidden(P.creation.permissions.map(\.rawValue).joined(separator: "|")) }
        var defaults: [String: String] = [:]
        if let p = req.query[String.self, at: "party"] { defaults["partyID"] = p }
        let creation = P.creation.resolved(try await ViolationCategoryRepository(store: req.store).inForce())
        let query = req.method == .GET ? req.query[String.self, at: PartyPicker.queryField] : nil
        var fields: [FieldView] = []
        for f in creation.fields {
            let chosen = input?.text(f.name) ?? defaults[f.name]
            let picker = f.kind == .party ? try await PartyPicker.view(req, pathWord: pathWord, query: query, chosen: chosen, actor: actor) : nil
            fields.append(FieldView(f, form: "new", input: input, people: [], picker: picker, defaults: defaults))
        }
        let model = NewModel(page: PageChrome(request: req, title: P.creation.nameZH), title: P.creation.nameZH, action: "/\(pathWord)", rule: P.creation.rule,
                             fields: fields, errors: errors)
        let response = try render(req, "procedure_new", model)
        response.status = status
        return response
    }

    func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = Self.formInput(req)
        do {
            // CP-35, CP-36: the same duplicate, cluster and 高频 signals as an imported item (information only), in the opening's transaction.
            let record = try await repository(req).openRecordingSignals(input, actor: actor, context: req.auditContext)
            return req.redirect(to: SiteURL.caseDetail(record.id).path + "?ok=case-opened")
        } catch let e as DomainError where e.kind == .invalid {
            return try await newPage(req, input: input, errors: e.fields.isEmpty ? [e.messageZH] : e.fields.map { "\($0.messageZH)（\($0.rule)）" },
                                     status: .unprocessableEntity)
        }
    }
}

/// The pages of every registered procedure: the new-case form under its path word, and its part
/// of the case page found by the case's type.
enum ProcedurePages {
    static func section(_ req: Request, caseType: String, caseID: UUID, actor: Actor, acting: Bool,
                        failed: (key: String, input: ActionInput)?) async throws -> ProcedureSection? {
        guard let procedure = req.procedures.procedure(caseType: caseType) else { return nil }
        return try await section(procedure, req, caseID: caseID, actor: actor, acting: acting, failed: failed)
    }

    private static func section<P: Procedure>(_ procedure: P.Type, _ req: Request, caseID: UUID, actor: Actor, acting: Bool,
                                              failed: (key: String, input: ActionInput)?) async throws -> ProcedureSection? {
        try await ProcedurePageSupport<P>().section(req, caseID: caseID, actor: actor, acting: acting, failed: failed)
    }

    static func perform(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter()
        guard let c = try await CaseRepository(store: req.store).find(id, actor: actor),
              let procedure = req.procedures.procedure(caseType: c.caseType) else { throw DomainError.notFound }
        guard let response = try await perform(procedure, req, caseID: id, key: req.parameters.get("action") ?? "") else { throw DomainError.notFound }
        return response
    }

    private static func perform<P: Procedure>(_ procedure: P.Type, _ req: Request, caseID: UUID, key: String) async throws -> Response? {
        try await ProcedurePageSupport<P>().perform(req, caseID: caseID, key: key)
    }

    static func boot(_ routes: any RoutesBuilder, procedures: ProcedureRegistry) {
        routes.post("cases", ":id", "actions", ":action") { req in try await perform(req) }.access(.step, ["id": .case, "action": .step])
        for procedure in procedures.procedures { boot(procedure, routes) }
    }

    private static func boot<P: Procedure>(_ procedure: P.Type, _ routes: any RoutesBuilder) {
        let pages = ProcedurePageSupport<P>()
        // The procedure's opening step decides who opens its cases.
        routes.get(PathComponent(stringLiteral: P.module.pathWord), "new") { req in try await pages.newPage(req) }.access(.anyOf(P.creation.permissions))
        routes.post(PathComponent(stringLiteral: P.module.pathWord)) { req in try await pages.create(req) }.access(.anyOf(P.creation.permissions))
        // The picker's search as JSON for `Public/app.js`, for those who may open the case (X-05: parties in scope only).
        routes.get(PathComponent(stringLiteral: P.module.pathWord), "new", "parties") { req async throws -> PartyPicker.Result in
            let actor = try req.actor()
            guard P.creation.permissions.contains(where: actor.can) else { throw DomainError.forbidden(P.creation.permissions.map(\.rawValue).joined(separator: "|")) }
            return try await PartyPicker.search(req, query: req.query[String.self, at: "q"], actor: actor)
        }.access(.anyOf(P.creation.permissions))
    }
}

/// Form fields as an `ActionInput`: repeated `name[]` fields give lists; `_`-prefixed fields (the
/// CSRF token, the version) are the page's own.
enum FormInput {
    static func read(_ req: Request) -> ActionInput {
        var values: [String: [String]] = [:]
        guard let body = req.body.string else { return ActionInput() }
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard let rawKey = parts.first else { continue }
            let decode = { (s: String) in s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? s }
            var key = decode(rawKey)
            if key.hasPrefix("_") { continue }
            if key.hasSuffix("[]") { key.removeLast(2) }
            values[key, default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        return ActionInput(values)
    }
}
