import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// A case published to the typical-case library or the public site (DOC-60), as stored: masked.
public struct PublicationRow: Sendable, Equatable {
    public let id: UUID
    public let caseID: UUID
    public let title: String
    public let text: String
    public let channel: String
    public let reviewer: String
    public let publishedAt: Int64
}

/// DOC-60: a closed case is published with the personal data of its parties masked (persons as
/// 张某, ID and phone numbers, addresses below the district) once a reviewer confirms the masked
/// text. The text typed by the officer is never stored; only the masked one is.
public struct PublicationRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    public static let channels = ["library", "public"]

    /// The masker for a case: its linked parties' persons (with their decrypted identifiers) and
    /// organisations (whose names stay).
    public func masker(for caseID: UUID, actor: Actor) async throws -> PublicationMasker {
        guard try await CaseRepository(store: store).find(caseID, actor: actor) != nil else { throw DomainError.notFound }
        let ids = try await store.sql.select().column("party_id").from("party_case_links").where("case_id", .equal, SQLBind(caseID)).all()
            .map { try $0.decode(column: "party_id", as: UUID.self) }
        let parties = PartyRepository(store: store)
        var persons: [PublicationMasker.Person] = []
        var organisations: [String] = []
        for id in ids {
            guard let p = try await parties.find(id, actor: actor) else { continue }
            if p.kind == .person {
                let clear = try await parties.storedPersonalData(id, actor: actor)
                persons.append(.init(name: p.name, idNumbers: clear.idNumber.map { [$0] } ?? [], phones: clear.phone.map { [$0] } ?? [],
                                     addresses: clear.address.map { [$0] } ?? []))
            } else {
                organisations.append(p.name)
                if let rep = p.representative, !rep.isEmpty { persons.append(.init(name: rep)) }
            }
        }
        return PublicationMasker(persons: persons, organisations: organisations)
    }

    /// The masked text and anything the scanner still finds, for the reviewer's screen.
    public func preview(_ caseID: UUID, text: String, actor: Actor) async throws -> (masked: String, leaks: [PublicationMasker.Leak]) {
        try actor.require(.legalReview)
        let masker = try await masker(for: caseID, actor: actor)
        let masked = masker.mask(text: text)
        return (masked, masker.check(text: masked))
    }

    /// Publishes after the reviewer confirmed the masked text; refused for an open case, without
    /// confirmation, or if any identifier remains.
    public func publish(_ caseID: UUID, title: String, text: String, channel: String, confirmed: Bool, actor: Actor, context: AuditContext) async throws -> PublicationRow {
        try actor.require(.legalReview)
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor) else { throw DomainError.notFound }
        var fields: [FieldError] = []
        if c.closedOn == nil { fields.append(FieldError(field: "case", rule: "DOC-60", code: "publication.case-open", messageZH: "只有已结案的案件可以发布")) }
        if !confirmed { fields.append(FieldError(field: "confirmed", rule: "DOC-60", code: "publication.unconfirmed", messageZH: "请审核人确认脱敏后的文本")) }
        if !Self.channels.contains(channel) {
            fields.append(FieldError(field: "channel", rule: "DOC-60", code: "publication.channel", messageZH: "发布渠道应为 library（案例库）或 public（公开网站）"))
        }
        let masker = try await masker(for: caseID, actor: actor)
        let maskedTitle = masker.mask(text: title)
        let masked = masker.mask(text: text)
        let leaks = masker.check(text: maskedTitle + "\n" + masked)
        if !leaks.isEmpty {
            fields.append(FieldError(field: "text", rule: "DOC-60", code: "publication.leak",
                                     messageZH: "脱敏后仍含个人信息：" + leaks.map { "\($0.kind.nameZH)“\($0.text)”" }.joined(separator: "、")))
        }
        if !fields.isEmpty { throw DomainError.invalid(fields) }
        let id = UUID()
        let reviewer = actor.name
        return try await store.write(context) { tx in
            try await tx.sql.insert(into: "publications").columns("id", "case_id", "unit_id", "title", "text", "channel", "reviewer", "published_at")
                .values(SQLBind(id), SQLBind(caseID), SQLBind(c.unitID), SQLBind(maskedTitle), SQLBind(masked), SQLBind(channel), SQLBind(reviewer), SQLBind(tx.now))
                .run()
            tx.record("case.publish", "case", caseID.uuidString, changes: ["channel": .init(before: nil, after: channel), "title": .init(before: nil, after: maskedTitle)])
            return PublicationRow(id: id, caseID: caseID, title: maskedTitle, text: masked, channel: channel, reviewer: reviewer, publishedAt: tx.now)
        }
    }

    /// The library, newest first.
    public func library(channel: String? = nil, limit: Int = 100) async throws -> [PublicationRow] {
        var q = store.sql.select().columns("id", "case_id", "title", "text", "channel", "reviewer", "published_at").from("publications")
        if let channel { q = q.where("channel", .equal, SQLBind(channel)) }
        return try await q.orderBy("published_at", .descending).limit(limit).all().map {
            PublicationRow(id: try $0.decode(column: "id", as: UUID.self), caseID: try $0.decode(column: "case_id", as: UUID.self),
                           title: try $0.decode(column: "title", as: String.self), text: try $0.decode(column: "text", as: String.self),
                           channel: try $0.decode(column: "channel", as: String.self), reviewer: try $0.decode(column: "reviewer", as: String.self),
                           publishedAt: try $0.decode(column: "published_at", as: Int64.self))
        }
    }
}
