import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import NIOCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// CP-43: the 12315 platform's and hotline's exports imported through the API and the page — each item
/// registered through the complaint's own creating step (CP-02, CP-04), received as the competent unit
/// (CP-14, the acceptance clock across National Day), a 投诉+举报 item split into its report track
/// (CP-07), a bad row refused with its row number and rule while the others import; a re-import
/// creates nothing, a changed row updates with an audit entry, a number twice in one file counts once.
@Suite("Complaint import (CP-43)", .serialized)
struct ComplaintImportTests {
    static let header = "平台编号,来源渠道,收到日期,投诉人姓名,投诉人电话,投诉人身份证号码,投诉人地址,被投诉人名称,被投诉人统一社会信用代码,被投诉人地址,投诉请求,事实与理由,知道权益受损日期,件类型"

    /// Rows 2–6: a complaint received Fri 2025-09-26, a 投诉+举报 the same day, a hotline complaint of
    /// Tue 09-30 on a respondent without USCC, a row whose knew date is after its receipt (CP-04), and
    /// row 2's number again.
    static func rows(request2: String = "退还货款") -> [[String]] {
        let shop = DemoData.uscc(serial: 6161)
        return [
            ["P2025092600001", "全国12315平台", "2025-09-26", "张消费", "13900001111", "", "江城区一路1号", "江城市惠民超市有限公司", shop, "江城区二路2号",
             request2, "购买的牛奶已过保质期", "2025-09-25", "投诉"],
            ["P2025092600002", "全国12315平台", "2025/9/26", "李顾客", "13900002222", "", "江城区三路3号", "江城市惠民超市有限公司", shop, "江城区二路2号",
             "退一赔十", "超市销售过期牛奶，请求查处", "2025年9月24日", "投诉+举报"],
            ["H2025093000003", "12315热线", "2025-09-30", "王先生", "13900003333", "", "", "江城区老王小吃店", "", "江城区四路4号",
             "退还餐费", "饭菜变质", "2025-09-29", "投诉"],
            ["H2025093000004", "12315热线", "2025-09-30", "赵女士", "13900004444", "", "", "江城区老王小吃店", "", "江城区四路4号",
             "退款", "多收费用", "2025-10-01", "投诉"],
            ["P2025092600001", "全国12315平台", "2025-09-26", "张消费", "13900001111", "", "江城区一路1号", "江城市惠民超市有限公司", shop, "江城区二路2号",
             "另一个请求", "重复的行", "2025-09-25", "投诉"],
        ]
    }

    static func csv(_ rows: [[String]]) -> [UInt8] {
        Array(([header] + rows.map { $0.joined(separator: ",") }).joined(separator: "\r\n").utf8)
    }

    static func xlsx(_ rows: [[String]]) throws -> [UInt8] {
        var w = XLSXWriter()
        w.addSheet(name: "来件", rows: ([header.split(separator: ",").map(String.init)] + rows).map { $0.map { XLSXCell.text($0) } })
        return Array(try w.data())
    }

