/// The identifiers the platform validates: which rule applies and how to name it to a user.
public enum IdentifierKind: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// 统一社会信用代码 (GB 32100-2015), rule PLT-10.
    case uscc
    /// 居民身份证号码 (GB 11643-1999), rule PLT-11.
    case idNumber

    /// The spec rule that validates this identifier.
    public var ruleID: String {
        switch self {
        case .uscc: "PLT-10"
        case .idNumber: "PLT-11"
        }
    }

    /// The identifier's name in Simplified Chinese, as used in messages.
    public var nameZH: String {
        switch self {
        case .uscc: "统一社会信用代码"
        case .idNumber: "身份证号码"
        }
    }

    /// Stable English code prefix (`uscc`, `id-number`).
    public var codePrefix: String {
        switch self {
        case .uscc: "uscc"
        case .idNumber: "id-number"
        }
    }
}

/// Why a USCC (PLT-10) or an ID number (PLT-11) was refused. Each case knows its rule, a stable
/// English code and a Chinese message a user can act on.
///
/// Positions are 1-based and count characters after normalisation (trimmed, full-width folded,
/// upper-cased), which is what the user sees.
public enum IdentifierError: Error, Sendable, Equatable, Hashable {
    /// Nothing but whitespace was given.
    case empty(IdentifierKind)
    /// Wrong number of characters.
    case length(IdentifierKind, expected: Int, actual: Int)
    /// A character not allowed at `position`.
    case character(IdentifierKind, position: Int, found: String)
    /// The last character (the check character) does not match the computed one.
    case checkCharacter(IdentifierKind, expected: String, found: String)
    /// PLT-10: characters 9–17 of a USCC are a 组织机构代码 whose own check (GB 11714, character 17)
    /// fails.
    case organisationCode(expected: String, found: String)
    /// PLT-11: characters 7–14 of an ID number are not a real date, or are after today.
    case birthDate

    /// Which identifier was refused.
    public var kind: IdentifierKind {
        switch self {
        case .empty(let kind), .length(let kind, _, _), .character(let kind, _, _), .checkCharacter(let kind, _, _):
            kind
        case .organisationCode:
            .uscc
        case .birthDate:
            .idNumber
        }
    }

    /// The spec rule that was broken: `PLT-10` for a USCC, `PLT-11` for an ID number.
    public var ruleID: String { kind.ruleID }

    /// Stable English code, e.g. `uscc.check-character`, `id-number.birth-date`.
    public var code: String {
        let reason = switch self {
        case .empty: "empty"
        case .length: "length"
        case .character: "character"
        case .checkCharacter: "check-character"
        case .organisationCode: "organisation-code"
        case .birthDate: "birth-date"
        }
        return kind.codePrefix + "." + reason
    }

    /// What is wrong, in Simplified Chinese, e.g. `统一社会信用代码应为18位，实际为17位`.
    public var messageZH: String {
        switch self {
        case .empty(let kind):
            return "\(kind.nameZH)不能为空"
        case .length(let kind, let expected, let actual):
            return "\(kind.nameZH)应为\(expected)位，实际为\(actual)位"
        case .character(.uscc, let position, let found):
            return "\(IdentifierKind.uscc.nameZH)第\(position)位“\(found)”不是允许的字符（只能是数字和除I、O、S、V、Z以外的大写字母）"
        case .character(.idNumber, let position, let found):
            let allowed = position == 18 ? "数字或X" : "数字"
            return "\(IdentifierKind.idNumber.nameZH)第\(position)位应为\(allowed)，实际为“\(found)”"
        case .checkCharacter(let kind, let expected, let found):
            return "\(kind.nameZH)第18位校验码应为\(expected)，实际为\(found)"
        case .organisationCode(let expected, let found):
            return "\(IdentifierKind.uscc.nameZH)第9至17位（组织机构代码）校验不通过：第17位应为\(expected)，实际为\(found)"
        case .birthDate:
            return "\(IdentifierKind.idNumber.nameZH)中的出生日期不是有效日期或晚于今天"
        }
    }
}

/// Shared normalisation for identifiers typed by people: trims whitespace (including the
/// ideographic space), folds full-width ASCII (`９１３５…`, `ｘ`) to half-width and upper-cases
/// ASCII letters. Works on Unicode scalars; returns the scalars it keeps.
enum IdentifierText {
    static func normalisedScalars(_ raw: String, kind: IdentifierKind, expectedLength: Int) throws(IdentifierError) -> [Unicode.Scalar] {
        let scalars = raw.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else {
            throw .empty(kind)
        }
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(expectedLength)
        for scalar in scalars[first...last] {
            result.append(fold(scalar))
        }
        guard result.count == expectedLength else {
            throw .length(kind, expected: expectedLength, actual: result.count)
        }
        return result
    }

    /// Full-width ASCII (U+FF01…U+FF5E) → ASCII, then a–z → A–Z.
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        var value = scalar.value
        if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
        if (0x61...0x7A).contains(value) { value -= 0x20 }
        return Unicode.Scalar(value) ?? scalar
    }
}
