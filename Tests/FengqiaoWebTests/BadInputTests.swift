import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import NIOCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Issue 13 item 5, X-06 and PLT-51: a body over the upload limit answers 413 (problem JSON for the
/// API, a Chinese page for forms); a bad file uploaded for import is refused with nothing stored; a
/// long text field is stored and shown whole or refused, never cut. Runs on SQLite and, with
/// FENGQIAO_TEST_DATABASE_URL, on PostgreSQL.
@Suite("Bad input (X-06, issue 13 item 5)")
struct BadInputTests {
    static func problem(_ res: TestingHTTPResponse) throws -> [String: Any] {
        #expect(res.headers.contentType?.description.hasPrefix("application/problem+json") == true)
        return try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any] ?? [:]
    }

    static func count(_ env: TestEnv, _ table: String) async throws -> Int {
        try await env.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self)
    }

    /// A multipart body with the CSRF token and one file.
    static func multipart(_ token: String, filename: String, _ bytes: [UInt8]) -> (boundary: String, body: ByteBuffer) {
        let boundary = "----fq\(UUID().uuidString.prefix(8))"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n")
        body.writeString("Content-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return (boundary, body)
    }

    // MARK: 413

    @Test("X-06 PLT-51 a body over FENGQIAO_MAX_UPLOAD_MB answers 413, naming the limit, and stores nothing")
    func oversizedBodies() async throws {
        try await withApp(extraEnvironment: ["FENGQIAO_MAX_UPLOAD_MB": "1"]) { env in
            // setup
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let parties = try await Self.count(env, "parties")
            // act: a JSON create of 1 MB + 1 byte.
            let name = String(repeating: "a", count: 1_048_577)
            let json = try await env.request(.POST, "/api/v1/parties", token: token, json: ["kind": "person", "name": name, "phone": "13800001111"])
            // check: 413 problem JSON with a stable code and the limit in Chinese.
            #expect(json.status == .payloadTooLarge)
            let problem = try Self.problem(json)
            #expect(problem["code"] as? String == "request.too-large")
            #expect((problem["detail"] as? String)?.contains("1 MB") == true)
            // A raw upload over the limit (the in-memory test client sets Content-Length from the body,
            // so the early refusal on a declared length is checked against a served binary, see README).
            let raw = try await env.app.testing().sendRequest(.POST, "/api/v1/attachments?filename=a.pdf") { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: token)
                req.body = ByteBuffer(bytes: Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x41, count: 1_048_576))
            }
            #expect(raw.status == .payloadTooLarge)
            #expect(try Self.problem(raw)["code"] as? String == "request.too-large")
            // A form (the party import page) over the limit: a Chinese page, status 413.
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let csrf = try await web.csrf(from: "/parties/import")
            let csv = Array("名称,电话\n".utf8) + [UInt8](repeating: 0x41, count: 1_048_576)
            let page = try await web.send(.POST, "/parties/import", multipart: Self.multipart(csrf, filename: "名册.csv", csv))
            #expect(page.status == .payloadTooLarge)
            #expect(page.headers.contentType?.description.hasPrefix("text/html") == true)
            #expect(page.body.string.contains("超过1 MB的上限"))
            // Nothing was stored.
            #expect(try await Self.count(env, "parties") == parties)
            #expect(try await Self.count(env, "attachments") == 0)
        }
    }

    // MARK: Bad files

    @Test("X-06 a crafted or mis-encoded import file is refused on the page, in Chinese, and no party is stored")
    func badImportFiles() async throws {
        try await withApp { env in
            // setup
            _ = try await env.seed()
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            let csrf = try await web.csrf(from: "/parties/import")
            let before = try await Self.count(env, "parties")
            // 10,001 empty entries: the forged central directory of the issue, small.
            var zip: [UInt8] = []
            var directory: [UInt8] = []
            func le(_ v: Int, _ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
            for i in 0..<10_001 {
                let name = Array(String(format: "xl/%05d.xml", i).utf8)
                let common = le(0, 2) + le(0, 2) + le(0, 4) + le(0, 4) + le(0, 4) + le(0, 4) + le(0, 4) + le(name.count, 2) + le(0, 2)
                directory += le(0x0201_4B50, 4) + le(20, 2) + le(20, 2) + common + le(0, 6) + le(0, 4) + le(zip.count, 4) + name
                zip += le(0x0403_4B50, 4) + le(20, 2) + common + name
            }
            let forged = zip + directory + le(0x0605_4B50, 4) + le(0, 4) + le(10_001, 2) + le(10_001, 2)
                + le(directory.count, 4) + le(zip.count, 4) + le(0, 2)
            let files: [(String, [UInt8], String)] = [
                ("名册.xlsx", forged, "部件超过10000个"),
                ("名册.xlsx", Array("名称,电话\n张三,13800001111\n".utf8), "不是有效的XLSX"),
                ("名册.xlsx", Array(forged.prefix(1_000)), "ZIP结构损坏"),
                ("名册.csv", [0xFF, 0xFE, 0xFD, 0x0A] + Array("张三,13800001111\n".utf8), "UTF-8"),
                ("名册.csv", Array("名称,电话\n张三,13800001111\n李四,13800002222".utf8) + [0xE5, 0xBC], "无效的UTF-8"),
            ]
            for (filename, bytes, message) in files {
                // act
                let page = try await web.send(.POST, "/parties/import", multipart: Self.multipart(csrf, filename: filename, bytes))
                // check: refused with a clear Chinese sentence; no row of the file stored.
                #expect(page.status == .unprocessableEntity, "\(message)")
                #expect(page.body.string.contains(message), "\(message)")
            }
            #expect(try await Self.count(env, "parties") == before)
        }
    }

    // MARK: Long text

    @Test("X-06 a party's long text fields are stored and shown whole at their limit, refused above it")
    func longPartyFields() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let name = String(repeating: "名", count: 200)
            let representative = String(repeating: "代", count: 100)
            let industry = String(repeating: "业", count: 100)
            let address = String(repeating: "址", count: 500)
            let body = ["kind": "person", "name": name, "phone": "13800001111", "representative": representative,
                        "industry": industry, "address": address]
            // act: one over, field by field.
            for (field, text) in [("name", name), ("representative", representative), ("industry", industry), ("address", address)] {
                var over = body
                over[field] = text + "多"
                let refused = try await env.request(.POST, "/api/v1/parties", token: token, json: over)
                // check
                #expect(refused.status == .unprocessableEntity, "\(field)")
                let fields = try Self.problem(refused)["fields"] as? [[String: Any]] ?? []
                #expect(fields.contains { $0["field"] as? String == field && ($0["code"] as? String)?.hasSuffix("too-long") == true }, "\(field)")
            }
            #expect(try await Self.count(env, "parties") == 0)
            // At the limits: stored whole, and read back whole.
            let created = try await env.request(.POST, "/api/v1/parties", token: token, json: body)
            #expect(created.status == .created)
            let dto = try InterviewTests.json(created)["party"] as? [String: Any] ?? [:]
            let id = try #require(dto["id"] as? String)
            #expect(dto["name"] as? String == name)
            let read = try InterviewTests.json(try await env.request(.GET, "/api/v1/parties/\(id)", token: token))
            #expect(read["name"] as? String == name)
            #expect(read["representative"] as? String == representative)
            #expect(read["industry"] as? String == industry)
            // The address is shown masked; revealed (PLT-34), it is the whole of what was sent.
            let revealer = Actor(userID: UUID(), login: "t", name: "t", unitID: s.officeA.id, permissions: [.personalDataReveal, .partyRead],
                                 roleCodes: [], visibleUnits: [s.officeA.id, s.bureau.id, s.officeB.id])
            let revealed = try await env.parties.reveal(UUID(uuidString: id)!, actor: revealer, context: .system("test"))
            #expect(revealed.address == address)
        }
    }

    @Test("X-06 a unit's name is kept whole up to 100 characters, refused above")
    func longUnitName() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let admin = try await env.token(s.admin)
            func create(_ code: String, _ name: String) async throws -> TestingHTTPResponse {
                try await env.request(.POST, "/api/v1/units", token: admin, json: [
                    "code": code, "name": name, "kind": "office", "parentId": s.bureau.id.uuidString,
                ])
            }
            let name = String(repeating: "所", count: 100)
            // act + check
            let refused = try await create("LONG1", name + "多")
            #expect(refused.status == .unprocessableEntity)
            let fields = try Self.problem(refused)["fields"] as? [[String: Any]] ?? []
            #expect(fields.contains { $0["code"] as? String == "unit.name.too-long" })
            let created = try await create("LONG2", name)
            #expect(created.status == .created)
            #expect(try InterviewTests.json(created)["name"] as? String == name)
        }
    }

    @Test("X-06 a case's title and description are stored whole at their limits, refused above them")
    func longCaseFields() async throws {
        try await withApp { env in
            // setup
            let st = try await InterviewTests.staff(env)
            let officer = try await env.token(st.s.officerA)
            let title = String(repeating: "题", count: InputLimits.titleCharacters)
            let description = String(repeating: "述", count: InputLimits.textareaCharacters)
            func create(_ title: String, _ description: String) async throws -> TestingHTTPResponse {
                try await env.request(.POST, "/api/v1/interviews", token: officer, json: [
                    "partyID": st.party.id.uuidString, "title": title, "source": "inspection", "description": description,
                ])
            }
            let cases = try await Self.count(env, "cases")
            // act + check: one character over either limit is refused, naming the field.
            for (label, res) in [("title", try await create(title + "多", "x")), ("description", try await create("标题", description + "多"))] {
                #expect(res.status == .unprocessableEntity, "\(label)")
                let problem = try Self.problem(res)
                let fields = problem["fields"] as? [[String: Any]] ?? []
                #expect(fields.contains { $0["field"] as? String == label && $0["code"] as? String == "input.too-long" }, "\(label)")
            }
            #expect(try await Self.count(env, "cases") == cases)
            // At the limits: stored, and the case reads back with both whole.
            let created = try await create(title, description)
            #expect(created.status == .created)
            let id = try #require(try InterviewTests.json(created)["id"] as? String)
            let shown = try await env.request(.GET, "/api/v1/interviews/\(id)", token: officer).body.string
            #expect(shown.contains(title))
            #expect(shown.contains(description))
        }
    }

    @Test("X-06 an attachment's file name is kept whole up to 255 characters, refused above (it was cut to 200)")
    func longFilename() async throws {
        try await withApp { env in
            // setup
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            func upload(_ filename: String) async throws -> TestingHTTPResponse {
                let query = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                return try await env.app.testing().sendRequest(.POST, "/api/v1/attachments?kind=evidence&filename=\(query)") { req in
                    req.headers.bearerAuthorization = BearerAuthorization(token: token)
                    req.body = ByteBuffer(string: "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
                }
            }
            let whole = String(repeating: "证", count: 251) + ".pdf"
            // act + check
            let refused = try await upload("长" + whole)
            #expect(refused.status == .unprocessableEntity)
            let fields = try Self.problem(refused)["fields"] as? [[String: Any]] ?? []
            #expect(fields.first?["code"] as? String == "attachment.filename.too-long")
            #expect(try await Self.count(env, "attachments") == 0)
            let stored = try await upload(whole)
            #expect(stored.status == .created)
            #expect(try InterviewTests.json(stored)["filename"] as? String == whole)
        }
    }
}
