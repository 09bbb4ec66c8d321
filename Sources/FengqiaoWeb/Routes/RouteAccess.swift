import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// What a route demands before its handler runs (issue 13 item 3, PLT-03, PLT-05, X-05): who may call
/// it, and the kind of object each path parameter names. Declared where the route is registered
/// (`.access(…)` on the `Route`), enforced for every signed-in route by `RouteAccessMiddleware`, and
/// read back from `app.routes` by the scope-matrix test, which derives each route's expected answers
/// for every shipped role from it. A route without a declaration is refused (403) and fails that test.
struct RouteAccess: Sendable, Equatable {
    enum Rule: Sendable, Equatable {
        /// No sign-in: the login form, health checks, the public holiday queries, the party's rating link.
        case open
        /// Any signed-in user: their own inbox, tokens and password, the home page.
        case signedIn
        /// Holders of at least one of these permissions.
        case anyOf([Permission])
        /// The step named by the `action` parameter: holders of a permission of that step in a
        /// registered procedure (the engine then checks the case's own procedure and every rule).
        case step
        /// Those who follow up the cases of the procedures with `capability` (revisits, ratings: each
        /// procedure's `followUpPermissions`), or hold one of `orAnyOf`; the repository then checks the
        /// named case's own procedure.
        case followUp(ProcedureCapabilities, orAnyOf: [Permission])

        static func permission(_ p: Permission) -> Rule { .anyOf([p]) }
    }

    let rule: Rule
    /// Path parameter name → the kind of value it names. Every parameter is declared.
    let parameters: [String: RouteObject]

    /// The permissions the rule asks for, for the step named `action` where the rule is `.step`;
    /// nil when the rule asks for none (open or any signed-in user).
    func permissions(action: String?, procedures: ProcedureRegistry) -> [Permission]? {
        switch rule {
        case .open, .signedIn: nil
        case let .anyOf(list): list
        case .step: Self.stepPermissions(action ?? "", procedures: procedures)
        case let .followUp(capability, extra): Self.unique(extra + Self.followUpPermissions(procedures.with(capability)))
        }
    }

    /// Those who follow the procedures' cases up (revisits, ratings): each one's `followUpPermissions`, each once.
    static func followUpPermissions(_ procedures: [any Procedure.Type]) -> [Permission] {
        unique(procedures.flatMap { $0.followUpPermissions })
    }

    static func unique(_ list: [Permission]) -> [Permission] {
        var seen = Set<Permission>()
        return list.filter { seen.insert($0).inserted }
    }

    /// The permissions of the transitions keyed `key` across the registry, each once, in order.
    static func stepPermissions(_ key: String, procedures: ProcedureRegistry) -> [Permission] {
        unique(procedures.procedures.compactMap { $0.transition(key) }.flatMap(\.permissions))
    }
}

/// The kinds of value a path parameter names. Those of a unit (`scope`) are looked up in the actor's
/// data scope before the handler runs: out of scope, or no such record, is 404, never the record.
enum RouteObject: String, Sendable, CaseIterable {
    /// A case; read access (a dispatching unit that kept it, a sub-task's unit) counts (issue 12 item 4).
    case `case`
    case document
    case attachment
    case clock
    /// A pending extension request of the clock the same route names (checked by the handler).
    case extensionRequest
    /// A sub-task of the case the same route names (checked by the handler).
    case subtask
    case party
    /// A destruction list of a unit (DOC-50).
    case destruction
    case trainingCourse
    case trainingResult
    /// A user's training file, in the scope of the user's unit (PLT-07).
    case trainingPerson
    /// A block of reserved pre-printed numbers of a unit (DOC-12).
    case numberBlock
    /// The caller's own API token: another user's is not found (PLT-33).
    case token
    /// An account, for the system administrator: accounts are not unit data (PLT-04).
    case user
    case role
    case template
    case ruleSet
    case expert
    /// A 专项行动 of a unit (complaints.md, Campaign).
    case campaign
    /// A step key of a procedure (`.step` routes).
    case step
    /// A step of a destruction list (`list`, `submit`, `review` …).
    case destructionStep
    /// The single-use secret of a party's rating link (IV-24): the link is the credential.
    case ratingLink
    /// An import of the 12315 platform's or hotline's export, of a unit (CP-43).
    case complaintImport

    /// How a value of the kind is bounded by the actor's data scope (PLT-05).
    enum Scope: Sendable {
        /// A case or one of its parts: the unit's scope, and under `own` only the cases the user is involved in.
        case caseFile
        /// A record of a unit: the unit's scope (`own` counts the user's unit).
        case unit
        /// Part of another parameter's object; the handler finds it within that one.
        case within
        /// The caller's own.
        case owner
        /// Not unit data.
        case none
    }

