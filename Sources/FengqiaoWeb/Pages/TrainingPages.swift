import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// PLT-07 from the pages: 培训考核 (`/training`) — the unit's courses with their pass rate, a new
/// course, and the officers flagged after three consecutive failed assessments (for the leaders to
/// decide); a course page (`/training/courses/{id}`) records attendance and scores per person and
/// revokes a granted qualification after confirmation; a person's file (`/training/people/{id}`)
/// shows training, results, qualifications with expiry or revocation, and case outcomes.
struct TrainingPages: RouteCollection {
    struct CourseRow: Sendable {
        let href: String; let title: String; let kind: String; let dates: String; let unit: String; let passMark: Int
        let grants: String; let assessed: Int; let passed: Int; let rate: String; let target: String
    }
    struct FlagRow: Sendable { let href: String; let name: String; let unit: String; let failures: Int; let lastFailed: String }

    struct IndexModel {
        let page: PageChrome
        let manage: Bool
        let rows: [CourseRow]
        let flags: [FlagRow]
        let errors: [String]
        let kinds: [SelectOption]
        let title: String; let startsOn: String; let endsOn: String; let passMark: String
    }

    struct ResultRow: Sendable {
        let href: String; let name: String; let attended: String; let scores: String; let total: String; let result: String
        let qualification: String; let revokeAction: String?
    }

    struct CourseModel {
        let page: PageChrome
        let manage: Bool
        let title: String; let kind: String; let dates: String; let passMark: Int; let grants: String; let formula: String
        let rows: [ResultRow]
        let rate: String; let target: String; let prePost: Bool
        let errors: [String]
        let action: String
        let people: [SelectOption]
        let components: [Component]
        struct Component: Sendable { let key: String; let label: String; let value: String }
    }

    struct PersonModel {
        struct Qual: Sendable { let kind: String; let issuer: String; let obtained: String; let expires: String; let status: String }
        struct Outcome: Sendable { let procedure: String; let state: String; let count: Int; let closed: Int }
        let page: PageChrome
        let name: String; let unit: String
        let flagged: Bool; let failures: Int
        let results: [ResultRow]
        let qualifications: [Qual]
        let outcomes: [Outcome]
        let total: Int; let closed: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        let readers = RouteAccess.Rule.anyOf([.trainingManage, .trainingRead])
        routes.get(SiteURL.training.pattern, use: index).access(readers)
        routes.post(SiteURL.training.pattern, use: create).access(.permission(.trainingManage))
        routes.get(SiteURL.trainingCourse(SiteURL.placeholderID).pattern, use: course).access(readers, ["id": .trainingCourse])
        routes.post(SiteURL.trainingCourse(SiteURL.placeholderID).pattern + ["results"], use: record).access(.permission(.trainingManage), ["id": .trainingCourse])
        routes.post("training", "results", ":id", "revoke", use: revoke).access(.permission(.trainingManage), ["id": .trainingResult])
        routes.get(SiteURL.trainingPerson(SiteURL.placeholderID).pattern, use: person).access(readers, ["id": .trainingPerson])
    }

    static func grantsText(_ c: TrainingCourse, _ procedures: ProcedureRegistry) -> String {
        guard let kind = c.grants else { return "—" }
        let name = AdminPages.qualificationName(kind, procedures)
        return c.validityMonths.map { "\(name)（有效期\($0 % 12 == 0 ? "\($0 / 12)年" : "\($0)个月")）" } ?? "\(name)（长期有效）"
    }

    static func rateText(_ r: CohortPassRate) -> (String, String) {
        (r.assessed == 0 ? "—" : "\(r.passed)/\(r.assessed)（\(r.percentText)）",
         r.assessed == 0 ? "" : (r.meetsTarget ? "达到95%" : "未达到95%"))
    }

    func index(_ req: Request) async throws -> Response { try await renderIndex(req) }

