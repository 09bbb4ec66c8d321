import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// MD-45: the centre's weekly meeting through the page on the demo bureau, on SQLite and PostgreSQL.
@Suite("Weekly meeting through the page (MD-45)", .serialized)
struct WeeklyMeetingWebTests {
    static let path = "/statistics/mediations/weekly-meetings"

    @Test("MD-45: the centre flags a dispute on Fri 2026-12-04; on Mon 12-07 the meeting's pack lists that step under its name and an overdue revisit under its handler; 20 minutes is refused and nothing saved; the meeting recorded once; the Spring Festival week of 2026-02-16 has none and no form")
    func weeklyMeeting() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let org = OrganisationRepository(store: env.store)
            let centre = try await org.actor(for: try #require(try await org.user(login: "tj_centre")))
            let open = try #require(try await MediationWebTests.rows(env).first { $0.state == "mediating" && !$0.facts.dispatched })
            env.moveClock(to: "2026-12-04", hour: 10)
            _ = try await ProcedureRepository(store: env.store, MediationProcedure.self).perform("flagReboundRisk", caseID: open.id,
                input: ActionInput(single: ["reason": "双方多次反复"]), expectedVersion: nil, actor: centre,
                context: AuditContext(actor: centre, clientAddress: nil, requestID: "t"))
            let number = try #require(try await env.store.sql.select().column("number").from("cases").where("id", .equal, SQLBind(open.id)).first()?
                .decode(column: "number", as: String.self))
            env.moveClock(to: "2026-12-07", hour: 8)

            let web = WebClient(env)
            try await web.login("tj_centre", "Demo-pass-123")
            let page = try await web.send(.GET, Self.path)
            let html = page.body.string
            #expect(page.status == .ok && html.contains("2026-12-07 星期一") && html.contains("上周（2026-11-30至2026-12-06）"))
            #expect(html.contains(centre.name) && html.contains(number))
            #expect(html.contains(#"<a href="/statistics/mediations/weekly-meetings" class="active">"#), "in the centre's navigation, lit")
            #expect(!html.contains(#"<a href="/statistics" class="active">"#), "统计 is not lit on a page under it")
            // An overdue revisit (MD-34) of a dispute the pack's people handle, as its clock stands.
            let people = try await WeeklyMeetingRepository(store: env.store, procedure: MediationProcedure.self).people(unit: centre.unitID)
            #expect(people.count >= 2)
            let overdue = try await env.store.sql.select().column(SQLColumn("number", table: "c")).column(SQLColumn("due_date", table: "k"))
                .from(SQLAlias(SQLIdentifier("clocks"), as: SQLIdentifier("k")))
                .join(SQLAlias(SQLIdentifier("cases"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner, on: SQLColumn("id", table: "c"), .equal, SQLColumn("case_id", table: "k"))
                .where(SQLColumn("step", table: "k"), .equal, SQLBind("revisit")).where(SQLColumn("ended_on", table: "k"), .is, SQLLiteral.null)
                .where(SQLColumn("due_date", table: "k"), .lessThan, SQLBind("2026-12-07"))
                .where(SQLColumn("handler_id", table: "c"), .in, SQLBind.group(people.map(\.id))).all()
            #expect(!overdue.isEmpty, "the demo leaves a revisit overdue")
            for row in overdue {
                #expect(html.contains("\(try row.decode(column: "number", as: String.self)) 回访（应于\(try row.decode(column: "due_date", as: String.self))前完成）"))
            }

            func count() async throws -> Int { try await env.store.sql.select().column("id").from("weekly_meetings").all().count }
            var form = ["_csrf": WebClient.csrf(in: html) ?? "", "week": "2026-12-07", "heldOn": "2026-12-07", "startTime": "08:30", "minutes": "20",
                        "chair": centre.userID.uuidString, "recorder": try #require(people.first { $0.id != centre.userID }).id.uuidString,
                        "attendees": people.map(\.name).joined(separator: "、"), "record": "逐人听取上周工作及逾期事项：回访逾期的限本周完成"]
            let refused = try await web.send(.POST, Self.path, form: form)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("例会时长为30至60分钟（MD-45）"))
            #expect(refused.body.string.contains("逐人听取上周工作及逾期事项"), "what was typed comes back")
            #expect(try await count() == 0)
            form["minutes"] = "40"
            form["_csrf"] = WebClient.csrf(in: refused.body.string) ?? ""
            let done = try await web.send(.POST, Self.path, form: form)
            #expect(done.status == .seeOther && done.headers.first(name: .location)?.contains("ok=meeting-recorded") == true)
            let shown = try await web.send(.GET, Self.path + "?week=2026-12-09")
            #expect(shown.body.string.contains("周例会记录") && shown.body.string.contains("40分钟") && !shown.body.string.contains("保存例会记录"))
            #expect(try await count() == 1)
            form["_csrf"] = WebClient.csrf(in: shown.body.string) ?? ""
            let again = try await web.send(.POST, Self.path, form: form)
            #expect(again.status == .unprocessableEntity && again.body.string.contains("本周例会已记录"))
            #expect(try await count() == 1)

            let festival = try await web.send(.GET, Self.path + "?week=2026-02-18")
            #expect(festival.body.string.contains("本周没有工作日，不召开例会（MD-45）") && !festival.body.string.contains("保存例会记录"))
            // Only the centre (the meeting's permission) opens it.
            let clerk = WebClient(env)
            try await clerk.login("tj_clerk", "Demo-pass-123")
            #expect(try await clerk.send(.GET, Self.path).status == .forbidden)
            #expect(try await AuditRepository(store: env.store).verify().isIntact)
        }
    }

    @Test("MD-45 over the API: the week of 2026-10-05 (the National Day) meets on Thu 10-08; a record held 14:00 for 20 minutes is 422 with both codes and nothing saved; a good one is 201 and the week shows it; the Spring Festival week has no day")
    func api() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let org = OrganisationRepository(store: env.store)
            let user = try #require(try await org.user(login: "tj_centre"))
            let token = try await env.token(user)
            let path = "/api/v1" + Self.path
            let october = try await env.request(.GET, path + "?week=2026-10-07", token: token)
            #expect(october.status == .ok)
            let week = try october.content.decode(WeeklyMeetingDTO.self)
            #expect(week.week == "2026-10-05" && week.day == "2026-10-08" && week.reviewedFrom == "2026-09-28" && week.record == nil)
            let recorder = try #require(week.people.first { $0.id != user.id })
            var body = WeeklyMeetingWriteDTO(week: "2026-10-05", heldOn: "2026-10-08", startTime: "14:00", minutes: 20, chair: user.id.uuidString,
                                             recorder: recorder.id.uuidString, attendees: "中心全体", record: "节后第一次例会")
            let refused = try await env.request(.POST, path, token: token, json: body)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("meeting.time.morning") && refused.body.string.contains("meeting.minutes.range"))
            #expect(try await env.store.sql.select().column("id").from("weekly_meetings").all().isEmpty)
            body = WeeklyMeetingWriteDTO(week: "2026-10-05", heldOn: "2026-10-08", startTime: "08:30", minutes: 40, chair: user.id.uuidString,
                                         recorder: recorder.id.uuidString, attendees: "中心全体", record: "节后第一次例会")
            let made = try await env.request(.POST, path, token: token, json: body)
            #expect(made.status == .created)
            #expect(try made.content.decode(WeeklyMeetingDTO.self).record?.minutes == 40)
            let festival = try await env.request(.GET, path + "?week=2026-02-16", token: token)
            #expect(try festival.content.decode(WeeklyMeetingDTO.self).day == nil)
        }
    }
}

