import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// ST-21 from the case page: the revisits of a closed case of any procedure that takes them, and the
/// form that records one, scored on the procedure's dimensions (a refused form comes back with every
/// fault and the values as typed, X-06).
struct RevisitPages {
    static let formKey = "revisit"

    struct Section: Sendable {
        struct Row: Sendable { let on: String; let method: String; let answer: String; let scores: String; let note: String }
        struct Score: Sendable { let name: String; let label: String; let options: [SelectOption] }
        let rows: [Row]
        /// nil for those who may not record revisits.
        let action: String?
        let on: String
        let methods: [SelectOption]
        let answers: [SelectOption]
        let scores: [Score]
        let note: String
    }

    static func section<P: Procedure>(_ p: P.Type, _ req: Request, caseID: UUID, actor: Actor, typed: ActionInput?) async throws -> Section {
        let (dimensions, revisits) = try await RevisitRepository(store: req.store).revisits(ofCase: caseID, actor: actor)
        let rows = revisits.map { r in
            Section.Row(on: r.on.chinese, method: r.method.nameZH, answer: r.answer.nameZH,
                        scores: r.scores.isEmpty ? "—" : zip(dimensions, r.scores).map { "\($0.nameZH) \($1)" }.joined(separator: "，")
                            + String(format: "（指数 %.0f）", r.index ?? 0),
                        note: r.note)
        }
        let mayRecord = try await RevisitRepository(store: req.store).mayRecord(caseID: caseID, actor: actor)
        let method = typed?.text("method") ?? Revisit.Method.phone.rawValue
        let answer = typed?.text("answer")
        return Section(
            rows: rows, action: mayRecord ? "/cases/\(caseID.uuidString)/revisits" : nil,
            on: typed?.text("on") ?? req.store.clock.todayInBeijing.iso,
            methods: Revisit.Method.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0.rawValue == method) },
            answers: SatisfactionAnswer.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0.rawValue == answer) },
            scores: dimensions.map { d in
                Section.Score(name: d.key, label: d.nameZH, options: (1...5).reversed().map {
                    SelectOption(value: String($0), label: "\($0) 分", selected: typed?.text(d.key) == String($0))
                })
            },
            note: typed?.text("note") ?? "")
    }

    struct SampleModel {
        struct Row { let href: String; let number: String; let title: String; let closedOn: String; let revisited: Bool }
        let page: PageChrome
        let heading: String
        let summary: String
        let rows: [Row]
        let quarters: [SelectOption]
        let units: [SelectOption]
        let types: [SelectOption]
    }

    /// ST-21: the quarter's sample of closed cases of a procedure (`type`, its path word; the first
    /// with revisits by default) to revisit, for a unit in the actor's scope.
    static func sample(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let typeParam = req.query[String.self, at: "type"] ?? ""
        let procedures = req.procedures.with(.revisits)
        guard let procedure = procedures.first(where: { $0.module.pathWord == typeParam }) ?? (typeParam.isEmpty ? procedures.first : nil) else {
            throw DomainError.notFound
        }
        // Those who revisit, and those who read the statistics the revisits feed.
        if !actor.can(.statisticsRead) { try actor.requireAny(procedure.followUpPermissions) }
        let today = req.store.clock.todayInBeijing
        let current = ReportPeriod.containing(today, kind: .quarter)
        let quarter: ReportPeriod
        if let key = req.query[String.self, at: "quarter"], !key.isEmpty {
            guard let q = ReportPeriod(key: key), q.kind == .quarter else {
                throw DomainError.invalid([FieldError(field: "quarter", rule: "X-06", code: "revisit.quarter.invalid", messageZH: "季度格式应为 2026-Q2")])
            }
            quarter = q
        } else {
            quarter = current
        }
        let tree = try await req.unitTree()
        let unitID = req.query[String.self, at: "unit"].flatMap(UUID.init(uuidString:)) ?? actor.unitID
        let (closed, cases) = try await RevisitRepository(store: req.store).sample(caseType: procedure.caseType, unitID: unitID, quarter: quarter, actor: actor)
        var quarters: [SelectOption] = []
        var q = current
        for _ in 0..<8 {
            quarters.append(SelectOption(value: q.key, label: q.labelZH, selected: q == quarter))
            q = ReportPeriod.containing(q.first.adding(days: -1), kind: .quarter)
        }
        let units = tree.units.values.filter { actor.sees(unit: $0.id) && $0.kind == .office }.sorted { $0.code < $1.code }
            .map { SelectOption(value: $0.id.uuidString, label: $0.name, selected: $0.id == unitID) }
        let done = cases.count { $0.revisited }
        let model = SampleModel(
            page: PageChrome(request: req, title: "回访抽样"),
            heading: "\(tree.units[unitID]?.name ?? "")·\(quarter.labelZH)",
            summary: closed == 0 ? "" : "本季度办结\(procedure.nameZH)案件 \(closed) 件，\(procedure.module.revisitSampling.describeZH(drawn: cases.count))，已回访 \(done) 件。",
            rows: cases.map { SampleModel.Row(href: SiteURL.caseDetail($0.caseID).path + "#revisits", number: $0.number, title: $0.title,
                                              closedOn: $0.closedOn.chinese + ($0.due.map { "（回访期限 \($0.chinese)）" } ?? ""), revisited: $0.revisited) },
            quarters: quarters, units: units,
            types: procedures.map { SelectOption(value: $0.module.pathWord, label: $0.nameZH, selected: $0.caseType == procedure.caseType) })
        return try render(req, "revisits", model)
    }

    static func boot(_ routes: any RoutesBuilder) {
        // Those who revisit, and those who read the statistics the revisits feed.
        routes.get("revisits", use: sample).access(.followUp(.revisits, orAnyOf: [.statisticsRead]))
        routes.post("cases", ":id", "revisits") { req async throws -> Response in
            let actor = try req.actor()
            let id = try req.uuidParameter()
            let repository = RevisitRepository(store: req.store)
            let dimensions = try await repository.dimensions(caseID: id, actor: actor).map(\.key)
            let names = ["on", "method", "answer", "note"] + dimensions
            let typed = ActionInput(Dictionary(uniqueKeysWithValues: names.map { ($0, [req.field($0) ?? ""]) }))
            do {
                _ = try await repository.record(
                    caseID: id, on: typed.text("on"), method: typed.text("method"), answer: typed.text("answer"),
                    scores: Dictionary(uniqueKeysWithValues: dimensions.map { ($0, typed.text($0) ?? "") }), note: typed.text("note"),
                    actor: actor, context: req.auditContext)
                return req.redirect(to: SiteURL.caseDetail(id).path + "?ok=revisit-recorded#revisits")
            } catch let e as DomainError where e.kind == .invalid {
                return try await CasePages().page(req, id: id, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity,
                                                  failed: (formKey, typed))
            }
        }.access(.followUp(.revisits, orAnyOf: []), ["id": .case])
    }
}