    var scope: Scope {
        switch self {
        case .case, .document, .attachment, .clock: .caseFile
        case .extensionRequest, .subtask: .within
        case .party, .destruction, .trainingCourse, .trainingResult, .trainingPerson, .numberBlock, .campaign, .complaintImport: .unit
        case .token: .owner
        case .user, .role, .template, .ruleSet, .expert, .step, .destructionStep, .ratingLink: .none
        }
    }

    /// Whether the record named by `raw` exists and lies in the actor's scope; nil for kinds the
    /// middleware does not look up.
    func visible(_ raw: String, to actor: Actor, on req: Request) async throws -> Bool? {
        guard scope == .caseFile || scope == .unit || scope == .owner else { return nil }
        guard let id = UUID(uuidString: raw) else { return false }
        let store = req.store
        switch self {
        case .case: return try await CaseRepository(store: store).find(id, actor: actor, reading: true) != nil
        case .document:
            guard let d = try await DocumentRepository(store: store).find(id, actor: actor) else { return false }
            // CP-08, X-09: not a document addressed to someone hidden from the user (a report's 告知书).
            return try await !DocumentAccess.hiddenTemplates(caseID: d.caseID, actor: actor, on: req).contains(d.templateCode)
        case .attachment: return try await req.attachments.find(id, actor: actor) != nil
        case .clock: return try await ClockRepository(store: store).find(id, actor: actor) != nil
        case .party: return try await req.parties.find(id, actor: actor) != nil
        case .destruction:
            guard let (p, _) = try await ArchiveRepository(store: store).proposal(id) else { return false }
            return actor.sees(unit: p.unitID)
        case .trainingCourse: return try await TrainingRepository(store: store).course(id, actor: actor) != nil
        case .trainingResult: return try await TrainingRepository(store: store).result(id, actor: actor) != nil
        case .trainingPerson:
            guard let user = try await req.organisation.user(id: id) else { return false }
            return actor.sees(unit: user.unitID)
        case .numberBlock:
            guard let block = try await DocumentRepository(store: store).block(id) else { return false }
            return actor.sees(unit: block.unitID)
        case .token: return try await req.access.tokens(userID: actor.userID).contains { $0.id == id }
        case .campaign: return try await CampaignRepository(store: store).find(id, actor: actor) != nil
        case .complaintImport: return try await ComplaintImportRepository(store: store).unit(of: id).map(actor.sees(unit:)) ?? false
        default: return nil
        }
    }
}

extension Route {
    /// Declares what the route demands (`RouteAccess`); returns the route for chaining.
    @discardableResult
    func access(_ rule: RouteAccess.Rule, _ parameters: [String: RouteObject] = [:]) -> Route {
        userInfo["fengqiao.route-access"] = RouteAccess(rule: rule, parameters: parameters)
        return self
    }

    /// The route's declaration, nil when it declares none.
    var declaredAccess: RouteAccess? { userInfo["fengqiao.route-access"] as? RouteAccess }
}

/// Enforces the route's declaration after sign-in and before the handler: 403 without one of its
/// permissions (PLT-03), then 404 for an object outside the actor's scope, so every route
/// answers alike whatever its body. A route that declares nothing is refused. Handlers keep their own
/// checks, which carry what a declaration cannot (the case's own procedure, acting versus reading).
struct RouteAccessMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let declared = request.route?.declaredAccess else {
            throw DomainError(.forbidden, code: "route.undeclared", messageZH: "该地址未声明访问权限，已拒绝", ruleID: "PLT-03")
        }
        guard declared.rule != .open else { return try await next.respond(to: request) }
        let actor = try request.actor()
        let action = declared.parameters.first { $0.value == .step }.flatMap { request.parameters.get($0.key) }
        if let needed = declared.permissions(action: action, procedures: request.procedures) {
            // A step no registered procedure has is not found, whoever asks.
            if needed.isEmpty, declared.rule == .step { throw DomainError.notFound }
            try actor.requireAny(needed)
        }
        // the objects the path names, in the declared order of lookup (the case before its parts).
        for (name, kind) in declared.parameters.sorted(by: { $0.key < $1.key }) {
            guard let raw = request.parameters.get(name), let visible = try await kind.visible(raw, to: actor, on: request) else { continue }
            if !visible { throw DomainError.notFound }
        }
        return try await next.respond(to: request)
    }
}
