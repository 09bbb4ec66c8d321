import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The home page: the user's open work (filled by the procedures) and a few figures.
struct HomePage: RouteCollection {
    struct Model {
        struct Item {
            let href: String; let caseNumber: String; let title: String; let state: String; let major: Bool; let step: String; let due: String
            let signal: String; let signalText: String; let provisional: Bool
            /// CP-03: 规则待核实.
            let unconfirmed: Bool
        }
        struct Tab { let href: String; let label: String; let active: Bool }
        struct NewCase { let id: String; let href: String; let label: String }
        let page: PageChrome
        let items: [Item]
        let tabs: [Tab]
        let view: String
        let states: [SelectOption]
        /// One link per procedure the user may open a case of.
        let newCases: [NewCase]
        let previousHref: String?
        let nextHref: String?
        let pageNumber: Int
        let unitName: String
        let roles: String
        let scope: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.home.pattern, use: home).access(.signedIn)
    }

    func home(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let tree = try await req.unitTree()
        let catalog = try await RoleRepository(store: req.store).catalog()
        let roles = actor.roleCodes.compactMap { catalog.role($0)?.nameZH }.joined(separator: "、")
        let scope = actor.visibleUnits == nil ? "全部单位" : "\(actor.visibleUnits!.count) 个单位"
        let view = req.query[String.self, at: "view"].flatMap(WorklistView.init(rawValue:)) ?? .mine
        let stateFilter = req.query[String.self, at: "state"].flatMap { $0.isEmpty ? nil : $0 }
        let page = Self.pageIndex(req.query[Int.self, at: "page"] ?? 0)
        let items = actor.can(.caseRead) ? try await Self.worklist(req, actor: actor, view: view, state: stateFilter, page: page) : []
        let rows = items.map { i in
            Model.Item(href: SiteURL.caseDetail(i.workCase.id).path, caseNumber: i.workCase.number ?? "", title: i.workCase.title, state: i.stateNameZH,
                       major: i.workCase.gravity == .major, step: i.step.map(req.procedures.stepName) ?? "—", due: i.due?.iso ?? "—",
                       signal: i.signal?.rawValue ?? "none", signalText: i.signal.map(CasePages.signalZH) ?? "", provisional: i.provisional,
                       unconfirmed: i.ruleUnconfirmed)
        }
        let base = "/?view=\(view.rawValue)" + (stateFilter.map { "&state=\($0)" } ?? "")
        let previous = page > 0 ? base + "&page=\(page - 1)" : nil
        let next = items.count == Self.pageSize ? base + "&page=\(page + 1)" : nil
        let tabs = WorklistView.allCases.map { Model.Tab(href: "/?view=\($0.rawValue)", label: $0.nameZH, active: $0 == view) }
        let procedures = req.procedures.procedures
        // The open states of every procedure; with several procedures each name says whose it is.
        var seen = Set<String>()
        let states = procedures.flatMap { p in
            p.states.filter { !p.terminalStates.contains($0.key) && seen.insert($0.key).inserted }.map {
                SelectOption(value: $0.key, label: procedures.count > 1 ? "\(p.nameZH)·\($0.nameZH)" : $0.nameZH, selected: $0.key == stateFilter)
            }
        }
        let newCases = procedures.filter { $0.creation.permissions.contains(where: actor.can) }.map {
            Model.NewCase(id: "new-\($0.caseType)", href: "/\($0.module.pathWord)/new", label: $0.creation.nameZH)
        }
        return try render(req, "home", Model(page: PageChrome(request: req, title: "我的工作"), items: rows, tabs: tabs, view: view.rawValue, states: states,
                                             newCases: newCases, previousHref: previous,
                                             nextHref: next, pageNumber: page + 1,
                                             unitName: tree.units[actor.unitID]?.name ?? "", roles: roles, scope: scope))
    }

    /// The worklist of `view`, sorted by urgency (CAL-40).
    static let pageSize = 50
    /// The last page anyone can ask for: a page number past it is read as it, so a fuzzed `?page=` near
    /// `Int.max` answers an empty page instead of overflowing `page * pageSize` (FZ-08).
    static let lastPage = 1_000_000

    /// A requested page number (0-based) within 0…`lastPage`.
    static func pageIndex(_ requested: Int) -> Int { min(max(0, requested), lastPage) }

    static func worklist(_ req: Request, actor: Actor, view: WorklistView, state: String?, page: Int = 0) async throws -> [WorkItem] {
        // Per procedure, the states in which a step waits on a permission the user holds (the
        // handler's own steps follow the handler).
        let procedures = req.procedures
        var waiting: [String: Set<String>] = [:]
        for p in procedures.procedures {
            waiting[p.caseType] = Worklist.states(p, actingWith: actor.permissions, handlerPermissions: p.module.handlerPermissions)
        }
        let rows = try await WorklistRepository(store: req.store).cases(view: view, waiting: waiting, state: state, actor: actor, limit: pageSize,
                                                                        offset: pageIndex(page) * pageSize)
        let calendar = try await CalendarRepository(store: req.store).current()
        let today = req.store.clock.todayInBeijing
        let warning = req.application.fengqiao.config.warningWorkdays
        // CAL-13: an hour clock's colour is judged at this instant.
        let now = req.store.clock.nowMillis / 1000
        var items = rows.map { c, clocks in
            Worklist.item(c, stateNameZH: procedures.stateNameZH(caseType: c.caseType, state: c.state) ?? c.state, clocks: clocks.map { ($0.step, $0.clock(on: calendar)) }, today: today,
                          warningWindow: warning, now: now, unconfirmedSteps: Set(clocks.filter(\.ruleUnconfirmed).map(\.step)))
        }
        // Issue 12 item 4: the open sub-tasks asked of the user's unit (mine) or of the units in scope
        // (unit), on the first page, whatever unit the case belongs to.
        if page == 0, actor.can(.caseHandle), state == nil, view != .major {
            let units: Set<UUID>? = view == .mine ? [actor.unitID] : actor.visibleUnits.map { $0.subtracting(actor.ownOnlyUnits) }
            for (c, s, clock) in try await SubtaskRepository(store: req.store).open(units: units) {
                items.append(Worklist.subtaskItem(c, s, clock: clock?.clock(on: calendar), today: today, warningWindow: warning, now: now))
            }
        }
        return Worklist.sorted(items)
    }
}
