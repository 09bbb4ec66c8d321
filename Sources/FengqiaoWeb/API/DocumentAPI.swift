import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import Vapor

struct DocumentDTO: Content {
    let id: UUID
    let caseId: UUID
    let templateCode: String
    let templateVersion: Int
    let number: String?
    let serial: Int?
    let state: String
    let recipient: String
    let issuedOn: String?
    let sha256: String?
    let verificationCode: String
    let voidReason: String?

    init(_ d: DocumentRow) {
        id = d.id
        caseId = d.caseID
        templateCode = d.templateCode
        templateVersion = d.templateVersion
        number = d.number
        serial = d.serial
        state = d.state.rawValue
        recipient = d.recipient
        issuedOn = d.issuedOn?.iso
        sha256 = d.contentSHA256
        verificationCode = d.verificationCode
        voidReason = d.voidReason
    }
}

struct DocumentIssueDTO: Content {
    let templateCode: String
    let values: [String: String]
    let recipient: String?
}

struct VoidDTO: Content { let reason: String }

struct ServiceDTO: Content {
    let recipient: String?
    let method: String?
    let date: String?
    let time: String?
    let receiptAttachmentId: String?
    let mailNumber: String?
    let deliveredOn: String?
    let deliveredTime: String?
    let consentAttachmentId: String?
    let consentDate: String?
    let refusalNote: String?
    let witnesses: [String]?
    let publishedOn: String?
    let medium: String?

    var input: ServiceRecordInput {
        ServiceRecordInput(recipient: recipient, method: method.flatMap(ServiceMethod.init(rawValue:)), date: date.flatMap(LocalDate.init(iso:)), time: time,
                           receiptAttachmentID: receiptAttachmentId, mailNumber: mailNumber, deliveredOn: deliveredOn.flatMap(LocalDate.init(iso:)),
                           deliveredTime: deliveredTime, consentAttachmentID: consentAttachmentId, consentDate: consentDate.flatMap(LocalDate.init(iso:)),
                           refusalNote: refusalNote, witnesses: witnesses ?? [], publishedOn: publishedOn.flatMap(LocalDate.init(iso:)), medium: medium)
    }
}

struct ServiceRecordDTO: Content {
    let id: UUID
    let method: String
    let recipient: String
    let servedOn: String
    let effectiveOn: String
    let proof: [String: String]
}

struct BlockRequestDTO: Content {
    let unitId: UUID
    let typeWord: String
    let year: Int
    let count: Int
    let note: String?
}

struct BlockDTO: Content {
    struct Form: Content { let serial: Int; let number: String; let state: String; let caseRef: String?; let usedOn: String?; let reason: String? }
    let id: UUID
    let first: Int
    let last: Int
    let typeWord: String
    let year: Int
    let forms: [Form]

    init(_ b: ReservedBlockRow) {
        id = b.id
        first = b.first
        last = b.last
        typeWord = b.typeWord
        year = b.year
        forms = b.forms.map { Form(serial: $0.serial, number: $0.number, state: $0.state, caseRef: $0.caseRef, usedOn: $0.usedOn?.iso, reason: $0.reason) }
    }
}

struct FormUseDTO: Content {
    let serial: Int
    let caseRef: String?
    let usedOn: String?
    let voidReason: String?
}

