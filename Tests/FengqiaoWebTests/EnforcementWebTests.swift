import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The enforcement registry through the API, the pages and the store (issue 14 item 6, complaints.md
/// CP-30…CP-34), on SQLite and PostgreSQL: a case filed across the 2025 National Day, its decision
/// clock paused for testing, decided, served, paid with a voucher and closed; refusals that change
/// nothing; the statistics page; no quota column anywhere in the schema.
@Suite("Enforcement registry through the API (CP-30…CP-34)", .serialized)
struct EnforcementWebTests {
    struct Body: Encodable {
        let version: Int
        let input: [String: [String]]
    }

    static func act(_ env: TestEnv, _ token: String, _ id: String, _ key: String, version: Int, _ input: [String: [String]]) async throws -> TestingHTTPResponse {
        try await env.request(.POST, "/api/v1/enforcement/\(id)/actions/\(key)", token: token, json: Body(version: version, input: input))
    }

    static func due(_ env: TestEnv, _ token: String, _ id: String) async throws -> String? {
        let clocks = try RegistryTests.json(try await env.request(.GET, "/api/v1/cases/\(id)", token: token))["clocks"] as? [[String: Any]]
        return clocks?.first { $0["step"] as? String == "decision" }?["due"] as? String
    }

    @Test("CP-30 CP-32 CP-33: received Fri 2025-09-26 and filed Mon 09-29, the decision is due 2025-12-29 (the 90th day is Sunday 12-28); testing 10-09…10-18 moves it to 2026-01-07; decided, served, a payment without a voucher refused with nothing changed, paid, closed; counted on the statistics page")
    func endToEnd() async throws {
        try await withApp { env in
            // setup: 李明 and 赵刚 hold 行政执法证; the company
            let s = try await env.seed()
            let partner = try await env.user("officer_a3", "赵刚", unit: s.officeA.id, role: "officer", scope: .unit)
            let rookie = try await env.user("officer_a4", "钱新", unit: s.officeA.id, role: "officer", scope: .unit)
            for u in [s.officerA.id, partner.id] {
                _ = try await env.org.addQualification(userID: u, kind: EnforcementOfficers.certificate, issuer: "江城市人民政府", obtainedOn: LocalDate(iso: "2024-03-01")!,
                                                       expiresOn: LocalDate(iso: "2029-02-28")!, context: .system("test"))
            }
            let company = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市东湖食品有限公司", uscc: .uscc(7272)), unitID: s.officeA.id,
                                                       actor: env.actor(s.officerA), context: .system("test")).party
            let a = try await env.token(s.officerA)
            var registration: [String: [String]] = [
                "source": ["inspection"], "partyID": [company.id.uuidString], "category": ["food"], "summary": ["销售超过保质期的预包装食品"],
                "receivedOn": ["2025-09-26"], "filedOn": ["2025-09-29"], "officers": [s.officerA.id.uuidString, rookie.id.uuidString],
            ]

            // act + check: an officer without 行政执法证 is refused (PLT-02); a quota field is refused by name (CP-34); nothing is written
            let refused = try await env.request(.POST, "/api/v1/enforcement", token: a, json: registration)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("enforcement.officers.certificate"))
            registration["officers"] = [s.officerA.id.uuidString, partner.id.uuidString]
            let quota = try await env.request(.POST, "/api/v1/enforcement", token: a, json: registration.merging(["fineQuota": ["50000"]]) { $1 })
            #expect(quota.status == .unprocessableEntity)
            #expect(quota.body.string.contains("enforcement.quota.forbidden") && quota.body.string.contains("CP-34"))
            let none = try await env.sql.select().column("id").from("cases").where("case_type", .equal, SQLBind("penalty")).all()
            #expect(none.isEmpty)

            // act: registered filed; check the decision clock
            let created = try await env.request(.POST, "/api/v1/enforcement", token: a, json: registration)
            #expect(created.status == .created || created.status == .ok)
            let id = try #require(try RegistryTests.json(created)["id"] as? String)
            #expect(try RegistryTests.json(try await env.request(.GET, "/api/v1/enforcement/\(id)", token: a))["state"] as? String == "filed")
            #expect(try await Self.due(env, a, id) == "2025-12-29")

            // act: testing from 10-09, resumed after 10-18 → the raw 90th day moves 10 days, to Wed 2026-01-07
            env.moveClock(to: "2025-10-09")
            #expect(try await Self.act(env, a, id, "pauseDecision", version: 1, ["reason": ["testing"], "from": ["2025-10-09"]]).status == .ok)
            env.moveClock(to: "2025-10-20")
            #expect(try await Self.act(env, a, id, "resumeDecision", version: 2, ["lastDay": ["2025-10-18"]]).status == .ok)
            #expect(try await Self.due(env, a, id) == "2026-01-07")

            // act: decided 12-15, served 12-17
            env.moveClock(to: "2025-12-17")
            #expect(try await Self.act(env, a, id, "recordDecision", version: 3, [
                "decidedOn": ["2025-12-15"], "decisionType": ["penalty"], "documentNumber": ["江中市监处罚〔2025〕3号"], "fine": ["5000"], "confiscatedGains": ["420.50"],
            ]).status == .ok)
            #expect(try await Self.act(env, a, id, "serveDecision", version: 4, ["servedOn": ["2025-12-17"]]).status == .ok)

            // act + check (CP-32): a payment without a voucher is refused, and nothing changes
            env.moveClock(to: "2025-12-30")
            let noVoucher = try await Self.act(env, a, id, "recordPayment", version: 5, ["amount": ["5420.50"], "paidOn": ["2025-12-30"]])
            #expect(noVoucher.status == .unprocessableEntity)
            #expect(noVoucher.body.string.contains("enforcement.payment.voucher-required") && noVoucher.body.string.contains("CP-32"))
            let unchanged = try RegistryTests.json(try await env.request(.GET, "/api/v1/enforcement/\(id)", token: a))
            #expect(unchanged["version"] as? Int == 5)
            #expect(((unchanged["facts"] as? [String: Any])?["payments"] as? [Any])?.isEmpty == true)
            // CP-33: not closable before full payment
            let unpaid = try await Self.act(env, a, id, "close", version: 5, ["closedOn": ["2025-12-30"]])
            #expect(unpaid.body.string.contains("enforcement.close.unpaid"))
            #expect(try await Self.act(env, a, id, "recordPayment", version: 5, ["amount": ["5420.50"], "paidOn": ["2025-12-30"], "voucherNo": ["非税33010020251230001"]]).status == .ok)
            env.moveClock(to: "2025-12-31")
            let closed = try await Self.act(env, a, id, "close", version: 6, ["closedOn": ["2025-12-31"]])
            #expect(closed.status == .ok)
            #expect(try RegistryTests.json(closed)["closedOn"] as? String == "2025-12-31")

            // check: the case page shows the registry's facts (to the chief, whose password is fresh on 12-31); the statistics count the case and the payment
            let chiefUser = try await env.user("chief", "孙局长", unit: s.bureau.id, role: "chief-leader", scope: .all)
            let web = WebClient(env)
            _ = try await web.login("chief", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(id)").body.string
            #expect(page.contains("罚没合计") && page.contains("5420.50元") && page.contains("非税33010020251230001") && page.contains("已结案"))
            let chief = try await env.token(chiefUser)
            let stats = try RegistryTests.json(try await env.request(.GET, "/api/v1/statistics/enforcement?period=2025-Q4", token: chief))
            let counts = stats["counts"] as? [String: Int] ?? [:]
            // 罚没入库 by payment date and 结案 by closing date in Q4; 查处 by the 立案 date, in Q3.
            #expect(counts["collected"] == 5420 && counts["closed"] == 1 && counts["handled"] == 0)
            let q3 = try RegistryTests.json(try await env.request(.GET, "/api/v1/statistics/enforcement?period=2025-Q3", token: chief))["counts"] as? [String: Int]
            #expect(q3?["handled"] == 1 && q3?["generalFiled"] == 1 && q3?["collected"] == 0)
            // The brief for the 碰头会 (2025): the case, its payment, its band; XLSX, CSV and DOCX; linked from the statistics page.
            let brief = try await web.send(.GET, "/statistics/enforcement/brief?period=2025").body.string
            #expect(brief.contains("5420.50元") && brief.contains("食品安全") && brief.contains("中村市场监管所") && !brief.contains("完成率</th>"))
            for format in ["xlsx", "docx"] {
                let file = try await web.send(.GET, "/statistics/enforcement/brief?period=2025&format=\(format)")
                #expect(file.status == .ok && file.body.readableBytesView.starts(with: [0x50, 0x4B]), "\(format)")
            }
            let csv = try await web.send(.GET, "/statistics/enforcement/brief?period=2025&format=csv").body.string
            #expect(csv.contains("查处案件数") && csv.contains("5420.50元"))
            #expect(try await web.send(.GET, "/statistics/enforcement/brief?period=2025-13").status == .unprocessableEntity)
            #expect(try await web.send(.GET, "/statistics/enforcement?period=2025").body.string.contains(#"href="/statistics/enforcement/brief""#))
            #expect(!(stats.description.contains("预算") || stats.description.contains("quota")))
        }
    }

    @Test("CP-34: no column of the schema holds a 罚没 quota, budget, per-capita or reward figure")
    func noQuotaColumn() async throws {
        try await withApp { env in
            let rows: [any SQLRow]
            if TestDatabase.postgresURL != nil {
                rows = try await env.sql.raw("SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = current_schema()").all()
            } else {
                rows = try await env.sql.raw("SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'").all()
            }
            let columns = try rows.map { "\(try $0.decode(column: "t", as: String.self)).\(try $0.decode(column: "c", as: String.self))" }
            #expect(columns.count > 100)
            #expect(columns.contains("cases.facts"))
            let forbidden = ["quota", "budget", "per_capita", "percapita", "reward", "fine_target", "penalty_target"]
            #expect(columns.filter { c in forbidden.contains { c.lowercased().contains($0) } } == [])
        }
    }
}
