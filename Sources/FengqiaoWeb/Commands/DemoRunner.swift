import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import SQLKit

/// Plays each registered procedure's demo plan (`ProcedureModule.demo`) through the real
/// repositories on its own dates, so clocks, numbers, documents, the timeline and the audit trail
/// are what users would get. Nothing here knows a procedure: the plans live in their folders.
enum DemoRunner {
    static func seed(_ store: Store, officeID: UUID, context ctx: AuditContext) async throws {
        let org = OrganisationRepository(store: store)
        guard let officerUser = try await org.user(login: "zc_officer") else { return }
        let officer = try await org.actor(for: officerUser)
        var users: [String: UUID] = [:]
        for u in try await org.users() { users[u.login] = u.id }
        let parties = try await PartyRepository(store: store).search(nil, actor: officer, limit: 120).map { DemoContext.Party(id: $0.id, name: $0.name, kind: $0.kind) }
        var unitParties: [String: [DemoContext.Party]] = [:]
        for unit in try await org.units() {
            let reader = Actor(userID: officer.userID, login: "demo", name: "演示", unitID: unit.id, permissions: [.partyRead], roleCodes: [], visibleUnits: [unit.id])
            let own = try await PartyRepository(store: store).search(nil, actor: reader, limit: 120).map { DemoContext.Party(id: $0.id, name: $0.name, kind: $0.kind) }
            if !own.isEmpty { unitParties[unit.code] = own }
        }
        let context = DemoContext(today: store.clock.todayInBeijing, calendar: try await CalendarRepository(store: store).current(), parties: parties, users: users,
                                  unitParties: unitParties)
        // Every procedure's qualifications first: one procedure's case may open another's (a report filed
        // as a registry entry needs the officers' 执法证 of the enforcement demo).
        for procedure in store.procedures.procedures {
            try await qualify(procedure, context, org: org, ctx: ctx)
        }
        for procedure in store.procedures.procedures {
            try await play(procedure, context, store: store, officeID: officeID, org: org, ctx: ctx)
        }
    }

    static func qualify<P: Procedure>(_ p: P.Type, _ demo: DemoContext, org: OrganisationRepository, ctx: AuditContext) async throws {
        for q in P.module.demo(demo).qualifications {
            guard let id = demo.users[q.login] else { continue }
            _ = try await org.addQualification(userID: id, kind: q.kind, issuer: q.issuer, obtainedOn: q.obtainedOn, expiresOn: q.expiresOn, context: ctx)
        }
    }

    static func play<P: Procedure>(_ p: P.Type, _ demo: DemoContext, store: Store, officeID: UUID, org: OrganisationRepository, ctx: AuditContext) async throws {
        let plan = P.module.demo(demo)
        var actors: [String: Actor] = [:]
        func actor(_ login: String) async throws -> Actor? {
            if let a = actors[login] { return a }
            guard let u = try await org.user(login: login) else { return nil }
            let a = try await org.actor(for: u)
            actors[login] = a
            return a
        }
        if let officer = try await actor("zc_officer") { try await clockCases(P.self, plan.clockCases, demo, store: store, officeID: officeID, officer: officer, ctx: ctx) }
        for demoCase in plan.cases {
            var caseID: UUID?
            var lastDocument: UUID?
            var lastRecipient = ""
            // The procedure of the case the steps act on: the plan's own, until a step follows a link.
            var current: any Procedure.Type = P.self
            for step in demoCase.steps {
                // 10:00 Beijing on the step's day.
                func at(_ day: LocalDate) -> Store { store.with(clock: .fixed(Date(timeIntervalSince1970: Double(day.ordinal) * 86_400 + 2 * 3600))) }
                switch step {
                case let .open(login, on, input):
                    guard let a = try await actor(login) else { break }
                    let repository = ProcedureRepository(store: at(on), P.self)
                    let id = try await repository.open(ActionInput(input), actor: a, context: ctx).id
                    // MD-48: the demo's registrations are compared as the form's are (多发矛盾, the duplicate warning).
                    try await repository.recordRecurrence(id, actor: a, context: ctx)
                    caseID = id
                case let .act(login, on, key, input):
                    guard let a = try await actor(login), let id = caseID else { break }
                    try await perform(current, key, caseID: id, input: ActionInput(input), store: at(on), actor: a)
                case let .follow(caseType):
                    guard let id = caseID, let q = store.procedures.procedure(caseType: caseType) else { break }
                    let linked = try await store.sql.select().column(SQLColumn("id", table: "cases")).from("case_links")
                        .join("cases", on: SQLColumn("id", table: "cases"), .equal, SQLColumn("to_case_id", table: "case_links"))
                        .where(SQLColumn("from_case_id", table: "case_links"), .equal, SQLBind(id))
                        .where(SQLColumn("case_type", table: "cases"), .equal, SQLBind(caseType))
                        .orderBy(SQLColumn("created_at", table: "case_links"), SQLDirection.descending).first()
                    guard let next = try linked?.decode(column: "id", as: UUID.self) else { break }
                    caseID = next
                    current = q
                case let .issue(login, on, template, values, recipient):
                    guard let a = try await actor(login), let id = caseID else { break }
                    lastDocument = try await DocumentService(store: at(on)).issue(caseID: id, templateCode: template, values: values, recipient: recipient,
                                                                                  actor: a, context: ctx).id
                    lastRecipient = recipient
                case let .issueFromCase(login, on, template, values):
                    guard let a = try await actor(login), let id = caseID else { break }
                    let prefilled = values.merging(try await prefill(current, caseID: id, template: template, store: at(on), actor: a).filter { !$0.value.isEmpty }) { _, p in p }
                    lastRecipient = prefilled["party.name"] ?? ""
                    lastDocument = try await DocumentService(store: at(on)).issue(caseID: id, templateCode: template, values: prefilled,
                                                                                  recipient: lastRecipient, actor: a, context: ctx).id
                case let .servePost(login, on, recipient, posted, mailNumber):
                    guard let a = try await actor(login), let doc = lastDocument else { break }
                    _ = try await DocumentRepository(store: at(on)).recordService(doc, ServiceRecordInput(recipient: recipient.isEmpty ? lastRecipient : recipient, method: .post, date: posted,
                                                                                                          mailNumber: mailNumber, deliveredOn: on),
                                                                                  actor: a, context: ctx)
                case let .revisit(login, on, method, answer, scores, note):
                    guard let a = try await actor(login), let id = caseID else { break }
                    _ = try await RevisitRepository(store: store).record(caseID: id, on: on.iso, method: method, answer: answer, scores: scores, note: note,
                                                                         actor: a, context: ctx)
                }
            }
        }
    }