    /// POSTs the file to the API as multipart (`receive` on) with the bearer token.
    static func upload(_ env: TestEnv, token: String, filename: String, _ bytes: [UInt8], receive: Bool = true) async throws -> TestingHTTPResponse {
        let boundary = "----fq\(UUID().uuidString.prefix(8))"
        var body = ByteBuffer()
        if receive { body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"receive\"\r\n\r\non\r\n") }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await env.app.testing().sendRequest(.POST, "/api/v1/complaints/imports") { req in
            req.headers.bearerAuthorization = BearerAuthorization(token: token)
            req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            req.body = body
        }
    }

    /// Runs the queued jobs as the shipped scheduler would.
    static func runJobs(_ env: TestEnv) async throws {
        while try await !Scheduler.shipped(notifier: env.app.fengqiao.notifier).tick(env.store).isEmpty {}
    }

    static func status(_ env: TestEnv, token: String, _ id: String) async throws -> [String: Any] {
        let res = try await env.request(.GET, "/api/v1/complaints/imports/\(id)", token: token)
        #expect(res.status == .ok, "\(res.body.string)")
        return try RegistryTests.json(res)
    }

    static func rowsByNumber(_ s: [String: Any]) -> [Int: [String: Any]] {
        var out: [Int: [String: Any]] = [:]
        for r in s["rows"] as? [[String: Any]] ?? [] { if let n = r["row"] as? Int { out[n] = r } }
        return out
    }

    static func count(_ env: TestEnv, _ table: String, where column: String? = nil, is value: String? = nil) async throws -> Int {
        var q = env.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
        if let column, let value { q = q.where(SQLIdentifier(column), .equal, SQLBind(value)) }
        return try await q.first()!.decode(column: "n", as: Int.self)
    }

    /// The case id of a complaint by number, through the worklist-free path: the cases table.
    static func caseID(_ env: TestEnv, number: String) async throws -> String {
        try await env.sql.select().column("id").from("cases").where("number", .equal, SQLBind(number)).first()!.decode(column: "id", as: UUID.self).uuidString
    }

    @Test("CP-43 CP-02 CP-04 CP-07 CP-14 a CSV through the API: three items created (ZC-TS-2025-0001…0003, the 投诉+举报 split into ZC-JB-2025-0001), accept_due 2025-10-13 for items received Fri 2025-09-26 (across National Day and its make-up days) and 10-16 for Tue 09-30, report verify_due 10-23; row 5 refused by CP-04 with its row number; row 6 (row 2's number again) counted once")
    func csvImport() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let token = try await env.token(s.officerA)

            // act: uploaded, queued, then run by the scheduler
            let res = try await Self.upload(env, token: token, filename: "12315导出.csv", Self.csv(Self.rows()))
            #expect(res.status == .created, "\(res.body.string)")
            let queued = try RegistryTests.json(res)
            let id = try #require(queued["id"] as? String)
            #expect(queued["state"] as? String == "queued" && queued["total"] as? Int == 5 && queued["processed"] as? Int == 0)
            try await Self.runJobs(env)

            // check: the counts and each row
            let done = try await Self.status(env, token: token, id)
            #expect(done["state"] as? String == "done")
            #expect(done["created"] as? Int == 3 && done["updated"] as? Int == 0 && done["unchanged"] as? Int == 1 && done["refused"] as? Int == 1)
            #expect(done["processed"] as? Int == 5 && done["percent"] as? Int == 100)
            let rows = Self.rowsByNumber(done)
            #expect(rows[2]?["caseNumbers"] as? [String] == ["ZC-TS-2025-0001"])
            #expect(rows[3]?["caseNumbers"] as? [String] == ["ZC-TS-2025-0002", "ZC-JB-2025-0001"])
            #expect(rows[4]?["caseNumbers"] as? [String] == ["ZC-TS-2025-0003"])
            let refused = try #require(rows[5]?["errors"] as? [[String: Any]])
            #expect(rows[5]?["outcome"] as? String == "refused")
            #expect(refused.contains { $0["rule"] as? String == "CP-04" && $0["code"] as? String == "complaint.knew.after-received" && $0["field"] as? String == "knewOn" })
            #expect(rows[6]?["outcome"] as? String == "unchanged")
            #expect((rows[6]?["errors"] as? [[String: Any]])?.first?["code"] as? String == "import.duplicate-in-file")
            // CP-43: three complaints and one report, each number once; the refused row kept whole
            #expect(try await Self.count(env, "cases", where: "case_type", is: "complaint") == 3)
            #expect(try await Self.count(env, "cases", where: "case_type", is: "report") == 1)
            let raw = try await env.sql.select().column("raw").from("complaint_import_rows").where("row_no", .equal, SQLBind(5)).first()!
                .decode(column: "raw", as: String.self)
            #expect(raw.contains("H2025093000004") && raw.contains("多收费用"))

            // check: CP-14 clocks from the competent receipt, across 国庆 (09-28 and 10-11 are make-up working days)
            let first = try await Self.caseID(env, number: "ZC-TS-2025-0001")
            #expect(try await ComplaintWebTests.clocks(env, first, token: token)["acceptance"]?["due"] as? String == "2025-10-13")
            let hotline = try await Self.caseID(env, number: "ZC-TS-2025-0003")
            #expect(try await ComplaintWebTests.clocks(env, hotline, token: token)["acceptance"]?["due"] as? String == "2025-10-16")
            let report = try await Self.caseID(env, number: "ZC-JB-2025-0001")
            #expect(try await ComplaintWebTests.clocks(env, report, token: token)["reportVerification"]?["due"] as? String == "2025-10-23")
            // The platform number is on the complaint (CP-43) and the parties are in the register, personal data sealed (PLT-34)
            let c = try RegistryTests.json(try await env.request(.GET, "/api/v1/complaints/\(first)", token: token))
            let facts = try #require(c["facts"] as? [String: Any])
            #expect(facts["externalNo"] as? String == "P2025092600001" && facts["channel"] as? String == "platform")
            let sealed = try await env.sql.raw("SELECT COUNT(*) AS n FROM parties WHERE phone_cipher IS NOT NULL AND name = '张消费'").first()!
                .decode(column: "n", as: Int.self)
            #expect(sealed == 1)
            let clear = try await env.sql.raw("SELECT COUNT(*) AS n FROM parties WHERE phone_masked = '13900001111'").first()!.decode(column: "n", as: Int.self)
            #expect(clear == 0)
            // The shop with its USCC is one party for both of its items; the snack bar without one is one too.
            #expect(try await Self.count(env, "parties", where: "name", is: "江城市惠民超市有限公司") == 1)
            #expect(try await Self.count(env, "parties", where: "name", is: "江城区老王小吃店") == 1)
        }
    }

    @Test("CP-43 an XLSX re-import: the same file creates nothing (case count unchanged, all unchanged); a changed request updates the complaint with an audit entry; after the acceptance decision a change is refused, never a second case")
    func xlsxReimport() async throws {
        try await withApp { env in
            // setup: the first import
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let file = try Self.xlsx(Self.rows())
            let first = try RegistryTests.json(try await Self.upload(env, token: token, filename: "热线.xlsx", file))
            try await Self.runJobs(env)
            let firstDone = try await Self.status(env, token: token, try #require(first["id"] as? String))
            #expect(firstDone["created"] as? Int == 3 && firstDone["refused"] as? Int == 1)
            let cases = try await Self.count(env, "cases")

            // act: the same file again
            let again = try RegistryTests.json(try await Self.upload(env, token: token, filename: "热线.xlsx", file))
            try await Self.runJobs(env)
            let same = try await Self.status(env, token: token, try #require(again["id"] as? String))

            // check: nothing created, nothing updated
            #expect(same["created"] as? Int == 0 && same["updated"] as? Int == 0 && same["unchanged"] as? Int == 4 && same["refused"] as? Int == 1)
            #expect(try await Self.count(env, "cases") == cases)
            #expect(Self.rowsByNumber(same)[3]?["caseNumbers"] as? [String] == ["ZC-TS-2025-0002", "ZC-JB-2025-0001"])

            // act: row 2's request changed on the platform
            let changed = try RegistryTests.json(try await Self.upload(env, token: token, filename: "热线-更新.xlsx", try Self.xlsx(Self.rows(request2: "退还货款并赔偿"))))
            try await Self.runJobs(env)
            let upd = try await Self.status(env, token: token, try #require(changed["id"] as? String))

            // check: one updated, the facts and the audit trail say so
            #expect(upd["updated"] as? Int == 1 && upd["created"] as? Int == 0 && upd["unchanged"] as? Int == 3)
            #expect(try await Self.count(env, "cases") == cases)
            let id = try await Self.caseID(env, number: "ZC-TS-2025-0001")
            let facts = try #require(try RegistryTests.json(try await env.request(.GET, "/api/v1/complaints/\(id)", token: token))["facts"] as? [String: Any])
            #expect(facts["request"] as? String == "退还货款并赔偿")
            #expect(try await Self.count(env, "audit_events", where: "action", is: "complaint.import.update") == 1)

            // act: accepted, then the platform changes the request again
            let version = try #require(try RegistryTests.json(try await env.request(.GET, "/api/v1/complaints/\(id)", token: token))["version"] as? Int)
            let head = try await env.user("head_a", "孙所长", unit: s.officeA.id, role: "unit-head", scope: .unit)
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/proposeDecision", token: token,
                                          json: ComplaintWebTests.Body(version: version, input: ["decision": "accept"])).status == .ok)
            #expect(try await env.request(.POST, "/api/v1/complaints/\(id)/actions/approveDecision", token: try await env.token(head),
                                          json: ComplaintWebTests.Body(version: version + 1, input: ["verdict": "approve"])).status == .ok)
            let late = try RegistryTests.json(try await Self.upload(env, token: token, filename: "再次更新.xlsx", try Self.xlsx(Self.rows(request2: "三倍赔偿"))))
            try await Self.runJobs(env)
            let lateDone = try await Self.status(env, token: token, try #require(late["id"] as? String))

            // check: refused with its rule; still no second case
            let row2 = try #require(Self.rowsByNumber(lateDone)[2])
            #expect(row2["outcome"] as? String == "refused")
            #expect((row2["errors"] as? [[String: Any]])?.first?["code"] as? String == "import.item.decided")
            #expect(try await Self.count(env, "cases") == cases)
        }
    }

    @Test("CP-43 the page: upload, the progress while queued (refresh without JavaScript), the JSON status it polls, the result table; another office's import is not found; a user who may not register complaints is refused")
    func page() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let form = try await web.send(.GET, "/complaints/imports")
            #expect(form.status == .ok)
            let csrf = try #require(WebClient.csrf(in: form.body.string))

            // act: uploaded through the form
            let posted = try await web.send(.POST, "/complaints/imports", multipart: BadInputTests.multipart(csrf, filename: "12315.csv", Self.csv(Self.rows())))
            #expect(posted.status == .seeOther)
            let location = try #require(posted.headers.first(name: .location))
            let pagePath = String(location.split(separator: "?")[0])

            // check: queued — the bar at 0 of 5, the refresh for a browser without JavaScript, the status JSON
            let queued = try await web.send(.GET, pagePath)
            #expect(queued.status == .ok)
            #expect(queued.body.string.contains(#"<progress id="import-progress" max="5" value="0">"#))
            #expect(queued.body.string.contains(#"<meta http-equiv="refresh""#))
            let polled = try await web.send(.GET, pagePath + "/status")
            #expect(polled.status == .ok && polled.headers.contentType == .json)
            let before = try RegistryTests.json(polled)
            #expect(before["state"] as? String == "queued" && before["processed"] as? Int == 0 && before["total"] as? Int == 5)

            // act: the job runs
            try await Self.runJobs(env)

            // check: done — the summary and the refused row with its rule
            let after = try RegistryTests.json(try await web.send(.GET, pagePath + "/status"))
            #expect(after["state"] as? String == "done" && after["processed"] as? Int == 5 && after["percent"] as? Int == 100)
            let result = try await web.send(.GET, pagePath)
            let html = result.body.string
            #expect(html.contains("共 5 行：新登记 3，已更新 0，无变化 1，未导入 1。"))
            #expect(html.contains("第 5 行") && html.contains("知道权益受损日期不能晚于收到日期（CP-04）"))
            #expect(!html.contains(#"http-equiv="refresh""#))

            // check: X-05 — office B's officer does not find A's import; the auditor may not import (PLT-03)
            let other = WebClient(env)
            try await other.login("officer_b", Seeded.password)
            #expect(try await other.send(.GET, pagePath).status == .notFound)
            #expect(try await other.send(.GET, pagePath + "/status").status == .notFound)
            let auditor = try await env.token(s.auditor)
            #expect(try await Self.upload(env, token: auditor, filename: "x.csv", Self.csv(Self.rows())).status == .forbidden)
        }
    }

    @Test("CP-43 a JSON body through the API: items keyed by field names, a bad channel refused with its row number, field and rule")
    func jsonBody() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let item: [String: String] = [
                "externalNo": "G2025092900001", "channel": "12345转办", "receivedOn": "2025-09-29", "complainantName": "钱女士", "complainantPhone": "13900005555",
                "respondentName": "江城区钱记水果店", "request": "退款", "facts": "水果腐烂", "knewOn": "2025-09-28", "classification": "投诉",
            ]
            var bad = item
            bad["externalNo"] = "G2025092900002"
            bad["channel"] = "微信"

            // act
            let res = try await env.request(.POST, "/api/v1/complaints/imports", token: token,
                                            json: ["receive": AnyEncodable(false), "items": AnyEncodable([item, bad])])
            #expect(res.status == .created, "\(res.body.string)")
            try await Self.runJobs(env)
            let done = try await Self.status(env, token: token, try #require(try RegistryTests.json(res)["id"] as? String))

            // check
            #expect(done["created"] as? Int == 1 && done["refused"] as? Int == 1)
            let row2 = try #require(Self.rowsByNumber(done)[2]?["errors"] as? [[String: Any]])
            #expect(row2.first?["field"] as? String == "channel" && row2.first?["rule"] as? String == "CP-43" && row2.first?["code"] as? String == "import.channel.invalid")
            // Not received: registered only, no acceptance clock yet (CP-14 starts at the competent receipt).
            let id = try await Self.caseID(env, number: "ZC-TS-2025-0001")
            #expect(try await ComplaintWebTests.clocks(env, id, token: token).isEmpty)
        }
    }
}

