import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// The case page's deadline part (CAL-30…33, CAL-40): each step's clock with its due date and
/// colour, the days it has been stopped, its suspensions and extensions, and the forms that record
/// them; below, the case timeline. Issue 5's procedure pages extend this page.
struct CasePages: RouteCollection {
    struct ClockView {
        struct Entry { let text: String }
        /// CAL-32: a pending extension request; `confirmAction` only for its named approver.
        struct Pending { let text: String; let confirmAction: String? }
        let id: String
        let step: String
        let rule: String
        let start: String
        let due: String
        /// CAL-13: an hour clock's start and due instants, ISO 8601 in Beijing time, for `<time>`
        /// (nil for a clock of days).
        var startInstant: String? = nil
        var dueInstant: String? = nil
        let provisional: Bool
        let unconfirmed: Bool
        let state: String
        let signal: String
        let signalText: String
        let stoppedDays: Int
        let extended: String
        let entries: [Entry]
        let open: Bool
        let suspended: Bool
        let canExtend: Bool
        let suspendAction: String
        let resumeAction: String
        let extendAction: String
        let pending: [Pending]
    }

    struct Model {
        struct Fact { let label: String; let value: String }
        struct Event { let at: String; let who: String; let action: String; let text: String }
        let page: PageChrome
        let title: String
        let archiveHref: String
        let facts: [Fact]
        let clocks: [ClockView]
        let approvers: [SelectOption]
        let today: String
        let timeline: [Event]
        let errors: [String]
        let canHandle: Bool
        /// The procedure's part (state, facts, actions with their forms), for procedure cases.
        let procedure: ProcedureSection?
        /// Nil for a unit that only reads the case.
        let documents: DocumentPages.Section?
        /// Issue 12 item 4: the units asked and their replies; nil without sub-tasks.
        let subtasks: SubtaskPages.Section?
        /// The actor's unit reads the case only (a kept dispatch, a sub-task's unit): no forms.
        let readOnly: Bool
        let canPublish: Bool
        let publishHref: String
    }

