import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// A case as every procedure sees it (issue 5 extends it): its unit, type, state, version and the
/// rule-set versions in force on its opening date (CAL-21, X-08).
public struct CaseRecord: Sendable, Equatable {
    public let id: UUID
    public let unitID: UUID
    public let caseType: String
    public let number: String?
    public let title: String
    public let gravity: String
    public let state: String
    public let handlerID: UUID?
    public let openedOn: LocalDate
    /// Rule-set key → version, fixed at opening (CAL-21).
    public let ruleVersions: [String: Int]
    public let closedOn: LocalDate?
    public let version: Int
}

/// What a procedure supplies to open a case.
public struct NewCase: Sendable {
    public var unitID: UUID
    public var caseType: String
    public var title: String
    public var gravity: String
    public var state: String
    public var handlerID: UUID?
    public var openedOn: LocalDate
    /// The rule sets the procedure's clocks use; their versions in force on `openedOn` are recorded.
    public var ruleSetKeys: [String]

    public init(unitID: UUID, caseType: String, title: String, gravity: String = "ordinary", state: String, handlerID: UUID?,
                openedOn: LocalDate, ruleSetKeys: [String]) {
        self.unitID = unitID
        self.caseType = caseType
        self.title = title
        self.gravity = gravity
        self.state = state
        self.handlerID = handlerID
        self.openedOn = openedOn
        self.ruleSetKeys = ruleSetKeys
    }
}

/// One entry of a case's timeline: every write about the case, from the audit trail.
public struct TimelineEntry: Sendable, Equatable {
    public let seq: Int64
    public let at: Int64
    public let action: String
    public let login: String?
    public let detail: String?
    public let changes: [String: AuditDraft.Change]
}

