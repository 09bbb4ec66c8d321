import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import NIOCore
import SQLKit
import Testing
import Vapor
import VaporTesting

// The scope matrix's world (issue 13 item 3): two offices with one object of every kind a route can
// name, the users who ask, and a client that sends any route with its parameters filled in.

/// One office's objects, by the kind of path parameter that names them.
struct OfficeObjects {
    /// Case type → a case of that procedure; the interview's also carries the case's parts.
    var cases: [String: UUID] = [:]
    var values: [RouteObject: String] = [:]
    /// Texts of the office's records that must never reach a user outside its scope (X-05): of its
    /// cases (and their documents and files), and of its other records (parties, courses).
    var caseMarkers: [String] = []
    var markers: [String] = []
}

/// Everything the matrix asks about.
struct MatrixWorld {
    let seeded: Seeded
    /// Office A (the askers' office) and office B (the other office).
    let a: OfficeObjects
    let b: OfficeObjects
    /// Kinds that are not unit data, the same for everyone.
    let shared: [RouteObject: String]
    /// A spare API token of each matrix user (revoking one never touches the token the matrix sends).
    var spareTokens: [UUID: UUID] = [:]

    static let caseTitleB = "东湖所保密案件DHX7"
    static let partyNameB = "东湖保密商贸有限公司"

