import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// CP-42 for the report track through the API, the store and the scheduler (as the complaint's
/// `ComplaintDelegationWithdrawTests.referredByTheScheduler`): a report dispatched by 中村所's head (the
/// centre) to 东湖所 is disputed instead of returned; when the 7 working days run out the scheduler puts
/// it to 江城局, whose 分送员 is told once — with nothing of the reporter — and decides; the report
/// moves with its verification clock (CP-26).
@Suite("Report jurisdiction disputes through the API and the scheduler (CP-42)", .serialized)
struct ReportDisputeWebTests {
    typealias R = ReportDispatchWebTests

    static func act(_ env: TestEnv, _ token: String, _ id: String, _ key: String, _ version: Int, _ input: [String: String]) async throws -> TestingHTTPResponse {
        try await env.request(.POST, "/api/v1/reports/\(id)/actions/\(key)", token: token, json: R.Body(version: version, input: input))
    }

    static func inbox(_ env: TestEnv, _ user: UserRecord, kind: String) async throws -> [InboxItem] {
        try await NotificationRepository(store: env.store).inbox(userID: user.id).filter { $0.kind == kind }
    }

    @Test("CP-42 CAL-43 CP-08 CP-26: a report dispatched Tue 2025-09-30 to 东湖所 is disputed with 中村所 the same day — the return clock ends, the 7 working days run to Thu 10-16 across 国庆; the superior may not decide on 10-16 (report.dispute.pending) and the scheduler does nothing; on Fri 10-17 it refers the dispute to 江城局 — its 分送员 told once, the 所 heads not, nothing of the reporter in the notice or the dispute; a second pass refers nothing; on Mon 10-20 the 分送员 decides for 中村所: received that day, verification due 2025-11-10")
    func referredAndDecided() async throws {
        try await withApp { env in
            // setup: A's head dispatches (the centre); B's officer disputes; 江城局's 分送员 is the common superior
            let s = try await env.seed()
            let centre = try await env.user("centre_head", "周主任", unit: s.officeA.id, role: "unit-head", scope: .unit)
            let headB = try await env.user("head_b", "吴所长", unit: s.officeB.id, role: "unit-head", scope: .unit)
            let registrar = try await env.user("registrar_a", "钱受理", unit: s.officeA.id, role: "complaint-registrar", scope: .unit)
            let superior = try await env.user("bureau_dispatcher", "郑分送", unit: s.bureau.id, role: "complaint-dispatcher", scope: .unitTree)
            let reporter = try await env.parties.create(PartyInput(kind: "person", name: "钱保密", phone: "13700004242"), unitID: s.officeA.id,
                                                        actor: env.actor(s.officerA), context: .system("test")).party
            let market = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市争议农贸市场有限公司", uscc: .uscc(7272)),
                                                      unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let r = try await env.token(registrar), c = try await env.token(centre), a = try await env.token(s.officerA)
            let b = try await env.token(s.officerB), bHead = try await env.token(headB), sup = try await env.token(superior)
            let id = try await R.register(env, r, reporter: reporter.id, reported: market.id)
            #expect(try await Self.act(env, c, id, "dispatch", 1, ["unit": "DH", "reportBackOn": "2025-10-20"]).status == .ok)

            // act: 东湖所 disputes instead of returning
            let raised = try await Self.act(env, b, id, "raiseDispute", 2, ["unit": "ZC", "reason": "违法行为发生地在中村所辖区"])
            #expect(raised.status == .ok, "\(raised.body.string)")
            // check: the return clock ended on time, the dispute clock runs to 10-16
            #expect(try await R.clockRow(env, id, "returnNotCompetent")?.ended == "2025-09-30")
            #expect(try await R.clockRow(env, id, "jurisdictionDispute")?.due == "2025-10-16")
            #expect(try RegistryTests.json(try await env.request(.GET, "/api/v1/reports/\(id)", token: b))["state"] as? String == "disputed")
            // CAL-43: the system's step waits on nobody, and nobody takes it by hand.
            let asked = try await Self.inbox(env, superior, kind: "case.waiting").map(\.title)
            #expect(!asked.contains { $0.contains("提请共同上级") }, "\(asked)")
            let byHand = try await Self.act(env, sup, id, "referDispute", 3, [:])
            #expect(byHand.status == .unprocessableEntity && byHand.body.string.contains("transition.system-only"))

            // act + check: the last day of the 7 — the superior may not decide yet, the scheduler does nothing
            env.moveClock(to: "2025-10-16")
            let pending = try await Self.act(env, sup, id, "decideJurisdiction", 3, ["unit": "ZC"])
            #expect(pending.status == .unprocessableEntity && pending.body.string.contains("report.dispute.pending"))
            #expect(try await TimedTransitionRepository(store: env.store).fireDue().fired.isEmpty)
            #expect(try await Self.inbox(env, superior, kind: "case.unit-notice").isEmpty)

            // act: the next day the scheduler refers it
            env.moveClock(to: "2025-10-17")
            #expect(try await TimedTransitionRepository(store: env.store).fireDue().fired.map(\.transition) == ["referDispute"])
            // check: the superior's 分送员 told once, naming the reported party; the 所 heads not told
            let told = try await Self.inbox(env, superior, kind: "case.unit-notice")
            #expect(told.count == 1 && told.first?.title == "举报：管辖争议待指定管辖", "\(told.map(\.title))")
            let notice = try #require(told.first)
            #expect(notice.body.contains("CP-42") && notice.body.contains("江城市争议农贸市场有限公司"))
            #expect(try await Self.inbox(env, headB, kind: "case.unit-notice").isEmpty)
            #expect(try await Self.inbox(env, centre, kind: "case.unit-notice").isEmpty)
            // CP-08: nothing of the reporter — name, phone, party id — in the notice or the dispute record
            let dispute = try #require((try RegistryTests.json(try await env.request(.GET, "/api/v1/reports/\(id)", token: sup))["facts"]
                    as? [String: Any])?["disputes"])
            let record = String(decoding: try JSONSerialization.data(withJSONObject: dispute), as: UTF8.self)
            #expect(record.contains("ZC") && record.contains("referredOn"), "\(record)")
            for secret in ["钱保密", "13700004242", reporter.id.uuidString, reporter.id.uuidString.lowercased()] {
                #expect(!notice.title.contains(secret) && !notice.body.contains(secret) && !record.contains(secret), "\(secret)")
            }
            #expect(try RegistryTests.json(try await env.request(.GET, "/api/v1/reports/\(id)", token: b))["version"] as? Int == 4)
            // A second pass refers nothing again.
            env.moveClock(to: "2025-10-20")
            #expect(try await TimedTransitionRepository(store: env.store).fireDue().fired.isEmpty)
            #expect(try await Self.inbox(env, superior, kind: "case.unit-notice").count == 1)

            // act: 东湖所's head is no superior; 江城局's 分送员 decides on Mon 10-20
            let notSuperior = try await Self.act(env, bHead, id, "decideJurisdiction", 4, ["unit": "ZC"])
            #expect(notSuperior.status == .unprocessableEntity && notSuperior.body.string.contains("report.dispute.not-superior"))
            let decided = try await Self.act(env, sup, id, "decideJurisdiction", 4, ["unit": "ZC", "reason": "违法行为发生地在中村所辖区"])
            #expect(decided.status == .ok, "\(decided.body.string)")
            // check: 中村所 holds it, received that day, verification 15 working days; 东湖所 no longer sees it
            let now = try RegistryTests.json(try await env.request(.GET, "/api/v1/reports/\(id)", token: a))
            #expect(now["state"] as? String == "verifying")
            #expect((now["facts"] as? [String: Any])?["handlingReceiptOn"] as? String == "2025-10-20")
            #expect(try await R.clockRow(env, id, "jurisdictionDispute")?.ended == "2025-10-20")
            #expect(try await R.clockRow(env, id, "reportVerification")?.due == "2025-11-10")
            #expect(try await env.request(.GET, "/api/v1/reports/\(id)", token: b).status == .notFound)
        }
    }
}
