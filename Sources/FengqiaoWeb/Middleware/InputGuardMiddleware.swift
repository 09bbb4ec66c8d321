import FengqiaoCore
import Foundation
import Vapor

/// Refuses, in one place, input no handler should see:
/// - a path that climbs out of its directory (`../`, also percent-encoded) is "not found", never a
///   5xx from the file middleware;
/// - a path, query string or form/JSON body holding a control character other than tab, line feed
///   or carriage return (U+0000 above all: PostgreSQL cannot store it in text) answers 422
///   `input.control-character`, before anything is read or stored.
/// - a body larger than `FENGQIAO_MAX_UPLOAD_MB` answers 413 `request.too-large` naming the limit
///   (X-06, issue 13 item 5): from its declared `Content-Length` before a byte of it is read, else
///   from what arrived. (A body that came whole with its head is never re-checked by Vapor's
///   `.collect(maxSize:)`, and one collected here is not either, so the check is made here.)
/// File uploads (raw and multipart bodies) are bytes, not text, and are not inspected.
struct InputGuardMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let limit = request.services.config.maxUploadBytes
        if let declared = request.headers.first(name: .contentLength).flatMap({ Int64($0) }), declared > limit {
            throw Self.tooLarge(limit: limit)
        }
        if let buffer = request.body.data, Int64(buffer.readableBytes) > limit { throw Self.tooLarge(limit: limit) }
        let rawPath = request.url.path
        let path = rawPath.removingPercentEncoding ?? rawPath
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0 == ".." || $0.hasSuffix("..") }) { throw DomainError.notFound }
        if Self.hasControl(path) { throw DomainError.notFound }
        if let query = request.url.query, Self.hasControl(query.removingPercentEncoding ?? query) {
            throw Self.refusal(field: "query")
        }
        if let type = request.headers.contentType, type == .json || type == .urlEncodedForm || type.subType.hasSuffix("+json") {
            if request.body.data == nil, request.method != .GET, request.method != .HEAD {
                do {
                    _ = try await request.body.collect(max: Int(clamping: limit)).get()
                } catch let abort as any AbortError where abort.status == .payloadTooLarge {
                    throw Self.tooLarge(limit: limit)
                }
            }
            if let buffer = request.body.data {
                let bytes = Array(buffer.readableBytesView)
                let bad = type == .urlEncodedForm ? Self.formHasControl(bytes) : Self.jsonHasControl(bytes)
                if bad { throw Self.refusal(field: "body") }
            }
        }
        return try await next.respond(to: request)
    }

    /// 413: the body is over the configured upload limit; the page or problem says the limit.
    static func tooLarge(limit: Int64) -> DomainError {
        let message = "提交的内容或上传的文件超过\(limit / 1_048_576) MB的上限，请缩小后重新提交"
        return DomainError(.tooLarge, code: "request.too-large", messageZH: message, ruleID: "X-06",
                           fields: [FieldError(field: "body", rule: "X-06", code: "request.too-large", messageZH: message)])
    }

    static func refusal(field: String) -> DomainError {
        let message = "提交的内容含有不可见的控制字符（如 NUL），请删除后重新提交"
        return DomainError(.invalid, code: "input.control-character", messageZH: message, ruleID: "X-06",
                           fields: [FieldError(field: field, rule: "X-06", code: "input.control-character", messageZH: message)])
    }

    /// C0 controls and DEL, except tab, line feed and carriage return.
    static func isForbidden(_ scalar: UInt32) -> Bool {
        (scalar < 0x20 && scalar != 0x09 && scalar != 0x0A && scalar != 0x0D) || scalar == 0x7F
    }

    static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { isForbidden($0.value) }
    }

    /// A form body: `+` and `%XX` decoded, then checked.
    static func formHasControl(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "+", with: " ")
        return hasControl(text.removingPercentEncoding ?? text)
    }

    /// A JSON body: raw control bytes, and `\u00XX` escapes of them inside strings (an escaped
    /// backslash `\\` is skipped, so `\\u0000` is harmless text).
    static func jsonHasControl(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if isForbidden(UInt32(b)) { return true }
            if b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                if bytes[i + 1] == UInt8(ascii: "u"), i + 5 < bytes.count,
                   let v = UInt32(String(decoding: bytes[(i + 2)...(i + 5)], as: UTF8.self), radix: 16) {
                    if isForbidden(v) { return true }
                    i += 6
                    continue
                }
                i += 2
                continue
            }
            i += 1
        }
        return false
    }
}
