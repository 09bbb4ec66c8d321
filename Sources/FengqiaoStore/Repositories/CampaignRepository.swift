import FengqiaoCore
import Foundation
import SQLKit

/// 专项行动 (complaints.md, Campaign): kept by the unit that runs them, in its scope; the counters are
/// typed, the linked cases and their 罚没 come from the registry (a case is in at most one campaign).
public struct CampaignRepository: Sendable {
    let store: Store
    public init(store: Store) { self.store = store }

    public struct Summary: Sendable, Equatable {
        public let id: UUID
        public let unitID: UUID
        public let campaign: Campaign
        public let cases: Int
    }

    public struct LinkedCase: Sendable, Equatable {
        public let id: UUID
        public let number: String
        public let title: String
        public let state: String
        public let facts: EnforcementFacts
    }

    static let columns = ["id", "unit_id", "name", "starts_on", "ends_on", "category", "turnouts", "premises_inspected", "batches_sampled",
                          "batches_failed", "unlicensed_closed"]

    static func decode(_ row: any SQLRow) throws -> (id: UUID, unitID: UUID, campaign: Campaign) {
        let counters = Campaign.Counters(turnouts: try row.decode(column: "turnouts", as: Int.self),
                                         premisesInspected: try row.decode(column: "premises_inspected", as: Int.self),
                                         batchesSampled: try row.decode(column: "batches_sampled", as: Int.self),
                                         batchesFailed: try row.decode(column: "batches_failed", as: Int.self),
                                         unlicensedClosed: try row.decode(column: "unlicensed_closed", as: Int.self))
        let c = Campaign(name: try row.decode(column: "name", as: String.self),
                         startsOn: LocalDate(iso: try row.decode(column: "starts_on", as: String.self)) ?? LocalDate(year: 2000, month: 1, day: 1)!,
                         endsOn: LocalDate(iso: try row.decode(column: "ends_on", as: String.self)) ?? LocalDate(year: 2000, month: 1, day: 1)!,
                         category: EnforcementCategory(rawValue: try row.decode(column: "category", as: String.self)) ?? .other, counters: counters)
        return (try row.decode(column: "id", as: UUID.self), try row.decode(column: "unit_id", as: UUID.self), c)
    }

    /// The campaigns of the units the actor sees, newest first, with their case counts.
    public func list(actor: Actor) async throws -> [Summary] {
        try actor.require(.caseRead)
        var q = store.sql.select().columns(Self.columns.map { SQLColumn($0) }).from("campaigns")
        if let units = actor.visibleUnits { q = q.where("unit_id", .in, SQLBind.group(Array(units))) }
        let rows = try await q.orderBy("starts_on", .descending).all()
        var counts: [UUID: Int] = [:]
        for r in try await store.sql.raw("SELECT campaign_id, COUNT(*) AS n FROM campaign_cases GROUP BY campaign_id").all() {
            counts[try r.decode(column: "campaign_id", as: UUID.self)] = try r.decode(column: "n", as: Int.self)
        }
        return try rows.map { let d = try Self.decode($0); return Summary(id: d.id, unitID: d.unitID, campaign: d.campaign, cases: counts[d.id] ?? 0) }
    }

    /// One campaign in the actor's scope, or nil.
    public func find(_ id: UUID, actor: Actor) async throws -> (unitID: UUID, campaign: Campaign)? {
        guard let row = try await store.sql.select().columns(Self.columns.map { SQLColumn($0) }).from("campaigns").where("id", .equal, SQLBind(id)).first()
        else { return nil }
        let d = try Self.decode(row)
        return actor.sees(unit: d.unitID) ? (d.unitID, d.campaign) : nil
    }

    /// The registry cases linked to the campaign that the actor may see, by number.
    public func cases(_ id: UUID, actor: Actor) async throws -> [LinkedCase] {
        guard try await find(id, actor: actor) != nil else { throw DomainError.notFound }
        let rows = try await store.sql.select().columns(SQLColumn("id", table: "c"), SQLColumn("number", table: "c"), SQLColumn("title", table: "c"),
                                                        SQLColumn("state", table: "c"), SQLColumn("facts", table: "c"), SQLColumn("unit_id", table: "c"))
            .from(SQLAlias(SQLIdentifier("campaign_cases"), as: SQLIdentifier("k")))
            .join(SQLAlias(SQLIdentifier("cases"), as: SQLIdentifier("c")), on: SQLColumn("case_id", table: "k"), .equal, SQLColumn("id", table: "c"))
            .where(SQLColumn("campaign_id", table: "k"), .equal, SQLBind(id)).orderBy(SQLColumn("number", table: "c")).all()
        return try rows.compactMap { r in
            guard actor.sees(unit: try r.decode(column: "unit_id", as: UUID.self)) else { return nil }
            let text = try r.decode(column: "facts", as: String?.self) ?? "{}"
            guard let facts = try? JSONDecoder().decode(EnforcementFacts.self, from: Data(text.utf8)) else { return nil }
            return LinkedCase(id: try r.decode(column: "id", as: UUID.self), number: try r.decode(column: "number", as: String?.self) ?? "",
                              title: try r.decode(column: "title", as: String.self), state: try r.decode(column: "state", as: String.self), facts: facts)
        }
    }