    /// Builds both offices through the repositories, as the app would.
    static func build(_ env: TestEnv, procedures: ProcedureRegistry) async throws -> MatrixWorld {
        let s = try await env.seed()
        let ctx = AuditContext.system("matrix")
        let leader = try await env.user("m_leader", "赵局长", unit: s.bureau.id, role: "deputy-leader", scope: .unitTree)
        let legal = try await env.user("m_legal", "钱法制", unit: s.bureau.id, role: "legal-reviewer", scope: .all)
        // PA-24: a sub-task is asked of another unit than the case's (a third office, so neither A nor B reads the other's case).
        let asked = try await env.org.createUnit(code: "XC", name: "西城市场监管所", kind: .office, parentID: s.bureau.id, areaCode: nil,
                                                  numberPrefix: "西城所", context: ctx)
        func office(_ unit: OrgUnit, officer: UserRecord, tag: String, caseTitle: String, partyName: String, serial: Int) async throws -> OfficeObjects {
            var o = OfficeObjects()
            let officerActor = try await env.actor(officer)
            let head = try await env.user("m_head_\(tag.lowercased())", "所长\(tag)", unit: unit.id, role: "unit-head", scope: .unit)
            let headActor = try await env.actor(head)
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: partyName, uscc: .uscc(serial), representative: "孙\(tag)"),
                                                     unitID: unit.id, actor: officerActor, context: ctx).party
            o.values[.party] = party.id.uuidString
            // A second party for procedures that name two (a complaint's complainant and respondent).
            let other = try await env.parties.create(PartyInput(kind: "enterprise", name: "\(partyName)对方", uscc: .uscc(serial + 50)),
                                                     unitID: unit.id, actor: officerActor, context: ctx).party
            // One case of every registered procedure (the interview's parts below).
            for p in procedures.procedures {
                let title = p.caseType == InterviewProcedure.caseType ? caseTitle : "\(caseTitle)（\(p.nameZH)）"
                let opened = try await Self.open(p, env: env, parties: [party.id, other.id], title: title, tag: tag, actor: officerActor)
                o.cases[p.caseType] = opened.id
                // A title that names nothing of the office (an anonymous inquiry's) is no marker: its number is.
                o.caseMarkers.append(opened.title.contains(tag) || opened.title.contains(partyName) ? opened.title : opened.number ?? opened.title)
            }
            let caseID = try #require(o.cases[InterviewProcedure.caseType])
            o.values[.case] = caseID.uuidString
            let record = try #require(try await CaseRepository(store: env.store).find(caseID, actor: officerActor))
            let doc = try await DocumentService(store: env.store).issue(caseID: caseID, templateCode: "IV-NOTICE", values: DocumentTests.noticeValues,
                                                                         recipient: nil, actor: officerActor, context: ctx)
            o.values[.document] = doc.id.uuidString
            let attachment = try await env.attachments.save(Array("%PDF-1.4 matrix \(tag)".utf8), filename: "scan-\(tag)-secret.pdf", kind: .evidence,
                                                             caseID: caseID, actor: officerActor, context: ctx)
            o.values[.attachment] = attachment.id.uuidString
            // CAL-32: a clock with an extension request pending before the deputy leader.
            let clock = try await ClockRepository(store: env.store).start(caseID: caseID, ruleSet: "interview", step: "legalReview",
                                                                          on: LocalDate(iso: "2025-09-30")!, handlerID: nil, actor: officerActor, context: ctx)
            o.values[.clock] = clock.id.uuidString
            let pending = try await ClockExtensionRepository(store: env.store).request(clock.id, by: 1, ground: "重大疑难案件", approverID: leader.id,
                                                                                      actor: officerActor, context: ctx)
            o.values[.extensionRequest] = try #require(pending.pendingExtensions.first).id.uuidString
            // A sub-task of the case asked of the third office (issue 12 item 4).
            let subtask = UUID()
            try await env.sql.insert(into: "case_subtasks")
                .columns("id", "case_id", "unit_id", "kind", "title", "step", "rule", "state", "opened_on", "created_at")
                .values(SQLBind(subtask), SQLBind(caseID), SQLBind(asked.id), SQLBind("copy-notice"), SQLBind("协办\(tag)"), SQLBind("paOpinion"),
                        SQLBind("PA-25"), SQLBind("open"), SQLBind("2025-09-30"), SQLBind(Int64(0)))
                .run()
            o.values[.subtask] = subtask.uuidString
            o.values[.destruction] = try await ArchiveRepository(store: env.store).propose(actor: headActor, context: ctx).id.uuidString
            let training = TrainingRepository(store: env.store)
            let course = try await training.createCourse(TrainingCourseInput(kind: "topical", title: "\(tag)所保密专题培训", startsOn: "2025-09-01",
                                                                             endsOn: "2025-09-01", passMark: "60"), actor: headActor, context: ctx)
            o.values[.trainingCourse] = course.id.uuidString
            let result = try await training.recordResult(courseID: course.id, userID: officer.id, input: TrainingResultInput(attended: true, scores: [.written: "80"]),
                                                         actor: headActor, context: ctx)
            o.values[.trainingResult] = result.id.uuidString
            o.values[.trainingPerson] = officer.id.uuidString
            o.values[.numberBlock] = try await DocumentRepository(store: env.store).reserveBlock(unitID: unit.id, typeWord: "约", year: 2025, count: 5, note: "",
                                                                                                 actor: headActor, context: ctx).id.uuidString
            // CP-43: an import of the platform's export, of the office.
            if procedures.procedure(caseType: ComplaintProcedure.caseType) != nil {
                o.values[.complaintImport] = try await ComplaintImportRepository(store: env.store).submit(
                    [ComplaintImportRawRow(number: 2, raw: #"{"平台编号":"M\#(tag)"}"#)], filename: "\(tag)-import.csv", receive: false, actor: officerActor,
                    context: ctx).uuidString
            }
            o.values[.token] = try await AccessRepository(store: env.store).createToken(userID: officer.id, name: "spare", scopes: ["api"], context: ctx)
                .token.id.uuidString
            // A 专项行动 of the office (complaints.md, Campaign).
            let campaign = try await CampaignRepository(store: env.store).create(["name": "\(tag)所秘密专项行动", "startsOn": "2025-09-01", "endsOn": "2025-12-31",
                                                                                  "category": "food"], actor: officerActor, context: ctx)
            o.values[.campaign] = campaign.uuidString
            o.caseMarkers += [attachment.filename] + [record.number, doc.number].compactMap { $0 }
            o.markers = [partyName, course.title, "\(tag)所秘密专项行动"]
            return o
        }
        let a = try await office(s.officeA, officer: s.officerA, tag: "ZC", caseTitle: "中村所同事案件ZCX3", partyName: "中村同事商贸有限公司", serial: 8801)
        let b = try await office(s.officeB, officer: s.officerB, tag: "DH", caseTitle: caseTitleB, partyName: partyNameB, serial: 8802)
        let spare = try await env.user("m_spare", "备用账户", unit: s.officeB.id, role: "officer", scope: .unit)
        let expert = try await ExpertRepository(store: env.store).create(ExpertInput(name: "孙专家", field: "消防", organisation: "市消防协会", phone: nil),
                                                                         actor: env.actor(legal), context: ctx)
        let shared: [RouteObject: String] = [
            .user: spare.id.uuidString, .role: "officer", .template: "IV-NOTICE", .ruleSet: InterviewProcedure.ruleSetKey, .expert: expert.uuidString,
            .destructionStep: "submit", .ratingLink: "no-such-link",
        ]
        return MatrixWorld(seeded: s, a: a, b: b, shared: shared)
    }

