import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// PLT-16 from the pages: 违法行为类别 (`/violation-categories`) for the legal department — the tree
/// in force by sector, the version history, and one form that adds, edits or retires a category or
/// sector. The form is previewed first (the change, the new version's number and effective date);
/// only the confirmed form publishes. A refused form comes back with every fault and what was typed.
struct ViolationCategoryPages: RouteCollection {
    struct Model {
        struct Category { let code: String; let name: String; let legalBasis: String; let retired: Bool; let editHref: String }
        struct Sector { let code: String; let name: String; let legalBasis: String; let keySector: Bool; let retired: Bool; let editHref: String
                        let categories: [Category] }
        struct Version { let version: Int; let effectiveOn: String; let note: String; let by: String; let status: String }
        struct Preview { let version: Int; let effectiveOn: String; let lines: [String] }
        let page: PageChrome
        let version: Int
        let effectiveOn: String
        let sectors: [Sector]
        let history: [Version]
        let errors: [String]
        let preview: Preview?
        let form: Form
        let operations: [SelectOption]
        let targets: [SelectOption]
        let parents: [SelectOption]
    }

    /// What the form holds, as typed.
    struct Form: Sendable {
        var operation = "add"
        var target = ""
        var code = ""
        var name = ""
        var legalBasis = ""
        var parent = ""
        var keySector = false
        var effectiveOn = ""
        var note = ""

        init() {}

        init(_ req: Request) {
            operation = req.field("operation") ?? "add"
            target = req.field("target") ?? ""
            code = req.field("code") ?? ""
            name = req.field("name") ?? ""
            legalBasis = req.field("legalBasis") ?? ""
            parent = req.field("parent") ?? ""
            keySector = ["on", "true", "1", "yes"].contains(req.field("keySector") ?? "")
            effectiveOn = req.field("effectiveOn") ?? ""
            note = req.field("note") ?? ""
        }

        /// The change the form asks for (operation `add`, `edit` or `retire`).
        var change: ViolationCategoryChange {
            switch operation {
            case "retire": .retire(code: target)
            case "edit": .edit(code: target, nameZH: name, legalBasis: legalBasis, parent: parent.isEmpty ? nil : parent, keySector: keySector)
            default: .add(ViolationCategoryNode(code: code, nameZH: name, legalBasis: legalBasis, parent: parent.isEmpty ? nil : parent,
                                                keySector: parent.isEmpty && keySector))
            }
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.violationCategories.pattern, use: show).access(.permission(.categoryManage))
        routes.post(SiteURL.violationCategories.pattern, use: submit).access(.permission(.categoryManage))
    }

    func show(_ req: Request) async throws -> Response {
        var form = Form()
        form.effectiveOn = req.store.clock.todayInBeijing.iso
        // 修改: the form filled with the node's current values.
        if let code = req.query[String.self, at: "edit"], let node = try await ViolationCategoryRepository(store: req.store).versions().latest.node(code) {
            form.operation = "edit"
            form.target = code
            form.name = node.nameZH
            form.legalBasis = node.legalBasis
            form.parent = node.parent ?? ""
            form.keySector = node.keySector
        }
        return try await render(req, form: form)
    }

    /// Previews the change, or publishes it once confirmed (`confirmed=yes`).
    func submit(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.categoryManage)
        let form = Form(req)
        let repository = ViolationCategoryRepository(store: req.store)
        let effectiveOn = LocalDate(iso: form.effectiveOn)
        let latest = try await repository.versions().latest
        do {
            if req.field("confirmed") == "yes" {
                try await repository.publish([form.change], effectiveOn: effectiveOn, note: form.note, actor: actor, context: req.auditContext)
                return req.redirect(to: SiteURL.violationCategories.path + "?ok=categories-published")
            }
            // The same checks as publishing, nothing written: the confirmation shows what will change.
            let next = try latest.publishing([form.change], effectiveOn: effectiveOn, note: form.note, today: req.store.clock.todayInBeijing).get()
            return try await render(req, form: form, preview: Model.Preview(version: next.version, effectiveOn: next.effectiveOn.chinese,
                                                                           lines: [form.change.summaryZH(in: latest)]))
        } catch let e as DomainError where e.kind == .invalid {
            return try await render(req, form: form, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
        }
    }

    func render(_ req: Request, form: Form, errors: [String] = [], preview: Model.Preview? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.categoryManage)
        let repository = ViolationCategoryRepository(store: req.store)
        let today = req.store.clock.todayInBeijing
        let history = try await repository.history()
        let versions = ViolationCategoryHistory(history.map(\.tree))
        let current = versions.inForce(on: today), latest = versions.latest
        func edit(_ code: String) -> String { SiteURL.violationCategories.path + "?edit=\(code)#category-form" }
        // The newest version's tree (a pending version shows what is about to apply; the history says when).
        let sectors = latest.sectors.map { s in
            Model.Sector(code: s.code, name: s.nameZH, legalBasis: s.legalBasis, keySector: s.keySector, retired: s.retired, editHref: edit(s.code),
                         categories: latest.nodes.filter { $0.parent != nil && latest.sector(of: $0.code)?.code == s.code }.map {
                             Model.Category(code: $0.code, name: $0.nameZH, legalBasis: $0.legalBasis, retired: latest.isRetired($0.code),
                                            editHref: edit($0.code))
                         })
        }
        let rows = history.reversed().map { p in
            Model.Version(version: p.tree.version, effectiveOn: p.tree.effectiveOn.chinese, note: p.tree.note, by: p.publishedBy,
                          status: p.tree.version == current.version ? "现行" : p.tree.effectiveOn > today ? "待生效" : "已被替代")
        }
        let operations = [("add", "新增"), ("edit", "修改"), ("retire", "停用")].map { SelectOption(value: $0.0, label: $0.1, selected: form.operation == $0.0) }
        let targets = latest.nodes.map { SelectOption(value: $0.code, label: "\($0.nameZH)（\($0.code)）", selected: form.target == $0.code) }
        let parents = [SelectOption(value: "", label: "（无：本身是行业领域）", selected: form.parent.isEmpty)]
            + latest.sectors.filter { !$0.retired }.map { SelectOption(value: $0.code, label: $0.nameZH, selected: form.parent == $0.code) }
        let response = try FengqiaoWeb.render(req, "violation_categories", Model(
            page: PageChrome(request: req, title: "违法行为类别"), version: current.version, effectiveOn: current.effectiveOn.chinese, sectors: sectors,
            history: rows, errors: errors, preview: preview, form: form, operations: operations, targets: targets, parents: parents))
        response.status = status
        return response
    }
}