    func renderIndex(_ req: Request, errors: [String] = [], typed: TrainingCourseInput? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let repository = TrainingRepository(store: req.store)
        let rows = try await repository.courses(actor: actor).map { s in
            let (rate, target) = Self.rateText(s.rate)
            return CourseRow(href: SiteURL.trainingCourse(s.course.id).path, title: s.course.title, kind: s.course.kind.nameZH,
                             dates: "\(s.course.startsOn.iso) 至 \(s.course.endsOn.iso)", unit: s.unitName, passMark: s.course.passMark,
                             grants: Self.grantsText(s.course, req.procedures), assessed: s.rate.assessed, passed: s.rate.passed, rate: rate,
                             target: s.course.kind == .prePost ? target : "")
        }
        let flags = try await repository.flagged(actor: actor).map {
            FlagRow(href: SiteURL.trainingPerson($0.userID).path, name: $0.name, unit: $0.unitName, failures: $0.consecutiveFailures, lastFailed: $0.lastFailedOn.iso)
        }
        let today = req.store.clock.todayInBeijing.iso
        let kind = typed?.kind ?? CourseKind.prePost.rawValue
        let model = IndexModel(page: PageChrome(request: req, title: "培训考核"), manage: actor.can(.trainingManage), rows: rows, flags: flags, errors: errors,
                               kinds: CourseKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.nameZH, selected: $0.rawValue == kind) },
                               title: typed?.title ?? "", startsOn: typed?.startsOn ?? today, endsOn: typed?.endsOn ?? today,
                               passMark: typed?.passMark ?? "\(TrainingCourseInput.defaultPassMark)")
        let response = try render(req, "training", model)
        response.status = status
        return response
    }

    func create(_ req: Request) async throws -> Response {
        let input = TrainingCourseInput(kind: req.field("kind") ?? "", title: req.field("title") ?? "", startsOn: req.field("startsOn") ?? "",
                                endsOn: req.field("endsOn") ?? "", passMark: req.field("passMark") ?? "")
        do {
            let course = try await TrainingRepository(store: req.store).createCourse(input, actor: try req.actor(), context: req.auditContext)
            return req.redirect(to: SiteURL.trainingCourse(course.id).path + "?ok=course-created")
        } catch let e as DomainError where e.kind == .invalid {
            return try await renderIndex(req, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, typed: input, status: .unprocessableEntity)
        }
    }

    static func resultRow(_ r: TrainingRepository.ResultRecord, _ procedures: ProcedureRegistry, manage: Bool, nameHref: Bool) -> ResultRow {
        let a = r.assessment
        let scores = r.courseKind.components.compactMap { c in a.scores[c].map { "\(c.nameZH) \($0)" } }.joined(separator: "，")
        var qualification = "—"
        if let g = r.granted {
            let name = AdminPages.qualificationName(g.kind, procedures)
            qualification = r.revokedOn.map { "\(name)：已于\($0.iso)撤销（\(r.revokeReason ?? "")）" }
                ?? "\(name)：\(g.obtainedOn.iso) 至 \(g.expiresOn?.iso ?? "长期")"
        }
        let revocable = manage && r.qualificationID != nil && r.revokedOn == nil
        return ResultRow(href: nameHref ? SiteURL.trainingPerson(r.userID).path : SiteURL.trainingCourse(r.courseID).path,
                         name: nameHref ? r.userName : "\(r.courseTitle)（\(r.courseKind.nameZH)，\(r.assessedOn.iso)）",
                         attended: a.attended ? "出勤" : "缺勤", scores: scores.isEmpty ? "—" : scores, total: a.totalText,
                         result: a.passed ? "合格" : "不合格", qualification: qualification,
                         revokeAction: revocable ? "/training/results/\(r.id.uuidString)/revoke" : nil)
    }

    func course(_ req: Request) async throws -> Response { try await renderCourse(req, id: try req.uuidParameter()) }

    func renderCourse(_ req: Request, id: UUID, errors: [String] = [], typed: [String: String] = [:], status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let repository = TrainingRepository(store: req.store)
        guard let c = try await repository.course(id, actor: actor) else { throw DomainError.notFound }
        let results = try await repository.results(courseID: id, actor: actor)
        let manage = actor.can(.trainingManage)
        let rate = CohortPassRate(assessed: results.count, passed: results.filter(\.assessment.passed).count)
        let (rateText, target) = Self.rateText(rate)
        let done = Set(results.map(\.userID))
        let people = manage ? try await repository.people(actor: actor).filter { !done.contains($0.id) } : []
        let formula = c.kind == .interviewerCertification ? "总分 = 笔试×40% + 模拟约谈×40% + 群众满意度×20%（自动计算）" : "总分即\(c.kind.components[0].nameZH)"
        let model = CourseModel(
            page: PageChrome(request: req, title: c.title), manage: manage, title: c.title, kind: c.kind.nameZH,
            dates: "\(c.startsOn.chinese)至\(c.endsOn.chinese)", passMark: c.passMark, grants: Self.grantsText(c, req.procedures), formula: formula,
            rows: results.map { Self.resultRow($0, req.procedures, manage: manage, nameHref: true) }, rate: rateText, target: target,
            prePost: c.kind == .prePost, errors: errors, action: SiteURL.trainingCourse(id).path + "/results",
            people: people.map { SelectOption(value: $0.id.uuidString, label: "\($0.name)（\($0.login)）", selected: $0.id.uuidString == typed["userId"]) },
            components: c.kind.components.map { .init(key: $0.rawValue, label: $0.nameZH, value: typed[$0.rawValue] ?? "") })
        let response = try render(req, "training_course", model)
        response.status = status
        return response
    }

    func record(_ req: Request) async throws -> Response {
        let id = try req.uuidParameter()
        var typed: [String: String] = [:]
        for key in ["userId"] + ScoreComponent.allCases.map(\.rawValue) { typed[key] = req.field(key) }
        let input = TrainingResultInput(attended: req.field("absent") == nil,
                                scores: Dictionary(uniqueKeysWithValues: ScoreComponent.allCases.map { ($0, typed[$0.rawValue] ?? "") }))
        guard let userID = typed["userId"].flatMap(UUID.init(uuidString:)) else {
            return try await renderCourse(req, id: id, errors: ["请选择人员（PLT-07）"], typed: typed, status: .unprocessableEntity)
        }
        do {
            _ = try await TrainingRepository(store: req.store).recordResult(courseID: id, userID: userID, input: input, actor: try req.actor(),
                                                                            context: req.auditContext)
            return req.redirect(to: SiteURL.trainingCourse(id).path + "?ok=result-recorded")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            let messages = e.fields.isEmpty ? [e.messageZH] : e.fields.map { "\($0.messageZH)（\($0.rule)）" }
            return try await renderCourse(req, id: id, errors: messages, typed: typed, status: e.kind == .conflict ? .conflict : .unprocessableEntity)
        }
    }

    /// Revocation needs the confirmation box ticked (the form also asks in the browser) and a reason.
    func revoke(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter()
        let repository = TrainingRepository(store: req.store)
        guard let result = try await repository.result(id, actor: actor) else { throw DomainError.notFound }
        guard req.field("confirm") == "yes" else {
            return try await renderCourse(req, id: result.courseID, errors: ["请勾选“确认撤销”后再提交（PLT-07）"], status: .unprocessableEntity)
        }
        do {
            try await repository.revoke(resultID: id, reason: req.field("reason") ?? "", actor: actor, context: req.auditContext)
            return req.redirect(to: SiteURL.trainingCourse(result.courseID).path + "?ok=qualification-revoked")
        } catch let e as DomainError where e.kind == .invalid {
            return try await renderCourse(req, id: result.courseID, errors: e.fields.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
        }
    }

    func person(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let file = try await TrainingRepository(store: req.store).personFile(userID: try req.uuidParameter(), actor: actor)
        let today = req.store.clock.todayInBeijing
        let quals = file.qualifications.map { q in
            PersonModel.Qual(kind: AdminPages.qualificationName(q.kind, req.procedures), issuer: q.issuer, obtained: q.obtainedOn.iso,
                             expires: q.expiresOn?.iso ?? "长期",
                             status: q.revoked ? "已撤销" : (q.valid(on: today) ? "有效" : (q.expiresOn.map { $0 < today } == true ? "已过期" : "未生效")))
        }
        let outcomes = file.outcomes.map {
            PersonModel.Outcome(procedure: req.procedures.nameZH(caseType: $0.caseType) ?? $0.caseType,
                                state: req.procedures.stateNameZH(caseType: $0.caseType, state: $0.state) ?? $0.state, count: $0.count, closed: $0.closed)
        }
        let model = PersonModel(page: PageChrome(request: req, title: "\(file.user.name)的培训考核档案"), name: file.user.name, unit: file.unitName,
                                flagged: file.flagged, failures: file.consecutiveFailures,
                                results: file.results.map { Self.resultRow($0, req.procedures, manage: false, nameHref: false) },
                                qualifications: quals, outcomes: outcomes, total: file.outcomes.reduce(0) { $0 + $1.count },
                                closed: file.outcomes.reduce(0) { $0 + $1.closed })
        return try render(req, "training_person", model)
    }
}
