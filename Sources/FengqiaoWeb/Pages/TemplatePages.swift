import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import Vapor

/// The legal department's document templates (DOC-01…03): list, versions, edit the text as a new
/// version. An unknown placeholder is refused when saving (DOC-02), never at printing.
struct TemplatePages: RouteCollection {
    struct ListModel {
        struct Row { let href: String; let code: String; let name: String; let docClass: String; let version: Int; let stub: Bool; let service: Bool }
        let page: PageChrome
        let rows: [Row]
    }

    struct EditModel {
        struct Version { let version: Int; let by: String }
        struct Field { let name: String; let label: String; let required: Bool }
        let page: PageChrome
        let code: String
        let name: String
        let version: Int
        let versions: [Version]
        let fields: [Field]
        let body: String
        let effectiveFrom: String
        let errors: [String]
        let canEdit: Bool
        let action: String
        let previewHref: String
    }

    func boot(routes: any RoutesBuilder) throws {
        // The templates in force are read by whoever handles cases; the legal department edits them.
        routes.get(SiteURL.templates.pattern, use: list).access(.anyOf([.templateEdit, .caseRead]))
        routes.get(SiteURL.template("code").pattern, use: edit).access(.anyOf([.templateEdit, .caseRead]), ["code": .template])
        routes.post(SiteURL.template("code").pattern, use: save).access(.permission(.templateEdit), ["code": .template])
    }

    static func classZH(_ c: String) -> String {
        ["start": "启动类", "implement": "实施类", "result": "结果类"][c] ?? c
    }

    func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard actor.can(.templateEdit) || actor.can(.caseRead) else { throw DomainError.forbidden(Permission.templateEdit.rawValue) }
        let registry = try await TemplateRegistry.load(req.store)
        let rows = registry.codes.compactMap(registry.latest).map {
            ListModel.Row(href: SiteURL.template($0.code).path, code: $0.code, name: $0.nameZH, docClass: Self.classZH($0.docClass), version: $0.version,
                          stub: $0.hasStub, service: $0.needsService)
        }
        return try render(req, "templates", ListModel(page: PageChrome(request: req, title: "文书模板"), rows: rows))
    }

    func model(_ req: Request, code: String, body: String? = nil, effectiveFrom: String? = nil, errors: [String] = []) async throws -> EditModel {
        let actor = try req.actor()
        let registry = try await TemplateRegistry.load(req.store)
        guard let latest = registry.latest(code) else { throw DomainError.notFound }
        let stored = try await TemplateRepository(store: req.store).versions().filter { $0.code == code }
        var versions = [EditModel.Version(version: 1, by: "随系统提供")]
        versions += stored.map { .init(version: $0.version, by: "\($0.createdBy)（\($0.effectiveFrom.iso) 起）") }
        return EditModel(page: PageChrome(request: req, title: latest.nameZH), code: code, name: latest.nameZH, version: latest.version,
                         versions: versions.reversed(), fields: latest.fields.map { .init(name: $0.name, label: $0.labelZH, required: $0.required) },
                         body: body ?? latest.body, effectiveFrom: effectiveFrom ?? req.store.clock.todayInBeijing.iso, errors: errors,
                         canEdit: actor.can(.templateEdit), action: SiteURL.template(code).path, previewHref: SiteURL.template(code).path)
    }

    func edit(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard actor.can(.templateEdit) || actor.can(.caseRead) else { throw DomainError.forbidden(Permission.templateEdit.rawValue) }
        return try render(req, "template", try await model(req, code: req.parameters.get("code") ?? ""))
    }

    /// DOC-01/02: saves the text as the next version after checking every placeholder; a problem
    /// shows the form again with the text as typed and every problem listed.
    func save(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.templateEdit)
        let code = req.parameters.get("code") ?? ""
        let registry = try await TemplateRegistry.load(req.store)
        guard let latest = registry.latest(code) else { throw DomainError.notFound }
        let body = (try? req.content.get(String.self, at: "body")) ?? ""
        let fromText = req.field("effectiveFrom") ?? ""
        let base = Int(req.field("version") ?? "") ?? latest.version
        var errors = DocumentTemplate.validate(body: body, fields: latest.fields).map { "\($0.messageZH)（DOC-02）" }
        let from = LocalDate(iso: fromText)
        if from == nil { errors.append("生效日期应为 YYYY-MM-DD") }
        guard errors.isEmpty, let from else {
            let response = try render(req, "template", try await model(req, code: code, body: body, effectiveFrom: fromText, errors: errors))
            response.status = .unprocessableEntity
            return response
        }
        let row = TemplateVersionRow(code: code, version: 0, nameZH: latest.nameZH, docClass: latest.docClass, typeWord: latest.typeWord,
                                     fieldsJSON: TemplateRegistry.fieldsJSON(latest.fields), hasStub: latest.hasStub, needsService: latest.needsService,
                                     sealed: latest.sealed, stubSummary: latest.stubSummary, body: body, effectiveFrom: from, createdBy: "")
        do {
            _ = try await TemplateRepository(store: req.store).save(row, expectedLatest: base, actor: actor, context: req.auditContext)
        } catch let e as DomainError where e.kind == .conflict {
            let response = try render(req, "template", try await model(req, code: code, body: body, effectiveFrom: fromText, errors: [e.messageZH]))
            response.status = .conflict
            return response
        }
        return req.redirect(to: SiteURL.template(code).path + "?ok=template-saved")
    }
}
