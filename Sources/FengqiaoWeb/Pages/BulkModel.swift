import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The bulk page (bulk.mustache) of any procedure with bulk operations, in its three modes: choosing items and an operation, the
/// confirmation of what will happen to which items, and the result per item (CP-44).
struct BulkModel {
    enum Mode: String { case selecting, confirming, done }

    /// One item as the page lists it, whatever happened to it (`refusal` nil: ready or done).
    struct Row {
        let caseID: UUID
        let number: String?
        let title: String?
        let state: String?
        let handlerID: UUID?
        let refusal: DomainError?

        init(caseID: UUID, number: String?, title: String?, state: String?, handlerID: UUID?, refusal: DomainError?) {
            self.caseID = caseID
            self.number = number
            self.title = title
            self.state = state
            self.handlerID = handlerID
            self.refusal = refusal
        }

        init(_ r: BulkItemResult) {
            self.init(caseID: r.caseID, number: r.record?.number, title: r.record?.title, state: r.record?.state, handlerID: r.record?.handlerID, refusal: r.refusal)
        }
    }

    struct Item {
        let id: String
        let href: String
        let number: String
        let title: String
        let state: String
        let handler: String
        /// `ready` (confirmation), `done`, `refused`, or empty while choosing.
        let status: String
        let statusText: String
        let code: String
        let reason: String
        let refused: Bool
    }

    let page: PageChrome
    /// The procedure's name (投诉, 举报) and what may not be done in bulk, in words.
    let noun: String
    let refusedZH: String
    let mode: String
    // Stored, not computed: the template reads the model by reflection (ViewTree).
    let selecting: Bool
    let confirming: Bool
    let done: Bool
    let items: [Item]
    let operation: String
    let operationName: String?
    /// What the operation does to each item, in words (`分送至城关所（CG），反馈日期2025年10月9日`).
    let effect: String
    let unit: String
    let reportBackOn: String
    let handler: String
    let readyCount: Int
    let refusedCount: Int
    let doneCount: Int
    let anyReady: Bool
    let anyRefused: Bool
    let limit: Int
    let units: [SelectOption]
    let people: [SelectOption]
    let states: [SelectOption]
    let canDispatch: Bool
    let canAssign: Bool
    let action: String
    let applyAction: String

    static func code(_ e: DomainError) -> String { e.fields.first?.code ?? e.code }
    static func rule(_ e: DomainError) -> String? { e.fields.first?.rule ?? e.ruleID }
    static func message(_ e: DomainError) -> String { e.fields.isEmpty ? e.messageZH : e.fields.map(\.messageZH).joined(separator: "；") }

    init(page: PageChrome, noun: String, refusedZH: String, pathWord: String, mode: Mode, operation: BulkOperation?, input: ActionInput, effect: String,
         items: [Row], stateName: (String) -> String, handlerName: (UUID) -> String, units: [SelectOption], people: [SelectOption], states: [SelectOption],
         canDispatch: Bool, canAssign: Bool) {
        self.page = page
        self.noun = noun
        self.refusedZH = refusedZH
        self.mode = mode.rawValue
        selecting = mode == .selecting
        confirming = mode == .confirming
        done = mode == .done
        self.operation = operation?.rawValue ?? ""
        operationName = operation?.nameZH
        self.effect = effect
        unit = input.values["unit"]?.first ?? ""
        reportBackOn = input.values["reportBackOn"]?.first ?? ""
        handler = input.values["handler"]?.first ?? ""
        self.items = items.map { i in
            let status = mode == .selecting ? "" : i.refusal != nil ? "refused" : mode == .confirming ? "ready" : "done"
            return Item(id: i.caseID.uuidString, href: SiteURL.caseDetail(i.caseID).path, number: i.number ?? "—",
                        title: i.title ?? "（未找到或无权查看）", state: i.state.map(stateName) ?? "—",
                        handler: i.handlerID.map(handlerName) ?? "—", status: status,
                        statusText: ["ready": "将办理", "done": "已办理", "refused": "不予办理"][status] ?? "",
                        code: i.refusal.map(Self.code) ?? "", reason: i.refusal.map(Self.message) ?? "", refused: i.refusal != nil)
        }
        readyCount = mode == .confirming ? items.count { $0.refusal == nil } : 0
        doneCount = mode == .done ? items.count { $0.refusal == nil } : 0
        refusedCount = items.count { $0.refusal != nil }
        anyReady = readyCount > 0
        anyRefused = refusedCount > 0
        limit = BulkPlan.limit
        self.units = units
        self.people = people
        self.states = states
        self.canDispatch = canDispatch
        self.canAssign = canAssign
        action = SiteURL.bulk(pathWord).path
        applyAction = SiteURL.bulkApply(pathWord).path
    }

    /// The page's model from the request: units to dispatch to, the staff of the units in scope.
    static func build<P: Procedure>(_ req: Request, _ procedure: P.Type, plan: BulkPlan, actor: Actor, mode: Mode, request: BulkPages<P>.Request?,
                                    items: [BulkItemResult], state: String?) async throws -> BulkModel {
        let tree = try await req.unitTree()
        let visible = actor.visibleUnits ?? Set(tree.units.keys)
        let users = try await req.organisation.activeUsers(inUnits: visible)
        var names = Dictionary(users.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for id in Set(items.compactMap(\.record?.handlerID)) where names[id] == nil { names[id] = try await req.organisation.user(id: id)?.name }
        let input = request?.input ?? ActionInput()
        let unitCode = input.values["unit"]?.first ?? ""
        var effect = ""
        switch request?.operation {
        case .dispatch:
            let target = tree.units.values.first { $0.code == unitCode }
            let back = input.values["reportBackOn"]?.first.flatMap(LocalDate.init(iso:))
            effect = "分送至\(target?.name ?? unitCode)（\(unitCode)），反馈日期\(back?.chinese ?? "—")"
        case .assign:
            effect = "指派承办人：" + (input.values["handler"]?.first.flatMap(UUID.init(uuidString:)).flatMap { names[$0] } ?? "—")
        default: break
        }
        let units = tree.units.values.filter(\.active).sorted { $0.code < $1.code }.map {
            SelectOption(value: $0.code, label: "\($0.name)（\($0.code)）", selected: $0.code == unitCode)
        }
        let people = users.map { SelectOption(value: $0.id.uuidString, label: "\($0.name)（\($0.login)）", selected: $0.id.uuidString == input.values["handler"]?.first) }
        let states = P.states.filter { !P.terminalStates.contains($0.key) }.map {
            SelectOption(value: $0.key, label: $0.nameZH, selected: $0.key == state)
        }
        // An operation is offered to whoever holds its step's permission.
        func may(_ op: BulkOperation) -> Bool { plan.transition(op).flatMap(P.transition)?.permissions.contains(where: actor.can) ?? false }
        return BulkModel(page: PageChrome(request: req, title: "\(P.nameZH)批量办理"), noun: P.nameZH, refusedZH: plan.refusedZH, pathWord: P.module.pathWord,
                         mode: mode, operation: request?.operation, input: input, effect: effect, items: items.map(Row.init), stateName: P.stateNameZH,
                         handlerName: { names[$0] ?? "—" }, units: units, people: people, states: states, canDispatch: may(.dispatch), canAssign: may(.assign))
    }
}
