import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import Vapor

/// Documents from the case page (DOC-02, DOC-11, DOC-20, DOC-30): the case's documents with their
/// service, a form to issue one prefilled from the case, a form to record service, and the print
/// view and DOCX behind the session (the API has the same behind tokens).
struct DocumentPages: RouteCollection {
    struct DocumentView: Sendable {
        let id: String
        let number: String
        let name: String
        let issuedOn: String
        let served: String
        let unserved: Bool
        let void: Bool
        let printHref: String
        let docxHref: String
        let serviceAction: String
        /// DOC-11: the void form's target; nil for a voided document.
        let voidAction: String?
    }

    struct AttachmentView: Sendable {
        let name: String
        let kind: String
        let size: String
        let mediaType: String
        let href: String
    }

    /// The documents part of the case page.
    struct Section: Sendable {
        let documents: [DocumentView]
        let attachments: [AttachmentView]
        let kinds: [SelectOption]
        let uploadAction: String
        /// DOC-42: the archive number once archived; the form while closed and not yet archived.
        let archiveNumber: String?
        let archiveAction: String?
        let retentions: [SelectOption]
        let fonds: String
        let templates: [SelectOption]
        let newAction: String
        let methods: [SelectOption]
        let today: String
    }

    struct NewModel {
        let page: PageChrome
        let title: String
        let caseTitle: String
        let caseHref: String
        let action: String
        let templateCode: String
        let fields: [FieldView]
        let recipient: String
        let errors: [String]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", ":id", "documents", "new", use: newPage).access(.permission(.caseHandle), ["id": .case])
        routes.post("cases", ":id", "documents", use: issue).access(.permission(.caseHandle), ["id": .case])
        routes.on(.POST, "documents", ":id", "service", body: .collect(maxSize: "32mb"), use: serve).access(.permission(.caseHandle), ["id": .document])
        routes.get("documents", ":id", "print", use: print).access(.permission(.caseRead), ["id": .document])
        routes.post("documents", ":id", "void", use: void).access(.permission(.caseHandle), ["id": .document])
        routes.get("documents", ":id", "docx", use: docx).access(.permission(.caseRead), ["id": .document])
        routes.get("documents", ":id", "pdf", use: pdf).access(.permission(.caseRead), ["id": .document])
        routes.post("cases", ":id", "archive", use: archive).access(.permission(.caseHandle), ["id": .case])
        routes.on(.POST, "cases", ":id", "attachments", body: .collect(maxSize: "256mb"), use: upload).access(.permission(.caseHandle), ["id": .case])
        routes.get("attachments", ":id", use: download).access(.permission(.caseRead), ["id": .attachment])
    }

    static func kindZH(_ k: String) -> String {
        switch k {
        case "evidence": "证据材料"
        case "signed-scan": "签收件扫描"
        case "recording": "录音录像"
        default: "其他"
        }
    }

    /// The templates a case of this type issues (DOC-01); with `state`, only those its steps around
    /// that state declare (`TransitionSpec.issues`), as the case page offers them — plus those its facts
    /// carry from its origin (IV-04: a hand-off's prefilled 《行政处罚告知书》).
    static func templateCodes(_ req: Request, _ c: CaseRecord, registry: TemplateRegistry, actor: Actor, state: String? = nil) async throws -> [String] {
        guard let procedure = req.procedures.procedure(caseType: c.caseType) else { return registry.codes }
        return try await templateCodes(procedure, req, c, actor: actor, state: state)
    }

    static func templateCodes<P: Procedure>(_ procedure: P.Type, _ req: Request, _ c: CaseRecord, actor: Actor, state: String?) async throws -> [String] {
        let own = state.map { P.offeredTemplates(state: $0) } ?? P.templateCodes
        return offered(P.self, own: own, loaded: try await ProcedureRepository(store: req.store, P.self).find(c.id, actor: actor))
    }

