import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// An issued (or voided) document of a case (DOC-11): its number, the template version it was made
/// with (DOC-01) and the values that filled it, so it can be rendered again exactly.
public struct DocumentRow: Sendable, Equatable {
    public enum State: String, Sendable { case issued, void }
    public let id: UUID
    public let caseID: UUID
    public let unitID: UUID
    public let templateCode: String
    public let templateVersion: Int
    public let typeWord: String
    public let year: Int
    public let serial: Int?
    public let number: String?
    public let state: State
    public let recipient: String
    public let issuer: String
    public let values: [String: String]
    public let issuedOn: LocalDate?
    public let contentSHA256: String?
    public let voidReason: String?
    /// DOC-23: the first 8 hex digits of the content hash.
    public var verificationCode: String { String((contentSHA256 ?? "").prefix(8)) }
}

/// A service record as stored (DOC-30).
public struct ServiceRow: Sendable, Equatable {
    public let id: UUID
    public let documentID: UUID
    public let method: ServiceMethod
    public let recipient: String
    public let servedOn: LocalDate
    /// DOC-31: the date that starts a clock "from service".
    public let effectiveOn: LocalDate
    public let proof: [String: String]
}

/// A block of pre-printed form numbers (DOC-12) and what became of each form.
public struct ReservedBlockRow: Sendable, Equatable {
    public struct Form: Sendable, Equatable {
        public let serial: Int
        public let number: String
        public let state: String
        public let caseRef: String?
        public let usedOn: LocalDate?
        public let reason: String?
    }
    public let id: UUID
    public let unitID: UUID
    public let typeWord: String
    public let year: Int
    public let first: Int
    public let last: Int
    public let note: String
    public let forms: [Form]
}

/// What the caller supplies to issue a document; the number is the repository's to allocate.
public struct DocumentIssue: Sendable {
    public var templateCode: String
    public var templateVersion: Int
    public var typeWord: String
    public var values: [String: String]
    public var recipient: String
    public var issuer: String
    public var issuedOn: LocalDate

    public init(templateCode: String, templateVersion: Int, typeWord: String, values: [String: String], recipient: String, issuer: String, issuedOn: LocalDate) {
        self.templateCode = templateCode
        self.templateVersion = templateVersion
        self.typeWord = typeWord
        self.values = values
        self.recipient = recipient
        self.issuer = issuer
        self.issuedOn = issuedOn
    }
}

