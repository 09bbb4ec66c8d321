import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The case page's 「协办事项（分送部门）」 part (issue 12 item 4): each unit asked, its sub-task's
/// state, due date and reply, and — for a user of that unit while it is open — the reply form.
struct SubtaskPages: RouteCollection {
    struct Section {
        struct Row {
            let id: String
            let unit: String
            let title: String
            let rule: String
            let opened: String
            let due: String
            let signal: String
            let signalText: String
            let state: String
            let stateKey: String
            let reply: String
            /// The reply form's action, for a user of the unit while the sub-task is open.
            let action: String?
            let text: String
            let on: String
        }
        let rows: [Row]
        /// 「N个部门待回复」, nil when none is open.
        let pending: String?
    }

    /// Whether the actor may reply to `s`: a user of its unit who handles cases, while it is open
    /// (the store checks the same, X-05).
    static func mayReply(_ s: Subtask, actor: Actor) -> Bool {
        s.isOpen && actor.can(.caseHandle) && actor.sees(unit: s.unitID) && (!actor.ownOnlyUnits.contains(s.unitID) || actor.unitID == s.unitID)
    }

    /// The section, or nil for a case without sub-tasks. `typed`: the reply as entered when it was refused.
    static func section(_ req: Request, caseID: UUID, actor: Actor, clocks: [ClockRecord], typed: (id: UUID, text: String, on: String)?) async throws -> Section? {
        guard let subtasks = try await SubtaskRepository(store: req.store).subtasks(ofCase: caseID, actor: actor), !subtasks.isEmpty else { return nil }
        let calendar = try await CalendarRepository(store: req.store).current()
        let today = req.store.clock.todayInBeijing
        let now = req.store.clock.nowMillis / 1000
        let warning = req.application.fengqiao.config.warningWorkdays
        let byID = Dictionary(uniqueKeysWithValues: clocks.map { ($0.id, $0) })
        let rows = subtasks.map { s -> Section.Row in
            let record = s.clockID.flatMap { byID[$0] }
            let clock = record?.clock(on: calendar)
            let due = clock.map { c in c.dueAt.map(WallClock.beijingMinute(seconds:)) ?? c.dueDate(asOf: record?.endedOn ?? today).date.iso } ?? "—"
            let signal = clock.map { $0.signal(now: now, warningWindow: warning, ended: record?.endedOn, endedAt: record?.endedAt) }
            let reply = s.reply.map { "\($0.text)（\($0.byName)，\($0.on.iso)）" } ?? (s.withdrawnOn.map { "已于 \($0.iso) 撤回" } ?? "")
            let mine = typed?.id == s.id
            return Section.Row(id: s.id.uuidString, unit: s.unitName, title: s.titleZH, rule: s.rule, opened: s.openedOn.iso, due: due,
                               signal: s.isOpen ? (signal?.rawValue ?? "none") : "none", signalText: s.isOpen ? signal.map(CasePages.signalZH) ?? "" : "",
                               state: s.state.nameZH, stateKey: s.state.rawValue, reply: reply,
                               action: mayReply(s, actor: actor) ? SiteURL.subtaskReply(caseID, s.id).path : nil,
                               text: mine ? typed?.text ?? "" : "", on: mine ? typed?.on ?? today.iso : today.iso)
        }
        let open = subtasks.filter(\.isOpen).count
        return Section(rows: rows, pending: open == 0 ? nil : "\(open)个部门待回复")
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.post(SiteURL.subtaskReply(SiteURL.placeholderID, SiteURL.placeholderID).pattern, use: reply)
            .access(.permission(.caseHandle), ["id": .case, "subtaskId": .subtask])
    }

    /// The reply form: a refusal shows the case page again with every message and the reply as typed
    /// another unit's user gets "not found".
    func reply(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let caseID = try req.uuidParameter()
        let subtaskID = try req.uuidParameter("subtaskId")
        let text = req.field("text"), on = req.field("on")
        do {
            _ = try await SubtaskRepository(store: req.store).reply(subtaskID, caseID: caseID, text: text, on: on, actor: actor, context: req.auditContext)
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            let messages = error.fields.isEmpty ? [error.messageZH] : error.fields.map { "\($0.messageZH)（\($0.rule)）" }
            return try await CasePages().page(req, id: caseID, errors: messages, status: .unprocessableEntity,
                                              typedReply: (subtaskID, text ?? "", on ?? ""))
        }
        return req.redirect(to: SiteURL.caseDetail(caseID).path + "?ok=subtask-replied")
    }
}

struct SubtaskDTO: Content {
    let id: UUID
    let unitId: UUID
    let unit: String
    let kind: String
    let title: String
    let step: String
    let rule: String
    let state: String
    let stateName: String
    let openedOn: String
    let clockId: UUID?
    let replyText: String?
    let repliedOn: String?
    let repliedBy: UUID?
    let repliedByName: String?
    let withdrawnOn: String?

    init(_ s: Subtask) {
        id = s.id
        unitId = s.unitID
        unit = s.unitName
        kind = s.kind
        title = s.titleZH
        step = s.step
        rule = s.rule
        state = s.state.rawValue
        stateName = s.state.nameZH
        openedOn = s.openedOn.iso
        clockId = s.clockID
        replyText = s.reply?.text
        repliedOn = s.reply?.on.iso
        repliedBy = s.reply?.byID
        repliedByName = s.reply?.byName
        withdrawnOn = s.withdrawnOn?.iso
    }
}

/// A reply over the API: the text and the reply date (YYYY-MM-DD, not after today).
struct SubtaskReplyDTO: Content {
    let text: String?
    let on: String?
}

/// Sub-tasks over the API (issue 12 item 4): list a case's sub-tasks (anyone who may read the case,
/// the units asked included); a user of the unit asked replies to its own. Refusals are problem JSON
/// with stable codes (`subtask.closed`, `subtask.reply.future`, `input.required` …).
struct SubtaskAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", ":id", "subtasks", use: list).access(.permission(.caseRead), ["id": .case])
        routes.post("cases", ":id", "subtasks", ":subtaskId", "reply", use: reply).access(.permission(.caseHandle), ["id": .case, "subtaskId": .subtask])
    }

    func list(_ req: Request) async throws -> [SubtaskDTO] {
        let actor = try req.actor()
        try actor.require(.caseRead)
        guard let list = try await SubtaskRepository(store: req.store).subtasks(ofCase: try req.uuidParameter(), actor: actor) else { throw DomainError.notFound }
        return list.map(SubtaskDTO.init)
    }

    func reply(_ req: Request) async throws -> SubtaskDTO {
        let actor = try req.actor()
        guard let body = try? req.content.decode(SubtaskReplyDTO.self) else {
            throw DomainError.invalid([FieldError(field: "body", rule: "X-06", code: "input.body.invalid", messageZH: "请求体应为 JSON：{\"text\": …, \"on\": \"YYYY-MM-DD\"}")])
        }
        return SubtaskDTO(try await SubtaskRepository(store: req.store).reply(try req.uuidParameter("subtaskId"), caseID: try req.uuidParameter(), text: body.text,
                                                                           on: body.on, actor: actor, context: req.auditContext))
    }
}
