import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// Issue 13 item 3: a scope matrix generated from the route table. Every route declares who may call
/// it and what its path parameters name (`RouteAccess`); the expected answers come from that
/// declaration and the spec (PLT-03 roles, PLT-05 scope, X-05 "not found, never the record"), not
/// from running the code. A procedure registered later is covered with no line here: the test-only
/// errand procedure rides along to show it.
@Suite("Scope matrix (issue 13 item 3: PLT-03, PLT-05, X-05)", .serialized)
struct ScopeMatrixTests {
    static let procedures = ProcedureRegistry.shipped.adding([ErrandProcedure.self])

    /// PLT-22: the audit trail is read whole by those who hold `audit.read` (its events name any
    /// unit's records); it is not case data filtered by scope (PLT-05 lists cases, documents,
    /// parties' histories and statistics).
    static let unscopedByRule: Set<String> = ["GET /audit", "GET /audit/export.csv", "GET /api/v1/audit/events"]

    /// What a page needs besides its path to answer (the template of a new document).
    static let queries = ["GET /cases/:id/documents/new": "template=IV-NOTICE"]

    /// Answers that run LibreOffice (DOC-20): the own-unit answer is asked once, by the first asker holding
    /// the permission; refusals and office B's are asked of everyone (they never reach the conversion).
    static let costly: Set<String> = ["GET /documents/:id/pdf"]

    /// How many steps of a `.step` route are taken on the asker's own unit's case (every step is asked
    /// of office B's case and by those without its permission).
    static let ownCaseSteps = 3

    @Test("Issue 13 item 3 every route, page and API, declares who may call it and what each path parameter names")
    func declarations() async throws {
        try await withApp(procedures: Self.procedures) { env in
            // check: none missing, none naming a parameter the path lacks; the procedures' routes included
            let routes = env.app.routes.all
            let problems = RouteDeclarationAudit.problems(routes)
            #expect(problems.isEmpty, Comment(rawValue: problems.joined(separator: "\n")))
            #expect(routes.contains { $0.description == "POST /api/v1/errands/:id/actions/:action" && $0.declaredAccess?.rule == .step })
            #expect(routes.first { $0.description == "POST /api/v1/errands" }?.declaredAccess?.rule == .anyOf(ErrandProcedure.creation.permissions))
        }
    }

    @Test("Issue 13 item 3 a route registered without a declaration is refused (403 route.undeclared) and named by the audit")
    func undeclaredRouteIsRefused() async throws {
        try await withApp { env in
            // setup: a route a developer forgot to declare
            let s = try await env.seed()
            env.app.grouped("api", "v1").grouped(APIAuthMiddleware(), RouteAccessMiddleware()).get("forgotten") { _ in "secret" }
            // act
            let res = try await env.request(.GET, "/api/v1/forgotten", token: try await env.token(s.officerA))
            // check
            #expect(res.status == .forbidden)
            #expect(res.body.string.contains("route.undeclared") && !res.body.string.contains("secret"))
            #expect(RouteDeclarationAudit.problems(env.app.routes.all) == ["GET /api/v1/forgotten: no access declaration"])
        }
    }

