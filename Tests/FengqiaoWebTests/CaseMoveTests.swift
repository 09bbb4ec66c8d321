import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Moving a case to another unit inside a transition (issue 12 item 4): the test-only referral is
/// dispatched (分流/转办, R-02) from office A (ZC) to office B (DH) and returned (回流, R-03). On SQLite
/// and PostgreSQL.
@Suite("Case moves between units (issue 12 item 4)", .serialized)
struct CaseMoveTests {
    static let registry = ProcedureRegistry.shipped.adding([ReferralProcedure.self])

    struct Body: Encodable {
        let version: Int
        let input: [String: String]
    }

    static func units(_ env: TestEnv, _ id: String) async throws -> (cases: [UUID], clocks: [UUID]) {
        let cases = try await env.sql.select().column("unit_id").from("cases").where("id", .equal, SQLBind(try #require(UUID(uuidString: id)))).all()
        let clocks = try await env.sql.select().column("unit_id").from("clocks").where("case_id", .equal, SQLBind(try #require(UUID(uuidString: id))))
            .where("ended_on", .is, SQLLiteral.null).where("cancelled_on", .is, SQLLiteral.null).all()
        return (try cases.map { try $0.decode(column: "unit_id", as: UUID.self) }, try clocks.map { try $0.decode(column: "unit_id", as: UUID.self) })
    }

    @Test("R-02 R-03 X-05: office A dispatches to office B — B's officer sees, works and returns it, A's officer gets 404 meanwhile; the running clock (due 2025-10-14 across National Day) follows; audited with both units")
    func dispatchAndReturn() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup: a referral registered in office A on Tue 2025-09-30
            let s = try await env.seed()
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村转办商行有限公司", uscc: .uscc(5151)),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let a = try await env.token(s.officerA)
            let b = try await env.token(s.officerB)
            let created = try RegistryTests.json(try await env.request(.POST, "/api/v1/referrals", token: a, json: ["partyID": party.id.uuidString]))
            let id = try #require(created["id"] as? String)
            // 5 working days after 09-30 skip 10-01…10-08: 10-09, 10-10, 10-11 (make-up Saturday), 10-13, 10-14
            let clock = (try RegistryTests.json(try await env.request(.GET, "/api/v1/cases/\(id)", token: a))["clocks"] as? [[String: Any]])?.first
            #expect(clock?["due"] as? String == "2025-10-14")
            #expect(try await env.request(.GET, "/api/v1/referrals/\(id)", token: b).status == .notFound)

            // check: an unknown unit is refused with the field and rule
            let unknown = try await env.request(.POST, "/api/v1/referrals/\(id)/actions/dispatch", token: a, json: Body(version: 1, input: ["unit": "XX"]))
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("case.move.unit-unknown"))

            // act: A dispatches to B (DH), keeping no read access
            let sent = try await env.request(.POST, "/api/v1/referrals/\(id)/actions/dispatch", token: a, json: Body(version: 1, input: ["unit": "DH"]))
            #expect(sent.status == .ok)
            #expect(try RegistryTests.json(sent)["unitId"] as? String == s.officeB.id.uuidString)

            // check: the case, its running clock and its scope moved to B
            let moved = try await Self.units(env, id)
            #expect(moved.cases == [s.officeB.id])
            #expect(moved.clocks == [s.officeB.id])
            #expect(try await env.request(.GET, "/api/v1/referrals/\(id)", token: a).status == .notFound)
            #expect(try await env.request(.GET, "/api/v1/referrals/\(id)", token: b).status == .ok)
            let unitList = try RegistryTests.list(try await env.request(.GET, "/api/v1/worklist?view=unit", token: b))
            #expect(unitList.contains { $0["caseId"] as? String == id })
            #expect(try RegistryTests.list(try await env.request(.GET, "/api/v1/worklist?view=unit", token: a)).allSatisfy { $0["caseId"] as? String != id })
            // A cannot act on it any more
            #expect(try await env.request(.POST, "/api/v1/referrals/\(id)/actions/return", token: a,
                                          json: Body(version: 2, input: ["reply": "x"])).status == .notFound)

            // act: B replies and returns it (回流)
            env.moveClock(to: "2025-10-09")
            let back = try await env.request(.POST, "/api/v1/referrals/\(id)/actions/return", token: b, json: Body(version: 2, input: ["reply": "已核实处理"]))
            #expect(back.status == .ok)

            // check: home again, with its handler; B no longer sees it
            let home = try await Self.units(env, id)
            #expect(home.cases == [s.officeA.id])
            #expect(home.clocks == [s.officeA.id])
            let c = try RegistryTests.json(try await env.request(.GET, "/api/v1/referrals/\(id)", token: a))
            #expect(c["state"] as? String == "open")
            let handler = try await env.sql.select().column("handler_id").from("cases").where("id", .equal, SQLBind(try #require(UUID(uuidString: id)))).first()
            #expect(try handler?.decode(column: "handler_id", as: UUID?.self) == s.officerA.id)
            #expect(try await env.request(.GET, "/api/v1/referrals/\(id)", token: b).status == .notFound)
            // check: both moves audited with both units
            let moves = try await env.audit.search(AuditQuery(objectID: id.uppercased(), action: "case.move"), actor: env.actor(s.auditor))
            #expect(Set(moves.compactMap { event in event.draft.changes["unit"].map { "\($0.before ?? "")>\($0.after ?? "")" } })
                == ["\(s.officeA.id.uuidString)>\(s.officeB.id.uuidString)", "\(s.officeB.id.uuidString)>\(s.officeA.id.uuidString)"])
        }
    }

    @Test("R-02 X-05: a dispatch that keeps read access lets A's officer read the case at B but not act on it; the return ends B's view")
    func keptReadAccess() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup
            let s = try await env.seed()
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村查阅商行有限公司", uscc: .uscc(5152)),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let a = try await env.token(s.officerA)
            let b = try await env.token(s.officerB)
            let id = try #require(try RegistryTests.json(try await env.request(.POST, "/api/v1/referrals", token: a,
                                                                               json: ["partyID": party.id.uuidString]))["id"] as? String)
            // act
            let sent = try await env.request(.POST, "/api/v1/referrals/\(id)/actions/dispatch", token: a,
                                             json: Body(version: 1, input: ["unit": "DH", "keepRead": "on"]))
            #expect(sent.status == .ok)
            // check: A reads, cannot act; B works it
            #expect(try await env.request(.GET, "/api/v1/referrals/\(id)", token: a).status == .ok)
            #expect(try await env.request(.POST, "/api/v1/referrals/\(id)/actions/return", token: a,
                                          json: Body(version: 2, input: ["reply": "x"])).status == .notFound)
            #expect(try await env.request(.POST, "/api/v1/referrals/\(id)/actions/return", token: b,
                                          json: Body(version: 2, input: ["reply": "已办"])).status == .ok)
            // check: back home, A's reader row is gone (it owns the case again) and B keeps no view
            #expect(try await env.sql.select().column("unit_id").from("case_readers").all().isEmpty)
            #expect(try await env.request(.GET, "/api/v1/referrals/\(id)", token: b).status == .notFound)
            #expect(try await env.request(.GET, "/api/v1/referrals/\(id)", token: a).status == .ok)
        }
    }
}
