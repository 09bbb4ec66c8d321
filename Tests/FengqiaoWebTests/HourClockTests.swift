import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Hour-based clocks through the API and the case page (CAL-13): an urgent interview held within 24
/// hours of service, a media report answered within 48 hours (IV-25), across the 2025 National Day
/// holiday (10-01…10-08 rest days; 09-28 and 10-11 make-up working days). And X-02: a clock ends only
/// through its procedure's transitions.
@Suite("Hour clocks and back-dating (CAL-13, X-02, CAL-33)", .serialized)
struct HourClockTests {
    typealias IV = InterviewTests

    /// The clock of `step` on the case, as the API shows it.
    static func clock(_ env: TestEnv, _ token: String, _ id: String, step: String) async throws -> [String: Any] {
        let res = try await env.request(.GET, "/api/v1/cases/\(id)", token: token)
        return (try IV.json(res)["clocks"] as? [[String: Any]] ?? []).last { $0["step"] as? String == step } ?? [:]
    }

    /// A clue recorded on Mon 2025-09-29 at 09:30 Beijing time by officer_a.
    static func clue(_ env: TestEnv, _ st: IV.Staff, _ token: String) async throws -> String {
        env.moveClock(to: "2025-09-29", hour: 9.5)
        let created = try await env.request(.POST, "/api/v1/interviews", token: token, json: [
            "partyID": st.party.id.uuidString, "title": "中村便民超市燃气泄漏隐患", "source": "inspection", "description": "群众反映燃气异味",
        ])
        #expect(created.status == .created)
        return try #require(try IV.json(created)["id"] as? String)
    }

    /// An urgent interview taken to the served notice: verified, reviewed, approved and assigned on
    /// 2025-09-29, the notice served 09-30, and the service recorded on the case at 09-30 16:00.
    static func urgentServed(_ env: TestEnv, _ st: IV.Staff) async throws -> (id: String, officer: String) {
        let (id, officer) = try await urgentNoticeDelivered(env, st)
        let scheduled = try await IV.action(env, officer, id, "serveNotice", ["scheduledOn": ["2025-10-01"], "place": ["中村所三楼会议室"], "mode": ["on-site"]])
        #expect(scheduled.status == .ok, "\(scheduled.body.string)")
        return (id, officer)
    }

    /// The same urgent interview up to the delivered notice (09-30), the clock at 09-30 16:00: the
    /// service is not yet recorded on the case.
    static func urgentNoticeDelivered(_ env: TestEnv, _ st: IV.Staff) async throws -> (id: String, officer: String) {
        let officer = try await env.token(st.s.officerA)
        let id = try await clue(env, st, officer)
        let verified = try await IV.action(env, officer, id, "verify", [
            "facts": ["燃气管道老化泄漏"], "evidence": ["现场检查笔录"], "provisions": ["《城镇燃气管理条例》第二十八条"],
            "ground": ["first-minor"], "category": ["fire-equipment"], "necessity": ["存在紧迫安全隐患"], "notSerious": ["on"], "urgent": ["on"],
        ])
        #expect(verified.status == .ok, "\(verified.body.string)")
        let reviewed = try await IV.action(env, try await env.token(st.legal), id, "review", [
            "decision": ["pass"], "opinion": ["同意"], "partyQualified": ["on"], "factsClear": ["on"], "evidenceSufficient": ["on"],
            "lawCorrect": ["on"], "procedureLawful": ["on"],
        ])
        #expect(reviewed.status == .ok, "\(reviewed.body.string)")
        let approved = try await IV.action(env, try await env.token(st.deputy), id, "approve", ["decision": ["approve"], "opinion": ["同意，从速约谈"]])
        #expect(approved.status == .ok, "\(approved.body.string)")
        for u in [st.s.officerA, st.wang] {
            _ = try await env.org.addQualification(userID: u.id, kind: "interviewer", issuer: "江城市市场监督管理局", obtainedOn: LocalDate(iso: "2024-03-01")!,
                                                   expiresOn: LocalDate(iso: "2027-02-28")!, context: .system("test"))
        }
        _ = try await env.org.addQualification(userID: st.wang.id, kind: "legal-review", issuer: "江城市司法局", obtainedOn: LocalDate(iso: "2024-03-01")!,
                                               expiresOn: nil, context: .system("test"))
        let assigned = try await IV.action(env, try await env.token(st.head), id, "assign", [
            "interviewers": [st.s.officerA.id.uuidString, st.wang.id.uuidString], "tracker": [st.s.officerA.id.uuidString],
        ])
        #expect(assigned.status == .ok, "\(assigned.body.string)")
        let issued = try await env.request(.POST, "/api/v1/cases/\(id)/documents", token: officer,
                                           json: DocumentIssueDTO(templateCode: "IV-NOTICE", values: DocumentTests.noticeValues, recipient: st.party.name))
        #expect(issued.status == .created)
        let docID = try #require(try IV.json(issued)["id"] as? String)
        env.moveClock(to: "2025-09-30", hour: 16)
        let served = try await env.request(.POST, "/api/v1/documents/\(docID)/service", token: officer,
                                           json: ["recipient": st.party.name, "method": "post", "date": "2025-09-29", "mailNumber": "1187654321098",
                                                  "deliveredOn": "2025-09-30"])
        #expect(served.status == .created, "\(served.body.string)")
        return (id, officer)
    }