    /// Opens a case of `p` with every required field of its creating step filled from its kind (parties in
    /// order, today's date, the first option), so a new procedure needs no code here.
    private static func open<P: Procedure>(_ p: P.Type, env: TestEnv, parties: [UUID], title: String, tag: String, actor: Actor) async throws -> CaseRecord {
        var input: [String: [String]] = [:]
        var nextParty = parties.makeIterator()
        let today = env.store.clock.todayInBeijing.iso
        func value(_ f: InputField) -> [String]? {
            switch f.kind {
            case .party: nextParty.next().map { [$0.uuidString] }
            // Each office's own values: a procedure may keep some unique (a complaint's platform number, CP-43).
            case .text: [f.name == "title" ? title : "测试\(tag)\(f.labelZH)"]
            case .textarea: ["日常检查"]
            case .date: [today]
            case .choice: f.options.first.map { [$0.value] }
            case .number: ["1"]
            case .lines: ["一项"]
            case .category: [ViolationCategoryVersion.otherCode]
            case .checkbox, .user, .users: nil
            }
        }
        // Required fields first (optional ones may bring rules of their own, a complaint's agent, CP-05);
        // then, as a user would, whatever the refusal names (a platform item's number, CP-43).
        for f in P.creation.fields where f.required { input[f.name] = value(f) }
        for _ in 0..<3 {
            do {
                return try await ProcedureRepository(store: env.store, P.self).open(ActionInput(input), actor: actor, context: .system("matrix"))
            } catch let e as DomainError where e.kind == .invalid {
                let asked = P.creation.fields.filter { f in e.fields.contains { $0.field == f.name } && input[f.name] == nil }
                guard !asked.isEmpty else { throw e }
                for f in asked { input[f.name] = value(f) }
            }
        }
        return try await ProcedureRepository(store: env.store, P.self).open(ActionInput(input), actor: actor, context: .system("matrix"))
    }
}

extension TestEnv {
    var attachments: AttachmentRepository {
        AttachmentRepository(store: store, root: app.fengqiao.config.filesDirectory, maxBytes: app.fengqiao.config.maxUploadBytes)
    }
}

/// Who asks: no one, or a user of office A holding one shipped role with its permissions.
struct MatrixAsker {
    enum Kind: Equatable { case signedOut, unitScope, ownScope }
    let label: String
    let kind: Kind
    let user: UserRecord?
    let permissions: Set<Permission>
    var token = ""
    var cookies: [String: String] = [:]
    var csrf = ""

    func holdsAny(_ needed: [Permission]) -> Bool { needed.contains(where: permissions.contains) }
}

/// A route's request with its parameters filled in.
struct MatrixRequest {
    let method: HTTPMethod
    let path: String
    var isAPI: Bool { path.hasPrefix("/api/") }
}

enum MatrixClient {
    /// The route's path with each parameter replaced by `values[name]`.
    static func path(_ route: Route, _ values: [String: String]) -> String {
        "/" + route.path.map { component -> String in
            if case let .parameter(name) = component { return values[name] ?? "missing" }
            return component.description
        }.joined(separator: "/")
    }

    /// Sends as `asker`: a page with the session cookie and the CSRF token, the API with the bearer
    /// token; a write carries an empty form or an empty JSON object.
    static func send(_ env: TestEnv, _ r: MatrixRequest, as asker: MatrixAsker) async throws -> TestingHTTPResponse {
        try await env.app.testing().sendRequest(r.method, r.path) { req in
            let writes = r.method != .GET && r.method != .HEAD
            if r.isAPI {
                if !asker.token.isEmpty { req.headers.bearerAuthorization = BearerAuthorization(token: asker.token) }
                if writes {
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: "{}")
                }
            } else {
                if !asker.cookies.isEmpty {
                    req.headers.replaceOrAdd(name: .cookie, value: asker.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                }
                if writes {
                    req.headers.add(name: "X-CSRF-Token", value: asker.csrf)
                    req.headers.contentType = .urlEncodedForm
                    req.body = ByteBuffer(string: "_csrf=" + (asker.csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                }
            }
        }
    }

    /// A refusal for want of a permission (PLT-03), as problem JSON or as the error page.
    static func isPermissionRefusal(_ res: TestingHTTPResponse, api: Bool) -> Bool {
        guard res.status == .forbidden else { return false }
        return api ? res.body.string.contains("\"permission.denied\"") : res.body.string.contains("您没有执行此操作的权限")
    }
}

/// Declarations that are missing or do not match the route's path.
enum RouteDeclarationAudit {
    static func problems(_ routes: [Route]) -> [String] {
        routes.compactMap { route -> String? in
            guard let declared = route.declaredAccess else { return "\(route.description): no access declaration" }
            let names = Set(route.path.compactMap { c -> String? in if case let .parameter(n) = c { return n } else { return nil } })
            let undeclared = names.subtracting(declared.parameters.keys).sorted()
            let absent = Set(declared.parameters.keys).subtracting(names).sorted()
            if route.path.contains(where: { if case .catchall = $0 { true } else if case .anything = $0 { true } else { false } }) {
                return "\(route.description): a wildcard path cannot be declared"
            }
            if !undeclared.isEmpty { return "\(route.description): parameters \(undeclared) name no declared kind" }
            if !absent.isEmpty { return "\(route.description): declared parameters \(absent) are not in the path" }
            return nil
        }
    }
}
