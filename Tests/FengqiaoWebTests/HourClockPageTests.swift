import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// Hour clocks through the case page (CAL-13, IV-25): the officer signs in through the login form
/// and takes notice service, the urgent interview, the media report and its response through the
/// page's forms; the clock table shows each 24- or 48-hour clock's start and due instant to the
/// minute in Beijing time, across the 2025 National Day holiday (10-01…10-08 rest days).
@Suite("Hour clocks on the case page (CAL-13, IV-25)", .serialized)
struct HourClockPageTests {
    typealias IV = InterviewTests

    /// The case page signed in as `login` through the login form (a fresh session after the clock moved).
    static func signedIn(_ env: TestEnv, _ login: String = "officer_a") async throws -> WebClient {
        let web = WebClient(env)
        try await web.login(login, Seeded.password)
        return web
    }

    /// Takes step `key` through its form on the case page: the page must offer the form; the CSRF token
    /// and the form's `_version` are read from it, as a browser sends them.
    static func post(_ web: WebClient, _ id: String, _ key: String, _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        let path = "/cases/\(id)"
        let page = try await web.send(.GET, path).body.string
        let action = "\(path)/actions/\(key)"
        #expect(page.contains("action=\"\(action)\""), "the case page offers no form for \(key)")
        let form = page.components(separatedBy: "id=\"form-\(key)\"").dropFirst().first ?? ""
        let version = form.firstMatch(of: #/name="_version" value="(\d+)"/#).map { String($0.1) } ?? ""
        return try await web.send(.POST, action, pairs: [("_csrf", WebClient.csrf(in: page) ?? ""), ("_version", version)] + fields)
    }

    /// The clock table's row of the step named `stepZH`, with the rows of its records that follow it.
    static func clockRow(_ html: String, _ stepZH: String) throws -> String {
        let table = try #require(html.components(separatedBy: "id=\"case-clocks\"").dropFirst().first?.components(separatedBy: "</table>").first)
        let rows = table.components(separatedBy: "<tr class=\"signal-").dropFirst()
        return try #require(rows.first { $0.contains("data-label=\"环节\">\(stepZH) ") }, "no clock row for \(stepZH)")
    }

    /// The start or due cell of an hour clock: the instant as `<time>` in Beijing time, shown to the minute.
    static func instant(_ label: String, _ iso: String, _ shown: String) -> String {
        "data-label=\"\(label)\"><time datetime=\"\(iso)\" title=\"北京时间\">\(shown)</time>"
    }

    static func record(heldOn: String, lateReason: String? = nil) -> [(String, String)] {
        [("heldOn", heldOn), ("mode", "on-site"), ("recorder", "王法制"), ("findings", "燃气管道老化"), ("statement", "承认事实，承诺立即整改"),
         ("items", "更换燃气管道"), ("deadline", "2025-10-20"), ("certificatesShown", "on"), ("purposeStated", "on"), ("rightsInformed", "on"),
         ("refusalConsequenceInformed", "on"), ("signature", "signed")] + (lateReason.map { [("lateReason", $0)] } ?? [])
    }

    /// Notice delivered 2025-09-30; its service recorded on the case page at 09-30 16:00.
    static func servedOnPage(_ env: TestEnv, _ st: IV.Staff) async throws -> String {
        let id = try #require(UUID(uuidString: try await HourClockTests.urgentNoticeDelivered(env, st).id)).uuidString
        let web = try await Self.signedIn(env)
        let served = try await Self.post(web, id, "serveNotice", [("scheduledOn", "2025-10-01"), ("place", "中村所三楼会议室"), ("mode", "on-site")])
        #expect(served.status == .seeOther, "\(served.body.string.components(separatedBy: "case-errors").dropFirst().first?.prefix(600) ?? "")")
        return id
    }

    @Test("CAL-13 on the case page: an urgent interview served 2025-09-30 16:00 shows 起算 2025-09-30 16:00 and 到期 2025-10-01 16:00 (a holiday, not rolled); held through the form at 15:00 it is 按期办结")
    func urgentInterviewOnPage() async throws {
        try await withApp { env in
            // setup + act: service recorded through the form at 09-30 16:00
            let st = try await IV.staff(env)
            let id = try await Self.servedOnPage(env, st)
            // check: the 24-hour clock runs from the form's instant
            let web = try await Self.signedIn(env)
            let running = try Self.clockRow(try await web.send(.GET, "/cases/\(id)").body.string, "紧急约谈")
            #expect(running.contains("24小时"))
            #expect(running.contains(Self.instant("起算", "2025-09-30T16:00+08:00", "2025-09-30 16:00")))
            #expect(running.contains(Self.instant("到期", "2025-10-01T16:00+08:00", "2025-10-01 16:00")))
            #expect(running.contains("data-label=\"状态\">计时中<"))
            // act: held through the form the next day (National Day) at 15:00
            env.moveClock(to: "2025-10-01", hour: 15)
            let officer = try await Self.signedIn(env)
            let held = try await Self.post(officer, id, "holdInterview", Self.record(heldOn: "2025-10-01"))
            #expect(held.status == .seeOther, "\(held.body.string.components(separatedBy: "case-errors").dropFirst().first?.prefix(600) ?? "")")
            // check: met at 15:00, the start and due instants unchanged
            let ended = try Self.clockRow(try await officer.send(.GET, "/cases/\(id)").body.string, "紧急约谈")
            #expect(ended.contains("data-label=\"状态\">按期办结<"))
            #expect(ended.contains("办结于 2025-10-01 15:00"))
            #expect(ended.contains(Self.instant("到期", "2025-10-01T16:00+08:00", "2025-10-01 16:00")))
        }
    }

    @Test("CAL-13 方案§6.2 on the case page: the urgent interview held through the form on 2025-10-02, after its 24 hours, is refused without a reason for the delay (the page keeps the clock 超期); with the reason it is recorded 超期")
    func urgentInterviewLateOnPage() async throws {
        try await withApp { env in
            // setup
            let st = try await IV.staff(env)
            let id = try await Self.servedOnPage(env, st)
            // act: the morning after the due instant, no reason given
            env.moveClock(to: "2025-10-02", hour: 10)
            let officer = try await Self.signedIn(env)
            let refused = try await Self.post(officer, id, "holdInterview", Self.record(heldOn: "2025-10-02"))
            // check: refused with the rule, the values kept, the clock still open and overdue
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            #expect(page.contains("逾期约谈须填写逾期原因（方案§6.2）"))
            #expect(page.contains("更换燃气管道"))
            let open = try Self.clockRow(page, "紧急约谈")
            #expect(open.contains("data-label=\"状态\">超期<") && !open.contains("办结于"))
            #expect(open.hasPrefix("red\""))
            // act: again with the reason
            let late = try await Self.post(officer, id, "holdInterview", Self.record(heldOn: "2025-10-02", lateReason: "当事人负责人国庆期间在外地，次日到场"))
            #expect(late.status == .seeOther)
            // check: ended at 10:00 on 10-02, after its due instant: overdue, not met
            let ended = try Self.clockRow(try await officer.send(.GET, "/cases/\(id)").body.string, "紧急约谈")
            #expect(ended.contains("data-label=\"状态\">超期<"))
            #expect(ended.contains("办结于 2025-10-02 10:00"))
            #expect(ended.contains(Self.instant("到期", "2025-10-01T16:00+08:00", "2025-10-01 16:00")))
        }
    }

    @Test("IV-25 CAL-13 on the case page: a media report recorded through the form at 2025-09-29 09:30 shows its 48-hour response due 2025-10-01 09:30 (not rolled); answered through the form 09-30 14:00 it is 按期办结")
    func mediaReportOnPage() async throws {
        try await withApp { env in
            // setup: a clue of Mon 2025-09-29 09:30
            let st = try await IV.staff(env)
            let officerToken = try await env.token(st.s.officerA)
            let id = try #require(UUID(uuidString: try await HourClockTests.clue(env, st, officerToken))).uuidString
            // act: the report through the form
            let web = try await Self.signedIn(env)
            let reported = try await Self.post(web, id, "recordMediaReport", [("reportedOn", "2025-09-29"), ("outlet", "江城晚报"), ("summary", "燃气隐患迟迟未处理")])
            #expect(reported.status == .seeOther)
            // check: 48 hours from the form's instant, across the holiday's first day
            let running = try Self.clockRow(try await web.send(.GET, "/cases/\(id)").body.string, "舆情回应")
            #expect(running.contains("48小时"))
            #expect(running.contains(Self.instant("起算", "2025-09-29T09:30+08:00", "2025-09-29 09:30")))
            #expect(running.contains(Self.instant("到期", "2025-10-01T09:30+08:00", "2025-10-01 09:30")))
            #expect(running.contains("data-label=\"状态\">计时中<"))
            // act: the response through the form the next afternoon
            env.moveClock(to: "2025-09-30", hour: 14)
            let officer = try await Self.signedIn(env)
            let answered = try await Self.post(officer, id, "respondMedia", [("on", "2025-09-30"), ("response", "已书面回应并公开整改安排")])
            #expect(answered.status == .seeOther)
            // check
            let ended = try Self.clockRow(try await officer.send(.GET, "/cases/\(id)").body.string, "舆情回应")
            #expect(ended.contains("data-label=\"状态\">按期办结<"))
            #expect(ended.contains("办结于 2025-09-30 14:00"))
        }
    }
}
