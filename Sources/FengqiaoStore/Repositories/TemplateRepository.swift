import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// One stored template version (DOC-01), as the legal department saved it. Fields are kept as JSON
/// so the store need not know the documents target's types; the web layer turns rows into
/// templates.
public struct TemplateVersionRow: Sendable, Equatable {
    public var code: String
    public var version: Int
    public var nameZH: String
    public var docClass: String
    public var typeWord: String
    public var fieldsJSON: String
    public var hasStub: Bool
    public var needsService: Bool
    public var sealed: Bool
    public var stubSummary: String
    public var body: String
    public var effectiveFrom: LocalDate
    public var createdBy: String

    public init(code: String, version: Int, nameZH: String, docClass: String, typeWord: String, fieldsJSON: String, hasStub: Bool,
                needsService: Bool, sealed: Bool, stubSummary: String, body: String, effectiveFrom: LocalDate, createdBy: String) {
        self.code = code
        self.version = version
        self.nameZH = nameZH
        self.docClass = docClass
        self.typeWord = typeWord
        self.fieldsJSON = fieldsJSON
        self.hasStub = hasStub
        self.needsService = needsService
        self.sealed = sealed
        self.stubSummary = stubSummary
        self.body = body
        self.effectiveFrom = effectiveFrom
        self.createdBy = createdBy
    }
}

/// Template versions edited in the UI (DOC-01): append-only; each save is the next version.
public struct TemplateRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    static let columns = ["code", "version", "name_zh", "doc_class", "type_word", "fields", "has_stub", "needs_service", "sealed", "stub_summary",
                          "body", "effective_from", "created_by"]

    public func versions() async throws -> [TemplateVersionRow] {
        try await store.sql.select().columns(Self.columns).from("template_versions").orderBy("code").orderBy("version").all().map(Self.decode)
    }

    /// Saves `row` as the next version after `latestVersion` (the shipped or stored one the editor
    /// started from); a concurrent save of the same version is refused as stale (PLT-53).
    public func save(_ row: TemplateVersionRow, expectedLatest latestVersion: Int, actor: Actor, context: AuditContext) async throws -> TemplateVersionRow {
        try actor.require(.templateEdit)
        var next = row
        next.version = latestVersion + 1
        next.createdBy = context.login ?? "system"
        let saved = next
        try await store.write(context) { tx in
            let stored = try await tx.sql.select().column(SQLFunction("MAX", args: SQLColumn("version")), as: "v").from("template_versions")
                .where("code", .equal, SQLBind(saved.code)).first()
            let current = try stored?.decode(column: "v", as: Int?.self) ?? 0
            guard current < saved.version else { throw DomainError.staleVersion(current: current) }
            try await tx.sql.insert(into: "template_versions").columns(["id"] + Self.columns + ["created_at"])
                .values(SQLBind(UUID()), SQLBind(saved.code), SQLBind(saved.version), SQLBind(saved.nameZH), SQLBind(saved.docClass), SQLBind(saved.typeWord),
                        SQLBind(saved.fieldsJSON), SQLBind(saved.hasStub), SQLBind(saved.needsService), SQLBind(saved.sealed), SQLBind(saved.stubSummary),
                        SQLBind(saved.body), SQLBind(saved.effectiveFrom.iso), SQLBind(saved.createdBy), SQLBind(tx.now))
                .run()
            tx.record("template.version", "template", saved.code, changes: [
                "version": .init(before: String(latestVersion), after: String(saved.version)),
                "effectiveFrom": .init(before: nil, after: saved.effectiveFrom.iso),
            ])
        }
        return saved
    }

    static func decode(_ r: any SQLRow) throws -> TemplateVersionRow {
        TemplateVersionRow(
            code: try r.decode(column: "code", as: String.self), version: try r.decode(column: "version", as: Int.self),
            nameZH: try r.decode(column: "name_zh", as: String.self), docClass: try r.decode(column: "doc_class", as: String.self),
            typeWord: try r.decode(column: "type_word", as: String.self), fieldsJSON: try r.decode(column: "fields", as: String.self),
            hasStub: try r.decode(column: "has_stub", as: Bool.self), needsService: try r.decode(column: "needs_service", as: Bool.self),
            sealed: try r.decode(column: "sealed", as: Bool.self), stubSummary: try r.decode(column: "stub_summary", as: String.self),
            body: try r.decode(column: "body", as: String.self),
            effectiveFrom: LocalDate(iso: try r.decode(column: "effective_from", as: String.self)) ?? LocalDate(ordinal: 0),
            createdBy: try r.decode(column: "created_by", as: String.self))
    }
}
