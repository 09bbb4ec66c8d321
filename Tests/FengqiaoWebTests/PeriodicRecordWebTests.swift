import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// MD-44 through the page on the demo bureau, on SQLite and PostgreSQL.
@Suite("Yearly records through the page (MD-44)", .serialized)
struct PeriodicRecordWebTests {
    static let path = "/statistics/mediations/yearly-records"

    @Test("MD-44: on Fri 2026-12-04 the centre sees the first half's 联席会议 missed and the rest pending; an inspection without its findings is refused and nothing saved; recorded on 12-03, then once only; on 2027-01-04 the second half's meeting shows missed; the window clerk may not open it")
    func yearlyRecords() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let web = WebClient(env)
            try await web.login("tj_centre", "Demo-pass-123")
            let page = try await web.send(.GET, Self.path)
            let html = page.body.string
            #expect(page.status == .ok && html.contains("行政调解年度工作记录 · 2026年") && html.contains(#"href="\#(Self.path)""#))
            #expect(html.contains("逾期未记录") && html.contains("待记录"))
            func count() async throws -> Int { try await env.store.sql.select().column("id").from("periodic_records").all().count }
            var form = ["_csrf": WebClient.csrf(in: html) ?? "", "year": "2026", "key": "inspection", "heldOn": "2026-12-03", "attendees": "市政府法制办检查组",
                        "note": ""]
            let refused = try await web.send(.POST, Self.path, form: form)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("请填写会议或检查情况（MD-44）"))
            let none = try await count()
            #expect(refused.body.string.contains(#"value="市政府法制办检查组""#) && none == 0)
            form["note"] = "检查调解台帐及卷宗，要求规范送达回证"
            form["_csrf"] = WebClient.csrf(in: refused.body.string) ?? ""
            let done = try await web.send(.POST, Self.path, form: form)
            let one = try await count()
            #expect(done.status == .seeOther && one == 1)
            let shown = try await web.send(.GET, Self.path + "?year=2026")
            #expect(shown.body.string.contains("已记录（2026-12-03）") && !shown.body.string.contains(#"<option value="inspection""#))
            form["_csrf"] = WebClient.csrf(in: shown.body.string) ?? ""
            let again = try await web.send(.POST, Self.path, form: form)
            let still = try await count()
            #expect(again.status == .unprocessableEntity && again.body.string.contains("2026年第四季度行政调解工作检查已记录") && still == 1)

            env.moveClock(to: "2027-01-04")
            let next = WebClient(env)
            try await next.login("tj_centre", "Demo-pass-123")
            let year = try await next.send(.GET, Self.path + "?year=2026")
            #expect(year.body.string.components(separatedBy: "逾期未记录").count - 1 == 2, "both half-years' meetings")
            let clerk = WebClient(env)
            try await clerk.login("tj_clerk", "Demo-pass-123")
            #expect(try await clerk.send(.GET, Self.path).status == .forbidden)
        }
    }

    @Test("MD-44 over the API: on 2026-12-04 the first half's meeting is missed and the others pending; an inspection dated 09-30 is 422 periodic.day.window and nothing saved; one on 12-03 is 201 and recorded; a second is 422 periodic.recorded")
    func api() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let token = try await env.token(try #require(try await OrganisationRepository(store: env.store).user(login: "tj_centre")))
            let path = "/api/v1" + Self.path
            let year = try await env.request(.GET, path + "?year=2026", token: token)
            #expect(year.status == .ok)
            #expect(try year.content.decode(PeriodicRecordsDTO.self).records.map(\.status) == ["missed", "pending", "pending"])
            var body = PeriodicRecordWriteDTO(year: 2026, key: "inspection", heldOn: "2026-09-30", attendees: "市政府法制办检查组", note: "检查台帐")
            let refused = try await env.request(.POST, path, token: token, json: body)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("periodic.day.window"))
            #expect(try await env.store.sql.select().column("id").from("periodic_records").all().isEmpty)
            body = PeriodicRecordWriteDTO(year: 2026, key: "inspection", heldOn: "2026-12-03", attendees: "市政府法制办检查组", note: "检查台帐")
            let made = try await env.request(.POST, path, token: token, json: body)
            #expect(made.status == .created)
            #expect(try made.content.decode(PeriodicRecordsDTO.self).records.last?.heldOn == "2026-12-03")
            let again = try await env.request(.POST, path, token: token, json: body)
            #expect(again.status == .unprocessableEntity && again.body.string.contains("periodic.recorded"))
        }
    }
}