    /// The procedure's own templates, then those the case carries from the case it came from (IV-04).
    static func offered<P: Procedure>(_ procedure: P.Type, own: [String], loaded: ProcedureCaseRecord<P.Facts>?) -> [String] {
        guard let loaded else { return own }
        return own + P.carriedTemplates(loaded.procedureCase.facts).filter { !own.contains($0) }
    }

    /// The documents part of the case page, for a case in the actor's own scope (the page shows it only then).
    static func section(_ req: Request, _ c: CaseRecord, actor: Actor) async throws -> Section {
        let registry = try await TemplateRegistry.load(req.store)
        guard let procedure = req.procedures.procedure(caseType: c.caseType) else {
            return try await section(req, c, actor: actor, registry: registry, hidden: [], offered: registry.codes)
        }
        return try await section(procedure, req, c, actor: actor, registry: registry)
    }

    /// The case read once through its procedure: what is hidden from the actor (CP-08, X-09) and what may be issued now.
    static func section<P: Procedure>(_ procedure: P.Type, _ req: Request, _ c: CaseRecord, actor: Actor, registry: TemplateRegistry) async throws -> Section {
        let loaded = try await ProcedureRepository(store: req.store, P.self).find(c.id, actor: actor)
        return try await section(req, c, actor: actor, registry: registry, hidden: loaded.map { DocumentAccess.hiddenTemplates(P.self, $0, actor: actor) } ?? [],
                                 offered: offered(P.self, own: P.offeredTemplates(state: c.state), loaded: loaded))
    }