extension ComplaintImportTests {
    @Test("CP-43 X-06 a JSON body against its schema: a list, an object or a number where an item's text belongs, an item that is not an object, or items that are not a list are refused 422 naming the item and key, and nothing is queued")
    func jsonBodyTypes() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let good = ["externalNo": "G2025092900011", "channel": "12345转办", "receivedOn": "2025-09-29", "complainantName": "钱女士",
                        "respondentName": "江城区钱记水果店", "request": "退款", "facts": "水果腐烂", "knewOn": "2025-09-28", "classification": "投诉"]
            func post(_ body: String) async throws -> TestingHTTPResponse {
                try await env.app.testing().sendRequest(.POST, "/api/v1/complaints/imports") { req in
                    req.headers.bearerAuthorization = BearerAuthorization(token: token)
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: body)
                }
            }
            let goodJSON = String(decoding: try JSONSerialization.data(withJSONObject: good), as: UTF8.self)

            // act and check: each refused with the item and key, code and rule
            let cases: [(String, String, String)] = [
                (#"{"items": [\#(goodJSON), {"externalNo": "G1", "knewOn": [{}]}]}"#, "items[1].knewOn", "import.item.value"),
                (#"{"items": [{"receivedOn": {"d": 1}}]}"#, "items[0].receivedOn", "import.item.value"),
                (#"{"items": [{"externalNo": 20250929}]}"#, "items[0].externalNo", "import.item.value"),
                (#"{"items": ["G2025092900012"]}"#, "items[0]", "import.item.type"),
                (#"{"items": {"externalNo": "G2025092900013"}}"#, "items", "import.items.type"),
            ]
            for (body, field, code) in cases {
                let res = try await post(body)
                #expect(res.status == .unprocessableEntity, "\(body) → \(res.body.string)")
                #expect(res.body.string.contains(field) && res.body.string.contains(code), "\(res.body.string)")
            }
            #expect(try await env.sql.select().column("id").from("complaint_imports").all().isEmpty)
            // a null is an empty field, as the schema allows
            var withNull = good
            withNull["knewOn"] = nil
            let body = String(decoding: try JSONSerialization.data(withJSONObject: ["items": [withNull.merging(["externalNo": "G2025092900014"]) { _, b in b }
                                                                                                .mapValues { $0 as Any }.merging(["complainantPhone": NSNull()]) { a, _ in a }]]),
                              as: UTF8.self)
            #expect(try await post(body).status == .created)
        }
    }
}

/// A JSON value of any encodable type, for mixed request bodies.
struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
