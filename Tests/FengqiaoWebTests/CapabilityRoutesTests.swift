import FengqiaoCore
import FengqiaoStore
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// The pages of a procedure's feature are served because a registered procedure declares the
/// capability (`ProcedureCapabilities.platformIntake`, `.monthlyAnalysis`, `.enforcementBrief`), never
/// because the web names a case type: an app that runs only the interview has none of them, the shipped
/// app has all of them.
@Suite("Feature pages follow the registry's capabilities (issue 12, CP-38, CP-43)", .serialized)
struct CapabilityRoutesTests {
    static let featurePaths = ["/complaints/imports", "/admin/platform-sync", "/statistics/complaints/monthly?month=2025-10",
                               "/statistics/complaints/public?year=2025&quarter=3", "/statistics/enforcement/brief"]

    @Test("CP-43 CP-38 with the interview alone, the import, the platform sync, the monthly analysis and the brief are not served, not in the menu, not in the OpenAPI document")
    func interviewOnly() async throws {
        let registry = ProcedureRegistry([InterviewProcedure.self])
        #expect(!registry.declares(.platformIntake) && !registry.declares(.monthlyAnalysis) && !registry.declares(.enforcementBrief))
        try await withApp(procedures: registry) { env in
            let s = try await env.seed()
            let web = WebClient(env)
            try await web.login("admin", Seeded.password)
            for path in Self.featurePaths {
                #expect(try await web.send(.GET, path).status == .notFound, "\(path)")
            }
            #expect(!(try await web.send(.GET, "/").body.string).contains("/admin/platform-sync"))
            let token = try await env.token(s.admin)
            #expect(try await env.request(.GET, "/api/v1/platform-sync", token: token).status == .notFound)
            let openAPI = try await env.request(.GET, "/api/v1/openapi.json").body.string
            #expect(!openAPI.contains("/api/v1/complaints/imports"))
        }
    }

    @Test("CP-43 CP-38 the shipped registry declares them: the administrator has the platform sync in the menu and every feature page answers")
    func shipped() async throws {
        #expect(ProcedureRegistry.shipped.declares(.platformIntake))
        #expect(ProcedureRegistry.shipped.declares(.monthlyAnalysis))
        #expect(ProcedureRegistry.shipped.declares(.enforcementBrief))
        try await withApp { env in
            _ = try await env.seed()
            let web = WebClient(env)
            try await web.login("admin", Seeded.password)
            #expect(try await web.send(.GET, "/admin/platform-sync").status == .ok)
            #expect((try await web.send(.GET, "/").body.string).contains("/admin/platform-sync"))
            for path in Self.featurePaths {
                #expect(try await web.send(.GET, path).status != .notFound, "\(path)")
            }
            let openAPI = try await env.request(.GET, "/api/v1/openapi.json").body.string
            #expect(openAPI.contains("/api/v1/complaints/imports"))
        }
    }
}