    static func section(_ req: Request, _ c: CaseRecord, actor: Actor, registry: TemplateRegistry, hidden: Set<String>, offered: [String]) async throws -> Section {
        let docs = DocumentRepository(store: req.store)
        var views: [DocumentView] = []
        // The case page found the case in the actor's own scope; its documents and their services in two reads.
        let listed = try await docs.documents(of: c).filter { !hidden.contains($0.templateCode) && $0.number != nil }
        let services = try await docs.serviceRecords(ofDocuments: listed.map(\.id))
        for d in listed {
            guard let number = d.number else { continue }
            let service = services[d.id] ?? []
            let served = service.map { "\($0.method.nameZH) \($0.effectiveOn.chinese)" }.joined(separator: "；")
            let name = registry.latest(d.templateCode)?.nameZH ?? d.templateCode
            let needsService = registry.version(d.templateCode, d.templateVersion)?.needsService ?? false
            views.append(DocumentView(id: d.id.uuidString, number: number, name: name, issuedOn: d.issuedOn?.chinese ?? "",
                                      served: served.isEmpty ? (needsService ? "未送达" : "无需送达") : served,
                                      unserved: service.isEmpty && needsService && d.state == .issued, void: d.state == .void,
                                      printHref: "/documents/\(d.id.uuidString)/print", docxHref: "/documents/\(d.id.uuidString)/docx",
                                      serviceAction: "/documents/\(d.id.uuidString)/service",
                                      voidAction: d.state == .void ? nil : "/documents/\(d.id.uuidString)/void"))
        }
        let templates = offered.filter { !hidden.contains($0) }.compactMap { code in
            registry.latest(code).map { SelectOption(value: code, label: $0.nameZH, selected: false) }
        }
        let methods = ServiceMethod.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0 == .post) }
        let attachments = try await req.attachments.attachments(ofCase: c.id).map {
            AttachmentView(name: $0.filename, kind: kindZH($0.kind), size: ByteCountFormatter.string(fromByteCount: $0.size, countStyle: .file),
                           mediaType: $0.mediaType, href: "/attachments/\($0.id.uuidString)")
        }
        let kinds = AttachmentKind.allCases.map { SelectOption(value: $0.rawValue, label: kindZH($0.rawValue), selected: $0 == .evidence) }
        let archived = try await ArchiveRepository(store: req.store).archiveRecord(c.id)
        let suggested: RetentionCode = c.gravity == "major" ? .d10 : .d5
        let retentions = RetentionCode.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0 == suggested) }
        let unitCode = try await req.unitTree().units[c.unitID]?.code ?? "J"
        return Section(documents: views, attachments: attachments, kinds: kinds, uploadAction: "/cases/\(c.id.uuidString)/attachments",
                       archiveNumber: archived.map { "\($0.archiveNumber)（\($0.retention.nameZH)，\($0.retentionEnds.map { "保管至" + $0.chinese } ?? "永久保存")）" },
                       archiveAction: c.closedOn != nil && archived == nil ? "/cases/\(c.id.uuidString)/archive" : nil, retentions: retentions,
                       fonds: "J" + unitCode, templates: templates,
                       newAction: "/cases/\(c.id.uuidString)/documents/new", methods: methods, today: req.store.clock.todayInBeijing.iso)
    }

    /// Prefill: the procedure's values from the facts (a hand-off's carried values included, IV-04).
    static func prefill(_ req: Request, _ c: CaseRecord, template: String, actor: Actor) async throws -> (values: [String: String], recipient: String) {
        guard let procedure = req.procedures.procedure(caseType: c.caseType) else { return ([:], "") }
        return try await prefill(procedure, req, c, template: template, actor: actor)
    }

    static func prefill<P: Procedure>(_ procedure: P.Type, _ req: Request, _ c: CaseRecord, template: String,
                                      actor: Actor) async throws -> (values: [String: String], recipient: String) {
        try await DocumentPrefill.values(P.self, store: req.store, c, template: template, actor: actor, context: req.auditContext)
    }

    func loadCase(_ req: Request) async throws -> (CaseRecord, Actor) {
        let actor = try req.actor()
        try actor.require(.caseRead)
        guard let c = try await CaseRepository(store: req.store).find(try req.uuidParameter(), actor: actor) else { throw DomainError.notFound }
        return (c, actor)
    }

    func newPage(_ req: Request) async throws -> Response {
        let (c, actor) = try await loadCase(req)
        try actor.require(.caseHandle)
        let code = req.query[String.self, at: "template"] ?? ""
        let (values, recipient) = try await Self.prefill(req, c, template: code, actor: actor)
        return try await form(req, c, code: code, values: values, recipient: recipient, errors: [])
    }

    func form(_ req: Request, _ c: CaseRecord, code: String, values: [String: String], recipient: String, errors: [String],
              status: HTTPStatus = .ok) async throws -> Response {
        let registry = try await TemplateRegistry.load(req.store)
        guard let template = registry.inForce(code, on: req.store.clock.todayInBeijing), try await Self.templateCodes(req, c, registry: registry, actor: try req.actor()).contains(code) else { throw DomainError.notFound }
        let input = ActionInput(values.mapValues { [$0] })
        let fields = template.fields.map {
            FieldView(InputField($0.name, $0.labelZH, .textarea, required: $0.required), form: "doc", input: input, people: [], parties: [], defaults: [:])
        }
        let model = NewModel(page: PageChrome(request: req, title: template.nameZH), title: "制发《\(template.nameZH)》", caseTitle: c.title,
                             caseHref: SiteURL.caseDetail(c.id).path, action: "/cases/\(c.id.uuidString)/documents", templateCode: code, fields: fields,
                             recipient: recipient, errors: errors)
        let response = try render(req, "document_new", model)
        response.status = status
        return response
    }

    /// DOC-02, DOC-11: issues with the next number; empty required fields are all named and no
    /// number is taken; what was typed stays in the form.
    func issue(_ req: Request) async throws -> Response {
        let (c, actor) = try await loadCase(req)
        let code = req.field("templateCode") ?? ""
        let registry = try await TemplateRegistry.load(req.store)
        let names = Set(registry.inForce(code, on: req.store.clock.todayInBeijing)?.fields.map(\.name) ?? [])
        var values: [String: String] = [:]
        for (k, v) in FormInput.read(req).values where names.contains(k) { values[k] = v.first ?? "" }
        let recipient = req.field("recipient")
        do {
            _ = try await DocumentService(store: req.store).issue(caseID: c.id, templateCode: code, values: values, recipient: recipient, actor: actor,
                                                                  context: req.auditContext)
        } catch let e as DomainError where e.kind == .invalid {
            return try await form(req, c, code: code, values: values, recipient: recipient ?? "",
                                  errors: e.fields.isEmpty ? [e.messageZH] : e.fields.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.caseDetail(c.id).path + "?ok=document-issued")
    }

    struct ServiceForm: Content {
        var method: String?
        var recipient: String?
        var date: String?
        var mailNumber: String?
        var deliveredOn: String?
        var deliveredTime: String?
        var refusalNote: String?
        var witnesses: String?
        var publishedOn: String?
        var medium: String?
        var consentDate: String?
        var receipt: File?
    }

    /// DOC-30: a service record with its method's proof; a direct service carries the signed
    /// receipt's scan, stored as an attachment of the case.
    func serve(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter()
        let docs = DocumentRepository(store: req.store)
        guard let doc = try await docs.find(id, actor: actor) else { throw DomainError.notFound }
        let f = try req.content.decode(ServiceForm.self)
        func date(_ s: String?) -> LocalDate? { s.flatMap { LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) } }
        func text(_ s: String?) -> String? { s.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 } }
        do {
            var receiptID: String?
            if let file = f.receipt, file.data.readableBytes > 0 {
                let bytes = Array(file.data.readableBytesView)
                let saved = try await req.attachments.save(bytes, filename: file.filename, kind: .signedScan, caseID: doc.caseID, actor: actor,
                                                           context: req.auditContext)
                receiptID = saved.id.uuidString
            }
            let witnesses = (f.witnesses ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let input = ServiceRecordInput(recipient: text(f.recipient), method: text(f.method).flatMap(ServiceMethod.init(rawValue:)), date: date(f.date),
                                           receiptAttachmentID: receiptID, mailNumber: text(f.mailNumber), deliveredOn: date(f.deliveredOn),
                                           deliveredTime: text(f.deliveredTime), consentDate: date(f.consentDate), refusalNote: text(f.refusalNote),
                                           witnesses: witnesses, publishedOn: date(f.publishedOn), medium: text(f.medium))
            _ = try await docs.recordService(id, input, actor: actor, context: req.auditContext)
        } catch let e as DomainError where e.kind == .invalid || e.kind == .tooLarge {
            return try await CasePages().page(req, id: doc.caseID, errors: e.fields.isEmpty ? [e.messageZH] : e.fields.map { "\($0.messageZH)（\($0.rule)）" },
                                              status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.caseDetail(doc.caseID).path + "?ok=document-served")
    }

    /// PLT-40, IV-15: evidence, signed scans and recordings uploaded to the case; a failed upload
    /// leaves nothing behind (the repository's rule).
    func upload(_ req: Request) async throws -> Response {
        let (c, actor) = try await loadCase(req)
        try actor.require(.caseHandle)
        struct Upload: Content { var kind: String?; var file: File? }
        let form = try req.content.decode(Upload.self)
        do {
            guard let file = form.file, file.data.readableBytes > 0 else {
                throw DomainError.invalid([FieldError(field: "file", rule: "PLT-40", code: "attachment.empty", messageZH: "请选择要上传的文件")])
            }
            _ = try await req.attachments.save(Array(file.data.readableBytesView), filename: file.filename,
                                               kind: AttachmentKind(rawValue: form.kind ?? "") ?? .evidence, caseID: c.id, actor: actor, context: req.auditContext)
        } catch let e as DomainError where e.kind == .invalid || e.kind == .tooLarge {
            return try await CasePages().page(req, id: c.id, errors: e.fields.isEmpty ? [e.messageZH] : e.fields.map { "\($0.messageZH)（\($0.rule)）" },
                                              status: e.kind == .tooLarge ? .payloadTooLarge : .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.caseDetail(c.id).path + "?ok=attachment-saved")
    }

    /// An attachment of a case in the user's scope (X-05), with its sniffed media type.
    func download(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.caseRead)
        guard let a = try await req.attachments.find(try req.uuidParameter(), actor: actor), a.caseID != nil else { throw DomainError.notFound }
        let response = Response(status: .ok, body: .init(data: Data(try req.attachments.bytes(a))))
        response.headers.contentType = HTTPMediaType.fileExtension((a.filename as NSString).pathExtension) ?? .binary
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename*=UTF-8''\(a.filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file")")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }

    func find(_ req: Request) async throws -> DocumentRow {
        let actor = try req.actor()
        try actor.require(.caseRead)
        guard let d = try await DocumentRepository(store: req.store).find(try req.uuidParameter(), actor: actor) else { throw DomainError.notFound }
        return d
    }

    /// DOC-20: the print view.
    /// DOC-11: voids a document from the case page with a reason (asked for and confirmed); it keeps
    /// its number and stays in the file marked 作废. An empty reason is refused, naming the field.
    func void(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let row = try await DocumentRepository(store: req.store).void(try req.uuidParameter(), reason: req.field("reason") ?? "", actor: actor,
                                                                     context: req.auditContext)
        return req.redirect(to: SiteURL.caseDetail(row.caseID).path + "?ok=document-voided")
    }

    func print(_ req: Request) async throws -> Response { try await DocumentResponses.html(try await find(req), req) }

    /// DOC-20: the PDF, through LibreOffice where it is installed.
    func pdf(_ req: Request) async throws -> Response {
        let row = try await find(req)
        let doc = try DocumentService.rendered(row, registry: try await TemplateRegistry.load(req.store))
        do {
            let pdf = try await PDFConverter.pdf(fromDocx: try DocxWriter.render(doc))
            let response = Response(status: .ok, body: .init(data: pdf))
            response.headers.contentType = .pdf
            let name = (row.number ?? row.templateCode).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "document"
            response.headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename*=UTF-8''\(name).pdf")
            return response
        } catch PDFConverter.Failure.notInstalled {
            throw DomainError(.conflict, code: "pdf.unavailable", messageZH: "本机未安装 LibreOffice，无法生成 PDF；请下载 DOCX 或使用打印视图", ruleID: "DOC-20")
        }
    }

    /// DOC-42: a closed case gets its archive number; the archiving clocks end (DOC-41).
    func archive(_ req: Request) async throws -> Response {
        let (c, actor) = try await loadCase(req)
        let retention = req.field("retention").flatMap(RetentionCode.init(rawValue:))
        do {
            guard let retention else {
                throw DomainError.invalid([FieldError(field: "retention", rule: "DOC-43", code: "archive.retention.required", messageZH: "请选择保管期限")])
            }
            _ = try await ArchiveRepository(store: req.store).archive(c.id, fonds: req.field("fonds") ?? "", retention: retention,
                                                                     on: req.store.clock.todayInBeijing, actor: actor, context: req.auditContext)
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await CasePages().page(req, id: c.id, errors: e.fields.isEmpty ? [e.messageZH] : e.fields.map { "\($0.messageZH)（\($0.rule)）" },
                                              status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.caseDetail(c.id).path + "?ok=case-archived")
    }

    /// DOC-21: the DOCX.
    func docx(_ req: Request) async throws -> Response { try await DocumentResponses.docx(try await find(req), req) }
}

/// A document as a response, for the pages and the API alike: always rendered with the template
/// version it was issued with.
enum DocumentResponses {
    static func html(_ row: DocumentRow, _ req: Request) async throws -> Response {
        let doc = try DocumentService.rendered(row, registry: try await TemplateRegistry.load(req.store))
        let html = DocxWriter.html(doc)
        let response = Response(status: .ok, body: .init(string: html))
        response.headers.contentType = .html
        // The print view's own styles, by hash: the app's CSP blocks inline styles otherwise.
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: PrintCSP.policy(for: html))
        return response
    }

    static func docx(_ row: DocumentRow, _ req: Request) async throws -> Response {
        let doc = try DocumentService.rendered(row, registry: try await TemplateRegistry.load(req.store))
        let response = Response(status: .ok, body: .init(data: try DocxWriter.render(doc)))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document")
        let name = (row.number ?? row.templateCode).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "document"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename*=UTF-8''\(name).docx")
        return response
    }
}