/// Documents, numbers, reserved forms and service (DOC-10…12, DOC-30…31).
///
/// Numbers are allocated inside the write that inserts the document. Every write first locks the
/// audit head (`Store.write`), so allocations are serialised on both databases: no gaps (a failed
/// issue rolls its number back with it) and no duplicates (the unique index on `number` is the
/// backstop).
public struct DocumentRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    static let columns = ["id", "case_id", "unit_id", "template_code", "template_version", "type_word", "year", "serial", "number", "state",
                          "recipient", "issuer", "values", "issued_on", "content_sha256", "void_reason"]

    // MARK: Issue and void

    /// DOC-11: issues a document on a case with the next number of its unit, type word and year.
    /// `contentHash` receives the allocated number and returns the SHA-256 of the document's
    /// canonical text (DOC-23), computed by the caller that knows the template.
    public func issue(caseID: UUID, _ doc: DocumentIssue, actor: Actor, context: AuditContext,
                      contentHash: @escaping @Sendable (String) -> String) async throws -> DocumentRow {
        try actor.require(.caseHandle)
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor) else { throw DomainError.notFound }
        let prefix = try await unitPrefix(c.unitID)
        let series = try DocumentSeries(unitPrefix: prefix, typeWord: doc.typeWord, year: doc.issuedOn.year)
        let id = UUID()
        let values = Self.encode(doc.values)
        return try await store.write(context) { tx in
            let serial = try await Self.allocate(tx, unitID: c.unitID, typeWord: doc.typeWord, year: doc.issuedOn.year, count: 1).lowerBound
            let number = try series.number(serial).formatted
            let hash = contentHash(number)
            try await tx.sql.insert(into: "documents").columns(Self.columns + ["created_at", "created_by"])
                .values(SQLBind(id), SQLBind(caseID), SQLBind(c.unitID), SQLBind(doc.templateCode), SQLBind(doc.templateVersion), SQLBind(doc.typeWord),
                        SQLBind(doc.issuedOn.year), SQLBind(serial), SQLBind(number), SQLBind(DocumentRow.State.issued.rawValue), SQLBind(doc.recipient),
                        SQLBind(doc.issuer), SQLBind(values), SQLBind(doc.issuedOn.iso), SQLBind(hash), SQLLiteral.null,
                        SQLBind(tx.now), SQLBind(context.login ?? "system"))
                .run()
            tx.created("document", id)
            tx.record("document.issue", "case", caseID.uuidString, changes: [
                "number": .init(before: nil, after: number), "template": .init(before: nil, after: "\(doc.templateCode) v\(doc.templateVersion)"),
                "sha256": .init(before: nil, after: hash),
            ], detail: "document \(id.uuidString)")
            return DocumentRow(id: id, caseID: caseID, unitID: c.unitID, templateCode: doc.templateCode, templateVersion: doc.templateVersion,
                               typeWord: doc.typeWord, year: doc.issuedOn.year, serial: serial, number: number, state: .issued, recipient: doc.recipient,
                               issuer: doc.issuer, values: doc.values, issuedOn: doc.issuedOn, contentSHA256: hash, voidReason: nil)
        }
    }

    /// DOC-11: a cancelled document keeps its number, marked 作废 with the reason; the number is
    /// never reused.
    public func void(_ id: UUID, reason: String, actor: Actor, context: AuditContext) async throws -> DocumentRow {
        try actor.require(.caseHandle)
        guard let doc = try await find(id, actor: actor) else { throw DomainError.notFound }
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else {
            throw DomainError.invalid([FieldError(field: "reason", rule: "DOC-11", code: "document.void.reason-required", messageZH: "作废文书须注明理由")])
        }
        guard doc.state == .issued else {
            throw DomainError(.conflict, code: "document.void.already", messageZH: "该文书已作废", ruleID: "DOC-11")
        }
        // MD-40: what was filed stays as filed; a later correction is a record of its own, noted in the 卷内备考表.
        if let filed = try await ArchiveRepository(store: store).archiveRecord(doc.caseID), let issued = doc.issuedOn, issued <= filed.archivedOn {
            throw DomainError.invalid([FieldError(field: "reason", rule: "DOC-42", code: "document.void.archived",
                                                  messageZH: "案件已于\(filed.archivedOn.chinese)立卷归档（\(filed.archiveNumber)），卷内文书不能作废；更正请另行制作文书，记入卷内备考表（MD-40）")])
        }
        try await store.write(context) { tx in
            try await tx.sql.update("documents").set("state", to: SQLBind(DocumentRow.State.void.rawValue)).set("void_reason", to: SQLBind(why))
                .where("id", .equal, SQLBind(id)).where("state", .equal, SQLBind(DocumentRow.State.issued.rawValue)).run()
            tx.record("document.void", "case", doc.caseID.uuidString, changes: [
                "number": .init(before: doc.number, after: doc.number), "state": .init(before: "issued", after: "void"), "reason": .init(before: nil, after: why),
            ], detail: "document \(id.uuidString)")
        }
        guard let voided = try await find(id, actor: actor) else { throw DomainError.notFound }
        return voided
    }

    // MARK: Reading

    public func find(_ id: UUID, actor: Actor) async throws -> DocumentRow? {
        guard let row = try await store.sql.select().columns(Self.columns).from("documents").where("id", .equal, SQLBind(id)).first() else { return nil }
        let doc = try Self.decode(row)
        guard actor.sees(unit: doc.unitID) else { return nil }
        // PLT-05: under `own` scope a document is visible with its case only.
        if actor.ownOnlyUnits.contains(doc.unitID) {
            guard try await CaseRepository(store: store).find(doc.caseID, actor: actor) != nil else { return nil }
        }
        return doc
    }

    /// The documents of a case, in issue order.
    public func documents(ofCase caseID: UUID, actor: Actor) async throws -> [DocumentRow] {
        guard try await CaseRepository(store: store).find(caseID, actor: actor) != nil else { throw DomainError.notFound }
        return try await Self.documents(ofCase: caseID, on: store.sql)
    }

    /// The documents of a case the caller found in the actor's scope (the case page).
    public func documents(of c: CaseRecord) async throws -> [DocumentRow] { try await Self.documents(ofCase: c.id, on: store.sql) }

    /// The case's documents, for a caller that checked the case's scope.
    static func documents(ofCase caseID: UUID, on sql: any SQLDatabase) async throws -> [DocumentRow] {
        try await sql.select().columns(Self.columns).from("documents").where("case_id", .equal, SQLBind(caseID))
            .orderBy("created_at").orderBy("serial").all().map(Self.decode)
    }

    /// The first effective service date of each of these documents that was served (DOC-31), in one read.
    static func firstService(of ids: [UUID], on sql: any SQLDatabase) async throws -> [UUID: LocalDate] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: LocalDate] = [:]
        for r in try await sql.select().columns("document_id", "effective_on").from("service_records").where("document_id", .in, SQLBind.group(ids)).all() {
            guard let on = LocalDate(iso: try r.decode(column: "effective_on", as: String.self)) else { continue }
            let id = try r.decode(column: "document_id", as: UUID.self)
            out[id] = min(out[id] ?? on, on)
        }
        return out
    }

    // MARK: Service (DOC-30, DOC-31)

    /// Records the service of an issued document; every missing proof is named at once (DOC-30).
    public func recordService(_ documentID: UUID, _ input: ServiceRecordInput, actor: Actor, context: AuditContext) async throws -> ServiceRow {
        try actor.require(.caseHandle)
        guard let doc = try await find(documentID, actor: actor) else { throw DomainError.notFound }
        guard doc.state == .issued, let issuedOn = doc.issuedOn else {
            throw DomainError(.conflict, code: "service.document-void", messageZH: "作废的文书不能送达", ruleID: "DOC-30")
        }
        let valid = try input.validate(issuedOn: issuedOn)
        let proof = Self.proof(valid.proof)
        let id = UUID()
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "service_records")
                .columns("id", "document_id", "case_id", "method", "recipient", "served_on", "effective_on", "proof", "created_at", "created_by")
                .values(SQLBind(id), SQLBind(documentID), SQLBind(doc.caseID), SQLBind(valid.method.rawValue), SQLBind(valid.recipient),
                        SQLBind(valid.date.iso), SQLBind(valid.effectiveServiceDate.iso), SQLBind(Self.encode(proof)), SQLBind(tx.now),
                        SQLBind(context.login ?? "system"))
                .run()
            tx.record("document.serve", "case", doc.caseID.uuidString, changes: [
                "number": .init(before: nil, after: doc.number), "method": .init(before: nil, after: valid.method.rawValue),
                "effectiveOn": .init(before: nil, after: valid.effectiveServiceDate.iso),
            ], detail: "document \(documentID.uuidString)")
        }
        return ServiceRow(id: id, documentID: documentID, method: valid.method, recipient: valid.recipient, servedOn: valid.date,
                          effectiveOn: valid.effectiveServiceDate, proof: proof)
    }

    public func serviceRecords(_ documentID: UUID) async throws -> [ServiceRow] {
        try await serviceRecords(ofDocuments: [documentID])[documentID] ?? []
    }

    /// The service records of these documents by document, oldest first, in one read.
    public func serviceRecords(ofDocuments ids: [UUID]) async throws -> [UUID: [ServiceRow]] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(grouping: try await store.sql.select().columns("id", "document_id", "method", "recipient", "served_on", "effective_on", "proof")
            .from("service_records").where("document_id", .in, SQLBind.group(ids)).orderBy("created_at").all().map { r in
                ServiceRow(id: try r.decode(column: "id", as: UUID.self), documentID: try r.decode(column: "document_id", as: UUID.self),
                           method: ServiceMethod(rawValue: try r.decode(column: "method", as: String.self)) ?? .direct,
                           recipient: try r.decode(column: "recipient", as: String.self),
                           servedOn: LocalDate(iso: try r.decode(column: "served_on", as: String.self)) ?? LocalDate(ordinal: 0),
                           effectiveOn: LocalDate(iso: try r.decode(column: "effective_on", as: String.self)) ?? LocalDate(ordinal: 0),
                           proof: Self.decodeMap(try r.decode(column: "proof", as: String.self)))
            }, by: \.documentID)
    }

    /// DOC-31: the service date that may start a clock; refused while the document is unserved.
    public func serviceDate(_ documentID: UUID, actor: Actor) async throws -> LocalDate {
        guard try await find(documentID, actor: actor) != nil else { throw DomainError.notFound }
        guard let first = try await serviceRecords(documentID).map(\.effectiveOn).min() else {
            throw DomainError(.invalid, code: "service.not-served", messageZH: "文书尚未送达，不能起算以送达为起点的期限", ruleID: "DOC-31",
                              fields: [FieldError(field: "service", rule: "DOC-31", code: "service.not-served", messageZH: "文书尚未送达")])
        }
        return first
    }

    // MARK: Reserved blocks (DOC-12)

    /// Reserves the next `count` numbers of a unit's series for pre-printed paper forms.
    public func reserveBlock(unitID: UUID, typeWord: String, year: Int, count: Int, note: String, actor: Actor, context: AuditContext) async throws -> ReservedBlockRow {
        guard actor.can(.templateEdit) || actor.can(.caseAssign) else { throw DomainError.forbidden(Permission.templateEdit.rawValue) }
        guard actor.sees(unit: unitID) else { throw DomainError.notFound }
        guard (1...ReservedBlock.maximumCount).contains(count) else {
            throw DomainError.invalid([FieldError(field: "count", rule: "DOC-12", code: "reserved-block.count", messageZH: "预留号段应为1至\(ReservedBlock.maximumCount)个")])
        }
        let series = try DocumentSeries(unitPrefix: try await unitPrefix(unitID), typeWord: typeWord, year: year)
        let id = UUID()
        let login = context.login ?? "system"
        return try await store.write(context) { tx in
            let range = try await Self.allocate(tx, unitID: unitID, typeWord: typeWord, year: year, count: count)
            let block = try ReservedBlock(series: series, first: range.lowerBound, last: range.upperBound)
            try await tx.sql.insert(into: "reserved_blocks").columns("id", "unit_id", "type_word", "year", "first_serial", "last_serial", "note", "created_at", "created_by")
                .values(SQLBind(id), SQLBind(unitID), SQLBind(typeWord), SQLBind(year), SQLBind(block.first), SQLBind(block.last), SQLBind(note),
                        SQLBind(tx.now), SQLBind(login))
                .run()
            tx.record("numbers.reserve", "unit", unitID.uuidString, changes: [
                "block": .init(before: nil, after: "\(try series.number(block.first).formatted)…\(try series.number(block.last).formatted)"),
            ], detail: note)
            return ReservedBlockRow(id: id, unitID: unitID, typeWord: typeWord, year: year, first: block.first, last: block.last, note: note, forms: [])
        }
    }

    /// DOC-12: records the use of a pre-printed form on a case, or its voiding with a reason.
    public func recordForm(blockID: UUID, serial: Int, caseRef: String?, usedOn: LocalDate?, voidReason: String?,
                           actor: Actor, context: AuditContext) async throws -> ReservedBlockRow {
        try actor.require(.caseHandle)
        guard let block = try await self.block(blockID), actor.sees(unit: block.unitID) else { throw DomainError.notFound }
        let unitID = block.unitID
        let series = try DocumentSeries(unitPrefix: try await unitPrefix(block.unitID), typeWord: block.typeWord, year: block.year)
        let core = try ReservedBlock(series: series, first: block.first, last: block.last)
        let existing = block.forms.first { $0.serial == serial }
        var form = try core.form(serial, use: existing.map(Self.use) ?? .unused)
        if let reason = voidReason { try form.void(reason: reason) } else {
            guard let usedOn else {
                throw DomainError.invalid([FieldError(field: "usedOn", rule: "DOC-12", code: "reserved-form.date-required", messageZH: "请填写使用日期")])
            }
            try form.recordUse(caseRef: caseRef ?? "", on: usedOn)
        }
        let number = form.number.formatted
        let (state, ref, on, why): (String, String?, LocalDate?, String?) = switch form.use {
        case .unused: ("unused", nil, nil, nil)
        case .used(let r, let d): ("used", r, d, nil)
        case .voided(let reason, let r): ("voided", r, existing?.usedOn, reason)
        }
        try await store.write(context) { tx in
            if existing == nil {
                try await tx.sql.insert(into: "reserved_forms").columns("id", "block_id", "serial", "number", "state", "case_ref", "used_on", "reason", "updated_at")
                    .values(SQLBind(UUID()), SQLBind(blockID), SQLBind(serial), SQLBind(number), SQLBind(state), SQLBind(ref), SQLBind(on?.iso), SQLBind(why),
                            SQLBind(tx.now))
                    .run()
            } else {
                try await tx.sql.update("reserved_forms").set("state", to: SQLBind(state)).set("case_ref", to: SQLBind(ref)).set("used_on", to: SQLBind(on?.iso))
                    .set("reason", to: SQLBind(why)).set("updated_at", to: SQLBind(tx.now))
                    .where("block_id", .equal, SQLBind(blockID)).where("serial", .equal, SQLBind(serial)).run()
            }
            tx.record("numbers.form", "unit", unitID.uuidString, changes: [
                "number": .init(before: nil, after: number), "state": .init(before: existing?.state ?? "unused", after: state),
            ], detail: why ?? ref)
        }
        return try await self.block(blockID) ?? block
    }

    public func block(_ id: UUID) async throws -> ReservedBlockRow? {
        guard let b = try await store.sql.select().columns("id", "unit_id", "type_word", "year", "first_serial", "last_serial", "note").from("reserved_blocks")
            .where("id", .equal, SQLBind(id)).first() else { return nil }
        let forms = try await store.sql.select().columns("serial", "number", "state", "case_ref", "used_on", "reason").from("reserved_forms")
            .where("block_id", .equal, SQLBind(id)).orderBy("serial").all().map { r in
                ReservedBlockRow.Form(serial: try r.decode(column: "serial", as: Int.self), number: try r.decode(column: "number", as: String.self),
                                      state: try r.decode(column: "state", as: String.self), caseRef: try r.decode(column: "case_ref", as: String?.self),
                                      usedOn: try r.decode(column: "used_on", as: String?.self).flatMap(LocalDate.init(iso:)),
                                      reason: try r.decode(column: "reason", as: String?.self))
            }
        return ReservedBlockRow(id: try b.decode(column: "id", as: UUID.self), unitID: try b.decode(column: "unit_id", as: UUID.self),
                                typeWord: try b.decode(column: "type_word", as: String.self), year: try b.decode(column: "year", as: Int.self),
                                first: try b.decode(column: "first_serial", as: Int.self), last: try b.decode(column: "last_serial", as: Int.self),
                                note: try b.decode(column: "note", as: String.self), forms: forms)
    }

    // MARK: Helpers

    /// The next `count` serials of a series, in the open write (DOC-11).
    public static func allocate(_ tx: WriteTx, unitID: UUID, typeWord: String, year: Int, count: Int) async throws -> ClosedRange<Int> {
        let row = try await tx.sql.select().columns("id", "last_serial").from("document_sequences").where("unit_id", .equal, SQLBind(unitID))
            .where("type_word", .equal, SQLBind(typeWord)).where("year", .equal, SQLBind(year)).first()
        guard let row else {
            try await tx.sql.insert(into: "document_sequences").columns("id", "unit_id", "type_word", "year", "last_serial")
                .values(SQLBind(UUID()), SQLBind(unitID), SQLBind(typeWord), SQLBind(year), SQLBind(count)).run()
            return 1...count
        }
        let last = try row.decode(column: "last_serial", as: Int.self)
        try await tx.sql.update("document_sequences").set("last_serial", to: SQLBind(last + count))
            .where("id", .equal, SQLBind(try row.decode(column: "id", as: UUID.self))).run()
        return (last + 1)...(last + count)
    }

    func unitPrefix(_ unitID: UUID) async throws -> String {
        let row = try await store.sql.select().columns("number_prefix", "name").from("units").where("id", .equal, SQLBind(unitID)).first()
        guard let prefix = try row?.decode(column: "number_prefix", as: String?.self), !prefix.isEmpty else {
            throw DomainError.invalid([FieldError(field: "unit.numberPrefix", rule: "DOC-10", code: "unit.number-prefix.missing",
                                                  messageZH: "本单位尚未设置文号代字，请系统管理员在“单位”中设置")])
        }
        return prefix
    }

    static func use(_ f: ReservedBlockRow.Form) -> FormUse {
        switch f.state {
        case "used": .used(caseRef: f.caseRef ?? "", on: f.usedOn ?? LocalDate(ordinal: 0))
        case "voided": .voided(reason: f.reason ?? "", caseRef: f.caseRef)
        default: .unused
        }
    }

    static func proof(_ p: ServiceProof) -> [String: String] {
        switch p {
        case .direct(let receipt): ["receiptAttachmentId": receipt]
        case .post(let mail, let on): ["mailNumber": mail, "deliveredOn": on.iso]
        case .electronic(let consent, let date, let on, let time): ["consentAttachmentId": consent, "consentDate": date.iso, "deliveredOn": on.iso, "deliveredTime": time]
        case .leftAtPremises(let note, let witnesses): ["refusalNote": note, "witnesses": witnesses.joined(separator: "、")]
        case .publicNotice(let on, let medium): ["publishedOn": on.iso, "medium": medium]
        }
    }

    public static func encode(_ map: [String: String]) -> String {
        "{" + map.keys.sorted().map { AuditCodec.quote($0) + ":" + AuditCodec.quote(map[$0]!) }.joined(separator: ",") + "}"
    }

    static func decodeMap(_ text: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }

    static func decode(_ row: any SQLRow) throws -> DocumentRow {
        DocumentRow(
            id: try row.decode(column: "id", as: UUID.self), caseID: try row.decode(column: "case_id", as: UUID.self),
            unitID: try row.decode(column: "unit_id", as: UUID.self), templateCode: try row.decode(column: "template_code", as: String.self),
            templateVersion: try row.decode(column: "template_version", as: Int.self), typeWord: try row.decode(column: "type_word", as: String.self),
            year: try row.decode(column: "year", as: Int.self), serial: try row.decode(column: "serial", as: Int?.self),
            number: try row.decode(column: "number", as: String?.self),
            state: DocumentRow.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .issued,
            recipient: try row.decode(column: "recipient", as: String.self), issuer: try row.decode(column: "issuer", as: String.self),
            values: decodeMap(try row.decode(column: "values", as: String.self)),
            issuedOn: try row.decode(column: "issued_on", as: String?.self).flatMap(LocalDate.init(iso:)),
            contentSHA256: try row.decode(column: "content_sha256", as: String?.self), voidReason: try row.decode(column: "void_reason", as: String?.self))
    }
}
