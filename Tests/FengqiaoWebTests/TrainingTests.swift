import FengqiaoCore
@testable import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// PLT-07 training and assessment through the pages and the API, PLT-02 the qualification a pass
/// grants, on SQLite and PostgreSQL: the unit head (科室负责人, `training.manage`) keeps office A's
/// courses and results; the deputy leader (`training.read`) sees the flagged officers.
@Suite("Training and assessment (PLT-07)", .serialized)
struct TrainingTests {
    struct Body: Encodable { let userId: UUID; let attended: Bool?; let written: Int?; let mock: Int?; let satisfaction: Int? }

    /// Whether the interview rules (IV-12) read the person as a qualified interviewer on `day`, through
    /// the same loading the engine uses.
    static func interviewer(_ env: TestEnv, _ user: UserRecord, actor: Actor, on day: String) async throws -> Bool {
        let context = try await ProcedureRepository<InterviewProcedure>(store: env.store).context(actor: actor, partyIDs: [], users: [user.id], caseID: nil)
        return try #require(context.people[user.id]).holds(InterviewProcedure.interviewerQualification, on: LocalDate(iso: day)!)
    }

    @Test("PLT-07 PLT-02: 约谈师 certification ending Tue 2025-09-30 — 85/80/90 gives 84.0 ≥ 80, grants `interviewer` through 2027-09-29 so IV-12 accepts 李明, not on 2027-09-30 nor once revoked (after confirmation); bad input gets Chinese messages and problem+json")
    func certification() async throws {
        try await withApp { env in
            // setup
            let st = try await InterviewTests.staff(env)
            let head = WebClient(env)
            try await head.login("head_a", Seeded.password)
            // act: a bad course form is refused with every fault and keeps what was typed
            var csrf = try await head.csrf(from: "/training")
            let bad = try await head.send(.POST, "/training", form: ["_csrf": csrf, "kind": "interviewer-certification", "title": "约谈师认证<第一期>",
                                                                     "startsOn": "2025-09-30", "endsOn": "2025-09-24", "passMark": "120"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("结束日期不能早于开始日期") && bad.body.string.contains("合格分数线应为1至100的整数"))
            #expect(bad.body.string.contains("value=\"约谈师认证&lt;第一期&gt;\""))
            csrf = try await head.csrf(from: "/training")
            let made = try await head.send(.POST, "/training", form: ["_csrf": csrf, "kind": "interviewer-certification", "title": "2025年第一期约谈师认证",
                                                                      "startsOn": "2025-09-24", "endsOn": "2025-09-30", "passMark": "80"])
            #expect(made.status == .seeOther)
            let coursePath = try #require(made.headers.first(name: .location)?.split(separator: "?").first.map(String.init))
            // a missing score is refused on the page, in Chinese
            csrf = try await head.csrf(from: coursePath)
            let missing = try await head.send(.POST, coursePath + "/results", form: ["_csrf": csrf, "userId": st.s.officerA.id.uuidString, "written": "85", "mock": "80"])
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("请填写“群众满意度评价”"))
            let ok = try await head.send(.POST, coursePath + "/results", form: ["_csrf": csrf, "userId": st.s.officerA.id.uuidString, "written": "85", "mock": "80",
                                                                                "satisfaction": "90"])
            #expect(ok.status == .seeOther)
            // check: the total is computed and the qualification granted, valid two years less a day
            var page = try await head.send(.GET, coursePath).body.string
            #expect(page.contains("84.0") && page.contains("约谈人：2025-09-30 至 2027-09-29"))
            let quals = try await env.org.qualifications(userID: st.s.officerA.id)
            #expect(quals.map(\.kind) == ["interviewer"] && quals.first?.expiresOn == LocalDate(iso: "2027-09-29"))
            let headActor = try await env.actor(st.head)
            #expect(try await Self.interviewer(env, st.s.officerA, actor: headActor, on: "2025-10-09"))
            #expect(try await Self.interviewer(env, st.s.officerA, actor: headActor, on: "2027-09-29"))
            #expect(try await Self.interviewer(env, st.s.officerA, actor: headActor, on: "2027-09-30") == false)

            // the API: bad input is problem+json with stable codes; an absence is recorded and fails
            let token = try await env.token(st.head)
            let courses = try await env.request(.GET, "/api/v1/training/courses", token: token)
            let courseID = try #require((try JSONSerialization.jsonObject(with: Data(courses.body.string.utf8)) as? [[String: Any]])?.first?["id"] as? String)
            let problem = try await env.request(.POST, "/api/v1/training/courses/\(courseID)/results", token: token,
                                                json: Body(userId: st.wang.id, attended: nil, written: 90, mock: nil, satisfaction: nil))
            #expect(problem.status == .unprocessableEntity && problem.headers.contentType?.description.contains("problem+json") == true)
            #expect(problem.body.string.contains("training.score.required"))
            let over = try await env.request(.POST, "/api/v1/training/courses/\(courseID)/results", token: token,
                                             json: Body(userId: st.wang.id, attended: nil, written: 150, mock: 80, satisfaction: 90))
            #expect(over.status == .unprocessableEntity && over.body.string.contains("training.score.invalid"))
            let absent = try await env.request(.POST, "/api/v1/training/courses/\(courseID)/results", token: token,
                                               json: Body(userId: st.wang.id, attended: false, written: nil, mock: nil, satisfaction: nil))
            #expect(absent.status == .created && absent.body.string.contains("\"passed\":false"))
            let twice = try await env.request(.POST, "/api/v1/training/courses/\(courseID)/results", token: token,
                                              json: Body(userId: st.wang.id, attended: false, written: nil, mock: nil, satisfaction: nil))
            #expect(twice.status == .conflict && twice.body.string.contains("training.result.duplicate"))

            // act: revocation needs the confirmation and a reason
            let resultID = try #require(try await TrainingRepository(store: env.store).results(userID: st.s.officerA.id, actor: headActor).first?.id)
            csrf = try await head.csrf(from: coursePath)
            let unconfirmed = try await head.send(.POST, "/training/results/\(resultID.uuidString)/revoke", form: ["_csrf": csrf, "reason": "认证材料不实"])
            #expect(unconfirmed.status == .unprocessableEntity && unconfirmed.body.string.contains("请勾选“确认撤销”"))
            #expect(try await Self.interviewer(env, st.s.officerA, actor: headActor, on: "2025-10-09"))
            let revoked = try await head.send(.POST, "/training/results/\(resultID.uuidString)/revoke",
                                              form: ["_csrf": csrf, "reason": "认证材料不实", "confirm": "yes"])
            #expect(revoked.status == .seeOther)
            // check: the rule refuses him from now on; the page and the trail say so
            #expect(try await Self.interviewer(env, st.s.officerA, actor: headActor, on: "2025-10-09") == false)
            page = try await head.send(.GET, coursePath).body.string
            #expect(page.contains("已于2025-09-30撤销（认证材料不实）"))
            let actions = try await env.sql.select().column("action").from("audit_events").all().map { try $0.decode(column: "action", as: String.self) }
            #expect(["training.course.create", "training.result", "qualification.add", "qualification.revoke"].allSatisfy(actions.contains))
        }
    }

