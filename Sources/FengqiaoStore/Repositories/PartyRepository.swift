import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// The outcome of creating a party: new, or the existing record with the same identifier (PLT-12).
public struct PartyCreation: Sendable {
    public let party: PartySummary
    public let created: Bool
}

/// One import row that failed, with its row number as the user sees it in the file.
public struct ImportRowError: Sendable, Equatable {
    public let row: Int
    public let name: String
    public let messages: [String]
}

public struct ImportSummary: Sendable, Equatable {
    public var created = 0
    public var existing = 0
    public var errors: [ImportRowError] = []
    public var total: Int { created + existing + errors.count }
    public init() {}
}

/// Parties (PLT-10…15): identifiers, uniqueness, encryption of personal data, search, history,
/// bulk import. Every read is filtered by the actor's scope in the query itself (PLT-05, X-05).
public struct PartyRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    private var crypto: FieldCrypto { store.crypto }

    // MARK: reading

    /// The party, or nil when it does not exist or lies outside the actor's scope.
    /// Those of these parties in the actor's scope, in one read.
    public func find(_ ids: Set<UUID>, actor: Actor) async throws -> [PartySummary] {
        guard !ids.isEmpty else { return [] }
        var q = PartyModel.query(on: store.db).filter(\.$id ~~ Array(ids))
        if let units = actor.visibleUnits { q = q.filter(\.$unitID ~~ Array(units)) }
        return try await q.all().map(\.summary)
    }

    public func find(_ id: UUID, actor: Actor) async throws -> PartySummary? {
        var q = PartyModel.query(on: store.db).filter(\.$id == id)
        if let units = actor.visibleUnits { q = q.filter(\.$unitID ~~ Array(units)) }
        return try await q.first()?.summary
    }

    /// Personal data in clear, for a user allowed to see it; the reveal itself is audited (PLT-20).
    public func reveal(_ id: UUID, actor: Actor, context: AuditContext) async throws -> (idNumber: String?, phone: String?, address: String?) {
        try actor.require(.personalDataReveal)
        guard try await find(id, actor: actor) != nil, let m = try await PartyModel.find(id, on: store.db) else { throw DomainError.notFound }
        let result = try Self.clear(m, crypto: crypto)
        try await store.write(context) { tx in tx.record("party.personal-data.reveal", "party", id.uuidString) }
        return result
    }

    /// Stored personal data, decrypted for the system's own use (keeping values a form left
    /// blank); not shown to the user, so not a reveal.
    public func storedPersonalData(_ id: UUID, actor: Actor) async throws -> (idNumber: String?, phone: String?, address: String?) {
        guard try await find(id, actor: actor) != nil, let m = try await PartyModel.find(id, on: store.db) else { throw DomainError.notFound }
        return try Self.clear(m, crypto: crypto)
    }

    /// The id of the party with this USCC, for administrators recording a conflict of interest
    /// (PLT-06) who may not read parties themselves (PLT-04); nothing else is disclosed.
    public func idByUSCC(_ raw: String) async throws -> UUID? {
        guard let uscc = try? USCC(raw) else { return nil }
        return try await PartyModel.query(on: store.db).filter(\.$uscc == uscc.value).first()?.id
    }

    public func count(actor: Actor) async throws -> Int {
        var q = PartyModel.query(on: store.db).filter(\.$mergedInto == nil)
        if let units = actor.visibleUnits { q = q.filter(\.$unitID ~~ Array(units)) }
        return try await q.count()
    }

    /// Lists parties, newest first, or those whose name holds every character pair of `query`, or
    /// whose USCC equals it, or whose ID number equals it (matched on its blind index: the number
    /// itself is sealed, PLT-34; the answer carries it masked, X-09).
    public func search(_ query: String?, actor: Actor, limit: Int = 50, offset: Int = 0) async throws -> [PartySummary] {
        var q = PartyModel.query(on: store.db).filter(\.$mergedInto == nil)
        if let units = actor.visibleUnits { q = q.filter(\.$unitID ~~ Array(units)) }
        let text = query?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !text.isEmpty {
            if let uscc = try? USCC(text) {
                q = q.filter(\.$uscc == uscc.value)
            } else if let number = try? IDNumber(text, today: store.clock.todayInBeijing) {
                q = q.filter(\.$idNumberIndex == crypto.blindIndex(number.value))
            } else {
                let terms = SearchTerms.terms(text)
                if terms.isEmpty { return [] }
                let rows = try await store.sql.select().column("party_id").from("party_terms")
                    .where("term", .in, SQLBind.group(terms))
                    .groupBy("party_id")
                    .having(SQLFunction("COUNT", args: SQLDistinct("term")), .equal, SQLBind(terms.count))
                    .limit(5000)
                    .all()
                let ids = try rows.map { try $0.decode(column: "party_id", as: UUID.self) }
                if ids.isEmpty { return [] }
                q = q.filter(\.$id ~~ ids)
            }
        }
        return try await q.sort(\.$createdAt, .descending).sort(\.$name).range(offset..<(offset + limit)).all().map(\.summary)
    }

    /// The party's cases across modules (PLT-13), within the actor's scope; nil when the party
    /// itself is not visible, so the caller answers 404 (PLT-05).
    public func history(_ id: UUID, actor: Actor) async throws -> [PartyHistoryEntry]? {
        guard try await find(id, actor: actor) != nil else { return nil }
        // The histories of records merged into this one belong to it too (PLT-12).
        let merged = try await PartyModel.query(on: store.db).filter(\.$mergedInto == id).all().compactMap(\.id)
        var q = store.sql.select().columns("case_id", "case_number", "module", "state", "opened_on", "unit_id")
            .from("party_case_links").where("party_id", .in, SQLBind.group([id] + merged))
        // X-05, PLT-05: only the cases in scope (`own`: those the actor is involved in).
        guard let scoped = CaseScope.filter(q, actor: actor, caseID: "case_id", handlerID: nil) else { return [] }
        q = scoped
        return try await q.orderBy("opened_on", .descending).all().map { row in
            PartyHistoryEntry(caseID: try row.decode(column: "case_id", as: UUID.self), caseNumber: try row.decode(column: "case_number", as: String.self),
                              module: try row.decode(column: "module", as: String.self), state: try row.decode(column: "state", as: String.self),
                              openedOn: LocalDate(iso: try row.decode(column: "opened_on", as: String.self)) ?? LocalDate(ordinal: 0),
                              unitID: try row.decode(column: "unit_id", as: UUID.self))
        }
    }

    // MARK: writing

    /// Creates a party, or returns the existing one with the same USCC / ID number (PLT-12).
    public func create(_ input: PartyInput, unitID: UUID, actor: Actor, context: AuditContext) async throws -> PartyCreation {
        try actor.require(.partyWrite)
        guard actor.sees(unit: unitID) else { throw DomainError.notFound }
        let valid = try PartyRules.validate(input, today: store.clock.todayInBeijing).get()
        if let existing = try await existing(valid) {
            // The existing record is returned only to those who may see it.
            guard actor.sees(unit: existing.unitID) else {
                throw DomainError(.conflict, code: "party.exists-elsewhere", messageZH: "该当事人已由其他单位登记", ruleID: "PLT-12")
            }
            return PartyCreation(party: existing.summary, created: false)
        }
        let crypto = self.crypto
        let summary = try await store.write(context) { tx in
            let m = PartyModel()
            m.id = UUID()
            Self.fill(m, from: valid, crypto: crypto)
            m.unitID = unitID
            m.version = 1
            m.createdAt = tx.now
            m.updatedAt = tx.now
            try await m.create(on: tx.db)
            try await Self.insertTerms([(m.id!, valid.name)], on: tx.sql)
            tx.record("party.create", "party", m.id!.uuidString, changes: Self.auditFields(before: nil, after: m))
            return m.summary
        }
        return PartyCreation(party: summary, created: true)
    }

    /// Edits a party based on the version the user saw; a stale version is refused (PLT-53).
    public func update(_ id: UUID, _ input: PartyInput, expectedVersion: Int, actor: Actor, context: AuditContext) async throws -> PartySummary {
        try actor.require(.partyWrite)
        guard try await find(id, actor: actor) != nil else { throw DomainError.notFound }
        let valid = try PartyRules.validate(input, today: store.clock.todayInBeijing).get()
        if let other = try await existing(valid), other.id != id {
            throw DomainError.invalid([FieldError(field: valid.uscc != nil ? "uscc" : "idNumber", rule: "PLT-12", code: "party.duplicate",
                                                  messageZH: "已有相同统一社会信用代码或身份证号码的当事人：\(other.name)")])
        }
        let crypto = self.crypto
        return try await store.write(context) { tx in
            guard let m = try await PartyModel.find(id, on: tx.db) else { throw DomainError.notFound }
            guard m.version == expectedVersion else { throw DomainError.staleVersion(current: m.version) }
            let before = Self.auditFields(before: nil, after: m).mapValues(\.after)
            let oldName = m.name
            Self.fill(m, from: valid, crypto: crypto)
            m.version += 1
            m.updatedAt = tx.now
            // Guarded update: a concurrent writer that got here first makes this match nothing.
            let updated = try await tx.sql.update("parties")
                .set("kind", to: SQLBind(m.kind)).set("name", to: SQLBind(m.name)).set("uscc", to: SQLBind(m.uscc))
                .set("id_number_cipher", to: SQLBind(m.idNumberCipher)).set("id_number_index", to: SQLBind(m.idNumberIndex))
                .set("id_number_masked", to: SQLBind(m.idNumberMasked)).set("person_key", to: SQLBind(m.personKey))
                .set("representative", to: SQLBind(m.representative))
                .set("phone_cipher", to: SQLBind(m.phoneCipher)).set("phone_masked", to: SQLBind(m.phoneMasked))
                .set("address_cipher", to: SQLBind(m.addressCipher)).set("address_masked", to: SQLBind(m.addressMasked))
                .set("industry", to: SQLBind(m.industry)).set("licence_term_end", to: SQLBind(m.licenceTermEnd))
                .set("identity_unverified", to: SQLBind(m.identityUnverified)).set("version", to: SQLBind(m.version))
                .set("updated_at", to: SQLBind(m.updatedAt))
                .where("id", .equal, SQLBind(id)).where("version", .equal, SQLBind(expectedVersion))
                .returning("version").all()
            guard !updated.isEmpty else { throw DomainError.staleVersion(current: expectedVersion + 1) }
            if oldName != m.name {
                try await tx.sql.delete(from: "party_terms").where("party_id", .equal, SQLBind(id)).run()
                try await Self.insertTerms([(id, m.name)], on: tx.sql)
            }
            var changes: [String: AuditDraft.Change] = [:]
            for (k, after) in Self.auditFields(before: nil, after: m) where before[k] != after.after && k != "version" {
                changes[k] = .init(before: before[k] ?? nil, after: after.after)
            }
            changes["version"] = .init(before: String(expectedVersion), after: String(m.version))
            tx.record("party.update", "party", id.uuidString, changes: changes)
            return m.summary
        }
    }

    /// Merges a duplicate record into the one kept (PLT-12): nothing is deleted; the duplicate
    /// is marked as merged, hidden from lists, and its history shows under the kept record. Both
    /// must be visible to the actor; the merge is audited on both records.
    public func merge(keep keepID: UUID, duplicate dupID: UUID, actor: Actor, context: AuditContext) async throws {
        try actor.require(.partyWrite)
        guard keepID != dupID else {
            throw DomainError.invalid([FieldError(field: "duplicate", rule: "PLT-12", code: "party.merge.self", messageZH: "不能与自身合并")])
        }
        guard let keep = try await find(keepID, actor: actor), let dup = try await find(dupID, actor: actor) else { throw DomainError.notFound }
        var errors: [FieldError] = []
        if let a = keep.uscc, let b = dup.uscc, a != b {
            errors.append(FieldError(field: "duplicate", rule: "PLT-12", code: "party.merge.different-uscc", messageZH: "两条记录的统一社会信用代码不同，不是同一当事人"))
        }
        if keep.kind != dup.kind {
            errors.append(FieldError(field: "duplicate", rule: "PLT-12", code: "party.merge.different-kind", messageZH: "两条记录的类型不同，不能合并"))
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        try await store.write(context) { tx in
            guard let d = try await PartyModel.find(dupID, on: tx.db), d.mergedInto == nil else {
                throw DomainError(.conflict, code: "party.merge.already", messageZH: "该记录已被合并", ruleID: "PLT-12")
            }
            // Records merged into the duplicate follow it.
            try await PartyModel.query(on: tx.db).filter(\.$mergedInto == dupID).set(\.$mergedInto, to: keepID).update()
            d.mergedInto = keepID
            d.version += 1
            d.updatedAt = tx.now
            try await d.update(on: tx.db)
            tx.record("party.merge", "party", keepID.uuidString, changes: ["merged": .init(before: nil, after: dupID.uuidString)],
                      detail: "kept \(keep.name), merged \(dup.name)")
            tx.record("party.merged-into", "party", dupID.uuidString, changes: ["mergedInto": .init(before: nil, after: keepID.uuidString)])
        }
    }

    /// Bulk import (PLT-14): rows validated one by one, bad rows reported with their row number
    /// without stopping, existing parties (by USCC or ID number) left as they are, so importing the
    /// same file twice creates nothing new. Work goes in chunks, each one transaction; `progress`
    /// is called after each chunk with the rows done so far.
    ///
    /// The CPU-bound work of a chunk — validation, blind indexes, sealing personal data, masking,
    /// search terms, audit drafts — runs on every core before its transaction; the transaction
    /// only re-checks which parties exist and writes.
    public func importRows(_ rows: [(row: Int, input: PartyInput)], unitID: UUID, actor: Actor, context: AuditContext,
                           chunkSize: Int = 5000, progress: @Sendable (Int) -> Void = { _ in }) async throws -> ImportSummary {
        try actor.require(.partyImport)
        guard actor.sees(unit: unitID) else { throw DomainError.notFound }
        let today = store.clock.todayInBeijing
        var summary = ImportSummary()
        var seenKeys = Set<ValidParty.NaturalKey>()
        var done = 0
        let inputs = rows.map { ImportInput(row: $0.row, input: $0.input) }
        let starts = Array(stride(from: 0, to: inputs.count, by: chunkSize))
        /// Validates a chunk (every bad row reported, repeats within the file counted as existing)
        /// and prepares its new parties.
        func prepareChunk(_ start: Int) async throws -> PreparedChunk {
            let chunk = Array(inputs[start..<min(start + chunkSize, inputs.count)])
            let results = await BulkWork.map(chunk) { slice in slice.map { PartyRules.validate($0.input, today: today) } }
            var valid: [ValidParty] = []
            valid.reserveCapacity(chunk.count)
            for (r, result) in zip(chunk, results) {
                switch result {
                case .success(let p):
                    if let key = p.naturalKey, !seenKeys.insert(key).inserted {
                        summary.existing += 1  // repeated within the file: the first row stands
                    } else {
                        valid.append(p)
                    }
                case .failure(let e):
                    summary.errors.append(ImportRowError(row: r.row, name: r.input.name, messages: e.fields.map { "\($0.messageZH)（\($0.rule)）" }))
                }
            }
            return try await prepare(valid, unitID: unitID, rows: chunk.count)
        }
        // A pipeline of two: while one chunk is written (the database's thread), the next is
        // validated and prepared on the other cores. A chunk's rows are never in an earlier chunk
        // (repeats are dropped above), and each transaction checks again for stored parties.
        var next: PreparedChunk? = starts.isEmpty ? nil : try await prepareChunk(starts[0])
        var k = 0
        while let current = next {
            async let written = write(current, context: context)
            k += 1
            next = k < starts.count ? try await prepareChunk(starts[k]) : nil
            let created = try await written
            summary.created += created
            summary.existing += current.candidates - created
            done += current.rows
            progress(done)
        }
        if summary.errors.count > 0 || summary.created > 0 {
            try await store.write(context) { [summary] tx in
                tx.record("party.import", "party", nil, detail: "created=\(summary.created) existing=\(summary.existing) failed=\(summary.errors.count)")
            }
        }
        return summary
    }

    /// One row of an import file, as a `Sendable` value for the preparation tasks.
    struct ImportInput: Sendable {
        let row: Int
        let input: PartyInput
    }

    /// A party ready to insert: its row, search terms and creation event, built outside the
    /// transaction.
    struct PreparedParty: Sendable {
        let uscc: String?
        let personKey: String?
        let id: UUID
        let idText: String
        let row: [BulkValue]
        let terms: [String]
        let event: AuditDraft
    }

    /// A chunk ready to write: its new parties, and how many rows and valid parties it had.
    struct PreparedChunk: Sendable {
        let parties: [PreparedParty]
        /// Valid parties not repeated within the file, stored or not.
        let candidates: Int
        /// Rows of the file in the chunk, for progress.
        let rows: Int
    }

    /// Seals, masks, indexes and drafts the events for the parties not already stored, outside
    /// any transaction and on every core.
    private func prepare(_ parties: [ValidParty], unitID: UUID, rows: Int) async throws -> PreparedChunk {
        guard !parties.isEmpty else { return PreparedChunk(parties: [], candidates: 0, rows: rows) }
        let crypto = self.crypto
        // Blind indexes first: a natural person is known by the index of their ID number.
        let indexes = await BulkWork.map(parties) { slice in slice.map { p in p.idNumber.map(crypto.blindIndex) } }
        // Parties already stored are skipped before any sealing; the transaction checks again, so
        // a party stored meanwhile by another writer is still found there.
        let known = try await Self.knownKeys(parties: parties, indexes: indexes, on: store.sql)
        var fresh: [(party: ValidParty, index: String?)] = []
        fresh.reserveCapacity(parties.count)
        for (p, i) in zip(parties, indexes) where !Self.isKnown(p, index: i, in: known) { fresh.append((p, i)) }
        let ids = BulkWork.orderedUUIDs(fresh.count, millis: store.clock.nowMillis)
        let work = zip(fresh, ids).map { PrepareItem(party: $0.0.party, index: $0.0.index, id: $0.1) }
        let prepared = await BulkWork.map(work) { slice in
            slice.map { w in
                let c = Columns(w.party, index: w.index, crypto: crypto)
                let idText = w.id.uuidString
                return PreparedParty(uscc: w.party.uscc, personKey: c.personKey, id: w.id, idText: idText,
                                     row: c.row(id: w.id, unitID: unitID, now: 0), terms: SearchTerms.terms(w.party.name),
                                     event: AuditDraft(action: "party.create", objectType: "party", objectID: idText,
                                                       changes: ["name": .init(before: nil, after: w.party.name), "uscc": .init(before: nil, after: w.party.uscc)],
                                                       detail: "import"))
            }
        }
        return PreparedChunk(parties: prepared, candidates: parties.count, rows: rows)
    }

    /// Inserts the prepared parties still not stored, in one transaction, with their terms and
    /// events (PLT-20: one per party, in the same transaction). Returns how many were created.
    private func write(_ chunk: PreparedChunk, context: AuditContext) async throws -> Int {
        let prepared = chunk.parties
        if prepared.isEmpty { return 0 }
        return try await store.write(context) { tx in
            let stillKnown = try await Self.knownKeys(usccs: prepared.compactMap(\.uscc), personKeys: prepared.compactMap(\.personKey), on: tx.sql)
            let now = tx.now
            var rows: [[BulkValue]] = []
            rows.reserveCapacity(prepared.count)
            var terms: [(id: BulkValue, term: String)] = []
            terms.reserveCapacity(prepared.count * 10)
            var events: [AuditDraft] = []
            events.reserveCapacity(prepared.count)
            for p in prepared {
                if let u = p.uscc, stillKnown.contains(u) { continue }
                if let k = p.personKey, stillKnown.contains("id:" + k) { continue }
                var row = p.row
                // created_at and updated_at: the transaction's time.
                row[row.count - 2] = .int(now)
                row[row.count - 1] = .int(now)
                rows.append(row)
                let id = BulkValue.uuidText(p.id, p.idText)
                for t in p.terms { terms.append((id, t)) }
                events.append(p.event)
            }
            try await SQLSupport.bulkInsert(tx.sql, into: "parties", columns: Self.bulkColumns, rows: rows)
            try await Self.insertTermRows(terms, on: tx.sql)
            tx.record(contentsOf: events)
            return rows.count
        }
    }

    private struct PrepareItem: Sendable {
        let party: ValidParty
        let index: String?
        let id: UUID
    }

    /// The stored parties among these, as USCCs and `id:`-prefixed person keys.
    private static func knownKeys(parties: [ValidParty], indexes: [String?], on sql: any SQLDatabase) async throws -> Set<String> {
        var usccs: [String] = []
        var personKeys: [String] = []
        for (p, i) in zip(parties, indexes) {
            if let u = p.uscc { usccs.append(u) } else if p.kind == .person, let i { personKeys.append(i) }
        }
        return try await knownKeys(usccs: usccs, personKeys: personKeys, on: sql)
    }

    private static func knownKeys(usccs: [String], personKeys: [String], on sql: any SQLDatabase) async throws -> Set<String> {
        var known = Set<String>()
        for part in stride(from: 0, to: usccs.count, by: 1000) {
            let slice = Array(usccs[part..<min(part + 1000, usccs.count)])
            for row in try await sql.select().column("uscc").from("parties").where("uscc", .in, SQLBind.group(slice)).all() {
                known.insert(try row.decode(column: "uscc", as: String.self))
            }
        }
        for part in stride(from: 0, to: personKeys.count, by: 1000) {
            let slice = Array(personKeys[part..<min(part + 1000, personKeys.count)])
            for row in try await sql.select().column("person_key").from("parties").where("person_key", .in, SQLBind.group(slice)).all() {
                known.insert("id:" + (try row.decode(column: "person_key", as: String.self)))
            }
        }
        return known
    }

    private static func isKnown(_ p: ValidParty, index: String?, in known: Set<String>) -> Bool {
        if let u = p.uscc { return known.contains(u) }
        if p.kind == .person, let i = index { return known.contains("id:" + i) }
        return false
    }

    /// Re-seals personal data written under an older key or cipher with the current one (PLT-34
    /// rotation without downtime: readers keep working throughout, since every key is still in the
    /// ring). Returns the number of parties re-sealed.
    public func resealAll(context: AuditContext, pageSize: Int = 1000, progress: @Sendable (Int) -> Void = { _ in }) async throws -> Int {
        let crypto = self.crypto
        var total = 0
        var after = ""
        while true {
            let page = try await PartyModel.query(on: store.db).filter(\.$id > (UUID(uuidString: after) ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))))
                .sort(\.$id).limit(pageSize).all()
            guard let last = page.last else { break }
            after = last.id!.uuidString
            let stale = page.filter { m in [m.idNumberCipher, m.phoneCipher, m.addressCipher].contains { $0.map(crypto.needsReseal) ?? false } }
            if stale.isEmpty { continue }
            let count = try await store.write(context) { tx in
                for m in stale {
                    func reseal(_ v: String?) throws -> String? { try v.map { crypto.needsReseal($0) ? crypto.seal(try crypto.open($0)) : $0 } }
                    try await tx.sql.update("parties")
                        .set("id_number_cipher", to: SQLBind(try reseal(m.idNumberCipher))).set("phone_cipher", to: SQLBind(try reseal(m.phoneCipher)))
                        .set("address_cipher", to: SQLBind(try reseal(m.addressCipher)))
                        .where("id", .equal, SQLBind(m.id!)).run()
                }
                tx.record("party.reseal", "party", nil, detail: "key=\(crypto.current.id) parties=\(stale.count)")
                return stale.count
            }
            total += count
            progress(total)
        }
        return total
    }

    // MARK: helpers

    /// The personal data in clear: sealed fields opened, an organisation's contact details as stored.
    static func clear(_ m: PartyModel, crypto: FieldCrypto) throws -> (idNumber: String?, phone: String?, address: String?) {
        (try m.idNumberCipher.map { try crypto.open($0) },
         try m.phoneCipher.map { try crypto.open($0) } ?? (m.phoneCipher == nil && m.kind != PartyKind.person.rawValue && m.kind != PartyKind.individualBusiness.rawValue ? m.phoneMasked : nil),
         try m.addressCipher.map { try crypto.open($0) } ?? (m.addressCipher == nil && m.kind != PartyKind.person.rawValue && m.kind != PartyKind.individualBusiness.rawValue ? m.addressMasked : nil))
    }

    private func existing(_ p: ValidParty) async throws -> PartyModel? {
        var found: PartyModel?
        if let u = p.uscc {
            found = try await PartyModel.query(on: store.db).filter(\.$uscc == u).first()
        } else if let i = p.idNumber, p.kind == .person {
            found = try await PartyModel.query(on: store.db).filter(\.$personKey == crypto.blindIndex(i)).first()
        }
        // A merged record answers with the record it was merged into (PLT-12).
        if let target = found?.mergedInto { return try await PartyModel.find(target, on: store.db) }
        return found
    }

    /// The stored columns of a validated party, sealing personal data (PLT-34, X-09): ID numbers
    /// always, phones and addresses of natural persons and individual businesses (whose operator is a
    /// person). An organisation's registered address and phone are public register data, kept in
    /// clear in the display column only. A plain value, so bulk imports avoid building models.
    struct Columns {
        var kind: String
        var name: String
        var uscc: String?
        var idNumberCipher: String?
        var idNumberIndex: String?
        var idNumberMasked: String?
        var personKey: String?
        var representative: String?
        var phoneCipher: String?
        var phoneMasked: String?
        var addressCipher: String?
        var addressMasked: String?
        var industry: String?
        var licenceTermEnd: String?
        var identityUnverified: Bool

        init(_ p: ValidParty, crypto: FieldCrypto) {
            self.init(p, index: p.idNumber.map(crypto.blindIndex), crypto: crypto)
        }

        /// - Parameter index: the blind index of `p.idNumber`, when the caller has it already.
        init(_ p: ValidParty, index: String?, crypto: FieldCrypto) {
            let personal = p.kind == .person || p.kind == .individualBusiness
            kind = p.kind.rawValue
            name = p.name
            uscc = p.uscc
            idNumberCipher = p.idNumber.map(crypto.seal)
            idNumberIndex = p.idNumber == nil ? nil : index
            idNumberMasked = p.idNumber.map(Masking.idNumber)
            personKey = p.kind == .person && p.uscc == nil ? idNumberIndex : nil
            representative = p.representative
            phoneCipher = personal ? p.phone.map(crypto.seal) : nil
            phoneMasked = p.phone.map { personal ? Masking.phone($0) : $0 }
            addressCipher = personal ? p.address.map(crypto.seal) : nil
            addressMasked = p.address.map { personal ? Masking.address($0) : $0 }
            industry = p.industry
            licenceTermEnd = p.licenceTermEnd?.iso
            identityUnverified = p.identityUnverified
        }

        /// The bulk-insert row, in `PartyRepository.bulkColumns` order.
        func row(id: UUID, unitID: UUID, now: Int64) -> [BulkValue] {
            [.uuid(id), .text(kind), .text(name), .optionalText(uscc), .optionalText(idNumberCipher), .optionalText(idNumberIndex),
             .optionalText(idNumberMasked), .optionalText(personKey), .optionalText(representative), .optionalText(phoneCipher),
             .optionalText(phoneMasked), .optionalText(addressCipher), .optionalText(addressMasked), .optionalText(industry),
             .optionalText(licenceTermEnd), .uuid(unitID), .bool(identityUnverified), .int(1), .int(now), .int(now)]
        }
    }

    static let bulkColumns = ["id", "kind", "name", "uscc", "id_number_cipher", "id_number_index", "id_number_masked", "person_key", "representative",
                              "phone_cipher", "phone_masked", "address_cipher", "address_masked", "industry", "licence_term_end", "unit_id",
                              "identity_unverified", "version", "created_at", "updated_at"]

    static func fill(_ m: PartyModel, from p: ValidParty, crypto: FieldCrypto) {
        let c = Columns(p, crypto: crypto)
        m.kind = c.kind
        m.name = c.name
        m.uscc = c.uscc
        m.idNumberCipher = c.idNumberCipher
        m.idNumberIndex = c.idNumberIndex
        m.idNumberMasked = c.idNumberMasked
        m.personKey = c.personKey
        m.representative = c.representative
        m.phoneCipher = c.phoneCipher
        m.phoneMasked = c.phoneMasked
        m.addressCipher = c.addressCipher
        m.addressMasked = c.addressMasked
        m.industry = c.industry
        m.licenceTermEnd = c.licenceTermEnd
        m.identityUnverified = c.identityUnverified
    }

    /// Field values as the audit trail records them: personal data masked, never in clear.
    static func auditFields(before: PartyModel?, after m: PartyModel) -> [String: AuditDraft.Change] {
        let values: [String: String?] = [
            "kind": m.kind, "name": m.name, "uscc": m.uscc, "idNumber": m.idNumberMasked, "representative": m.representative,
            "phone": m.phoneMasked, "address": m.addressMasked, "industry": m.industry, "licenceTermEnd": m.licenceTermEnd,
            "version": String(m.version),
        ]
        return values.mapValues { AuditDraft.Change(before: nil, after: $0) }
    }

    static func insertTerms(_ items: [(UUID, String)], on sql: any SQLDatabase) async throws {
        var rows: [(id: BulkValue, term: String)] = []
        rows.reserveCapacity(items.count * 8)
        for (id, name) in items {
            for t in SearchTerms.terms(name) { rows.append((.uuid(id), t)) }
        }
        try await insertTermRows(rows, on: sql)
    }

    /// Inserts search-term rows in the order of the `(term, party_id)` index (the bytes of the
    /// term, then the id), so the index is written page after page rather than at random.
    static func insertTermRows(_ items: [(id: BulkValue, term: String)], on sql: any SQLDatabase) async throws {
        guard !items.isEmpty else { return }
        // A term is two scalars, at most 8 UTF-8 bytes and never NUL: packed big-endian and
        // zero-padded, integer order is the bytes' order. Ties keep the ids' ascending order.
        var keyed: [(key: UInt64, at: Int)] = []
        keyed.reserveCapacity(items.count)
        var sortable = true
        for (i, item) in items.enumerated() {
            var t = item.term
            let key: UInt64? = t.withUTF8 { u in
                guard u.count <= 8 else { return nil }
                var k: UInt64 = 0
                for (j, b) in u.enumerated() { k |= UInt64(b) << (56 - 8 * UInt64(j)) }
                return k
            }
            guard let key else { sortable = false; break }
            keyed.append((key, i))
        }
        var rows: [[BulkValue]] = []
        rows.reserveCapacity(items.count)
        if sortable {
            keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.at < $1.at }
            for k in keyed { rows.append([items[k.at].id, .text(items[k.at].term)]) }
        } else {
            for item in items { rows.append([item.id, .text(item.term)]) }
        }
        try await SQLSupport.bulkInsert(sql, into: "party_terms", columns: ["party_id", "term"], rows: rows)
    }
}
