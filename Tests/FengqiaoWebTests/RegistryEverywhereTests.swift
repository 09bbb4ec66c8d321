import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// Issue 12 item 1: a procedure registered at start-up is known everywhere, not half-known. The
/// test-only errand brings its own permission (`errand.approve`, with its catalogue entry and the
/// unit head's grant), a check clock whose reminders are the approver's, its step names and a
/// qualification its certification course grants; the role editor, the role API, the actors'
/// grants, the daily reminder pass, the refusals and training all read them from the app's registry.
@Suite("A registered procedure is known everywhere (issue 12)", .serialized)
struct RegistryEverywhereTests {
    static let registry = RegistryTests.registry

    struct RoleWrite: Encodable { let code: String; let name: String; let permissions: [String]; let defaultScope: String }

    @Test("PLT-03 the role editor and the role API list the errand's own permission and accept it; the shipped 科室负责人 template grants it")
    func permissionInRoleEditor() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup
            let s = try await env.seed()
            let sec = try await env.user("secadmin", "安全管理员", unit: s.bureau.id, role: "security-admin", scope: .all)
            let head = try await env.user("head_a", "周所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
            let token = try await env.token(sec)
            let web = WebClient(env)
            try await web.login("secadmin", Seeded.password)

            // check: the editor offers it with its label, and shows the 科室负责人 template holding it
            let list = try await web.send(.GET, "/admin/roles").body.string
            #expect(list.contains(#"value="errand.approve" id="perm-errand-approve">"#))
            #expect(list.contains("审核测试事项"))
            let template = try await web.send(.GET, "/admin/roles/unit-head").body.string
            #expect(template.contains(#"value="errand.approve" id="perm-errand-approve" checked>"#))
            // check: the role API shows the template's grant, and the head holds it
            let roles = try RegistryTests.list(try await env.request(.GET, "/api/v1/roles", token: token))
            let unitHead = try #require(roles.first { $0["code"] as? String == "unit-head" })
            #expect((unitHead["permissions"] as? [String])?.contains("errand.approve") == true)
            #expect(try await env.actor(head).can(.errandApprove))
            #expect(try await RoleRepository(store: env.store).catalog().codes(granting: .errandApprove) == ["unit-head"])

            // act: a role of the office's own with the errand's permission, through the API and the form
            let created = try await env.request(.POST, "/api/v1/roles", token: token,
                                                json: RoleWrite(code: "errand-checker", name: "事项审核员", permissions: ["errand.approve", "case.read"],
                                                                defaultScope: "unit"),
                                                headers: [("Idempotency-Key", "everywhere-1")])
            #expect(created.status == .created, "\(created.body.string)")
            let csrf = try await web.csrf(from: "/admin/roles")
            let form = try await web.send(.POST, "/admin/roles", pairs: [
                ("_csrf", csrf), ("code", "errand-clerk"), ("name", "事项登记员"), ("scope", "unit"), ("duty", ""),
                ("permissions[]", "case.read"), ("permissions[]", "errand.approve"),
            ])
            #expect(form.status == .seeOther)
            // check: both stored with it; an unknown permission is still refused
            let catalog = try await RoleRepository(store: env.store).catalog()
            #expect(catalog.role("errand-checker")?.permissions == [.errandApprove, .caseRead])
            #expect(catalog.role("errand-clerk")?.permissions == [.errandApprove, .caseRead])
            let unknown = try await env.request(.POST, "/api/v1/roles", token: token,
                                                json: RoleWrite(code: "nobody", name: "无此权限", permissions: ["errand.forge"], defaultScope: "unit"),
                                                headers: [("Idempotency-Key", "everywhere-2")])
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("errand.forge"))
        }
    }

    @Test("CAL-41 the 08:30 job reminds the holders of the errand's permission of its check (due on the make-up Saturday 2025-10-11), by its Chinese name; not the handler")
    func reminderOfRegisteredClock() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup: opened Tue 2025-09-30, submitted Thu 10-09 after the National Day; the check is due Sat 10-11 (a working day)
            let s = try await env.seed()
            let head = try await env.user("head_a", "周所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村测试商行有限公司", uscc: .uscc(5151)),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let officer = try await env.token(s.officerA)
            let created = try RegistryTests.json(try await env.request(.POST, "/api/v1/errands", token: officer,
                                                                       json: ["partyID": party.id.uuidString, "title": "提醒测试事项"]))
            let id = try #require(created["id"] as? String)
            env.moveClock(to: "2025-10-09")
            let submitted = try await env.request(.POST, "/api/v1/errands/\(id)/actions/submit", token: officer,
                                                  json: FollowUpTests.ActionBody(version: 1, input: ["report": "已办理"]))
            #expect(submitted.status == .ok)

            // act: Fri 10-10, the daily reminder job
            env.moveClock(to: "2025-10-10")
            try await JobRepository(store: env.store).enqueue(kind: "clocks.daily", runAt: env.store.clock.nowMillis)
            try await Scheduler.shipped(notifier: env.app.fengqiao.notifier).tick(env.store)

            // check: the head, who holds errand.approve, is reminded of 事项审核 and has it in the digest
            let inbox = NotificationRepository(store: env.store)
            let reminderKinds: Set<String> = ["clock.yellow", "clock.orange", "clock.red", "clock.digest"]
            let heads = try await inbox.inbox(userID: head.id).filter { reminderKinds.contains($0.kind) }
            #expect(heads.contains { $0.kind != "clock.digest" && $0.title.contains("事项审核") && $0.link == "/cases/\(id)" })
            #expect(heads.contains { $0.kind == "clock.digest" && $0.body.contains("事项审核") })
            // check: the handler is not reminded of someone else's step, under any name
            let officers = try await inbox.inbox(userID: s.officerA.id).filter { reminderKinds.contains($0.kind) }
            #expect(!officers.contains { ($0.title + $0.body).contains("事项审核") || ($0.title + $0.body).contains("errandCheck") })
            #expect(try await inbox.inbox(userID: s.officerB.id).isEmpty)
        }
    }

    @Test("CAL-33 a refusal names the errand's step in Chinese: work done on 2025-09-29 cannot end a clock started 2025-09-30")
    func refusalNamesStep() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup: opened Tue 2025-09-30
            let s = try await env.seed()
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村测试商行有限公司", uscc: .uscc(5152)),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let officer = try await env.token(s.officerA)
            let created = try RegistryTests.json(try await env.request(.POST, "/api/v1/errands", token: officer,
                                                                       json: ["partyID": party.id.uuidString, "title": "倒签测试事项"]))
            let id = try #require(created["id"] as? String)
            // act: submit on Thu 10-09, claiming the work was done the day before it started
            env.moveClock(to: "2025-10-09")
            let res = try await env.request(.POST, "/api/v1/errands/\(id)/actions/submit", token: officer,
                                            json: FollowUpTests.ActionBody(version: 1, input: ["report": "已办理", "doneOn": "2025-09-29"]))
            // check: refused with the rule and the step's Chinese name, not its key
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("CAL-33"))
            #expect(res.body.string.contains("“事项办理”的完成日期（2025-09-29）早于计时起算日 2025-09-30"))
            #expect(!res.body.string.contains("errandWork"))
            #expect(try RegistryTests.json(try await env.request(.GET, "/api/v1/errands/\(id)", token: officer))["state"] as? String == "open")
        }
    }

    @Test("PLT-07 PLT-02 a course grants the qualification its procedure declares: the errand's topical course 测试事项办理员, the interview's 约谈师认证 interviewer")
    func courseGrantsDeclaredQualification() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup
            let s = try await env.seed()
            let head = try await env.user("head_a", "周所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
            let training = TrainingRepository(store: env.store)
            func course(_ kind: CourseKind) async throws -> TrainingCourse {
                try await training.createCourse(TrainingCourseInput(kind: kind.rawValue, title: kind.nameZH, startsOn: "2025-09-24", endsOn: "2025-09-30",
                                                                    passMark: "80"),
                                                actor: env.actor(head), context: .system("test"))
            }
            // act and check
            #expect(try await course(.topical).grants == "errand-clerk")
            #expect(try await course(.interviewerCertification).grants == "interviewer")
            #expect(try await course(.prePost).grants == "training:pre-post")
            #expect(try await course(.mockInterview).grants == nil)
            // the kinds a user may be given include the errand's (PLT-02)
            #expect(QualificationKind.all(Self.registry).contains { $0.code == "errand-clerk" })
        }
        // the shipped app's topical course grants nothing
        #expect(CourseKind.topical.grantedQualification(.shipped) == nil)
    }

    @Test("T-04 a spent rating link of an errand is refused under the errand's rating rule, not the interview's IV-24")
    func spentLinkNamesProcedureRule() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup: opened Tue 2025-09-30, submitted and approved Thu 10-09 after the National Day
            let s = try await env.seed()
            let head = try await env.user("head_a", "周所长", unit: s.officeA.id, role: "unit-head", scope: .unitTree)
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村测试商行有限公司", uscc: .uscc(5153)),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let officer = try await env.token(s.officerA)
            let id = try #require(try RegistryTests.json(try await env.request(.POST, "/api/v1/errands", token: officer,
                                                                               json: ["partyID": party.id.uuidString, "title": "评价测试事项"]))["id"] as? String)
            env.moveClock(to: "2025-10-09")
            #expect(try await env.request(.POST, "/api/v1/errands/\(id)/actions/submit", token: officer,
                                          json: FollowUpTests.ActionBody(version: 1, input: ["report": "已办理"])).status == .ok)
            #expect(try await env.request(.POST, "/api/v1/errands/\(id)/actions/approve", token: try await env.token(head), json: ["version": 2]).status == .ok)
            let ratings = RatingRepository(store: env.store)
            let secret = try await ratings.createLink(caseID: try #require(UUID(uuidString: id)), actor: env.actor(s.officerA), context: .system("test"))
            try await ratings.submit(secret: secret, rating: Rating(scores: [5]))
            // act: the link used a second time
            var refusal: DomainError?
            do { try await ratings.submit(secret: secret, rating: Rating(scores: [1])) } catch let e as DomainError { refusal = e }
            // check
            #expect(refusal?.code == "rating.link.spent")
            #expect(refusal?.ruleID == "T-04")
        }
    }
}
