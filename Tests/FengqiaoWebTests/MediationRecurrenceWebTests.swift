import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// MD-48 and the 7-day duplicate warning through the store and the pages, on the demo bureau, on
/// SQLite and PostgreSQL: the demo's beauty salon registered three times in 90 days (多发矛盾), the same
/// parties and object again within 7 days (a warning linking the earlier case, never a refusal), the
/// window's edge 90 days on.
@Suite("Mediation 多发矛盾 and duplicate warnings (MD-48)", .serialized)
struct MediationRecurrenceWebTests {
    @Test("MD-48: today's salon registration (2026-12-04) is its third in 90 days (10-23, 11-30) and repeats 11-30's within 7 days — flagged and linked, registered all the same; registered again on 2027-02-27 (window from 11-30) still flagged, on 03-01 (from 12-02) not")
    func recurrence() async throws {
        try await withApp { env in
            env.moveClock(to: "2026-12-04")
            _ = try await DemoCommand.seed(env.app, password: "Demo-pass-123")
            let rows = try await MediationWebTests.rows(env)
            let salon = rows.filter { $0.facts.object.description == "美容预付卡服务合同" }.sorted { $0.facts.registeredOn < $1.facts.registeredOn }
            #expect(salon.map(\.facts.registeredOn.iso) == ["2026-10-23", "2026-11-30", "2026-12-04"])
            let today = try #require(salon.last), earlier = salon[1]
            #expect(today.state == "registered")
            let found = try #require(today.facts.recurrence)
            #expect(found.flags.contains(.init(labelZH: "同一被申请人", count: 3)))
            #expect(found.flags.contains { $0.labelZH.hasPrefix("同一问题性质") && $0.count == 3 })
            let number = try await env.store.sql.select().column("number").from("cases").where("id", .equal, SQLBind(earlier.id)).first()?
                .decode(column: "number", as: String.self)
            #expect(found.duplicates == [try #require(number)])
            // The earlier registrations were not flagged when made (one and two in the window).
            #expect(salon[0].facts.recurrence == nil && earlier.facts.recurrence == nil)

            // The case page: the flag, and the warning with a link to the earlier case.
            let web = WebClient(env)
            try await web.login("tj_centre", "Demo-pass-123")
            let page = try await web.send(.GET, "/cases/\(today.id.uuidString)").body.string
            #expect(page.contains("多发矛盾（MD-48）") && page.contains("同一被申请人90日内登记3件") && page.contains("可能重复登记"))
            #expect(page.contains(#"href="/cases/\#(earlier.id.uuidString)""#))
            let back = try await web.send(.GET, "/cases/\(earlier.id.uuidString)").body.string
            #expect(back.contains("后有相同当事人和客体的登记") && back.contains(#"href="/cases/\#(today.id.uuidString)""#))

            // The window's edge: the same dispute registered again through the form path.
            let clerk = try await env.org.actor(for: try #require(try await env.org.user(login: "tj_clerk")))
            let input = ActionInput([
                "source": ["visit"], "providerName": ["测试人"], "providerRelation": ["申请人本人"],
                "applicant": [today.facts.applicantID.uuidString], "respondent": [today.facts.respondentID.uuidString],
                "objectKind": [today.facts.object.kind.rawValue], "objectDescription": [today.facts.object.description], "amountYuan": ["100"],
                "nature": [today.facts.nature.rawValue], "scope": ["civil"], "claim": ["再次申请"], "location": ["江城区"],
            ])
            func register(on day: String) async throws -> MediationFacts {
                let store = env.store.with(clock: .fixed(Date(timeIntervalSince1970: Double(LocalDate(iso: day)!.ordinal) * 86_400 + 2 * 3600)))
                let repository = ProcedureRepository(store: store, MediationProcedure.self)
                let record = try await repository.openRecordingSignals(input, actor: clerk, context: AuditContext(actor: clerk, clientAddress: nil, requestID: "t"))
                return try #require(try await repository.find(record.id, actor: clerk, reading: true)).procedureCase.facts
            }
            let edge = try await register(on: "2027-02-27")
            #expect(edge.recurrence?.flags.contains(.init(labelZH: "同一被申请人", count: 3)) == true)
            #expect(edge.recurrence?.duplicates.isEmpty == true)
            let past = try await register(on: "2027-03-01")
            // 12-04 and 02-27 in the window from 12-02: three with this one.
            #expect(past.recurrence?.flags.contains(.init(labelZH: "同一被申请人", count: 3)) == true)
            let later = try await register(on: "2027-05-29")
            // From 2027-02-28: only 03-01 and this one.
            #expect(later.recurrence == nil)
            #expect(try await AuditRepository(store: env.store).verify().isIntact)
        }
    }
}
