import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Administrative mediation through the store and the pages (issue 15), on the demo bureau, on SQLite
/// and PostgreSQL: the demo's disputes in every state, the Spring Festival's major dispute reported on
/// the make-up Saturday (MD-33), the National Day's dispatch returned and terminated (MD-17), an
/// agreement whose after-closing clocks run on (MD-16, MD-29) while the volume's 30 days start
/// (MD-37), the centre reading a dispatched case without acting on it (MD-13). No mediation-specific
/// web or store code exists.
@Suite("Administrative mediation through the store and pages (MD-*)", .serialized)
struct MediationWebTests {
    static func rows(_ env: TestEnv) async throws -> [(id: UUID, state: String, title: String, facts: MediationFacts)] {
        try await env.store.sql.select().columns("id", "state", "title", "facts").from("cases").where("case_type", .equal, SQLBind("mediation")).all().map {
            (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "state", as: String.self), try $0.decode(column: "title", as: String.self),
             try JSONDecoder().decode(MediationFacts.self, from: Data(try $0.decode(column: "facts", as: String.self).utf8)))
        }
    }

    static func clock(_ env: TestEnv, _ id: UUID, _ step: String) async throws -> (due: String, ended: String?, cancelled: String?)? {
        guard let row = try await env.store.sql.select().columns("due_date", "ended_on", "cancelled_on").from("clocks")
            .where("case_id", .equal, SQLBind(id)).where("step", .equal, SQLBind(step)).orderBy("start_date", .descending).first() else { return nil }
        return (try row.decode(column: "due_date", as: String.self), try row.decode(column: "ended_on", as: String?.self),
                try row.decode(column: "cancelled_on", as: String?.self))
    }

    @Test("Demo (issue 15 item 9): disputes in every state; the major dispute flagged Fri 2026-02-13 reported on the make-up Saturday 02-14 (MD-33); the dispatch before the 2026 National Day returned after it and terminated (MD-17); an agreement performed and revisited by the centre (MD-34); the chain verifies")
    func demo() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let rows = try await Self.rows(env)
            #expect(Set(rows.map(\.state)) == Set(MediationProcedure.states.map(\.key)))

            let major = try #require(rows.first { $0.facts.major != nil })
            #expect(major.facts.major?.on == LocalDate(iso: "2026-02-13") && major.facts.major?.reportedOn == LocalDate(iso: "2026-02-14"))
            let report = try #require(try await Self.clock(env, major.id, "majorReport"))
            #expect(report.due == "2026-02-14" && report.ended == "2026-02-14")
            #expect(major.state == "concluded" && major.facts.ending?.outcome == .agreement)

            let returned = try #require(rows.first { $0.facts.termination != nil })
            #expect(returned.state == "terminating")
            let back = try #require(returned.facts.returns.first)
            #expect(back.unitCode == "ZC" && back.on > LocalDate(iso: "2026-10-08")!)
            #expect(try #require(returned.facts.dispatch?.approvedOn) < LocalDate(iso: "2026-10-01")!)
            // 回流 brings it back to the centre, which decides and serves the termination.
            let centre = try #require(try await OrganisationRepository(store: env.store).units().first { $0.code == "TJZX" })
            let unit = try await env.store.sql.select().column("unit_id").from("cases").where("id", .equal, SQLBind(returned.id)).first()
            #expect(try unit?.decode(column: "unit_id", as: UUID.self) == centre.id)

            // 谁受理谁回访: the agreement performed is revisited by the centre that accepted it.
            let performed = try #require(rows.first { $0.facts.obligations.first?.status == .performed })
            let revisit = try await env.store.sql.select().columns("unit_id").from("revisits").where("case_id", .equal, SQLBind(performed.id)).first()
            #expect(try revisit?.decode(column: "unit_id", as: UUID.self) == centre.id)
            // MD-29: the check ended its clock; MD-37: the volume's 30 days run from the conclusion.
            #expect(try await Self.clock(env, performed.id, "obligationCheck")?.ended != nil)
            let concluded = try #require(performed.facts.ending?.on)
            #expect(try await Self.clock(env, performed.id, "archiveElectronic")?.due
                == env.store.procedures.procedure(caseType: "mediation").flatMap { _ in ArchivingLimits(ruleSet: ShippedRuleSets.mediation) }?
                    .dueDates(closedOn: concluded, calendar: WorkCalendar.shipped).electronic.date.iso)

            // MD-36: a 不满意 revisit of the withdrawn dispute starts the 15 working days to feed back (12-04 → 12-25);
            // the centre's feedback ends them.
            let org = OrganisationRepository(store: env.store)
            let centreStaff = try await org.actor(for: try #require(try await org.user(login: "tj_centre")))
            let withdrawn = try #require(rows.first { $0.facts.ending?.outcome == .withdrawn })
            _ = try await RevisitRepository(store: env.store).record(caseID: withdrawn.id, on: "2026-12-04", method: "phone", answer: "dissatisfied",
                                                                     scores: ["performance": "2", "attitude": "3", "law": "3", "procedure": "2"],
                                                                     note: "认为调解员未充分释明", actor: centreStaff, context: AuditContext(actor: centreStaff, clientAddress: nil, requestID: "t"))
            #expect(try await Self.clock(env, withdrawn.id, "feedback")?.due == "2026-12-25")
            _ = try await ProcedureRepository(store: env.store, MediationProcedure.self).perform("recordFeedback", caseID: withdrawn.id, input: ActionInput(single: [
                "discussedOn": "2026-12-04", "responsible": "吴调解", "rectification": "加强释法说理", "toldOn": "2026-12-04",
            ]), expectedVersion: nil, actor: centreStaff, context: AuditContext(actor: centreStaff, clientAddress: nil, requestID: "t"))
            #expect(try await Self.clock(env, withdrawn.id, "feedback")?.ended == "2026-12-04")
            #expect(try await AuditRepository(store: env.store).verify().isIntact)
        }
    }

    @Test("MD-13, MD-16, MD-29: the centre reads a case dispatched to 中村所 but may not act on it; 中村所 concludes an agreement — the result and performance clocks run on after the closing, the volume's starts; the result reported ends its clock")
    func dispatchedAgreement() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let org = OrganisationRepository(store: env.store)
            func actor(_ login: String) async throws -> Actor { try await org.actor(for: try #require(try await org.user(login: login))) }
            let officer = try await actor("zc_officer"), centre = try await actor("tj_centre")
            let repo = ProcedureRepository(store: env.store, MediationProcedure.self)
            let waiting = try #require(try await Self.rows(env).first { $0.state == "accepting" && $0.facts.dispatched })
            let ctx = AuditContext(actor: officer, clientAddress: nil, requestID: "t")

            // The centre keeps read access to what it dispatched, and nothing more.
            #expect(try await repo.find(waiting.id, actor: centre, reading: true) != nil)
            await #expect(throws: (any Error).self) {
                _ = try await repo.perform("recordConsent", caseID: waiting.id, input: ActionInput(single: ["side": "respondent", "on": "2026-12-04", "form": "written"]),
                                           expectedVersion: nil, actor: centre, context: AuditContext(actor: centre, clientAddress: nil, requestID: "t"))
            }
            _ = try await repo.perform("recordConsent", caseID: waiting.id, input: ActionInput(single: ["side": "respondent", "on": "2026-12-04", "form": "written"]),
                                       expectedVersion: nil, actor: officer, context: ctx)
            // MD-16: the weekly progress runs from the approval (Wed 12-02 → 12-09); a report on 12-04 ends it and starts the next week (12-11).
            let approved = try #require(waiting.facts.dispatch?.approvedOn)
            #expect(approved == LocalDate(iso: "2026-12-02"))
            #expect(try await Self.clock(env, waiting.id, "progress")?.due == "2026-12-09")
            _ = try await repo.perform("reportProgress", caseID: waiting.id, input: ActionInput(single: ["progress": "双方已同意调解，约定下周调解"]),
                                       expectedVersion: nil, actor: officer, context: ctx)
            let week = try #require(try await Self.clock(env, waiting.id, "progress"))
            #expect(week.due == "2026-12-11" && week.ended == nil)
            let doc = try await DocumentService(store: env.store).issue(caseID: waiting.id, templateCode: "MD-AGREEMENT", values: MediationDocuments.sampleValues(for: "MD-AGREEMENT"),
                                                                        recipient: "江城市美居装饰工程有限公司", actor: officer, context: ctx)
            _ = try await DocumentRepository(store: env.store).recordService(doc.id, ServiceRecordInput(recipient: "江城市美居装饰工程有限公司", method: .post, date: LocalDate(iso: "2026-12-04")!, mailNumber: "1187600001", deliveredOn: LocalDate(iso: "2026-12-04")!),
                                                                             actor: officer, context: ctx)
            _ = try await repo.perform("concludeAgreement", caseID: waiting.id, input: ActionInput(single: [
                "signedOn": "2026-12-04", "terms": "退还未培训部分学费2400元", "obligations": "驾校|退还学费2400元|2026-12-10",
                "investigation": "核对培训记录", "result": "达成协议", "allSigned": "on", "checklist": "on",
            ]), expectedVersion: nil, actor: officer, context: ctx)
            let result = try #require(try await Self.clock(env, waiting.id, "resultToCentre"))
            #expect(result.due == "2026-12-08" && result.ended == nil && result.cancelled == nil)
            let check = try #require(try await Self.clock(env, waiting.id, "obligationCheck"))
            #expect(check.due == "2026-12-15" && check.cancelled == nil)
            #expect(try await Self.clock(env, waiting.id, "archiveElectronic")?.due == "2027-01-04")
            #expect(try await Self.clock(env, waiting.id, "mediation")?.ended == "2026-12-04")
            // 谁受理谁回访 (MD-34): revisit 1 (12-04 → 12-18) is the centre's queue, not the dispatched unit's officer's.
            let revisit = try #require(try await env.store.sql.select().columns("unit_id", "handler_id", "due_date").from("clocks")
                .where("case_id", .equal, SQLBind(waiting.id)).where("step", .equal, SQLBind("revisit")).first())
            let centreUnit = try #require(try await OrganisationRepository(store: env.store).units().first { $0.code == "TJZX" })
            #expect(try revisit.decode(column: "unit_id", as: UUID.self) == centreUnit.id && revisit.decode(column: "handler_id", as: UUID?.self) == nil)
            #expect(try revisit.decode(column: "due_date", as: String.self) == "2026-12-18")
            // The conclusion ends the weekly cadence (the closing cancels it; it does not run on).
            #expect(try await Self.clock(env, waiting.id, "progress")?.cancelled == "2026-12-04")
            _ = try await repo.perform("reportResult", caseID: waiting.id, input: ActionInput(single: ["materials": "协议书、笔录"]), expectedVersion: nil,
                                       actor: officer, context: ctx)
            #expect(try await Self.clock(env, waiting.id, "resultToCentre")?.ended == "2026-12-04")

            // The case page in Chinese, with the mediation's facts, for the handling unit.
            let web = WebClient(env)
            try await web.login("zc_officer", "Demo-pass-123")
            let page = try await web.send(.GET, "/cases/\(waiting.id.uuidString)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("行政调解") && page.body.string.contains("履行义务") && page.body.string.contains("已结案"))
            // The approval left the case to no one until 中村所's head assigned its mediators: the timeline says so.
            #expect(page.body.string.contains("承办人：何窗口 → （待指派）"))
            #expect(page.body.string.contains("承办人：（待指派） → 李明"))
            // The registration form, generic over the procedure: the MD-12 fields in Chinese.
            let form = try await web.send(.GET, "/mediations/new")
            #expect(form.status == .ok)
            #expect(["登记矛盾纠纷", "信息来源", "问题性质分类", "纠纷范围（MD-19）"].allSatisfy(form.body.string.contains))

            // mediation.md KPIs on the generic statistics page, for the 领导小组办公室主任.
            let director = WebClient(env)
            try await director.login("tj_director", "Demo-pass-123")
            let stats = try await director.send(.GET, "/statistics/mediations")
            #expect(stats.status == .ok)
            #expect(["调解成功率", "协议履行率", "按期办结率", "回流率", "回访满意率", "平均办理工作日"].allSatisfy(stats.body.string.contains))
            // MD-01…MD-07: the mediator list, with the demo's mediators in their second term, trained last year —
            // so on this year's 12-01 list (MD-07) and not on last year's.
            let roster = try await director.send(.GET, "/mediators")
            #expect(roster.status == .ok)
            #expect(["调解员名单（MD-01至MD-07）", "吴调解", "李明", "在任", "可指派"].allSatisfy(roster.body.string.contains))
            #expect(roster.body.string.contains("吴调解（行政调解中心）"))
            let lastYear = try await director.send(.GET, "/mediators?year=2025")
            #expect(!lastYear.body.string.contains("吴调解（行政调解中心）"))
            #expect(try await web.send(.GET, "/mediators").status == .forbidden)
            // MD-10: the public page, without signing in — the centre's mediators in office and the limits in force.
            let open = try await WebClient(env).send(.GET, "/public/mediation")
            #expect(open.status == .ok)
            #expect(["行政调解公开信息", "行政调解中心", "吴调解（任期至", "20个工作日，经批准可延长一次，不超过10个工作日", "受理范围"].allSatisfy(open.body.string.contains))
            let csv = try await director.send(.GET, "/statistics/mediations?format=csv")
            #expect(csv.status == .ok && csv.body.string.contains("调解成功率"))
        }
    }

    @Test("MD-14: the 综合督察室 attaches a 督察意见 to a concluded dispute on 2026-12-04 — due 12-11, the volume refused until the centre answers, then filed")
    func supervision() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let org = OrganisationRepository(store: env.store)
            func actor(_ login: String) async throws -> Actor { try await org.actor(for: try #require(try await org.user(login: login))) }
            let inspector = try await actor("discipline"), centre = try await actor("tj_centre")
            let repo = ProcedureRepository(store: env.store, MediationProcedure.self)
            let performed = try #require(try await Self.rows(env).first { $0.facts.obligations.first?.status == .performed })
            let ctx = AuditContext(actor: inspector, clientAddress: nil, requestID: "t")
            _ = try await repo.perform("attachSupervision", caseID: performed.id, input: ActionInput(single: ["opinion": "回访记录未载明调解员态度评价"]),
                                       expectedVersion: nil, actor: inspector, context: ctx)
            let clock = try #require(try await Self.clock(env, performed.id, "supervisionAnswer"))
            #expect(clock.due == "2026-12-11" && clock.ended == nil && clock.cancelled == nil)
            let archives = ArchiveRepository(store: env.store)
            let centreCtx = AuditContext(actor: centre, clientAddress: nil, requestID: "t")
            await #expect(throws: DomainError.self) {
                _ = try await archives.archive(performed.id, fonds: "JC", retention: .d10, on: LocalDate(iso: "2026-12-04")!, actor: centre, context: centreCtx)
            }
            do {
                _ = try await archives.archive(performed.id, fonds: "JC", retention: .d10, on: LocalDate(iso: "2026-12-04")!, actor: centre, context: centreCtx)
            } catch let e as DomainError {
                #expect(e.fields.first?.code == "mediation.supervision.unanswered")
            }
            #expect(try await archives.archiveRecord(performed.id) == nil)
            _ = try await repo.perform("answerSupervision", caseID: performed.id, input: ActionInput(single: ["answer": "已补记回访中的态度评价"]),
                                       expectedVersion: nil, actor: centre, context: centreCtx)
            #expect(try await Self.clock(env, performed.id, "supervisionAnswer")?.ended == "2026-12-04")
            _ = try await archives.archive(performed.id, fonds: "JC", retention: .d10, on: LocalDate(iso: "2026-12-04")!, actor: centre, context: centreCtx)
            #expect(try await archives.archiveRecord(performed.id) != nil)
        }
    }

    @Test("MD-05: the demo's mediators are in office through 2027-01-04; on Tue 2027-01-05 the system flags the open disputes they mediate, the centre is told, and reassignment is due 01-12 (2027 provisional, CAL-03)")
    func termLapse() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let mediating = try #require(try await Self.rows(env).first { $0.state == "mediating" && !$0.facts.mediatorIDs.isEmpty && !$0.facts.dispatched })
            #expect(try await Self.clock(env, mediating.id, "mediatorTerm")?.due == "2027-01-04")
            env.moveClock(to: "2027-01-04", hour: 23)
            #expect(!(try await TimedTransitionRepository(store: env.store).fireDue().fired.contains { $0.transition == "mediatorLapsed" }))
            env.moveClock(to: "2027-01-05", hour: 8.5)
            let pass = try await TimedTransitionRepository(store: env.store).fireDue()
            #expect(pass.fired.contains { $0.caseID == mediating.id && $0.transition == "mediatorLapsed" })
            let after = try #require(try await Self.rows(env).first { $0.id == mediating.id })
            #expect(after.facts.lapse?.on == LocalDate(iso: "2027-01-05"))
            #expect(try await Self.clock(env, mediating.id, "reassign")?.due == "2027-01-12")
            let told = try await env.sql.select().column("title").from("notifications").all().map { try $0.decode(column: "title", as: String.self) }
            #expect(told.contains("调解员任期届满，请另行指派"))
        }
    }

    @Test("MD-18: after the demo (2026-12-04) the system finds each dispute registered in November and still open unresolved at 11-30 — the note owed by Mon 12-07, the 5th working day of December; the centre records it on the case page and the clock ends; an empty guidance is refused and changes nothing")
    func monthlyReview() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            env.moveClock(to: "2026-12-04", hour: 9)
            let pass = try await TimedTransitionRepository(store: env.store).fireDue()
            let november = try await Self.rows(env).filter { $0.facts.registeredOn.iso.hasPrefix("2026-11") && $0.facts.ending == nil && $0.state != "notAccepted" && !$0.facts.dispatched }
            let open = try #require(november.first)
            #expect(pass.fired.contains { $0.caseID == open.id && $0.transition == "monthUnresolved" })
            #expect(open.facts.reviewsOwed.map(\.month) == ["2026-11"])
            #expect(try await Self.clock(env, open.id, "monthlyReview")?.due == "2026-12-07")
            #expect(try await Self.clock(env, open.id, "monthEnd")?.due == "2026-12-31")
            // Concluded in November: nothing owed.
            #expect(try await Self.rows(env).filter { $0.facts.ending.map { $0.on.iso.hasPrefix("2026-11") } == true }.allSatisfy { $0.facts.monthlyReviews == nil })

            let web = WebClient(env)
            try await web.login("tj_centre", "Demo-pass-123")
            let page = try await web.send(.GET, "/cases/\(open.id)")
            #expect(page.body.string.contains("记录月度原因及指导意见") && page.body.string.contains("待记录原因及指导性意见（MD-18）"))
            func version() async throws -> Int {
                try await env.store.sql.select().column("version").from("cases").where("id", .equal, SQLBind(open.id)).first()!.decode(column: "version", as: Int.self)
            }
            let before = try await version()
            var form = ["_csrf": WebClient.csrf(in: page.body.string) ?? "", "_version": String(before), "cause": "双方对退款金额分歧较大", "guidance": ""]
            let refused = try await web.send(.POST, "/cases/\(open.id)/actions/recordMonthlyReview", form: form)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("指导性意见"))
            #expect(try await version() == before)
            form["guidance"] = "由中心负责人约谈双方，12月15日前再次组织调解"
            form["_csrf"] = WebClient.csrf(in: refused.body.string) ?? ""
            let done = try await web.send(.POST, "/cases/\(open.id)/actions/recordMonthlyReview", form: form)
            #expect(done.status == .seeOther, "\(done.body.string.prefix(300))")
            let after = try #require(try await Self.rows(env).first { $0.id == open.id })
            #expect(after.facts.reviewsOwed.isEmpty && after.facts.monthlyReviews?.first?.recordedOn == LocalDate(iso: "2026-12-04"))
            #expect(try await Self.clock(env, open.id, "monthlyReview")?.ended == "2026-12-04")
        }
    }

}
