import Foundation
import NIOCore
import Synchronization
import Vapor

/// A stand-in for the 12315 platform on a loopback port (CP-43 tests): a real Vapor server that
/// answers `GET /items?since=` with the items it holds and its cursor, and records every
/// `POST /status`. `down` makes both answer 503. No client is mocked: Fengqiao talks HTTP to it.
final class FakePlatform: Sendable {
    struct State {
        var items: [[String: String]] = []
        var cursor = "c1"
        var down = false
        var failPosts = false
        var sinces: [String?] = []
        var posts: [String] = []
        var tokens: [String?] = []
    }

    final class Box: Sendable {
        let state = Mutex(State())
    }

    let app: Application
    let box: Box
    let port: Int

    private init(app: Application, box: Box, port: Int) {
        self.app = app
        self.box = box
        self.port = port
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func update(_ body: (inout State) -> Void) { box.state.withLock { body(&$0) } }
    var snapshot: State { box.state.withLock { $0 } }

    static func start() async throws -> FakePlatform {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        let box = Box()
        app.get("items") { req -> Response in
            let s = box.state.withLock { s -> State in
                s.sinces.append(req.query[String.self, at: "since"])
                s.tokens.append(req.headers.bearerAuthorization?.token)
                return s
            }
            if s.down { return Response(status: .serviceUnavailable) }
            let body = try JSONSerialization.data(withJSONObject: ["items": s.items, "cursor": s.cursor] as [String: Any])
            return Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(data: body))
        }
        app.on(.POST, "status", body: .collect(maxSize: "1mb")) { req -> Response in
            let text = req.body.string ?? ""
            let fail = box.state.withLock { s -> Bool in
                s.posts.append(text)
                return s.down || s.failPosts
            }
            return Response(status: fail ? .internalServerError : .ok)
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        return FakePlatform(app: app, box: box, port: app.http.server.shared.localAddress?.port ?? 0)
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }

    /// Runs `body` with a platform started, and always stops it.
    static func with(_ body: (FakePlatform) async throws -> Void) async throws {
        let platform = try await start()
        do { try await body(platform) } catch {
            try await platform.stop()
            throw error
        }
        try await platform.stop()
    }
}
