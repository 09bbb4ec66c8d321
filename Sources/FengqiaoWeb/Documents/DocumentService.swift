import Crypto
import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation

/// The template registry (DOC-01…03): the shipped templates (version 1) overlaid with the legal
/// department's versions. A document is always rendered with the version it was issued with.
struct TemplateRegistry: Sendable {
    let templates: [DocumentTemplate]
    /// "code@version" → the date the legal department's version takes effect (DOC-01, X-08); the
    /// shipped versions have none: they are in force from the start.
    var effectiveFrom: [String: LocalDate] = [:]

    static func load(_ store: Store) async throws -> TemplateRegistry {
        var all = store.procedures.templates
        var effective: [String: LocalDate] = [:]
        for row in try await TemplateRepository(store: store).versions() {
            effective["\(row.code)@\(row.version)"] = row.effectiveFrom
            let fields = (try? JSONDecoder().decode([FieldSpec].self, from: Data(row.fieldsJSON.utf8))) ?? []
            all.append(DocumentTemplate(code: row.code, nameZH: row.nameZH, docClass: row.docClass, version: row.version, fields: fields,
                                        hasStub: row.hasStub, needsService: row.needsService, typeWord: row.typeWord, sealed: row.sealed,
                                        stubSummary: row.stubSummary, body: row.body))
        }
        return TemplateRegistry(templates: all, effectiveFrom: effective)
    }

    /// X-08, DOC-01: the version of a template in force on `day` — the highest version whose
    /// effective date is not after it; a version saved for a later date waits for that date.
    func inForce(_ code: String, on day: LocalDate) -> DocumentTemplate? {
        templates.filter { $0.code == code && (effectiveFrom["\($0.code)@\($0.version)"].map { $0 <= day } ?? true) }
            .max { $0.version < $1.version }
    }

    /// The latest version of a template.
    func latest(_ code: String) -> DocumentTemplate? {
        templates.filter { $0.code == code }.max { $0.version < $1.version }
    }

    func version(_ code: String, _ version: Int) -> DocumentTemplate? {
        templates.first { $0.code == code && $0.version == version }
    }

    func versions(_ code: String) -> [DocumentTemplate] {
        templates.filter { $0.code == code }.sorted { $0.version < $1.version }
    }

    var codes: [String] {
        var seen = Set<String>()
        return templates.map(\.code).filter { seen.insert($0).inserted }
    }

    static func fieldsJSON(_ fields: [FieldSpec]) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: (try? e.encode(fields)) ?? Data("[]".utf8), as: UTF8.self)
    }
}

/// Issuing and rendering documents: the checks of DOC-02, the number of DOC-10/11 and the
/// verification code of DOC-23, around the document repository.
struct DocumentService: Sendable {
    let store: Store

    /// DOC-02: refuses an unknown template or empty required fields (every one named) before a
    /// number is taken; then issues with the template version in force on the issue date.
    func issue(caseID: UUID, templateCode: String, values: [String: String], recipient: String?, actor: Actor, context: AuditContext) async throws -> DocumentRow {
        let registry = try await TemplateRegistry.load(store)
        let today = store.clock.todayInBeijing
        guard let template = registry.inForce(templateCode, on: today) else {
            throw DomainError.invalid([FieldError(field: "templateCode", rule: "DOC-01", code: "template.unknown", messageZH: "没有文书模板 \(templateCode)")])
        }
        let missing = template.missingRequired(values)
        if !missing.isEmpty {
            throw DomainError.invalid(missing.map {
                FieldError(field: $0.name, rule: "DOC-02", code: "document.field.required", messageZH: "请填写“\($0.labelZH)”")
            })
        }
        guard let c = try await CaseRepository(store: store).find(caseID, actor: actor) else { throw DomainError.notFound }
        let tree = try await OrganisationRepository(store: store).tree()
        // CP-10: a procedure handled in the bureau's name issues under the county bureau's name.
        let inBureauName = store.procedures.procedure(caseType: c.caseType)?.module.capabilities.contains(.bureauName) ?? false
        let issuer = tree.issuerName(of: c.unitID, inBureauName: inBureauName)
        let to = recipient ?? values["party.name"] ?? ""
        let issue = DocumentIssue(templateCode: template.code, templateVersion: template.version, typeWord: template.typeWord, values: values,
                                  recipient: to, issuer: issuer, issuedOn: today)
        return try await DocumentRepository(store: store).issue(caseID: caseID, issue, actor: actor, context: context) { number in
            Self.contentHash(RenderedDocument(template: template, number: number, issuer: issuer, date: today.chinese, recipient: to, values: values))
        }
    }

    /// DOC-23: SHA-256 (hex) of the document's canonical text.
    static func contentHash(_ doc: RenderedDocument) -> String {
        AuditChain.hex(Array(SHA256.hash(data: Array(DocxWriter.canonicalText(doc).utf8))))
    }

    /// The document as printed, with the template version it was issued with (DOC-01).
    static func rendered(_ row: DocumentRow, registry: TemplateRegistry) throws -> RenderedDocument {
        guard let template = registry.version(row.templateCode, row.templateVersion) else { throw DomainError.notFound }
        return RenderedDocument(template: template, number: row.number ?? "", issuer: row.issuer, date: row.issuedOn?.chinese ?? "",
                                recipient: row.recipient, values: row.values, verificationCode: row.verificationCode)
    }
}
