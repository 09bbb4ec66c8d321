import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// A case with its procedure's facts, as the engine sees it.
public struct ProcedureCaseRecord<Facts: Sendable & Equatable>: Sendable {
    public let record: CaseRecord
    public let procedureCase: ProcedureCase<Facts>
}

/// A link between two cases (IV-04: the penalty case an interview was handed to).
public struct CaseLink: Sendable, Equatable {
    public let caseID: UUID
    public let reference: String
    public let caseType: String
    public let relation: String
    /// true: this case opened the other; false: the other opened this one.
    public let outgoing: Bool
}

/// The engine's store side: loads a case and the context a transition needs, lets the core decide,
/// and applies the outcome — the case row, its facts, the timeline, linked cases and clocks. Generic
/// over the procedure, so a new procedure needs no new repository.
public struct ProcedureRepository<P: Procedure>: Sendable {
    public let store: Store
    public init(store: Store, _ procedure: P.Type = P.self) { self.store = store }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }

    // MARK: Reading

    /// The case and its facts, or nil when absent, of another type, or outside the actor's scope.
    /// `reading`: also a case moved away from a unit of the actor that kept read access.
    public func find(_ id: UUID, actor: Actor, reading: Bool = false) async throws -> ProcedureCaseRecord<P.Facts>? {
        // The row and its facts in one read; then the scope, and for reading a kept read access.
        guard let row = try await store.sql.select().columns(CaseRepository.columns + ["facts"]).from("cases").where("id", .equal, SQLBind(id)).first()
        else { return nil }
        let c = try CaseRepository.decode(row)
        guard c.caseType == P.caseType else { return nil }
        if !(try await CaseScope.sees(caseID: c.id, unitID: c.unitID, handlerID: c.handlerID, actor: actor, on: store.sql)) {
            guard reading, try await CaseRepository(store: store).find(id, actor: actor, reading: true) != nil else { return nil }
        }
        guard let text = try row.decode(column: "facts", as: String?.self),
              let facts = try? JSONDecoder().decode(P.Facts.self, from: Data(text.utf8)) else { return nil }
        let parties = try await store.sql.select().column("party_id").from("party_case_links").where("case_id", .equal, SQLBind(id)).all()
            .map { try $0.decode(column: "party_id", as: UUID.self) }
        let pc = ProcedureCase(id: c.id, unitID: c.unitID, state: c.state, gravity: Gravity(rawValue: c.gravity) ?? .ordinary, partyIDs: parties,
                               handlerID: c.handlerID, openedOn: c.openedOn, facts: facts)
        return ProcedureCaseRecord(record: c, procedureCase: pc)
    }

    /// The actions the actor may take now, with what still stands in their way.
    public func available(_ id: UUID, actor: Actor) async throws -> [AvailableAction] {
        guard let c = try await find(id, actor: actor) else { throw DomainError.notFound }
        return try await available(c, actor: actor)
    }

    /// The same for a case already found in the actor's scope (the case page has it).
    public func available(_ c: ProcedureCaseRecord<P.Facts>, actor: Actor) async throws -> [AvailableAction] {
        let ctx = try await context(actor: actor, partyIDs: c.procedureCase.partyIDs, users: P.referencedUsers(P.creation, input: ActionInput(),
                                                                                                                facts: c.procedureCase.facts) + [actor.userID],
                                    caseID: c.record.id)
        return ProcedureEngine.available(P.self, on: c.procedureCase, context: ctx)
    }

    /// Cases linked to this one, both ways.
    public func links(_ id: UUID) async throws -> [CaseLink] {
        var out: [CaseLink] = []
        for (column, other, outgoing) in [("from_case_id", "to_case_id", true), ("to_case_id", "from_case_id", false)] {
            let rows = try await store.sql.select().columns(other, "relation").from("case_links").where(SQLIdentifier(column), .equal, SQLBind(id)).all()
            for r in rows {
                let otherID = try r.decode(column: other, as: UUID.self)
                guard let c = try await CaseRepository.load(otherID, on: store.sql) else { continue }
                out.append(CaseLink(caseID: otherID, reference: c.number ?? c.title, caseType: c.caseType,
                                    relation: try r.decode(column: "relation", as: String.self), outgoing: outgoing))
            }
        }
        return out
    }

    // MARK: Context

    /// Everything the core may consult: people (qualifications, conflicts), the parties' earlier
    /// cases (PLT-13), the case's documents with their service dates, the calendar and today.
    func context(actor: Actor, partyIDs: [UUID], users: [UUID], caseID: UUID?) async throws -> ProcedureContext {
        let calendar = try await CalendarRepository(store: store).current()
        let today = store.clock.todayInBeijing
        let org = OrganisationRepository(store: store)
        let people = try await org.people(Set(users))
        var history: [PriorCase] = []
        var names: [UUID: String] = [:]
        var kinds: [UUID: PartyKind] = [:]
        // The parties in the actor's scope, and in one query the earlier cases of them all that count as
        // prior (issue 13 item 7: IV-03 (2), IV-22 read nothing else).
        let parties = try await PartyRepository(store: store).find(Set(partyIDs), actor: actor)
        for party in parties {
            names[party.id] = party.name
            kinds[party.id] = party.kind
        }
        if !parties.isEmpty {
            let rows = try await store.sql.select()
                .columns(SQLColumn("id", table: "c"), SQLColumn("number", table: "c"), SQLColumn("title", table: "c"), SQLColumn("case_type", table: "c"),
                         SQLColumn("category", table: "c"), SQLColumn("state", table: "c"), SQLColumn("opened_on", table: "c"))
                .from(SQLAlias(SQLIdentifier("party_case_links"), as: SQLIdentifier("l")))
                .join(SQLAlias(SQLIdentifier("cases"), as: SQLIdentifier("c")), on: SQLColumn("case_id", table: "l"), .equal, SQLColumn("id", table: "c"))
                .where(SQLColumn("party_id", table: "l"), .in, SQLBind.group(parties.map(\.id)))
                .where(SQLColumn("counts_as_prior", table: "c"), .equal, SQLBind(true))
                .all()
            for row in rows {
                let cid = try row.decode(column: "id", as: UUID.self)
                guard cid != caseID else { continue }
                history.append(PriorCase(
                    id: cid, reference: try row.decode(column: "number", as: String?.self) ?? (try row.decode(column: "title", as: String.self)),
                    caseType: try row.decode(column: "case_type", as: String.self), category: try row.decode(column: "category", as: String?.self),
                    state: try row.decode(column: "state", as: String.self),
                    openedOn: LocalDate(iso: try row.decode(column: "opened_on", as: String.self)) ?? today,
                    concluded: true))
            }
        }
        var documents: [DocumentFact] = []
        if let caseID {
            // The caller found the case in the actor's scope; its documents and their first service in two reads.
            let docs = try await DocumentRepository.documents(ofCase: caseID, on: store.sql)
            let served = try await DocumentRepository.firstService(of: docs.map(\.id), on: store.sql)
            for d in docs {
                // Reserved-form placeholders have no number or date yet: not documents of the case.
                guard let number = d.number, let issuedOn = d.issuedOn else { continue }
                documents.append(DocumentFact(id: d.id, templateCode: d.templateCode, number: number, issuedOn: issuedOn, void: d.state == .void,
                                              servedOn: served[d.id], recipient: d.recipient.isEmpty ? nil : d.recipient))
            }
        }
        // Issue 12 item 4: the case's sub-tasks, so a step can wait on every unit's reply.
        var subtasks: [Subtask] = []
        if let caseID { subtasks = try await SubtaskRepository.load(caseID: caseID, on: store.sql) }
        // CP-42: the unit tree (a dispute's common superior); CP-17: the registered service points, read
        // only for a procedure whose steps use them.
        let points = P.module.capabilities.contains(.servicePoints) ? try await ServicePointRepository(store: store).all() : []
        return ProcedureContext(actor: actor, today: today, calendar: calendar, people: people, partyHistory: history.sorted { $0.openedOn < $1.openedOn },
                                documents: documents, partyNames: names, subtasks: subtasks,
                                categories: try await ViolationCategoryRepository(store: store).inForce(on: today), partyKinds: kinds,
                                units: try await org.tree(), servicePoints: points)
    }

    // MARK: Writing

    /// Opens a case through the procedure's creating transition, in the actor's unit (or `unitID`).
    public func open(_ input: ActionInput, unitID: UUID? = nil, actor: Actor, context audit: AuditContext) async throws -> CaseRecord {
        let prepared = try await prepareOpening(input, unitID: unitID, actor: actor)
        return try await store.write(audit) { tx in try await prepared.insert(tx) }
    }

    /// Takes a transition: checks everything in the core, then writes the case, its timeline entry,
    /// linked cases, clocks and notices in one transaction. `expectedVersion` guards against a stale
    /// form (PLT-53). `claim` runs first inside the write (CAL-43: a timed firing's claim row), so a
    /// refused claim rolls the transition back.
    public func perform(_ key: String, caseID: UUID, input: ActionInput, expectedVersion: Int?, actor: Actor, context audit: AuditContext,
                        claim: (@Sendable (WriteTx) async throws -> Void)? = nil) async throws -> (record: CaseRecord, outcome: Outcome<P.Facts>) {
        guard let loaded = try await find(caseID, actor: actor) else { throw DomainError.notFound }
        let c = loaded.procedureCase
        if let expectedVersion, expectedVersion != loaded.record.version { throw DomainError.staleVersion(current: loaded.record.version) }
        let transition = P.transition(key) ?? P.creation
        // PLT-06: the actor is among the people whose conflicts the engine reads.
        let ctx = try await context(actor: actor, partyIDs: c.partyIDs, users: P.referencedUsers(transition, input: input, facts: c.facts) + [actor.userID],
                                    caseID: caseID)
        let outcome: Outcome<P.Facts>
        switch ProcedureEngine.perform(P.self, key, on: c, input: input, context: ctx) {
        case let .success(o): outcome = o
        case let .failure(refusal): throw refusal.domainError
        }
        let factsText = String(decoding: try Self.encoder.encode(outcome.facts), as: UTF8.self)
        let before = loaded.record
        let book = try await RuleSetRepository(store: store).book()
        try await preflight(outcome.clocks, record: before, book: book, actor: actor)
        let today = ctx.today
        let calendar = ctx.calendar
        let set = before.ruleVersions[P.ruleSetKey].flatMap { v in book.sets.first { $0.key == P.ruleSetKey && $0.version == v } }
        // Issue 12 item 4: a dispatch or return moves the case; what follows is the new unit's.
        let unit = try await movedUnit(outcome.move, from: before.unitID)
        // Issue 12 item 4: the units asked, checked before the write so every problem is named.
        let subtasks = try await SubtaskRepository(store: store).resolve(outcome.subtasks, caseUnit: unit, existing: ctx.subtasks, set: set)
        let leaderIDs = outcome.leaderNoticeZH == nil ? [] : try await leaders(of: unit)
        // CP-07, CP-24: cases of other procedures this step opens, checked by their own creating step first.
        let openings = try await prepareLinked(outcome.linked, unit: unit, actor: actor)
        // CP-37: a file already archived (DOC-42) is never reopened.
        if outcome.reopens, try await ArchiveRepository(store: store).archiveRecord(caseID) != nil {
            throw DomainError.invalid([FieldError(field: "state", rule: "DOC-42", code: "case.reopen.archived", messageZH: "案件已归档，不能重新办理")])
        }
        let unchanged = before.state == outcome.state && unit == before.unitID
        let waitingNotices = (unchanged ? [] : try await waitingNotices(state: outcome.state, caseID: caseID, unitID: unit, title: before.title,
                                                                        number: before.number, actor: actor))
            + handedOver(from: P.waitingOn(c.facts, state: c.state), to: P.waitingOn(outcome.facts, state: outcome.state), caseID: caseID,
                         record: before, summaryZH: outcome.summaryZH, actor: actor)
            + (try await unitNotices(outcome.unitNotices, caseID: caseID))
        let record: CaseRecord = try await store.write(audit) { tx in
            if let claim { try await claim(tx) }
            var update = tx.sql.update("cases").set("state", to: SQLBind(outcome.state)).set("gravity", to: SQLBind(outcome.gravity.rawValue))
                .set("facts", to: SQLBind(factsText)).set("handler_id", to: SQLBind(outcome.handlerID))
                .set("category", to: SQLBind(P.category(outcome.facts))).set("counts_as_prior", to: SQLBind(P.countsAsPrior(outcome.facts)))
                .set("version", to: SQLBind(before.version + 1)).set("updated_at", to: SQLBind(tx.now))
            if let closed = outcome.closedOn { update = update.set("closed_on", to: SQLBind(closed.iso)) }
            if outcome.reopens { update = update.set("closed_on", to: SQLBind(String?.none)) }
            // PLT-53: the row changes only if nobody else changed it since it was read.
            try await update.where("id", .equal, SQLBind(caseID)).where("version", .equal, SQLBind(before.version)).run()
            let check = try await tx.sql.select().column("version").from("cases").where("id", .equal, SQLBind(caseID)).first()
            guard try check?.decode(column: "version", as: Int.self) == before.version + 1 else {
                throw DomainError.staleVersion(current: try check?.decode(column: "version", as: Int.self) ?? before.version)
            }
            try await tx.sql.update("party_case_links").set("state", to: SQLBind(outcome.state)).where("case_id", .equal, SQLBind(caseID)).run()
            try await Self.writeWaiting(tx, caseID: caseID, users: P.waitingOn(outcome.facts, state: outcome.state) + (actor.isSystem ? [] : [actor.userID]),
                                        replacing: true)
            try await CaseScope.dismiss(tx, caseID: caseID, users: P.dismissed(outcome.facts))
            var changes: [String: AuditDraft.Change] = ["transition": .init(before: nil, after: key)]
            if before.state != outcome.state { changes["state"] = .init(before: before.state, after: outcome.state) }
            if before.gravity != outcome.gravity.rawValue { changes["gravity"] = .init(before: before.gravity, after: outcome.gravity.rawValue) }
            if before.handlerID != outcome.handlerID {
                changes["handler"] = .init(before: before.handlerID?.uuidString, after: outcome.handlerID?.uuidString)
            }
            if let closed = outcome.closedOn { changes["closedOn"] = .init(before: nil, after: closed.iso) }
            if outcome.reopens { changes["closedOn"] = .init(before: before.closedOn?.iso, after: nil) }
            if let move = outcome.move { try await Self.applyMove(tx, move, caseID: caseID, from: before.unitID, to: unit, handlerID: outcome.handlerID) }
            if unit != before.unitID { changes["unit"] = .init(before: before.unitID.uuidString, after: unit.uuidString) }
            // Migration 033: the statistics' days and values follow the facts and the unit now handling the case.
            try await CaseStatistics.update(tx.sql, P.self, caseID: caseID, from: (before.unitID, c.facts), to: (unit, outcome.facts))
            tx.record("case.transition", "case", caseID.uuidString, changes: changes, detail: outcome.summaryZH)
            // CP-43: a case from outside (a 12315 platform item) tells its system every status change,
            // queued with the change itself; whether a case has such a reference is the procedure's to say.
            if before.state != outcome.state, let ref = P.externalReference(outcome.facts) {
                try await PlatformSyncRepository.enqueue(tx, ref, caseID: caseID, caseNumber: before.number, state: outcome.state,
                                                         stateNameZH: P.stateNameZH(outcome.state), on: today)
            }
            for link in outcome.linked where link.opening == nil {
                try await Self.openLinked(tx, link, from: before, partyIDs: c.partyIDs, book: book, today: today, actor: actor)
            }
            for prepared in openings { try await Self.insertLinked(tx, prepared, origin: caseID) }
            // The clocks and notices in the same transaction: the case's state and its running steps
            // change together or not at all.
            let clockCase = ClockRepository.ClockCase(id: caseID, unitID: unit, title: before.title, handlerID: outcome.handlerID)
            if outcome.reopens {
                // CP-37: the archiving clocks the closing started no longer run.
                for clock in try await ClockRepository.openClocks(ofCase: caseID, on: tx.sql) where ArchiveRepository.archivingSteps.contains(clock.step) {
                    try await ClockRepository.cancel(tx, clock, on: today, reason: "案件重新办理")
                }
            }
            try await Self.applyClocks(tx, outcome.clocks, on: clockCase, set: set, calendar: calendar, today: today, actor: actor)
            // Sub-tasks in the same write: withdrawn (PA-41), then opened with their clocks (PA-24).
            if let w = outcome.withdrawSubtasks { try await SubtaskRepository.withdraw(tx, w, caseID: caseID) }
            try await SubtaskRepository.open(tx, subtasks, caseID: caseID, caseTitle: before.title, set: set, calendar: calendar, today: today, actor: actor)
            if let closed = outcome.closedOn {
                // A closed case asks nothing more of other units.
                try await SubtaskRepository.withdraw(tx, SubtaskWithdrawal(on: closed, reasonZH: "案件已办结", rule: transition.rule), caseID: caseID)
                try await Self.closeClocks(tx, on: clockCase, day: closed, set: set, calendar: calendar, today: today,
                                           keeping: P.module.afterClosingSteps)
            }
            for w in waitingNotices { try await NotificationRepository.insert(tx, w.users, w.notice) }
            if let notice = outcome.leaderNoticeZH, !leaderIDs.isEmpty {
                try await NotificationRepository.insert(tx, leaderIDs, Notice(kind: "case.report-upward", title: "\(P.nameZH)：\(transition.nameZH)",
                                                                            body: notice, link: "/cases/\(caseID.uuidString)"))
            }
            return CaseRecord(id: caseID, unitID: unit, caseType: before.caseType, number: before.number, title: before.title,
                              gravity: outcome.gravity.rawValue, state: outcome.state, handlerID: outcome.handlerID, openedOn: before.openedOn,
                              ruleVersions: before.ruleVersions, closedOn: outcome.reopens ? nil : outcome.closedOn ?? before.closedOn, version: before.version + 1)
        }
        return (record, outcome)
    }

    /// Who besides the handler the case now waits on (migration 010), for their worklists.
    static func writeWaiting(_ tx: WriteTx, caseID: UUID, users: [UUID], replacing: Bool) async throws {
        if replacing { try await tx.sql.delete(from: "case_waiting").where("case_id", .equal, SQLBind(caseID)).run() }
        var seen = Set<UUID>()
        for user in users where seen.insert(user).inserted {
            try await tx.sql.insert(into: "case_waiting").columns("case_id", "user_id").values(SQLBind(caseID), SQLBind(user)).run()
        }
        // PLT-05: whoever a case has waited on keeps it in their `own` scope.
        try await CaseScope.involve(tx, caseID: caseID, users: users)
    }

    /// The responsible leaders of the case's unit and the units above it, told of a report upward
    /// (IV-21, IV-25).
    func leaders(of unitID: UUID) async throws -> [UUID] {
        // By permission and unit, not role codes (CAL-41, `Escalation.leader`).
        try await NotificationRepository(store: store).leaders(over: unitID, tree: try await OrganisationRepository(store: store).tree())
    }

    /// The clock changes are checked before the write, so a refusal names every problem with its
    /// rule rather than the first one the transaction meets: a start names a step of the
    /// bound rule set, an end is not before its clock's start.
    func preflight(_ effects: [ClockEffect], record: CaseRecord, book: RuleBook, actor: Actor) async throws {
        let set = record.ruleVersions[P.ruleSetKey].flatMap { v in book.sets.first { $0.key == P.ruleSetKey && $0.version == v } }
        let open = try await ClockRepository(store: store).clocks(ofCase: record.id, actor: Self.engineActor(actor)).filter(\.isOpen)
        var problems: [FieldError] = []
        for effect in effects {
            switch effect {
            case let .start(step, _):
                if set?.rule(step) == nil {
                    problems.append(FieldError(field: "step", rule: "CAL-21", code: "ruleset.step.unknown", messageZH: "案件绑定的时限规则没有环节“\(store.procedures.stepName(step))”"))
                }
            case let .end(step, on):
                for c in open where c.step == step && on < c.start && !c.rule.countsBack {
                    problems.append(FieldError(field: "date", rule: "CAL-33", code: "clock.end.before-start",
                                               messageZH: "“\(store.procedures.stepName(step))”的完成日期（\(on.iso)）早于计时起算日 \(c.start.iso)"))
                }
            case let .suspend(step, _, _), let .resume(step, _), let .extend(step, _, _):
                if !open.contains(where: { $0.step == step }) {
                    problems.append(FieldError(field: "step", rule: "CAL-31", code: "clock.not-running",
                                               messageZH: "“\(store.procedures.stepName(step))”没有正在进行的计时"))
                }
            case .cancel:
                break
            }
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
    }

    /// PLT-17: the next case number of the unit, module and year — never reused, since the serial
    /// is taken in the case's own write transaction from a sequence that only grows.
    static func nextNumber(_ tx: WriteTx, unitID: UUID, moduleCode: String, year: Int) async throws -> String {
        let code = try await tx.sql.select().column("code").from("units").where("id", .equal, SQLBind(unitID)).first()?
            .decode(column: "code", as: String.self) ?? ""
        let serial = try await DocumentRepository.allocate(tx, unitID: unitID, typeWord: CaseNumber.sequence(moduleCode: moduleCode), year: year, count: 1)
        return CaseNumber(unitCode: code, moduleCode: moduleCode, year: year, serial: serial.lowerBound).formatted
    }

    /// IV-04: the linked case (a minimal penalty case) with its origin, the parties, the documents
    /// to prefill and the evidence carried over, in the same transaction as the transition.
    static func openLinked(_ tx: WriteTx, _ link: LinkedCaseEffect, from origin: CaseRecord, partyIDs: [UUID], book: RuleBook, today: LocalDate,
                           actor: Actor) async throws {
        let id = UUID()
        let number = try await nextNumber(tx, unitID: origin.unitID, moduleCode: link.moduleCode, year: today.year)
        let versions = book.inForce(link.caseType, on: today).map { [link.caseType: $0.version] } ?? [:]
        let facts = LinkedCaseFacts(origin: origin.id, originNumber: origin.number ?? origin.title, relation: link.relation, prefill: link.prefill,
                                    evidence: link.evidence)
        let factsText = String(decoding: try encoder.encode(facts), as: UTF8.self)
        try await tx.sql.insert(into: "cases")
            .columns("id", "unit_id", "case_type", "number", "title", "gravity", "state", "handler_id", "opened_on", "rule_versions", "version",
                     "created_at", "updated_at", "facts", "category", "counts_as_prior")
            .values(SQLBind(id), SQLBind(origin.unitID), SQLBind(link.caseType), SQLBind(number), SQLBind(link.title), SQLBind(origin.gravity),
                    SQLBind("registered"), SQLBind(actor.userID), SQLBind(today.iso), SQLBind(CaseRepository.encode(versions)), SQLBind(1), SQLBind(tx.now),
                    SQLBind(tx.now), SQLBind(factsText), SQLBind(link.category), SQLBind(false))
            .run()
        try await tx.sql.insert(into: "case_links").columns("id", "from_case_id", "to_case_id", "relation", "created_at")
            .values(SQLBind(UUID()), SQLBind(origin.id), SQLBind(id), SQLBind(link.relation), SQLBind(tx.now)).run()
        for p in partyIDs {
            try await tx.sql.insert(into: "party_case_links").columns("id", "party_id", "case_id", "case_number", "module", "state", "opened_on", "unit_id")
                .values(SQLBind(UUID()), SQLBind(p), SQLBind(id), SQLBind(number), SQLBind(link.caseType), SQLBind("registered"), SQLBind(today.iso),
                        SQLBind(origin.unitID))
                .run()
        }
        tx.record("case.create", "case", id.uuidString, changes: [
            "type": .init(before: nil, after: link.caseType), "number": .init(before: nil, after: number),
            "origin": .init(before: nil, after: origin.number ?? origin.id.uuidString),
            "evidence": .init(before: nil, after: link.evidence.joined(separator: " ")),
        ], detail: "由\(origin.number ?? origin.title)移交")
    }

    /// Engine-driven clock changes, inside the transition's transaction: the transition was
    /// authorised by the engine, so its clocks are written on the actor's behalf even where the actor
    /// (a legal reviewer, a leader) does not handle cases; the audit context names the actor.
    static func applyClocks(_ tx: WriteTx, _ effects: [ClockEffect], on c: ClockRepository.ClockCase, set: RuleSet?, calendar: WorkCalendar,
                            today: LocalDate, actor: Actor? = nil) async throws {
        guard !effects.isEmpty else { return }
        // A sub-task's clock ends by its unit's reply, never with the case's own steps.
        let subtaskClocks = try await SubtaskRepository.clockIDs(caseID: c.id, on: tx.sql)
        for effect in effects {
            switch effect {
            case let .start(step, on):
                guard let set else {
                    throw DomainError.invalid([FieldError(field: "ruleSet", rule: "CAL-21", code: "ruleset.not-bound",
                                                          messageZH: "案件未绑定时限规则“\(P.ruleSetKey)”")])
                }
                // 谁受理谁回访 (MD-34): a revisit's clock is the accepting unit's queue, not the handler's — a
                // dispatched unit's mediator cannot record it.
                if P.module.revisitSteps.contains(step) {
                    let owner = try await CaseRepository.ownerUnit(c.id, on: tx.sql) ?? c.unitID
                    _ = try await ClockRepository.start(tx, case: ClockRepository.ClockCase(id: c.id, unitID: owner, title: c.title, handlerID: nil), set: set,
                                                        step: step, on: on, calendar: calendar, today: today, tellHandler: false)
                    continue
                }
                // CAL-41: the handler is told of their own steps; the others' are told in `waitingNotices`.
                _ = try await ClockRepository.start(tx, case: c, set: set, step: step, on: on, calendar: calendar, today: today,
                                                    tellHandler: Worklist.actingPermissions(forClock: step, of: P.self).isEmpty)
            case let .end(step, on):
                for clock in try await ClockRepository.openClocks(ofCase: c.id, on: tx.sql) where clock.step == step && !subtaskClocks.contains(clock.id) {
                    try await ClockRepository.end(tx, clock, on: on, calendar: calendar)
                }
            case let .cancel(step, on, reason):
                for clock in try await ClockRepository.openClocks(ofCase: c.id, on: tx.sql) where clock.step == step && !subtaskClocks.contains(clock.id) {
                    try await ClockRepository.cancel(tx, clock, on: on, reason: reason)
                }
            case let .suspend(step, from, ground):
                // CAL-31 through a transition (CP-19, CP-20): the actor taking it is the approver on record.
                let by = actor ?? Actor.system("engine", unitID: c.unitID, permissions: [])
                for clock in try await ClockRepository.openClocks(ofCase: c.id, on: tx.sql) where clock.step == step && !subtaskClocks.contains(clock.id) {
                    try await ClockRepository.suspend(tx, clock, from: from, ground: ground, approverID: by.userID, approverName: by.name, calendar: calendar,
                                                      today: today)
                }
            case let .resume(step, last):
                for clock in try await ClockRepository.openClocks(ofCase: c.id, on: tx.sql) where clock.step == step && !subtaskClocks.contains(clock.id) {
                    try await ClockRepository.resume(tx, clock, lastSuspendedDay: last, calendar: calendar, today: today)
                }
            case let .extend(step, count, ground):
                let by = actor ?? Actor.system("engine", unitID: c.unitID, permissions: [])
                for clock in try await ClockRepository.openClocks(ofCase: c.id, on: tx.sql) where clock.step == step && !subtaskClocks.contains(clock.id) {
                    try await ClockRepository.extend(tx, clock, count: count, ground: ground, actor: by, calendar: calendar, today: today)
                }
            }
        }
        try await ClockRepository.refreshNextDue(tx.sql, caseIDs: [c.id])
    }

    /// A closed case: steps still running no longer apply (cancelled); the archiving clocks start (DOC-41).
    /// The procedure's `afterClosingSteps` (`keeping`) run on.
    static func closeClocks(_ tx: WriteTx, on c: ClockRepository.ClockCase, day: LocalDate, set: RuleSet?, calendar: WorkCalendar,
                            today: LocalDate, keeping: Set<String> = []) async throws {
        for clock in try await ClockRepository.openClocks(ofCase: c.id, on: tx.sql)
        where !ArchiveRepository.archivingSteps.contains(clock.step) && !keeping.contains(clock.step) {
            try await ClockRepository.cancel(tx, clock, on: day, reason: "案件已办结")
        }
        if let set {
            for step in ArchiveRepository.archivingSteps where set.rule(step) != nil {
                _ = try await ClockRepository.start(tx, case: c, set: set, step: step, on: day, calendar: calendar, today: today)
            }
        }
        try await ClockRepository.refreshNextDue(tx.sql, caseIDs: [c.id])
    }

    static func engineActor(_ actor: Actor) -> Actor {
        Actor(userID: actor.userID, login: actor.login, name: actor.name, unitID: actor.unitID, permissions: actor.permissions.union([.caseHandle, .caseRead]),
              roleCodes: actor.roleCodes, visibleUnits: actor.visibleUnits, ownOnlyUnits: actor.ownOnlyUnits)
    }
}

/// What a linked case opened by a transition keeps: where it came from, the documents to prefill
/// and the evidence carried over (IV-04).
public struct LinkedCaseFacts: Sendable, Equatable, Codable {
    public let origin: UUID
    public let originNumber: String
    public let relation: String
    public let prefill: [String: [String: String]]
    public let evidence: [String]
}