    @Test("Issue 13 item 3 X-05 PLT-03 PLT-05 every route × every shipped role of office A: without the permission 403; with it office B's object 404 and never its record; an own-scope officer a colleague's case 404 and absent from every list; signed out the login; never a 5xx")
    func matrix() async throws {
        try await withApp(procedures: Self.procedures) { env in
            // setup: offices A and B with one object of each kind; a user of office A (unit scope) for every
            // shipped role, an own-scope officer of A, and no one
            let started = Date()
            var world = try await MatrixWorld.build(env, procedures: Self.procedures)
            // the roles as this app ships them: with the registered errand's grants (issue 12)
            let roles = RoleCatalog(stored: [], procedures: Self.procedures).roles
            var askers = [MatrixAsker(label: "signed out", kind: .signedOut, user: nil, permissions: [])]
            for role in roles {
                let user = try await env.user("m_\(role.code)", role.nameZH, unit: world.seeded.officeA.id, role: role.code, scope: .unit)
                askers.append(try await Self.signIn(env, MatrixAsker(label: role.code, kind: .unitScope, user: user, permissions: role.permissions)))
            }
            let own = try await env.user("m_own", "周自办", unit: world.seeded.officeA.id, role: "officer", scope: .own)
            askers.append(try await Self.signIn(env, MatrixAsker(label: "officer (own scope)", kind: .ownScope, user: own,
                                                                 permissions: ShippedRoles.officer.permissions)))
            for user in askers.compactMap(\.user) {
                world.spareTokens[user.id] = try await AccessRepository(store: env.store).createToken(userID: user.id, name: "spare", scopes: ["api"],
                                                                                                       context: .system("matrix")).token.id
            }
            // `POST /logout` ends the session: each asker's last request
            let routes = env.app.routes.all.sorted { ($0.description == "POST /logout" ? 1 : 0) < ($1.description == "POST /logout" ? 1 : 0) }

            // act + check: every route, every asker, every variant of its parameters
            var failures: [String] = []
            var pairs = 0, requests = 0
            var answeredOnce = Set<String>()
            for asker in askers {
                for route in routes {
                    guard let declared = route.declaredAccess else {
                        failures.append("\(route.description): no access declaration")
                        continue
                    }
                    pairs += 1
                    var refusedOnce = Set<String?>()
                    var positiveSteps = 0
                    for variant in Self.variants(route, declared, asker: asker, world: world) {
                        // Without the permission the objects do not matter: one refusal per step is enough.
                        if !Self.holds(asker, declared, variant), !refusedOnce.insert(variant.step).inserted { continue }
                        let positive = !variant.foreign && Self.holds(asker, declared, variant)
                        if positive, Self.costly.contains(route.description), !answeredOnce.insert(route.description).inserted { continue }
                        // A step taken on the asker's own case runs the whole engine: three steps each say enough there.
                        if positive, variant.step != nil {
                            positiveSteps += 1
                            if positiveSteps > Self.ownCaseSteps { continue }
                        }
                        let query = Self.queries[route.description].map { "?" + $0 } ?? ""
                        let request = MatrixRequest(method: route.method, path: MatrixClient.path(route, variant.values) + query)
                        let res = try await MatrixClient.send(env, request, as: asker)
                        requests += 1
                        failures += Self.judge(res, request: request, route: route, declared: declared, asker: asker, variant: variant, world: world)
                    }
                }
            }
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            print("scope matrix: \(routes.count) routes × \(askers.count) askers (\(roles.count) shipped roles of office A, an own-scope officer, signed out) "
                  + "= \(pairs) route × asker checks in \(requests) requests, \(seconds) s")
            #expect(routes.count >= 160)
            #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) failures:\n" + failures.prefix(80).joined(separator: "\n")))
        }
    }

    // MARK: The matrix's rules

    /// One way of filling a route's parameters: whose objects, and whether they lie outside the asker's scope.
    struct Variant {
        let values: [String: String]
        let foreign: Bool
        let step: String?
        let label: String
    }

    /// Office B's objects (outside a unit-scope asker's scope) and office A's (inside); for the
    /// own-scope officer, the colleague's case of the same unit. Each step key of a `.step` route.
    static func variants(_ route: Route, _ declared: RouteAccess, asker: MatrixAsker, world: MatrixWorld) -> [Variant] {
        let kinds = declared.parameters
        let pathWords = Set(route.path.map(\.description))
        let procedure = Self.procedures.procedures.first { pathWords.contains($0.module.pathWord) }
        func values(_ office: OfficeObjects, token: String?, foreignKinds: Set<RouteObject.Scope>) -> (values: [String: String], foreign: Bool) {
            var out: [String: String] = [:]
            var foreign = false
            for (name, kind) in kinds {
                var value = world.shared[kind] ?? office.values[kind]
                if kind == .case, let procedure { value = office.cases[procedure.caseType]?.uuidString }
                if kind == .token { value = token }
                out[name] = value ?? "missing"
                if foreignKinds.contains(kind.scope) { foreign = true }
            }
            return (out, foreign)
        }
        var base: [(values: [String: String], foreign: Bool, label: String)] = []
        let ownToken = asker.user.flatMap { world.spareTokens[$0.id]?.uuidString }
        switch asker.kind {
        case .signedOut:
            let b = values(world.b, token: world.b.values[.token], foreignKinds: [])
            base = [(b.values, false, "B")]
        case .unitScope:
            let b = values(world.b, token: world.b.values[.token], foreignKinds: [.caseFile, .within, .unit, .owner])
            let a = values(world.a, token: ownToken, foreignKinds: [])
            base = b.foreign ? [(b.values, true, "B"), (a.values, false, "A")] : [(a.values, false, "A")]
        case .ownScope:
            // PLT-05 `own`: the colleague's case and its parts; the unit's parties and lists are the user's too.
            let colleague = values(world.a, token: world.a.values[.token], foreignKinds: [.caseFile, .within, .owner])
            base = [(colleague.values, colleague.foreign, colleague.foreign ? "colleague's" : "A")]
        }
        guard let stepName = kinds.first(where: { $0.value == .step })?.key else {
            return base.map { Variant(values: $0.values, foreign: $0.foreign, step: nil, label: $0.label) }
        }
        // A procedure's own step keys on its routes; every registered key on the generic page route.
        let keys = (procedure.map { [$0] } ?? Self.procedures.procedures).flatMap { p in p.steps.map { $0.spec.key } }
        var seen = Set<String>()
        return base.flatMap { b in
            keys.filter { seen.insert(b.label + $0).inserted }.map { key in
                var v = b.values
                v[stepName] = key
                return Variant(values: v, foreign: b.foreign, step: key, label: b.label)
            }
        }
    }

