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
    /// whose USCC equals it.
    public func search(_ query: String?, actor: Actor, limit: Int = 50, offset: Int = 0) async throws -> [PartySummary] {
        var q = PartyModel.query(on: store.db).filter(\.$mergedInto == nil)
        if let units = actor.visibleUnits { q = q.filter(\.$unitID ~~ Array(units)) }
        let text = query?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !text.isEmpty {
            if let uscc = try? USCC(text) {
                q = q.filter(\.$uscc == uscc.value)
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
        if let units = actor.visibleUnits { q = q.where("unit_id", .in, SQLBind.group(Array(units))) }
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
    public func importRows(_ rows: [(row: Int, input: PartyInput)], unitID: UUID, actor: Actor, context: AuditContext,
                           chunkSize: Int = 5000, progress: @Sendable (Int) -> Void = { _ in }) async throws -> ImportSummary {
        try actor.require(.partyImport)
        guard actor.sees(unit: unitID) else { throw DomainError.notFound }
        let today = store.clock.todayInBeijing
        var summary = ImportSummary()
        var seenKeys = Set<ValidParty.NaturalKey>()
        var done = 0
        for start in stride(from: 0, to: rows.count, by: chunkSize) {
            let chunk = rows[start..<min(start + chunkSize, rows.count)]
            var valid: [(row: Int, party: ValidParty)] = []
            valid.reserveCapacity(chunk.count)
            for r in chunk {
                switch PartyRules.validate(r.input, today: today) {
                case .success(let p):
                    if let key = p.naturalKey, !seenKeys.insert(key).inserted {
                        summary.existing += 1  // repeated within the file: the first row stands
                    } else {
                        valid.append((r.row, p))
                    }
                case .failure(let e):
                    summary.errors.append(ImportRowError(row: r.row, name: r.input.name, messages: e.fields.map { "\($0.messageZH)（\($0.rule)）" }))
                }
            }
            let (created, existing) = try await insertNew(valid.map(\.party), unitID: unitID, context: context)
            summary.created += created
            summary.existing += existing
            done += chunk.count
            progress(done)
        }
        if summary.errors.count > 0 || summary.created > 0 {
            try await store.write(context) { [summary] tx in
                tx.record("party.import", "party", nil, detail: "created=\(summary.created) existing=\(summary.existing) failed=\(summary.errors.count)")
            }
        }
        return summary
    }

    /// Inserts the parties not already stored, in one transaction, with their terms and events.
    private func insertNew(_ parties: [ValidParty], unitID: UUID, context: AuditContext) async throws -> (created: Int, existing: Int) {
        guard !parties.isEmpty else { return (0, 0) }
        let crypto = self.crypto
        return try await store.write(context) { tx in
            let usccs = parties.compactMap(\.uscc)
            let indexes = parties.compactMap { $0.uscc == nil && $0.kind == .person ? $0.idNumber.map(crypto.blindIndex) : nil }
            var known = Set<String>()
            for part in stride(from: 0, to: usccs.count, by: 1000) {
                let slice = Array(usccs[part..<min(part + 1000, usccs.count)])
                for row in try await tx.sql.select().column("uscc").from("parties").where("uscc", .in, SQLBind.group(slice)).all() {
                    known.insert(try row.decode(column: "uscc", as: String.self))
                }
            }
            for part in stride(from: 0, to: indexes.count, by: 1000) {
                let slice = Array(indexes[part..<min(part + 1000, indexes.count)])
                for row in try await tx.sql.select().column("person_key").from("parties").where("person_key", .in, SQLBind.group(slice)).all() {
                    known.insert("id:" + (try row.decode(column: "person_key", as: String.self)))
                }
            }
            var rows: [[BulkValue]] = []
            var terms: [(UUID, String)] = []
            let now = tx.now
            rows.reserveCapacity(parties.count)
            for p in parties {
                if let u = p.uscc, known.contains(u) { continue }
                let c = Columns(p, crypto: crypto)
                if let k = c.personKey, known.contains("id:" + k) { continue }
                let id = UUID()
                rows.append(c.row(id: id, unitID: unitID, now: now))
                terms.append((id, p.name))
                tx.record("party.create", "party", id.uuidString, changes: ["name": .init(before: nil, after: p.name), "uscc": .init(before: nil, after: p.uscc)],
                          detail: "import")
            }
            try await SQLSupport.bulkInsert(tx.sql, into: "parties", columns: Self.bulkColumns, rows: rows)
            try await Self.insertTerms(terms, on: tx.sql)
            return (rows.count, parties.count - rows.count)
        }
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
            let personal = p.kind == .person || p.kind == .individualBusiness
            kind = p.kind.rawValue
            name = p.name
            uscc = p.uscc
            idNumberCipher = p.idNumber.map(crypto.seal)
            idNumberIndex = p.idNumber.map(crypto.blindIndex)
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
        var rows: [[BulkValue]] = []
        rows.reserveCapacity(items.count * 8)
        for (id, name) in items {
            for t in SearchTerms.terms(name) { rows.append([.uuid(id), .text(t)]) }
        }
        try await SQLSupport.bulkInsert(sql, into: "party_terms", columns: ["party_id", "term"], rows: rows)
    }
}