    static func record(heldOn: String) -> [String: [String]] {
        ["heldOn": [heldOn], "mode": ["on-site"], "recorder": ["王法制"], "findings": ["燃气管道老化"], "statement": ["承认事实，承诺立即整改"],
         "items": ["更换燃气管道"], "deadline": ["2025-10-20"], "certificatesShown": ["on"], "purposeStated": ["on"], "rightsInformed": ["on"],
         "refusalConsequenceInformed": ["on"], "signature": ["signed"]]
    }

    @Test("CAL-13 an urgent interview served 2025-09-30 16:00 is due 2025-10-01 16:00 (a holiday, not rolled) and held at 15:00 is met")
    func urgentInterviewHeldInTime() async throws {
        try await withApp { env in
            // setup
            let st = try await IV.staff(env)
            let (id, officer) = try await Self.urgentServed(env, st)
            // check: the 24-hour clock started at the transition's instant, due exactly 24 hours later
            let running = try await Self.clock(env, officer, id, step: "interviewUrgent")
            #expect(running["startAt"] as? String == "2025-09-30T16:00:00+08:00")
            #expect(running["dueAt"] as? String == "2025-10-01T16:00:00+08:00")
            #expect(running["due"] as? String == "2025-10-01")
            #expect(running["unit"] as? String == "hour")
            #expect(running["state"] as? String == "running")
            // the worklist order uses the due instant's Beijing date (CAL-40)
            let nextDue = try await env.sql.select().column("next_due").from("cases").where("id", .equal, SQLBind(try #require(UUID(uuidString: id)))).first()
            #expect(try nextDue?.decode(column: "next_due", as: String?.self) == "2025-10-01")
            // the case page shows date and time
            let web = WebClient(env)
            _ = try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(id)").body.string
            #expect(page.contains("2025-09-30 16:00"))
            #expect(page.contains("2025-10-01 16:00"))
            // act: held the next day at 15:00, an hour before the due instant
            env.moveClock(to: "2025-10-01", hour: 15)
            let held = try await IV.action(env, officer, id, "holdInterview", Self.record(heldOn: "2025-10-01"))
            #expect(held.status == .ok, "\(held.body.string)")
            // check
            let ended = try await Self.clock(env, officer, id, step: "interviewUrgent")
            #expect(ended["endedAt"] as? String == "2025-10-01T15:00:00+08:00")
            #expect(ended["endedOn"] as? String == "2025-10-01")
            #expect(ended["state"] as? String == "met")
        }
    }

    @Test("CAL-13 CAL-33 CAL-42 an urgent interview held at 16:30, half an hour after its due instant on the same day, is overdue and earns a yellow card")
    func urgentInterviewHeldLate() async throws {
        try await withApp { env in
            // setup
            let st = try await IV.staff(env)
            let (id, officer) = try await Self.urgentServed(env, st)
            // check: at 16:00:01 on the due day it is already overdue (an instant, not a date)
            env.moveClock(to: "2025-10-01", hour: 16 + 1.0 / 3600)
            #expect(try await Self.clock(env, officer, id, step: "interviewUrgent")["state"] as? String == "overdue")
            // and the deadlines page shows it red on its due day (CAL-40), not orange
            let web = WebClient(env)
            _ = try await web.login("officer_a", Seeded.password)
            let deadlines = try await web.send(.GET, "/deadlines").body.string
            #expect(deadlines.contains("<tr class=\"signal-red\"><td data-label=\"环节\">紧急约谈"))
            #expect(deadlines.contains("2025-10-01 16:00"))
            // act
            env.moveClock(to: "2025-10-01", hour: 16.5)
            let held = try await IV.action(env, officer, id, "holdInterview", Self.record(heldOn: "2025-10-01"))
            #expect(held.status == .ok, "\(held.body.string)")
            // check: it stays overdue after the late end, and the unit has a yellow card
            let ended = try await Self.clock(env, officer, id, step: "interviewUrgent")
            #expect(ended["endedAt"] as? String == "2025-10-01T16:30:00+08:00")
            #expect(ended["state"] as? String == "overdue")
            #expect(ended["signal"] as? String == "red")
            let cards = try await ClockRepository(store: env.store).cards(unit: st.s.officeA.id, year: 2025)
            #expect(cards.map(\.color) == [.yellow])
        }
    }

    @Test("IV-25 CAL-13 a media report at 2025-09-29 09:30 starts a 48-hour response due 2025-10-01 09:30 (not rolled); answered 09-30 14:00 it is met")
    func mediaReportAnswered() async throws {
        try await withApp { env in
            // setup
            let st = try await IV.staff(env)
            let officer = try await env.token(st.s.officerA)
            let id = try await Self.clue(env, st, officer)
            // act: the report
            let reported = try await IV.action(env, officer, id, "recordMediaReport", [
                "reportedOn": ["2025-09-29"], "outlet": ["江城晚报"], "summary": ["燃气隐患迟迟未处理"],
            ])
            #expect(reported.status == .ok, "\(reported.body.string)")
            // check: 48 hours from the transition's instant, across the holiday's first day, never rolled
            let running = try await Self.clock(env, officer, id, step: "mediaResponse")
            #expect(running["startAt"] as? String == "2025-09-29T09:30:00+08:00")
            #expect(running["dueAt"] as? String == "2025-10-01T09:30:00+08:00")
            #expect(running["due"] as? String == "2025-10-01")
            #expect(running["state"] as? String == "running")
            // the media response is the case's earliest running step (verification: 3 working days → 10-10)
            let nextDue = try await env.sql.select().column("next_due").from("cases").where("id", .equal, SQLBind(try #require(UUID(uuidString: id)))).first()
            #expect(try nextDue?.decode(column: "next_due", as: String?.self) == "2025-10-01")
            // act: the response the next afternoon
            env.moveClock(to: "2025-09-30", hour: 14)
            let answered = try await IV.action(env, officer, id, "respondMedia", ["on": ["2025-09-30"], "response": ["已书面回应并公开整改安排"]])
            #expect(answered.status == .ok, "\(answered.body.string)")
            // check
            let ended = try await Self.clock(env, officer, id, step: "mediaResponse")
            #expect(ended["endedAt"] as? String == "2025-09-30T14:00:00+08:00")
            #expect(ended["state"] as? String == "met")
            // the OpenAPI document describes the instants
            let doc = try await env.request(.GET, "/api/v1/openapi.json", token: officer).body.string
            #expect(doc.contains("\"dueAt\""))
        }
    }

    @Test("X-02 CAL-33 a clock cannot be ended or back-dated through the API: the route is gone and an overdue step stays overdue")
    func noBackDating() async throws {
        try await withApp { env in
            // setup: a clue of Mon 2025-09-29: verification due 3 working days later (09-30, 10-09, 10-10)
            let st = try await IV.staff(env)
            let officer = try await env.token(st.s.officerA)
            let id = try await Self.clue(env, st, officer)
            let due = try #require(try await Self.clock(env, officer, id, step: "verification")["due"] as? String)
            let clockID = try #require(try await Self.clock(env, officer, id, step: "verification")["id"] as? String)
            // act: past the due date, try to end it back-dated, and with no date
            env.moveClock(to: "2025-10-13")
            #expect(try await Self.clock(env, officer, id, step: "verification")["state"] as? String == "overdue")
            let backDated = try await env.request(.POST, "/api/v1/clocks/\(clockID)/end", token: officer, json: ["endedOn": due])
            let bare = try await env.request(.POST, "/api/v1/clocks/\(clockID)/end", token: officer, json: [String: String]())
            // check: no such route (404, or 405 on a matching path), and the step is still open and overdue
            #expect([HTTPStatus.notFound, .methodNotAllowed].contains(backDated.status))
            #expect([HTTPStatus.notFound, .methodNotAllowed].contains(bare.status))
            let after = try await Self.clock(env, officer, id, step: "verification")
            #expect(after["state"] as? String == "overdue")
            #expect(after["endedOn"] == nil || after["endedOn"] is NSNull)
            // nor through the case page
            let web = WebClient(env)
            _ = try await web.login("officer_a", Seeded.password)
            let html = try await web.send(.GET, "/cases/\(id)").body.string
            #expect(!html.contains("/clocks/\(clockID)/end"))
            let csrf = WebClient.csrf(in: html) ?? ""
            let page = try await web.send(.POST, "/clocks/\(clockID)/end", form: ["_csrf": csrf, "endedOn": due])
            #expect([HTTPStatus.notFound, .methodNotAllowed].contains(page.status))
            // nor in the OpenAPI document
            let doc = try await env.request(.GET, "/api/v1/openapi.json", token: officer).body.string
            #expect(!doc.contains("/api/v1/clocks/{id}/end"))
            #expect(doc.contains("/api/v1/clocks/{id}/extensions/{requestId}/confirm"))
        }
    }
}
