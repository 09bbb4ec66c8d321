import AsyncKit
import FengqiaoCore
import Foundation
import Vapor

/// `application/problem+json` (PLT-51): a stable code, Chinese detail and the fields at fault.
struct Problem: Content {
    let type: String
    let title: String
    let status: Int
    let code: String
    let detail: String
    let rule: String?
    let fields: [FieldError]
    let requestId: String
}

extension DomainError.Kind {
    var status: HTTPResponseStatus {
        switch self {
        case .invalid: .unprocessableEntity
        case .notFound: .notFound
        case .conflict: .conflict
        case .forbidden: .forbidden
        case .unauthenticated: .unauthorized
        case .locked: .locked
        case .tooLarge: .payloadTooLarge
        case .busy: .serviceUnavailable
        }
    }
}

/// Maps every error to HTTP in one place (STYLE habit 9): problem JSON under `/api`, an HTML page
/// for the web. Bad input is never a 5xx.
struct AppErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let domain = Self.domainError(error)
            if domain == nil { request.logger.report(error: error) }
            let d = domain ?? DomainError(.invalid, code: "internal", messageZH: "服务器内部错误，请联系管理员（请求号 \(request.requestID)）")
            let status: HTTPResponseStatus = domain == nil ? .internalServerError : (Self.abortStatus(error) ?? d.kind.status)
            if request.isAPI, domain?.code == DomainError.notFound.code, !(error is DomainError) {
                // No route for this method; if the path has routes for others, say so (405 + Allow).
                let allowed = Self.allowedMethods(request)
                if !allowed.isEmpty {
                    let problem = Problem(type: "https://fengqiao.local/problems/request.method", title: HTTPResponseStatus.methodNotAllowed.reasonPhrase,
                                          status: 405, code: "request.method", detail: "不支持的请求方法 \(request.method.rawValue)，可用：\(allowed.joined(separator: ", "))",
                                          rule: nil, fields: [], requestId: request.requestID)
                    let response = Response(status: .methodNotAllowed)
                    try response.content.encode(problem, as: .json)
                    response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
                    response.headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", "))
                    return response
                }
            }
            if request.isAPI || request.url.path == "/healthz" || request.url.path == "/readyz" {
                let problem = Problem(type: "https://fengqiao.local/problems/\(d.code)", title: status.reasonPhrase, status: Int(status.code),
                                      code: d.code, detail: d.messageZH, rule: d.ruleID, fields: d.fields, requestId: request.requestID)
                let response = Response(status: status)
                try response.content.encode(problem, as: .json)
                response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
                if d.kind == .busy { response.headers.replaceOrAdd(name: .retryAfter, value: String(Self.retryAfterSeconds)) }
                return response
            }
            if d.kind == .unauthenticated { return request.redirect(to: SiteURL.login.path) }
            let model = ErrorPage(page: PageChrome(request: request, title: "出错了"), status: Int(status.code), message: d.messageZH,
                                  rule: d.ruleID, fields: d.fields.map { .init(field: $0.field, message: $0.messageZH) }, requestID: request.requestID)
            let response = try render(request, "error", model)
            response.status = status
            if d.kind == .busy { response.headers.replaceOrAdd(name: .retryAfter, value: String(Self.retryAfterSeconds)) }
            return response
        }
    }

    /// The methods the application routes for the request's path (fuzz finding FZ-02: an
    /// undeclared method on an API path answered 404, not 405 with `Allow`). Empty when no route
    /// has this path.
    static func allowedMethods(_ request: Request) -> [String] {
        let parts = request.url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods = Set<String>()
        for route in request.application.routes.all where matches(route.path, parts) {
            methods.insert(route.method.rawValue)
            if route.method == .GET { methods.insert("HEAD") }
        }
        methods.remove(request.method.rawValue)
        return methods.isEmpty ? [] : methods.sorted()
    }

    static func matches(_ pattern: [PathComponent], _ parts: [String]) -> Bool {
        var i = 0
        for component in pattern {
            switch component {
            case .catchall: return i < parts.count
            case .constant(let c): guard i < parts.count, parts[i] == c else { return false }
            case .parameter, .anything: guard i < parts.count else { return false }
            }
            i += 1
        }
        return i == parts.count
    }

    static func abortStatus(_ error: any Error) -> HTTPResponseStatus? {
        (error as? any AbortError)?.status
    }

    /// How long a client waits before retrying when the server is busy (503).
    static let retryAfterSeconds = 2

    static func domainError(_ error: any Error) -> DomainError? {
        if let d = error as? DomainError { return d }
        // Every database connection stayed busy past the pool's wait: the request did nothing and may be
        // retried (with its Idempotency-Key, PLT-52) — a 503 with Retry-After, never a 500.
        if error is ConnectionPoolTimeoutError {
            return DomainError(.busy, code: "database.busy", messageZH: "系统繁忙，请\(retryAfterSeconds)秒后重试", ruleID: "PLT-52")
        }
        if let a = error as? any AbortError {
            switch a.status {
            case .notFound: return DomainError.notFound
            case .payloadTooLarge: return DomainError(.tooLarge, code: "request.too-large", messageZH: "提交的内容或上传的文件超过了允许的大小，请缩小后重新提交", ruleID: "X-06")
            case .unsupportedMediaType, .badRequest, .unprocessableEntity:
                return DomainError(.invalid, code: "request.malformed", messageZH: "请求格式不正确：\(a.reason)")
            case .methodNotAllowed: return DomainError(.invalid, code: "request.method", messageZH: "不支持的请求方法")
            // The file middleware refuses `…../` paths with 403: a client's fault, never a 5xx.
            case .forbidden: return DomainError(.forbidden, code: "request.forbidden", messageZH: "不允许访问该地址")
            case let s where (400..<500).contains(s.code): return DomainError(.invalid, code: "request.invalid", messageZH: "请求无效：\(a.reason)")
            default: return nil
            }
        }
        if error is DecodingError {
            return DomainError(.invalid, code: "request.malformed", messageZH: "请求内容无法解析：\(Self.describe(error as! DecodingError))")
        }
        return nil
    }

    static func describe(_ e: DecodingError) -> String {
        switch e {
        case .keyNotFound(let k, _): "缺少字段 \(k.stringValue)"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            "字段 \(c.codingPath.map(\.stringValue).joined(separator: ".")) 的值不正确"
        @unknown default: "格式错误"
        }
    }
}
