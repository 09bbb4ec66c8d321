import AsyncKit
@testable import FengqiaoWeb
import Foundation
import Testing
import Vapor
import VaporTesting

/// A request that waited past the pool's limit for a database connection did nothing: it answers
/// 503 `database.busy` with Retry-After, as problem+json under /api, never a 500 (PLT-52: the client
/// retries with its Idempotency-Key). The DOC-11 parallel-numbers test met exactly this on a loaded
/// PostgreSQL: 77 of 200 requests answered 500.
@Suite("Busy database (PLT-52)")
struct BusyDatabaseTests {
    @Test("PLT-52: a connection-pool timeout is 503 database.busy with Retry-After, problem+json, not a 500")
    func poolTimeout() async throws {
        let app = try await Application.make(.testing)
        app.middleware.use(AppErrorMiddleware())
        app.get("api", "v1", "busy") { _ -> String in throw ConnectionPoolTimeoutError.connectionRequestTimeout }
        app.get("api", "v1", "broken") { _ -> String in throw CancellationError() }
        try await app.testing().test(.GET, "/api/v1/busy") { res in
            #expect(res.status == .serviceUnavailable)
            #expect(res.headers.first(name: .retryAfter) == String(AppErrorMiddleware.retryAfterSeconds))
            #expect(res.headers.contentType?.subType == "problem+json")
            #expect(res.body.string.contains("\"code\":\"database.busy\""))
            #expect(res.body.string.contains("系统繁忙"))
        }
        // Anything else unexpected is still a 500 (the mapping is for the pool's timeout only).
        try await app.testing().test(.GET, "/api/v1/broken") { res in
            #expect(res.status == .internalServerError)
            #expect(res.headers.first(name: .retryAfter) == nil)
        }
        try await app.asyncShutdown()
    }
}