    @Test("PLT-07 X-05 PLT-03: three consecutive failures flag 王法制 for the leaders, a pass resets 李明's run; the person's file shows training, qualifications and case outcomes; another office gets 404, an officer 403")
    func flagsFileAndScope() async throws {
        try await withApp { env in
            // setup: 李明 handles an interview case; office B has its own unit head
            let st = try await InterviewTests.staff(env)
            let headB = try await env.user("head_b", "吴所长", unit: st.s.officeB.id, role: "unit-head", scope: .unitTree)
            let officer = try await env.token(st.s.officerA)
            let created = try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
                "partyID": st.party.id.uuidString, "title": "中村便民超市消防器材缺失", "source": "inspection", "description": "灭火器缺失",
            ])
            #expect(created.status == .created)
            let head = try await env.actor(st.head), repo = TrainingRepository(store: env.store), ctx = AuditContext.system("test")
            func course(_ kind: CourseKind, _ title: String, _ start: String, _ end: String) async throws -> TrainingCourse {
                try await repo.createCourse(TrainingCourseInput(kind: kind.rawValue, title: title, startsOn: start, endsOn: end, passMark: "60"), actor: head, context: ctx)
            }
            let topical = try await course(.topical, "2025年第三季度专题培训", "2025-07-31", "2025-07-31")
            let mock = try await course(.mockInterview, "8月模拟约谈", "2025-08-29", "2025-08-29")
            let drill = try await course(.jointDrill, "下半年联合演练", "2025-09-26", "2025-09-26")
            let prePost = try await course(.prePost, "2025年岗前培训", "2025-09-24", "2025-09-30")
            // act: 王 fails all three and the pre-post exam; 李 fails three, then passes the pre-post exam
            for c in [topical, mock, drill] {
                let score = c.kind.components.first == .written ? ScoreComponent.written : .mock
                for person in [st.wang, st.s.officerA] {
                    _ = try await repo.recordResult(courseID: c.id, userID: person.id, input: TrainingResultInput(attended: true, scores: [score: "45"]), actor: head, context: ctx)
                }
            }
            _ = try await repo.recordResult(courseID: prePost.id, userID: st.wang.id, input: TrainingResultInput(attended: true, scores: [.written: "59"]), actor: head, context: ctx)
            _ = try await repo.recordResult(courseID: prePost.id, userID: st.s.officerA.id, input: TrainingResultInput(attended: true, scores: [.written: "92"]),
                                            actor: head, context: ctx)
            // check: the deputy leader sees 王 flagged (4 in a row), not 李, and no course form
            let deputy = WebClient(env)
            try await deputy.login("deputy", Seeded.password)
            let index = try await deputy.send(.GET, "/training")
            #expect(index.status == .ok)
            let html = index.body.string
            let flags = try #require(html.components(separatedBy: "id=\"flag-list\"").last?.components(separatedBy: "</table>").first)
            #expect(flags.contains("王法制") && flags.contains(">4<") && !flags.contains("李明"))
            #expect(!html.contains("id=\"course-form\"") && html.contains("由领导研究决定"))
            // the pre-post cohort: 1 of 2 passed, below 95 %
            #expect(html.contains("1/2（50.0%）") && html.contains("未达到95%"))
            // 李明's file: training, the pre-post qualification, his case
            let file = try await deputy.send(.GET, "/training/people/\(st.s.officerA.id.uuidString)")
            #expect(file.status == .ok)
            let text = file.body.string
            #expect(text.contains("2025年岗前培训（岗前培训，2025-09-30）") && text.contains("下半年联合演练") && text.contains("不合格"))
            #expect(text.contains("岗前培训合格") && text.contains("长期") && text.contains("有效"))
            #expect(text.contains("经办或参与的案件共1件，已办结0件") && text.contains("行政约谈"))
            #expect(!text.contains("id=\"person-flag\""))
            let wangFile = try await deputy.send(.GET, "/training/people/\(st.wang.id.uuidString)").body.string
            #expect(wangFile.contains("id=\"person-flag\"") && wangFile.contains("最近连续4次考核不合格"))

