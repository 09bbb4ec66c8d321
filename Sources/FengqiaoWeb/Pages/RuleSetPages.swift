import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The legal department's time-limit rule sets (CAL-20…22): list, versions, edit as a new version.
struct RuleSetPages: RouteCollection {
    struct ListModel {
        struct Row { let href: String; let key: String; let name: String; let inForce: String; let versions: Int; let status: String }
        let page: PageChrome
        let sets: [Row]
    }

    struct EditModel {
        struct Version { let version: Int; let label: String; let status: String; let from: String; let to: String; let citation: String }
        struct Step { let key: String; let name: String; let count: Int; let units: [SelectOption]; let rolls: [SelectOption]; let maxExtension: Int; let citation: String; let startEvent: String }
        let page: PageChrome
        let key: String
        let name: String
        let versions: [Version]
        let steps: [Step]
        let statuses: [SelectOption]
        let effectiveFrom: String
        let citation: String
        let canEdit: Bool
        let errors: [String]
        let action: String
        /// CP-03: the unconfirmed versions the legal department may confirm, each with its form.
        let activations: [Activation]
    }

    /// CP-03: one unconfirmed version's confirmation form: every step's value, a citation each (left
    /// blank: the provisional citation is shown as a hint, never submitted as the confirmation).
    struct Activation {
        struct Step { let key: String; let name: String; let count: Int; let units: [SelectOption]; let rolls: [SelectOption]; let maxExtension: Int; let provisionalCitation: String; let citation: String }
        let version: Int
        let label: String
        let from: String
        let steps: [Step]
        let citation: String
        let action: String
        let errors: [String]
    }

    func boot(routes: any RoutesBuilder) throws {
        // The rules in force are read by whoever handles cases; the legal department edits them.
        routes.get(SiteURL.ruleSets.pattern, use: list).access(.anyOf([.ruleSetEdit, .caseRead]))
        routes.get(SiteURL.ruleSet("key").pattern, use: edit).access(.anyOf([.ruleSetEdit, .caseRead]), ["key": .ruleSet])
        routes.post(SiteURL.ruleSet("key").pattern, use: save).access(.permission(.ruleSetEdit), ["key": .ruleSet])
        // CP-03: only the legal department confirms an unconfirmed version.
        routes.post(SiteURL.ruleSetActivate("key").pattern, use: RuleSetActivationPage.activate).access(.permission(.ruleSetEdit), ["key": .ruleSet])
    }

    static func statusZH(_ s: RuleSetStatus) -> String {
        switch s {
        case .draft: "草稿"
        case .unconfirmed: "待法制科确认"
        case .active: "生效"
        case .retired: "已废止"
        }
    }

    /// A version's status as the list shows it: an unconfirmed version the legal department has
    /// confirmed says by which version (CP-03).
    static func statusZH(_ set: RuleSet, in book: RuleBook) -> String {
        if set.status == .unconfirmed, let confirmed = book.confirmation(of: set) { return "已确认（第\(confirmed.version)版）" }
        if let original = set.confirms { return "生效（确认第\(original)版）" }
        return statusZH(set.status)
    }

    static func unitZH(_ u: PeriodUnit) -> String {
        switch u {
        case .workday: "工作日"
        case .day: "日"
        case .month: "月"
        case .hour: "小时"
        }
    }

    static func rollZH(_ r: Roll) -> String {
        switch r {
        case .forward: "遇节假日顺延"
        case .none: "不顺延"
        case .back: "提前至前一工作日"
        }
    }