    /// A step of the demo case through its procedure's repository (the procedure opened by a link may be another's).
    private static func perform<Q: Procedure>(_ q: Q.Type, _ key: String, caseID: UUID, input: ActionInput, store: Store, actor a: Actor) async throws {
        _ = try await ProcedureRepository(store: store, q).perform(key, caseID: caseID, input: input, expectedVersion: nil, actor: a,
                                                                   context: AuditContext(actor: a, clientAddress: nil, requestID: "demo"))
    }

    /// A template's values from the case's facts, as the document form prefills them (DOC-02).
    private static func prefill<Q: Procedure>(_ q: Q.Type, caseID: UUID, template: String, store: Store, actor a: Actor) async throws -> [String: String] {
        guard let record = try await CaseRepository(store: store).find(caseID, actor: a) else { return [:] }
        return try await DocumentPrefill.values(q, store: store, record, template: template, actor: a,
                                                context: AuditContext(actor: a, clientAddress: nil, requestID: "demo")).values
    }

    /// Cases with one running clock of the procedure's rule set each (CAL-40 colours on the
    /// deadlines page), linked to the office's first parties; one may carry an issued document.
    static func clockCases<P: Procedure>(_ p: P.Type, _ cases: [DemoClockCase], _ demo: DemoContext, store: Store, officeID: UUID, officer: Actor,
                                         ctx: AuditContext) async throws {
        let actor = Actor(userID: officer.userID, login: officer.login, name: officer.name, unitID: officeID,
                          permissions: [.caseCreate, .caseRead, .caseHandle, .partyRead], roleCodes: ["officer"], visibleUnits: [officeID])
        for (n, plan) in cases.enumerated() {
            let start = demo.today.adding(days: -plan.daysAgo)
            let c = try await CaseRepository(store: store).create(
                NewCase(unitID: officeID, caseType: "demo", title: plan.title, state: "open", handlerID: officer.userID, openedOn: start,
                        ruleSetKeys: [P.ruleSetKey]), actor: actor, context: ctx)
            let party = n < demo.parties.count ? demo.parties[n] : nil
            if let party { try await CaseRepository(store: store).linkParty(c.id, partyID: party.id, actor: actor, context: ctx) }
            _ = try await ClockRepository(store: store).start(caseID: c.id, ruleSet: P.ruleSetKey, step: plan.step, on: start, handlerID: officer.userID,
                                                              actor: actor, context: ctx)
            if let template = plan.issue {
                var values = store.procedures.sampleValues(template: template)
                if let party { values["party.name"] = party.name }
                _ = try await DocumentService(store: store).issue(caseID: c.id, templateCode: template, values: values, recipient: nil, actor: actor, context: ctx)
            }
        }
    }
}
