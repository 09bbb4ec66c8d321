/// One field at fault in a request: the field's name as the client sent it, the rule broken and a
/// Chinese message a user can act on (X-06, PLT-51).
public struct FieldError: Sendable, Equatable, Codable {
    public let field: String
    public let rule: String
    public let code: String
    public let messageZH: String

    public init(field: String, rule: String, code: String, messageZH: String) {
        self.field = field
        self.rule = rule
        self.code = code
        self.messageZH = messageZH
    }
}

/// What the domain refuses, with everything needed to act on it. Mapped to HTTP in one middleware
/// (problem+json for `/api`, an HTML page for the web).
public struct DomainError: Error, Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case invalid          // 422: the client's input breaks a rule
        case notFound         // 404: absent or outside the user's scope
        case conflict         // 409: stale version, duplicate
        case forbidden        // 403: lacks the permission
        case unauthenticated  // 401
        case locked           // 423: account locked (PLT-31)
        case tooLarge         // 413
        case busy             // 503: the server is out of database connections for now; retry shortly
    }

    public let kind: Kind
    /// Stable, English, dotted: `party.uscc.invalid`, `version.stale`.
    public let code: String
    public let messageZH: String
    public let ruleID: String?
    public let fields: [FieldError]

    public init(_ kind: Kind, code: String, messageZH: String, ruleID: String? = nil, fields: [FieldError] = []) {
        self.kind = kind
        self.code = code
        self.messageZH = messageZH
        self.ruleID = ruleID
        self.fields = fields
    }

    public static func invalid(_ fields: [FieldError]) -> DomainError {
        DomainError(.invalid, code: "validation.failed",
                    messageZH: "提交的内容有误：" + fields.map(\.messageZH).joined(separator: "；"),
                    ruleID: fields.first?.rule, fields: fields)
    }

    public static let notFound = DomainError(.notFound, code: "not-found", messageZH: "未找到该记录，或您无权查看", ruleID: "X-05")

    public static func forbidden(_ permission: String) -> DomainError {
        DomainError(.forbidden, code: "permission.denied", messageZH: "您没有执行此操作的权限（\(permission)）", ruleID: "PLT-03")
    }

    public static func staleVersion(current: Int) -> DomainError {
        DomainError(.conflict, code: "version.stale",
                    messageZH: "该记录已被他人修改（当前版本 \(current)），请刷新后重试", ruleID: "PLT-53")
    }
}