/// Cases: reads are filtered by the actor's scope in the query itself.
public struct CaseRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    static let columns = ["id", "unit_id", "case_type", "number", "title", "gravity", "state", "handler_id", "opened_on", "rule_versions",
                          "closed_on", "version"]

    /// The case, or nil when absent or outside the actor's scope (X-05; PLT-05 `own`: only a case the
    /// actor is involved in).
    public func find(_ id: UUID, actor: Actor) async throws -> CaseRecord? {
        guard let c = try await Self.load(id, on: store.sql),
              try await CaseScope.sees(caseID: c.id, unitID: c.unitID, handlerID: c.handlerID, actor: actor, on: store.sql) else { return nil }
        return c
    }

    static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> CaseRecord? {
        try await sql.select().columns(columns).from("cases").where("id", .equal, SQLBind(id)).first().map(decode)
    }

    /// Opens a case, recording the rule-set versions in force on its opening date (CAL-21).
    public func create(_ new: NewCase, actor: Actor, context: AuditContext) async throws -> CaseRecord {
        try actor.require(.caseCreate)
        guard actor.sees(unit: new.unitID) else { throw DomainError.notFound }
        var fields: [FieldError] = []
        if new.title.trimmingCharacters(in: .whitespaces).isEmpty {
            fields.append(FieldError(field: "title", rule: "X-06", code: "case.title.required", messageZH: "请填写案件名称"))
        }
        let book = try await RuleSetRepository(store: store).book()
        var versions: [String: Int] = [:]
        for key in new.ruleSetKeys {
            if let set = book.inForce(key, on: new.openedOn) { versions[key] = set.version } else {
                fields.append(FieldError(field: "openedOn", rule: "CAL-21", code: "ruleset.none-in-force",
                                         messageZH: "\(new.openedOn.chinese)没有生效的时限规则（\(key)）"))
            }
        }
        if !fields.isEmpty { throw DomainError.invalid(fields) }
        let id = UUID()
        let bound = versions
        let ruleVersions = Self.encode(bound)
        return try await store.write(context) { tx in
            try await tx.sql.insert(into: "cases")
                .columns("id", "unit_id", "case_type", "title", "gravity", "state", "handler_id", "opened_on", "rule_versions", "version",
                         "created_at", "updated_at")
                .values(SQLBind(id), SQLBind(new.unitID), SQLBind(new.caseType), SQLBind(new.title), SQLBind(new.gravity), SQLBind(new.state),
                        SQLBind(new.handlerID), SQLBind(new.openedOn.iso), SQLBind(ruleVersions), SQLBind(1), SQLBind(tx.now), SQLBind(tx.now))
                .run()
            tx.record("case.create", "case", id.uuidString, changes: [
                "type": .init(before: nil, after: new.caseType), "title": .init(before: nil, after: new.title),
                "ruleVersions": .init(before: nil, after: ruleVersions),
            ])
            return CaseRecord(id: id, unitID: new.unitID, caseType: new.caseType, number: nil, title: new.title, gravity: new.gravity,
                              state: new.state, handlerID: new.handlerID, openedOn: new.openedOn, ruleVersions: bound, closedOn: nil, version: 1)
        }
    }

    /// Links a party to the case, so the party's history shows it (PLT-13) and publication knows
    /// whose data to mask (DOC-60).
    public func linkParty(_ caseID: UUID, partyID: UUID, actor: Actor, context: AuditContext) async throws {
        try actor.require(.caseHandle)
        guard let c = try await find(caseID, actor: actor) else { throw DomainError.notFound }
        guard try await PartyRepository(store: store).find(partyID, actor: actor) != nil else { throw DomainError.notFound }
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "party_case_links").columns("id", "party_id", "case_id", "case_number", "module", "state", "opened_on", "unit_id")
                .values(SQLBind(UUID()), SQLBind(partyID), SQLBind(caseID), SQLBind(c.number ?? c.title), SQLBind(c.caseType), SQLBind(c.state),
                        SQLBind(c.openedOn.iso), SQLBind(c.unitID))
                .run()
            tx.record("case.party.link", "case", caseID.uuidString, changes: ["party": .init(before: nil, after: partyID.uuidString)])
        }
    }

    /// The case's timeline: its audit events, oldest first (clock, document and service events are
    /// all recorded against the case).
    /// `reading`: also for a unit with read access to the case (a dispatch that kept it, a sub-task's unit).
    public func timeline(_ id: UUID, actor: Actor, reading: Bool = false) async throws -> [TimelineEntry] {
        guard try await find(id, actor: actor, reading: reading) != nil else { throw DomainError.notFound }
        return try await store.sql.select().columns("seq", "at", "action", "user_login", "detail", "changes").from("audit_events")
            .where("object_type", .equal, SQLBind("case")).where("object_id", .equal, SQLBind(id.uuidString))
            .orderBy("seq").all().map {
                TimelineEntry(seq: try $0.decode(column: "seq", as: Int64.self), at: try $0.decode(column: "at", as: Int64.self),
                              action: try $0.decode(column: "action", as: String.self), login: try $0.decode(column: "user_login", as: String?.self),
                              detail: try $0.decode(column: "detail", as: String?.self),
                              changes: AuditCodec.decode(try $0.decode(column: "changes", as: String.self)))
            }
    }

    static func encode(_ versions: [String: Int]) -> String {
        "{" + versions.keys.sorted().map { "\"\($0)\":\(versions[$0]!)" }.joined(separator: ",") + "}"
    }

    static func decode(_ row: any SQLRow) throws -> CaseRecord {
        let rv = try row.decode(column: "rule_versions", as: String.self)
        let versions = (try? JSONDecoder().decode([String: Int].self, from: Data(rv.utf8))) ?? [:]
        return CaseRecord(
            id: try row.decode(column: "id", as: UUID.self), unitID: try row.decode(column: "unit_id", as: UUID.self),
            caseType: try row.decode(column: "case_type", as: String.self), number: try row.decode(column: "number", as: String?.self),
            title: try row.decode(column: "title", as: String.self), gravity: try row.decode(column: "gravity", as: String.self),
            state: try row.decode(column: "state", as: String.self), handlerID: try row.decode(column: "handler_id", as: UUID?.self),
            openedOn: LocalDate(iso: try row.decode(column: "opened_on", as: String.self)) ?? LocalDate(ordinal: 0),
            ruleVersions: versions, closedOn: try row.decode(column: "closed_on", as: String?.self).flatMap(LocalDate.init(iso:)),
            version: try row.decode(column: "version", as: Int.self))
    }
}
