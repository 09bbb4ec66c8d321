import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// The documents each step requires and issues, declared on the step (issue 12 item 1, DOC-31,
/// DOC-01), shown with the test-only permit: refused until its notice is issued and served; the case
/// page offers only the templates of the case's state.
@Suite("Step documents (issue 12 item 1: DOC-31, DOC-01)", .serialized)
struct StepDocumentTests {
    static let registry = ProcedureRegistry.shipped.adding([PermitProcedure.self])

    struct Body: Encodable {
        let version: Int
        let input: [String: String]
    }

    /// A permit of office A's party, opened by its officer on Tue 2025-09-30.
    static func openPermit(_ env: TestEnv, _ s: Seeded, token: String) async throws -> (id: String, party: String) {
        let party = try await env.parties.create(PartyInput(kind: "enterprise", name: "江城市中村许可商行有限公司", uscc: .uscc(6161)),
                                                 unitID: s.officeA.id, actor: env.actor(s.officerA), context: .system("test")).party
        let created = try RegistryTests.json(try await env.request(.POST, "/api/v1/permits", token: token, json: ["partyID": party.id.uuidString]))
        return (try #require(created["id"] as? String), party.name)
    }

    static func act(_ env: TestEnv, _ token: String, _ id: String, _ key: String, version: Int, _ input: [String: String] = [:]) async throws
        -> TestingHTTPResponse {
        try await env.request(.POST, "/api/v1/permits/\(id)/actions/\(key)", token: token, json: Body(version: version, input: input))
    }

    @Test("DOC-31 a step declaring a required served document is refused (document.required, then document.unserved, naming 《许可告知书》) until the notice is issued and served, then allowed")
    func requiredDocument() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup: a notified permit
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let (id, party) = try await Self.openPermit(env, s, token: token)
            #expect(try await Self.act(env, token, id, "notify", version: 1).status == .ok)

            // act 1: grant before the notice exists
            let missing = try await Self.act(env, token, id, "grant", version: 2, ["decision": "准予经营"])
            // check: refused with the rule, the code and the document's Chinese name
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("document.required") && missing.body.string.contains("DOC-31") && missing.body.string.contains("许可告知书"))

            // act 2: the notice issued on 09-30 but not served
            let issued = try await env.request(.POST, "/api/v1/cases/\(id)/documents", token: token,
                                               json: DocumentIssueDTO(templateCode: "TP-NOTICE", values: ["party.name": party], recipient: party))
            #expect(issued.status == .created)
            let unserved = try await Self.act(env, token, id, "grant", version: 2, ["decision": "准予经营"])
            #expect(unserved.status == .unprocessableEntity)
            #expect(unserved.body.string.contains("document.unserved") && !unserved.body.string.contains("document.required"))

            // act 3: served by post, delivered Thu 2025-10-09 after National Day
            let docID = try #require(try RegistryTests.json(issued)["id"] as? String)
            let served = try await env.request(.POST, "/api/v1/documents/\(docID)/service", token: token,
                                               json: ["recipient": party, "method": "post", "date": "2025-09-30", "mailNumber": "1187654321098",
                                                      "deliveredOn": "2025-10-09"])
            #expect(served.status == .created)
            env.moveClock(to: "2025-10-09")
            let granted = try await Self.act(env, token, id, "grant", version: 2, ["decision": "准予经营"])
            // check: allowed once served
            #expect(granted.status == .ok)
            #expect(try RegistryTests.json(granted)["state"] as? String == "granted")
        }
    }

    @Test("DOC-01 the case page offers only the templates the steps around the case's state issue: the notice while the notifying step waits, notice and licence once notified, the licence once granted, the undeclared TP-OTHER never")
    func offeredPerState() async throws {
        try await withApp(procedures: Self.registry) { env in
            // setup
            let s = try await env.seed()
            let token = try await env.token(s.officerA)
            let (id, party) = try await Self.openPermit(env, s, token: token)
            let web = WebClient(env)
            try await web.login("officer_a", Seeded.password)
            func offered() async throws -> [String] {
                let page = try await web.send(.GET, "/cases/\(id)").body.string
                return ["TP-NOTICE", "TP-LICENCE", "TP-OTHER"].filter { page.contains("<option value=\"\($0)\"") }
            }
            // check: opened — the notifying step, taken from here, issues the notice
            let opened = try await offered()
            #expect(opened == ["TP-NOTICE"])
            // act, check: notified
            #expect(try await Self.act(env, token, id, "notify", version: 1).status == .ok)
            let notified = try await offered()
            #expect(notified == ["TP-NOTICE", "TP-LICENCE"])
            // act, check: granted after the notice was served
            let issued = try await env.request(.POST, "/api/v1/cases/\(id)/documents", token: token,
                                               json: DocumentIssueDTO(templateCode: "TP-NOTICE", values: ["party.name": party], recipient: party))
            let docID = try #require(try RegistryTests.json(issued)["id"] as? String)
            _ = try await env.request(.POST, "/api/v1/documents/\(docID)/service", token: token,
                                      json: ["recipient": party, "method": "post", "date": "2025-09-30", "mailNumber": "1187654321098", "deliveredOn": "2025-10-09"])
            env.moveClock(to: "2025-10-09")
            #expect(try await Self.act(env, token, id, "grant", version: 2, ["decision": "准予经营"]).status == .ok)
            // a closed case's page offers no form; the state still offers the grant's licence
            #expect(PermitProcedure.offeredTemplates(state: "granted") == ["TP-LICENCE"])
            // the interview declares its own: a case waiting for notice service offers the approval form (the step that led there), the notice and the outline only
            #expect(InterviewProcedure.offeredTemplates(state: "notice") == ["IV-APPROVAL", "IV-NOTICE", "IV-OUTLINE"])
            #expect(InterviewProcedure.offeredTemplates(state: "passed") == ["IV-INSPECTION", "IV-PASS"])
        }
    }
}
