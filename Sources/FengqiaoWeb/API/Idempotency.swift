import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// PLT-52: a create with an `Idempotency-Key` runs once; a retry gets the first response. A claim
/// left by a stopped process expires after a minute; a create that committed before the process
/// stopped is found by its key, and the retry answers with the created object (`recover`) or, where
/// a route cannot rebuild its answer, a 409 naming the created id.
enum Idempotency {
    static func run<T: Content>(_ req: Request, route: String, recover: ((UUID) async throws -> (HTTPResponseStatus, T))? = nil,
                                _ body: () async throws -> (HTTPResponseStatus, T)) async throws -> Response {
        let actor = try req.actor()
        let key = req.headers.first(name: "Idempotency-Key")
        var claim: IdempotencyClaimScope?
        if let key {
            guard (1...200).contains(key.count) else {
                throw DomainError.invalid([FieldError(field: "Idempotency-Key", rule: "PLT-52", code: "idempotency.key.invalid", messageZH: "Idempotency-Key 长度应为1至200")])
            }
            switch try await req.access.claimIdempotencyKey(userID: actor.userID, key: key, route: route) {
            case .claimed(let token):
                claim = IdempotencyClaimScope(userID: actor.userID, key: key, token: token)
            case .inProgress:
                throw DomainError(.conflict, code: "idempotency.in-progress", messageZH: "使用该 Idempotency-Key 的请求正在处理，请稍后重试", ruleID: "PLT-52")
            case .replay(let savedRoute, let status, let text):
                guard savedRoute == route else { throw reused }
                return replayed(status: HTTPResponseStatus(statusCode: status), text: text)
            case .committed(let savedRoute, let objectType, let objectID):
                guard savedRoute == route else { throw reused }
                if let recover, let id = UUID(uuidString: objectID) {
                    let (status, value) = try await recover(id)
                    let text = try encode(value)
                    try await req.access.completeIdempotencyKey(userID: actor.userID, key: key, status: Int(status.code), body: text)
                    return replayed(status: status, text: text)
                }
                throw DomainError(.conflict, code: "idempotency.completed",
                                  messageZH: "使用该 Idempotency-Key 的请求已完成（\(objectType) \(objectID)），请查询该记录", ruleID: "PLT-52",
                                  fields: [FieldError(field: "id", rule: "PLT-52", code: "idempotency.completed", messageZH: objectID)])
            }
        }
        let status: HTTPResponseStatus
        let value: T
        do {
            (status, value) = try await IdempotencyClaimScope.$current.withValue(claim) { try await body() }
        } catch {
            if let claim { try? await req.access.releaseIdempotencyKey(userID: claim.userID, key: claim.key, token: claim.token) }
            throw error
        }
        let text = try encode(value)
        if let key {
            try await req.access.completeIdempotencyKey(userID: actor.userID, key: key, status: Int(status.code), body: text)
        }
        let response = Response(status: status, body: .init(string: text))
        response.headers.contentType = .json
        return response
    }

    static var reused: DomainError {
        DomainError(.conflict, code: "idempotency.key.reused", messageZH: "该 Idempotency-Key 已用于其他请求", ruleID: "PLT-52")
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func replayed(status: HTTPResponseStatus, text: String) -> Response {
        let response = Response(status: status, body: .init(string: text))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
        return response
    }
}