    /// Opens a campaign in the actor's unit; every fault at once, nothing written on a refusal.
    public func create(_ values: [String: String], actor: Actor, context: AuditContext) async throws -> UUID {
        try actor.require(.enforcementHandle)
        let campaign = try Self.parsed(values)
        let id = UUID()
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "campaigns").columns(Self.columns + ["created_by", "created_at", "updated_at"])
                .values([SQLBind(id), SQLBind(actor.unitID)] + Self.binds(campaign) + [SQLBind(actor.userID), SQLBind(tx.now), SQLBind(tx.now)]).run()
            tx.record("campaign.create", "campaign", id.uuidString, detail: "\(campaign.name)（\(campaign.startsOn.chinese)至\(campaign.endsOn.chinese)）")
        }
        return id
    }

    /// Replaces the campaign's fields and counters, audited with each change.
    public func update(_ id: UUID, _ values: [String: String], actor: Actor, context: AuditContext) async throws {
        try actor.require(.enforcementHandle)
        guard let (_, old) = try await find(id, actor: actor) else { throw DomainError.notFound }
        let campaign = try Self.parsed(values)
        try await store.write(context) { tx in
            var u = tx.sql.update("campaigns")
            for (column, bind) in zip(Self.columns.dropFirst(2), Self.binds(campaign)) { u = u.set(SQLIdentifier(column), to: bind) }
            try await u.set("updated_at", to: SQLBind(tx.now)).where("id", .equal, SQLBind(id)).run()
            var changes: [String: AuditDraft.Change] = [:]
            for f in Campaign.Counters.fields where old.counters[keyPath: f.path] != campaign.counters[keyPath: f.path] {
                changes[f.name] = .init(before: "\(old.counters[keyPath: f.path])", after: "\(campaign.counters[keyPath: f.path])")
            }
            if old.name != campaign.name { changes["name"] = .init(before: old.name, after: campaign.name) }
            tx.record("campaign.update", "campaign", id.uuidString, changes: changes, detail: campaign.name)
        }
    }

    /// Links a registry case in the actor's scope to the campaign (moving it from another, audited).
    public func link(_ id: UUID, caseID: UUID, actor: Actor, context: AuditContext) async throws {
        try actor.require(.enforcementHandle)
        guard let (_, campaign) = try await find(id, actor: actor) else { throw DomainError.notFound }
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor) else {
            throw DomainError.invalid([FieldError(field: "case", rule: "X-05", code: "campaign.case.unknown", messageZH: "案件不存在或不在您的管辖范围内")])
        }
        guard c.caseType == EnforcementProcedure.caseType else {
            throw DomainError.invalid([FieldError(field: "case", rule: "CP-30", code: "campaign.case.not-enforcement", messageZH: "只有行政处罚案件可以归入专项行动")])
        }
        try await store.write(context) { tx in
            try await tx.sql.delete(from: "campaign_cases").where("case_id", .equal, SQLBind(caseID)).run()
            try await tx.sql.insert(into: "campaign_cases").columns("case_id", "campaign_id", "created_at")
                .values(SQLBind(caseID), SQLBind(id), SQLBind(tx.now)).run()
            tx.record("campaign.link", "case", caseID.uuidString, changes: ["campaign": .init(before: nil, after: campaign.name)],
                      detail: "\(c.number ?? c.title)归入专项行动“\(campaign.name)”")
        }
    }

    static func parsed(_ values: [String: String]) throws -> Campaign {
        switch Campaign.parse(values) {
        case let .success(c): return c
        case let .failure(e): throw e
        }
    }

    static func binds(_ c: Campaign) -> [SQLBind] {
        [SQLBind(c.name), SQLBind(c.startsOn.iso), SQLBind(c.endsOn.iso), SQLBind(c.category.rawValue), SQLBind(c.counters.turnouts),
         SQLBind(c.counters.premisesInspected), SQLBind(c.counters.batchesSampled), SQLBind(c.counters.batchesFailed), SQLBind(c.counters.unlicensedClosed)]
    }
}

extension CaseRepository {
    /// The id of a case in the actor's scope named by its number (PLT-17) or its id; nil otherwise.
    public func id(numberOrID text: String, actor: Actor) async throws -> UUID? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var id = UUID(uuidString: t)
        if id == nil, !t.isEmpty {
            id = try await store.sql.select().column("id").from("cases").where("number", .equal, SQLBind(t)).first()?.decode(column: "id", as: UUID.self)
        }
        guard let id, try await find(id, actor: actor) != nil else { return nil }
        return id
    }
}