    /// The answer the declaration and the spec call for, against the one given; each miss named.
    static func judge(_ res: TestingHTTPResponse, request: MatrixRequest, route: Route, declared: RouteAccess, asker: MatrixAsker,
                      variant: Variant, world: MatrixWorld) -> [String] {
        let what = "\(asker.label) \(request.method.rawValue) \(request.path) [\(route.description), \(variant.label)]"
        var out: [String] = []
        let status = res.status.code
        if status >= 500 { out.append("\(what): \(status), never a 5xx; \(res.body.string.prefix(200))") }
        switch asker.kind {
        case .signedOut:
            guard declared.rule != .open else { break }
            if request.isAPI {
                if res.status != .unauthorized { out.append("\(what): signed out should be 401, was \(status)") }
            } else if !(res.status == .seeOther && (res.headers.first(name: .location) ?? "").hasPrefix("/login")) {
                out.append("\(what): signed out should be sent to the login page, was \(status)")
            }
            return out
        case .unitScope, .ownScope:
            break
        }
        let refused = MatrixClient.isPermissionRefusal(res, api: request.isAPI)
        if !Self.holds(asker, declared, variant) {
            // PLT-03: a role without the route's permission is refused, whatever it names.
            let needed = declared.permissions(action: variant.step, procedures: Self.procedures) ?? []
            if !refused { out.append("\(what): lacks \(needed.map(\.rawValue)) — should be 403, was \(status)") }
        } else if variant.foreign {
            // another unit's (or, under `own`, a colleague's) object is not found.
            if res.status != .notFound { out.append("\(what): names an object outside the scope — should be 404, was \(status)") }
        } else if refused {
            // A route shared by the procedures asks for any one's permissions; the case's own procedure may ask more.
            if let own = Self.ownProcedurePermissions(route, declared, variant), !asker.holdsAny(own) {
            } else {
                out.append("\(what): holds the declared permission but was refused (403): \(res.body.string.prefix(160))")
            }
        } else if request.method == .GET, declared.parameters.values.contains(where: { [.caseFile, .unit, .owner].contains($0.scope) }),
                  !(200..<400).contains(status) {
            // The declared kinds are right: the asker's own unit's objects are found.
            out.append("\(what): its own unit's objects should be answered, was \(status): \(res.body.string.prefix(160))")
        }
        // never the record — no text of a record outside the scope in any answer.
        if !Self.unscopedByRule.contains(route.description) {
            let markers = asker.kind == .ownScope ? world.a.caseMarkers : world.b.markers + world.b.caseMarkers
            // Bytes, not `String.contains`: thousands of answers are searched.
            let body = Data(res.body.readableBytesView)
            for marker in markers where body.range(of: Data(marker.utf8)) != nil { out.append("\(what): the answer holds “\(marker)” of a record outside the scope") }
        }
        return out
    }

    /// Whether the asker holds what the route's declaration asks for (nothing, for open and signed-in routes).
    static func holds(_ asker: MatrixAsker, _ declared: RouteAccess, _ variant: Variant) -> Bool {
        guard let needed = declared.permissions(action: variant.step, procedures: Self.procedures) else { return true }
        return asker.holdsAny(needed)
    }

