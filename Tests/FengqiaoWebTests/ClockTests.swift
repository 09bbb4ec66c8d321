import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Clocks on a case (CAL-30…33), recomputation on a calendar revision (CAL-04), reminders and
/// escalation (CAL-41), cards (CAL-42), and the case page and API that show them.
@Suite("Clocks, reminders and cards", .serialized)
struct ClockTests {
    struct World {
        let s: Seeded
        let head: UserRecord
        let leader: UserRecord
        let caseID: UUID
    }

    /// The seeded organisation plus a unit head in office A and a deputy leader in the bureau, and a
    /// test case of office A handled by officer_a, opened 2025-09-30 under the interview rules.
    static func world(_ env: TestEnv) async throws -> World {
        let s = try await env.seed()
        let ctx = AuditContext.system("test")
        let head = try await env.user("head_a", "王所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
        let leader = try await env.user("leader", "赵局长", unit: s.bureau.id, role: "deputy-leader", scope: .unitTree)
        let c = try await CaseRepository(store: env.store).create(
            NewCase(unitID: s.officeA.id, caseType: "test", title: "测试案件（期限）", state: "open", handlerID: s.officerA.id,
                    openedOn: LocalDate(iso: "2025-09-30")!, ruleSetKeys: ["interview"]),
            actor: env.actor(s.officerA), context: ctx)
        return World(s: s, head: head, leader: leader, caseID: c.id)
    }

    static func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test("CAL-21 a case records the rule-set versions in force on its opening date; CAL-30 a started clock has its due date")
    func startClock() async throws {
        try await withApp { env in
            let w = try await Self.world(env)
            let c = try #require(try await CaseRepository(store: env.store).find(w.caseID, actor: env.actor(w.s.officerA)))
            #expect(c.ruleVersions == ["interview": 1])
            // CAL-16: 5 working days from 2025-09-30 cross the National Day holiday.
            let clock = try await ClockRepository(store: env.store).start(caseID: w.caseID, ruleSet: "interview", step: "inspection",
                                                                         on: Self.d("2025-09-30"), handlerID: nil, actor: env.actor(w.s.officerA), context: .system("t"))
            #expect(clock.due.iso == "2025-10-14")
            #expect(clock.ruleSet == "interview@1")
            // The handler is told at once (CAL-41).
            let inbox = try await NotificationRepository(store: env.store).inbox(userID: w.s.officerA.id)
            #expect(inbox.map(\.kind) == ["clock.started"])
            // An unknown step is refused with the rule.
            await #expect(throws: DomainError.self) {
                _ = try await ClockRepository(store: env.store).start(caseID: w.caseID, ruleSet: "interview", step: "nonsense",
                                                                      on: Self.d("2025-09-30"), handlerID: nil, actor: env.actor(w.s.officerA), context: .system("t"))
            }
        }
    }

