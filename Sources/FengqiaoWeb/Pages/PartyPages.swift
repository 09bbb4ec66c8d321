import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Foundation
import Vapor

/// The party pages (PLT-10…15): list and search, detail with history, create, edit, import.
struct PartyPages: RouteCollection {
    struct Row {
        let href: String
        let name: String
        let kind: String
        let identifier: String
        let representative: String
        let phone: String
        let unverified: Bool
    }

    struct ListModel {
        let page: PageChrome
        let query: String
        let rows: [Row]
        let summary: String
        let searchError: String?
        let canWrite: Bool
        let canImport: Bool
        let prev: String?
        let next: String?
    }

    struct Fact { let label: String; let value: String }

    struct DetailModel {
        struct History { let caseNumber: String; let module: String; let state: String; let openedOn: String }
        let page: PageChrome
        let name: String
        let facts: [Fact]
        let unverified: Bool
        let version: Int
        let history: [History]
        let canWrite: Bool
        let editHref: String
        let canReveal: Bool
        let revealHref: String
        let revealed: Bool
        let recordID: String
        let mergedInto: String?
        let mergeHref: String
        let mergeError: String?
    }

    struct FormModel {
        struct Err { let field: String; let message: String; let rule: String }
        let page: PageChrome
        let heading: String
        let action: String
        let cancel: String
        let version: Int
        let form: PartyInput
        let kinds: [SelectOption]
        let units: [SelectOption]
        let errors: [Err]
    }

