import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// CP-35 and CP-36 on imported items: a merge proposed for the same complainant (phone) on the same
/// respondent with an overlapping request within 30日; a cluster alert to the centre head once ≥5
/// complaints on one respondent fall within 7日, and only once; 高频 from the 10th submission in 12
/// months — for information only: every item is still registered, the report clue too.
@Suite("Complaint signals on imported items (CP-35, CP-36)", .serialized)
struct ComplaintSignalTests {
    static func item(_ no: String, _ on: String, _ name: String, _ phone: String, _ respondent: String, uscc: String? = nil, request: String,
                     kind: String = "投诉") -> [String: String] {
        var i = ["externalNo": no, "channel": "全国12315平台", "receivedOn": on, "complainantName": name, "complainantPhone": phone,
                 "respondentName": respondent, "request": request, "facts": "\(respondent)：\(request)", "knewOn": on, "classification": kind]
        if let uscc { i["respondentUSCC"] = uscc }
        return i
    }

    @Test("CP-35 CP-36 one import: 周常客's 10th submission in 12 months (a 举报, 2025-09-10) flagged 高频 and still registered; 吴女士's second complaint on the supermarket (09-25, 要求退还全部货款) proposes merging with her first (09-20, 退还货款); the 5th complaint on 聚集饭店 within 7日 (09-24…09-28) alerts the centre head once, the 6th not again")
    func signals() async throws {
        try await withApp { env in
            // setup: office A's officer imports; A's head is the centre head who dispatches
            let s = try await env.seed()
            let head = try await env.user("head_a", "孙主任", unit: s.officeA.id, role: "unit-head", scope: .unit)
            let token = try await env.token(s.officerA)
            var items: [[String: String]] = []
            for n in 1...9 {
                items.append(Self.item("F\(n)", "2025-09-0\(n)", "周常客", "13900009999", "江城区商户\(n)", request: "退款\(n)号订单"))
            }
            items.append(Self.item("F10", "2025-09-10", "周常客", "13900009999", "江城区商户10", request: "", kind: "举报"))
            items.append(Self.item("M1", "2025-09-20", "吴女士", "13900008888", "江城市惠民超市有限公司", uscc: DemoData.uscc(serial: 6161), request: "退还货款"))
            items.append(Self.item("M2", "2025-09-25", "吴女士", "139-0000-8888", "江城市惠民超市有限公司", uscc: DemoData.uscc(serial: 6161), request: "要求退还全部货款"))
            for (n, day) in ["24", "25", "26", "27", "28", "29"].enumerated() {
                items.append(Self.item("C\(n + 1)", "2025-09-\(day)", "顾客\(n + 1)", "1390000700\(n)", "江城区聚集饭店", request: "饭菜变质退款"))
            }

            // act
            let res = try await env.request(.POST, "/api/v1/complaints/imports", token: token, json: ["items": items])
            #expect(res.status == .created, "\(res.body.string)")
            try await ComplaintImportTests.runJobs(env)
            let done = try await ComplaintImportTests.status(env, token: token, try #require(try RegistryTests.json(res)["id"] as? String))

            // check: nothing refused, nothing merged
            #expect(done["created"] as? Int == items.count && done["refused"] as? Int == 0)
            let rows = ComplaintImportTests.rowsByNumber(done)
            func codes(_ row: Int) -> [String] { (rows[row]?["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
            // CP-36: the 9th is not yet 高频, the 10th (a report) is, and is registered as a report
            #expect(codes(9).isEmpty)
            #expect(codes(10) == ["complaint.high-frequency"])
            #expect((rows[10]?["caseNumbers"] as? [String])?.first?.contains("-JB-") == true)
            // CP-35: merge proposed, naming the earlier complaint; the phone matched whatever its dashes
            let m1 = try #require((rows[11]?["caseNumbers"] as? [String])?.first)
            #expect(codes(11).isEmpty)
            #expect(codes(12) == ["complaint.merge.proposed"])
            #expect(((rows[12]?["errors"] as? [[String: Any]])?.first?["messageZH"] as? String)?.contains(m1) == true)
            // … and shown on the case page of the later complaint, which stays open on its own (nothing merged)
            let m2 = try #require((rows[12]?["caseNumbers"] as? [String])?.first)
            let m2ID = try await ComplaintImportTests.caseID(env, number: m2)
            let facts = try #require(try RegistryTests.json(try await env.request(.GET, "/api/v1/complaints/\(m2ID)", token: token))["facts"] as? [String: Any])
            #expect((facts["signals"] as? [String: Any])?["mergeWith"] as? [String] == [m1])
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let page = try await web.send(.GET, "/cases/\(m2ID)")
            #expect(page.status == .ok && page.body.string.contains("建议合并（CP-35）") && page.body.string.contains(m1))
            #expect(try await ComplaintImportTests.count(env, "cases", where: "state", is: "registered") == items.count - 1, "the complaints all open; the report verifying")
            // CP-35: the cluster from the 5th complaint within 7 days; one alert to the centre head only
            #expect(codes(16).isEmpty)
            #expect(codes(17) == ["complaint.cluster"] && codes(18) == ["complaint.cluster"])
            let alerts = try await env.sql.select().column("user_id").from("notifications").where("kind", .equal, SQLBind("complaint.cluster")).all()
                .map { try $0.decode(column: "user_id", as: UUID.self) }
            #expect(alerts == [head.id])
            #expect(try await ComplaintImportTests.count(env, "cases") == items.count)
        }
    }

    @Test("CP-35 escalation: 21 complaints on one restaurant from 2025-09-29 to 10-05 (across National Day, 3 a day) alert the centre head once at the 5th (09-30) and the 分管局长 once at the 20th (10-05); the 21st tells no one again; nothing is refused")
    func clusterEscalation() async throws {
        try await withApp { env in
            // setup: office A's head dispatches (the centre head); the bureau's 分管局长 over the office
            let s = try await env.seed()
            let head = try await env.user("head_a", "孙主任", unit: s.officeA.id, role: "unit-head", scope: .unit)
            let deputy = try await env.user("deputy", "赵分管", unit: s.bureau.id, role: "deputy-leader", scope: .unitTree)
            env.moveClock(to: "2025-10-06")
            let days = ["2025-09-29", "2025-09-30", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05"]
            var items: [[String: String]] = []
            for (d, day) in days.enumerated() {
                for k in 0..<3 {
                    let n = d * 3 + k + 1
                    items.append(Self.item("E\(n)", day, "食客\(n)", String(format: "139000%05d", n), "江城区聚集饭店", request: "饭菜变质退款\(n)"))
                }
            }

            // act
            let token = try await env.token(s.officerA)
            let res = try await env.request(.POST, "/api/v1/complaints/imports", token: token, json: ["items": items])
            #expect(res.status == .created, "\(res.body.string)")
            try await ComplaintImportTests.runJobs(env)
            let done = try await ComplaintImportTests.status(env, token: token, try #require(try RegistryTests.json(res)["id"] as? String))

            // check: all registered; the centre head told once, the 分管局长 once, with the count
            #expect(done["created"] as? Int == 21 && done["refused"] as? Int == 0)
            func told(_ kind: String) async throws -> [(UUID, String)] {
                try await env.sql.select().columns("user_id", "title").from("notifications").where("kind", .equal, SQLBind(kind)).all()
                    .map { (try $0.decode(column: "user_id", as: UUID.self), try $0.decode(column: "title", as: String.self)) }
            }
            #expect(try await told("complaint.cluster").map(\.0) == [head.id])
            let escalated = try await told("complaint.cluster.escalated")
            #expect(escalated.map(\.0) == [deputy.id])
            #expect(escalated.first?.1 == "群体性投诉升级（CP-35）：7日内已达20件")
        }
    }
}