    @Test("CAL-31 a suspension moves the due date by exactly the suspended working days; rest days in it move nothing")
    func suspension() async throws {
        try await withApp { env in
            let w = try await Self.world(env)
            let officer = try await env.actor(w.s.officerA)
            let clocks = ClockRepository(store: env.store)
            // A: suspended over the holiday only (10-01…10-08 are all rest days): due stays 2025-10-14.
            let a = try await clocks.start(caseID: w.caseID, ruleSet: "interview", step: "inspection", on: Self.d("2025-09-30"), handlerID: nil,
                                           actor: officer, context: .system("t"))
            let a2 = try await clocks.suspend(a.id, from: Self.d("2025-10-01"), to: Self.d("2025-10-08"), ground: "检验检测", approverID: w.head.id,
                                              actor: officer, context: .system("t"))
            #expect(a2.due.iso == "2025-10-14")
            // B: suspended 10-09…10-10 (two working days): due moves from 10-14 to 10-16.
            let b = try await clocks.start(caseID: w.caseID, ruleSet: "interview", step: "inspection", on: Self.d("2025-09-30"), handlerID: nil,
                                           actor: officer, context: .system("t"))
            let b2 = try await clocks.suspend(b.id, from: Self.d("2025-10-09"), to: nil, ground: "等待当事人补正材料", approverID: w.head.id,
                                              actor: officer, context: .system("t"))
            #expect(b2.records.count == 1)
            let b3 = try await clocks.resume(b.id, lastSuspendedDay: Self.d("2025-10-10"), actor: officer, context: .system("t"))
            #expect(b3.due.iso == "2025-10-16")
            let calendar = try await CalendarRepository(store: env.store).current()
            #expect(b3.clock(on: calendar).stoppedDays(asOf: Self.d("2025-10-20")) == 2)
            // Without a ground it is refused and nothing is recorded.
            await #expect(throws: DomainError.self) {
                _ = try await clocks.suspend(a.id, from: Self.d("2025-10-10"), to: nil, ground: " ", approverID: w.head.id, actor: officer, context: .system("t"))
            }
            #expect(try await clocks.find(a.id, actor: officer)?.records.count == 1)
            // Each change is on the case timeline.
            let actions = try await CaseRepository(store: env.store).timeline(w.caseID, actor: officer).map(\.action)
            #expect(actions.filter { $0 == "clock.suspend" }.count == 2)
            #expect(actions.contains("clock.resume"))
        }
    }

    @Test("CAL-32 an extension needs an approver with the rule's permission and stays within the maximum; it takes effect when that approver confirms it")
    func extensionRules() async throws {
        try await withApp { env in
            let w = try await Self.world(env)
            let officer = try await env.actor(w.s.officerA)
            let clocks = ClockRepository(store: env.store)
            let extensions = ClockExtensionRepository(store: env.store)
            // Legality review: 2 working days from 2025-09-30 → 2025-10-10; up to 3 more (to 5).
            let c = try await clocks.start(caseID: w.caseID, ruleSet: "interview", step: "legalReview", on: Self.d("2025-09-30"), handlerID: nil,
                                           actor: officer, context: .system("t"))
            #expect(c.due.iso == "2025-10-10")
            do {
                _ = try await extensions.request(c.id, by: 3, ground: "重大疑难", approverID: w.s.officerA.id, actor: officer, context: .system("t"))
                Issue.record("an officer without the permission approved an extension")
            } catch let e as DomainError {
                #expect(e.fields.first?.code == "clock.extension-not-permitted")
                #expect(e.fields.first?.rule == "CAL-32")
            }
            do {
                _ = try await extensions.request(c.id, by: 4, ground: "重大疑难", approverID: w.leader.id, actor: officer, context: .system("t"))
                Issue.record("an extension beyond the maximum was granted")
            } catch let e as DomainError {
                #expect(e.fields.first?.code == "clock.extension-exceeds-maximum")
            }
            // 3 more working days: 10-11 (a make-up Saturday), 10-13, 10-14 — asked for, then confirmed by the leader.
            let requested = try await extensions.request(c.id, by: 3, ground: "重大疑难案件", approverID: w.leader.id, actor: officer, context: .system("t"))
            #expect(requested.due.iso == "2025-10-10")
            let requestID = try #require(requested.pendingExtensions.first?.id)
            let extended = try await extensions.confirm(requestID, clockID: c.id, actor: env.actor(w.leader), context: .system("t"))
            #expect(extended.due.iso == "2025-10-14")
            #expect(extended.pendingExtensions.isEmpty)
            #expect(try await clocks.find(c.id, actor: officer)?.records.map(\.approverID) == [w.leader.id])
            let events = try await env.audit.search(AuditQuery(action: "clock.extend"), actor: env.actor(w.s.auditor))
            #expect(events.count == 1)
            #expect(events.first?.draft.changes["due"]?.after == "2025-10-14")
            #expect(events.first?.draft.changes["approver"]?.after == "赵局长")
        }
    }

    @Test("CAL-04 a calendar revision that adds a holiday moves an open due date and audits it with the revision")
    func recomputeOnRevision() async throws {
        try await withApp { env in
            let w = try await Self.world(env)
            let officer = try await env.actor(w.s.officerA)
            let clocks = ClockRepository(store: env.store)
            // 2027 is not in the calendar yet: Mon–Fri, provisional. 3 working days from Fri 2027-02-05 → Wed 02-10.
            let open = try await clocks.start(caseID: w.caseID, ruleSet: "interview", step: "verification", on: Self.d("2027-02-05"), handlerID: nil,
                                              actor: officer, context: .system("t"))
            #expect(open.due.iso == "2027-02-10")
            #expect(open.provisional)
            // A finished clock over the same dates is left alone.
            let done = try await clocks.start(caseID: w.caseID, ruleSet: "interview", step: "verification", on: Self.d("2027-02-05"), handlerID: nil,
                                              actor: officer, context: .system("t"))
            _ = try await clocks.end(done.id, on: Self.d("2027-02-08"), actor: officer, context: .system("t"))
            _ = try await CalendarRepository(store: env.store).importText(CalendarAndSchedulerTests.year2027, actor: env.actor(w.s.admin), context: .system("t"))
            // Holiday 02-06…02-12, make-up Saturday 02-13: 02-13, 02-15, 02-16.
            let moved = try #require(try await clocks.find(open.id, actor: officer))
            #expect(moved.due.iso == "2027-02-16")
            #expect(!moved.provisional)
            #expect(moved.calendarRevision == 1)
            #expect(try await clocks.find(done.id, actor: officer)?.due.iso == "2027-02-10")
            let events = try await env.audit.search(AuditQuery(action: "clock.recompute"), actor: env.actor(w.s.auditor))
            #expect(events.count == 1)
            #expect(events.first?.draft.changes["due"]?.before == "2027-02-10")
            #expect(events.first?.draft.changes["due"]?.after == "2027-02-16")
            #expect(events.first?.draft.detail?.contains("日历修订 1") == true)
            let verdict = try await AuditRepository(store: env.store).verify()
            guard case .intact = verdict else { Issue.record("chain broken: \(verdict)"); return }
        }
    }

    @Test("CAL-40 the worklist order follows every clock change: start, extension, end, cancel, and a calendar revision (CAL-04)")
    func worklistOrderFollowsClocks() async throws {
        try await withApp { env in
            let w = try await Self.world(env)
            let officer = try await env.actor(w.s.officerA)
            let clocks = ClockRepository(store: env.store)
            let other = try await CaseRepository(store: env.store).create(
                NewCase(unitID: w.s.officeA.id, caseType: "test", title: "测试案件（排序）", state: "open", handlerID: w.s.officerA.id,
                        openedOn: Self.d("2025-09-30"), ruleSetKeys: ["interview"]),
                actor: officer, context: .system("t")).id
            func order() async throws -> [UUID] {
                try await WorklistRepository(store: env.store).cases(view: .unit, waiting: ["test": []], state: nil, actor: officer)
                    .map(\.0.id)
            }
            #expect(try await order().isEmpty)  // no step runs yet
            // Legality review 2 working days from 2025-09-30 → 10-10; verification 3 → 10-11 (a make-up Saturday).
            let review = try await clocks.start(caseID: w.caseID, ruleSet: "interview", step: "legalReview", on: Self.d("2025-09-30"), handlerID: nil,
                                                actor: officer, context: .system("t"))
            let verification = try await clocks.start(caseID: other, ruleSet: "interview", step: "verification", on: Self.d("2025-09-30"),
                                                      handlerID: nil, actor: officer, context: .system("t"))
            #expect(review.due.iso == "2025-10-10")
            #expect(verification.due.iso == "2025-10-11")
            #expect(try await order() == [w.caseID, other])
            // Extended by 3 working days to 10-14: now after the other case.
            let extensions = ClockExtensionRepository(store: env.store)
            let requested = try await extensions.request(review.id, by: 3, ground: "重大疑难", approverID: w.leader.id, actor: officer, context: .system("t"))
            #expect(try await order() == [w.caseID, other])  // pending: the due date has not moved
            _ = try await extensions.confirm(try #require(requested.pendingExtensions.first?.id), clockID: review.id, actor: env.actor(w.leader),
                                             context: .system("t"))
            #expect(try await order() == [other, w.caseID])
            // The other case's step ends: only the first is waiting; cancelled, nothing is.
            _ = try await clocks.end(verification.id, on: Self.d("2025-10-10"), actor: officer, context: .system("t"))
            #expect(try await order() == [w.caseID])
            try await clocks.cancel(review.id, on: Self.d("2025-10-10"), reason: "测试", actor: officer, context: .system("t"))
            #expect(try await order().isEmpty)
            // A calendar revision moves a working-day due date past one counted in calendar days, which
            // only rolls off the new holiday onto the make-up Saturday (CAL-13).
            let counted = try await clocks.start(caseID: w.caseID, ruleSet: "interview", step: "verification", on: Self.d("2027-02-05"), handlerID: nil,
                                                 actor: officer, context: .system("t"))
            let days = try await clocks.start(caseID: other, ruleSet: "interview", step: "rectification", on: Self.d("2027-01-12"), handlerID: nil,
                                              actor: officer, context: .system("t"))
            #expect(counted.due.iso == "2027-02-10")
            #expect(days.due.iso == "2027-02-11")
            #expect(try await order() == [w.caseID, other])
            _ = try await CalendarRepository(store: env.store).importText(CalendarAndSchedulerTests.year2027, actor: env.actor(w.s.admin), context: .system("t"))
            #expect(try await clocks.find(counted.id, actor: officer)?.due.iso == "2027-02-16")
            #expect(try await clocks.find(days.id, actor: officer)?.due.iso == "2027-02-13")
            #expect(try await order() == [other, w.caseID])
        }
    }

    @Test("CAL-33 CAL-42 a late step stays overdue and earns a yellow card; the third consecutive late step a red card")
    func cards() async throws {
        try await withApp { env in
            let w = try await Self.world(env)
            let officer = try await env.actor(w.s.officerA)
            let clocks = ClockRepository(store: env.store)
            let calendar = try await CalendarRepository(store: env.store).current()
            // Verification: 3 working days from 2025-09-26 → 2025-09-30 (09-28 is a make-up Sunday).
            var late: [ClockRecord] = []
            for _ in 0..<3 {
                let c = try await clocks.start(caseID: w.caseID, ruleSet: "interview", step: "verification", on: Self.d("2025-09-26"), handlerID: nil,
                                               actor: officer, context: .system("t"))
                #expect(c.due.iso == "2025-09-30")
                late.append(try await clocks.end(c.id, on: Self.d("2025-10-09"), actor: officer, context: .system("t")))
                if late.count == 2 {
                    #expect(try await clocks.cards(unit: w.s.officeA.id, year: 2025).map(\.color) == [.yellow, .yellow])
                }
            }
            #expect(late.allSatisfy { $0.late })
            #expect(late[0].clock(on: calendar).state(today: Self.d("2025-10-20"), ended: late[0].endedOn) == .overdue)
            let cards = try await clocks.cards(unit: w.s.officeA.id, year: 2025)
            #expect(cards.filter { $0.color == .yellow }.count == 3)
            #expect(cards.filter { $0.color == .red }.count == 1)
            // On time: met, no card.
            let ok = try await clocks.start(caseID: w.caseID, ruleSet: "interview", step: "verification", on: Self.d("2025-09-26"), handlerID: nil,
                                            actor: officer, context: .system("t"))
            let met = try await clocks.end(ok.id, on: Self.d("2025-09-30"), actor: officer, context: .system("t"))
            #expect(!met.late)
            #expect(try await clocks.cards(unit: w.s.officeA.id, year: 2025).count == 4)
            // Office B has none.
            #expect(try await clocks.cards(unit: w.s.officeB.id, year: 2025).isEmpty)
        }
    }

    @Test("CAL-41 reminders: yellow, due day, red to handler and unit head, then the leader after two working days red; digest on working days")
    func reminders() async throws {
        let webhook = RecordingGateway()
        try await withApp(gateways: [.webhook: webhook]) { env in
            let w = try await Self.world(env)
            let officer = try await env.actor(w.s.officerA)
            let inbox = NotificationRepository(store: env.store)
            // Inspection: 5 working days from 2025-09-26 → due 2025-10-10.
            let c = try await ClockRepository(store: env.store).start(caseID: w.caseID, ruleSet: "interview", step: "inspection", on: Self.d("2025-09-26"),
                                                                      handlerID: nil, actor: officer, context: .system("t"))
            #expect(c.due.iso == "2025-10-10")
            let reminders = ClockReminders(notifier: env.app.fengqiao.notifier, warningWorkdays: 2)
            func kinds(_ u: UserRecord) async throws -> [String] { try await inbox.inbox(userID: u.id).map(\.kind).filter { $0 != "clock.digest" }.reversed() }
            // 2025-09-30: two working days left (09-30 → 10-09, 10-10): yellow; a working day, so a digest too.
            let first = try await reminders.run(env.store)
            #expect(first == .init(reminders: 1, digests: 1))
            let k0 = try await kinds(w.s.officerA)
            #expect(Set(k0) == ["clock.started", "clock.yellow"] && k0.count == 2)
            // Run again the same day: nothing new is owed; only the digest repeats.
            #expect(try await reminders.run(env.store).reminders == 0)
            // 2025-10-05, a holiday: nothing owed, no digest.
            env.moveClock(to: "2025-10-05")
            #expect(try await reminders.run(env.store) == .init(reminders: 0, digests: 0))
            // 2025-10-10: due today (orange).
            env.moveClock(to: "2025-10-10")
            _ = try await reminders.run(env.store)
            #expect(try await kinds(w.s.officerA).last == "clock.dueDay")
            #expect(try await kinds(w.head).isEmpty)
            // 2025-10-11 (a make-up Saturday): red → handler and unit head.
            env.moveClock(to: "2025-10-11")
            _ = try await reminders.run(env.store)
            #expect(try await kinds(w.s.officerA).last == "clock.red")
            #expect(try await kinds(w.head) == ["clock.red"])
            #expect(try await kinds(w.leader).isEmpty)
            // 2025-10-13: red for 2 working days (10-11, 10-13): not yet the leader.
            env.moveClock(to: "2025-10-13")
            _ = try await reminders.run(env.store)
            #expect(try await kinds(w.leader).isEmpty)
            // 2025-10-14: the third working day red → the leader too.
            env.moveClock(to: "2025-10-14")
            _ = try await reminders.run(env.store)
            #expect(try await kinds(w.leader) == ["clock.leader"])
            #expect(try await kinds(w.head) == ["clock.red", "clock.leader"])
            // Other offices hear nothing.
            #expect(try await inbox.unreadCount(userID: w.s.officerB.id) == 0)
            let delivered = await webhook.delivered
            #expect(delivered.contains { $0.notice.kind == "clock.leader" && Set($0.to) == ["officer_a", "head_a", "leader"] })
        }
    }

    @Test("CAL-41 the 08:30 job is scheduled in Beijing time whatever the server's zone")
    func digestTime() {
        // 2025-09-30 10:00 Beijing has passed 08:30 → next is 2025-10-01 08:30 Beijing = 00:30 UTC.
        let next = Scheduler.nextMorning(after: 1_759_197_600_000, hour: 8, minute: 30)
        #expect(next.day.iso == "2025-10-01")
        #expect(next.at == 1_759_278_600_000)
    }

    @Test("CAL-30 X-05 the case page shows clocks, records and the timeline; another office gets 404; a bad suspension is refused on the page")
    func casePage() async throws {
        try await withApp { env in
            let w = try await Self.world(env)
            let officer = try await env.actor(w.s.officerA)
            let c = try await ClockRepository(store: env.store).start(caseID: w.caseID, ruleSet: "interview", step: "inspection", on: Self.d("2025-09-30"),
                                                                      handlerID: nil, actor: officer, context: .system("t"))
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(w.caseID.uuidString)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("2025-10-14"))
            #expect(html.contains("整改验收") || html.contains("验收"))
            #expect(html.contains("开始计时"))
            // Suspension without a ground: refused with the rule, nothing saved.
            let csrf = WebClient.csrf(in: html) ?? ""
            let bad = try await web.send(.POST, "/clocks/\(c.id.uuidString)/suspend",
                                         form: ["_csrf": csrf, "from": "2025-10-09", "ground": "", "approver": w.head.id.uuidString])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("CAL-31"))
            #expect(try await ClockRepository(store: env.store).find(c.id, actor: officer)?.records.isEmpty == true)
            let good = try await web.send(.POST, "/clocks/\(c.id.uuidString)/suspend",
                                          form: ["_csrf": csrf, "from": "2025-10-09", "to": "2025-10-10", "ground": "检验检测", "approver": w.head.id.uuidString])
            #expect(good.status == .seeOther)
            let after = try await web.send(.GET, "/cases/\(w.caseID.uuidString)").body.string
            #expect(after.contains("2025-10-16"))
            #expect(after.contains("检验检测"))
            // The deadlines page lists the step.
            #expect(try await web.send(.GET, "/deadlines").body.string.contains("测试案件（期限）"))
            // Office B: 404 on the page and the API.
            let other = WebClient(env)
            try await other.login("officer_b", Seeded.password)
            #expect(try await other.send(.GET, "/cases/\(w.caseID.uuidString)").status == .notFound)
            let token = try await env.token(w.s.officerB)
            #expect(try await env.request(.GET, "/api/v1/cases/\(w.caseID.uuidString)", token: token).status == .notFound)
            #expect(try await env.request(.POST, "/api/v1/clocks/\(c.id.uuidString)/end", token: token, json: ["endedOn": "2025-10-10"]).status == .notFound)
        }
    }

    @Test("CAL-32 X-02 the API refuses an extension naming an approver without the permission; a request waits for its named approver, others get 403/404")
    func apiExtension() async throws {
        try await withApp { env in
            let w = try await Self.world(env)
            let officer = try await env.actor(w.s.officerA)
            let c = try await ClockRepository(store: env.store).start(caseID: w.caseID, ruleSet: "interview", step: "legalReview", on: Self.d("2025-09-30"),
                                                                      handlerID: nil, actor: officer, context: .system("t"))
            let token = try await env.token(w.s.officerA)
            let refused = try await env.request(.POST, "/api/v1/clocks/\(c.id.uuidString)/extend", token: token,
                                                json: ExtendDTO(count: 3, ground: "重大疑难", approverId: w.s.officerA.id))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("clock.extension-not-permitted"))
            let ok = try await env.request(.POST, "/api/v1/clocks/\(c.id.uuidString)/extend", token: token,
                                           json: ExtendDTO(count: 3, ground: "重大疑难", approverId: w.leader.id))
            #expect(ok.status == .ok)
            let pending = try JSONDecoder().decode(ClockDTO.self, from: Data(ok.body.readableBytesView))
            #expect(pending.due == "2025-10-10")
            #expect(pending.extended == 0)
            let requestID = try #require(pending.pendingExtensions.first?.id)
            #expect(pending.pendingExtensions.first?.approverId == w.leader.id)
            let confirmPath = "/api/v1/clocks/\(c.id.uuidString)/extensions/\(requestID.uuidString)/confirm"
            // The requester cannot confirm it: 403 with a stable code; another office does not see it: 404.
            let selfConfirm = try await env.request(.POST, confirmPath, token: token)
            #expect(selfConfirm.status == .forbidden)
            #expect(selfConfirm.body.string.contains("clock.extension.not-approver"))
            #expect(try await env.request(.POST, confirmPath, token: try await env.token(w.s.officerB)).status == .notFound)
            // The named approver confirms: the due date moves, once.
            let leaderToken = try await env.token(w.leader)
            let confirmed = try await env.request(.POST, confirmPath, token: leaderToken)
            #expect(confirmed.status == .ok)
            let dto = try JSONDecoder().decode(ClockDTO.self, from: Data(confirmed.body.readableBytesView))
            #expect(dto.due == "2025-10-14")
            #expect(dto.extended == 3)
            #expect(dto.pendingExtensions.isEmpty)
            #expect(dto.records.first?.approver == "赵局长")
            #expect(try await env.request(.POST, confirmPath, token: leaderToken).status == .notFound)
            let audit = try await env.audit.search(AuditQuery(action: "clock.extension.request"), actor: env.actor(w.s.auditor))
            #expect(audit.count == 1)
            let caseDTO = try await env.request(.GET, "/api/v1/cases/\(w.caseID.uuidString)", token: token)
            #expect(caseDTO.status == .ok)
            #expect(try JSONDecoder().decode(CaseDTO.self, from: Data(caseDTO.body.readableBytesView)).clocks.first?.due == "2025-10-14")
        }
    }
}