    func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard actor.can(.ruleSetEdit) || actor.can(.caseRead) else { throw DomainError.forbidden(Permission.ruleSetEdit.rawValue) }
        let book = try await RuleSetRepository(store: req.store).book()
        let today = req.services.clock.todayInBeijing
        let keys = Array(Set(book.sets.map(\.key))).sorted()
        let rows = keys.map { key -> ListModel.Row in
            let versions = book.versions(of: key)
            let current = book.inForce(key, on: today)
            return .init(href: SiteURL.ruleSet(key).path, key: key, name: versions.last?.nameZH ?? key,
                         inForce: current.map { "第\($0.version)版（\($0.label)），\($0.effectiveFrom.iso) 起" } ?? "无",
                         versions: versions.count, status: current.map { Self.statusZH($0.status) } ?? "—")
        }
        return try render(req, "rulesets", ListModel(page: PageChrome(request: req, title: "期限规则"), sets: rows))
    }

    func editModel(_ req: Request, key: String, errors: [String] = [], form: (from: String, citation: String)? = nil,
                   activation: RuleSetActivationPage.Typed? = nil) async throws -> EditModel {
        let actor = try req.actor()
        let book = try await RuleSetRepository(store: req.store).book()
        let versions = book.versions(of: key)
        guard let latest = versions.last else { throw DomainError.notFound }
        let today = req.services.clock.todayInBeijing
        return EditModel(
            page: PageChrome(request: req, title: latest.nameZH), key: key, name: latest.nameZH,
            versions: versions.reversed().map { .init(version: $0.version, label: $0.label, status: Self.statusZH($0, in: book), from: $0.effectiveFrom.iso,
                                                      to: $0.effectiveTo?.iso ?? "", citation: $0.citation) },
            steps: latest.rules.keys.sorted().map { step in
                let r = latest.rules[step]!
                return .init(key: step, name: req.procedures.stepName(step), count: r.count,
                             units: PeriodUnit.allCases.map { SelectOption(value: $0.rawValue, label: Self.unitZH($0), selected: $0 == r.unit) },
                             rolls: Roll.allCases.map { SelectOption(value: $0.rawValue, label: Self.rollZH($0), selected: $0 == r.roll) },
                             maxExtension: r.maxExtension, citation: r.citation, startEvent: r.startEvent)
            },
            statuses: [RuleSetStatus.active, .unconfirmed, .draft].map { SelectOption(value: $0.rawValue, label: Self.statusZH($0), selected: $0 == .active) },
            effectiveFrom: form?.from ?? today.adding(days: 1).iso, citation: form?.citation ?? latest.citation,
            canEdit: actor.can(.ruleSetEdit), errors: errors, action: SiteURL.ruleSet(key).path,
            activations: actor.can(.ruleSetEdit) ? RuleSetActivationPage.forms(key: key, book: book, typed: activation, procedures: req.procedures) : [])
    }

    func edit(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        guard actor.can(.ruleSetEdit) || actor.can(.caseRead) else { throw DomainError.forbidden(Permission.ruleSetEdit.rawValue) }
        return try render(req, "ruleset", try await editModel(req, key: req.parameters.get("key") ?? ""))
    }

    func save(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.ruleSetEdit)
        let key = req.parameters.get("key") ?? ""
        let book = try await RuleSetRepository(store: req.store).book()
        guard let latest = book.versions(of: key).last else { throw DomainError.notFound }
        var edits: [String: RuleSetEditing.StepEdit] = [:]
        var errors: [String] = []
        for (step, rule) in latest.rules {
            let count = Int(req.field("\(step).count") ?? "")
            let ext = Int(req.field("\(step).maxExtension") ?? "")
            if count == nil { errors.append("“\(step)”的期限应为整数") }
            if ext == nil { errors.append("“\(step)”的最长延期应为整数") }
            edits[step] = .init(count: count ?? rule.count, unit: req.field("\(step).unit").flatMap(PeriodUnit.init(rawValue:)) ?? rule.unit,
                                roll: req.field("\(step).roll").flatMap(Roll.init(rawValue:)) ?? rule.roll,
                                maxExtension: ext ?? rule.maxExtension, citation: req.field("\(step).citation") ?? "")
        }
        let fromText = req.field("effectiveFrom") ?? ""
        let citation = req.field("citation") ?? ""
        guard let from = LocalDate(iso: fromText) else { errors.append("生效日期应为 YYYY-MM-DD") ; return try await failed(req, key, errors, fromText, citation) }
        if !errors.isEmpty { return try await failed(req, key, errors, fromText, citation) }
        do {
            _ = try await RuleSetRepository(store: req.store).saveNextVersion(
                key: key, edits: edits, status: req.field("status").flatMap(RuleSetStatus.init(rawValue:)) ?? .active, effectiveFrom: from,
                citation: citation, actor: actor, context: req.auditContext)
            return req.redirect(to: SiteURL.ruleSet(key).path + "?ok=ruleset-saved")
        } catch let e as DomainError where e.kind == .invalid {
            return try await failed(req, key, e.fields.map(\.messageZH), fromText, citation)
        }
    }

    func failed(_ req: Request, _ key: String, _ errors: [String], _ from: String, _ citation: String) async throws -> Response {
        let response = try render(req, "ruleset", try await editModel(req, key: key, errors: errors, form: (from, citation)))
        response.status = .unprocessableEntity
        return response
    }
}
