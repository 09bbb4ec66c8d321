import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// PLT-05 data scope `own`: a user whose scope is `own` sees only the cases they handle, that
/// wait on them or that name them — in the worklists, the case API and page, documents and a party's
/// history; the unit's other cases are "not found".
@Suite("Data scope own (PLT-05, X-05)", .serialized)
struct ScopeTests {
    @Test("PLT-05 an own-scope officer gets 404 for a colleague's case, its documents and page, and sees only their own case in worklists and party history")
    func ownScope() async throws {
        try await withApp { env in
            // setup: officer_a (unit scope) and zhou (own scope) in office A
            let st = try await InterviewTests.staff(env)
            let zhou = try await env.user("zhou", "周自办", unit: st.s.officeA.id, role: "officer", scope: .own)
            let officer = try await env.token(st.s.officerA)
            let own = try await env.token(zhou)
            func open(_ token: String, _ title: String) async throws -> String {
                let res = try await env.request(.POST, "/api/v1/interviews", token: token, json: [
                    "partyID": st.party.id.uuidString, "title": title, "source": "inspection", "description": "日常检查",
                ])
                return try #require(try InterviewTests.json(res)["id"] as? String)
            }
            let theirs = try await open(officer, "同事的案件")
            let mine = try await open(own, "本人的案件")
            let doc = try await env.request(.POST, "/api/v1/cases/\(theirs)/documents", token: officer,
                                            json: DocumentIssueDTO(templateCode: "IV-NOTICE", values: DocumentTests.noticeValues, recipient: nil))
            #expect(doc.status == .created || doc.status == .ok)
            let docID = try #require(try InterviewTests.json(doc)["id"] as? String)

            // act + check: the case API
            #expect(try await env.request(.GET, "/api/v1/cases/\(theirs)", token: own).status == .notFound)
            #expect(try await env.request(.GET, "/api/v1/cases/\(mine)", token: own).status == .ok)
            #expect(try await InterviewTests.action(env, own, theirs, "verify", ["facts": ["x"]]).status == .notFound)
            // documents
            #expect(try await env.request(.GET, "/api/v1/documents/\(docID)", token: own).status == .notFound)
            #expect(try await env.request(.GET, "/api/v1/documents/\(docID)", token: officer).status == .ok)
            // worklists: the unit view holds only the own case; the unit-scope colleague sees both
            func list(_ token: String, _ view: String) async throws -> [String] {
                let res = try await env.request(.GET, "/api/v1/worklist?view=\(view)", token: token)
                let rows = try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [[String: Any]] ?? []
                return rows.compactMap { $0["caseId"] as? String }
            }
            #expect(try await list(own, "unit") == [mine])
            #expect(try await list(own, "mine") == [mine])
            #expect(Set(try await list(officer, "unit")) == [theirs, mine])
            // the party's history
            let history = try await env.request(.GET, "/api/v1/parties/\(st.party.id.uuidString)/history", token: own).body.string
            #expect(history.contains(mine) && !history.contains(theirs))
            // the case page
            let web = WebClient(env)
            try await web.login("zhou", Seeded.password)
            #expect(try await web.send(.GET, "/cases/\(theirs)").status == .notFound)
            #expect(try await web.send(.GET, "/cases/\(mine)").status == .ok)
        }
    }
}