    /// For a route shared by the procedures (`.step`, `.followUp`), what the named case's own procedure
    /// asks: its transition's permissions, or its follow-up permissions. Nil for other routes.
    static func ownProcedurePermissions(_ route: Route, _ declared: RouteAccess, _ variant: Variant) -> [Permission]? {
        let words = Set(route.path.map(\.description))
        let procedure = Self.procedures.procedures.first { words.contains($0.module.pathWord) } ?? InterviewProcedure.self
        switch declared.rule {
        case .step: return procedure.transition(variant.step ?? "")?.permissions ?? []
        case let .followUp(_, extra): return extra + procedure.followUpPermissions
        default: return nil
        }
    }

    /// Logs in through the form (cookie, CSRF token) and makes an API token and a spare one.
    static func signIn(_ env: TestEnv, _ asker: MatrixAsker) async throws -> MatrixAsker {
        var a = asker
        guard let user = asker.user else { return a }
        let web = WebClient(env)
        let login = try await web.login(user.login, Seeded.password)
        #expect(login.status == .seeOther, "\(user.login) signs in")
        a.csrf = try await web.csrf(from: "/")
        a.cookies = web.cookies
        a.token = try await env.token(user)
        return a
    }
}

/// The answers the matrix found wrong before routes declared their access (issue 13 item 3), each pinned.
@Suite("Route access defects (issue 13 item 3)", .serialized)
struct RouteAccessDefectTests {
    @Test("PLT-04 PLT-03 a system administrator whose scope covers the unit is refused a case's revisits (403), where the API answered them")
    func adminReadsNoRevisits() async throws {
        try await withApp { env in
            // setup: a case of office A; the system administrator (scope all)
            let st = try await InterviewTests.staff(env)
            let officer = try await env.token(st.s.officerA)
            let created = try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
                "partyID": st.party.id.uuidString, "title": "中村便民超市消防器材缺失", "source": "inspection", "description": "灭火器缺失",
            ])
            let id = try #require(try InterviewTests.json(created)["id"] as? String)
            // act
            let admin = try await env.request(.GET, "/api/v1/interviews/\(id)/revisits", token: try await env.token(st.s.admin))
            // check: refused for want of case.read; the officer still reads them
            #expect(admin.status == .forbidden && admin.body.string.contains("permission.denied"))
            #expect(try await env.request(.GET, "/api/v1/interviews/\(id)/revisits", token: officer).status == .ok)
        }
    }

    @Test("X-05 PLT-03 another office's clock, document or case named with an empty body is 404, not a 400 about the body; a step the role may not take is 403, not 422")
    func scopeBeforeBody() async throws {
        try await withApp { env in
            // setup: office A's case with a document; officer B and the deputy leader
            let st = try await InterviewTests.staff(env)
            let officer = try await env.token(st.s.officerA)
            let created = try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
                "partyID": st.party.id.uuidString, "title": "中村便民超市消防器材缺失", "source": "inspection", "description": "灭火器缺失",
            ])
            let id = try #require(try InterviewTests.json(created)["id"] as? String)
            let doc = try await DocumentTests.issue(env, officer, UUID(uuidString: id)!)
            let docID = try #require(try InterviewTests.json(doc)["id"] as? String)
            let clockID = try #require((try InterviewTests.json(try await env.request(.GET, "/api/v1/cases/\(id)", token: officer))["clocks"]
                as? [[String: Any]])?.first?["id"] as? String)
            let other = try await env.token(st.s.officerB)
            // act + check: office B's officer, with bodies the handlers could not even decode
            for path in ["/api/v1/clocks/\(clockID)/suspend", "/api/v1/documents/\(docID)/void", "/api/v1/cases/\(id)/documents"] {
                let res = try await env.request(.POST, path, token: other, json: [String: String]())
                #expect(res.status == .notFound, "\(path)")
                #expect(!res.body.string.contains("中村便民超市"))
            }
            // the deputy leader may approve, not verify: 403 before any rule of the step is weighed
            let verify = try await InterviewTests.action(env, try await env.token(st.deputy), id, "verify", [:])
            #expect(verify.status == .forbidden && verify.body.string.contains("permission.denied"))
        }
    }
}