    struct DeadlinesModel {
        struct Row {
            let href: String; let caseTitle: String; let step: String; let due: String; let signal: String; let signalText: String; let provisional: Bool
            /// CP-03: 规则待核实.
            var unconfirmed: Bool = false
        }
        struct Card { let color: String; let name: String; let reason: String; let at: String }
        let page: PageChrome
        let rows: [Row]
        let cards: [Card]
        let year: Int
        let unitName: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.deadlines.pattern, use: deadlines).access(.permission(.caseRead))
        routes.get(SiteURL.caseDetail(SiteURL.placeholderID).pattern, use: show).access(.permission(.caseRead), ["id": .case])
        routes.get(SiteURL.caseArchive(SiteURL.placeholderID).pattern, use: archivePackage).access(.permission(.caseRead), ["id": .case])
        for action in ["suspend", "resume", "extend"] {
            routes.post(SiteURL.clockAction(SiteURL.placeholderID, action).pattern) { req in try await self.clockAction(req, action) }
                .access(.permission(.caseHandle), ["id": .clock])
        }
        // CAL-32: the approver named in the request confirms it (the repository checks it is them).
        routes.post(SiteURL.clockExtensionConfirm(SiteURL.placeholderID, SiteURL.placeholderID).pattern, use: confirmExtension)
            .access(.permission(.caseRead), ["id": .clock, "requestId": .extensionRequest])
    }

    static func stateZH(_ s: ClockState) -> String {
        switch s {
        case .running: "计时中"
        case .suspended: "中止计时"
        case .met: "按期办结"
        case .overdue: "超期"
        case .cancelled: "已撤销"
        }
    }

    /// An instant as `2025-09-30T16:00+08:00` (Beijing time, to the minute).
    static func instant(_ seconds: Int64) -> String {
        WallClock.beijingMinute(seconds: seconds).replacingOccurrences(of: " ", with: "T") + "+08:00"
    }

    static func signalZH(_ s: Signal) -> String {
        switch s {
        case .green: "正常"
        case .yellow: "即将到期"
        case .orange: "今日到期"
        case .red: "已超期"
        }
    }

    func show(_ req: Request) async throws -> Response {
        try await page(req, id: try req.uuidParameter(), errors: [])
    }

    func page(_ req: Request, id: UUID, errors: [String], status: HTTPStatus = .ok,
              failed: (key: String, input: ActionInput)? = nil, typedReply: (id: UUID, text: String, on: String)? = nil) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.caseRead)
        let cases = CaseRepository(store: req.store)
        // Issue 12 item 4: a unit that kept read access or was asked a sub-task reads the case; only
        // the case's own unit (X-05) acts on it.
        guard let c = try await cases.find(id, actor: actor, reading: true) else { throw DomainError.notFound }
        let acting = try await cases.find(id, actor: actor) != nil
        let records = try await ClockRepository(store: req.store).clocks(ofCase: id, actor: actor, reading: true)
        let calendar = try await CalendarRepository(store: req.store).current()
        let today = req.store.clock.todayInBeijing
        let now = req.store.clock.nowMillis / 1000
        let warning = req.application.fengqiao.config.warningWorkdays
        let tree = try await req.unitTree()
        let clocks = records.map { r -> ClockView in
            let clock = r.clock(on: calendar)
            let due = clock.dueDate(asOf: r.endedOn ?? today)
            let state = clock.state(now: now, ended: r.endedOn, endedAt: r.endedAt)
            let signal = clock.signal(now: now, warningWindow: warning, ended: r.endedOn, endedAt: r.endedAt)
            let unit = RuleSetPages.unitZH(r.rule.unit)
            var entries: [ClockView.Entry] = r.records.map { e in
                switch e.kind {
                case .suspension:
                    .init(text: "中止 \(e.from?.iso ?? "") 至 \(e.to?.iso ?? "（未恢复）")；依据：\(e.ground)；批准人：\(e.approverName)")
                case .extension:
                    .init(text: "延期 \(e.count)\(unit)（\(e.grantedOn?.iso ?? "")）；理由：\(e.ground)；批准人：\(e.approverName)")
                }
            }
            if let ended = r.endedOn { entries.append(.init(text: "办结于 \(r.endedAt.map(WallClock.beijingMinute(seconds:)) ?? ended.iso)")) }
            let id = r.id
            let pending = r.pendingExtensions.map { p in
                ClockView.Pending(text: "待确认延期 \(p.count)\(unit)（\(p.requestedOn.iso) 申请）；理由：\(p.ground)；批准人：\(p.approverName)",
                                  confirmAction: p.approverID == actor.userID ? SiteURL.clockExtensionConfirm(id, p.id).path : nil)
            }
            return ClockView(
                id: id.uuidString, step: req.procedures.stepName(r.step), rule: "\(r.rule.count)\(unit)（\(TimelineText.ruleSetLabel(r.ruleSet, procedures: req.procedures))）",
                start: clock.startAt.map(WallClock.beijingMinute(seconds:)) ?? r.start.iso,
                due: clock.dueAt.map(WallClock.beijingMinute(seconds:)) ?? due.date.iso,
                startInstant: clock.startAt.map(Self.instant), dueInstant: clock.dueAt.map(Self.instant), provisional: due.provisional, unconfirmed: r.ruleUnconfirmed, state: Self.stateZH(state),
                signal: signal.rawValue, signalText: Self.signalZH(signal), stoppedDays: clock.stoppedDays(asOf: today),
                extended: clock.extended > 0 ? "\(clock.extended)\(unit)" : "", entries: entries, open: r.isOpen,
                suspended: clock.openSuspension != nil, canExtend: r.rule.maxExtension > 0,
                suspendAction: SiteURL.clockAction(id, "suspend").path, resumeAction: SiteURL.clockAction(id, "resume").path,
                extendAction: SiteURL.clockAction(id, "extend").path, pending: pending)
        }
        let path = tree.path(from: c.unitID).map(\.id)
        // CAL-31/32: who may approve a suspension or an extension of this case's steps, in the case's
        // unit and above, found by permission, not role: the heads who assign the unit's cases, and
        // the holders of the rules' extension permissions (the server checks the latter, CAL-32).
        let permissions = [Permission.caseAssign.rawValue] + Set(records.compactMap { $0.rule.extensionPermission }).sorted()
        let approvers = try await NotificationRepository(store: req.store).users(withPermissions: permissions.map(Permission.init(rawValue:)), inUnits: path)
        let approverNames = Dictionary(try await req.organisation.users(ids: Set(approvers.map(\.id))).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let approverOptions = approvers.map { a in
            SelectOption(value: a.id.uuidString, label: "\(approverNames[a.id] ?? a.login)（\(a.login)）", selected: false)
        }
        let entries = try await cases.timeline(id, actor: actor, reading: true)
        let names = try await TimelineText.names(entries, caseID: id, clocks: records, req: req, actor: actor)
        let timeline = entries.map { e in
            Model.Event(at: WallClock.beijingText(millis: e.at), who: TimelineText.who(e.login), action: TimelineText.actionZH(e.action),
                        text: TimelineText.text(e, caseType: c.caseType, procedures: req.procedures, names: names))
        }
        let facts: [Model.Fact] = [
            .init(label: "案件类型", value: Self.caseTypeName(c.caseType, req.procedures)), .init(label: "案号", value: c.number ?? "（未编号）"),
            .init(label: "案件等级", value: Gravity(rawValue: c.gravity)?.nameZH ?? c.gravity),
            .init(label: "承办单位", value: tree.units[c.unitID]?.name ?? ""), .init(label: "状态", value: Self.stateName(c, req.procedures)),
            .init(label: "立案（受理）日期", value: c.openedOn.chinese),
            .init(label: "适用时限规则", value: c.ruleVersions.sorted { $0.key < $1.key }
                .map { "\(TimelineText.ruleSetName($0.key, procedures: req.procedures)) 第\($0.value)版" }.joined(separator: "，")),
        ]
        let model = Model(page: PageChrome(request: req, title: c.title), title: c.title, archiveHref: SiteURL.caseArchive(id).path, facts: facts, clocks: clocks,
                          approvers: approverOptions, today: today.iso, timeline: timeline, errors: errors, canHandle: acting && actor.can(.caseHandle),
                          procedure: try await ProcedurePages.section(req, caseType: c.caseType, caseID: id, actor: actor, acting: acting, failed: failed),
                          documents: acting ? try await DocumentPages.section(req, c, actor: actor) : nil,
                          subtasks: try await SubtaskPages.section(req, caseID: id, actor: actor, clocks: records, typed: typedReply), readOnly: !acting,
                          canPublish: acting && c.closedOn != nil && actor.can(.legalReview), publishHref: "/cases/\(id.uuidString)/publication")
        let response = try render(req, "case", model)
        response.status = status
        return response
    }

    /// DOC-44 from the UI: the case's archive package, audited.
    func archivePackage(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.caseRead)
        let id = try req.uuidParameter()
        guard try await CaseRepository(store: req.store).find(id, actor: actor) != nil else { throw DomainError.notFound }
        let data = try await ArchiveExporter(store: req.store, filesRoot: req.application.fengqiao.config.filesDirectory).package(caseIDs: [id], actor: actor)
        try await req.store.write(req.auditContext) { tx in tx.record("archive.export", "case", id.uuidString, detail: "\(data.count) bytes") }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .zip
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"case-\(id.uuidString.prefix(8)).zip\"")
        return response
    }

    /// Case types with no procedure of their own here: a penalty case opened by a hand-off (IV-04) and
    /// the demo's and tests' plain cases.
    static let otherCaseTypeZH = ["demo": "演示案件", "test": "测试案件"]
    static let caseStateZH = ["open": "办理中", "closed": "已结案", "registered": "待立案"]

    static func caseTypeName(_ caseType: String, _ procedures: ProcedureRegistry) -> String {
        procedures.nameZH(caseType: caseType) ?? otherCaseTypeZH[caseType] ?? caseType
    }

    static func stateName(_ c: CaseRecord, _ procedures: ProcedureRegistry) -> String {
        procedures.stateNameZH(caseType: c.caseType, state: c.state) ?? caseStateZH[c.state] ?? c.state
    }

    /// Suspend, resume or ask to extend a clock from the case page (a clock ends only through its
    /// procedure's transitions, X-02). A refusal shows the case page again
    /// with every message (the form values are simple enough to re-enter; nothing is saved).
    func clockAction(_ req: Request, _ action: String) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter()
        let repo = ClockRepository(store: req.store)
        guard let record = try await repo.find(id, actor: actor) else { throw DomainError.notFound }
        func date(_ name: String) -> LocalDate? { req.field(name).flatMap(LocalDate.init(iso:)) }
        do {
            switch action {
            case "suspend":
                guard let from = date("from") else { throw Self.missing("from", "请填写中止开始日期（YYYY-MM-DD）", "CAL-31") }
                guard let approver = req.field("approver").flatMap(UUID.init(uuidString:)) else { throw Self.missing("approver", "请选择批准人", "CAL-31") }
                _ = try await repo.suspend(id, from: from, to: date("to"), ground: req.field("ground") ?? "", approverID: approver,
                                           actor: actor, context: req.auditContext)
            case "resume":
                guard let last = date("lastSuspendedDay") else { throw Self.missing("lastSuspendedDay", "请填写中止的最后一日", "CAL-31") }
                _ = try await repo.resume(id, lastSuspendedDay: last, actor: actor, context: req.auditContext)
            case "extend":
                guard let count = req.field("count").flatMap(Int.init), count > 0 else { throw Self.missing("count", "请填写延期数（正整数）", "CAL-32") }
                guard let approver = req.field("approver").flatMap(UUID.init(uuidString:)) else { throw Self.missing("approver", "请选择批准人", "CAL-32") }
                _ = try await ClockExtensionRepository(store: req.store).request(id, by: count, ground: req.field("ground") ?? "", approverID: approver,
                                                                                 actor: actor, context: req.auditContext)
            default:
                throw DomainError.notFound
            }
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            let messages = error.fields.isEmpty ? [error.messageZH] : error.fields.map { "\($0.messageZH)（\($0.rule)）" }
            return try await page(req, id: record.caseID, errors: messages, status: .unprocessableEntity)
        }
        let flash = ["suspend": "clock-suspended", "resume": "clock-resumed", "extend": "clock-extended"][action] ?? ""
        return req.redirect(to: SiteURL.caseDetail(record.caseID).path + "?ok=\(flash)")
    }

    /// CAL-32: the named approver confirms a pending extension from the case page.
    func confirmExtension(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter()
        guard let record = try await ClockRepository(store: req.store).find(id, actor: actor) else { throw DomainError.notFound }
        do {
            _ = try await ClockExtensionRepository(store: req.store).confirm(try req.uuidParameter("requestId"), clockID: id, actor: actor,
                                                                          context: req.auditContext)
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            let messages = error.fields.isEmpty ? [error.messageZH] : error.fields.map { "\($0.messageZH)（\($0.rule)）" }
            return try await page(req, id: record.caseID, errors: messages, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.caseDetail(record.caseID).path + "?ok=clock-extension-confirmed")
    }

    static func missing(_ field: String, _ message: String, _ rule: String) -> DomainError {
        DomainError.invalid([FieldError(field: field, rule: rule, code: "\(field).required", messageZH: message)])
    }

    /// "期限": the user's open steps, most urgent first, coloured (CAL-40); and the unit's cards of
    /// the year (CAL-42).
    func deadlines(_ req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.require(.caseRead)
        let store = req.store
        let calendar = try await CalendarRepository(store: store).current()
        let today = store.clock.todayInBeijing
        let warning = req.application.fengqiao.config.warningWorkdays
        let clocks = ClockRepository(store: store)
        let open = try await clocks.open(handler: actor.userID)
        var titles: [UUID: String] = [:]
        let cases = CaseRepository(store: store)
        var rows: [(Signal, LocalDate, DeadlinesModel.Row)] = []
        for r in open {
            if titles[r.caseID] == nil { titles[r.caseID] = try await cases.find(r.caseID, actor: actor)?.title }
            guard let title = titles[r.caseID] else { continue }
            let clock = r.clock(on: calendar)
            let due = clock.dueDate(asOf: today)
            // CAL-13: an hour clock turns red the moment its due instant passes.
            let signal = clock.signal(now: store.clock.nowMillis / 1000, warningWindow: warning)
            rows.append((signal, due.date, .init(href: SiteURL.caseDetail(r.caseID).path, caseTitle: title, step: req.procedures.stepName(r.step),
                                                due: clock.dueAt.map(WallClock.beijingMinute(seconds:)) ?? due.date.iso, signal: signal.rawValue, signalText: Self.signalZH(signal), provisional: due.provisional,
                                                unconfirmed: r.ruleUnconfirmed)))
        }
        let urgency: [Signal: Int] = [.red: 0, .orange: 1, .yellow: 2, .green: 3]
        rows.sort { (urgency[$0.0]!, $0.1) < (urgency[$1.0]!, $1.1) }
        let cards = try await clocks.cards(unit: actor.unitID, year: today.year).map {
            DeadlinesModel.Card(color: $0.color.rawValue, name: $0.color.nameZH, reason: $0.reason, at: WallClock.beijingText(millis: $0.at))
        }
        let unitName = try await req.unitTree().units[actor.unitID]?.name ?? ""
        return try render(req, "deadlines", DeadlinesModel(page: PageChrome(request: req, title: "期限"), rows: rows.map(\.2), cards: cards,
                                                            year: today.year, unitName: unitName))
    }
}
