import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// Destruction of archived files (DOC-50, DOC-51): a list (清册) of cases whose retention ended, a
/// decision per case by the reviewer, the leading group's approval, the destruction before at
/// least three supervisors, and the permanent 《档案销毁记录》. Holds keep a case off the list.
struct DestructionPages: RouteCollection {
    struct ListModel {
        struct Row { let href: String; let proposer: String; let on: String; let status: String; let items: Int }
        let page: PageChrome
        let rows: [Row]
        let canPropose: Bool
    }

    struct Model {
        struct Item { let caseID: String; let archiveNumber: String; let title: String; let retentionEnd: String; let decision: String; let withdrawn: Bool
                      let reviewAction: String }
        let page: PageChrome
        let status: String
        let proposer: String
        let proposedOn: String
        let items: [Item]
        let errors: [String]
        let isDraft: Bool, isUnderReview: Bool, isReviewed: Bool, isApproved: Bool
        let canApprove: Bool
        let base: String
        let record: [String]
        let today: String
    }

    func boot(routes: any RoutesBuilder) throws {
        // DOC-50/51: the unit head proposes, the legal department reviews, the leaders approve.
        let involved = RouteAccess.Rule.anyOf([.caseAssign, .archiveDestroyApprove, .legalReview])
        routes.get("archives", "destructions", use: list).access(involved)
        routes.post("archives", "destructions", use: propose).access(.anyOf([.caseAssign, .archiveDestroyApprove]))
        routes.get("archives", "destructions", ":id", use: show).access(involved, ["id": .destruction])
        routes.post("archives", "destructions", ":id", ":action", use: act).access(involved, ["id": .destruction, "action": .destructionStep])
    }

    static func mayUse(_ actor: Actor) throws {
        guard actor.can(.caseAssign) || actor.can(.archiveDestroyApprove) || actor.can(.legalReview) else {
            throw DomainError.forbidden(Permission.archiveDestroyApprove.rawValue)
        }
    }

    func list(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try Self.mayUse(actor)
        let rows = try await ArchiveRepository(store: req.store).proposals(actor: actor).map {
            ListModel.Row(href: "/archives/destructions/\($0.id.uuidString)", proposer: $0.proposer, on: $0.proposedOn.chinese, status: $0.status.nameZH,
                          items: $0.activeItems.count)
        }
        return try render(req, "destructions", ListModel(page: PageChrome(request: req, title: "档案销毁"), rows: rows,
                                                        canPropose: actor.can(.caseAssign) || actor.can(.archiveDestroyApprove)))
    }

    func propose(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let p = try await ArchiveRepository(store: req.store).propose(actor: actor, context: req.auditContext)
        return req.redirect(to: "/archives/destructions/\(p.id.uuidString)")
    }

    func show(_ req: Request) async throws -> Response { try await page(req, errors: [], status: .ok) }

    func page(_ req: Request, errors: [String], status: HTTPStatus) async throws -> Response {
        let actor = try req.actor()
        try Self.mayUse(actor)
        let id = try req.uuidParameter()
        guard let (p, _) = try await ArchiveRepository(store: req.store).proposal(id), actor.sees(unit: p.unitID) else { throw DomainError.notFound }
        let base = "/archives/destructions/\(id.uuidString)"
        let items = p.items.map {
            Model.Item(caseID: $0.caseID, archiveNumber: $0.candidate.archiveNumber, title: $0.candidate.title,
                       retentionEnd: $0.candidate.retentionEnd?.chinese ?? "永久", decision: $0.review?.decision.nameZH ?? ($0.withdrawal.map { "已撤出：\($0.reason)" } ?? "待审核"),
                       withdrawn: $0.isWithdrawn, reviewAction: "\(base)/review")
        }
        let model = Model(page: PageChrome(request: req, title: "档案销毁清册"), status: p.status.nameZH, proposer: p.proposer, proposedOn: p.proposedOn.chinese,
                          items: items, errors: errors, isDraft: p.status == .draft, isUnderReview: p.status == .underReview, isReviewed: p.status == .reviewed,
                          isApproved: p.status == .approved, canApprove: actor.can(.archiveDestroyApprove), base: base, record: p.record?.linesZH ?? [],
                          today: req.store.clock.todayInBeijing.iso)
        let response = try render(req, "destruction", model)
        response.status = status
        return response
    }

    /// One step of the list; the core value refuses what the rules forbid, with every reason.
    func act(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try Self.mayUse(actor)
        let id = try req.uuidParameter()
        let repo = ArchiveRepository(store: req.store)
        let today = req.store.clock.todayInBeijing
        let action = req.parameters.get("action") ?? ""
        do {
            switch action {
            case "list":
                let raw = req.field("case") ?? ""
                guard let caseID = try await repo.caseID(archiveNumber: raw) ?? UUID(uuidString: raw) else {
                    throw DomainError.invalid([FieldError(field: "case", rule: "DOC-50", code: "destruction.case.unknown", messageZH: "没有档号为“\(raw)”的已归档案件")])
                }
                let candidate = try await repo.candidate(caseID, actor: actor)
                _ = try await repo.update(id, action: "list", actor: actor, context: req.auditContext) { p in try p.list(candidate, on: today) }
            case "submit":
                _ = try await repo.update(id, action: "submit", actor: actor, context: req.auditContext) { p in try p.submitForReview(on: today) }
            case "review":
                let caseID = req.field("caseID") ?? ""
                let decision: DestructionDecision
                switch req.field("decision") {
                case "keep":
                    guard let until = req.field("until").flatMap(LocalDate.init(iso:)) else {
                        throw DomainError.invalid([FieldError(field: "until", rule: "DOC-50", code: "destruction.keep.date", messageZH: "继续保存须填写保存至日期")])
                    }
                    decision = .keep(newDate: until, reason: req.field("reason") ?? "")
                case "transfer": decision = .transfer(to: req.field("to") ?? "")
                default: decision = .destroy
                }
                let reviewer = actor.name
                _ = try await repo.update(id, action: "review", actor: actor, context: req.auditContext) { p in
                    try p.review(caseID: caseID, decision: decision, reviewer: reviewer, on: today)
                }
            case "complete":
                _ = try await repo.update(id, action: "complete", actor: actor, context: req.auditContext) { p in try p.completeReview(on: today) }
            case "approve", "reject":
                try actor.require(.archiveDestroyApprove)
                let name = actor.name
                let text = req.field("text") ?? ""
                _ = try await repo.update(id, action: action, actor: actor, context: req.auditContext) { p in
                    if action == "approve" { try p.approve(approver: name, on: today, resolution: text) } else { try p.reject(by: name, on: today, reason: text) }
                }
            case "destroy":
                let supervisors = (req.field("supervisors") ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
                _ = try await repo.destroy(id, supervisors: supervisors, place: req.field("place") ?? "", method: req.field("method") ?? "",
                                           filesRoot: req.application.fengqiao.config.filesDirectory, actor: actor, context: req.auditContext)
            default:
                throw DomainError.notFound
            }
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await page(req, errors: e.fields.isEmpty ? [e.messageZH] : e.fields.map { "\($0.messageZH)（\($0.rule)）" }, status: .unprocessableEntity)
        }
        return req.redirect(to: "/archives/destructions/\(id.uuidString)")
    }
}