/// ST-21 over the API, under each procedure with revisits: a closed case's revisits, and recording
/// one (422 with every fault). The body carries one integer per declared dimension by its key.
struct RevisitAPI<P: Procedure>: RouteCollection {
    struct RevisitRequest: Content {
        let on: String?
        let method: String?
        let answer: String?
        let note: String?
    }

    struct RevisitDTO: Content {
        let on: String
        let method: String
        let answer: String
        let scores: [Int]
        let index: Double?
        let note: String

        init(_ r: Revisit) {
            on = r.on.iso
            method = r.method.rawValue
            answer = r.answer.rawValue
            scores = r.scores
            index = r.index
            note = r.note
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let word = PathComponent(stringLiteral: P.module.pathWord)
        routes.get(word, ":id", "revisits") { req async throws -> [RevisitDTO] in
            try await RevisitRepository(store: req.store).revisits(ofCase: try req.uuidParameter(), caseType: P.caseType, actor: try req.actor())
                .revisits.map(RevisitDTO.init)
        }.access(.permission(.caseRead), ["id": .case])
        routes.post(word, ":id", "revisits") { req async throws -> Response in
            let body = try req.content.decode(RevisitRequest.self)
            var scores: [String: String] = [:]
            for d in P.module.revisitDimensions { scores[d.key] = (try? req.content.get(Int.self, at: d.key)).map(String.init) ?? "" }
            let r = try await RevisitRepository(store: req.store).record(caseID: try req.uuidParameter(), caseType: P.caseType, on: body.on, method: body.method, answer: body.answer,
                                                                         scores: scores, note: body.note, actor: try req.actor(), context: req.auditContext)
            return try await RevisitDTO(r).encodeResponse(status: .created, for: req)
        }.access(.anyOf(P.followUpPermissions), ["id": .case])
    }
}