    struct ImportModel {
        struct Result { let total: Int; let ok: Int; let created: Int; let existing: Int; let failed: Int; let errors: [Err] }
        struct Err { let row: Int; let name: String; let message: String }
        let page: PageChrome
        let units: [SelectOption]
        let result: Result?
        let error: String?
    }

    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.parties.pattern, use: list).access(.permission(.partyRead))
        routes.get(SiteURL.partyNew.pattern, use: newForm).access(.permission(.partyWrite))
        routes.post(SiteURL.parties.pattern, use: create).access(.permission(.partyWrite))
        routes.get(SiteURL.partyImport.pattern, use: importForm).access(.permission(.partyImport))
        // Import files may be large; the body is streamed to memory up to the upload limit.
        routes.on(.POST, SiteURL.partyImport.pattern, body: .collect(maxSize: "64mb"), use: importFile).access(.permission(.partyImport))
        routes.get(SiteURL.party(SiteURL.placeholderID).pattern, use: detail).access(.permission(.partyRead), ["id": .party])
        routes.get(SiteURL.partyEdit(SiteURL.placeholderID).pattern, use: editForm).access(.permission(.partyWrite), ["id": .party])
        routes.post(SiteURL.party(SiteURL.placeholderID).pattern, use: update).access(.permission(.partyWrite), ["id": .party])
        routes.post(SiteURL.party(SiteURL.placeholderID).pattern + ["reveal"], use: reveal).access(.permission(.personalDataReveal), ["id": .party])
        routes.post(SiteURL.party(SiteURL.placeholderID).pattern + ["merge"], use: merge).access(.permission(.partyWrite), ["id": .party])
    }

    func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.partyRead)
        let q = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let pageNo = min(max(1, req.query[Int.self, at: "page"] ?? 1), HomePage.lastPage)
        var searchError: String?
        var parties: [PartySummary] = []
        if !q.isEmpty && SearchTerms.normalise(q).count < 2 {
            searchError = "请至少输入两个字或完整的统一社会信用代码"
        } else {
            parties = try await req.parties.search(q.isEmpty ? nil : q, actor: actor, limit: Self.pageSize + 1, offset: (pageNo - 1) * Self.pageSize)
        }
        let more = parties.count > Self.pageSize
        let rows = parties.prefix(Self.pageSize).map(Self.row)
        let enc = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let summary = q.isEmpty ? "共 \(try await req.parties.count(actor: actor)) 个当事人（按登记时间倒序）" : "“\(q)”的搜索结果"
        return try render(req, "parties", ListModel(page: PageChrome(request: req, title: "当事人"), query: q, rows: Array(rows), summary: summary,
                                                    searchError: searchError, canWrite: actor.can(.partyWrite), canImport: actor.can(.partyImport),
                                                    prev: pageNo > 1 ? "/parties?q=\(enc)&page=\(pageNo - 1)" : nil,
                                                    next: more ? "/parties?q=\(enc)&page=\(pageNo + 1)" : nil))
    }

    static func row(_ p: PartySummary) -> Row {
        Row(href: SiteURL.party(p.id).path, name: p.name, kind: p.kind.nameZH, identifier: p.uscc ?? p.idNumberMasked ?? "—",
            representative: p.representative ?? "", phone: p.phoneMasked ?? "", unverified: p.identityUnverified)
    }

    func detail(_ req: Request) async throws -> Response {
        try await detailPage(req, revealed: nil)
    }

    /// Shows the personal data in clear to a user allowed to see it; each reveal is audited (PLT-20, X-09).
    func reveal(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let data = try await req.parties.reveal(try req.uuidParameter(), actor: actor, context: req.auditContext)
        return try await detailPage(req, revealed: data)
    }

    /// Merges a duplicate record (named by its 编号) into this one (PLT-12).
    func merge(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter()
        guard let dup = req.field("duplicate").flatMap(UUID.init(uuidString:)) else {
            return try await detailPage(req, revealed: nil, mergeError: "请填写重复记录的编号（在其页面上显示）")
        }
        do {
            try await req.parties.merge(keep: id, duplicate: dup, actor: actor, context: req.auditContext)
            return req.redirect(to: SiteURL.party(id).path + "?ok=party-merged")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict || e.kind == .notFound {
            let response = try await detailPage(req, revealed: nil, mergeError: e.fields.first?.messageZH ?? e.messageZH)
            response.status = e.kind.status
            return response
        }
    }

    func detailPage(_ req: Request, revealed: (idNumber: String?, phone: String?, address: String?)?, mergeError: String? = nil) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.partyRead)
        let id = try req.uuidParameter()
        guard let p = try await req.parties.find(id, actor: actor), let history = try await req.parties.history(id, actor: actor) else {
            throw DomainError.notFound
        }
        let tree = try await req.unitTree()
        var facts: [Fact] = [.init(label: "类型", value: p.kind.nameZH)]
        if let v = p.uscc { facts.append(.init(label: "统一社会信用代码", value: v)) }
        if let v = revealed?.idNumber ?? p.idNumberMasked { facts.append(.init(label: "身份证号码", value: v)) }
        if let v = p.representative { facts.append(.init(label: "法定代表人 / 经营者", value: v)) }
        if let v = revealed?.phone ?? p.phoneMasked { facts.append(.init(label: "电话", value: v)) }
        if let v = revealed?.address ?? p.addressMasked { facts.append(.init(label: "地址", value: v)) }
        if let v = p.industry { facts.append(.init(label: "行业代码", value: v)) }
        if let v = p.licenceTermEnd { facts.append(.init(label: "营业期限至", value: v.chinese)) }
        facts.append(.init(label: "管辖单位", value: tree.units[p.unitID]?.name ?? ""))
        let model = DetailModel(page: PageChrome(request: req, title: p.name), name: p.name, facts: facts, unverified: p.identityUnverified,
                                version: p.version,
                                history: history.map { .init(caseNumber: $0.caseNumber, module: $0.module, state: $0.state, openedOn: $0.openedOn.iso) },
                                canWrite: actor.can(.partyWrite), editHref: SiteURL.partyEdit(p.id).path,
                                canReveal: actor.can(.personalDataReveal) && revealed == nil
                                    && (p.idNumberMasked != nil || p.kind == .person || p.kind == .individualBusiness),
                                revealHref: SiteURL.party(p.id).path + "/reveal", revealed: revealed != nil, recordID: p.id.uuidString,
                                mergedInto: p.mergedInto.map { SiteURL.party($0).path }, mergeHref: SiteURL.party(p.id).path + "/merge",
                                mergeError: mergeError)
        return try render(req, "party", model)
    }

    /// The units an actor may file parties under: their own first, then the rest of their scope.
    static func unitOptions(_ req: Request, actor: Actor, selected: String?) async throws -> [SelectOption] {
        let tree = try await req.unitTree()
        return tree.ordered().filter { actor.sees(unit: $0.unit.id) && [.office, .branch, .bureau].contains($0.unit.kind) }.map { item in
            let isSelected = selected.map { $0 == item.unit.code } ?? (item.unit.id == actor.unitID)
            return SelectOption(value: item.unit.code, label: String(repeating: "　", count: item.depth) + item.unit.name, selected: isSelected)
        }
    }

    static func kindOptions(_ selected: String) -> [SelectOption] {
        PartyKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0.rawValue == selected || $0.nameZH == selected) }
    }

    func formPage(_ req: Request, actor: Actor, heading: String, action: String, cancel: String, version: Int, form: PartyInput,
                  errors: [FieldError]) async throws -> Response {
        let model = FormModel(page: PageChrome(request: req, title: heading), heading: heading, action: action, cancel: cancel, version: version,
                              form: form, kinds: Self.kindOptions(form.kind),
                              units: try await Self.unitOptions(req, actor: actor, selected: form.unitCode),
                              errors: errors.map { .init(field: $0.field, message: $0.messageZH, rule: $0.rule) })
        let response = try render(req, "party_form", model)
        if !errors.isEmpty { response.status = .unprocessableEntity }
        return response
    }

    func newForm(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.partyWrite)
        return try await formPage(req, actor: actor, heading: "登记当事人", action: SiteURL.parties.path, cancel: SiteURL.parties.path, version: 0,
                                  form: PartyInput(kind: PartyKind.enterprise.rawValue, name: ""), errors: [])
    }

    static func input(_ req: Request) -> PartyInput {
        PartyInput(kind: req.field("kind") ?? "", name: req.field("name") ?? "", uscc: req.field("uscc"), idNumber: req.field("idNumber"),
                   representative: req.field("representative"), phone: req.field("phone"), address: req.field("address"),
                   industry: req.field("industry"), licenceTermEnd: req.field("licenceTermEnd"), unitCode: req.field("unitCode"))
    }

    static func unitID(_ req: Request, actor: Actor, code: String?) async throws -> UUID {
        guard let code else { return actor.unitID }
        guard let unit = try await req.organisation.unit(code: code), actor.sees(unit: unit.id) else {
            throw DomainError.invalid([FieldError(field: "unitCode", rule: "PLT-05", code: "party.unit.invalid", messageZH: "管辖单位不存在或不在您的数据范围内")])
        }
        return unit.id
    }

    func create(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = Self.input(req)
        do {
            let unit = try await Self.unitID(req, actor: actor, code: input.unitCode)
            let result = try await req.parties.create(input, unitID: unit, actor: actor, context: req.auditContext)
            return req.redirect(to: SiteURL.party(result.party.id).path + "?ok=" + (result.created ? "party-created" : "party-exists"))
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            // Nothing the user typed is lost: the form comes back filled, with every error.
            return try await formPage(req, actor: actor, heading: "登记当事人", action: SiteURL.parties.path, cancel: SiteURL.parties.path, version: 0,
                                      form: input, errors: e.fields.isEmpty ? [FieldError(field: "uscc", rule: e.ruleID ?? "", code: e.code, messageZH: e.messageZH)] : e.fields)
        }
    }

    func editForm(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.partyWrite)
        let id = try req.uuidParameter()
        guard let p = try await req.parties.find(id, actor: actor) else { throw DomainError.notFound }
        // Personal data is not put back into the form in clear: blank means "unchanged".
        let form = PartyInput(kind: p.kind.rawValue, name: p.name, uscc: p.uscc, idNumber: nil, representative: p.representative,
                              phone: nil, address: nil, industry: p.industry, licenceTermEnd: p.licenceTermEnd?.iso, unitCode: nil)
        return try await formPage(req, actor: actor, heading: "编辑当事人", action: SiteURL.party(id).path, cancel: SiteURL.party(id).path,
                                  version: p.version, form: form, errors: [])
    }

    func update(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter()
        var input = Self.input(req)
        let version = Int(req.field("version") ?? "") ?? 0
        do {
            // Blank personal-data fields keep the stored values.
            if input.idNumber == nil || input.phone == nil || input.address == nil, actor.can(.partyWrite) {
                let stored = try await req.parties.storedPersonalData(id, actor: actor)
                input.idNumber = input.idNumber ?? stored.idNumber
                input.phone = input.phone ?? stored.phone
                input.address = input.address ?? stored.address
            }
            _ = try await req.parties.update(id, input, expectedVersion: version, actor: actor, context: req.auditContext)
            return req.redirect(to: SiteURL.party(id).path + "?ok=party-updated")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            input.idNumber = nil
            input.phone = nil
            input.address = nil
            let errors = e.fields.isEmpty ? [FieldError(field: "version", rule: e.ruleID ?? "", code: e.code, messageZH: e.messageZH)] : e.fields
            return try await formPage(req, actor: actor, heading: "编辑当事人", action: SiteURL.party(id).path, cancel: SiteURL.party(id).path,
                                      version: version, form: input, errors: errors)
        }
    }

    func importForm(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.partyImport)
        return try render(req, "party_import", ImportModel(page: PageChrome(request: req, title: "批量导入当事人"),
                                                           units: try await Self.unitOptions(req, actor: actor, selected: nil), result: nil, error: nil))
    }

    func importFile(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.partyImport)
        let units = try await Self.unitOptions(req, actor: actor, selected: req.field("unitCode"))
        let file = try? req.content.get(File.self, at: "file")
        guard let file, file.data.readableBytes > 0 else {
            let response = try render(req, "party_import", ImportModel(page: PageChrome(request: req, title: "批量导入当事人"), units: units, result: nil,
                                                                       error: "请选择要导入的 CSV 或 XLSX 文件"))
            response.status = .unprocessableEntity
            return response
        }
        let bytes = Array(file.data.readableBytesView)
        do {
            let unit = try await Self.unitID(req, actor: actor, code: req.field("unitCode"))
            let rows = try PartyImportFile.rows(bytes: bytes, filename: file.filename)
            let summary = try await req.parties.importRows(rows, unitID: unit, actor: actor, context: req.auditContext)
            let result = ImportModel.Result(total: summary.total, ok: summary.created + summary.existing, created: summary.created, existing: summary.existing,
                                            failed: summary.errors.count,
                                            errors: summary.errors.map { .init(row: $0.row, name: $0.name, message: $0.messages.joined(separator: "；")) })
            return try render(req, "party_import", ImportModel(page: PageChrome(request: req, title: "导入结果"), units: units, result: result, error: nil))
        } catch let e as PartyImportFile.Failure {
            let response = try render(req, "party_import", ImportModel(page: PageChrome(request: req, title: "批量导入当事人"), units: units, result: nil,
                                                                       error: e.messageZH))
            response.status = .unprocessableEntity
            return response
        }
    }
}