/// Documents over the API (DOC-10…31): issue with the next number, read, download DOCX or the HTML
/// print view, void, record service; reserve blocks of pre-printed numbers and record their use.
struct DocumentAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("cases", ":id", "documents", use: issue).access(.permission(.caseHandle), ["id": .case])
        routes.get("cases", ":id", "documents", use: list).access(.permission(.caseRead), ["id": .case])
        routes.get("documents", ":id", use: get).access(.permission(.caseRead), ["id": .document])
        routes.get("documents", ":id", "docx", use: docx).access(.permission(.caseRead), ["id": .document])
        routes.get("documents", ":id", "html", use: html).access(.permission(.caseRead), ["id": .document])
        routes.post("documents", ":id", "void", use: void).access(.permission(.caseHandle), ["id": .document])
        routes.post("documents", ":id", "service", use: serve).access(.permission(.caseHandle), ["id": .document])
        routes.get("documents", ":id", "service", use: serviceRecords).access(.permission(.caseRead), ["id": .document])
        // DOC-12: the unit head (or the legal department) reserves a block; handlers record its forms' use.
        routes.post("number-blocks", use: reserve).access(.anyOf([.templateEdit, .caseAssign]))
        routes.post("number-blocks", ":id", "forms", use: recordForm).access(.permission(.caseHandle), ["id": .numberBlock])
    }

    func issue(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let caseID = try req.uuidParameter()
        // PLT-52: a retry of an issue that committed is answered with the issued document.
        let recover: (UUID) async throws -> (HTTPResponseStatus, DocumentDTO) = { id in
            guard let doc = try await DocumentRepository(store: req.store).find(id, actor: actor) else { throw DomainError.notFound }
            return (.created, DocumentDTO(doc))
        }
        return try await Idempotency.run(req, route: "POST /api/v1/cases/\(caseID.uuidString)/documents", recover: recover) {
            let dto = try req.content.decode(DocumentIssueDTO.self)
            let doc = try await DocumentService(store: req.store).issue(caseID: caseID, templateCode: dto.templateCode, values: dto.values,
                                                                       recipient: dto.recipient, actor: actor, context: req.auditContext)
            return (.created, DocumentDTO(doc))
        }
    }

    func list(_ req: Request) async throws -> [DocumentDTO] {
        let actor = try req.actor()
        try actor.require(.caseRead)
        let caseID = try req.uuidParameter()
        // CP-08, X-09: a document addressed to someone hidden from the user is not listed.
        let hidden = try await DocumentAccess.hiddenTemplates(caseID: caseID, actor: actor, on: req)
        return try await DocumentRepository(store: req.store).documents(ofCase: caseID, actor: actor).filter { !hidden.contains($0.templateCode) }
            .map(DocumentDTO.init)
    }

    func find(_ req: Request) async throws -> DocumentRow {
        let actor = try req.actor()
        try actor.require(.caseRead)
        guard let d = try await DocumentRepository(store: req.store).find(try req.uuidParameter(), actor: actor) else { throw DomainError.notFound }
        return d
    }

    func get(_ req: Request) async throws -> DocumentDTO { DocumentDTO(try await find(req)) }

    func docx(_ req: Request) async throws -> Response { try await DocumentResponses.docx(try await find(req), req) }

    func html(_ req: Request) async throws -> Response { try await DocumentResponses.html(try await find(req), req) }

    func void(_ req: Request) async throws -> DocumentDTO {
        let actor = try req.actor()
        let dto = try req.content.decode(VoidDTO.self)
        return DocumentDTO(try await DocumentRepository(store: req.store).void(try req.uuidParameter(), reason: dto.reason, actor: actor, context: req.auditContext))
    }

    func serve(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let dto = try req.content.decode(ServiceDTO.self)
        if let m = dto.method, ServiceMethod(rawValue: m) == nil {
            throw DomainError.invalid([FieldError(field: "method", rule: "DOC-30", code: "service.method.invalid",
                                                  messageZH: "送达方式应为 direct、post、electronic、left-at-premises 或 public-notice")])
        }
        let r = try await DocumentRepository(store: req.store).recordService(try req.uuidParameter(), dto.input, actor: actor, context: req.auditContext)
        let out = ServiceRecordDTO(id: r.id, method: r.method.rawValue, recipient: r.recipient, servedOn: r.servedOn.iso, effectiveOn: r.effectiveOn.iso, proof: r.proof)
        return try await out.encodeResponse(status: .created, for: req)
    }

    func serviceRecords(_ req: Request) async throws -> [ServiceRecordDTO] {
        let row = try await find(req)
        return try await DocumentRepository(store: req.store).serviceRecords(row.id).map {
            ServiceRecordDTO(id: $0.id, method: $0.method.rawValue, recipient: $0.recipient, servedOn: $0.servedOn.iso, effectiveOn: $0.effectiveOn.iso, proof: $0.proof)
        }
    }

    func reserve(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let dto = try req.content.decode(BlockRequestDTO.self)
        let block = try await DocumentRepository(store: req.store).reserveBlock(unitID: dto.unitId, typeWord: dto.typeWord, year: dto.year, count: dto.count,
                                                                              note: dto.note ?? "", actor: actor, context: req.auditContext)
        return try await BlockDTO(block).encodeResponse(status: .created, for: req)
    }

    func recordForm(_ req: Request) async throws -> BlockDTO {
        let actor = try req.actor()
        let dto = try req.content.decode(FormUseDTO.self)
        let used = try dto.usedOn.map { try CaseAPI.date($0, field: "usedOn", rule: "DOC-12") }
        return BlockDTO(try await DocumentRepository(store: req.store).recordForm(blockID: try req.uuidParameter(), serial: dto.serial, caseRef: dto.caseRef,
                                                                                usedOn: used, voidReason: dto.voidReason, actor: actor, context: req.auditContext))
    }
}