            // office B's head sees none of it — 404 for the person, the course, and recording on it
            let b = WebClient(env)
            try await b.login("head_b", Seeded.password)
            #expect(try await b.send(.GET, "/training/people/\(st.s.officerA.id.uuidString)").status == .notFound)
            #expect(try await b.send(.GET, "/training/courses/\(prePost.id.uuidString)").status == .notFound)
            let bToken = try await env.token(headB)
            let listed = try await env.request(.GET, "/api/v1/training/courses", token: bToken)
            #expect(listed.status == .ok && listed.body.string == "[]")
            let foreign = try await env.request(.POST, "/api/v1/training/courses/\(prePost.id.uuidString)/results", token: bToken,
                                                json: Body(userId: st.s.officerB.id, attended: nil, written: 80, mock: nil, satisfaction: nil))
            #expect(foreign.status == .notFound)
            // nor may office A enrol office B's officer
            await #expect(throws: DomainError.self) {
                _ = try await repo.recordResult(courseID: prePost.id, userID: st.s.officerB.id, input: TrainingResultInput(attended: false, scores: [:]), actor: head, context: ctx)
            }
            // PLT-03: an officer has no training permission
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            #expect(try await web.send(.GET, "/training").status == .forbidden)
            #expect(try await web.send(.GET, "/training/people/\(st.s.officerA.id.uuidString)").status == .forbidden)
            let denied = try await env.request(.POST, "/api/v1/training/courses/\(prePost.id.uuidString)/results", token: officer,
                                               json: Body(userId: st.wang.id, attended: nil, written: 80, mock: nil, satisfaction: nil))
            #expect(denied.status == .forbidden)
            #expect(!(try await web.send(.GET, "/").body.string.contains("培训考核")))
        }
    }
}
