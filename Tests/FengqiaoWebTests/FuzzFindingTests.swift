import FengqiaoCore
@testable import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// Issue 13 item 1: what `scripts/fuzz` (schemathesis against `/api/v1/openapi.json`) found, each
/// pinned here so it stays fixed without running the fuzzer. FZ-01 and FZ-02 were answers the
/// server gave; FZ-03 to FZ-05 were places where the OpenAPI document did not describe what the
/// server really accepts (PLT-50), so generated "valid" requests were refused.
@Suite("Findings of the API fuzzer (issue 13 item 1)", .serialized)
struct FuzzFindingTests {
    static func json(_ res: TestingHTTPResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    static func isProblem(_ res: TestingHTTPResponse, code: String) -> Bool {
        res.headers.contentType?.subType == "problem+json" && json(res)["code"] as? String == code
            && json(res)["status"] as? Int == Int(res.status.code)
    }

    static func document(_ env: TestEnv) async throws -> [String: Any] {
        json(try await env.request(.GET, "/api/v1/openapi.json"))
    }

    static func operation(_ doc: [String: Any], _ method: String, _ path: String) -> [String: Any] {
        ((doc["paths"] as? [String: Any])?[path] as? [String: Any])?[method] as? [String: Any] ?? [:]
    }

    static func schema(_ doc: [String: Any], _ name: String) -> [String: Any] {
        ((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }

    @Test("FZ-01 X-06 an integer query parameter that is not one integer (?offset=null, ?before=x, ?limit=1&limit=2) is refused with 422, not read as absent")
    func integerQueryParameters() async throws {
        try await withApp { env in
            // setup: an officer and the auditor with API tokens
            let s = try await env.seed()
            let officer = try await env.token(s.officerA), auditor = try await env.token(s.auditor)
            // act / check: the fuzzer's requests are refused with the field named
            for path in ["/api/v1/parties?offset=null", "/api/v1/parties?limit=abc", "/api/v1/parties?offset=1&offset=2", "/api/v1/worklist?page=x"] {
                let res = try await env.request(.GET, path, token: officer)
                #expect(res.status == .unprocessableEntity, "\(path)")
                #expect(Self.isProblem(res, code: "validation.failed"), "\(path)")
                #expect((Self.json(res)["fields"] as? [[String: Any]])?.first?["code"] as? String == "query.integer", "\(path)")
            }
            let audit = try await env.request(.GET, "/api/v1/audit/events?before=null", token: auditor)
            #expect(audit.status == .unprocessableEntity)
            // integers, and no parameter at all, still answer
            #expect(try await env.request(.GET, "/api/v1/parties?offset=0&limit=5", token: officer).status == .ok)
            #expect(try await env.request(.GET, "/api/v1/parties", token: officer).status == .ok)
            #expect(try await env.request(.GET, "/api/v1/audit/events?before=100&limit=10", token: auditor).status == .ok)
        }
    }

    @Test("FZ-08 X-06 a page number near Int.max on the worklist (API and home page) and the party list answers a page, never crashes the server")
    func hugePageNumbers() async throws {
        try await withApp { env in
            // setup: an officer with a token and a signed-in browser session
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            // act / check: before the fix `page * pageSize` overflowed and the process trapped
            for page in ["9223372036854775807", "184467440737095516", "-9223372036854775808"] {
                let api = try await env.request(.GET, "/api/v1/worklist?page=\(page)", token: token)
                #expect(api.status == .ok, "worklist page \(page)")
                #expect(api.body.string == "[]" || page.hasPrefix("-"), "worklist page \(page)")
                #expect(try await web.send(.GET, "/?page=\(page)").status == .ok, "home page \(page)")
                #expect(try await web.send(.GET, "/parties?page=\(page)").status == .ok, "parties page \(page)")
            }
            #expect(HomePage.pageIndex(Int.max) * HomePage.pageSize > 0)
        }
    }

    @Test("FZ-02 PLT-51 a method the API path does not take answers 405 with Allow and a problem document, not 404")
    func methodNotAllowed() async throws {
        try await withApp { env in
            // setup: an officer's token
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            // act: TRACE and DELETE on documented paths
            let units = try await env.request(.TRACE, "/api/v1/units", token: token)
            let party = try await env.request(.DELETE, "/api/v1/parties/\(UUID())", token: token)
            // check: 405, the methods the path takes, problem+json with a stable code
            #expect(units.status == .methodNotAllowed)
            #expect(units.headers.first(name: .allow) == "GET, HEAD, POST")
            #expect(Self.isProblem(units, code: "request.method"))
            #expect(party.status == .methodNotAllowed)
            #expect(party.headers.first(name: .allow) == "GET, HEAD, PUT")
            // without a token too (no route, no handler runs); an unknown path stays 404
            #expect(try await env.request(.PATCH, "/api/v1/worklist").status == .methodNotAllowed)
            let unknown = try await env.request(.GET, "/api/v1/no-such-thing", token: token)
            #expect(unknown.status == .notFound)
            #expect(Self.isProblem(unknown, code: "not-found"))
        }
    }

    @Test("FZ-03 PLT-50 the document says what the input guard refuses (X-06): request text carries no control character, member names neither")
    func documentDescribesInputGuard() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let doc = try await Self.document(env)
            // check: a request body's strings and member names, and string query parameters, carry the pattern
            let void = Self.schema(doc, "Void")
            let reason = (void["properties"] as? [String: Any])?["reason"] as? [String: Any]
            #expect(reason?["pattern"] as? String == OpenAPIDocument.textPattern)
            #expect((void["propertyNames"] as? [String: Any])?["pattern"] as? String == OpenAPIDocument.textPattern)
            let q = (Self.operation(doc, "get", "/api/v1/parties")["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == "q" }
            #expect((q?["schema"] as? [String: Any])?["pattern"] as? String == OpenAPIDocument.textPattern)
            // the pattern is the guard's rule: what it forbids the server refuses, what it allows passes the guard
            let regex = try Regex(OpenAPIDocument.textPattern)
            for (text, allowed) in [("整改\t完毕\r\n", true), ("bell\u{07}", false), ("del\u{7F}", false), ("nul\u{0}", false)] {
                #expect((text.wholeMatch(of: regex) != nil) == allowed, "\(text.debugDescription)")
                #expect(InputGuardMiddleware.hasControl(text) == !allowed, "\(text.debugDescription)")
            }
            let refused = try await env.request(.GET, "/api/v1/parties?q=%07abc", token: token)
            #expect(Self.isProblem(refused, code: "input.control-character"))
        }
    }

    @Test("FZ-04 PLT-50 dates are format date, required query parameters required, enumerations and ranges listed, Idempotency-Key 1 to 200 characters, updates require version")
    func documentDescribesShapes() async throws {
        try await withApp { env in
            let doc = try await Self.document(env)
            func parameter(_ method: String, _ path: String, _ name: String) -> [String: Any] {
                (Self.operation(doc, method, path)["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == name } ?? [:]
            }
            // the calendar queries: dates required (the server answered 422 to the empty date the document allowed)
            for (path, name) in [("/api/v1/calendar/is-workday", "date"), ("/api/v1/calendar/due", "start"), ("/api/v1/calendar/between", "end")] {
                #expect(parameter("get", path, name)["required"] as? Bool == true, "\(path) \(name)")
                #expect((parameter("get", path, name)["schema"] as? [String: Any])?["format"] as? String == "date", "\(path) \(name)")
            }
            #expect((parameter("get", "/api/v1/worklist", "view")["schema"] as? [String: Any])?["enum"] as? [String] == ["mine", "unit", "major"])
            #expect((parameter("get", "/api/v1/calendar/due", "unit")["schema"] as? [String: Any])?["enum"] as? [String] == ["workdays", "days", "months"])
            let count = parameter("get", "/api/v1/calendar/due", "count")["schema"] as? [String: Any]
            #expect(count?["minimum"] as? Int == 0 && count?["maximum"] as? Int == 3650)
            let partyKind = (Self.schema(doc, "PartyWrite")["properties"] as? [String: [String: Any]])?["kind"]
            #expect(partyKind?["enum"] as? [String] == PartyKind.allCases.map(\.rawValue))
            // the body dates the server parses as days
            let suspend = Self.schema(doc, "Suspend")["properties"] as? [String: [String: Any]]
            #expect(suspend?["from"]?["format"] as? String == "date")
            let service = Self.schema(doc, "Service")["properties"] as? [String: [String: Any]]
            #expect(service?["method"]?["enum"] as? [String] == ServiceMethod.allCases.map(\.rawValue))
            // Idempotency-Key: the server refuses an empty one (PLT-52)
            let key = parameter("post", "/api/v1/interviews", "Idempotency-Key")["schema"] as? [String: Any]
            #expect(key?["minLength"] as? Int == 1 && key?["maxLength"] as? Int == 200)
            // PUT needs the version read (PLT-53); POST does not
            #expect(Self.schema(doc, "PartyUpdate")["required"] as? [String] == ["kind", "name", "version"])
            #expect((Self.schema(doc, "RoleUpdate")["required"] as? [String])?.contains("version") == true)
            let put = (Self.operation(doc, "put", "/api/v1/parties/{id}")["requestBody"] as? [String: Any]).map { "\($0)" } ?? ""
            #expect(put.contains("PartyUpdate"))
        }
    }

    @Test("FZ-05 PLT-50 opening a case is described by the procedure's own fields, and the document's links lead from a created case to its next steps")
    func creationSchemaAndLinks() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let doc = try await Self.document(env)
            // the interview's opening request names its fields, the required ones required
            let create = Self.schema(doc, "Create_interviews")
            let props = create["properties"] as? [String: [String: Any]] ?? [:]
            #expect(Set(create["required"] as? [String] ?? []) == ["partyID", "title", "source", "description"])
            #expect(props["partyID"]?["format"] as? String == "uuid")
            #expect(props["discoveredOn"]?["format"] as? String == "date")
            #expect(props["title"]?["maxLength"] as? Int == InputLimits.titleCharacters)
            #expect((props["source"]?["enum"] as? [String])?.contains("inspection") == true)
            // a body built from the schema alone opens a case
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村模糊测试有限公司", uscc: .uscc(4712), representative: "孙大成"),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            let opened = try await env.request(.POST, "/api/v1/interviews", token: token,
                                               json: ["partyID": party.id.uuidString, "title": "x", "source": "inspection", "description": "y"])
            #expect(opened.status == .created)
            // links: each names an operation of the document and fills some of its path parameters (an action key is the client's choice)
            let paths = doc["paths"] as? [String: [String: Any]] ?? [:]
            var ids: [String: String] = [:]
            for (path, ops) in paths { for method in ops.keys { ids["\(method)\(path)"] = path } }
            var count = 0
            for (_, ops) in paths {
                for (_, raw) in ops {
                    for (_, response) in (raw as? [String: Any])?["responses"] as? [String: Any] ?? [:] {
                        for (name, l) in (response as? [String: Any])?["links"] as? [String: [String: Any]] ?? [:] {
                            count += 1
                            let target = try #require(ids[l["operationId"] as? String ?? ""], "link \(name)")
                            let params = Set((l["parameters"] as? [String: String] ?? [:]).keys)
                            #expect(!params.isEmpty && params.isSubset(of: Set(OpenAPIDocument.pathParameters(target))), "link \(name) → \(target)")
                        }
                    }
                }
            }
            #expect(count >= 30)
            let created = (Self.operation(doc, "post", "/api/v1/interviews")["responses"] as? [String: Any])?["201"] as? [String: Any]
            let next = created?["links"] as? [String: [String: Any]] ?? [:]
            #expect(next["TakeAction"]?["operationId"] as? String == "post/api/v1/interviews/{id}/actions/{action}")
            #expect((next["GetCase"]?["parameters"] as? [String: String])?["id"] == "$response.body#/id")
        }
    }
}

extension FuzzFindingTests {
    @Test("FZ-06 PLT-52 concurrent creates with one Idempotency-Key, whose claims are released as they fail, never answer 500")
    func idempotencyClaimRace() async throws {
        try await withApp { env in
            // setup: an officer's token; a body every request refuses (no such party), so each claim is released again
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let body = ["partyID": UUID().uuidString, "title": "并发", "source": "inspection", "description": "同一键并发提交"]
            // act: rounds of requests racing on one key (the fuzzer's two workers sent "0" at once)
            var statuses: [UInt] = []
            for round in 0..<40 {
                let got = try await withThrowingTaskGroup(of: UInt.self) { group in
                    for _ in 0..<12 {
                        group.addTask {
                            try await env.request(.POST, "/api/v1/interviews", token: token, json: body, headers: [("Idempotency-Key", "race-\(round)")]).status.code
                        }
                    }
                    return try await group.reduce(into: [UInt]()) { $0.append($1) }
                }
                statuses += got
            }
            // check: each is refused (422) or told the key is busy (409), never a 500
            #expect(statuses.allSatisfy { $0 == 422 || $0 == 409 }, "\(statuses)")
            #expect(statuses.contains(422))
        }
    }
}

extension FuzzFindingTests {
    @Test("FZ-07 PLT-50 an optional member sent as null is read as absent, and the document says it may be null")
    func optionalMembersMayBeNull() async throws {
        try await withApp { env in
            // setup: a party of office A, read with its version
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村空值测试有限公司", uscc: .uscc(4713), representative: "孙大成"),
                                                     unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
            // act: the fuzzer's update, uscc null (kind other: no credit code needed)
            struct Update: Encodable { let kind: String; let name: String; let uscc: String?; let version: Int
                func encode(to encoder: any Encoder) throws {
                    var c = encoder.container(keyedBy: CodingKeys.self)
                    try c.encode(kind, forKey: .kind); try c.encode(name, forKey: .name); try c.encode(uscc, forKey: .uscc); try c.encode(version, forKey: .version)
                }
                enum CodingKeys: String, CodingKey { case kind, name, uscc, version }
            }
            let res = try await env.request(.PUT, "/api/v1/parties/\(party.id)", token: token,
                                            json: Update(kind: "other", name: "江城市中村空值测试有限公司", uscc: nil, version: party.version))
            // check: accepted, the null read as "not given"; and the document admits null there, not for required members
            #expect(res.status == .ok)
            let doc = try await Self.document(env)
            let props = Self.schema(doc, "PartyUpdate")["properties"] as? [String: [String: Any]] ?? [:]
            #expect(props["uscc"]?["type"] as? [String] == ["string", "null"])
            #expect(props["name"]?["type"] as? String == "string")
            let kinds = (Self.schema(doc, "PartyWrite")["properties"] as? [String: [String: Any]])?["kind"]?["enum"] as? [Any] ?? []
            #expect(!kinds.contains { $0 is NSNull })
            let value = (Self.schema(doc, "ActionInput")["additionalProperties"] as? [String: Any])?["oneOf"] as? [[String: Any]] ?? []
            #expect(value.contains { $0["type"] as? String == "null" } && value.contains { $0["type"] as? String == "integer" })
        }
    }
}
