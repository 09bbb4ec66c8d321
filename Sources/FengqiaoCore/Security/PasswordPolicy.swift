/// The password rules of PLT-30 (等级保护 level 3), configurable per deployment: a minimum
/// length, a minimum number of character classes, no login name inside, and a maximum age.
public struct PasswordPolicy: Sendable, Equatable, Hashable, Codable {
    /// Fewest characters a password may have (PLT-30: 8).
    public var minLength = 8
    /// Fewest of the four classes — lower case, upper case, digit, other — a password must mix
    /// (PLT-30: 3).
    public var minClasses = 3
    /// Days after which a password must be changed (PLT-30: 90); 0 or less never expires.
    public var maxAgeDays = 90

    /// The PLT-30 defaults unless overridden.
    public init(minLength: Int = 8, minClasses: Int = 3, maxAgeDays: Int = 90) {
        self.minLength = minLength
        self.minClasses = minClasses
        self.maxAgeDays = maxAgeDays
    }

    /// The PLT-30 defaults: 8 characters, 3 of 4 classes, 90 days.
    public static let standard = PasswordPolicy()

    /// The four character classes of PLT-30.
    public enum CharacterClass: String, Sendable, CaseIterable {
        case lower, upper, digit, other

        /// ASCII a–z, A–Z and 0–9 are letters and digits; everything else (punctuation, spaces,
        /// Chinese characters, accented letters) counts as `other`.
        public init(_ character: Character) {
            switch character {
            case "a"..."z": self = .lower
            case "A"..."Z": self = .upper
            case "0"..."9": self = .digit
            default: self = .other
            }
        }
    }

    /// The classes present in `password`.
    public static func classes(in password: String) -> Set<CharacterClass> {
        var found = Set<CharacterClass>()
        for character in password {
            found.insert(CharacterClass(character))
            if found.count == CharacterClass.allCases.count { break }
        }
        return found
    }

    /// Every rule `password` breaks for the user `login`, in a stable order; empty when it is
    /// acceptable (PLT-30). Length counts characters as users see them.
    ///
    /// The login check is case-insensitive and applies to logins of 3 characters or more (a
    /// shorter login would forbid too many ordinary passwords).
    public func violations(_ password: String, login: String) -> [PasswordViolation] {
        var result: [PasswordViolation] = []
        // PLT-30: at least 8 characters.
        if password.count < minLength {
            result.append(.tooShort(min: minLength))
        }
        // PLT-30: 3 of 4 character classes.
        if PasswordPolicy.classes(in: password).count < minClasses {
            result.append(.tooFewClasses(min: minClasses))
        }
        let trimmedLogin = login.filter { !$0.isWhitespace }
        if trimmedLogin.count >= 3, password.lowercased().contains(trimmedLogin.lowercased()) {
            result.append(.containsLogin)
        }
        return result
    }

    /// Whether a password last changed on `changedOn` must be changed on `today` (PLT-30: when
    /// it is older than `maxAgeDays` days, as `LoginRules.passwordChangeDue` counts).
    public func isExpired(changedOn: LocalDate, today: LocalDate) -> Bool {
        guard maxAgeDays > 0 else { return false }
        return today.ordinal - changedOn.ordinal > maxAgeDays
    }
}

/// A rule of PLT-30 that a password breaks.
public enum PasswordViolation: Sendable, Equatable, Hashable {
    /// Fewer than `min` characters.
    case tooShort(min: Int)
    /// Mixes fewer than `min` of lower case, upper case, digits and other characters.
    case tooFewClasses(min: Int)
    /// Contains the login name.
    case containsLogin

    /// The spec rule broken.
    public var ruleID: String { "PLT-30" }

    /// Stable English code, e.g. `password.too-short`.
    public var code: String {
        switch self {
        case .tooShort: "password.too-short"
        case .tooFewClasses: "password.too-few-classes"
        case .containsLogin: "password.contains-login"
        }
    }

    /// What is wrong, in Simplified Chinese.
    public var messageZH: String {
        switch self {
        case .tooShort(let min):
            "密码至少需要\(min)个字符"
        case .tooFewClasses(let min):
            "密码须至少包含小写字母、大写字母、数字、其他符号中的\(min)类"
        case .containsLogin:
            "密码不能包含登录名"
        }
    }
}
