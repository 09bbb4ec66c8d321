/// The 等保 level-3 settings (PLT-30…32), all configurable.
public struct SecurityPolicy: Sendable, Equatable {
    public var password: PasswordPolicy
    /// PLT-31: consecutive failures that lock an account.
    public var maxFailedLogins: Int
    /// PLT-31: how long a lock lasts.
    public var lockMinutes: Int
    /// PLT-32: idle time after which a session ends.
    public var idleMinutes: Int
    /// PLT-30: bcrypt cost (≥ 12 in production).
    public var bcryptCost: Int

    public init(password: PasswordPolicy = PasswordPolicy(), maxFailedLogins: Int = 5, lockMinutes: Int = 15, idleMinutes: Int = 30, bcryptCost: Int = 12) {
        self.password = password
        self.maxFailedLogins = maxFailedLogins
        self.lockMinutes = lockMinutes
        self.idleMinutes = idleMinutes
        self.bcryptCost = bcryptCost
    }
}

/// The outcome of a login attempt, decided from the account's state (PLT-31).
public enum LoginDecision: Sendable, Equatable {
    case success
    case wrongPassword(remaining: Int)
    /// Locked, by this attempt or an earlier one, until the instant (ms).
    case locked(until: Int64)
    case inactive

    public var messageZH: String {
        switch self {
        case .success: "登录成功"
        case .wrongPassword(let r): "用户名或密码错误，再失败\(r)次账号将被锁定"
        case .locked(let until): "连续登录失败次数过多，账号已锁定至 \(WallClock.beijingText(millis: until))（北京时间）"
        case .inactive: "用户名或密码错误"
        }
    }
}

public enum LoginRules {
    /// The one answer to every refused login — unknown name, wrong password, locked or disabled
    /// account — so the login page never tells which names exist (PLT-31). The audit trail keeps
    /// the real reason.
    public static func refusalZH(_ policy: SecurityPolicy) -> String {
        "用户名或密码错误。连续失败\(policy.maxFailedLogins)次后账号将锁定\(policy.lockMinutes)分钟；如已锁定，请稍后再试或联系管理员"
    }

    /// Decides a login attempt and the account's new failure count and lock (PLT-31). A locked
    /// account is refused even with the right password until the lock ends; the lock is counted from
    /// the fifth consecutive failure.
    public static func decide(failedLogins: Int, lockedUntil: Int64?, active: Bool, passwordMatches: Bool, now: Int64,
                              policy: SecurityPolicy) -> (decision: LoginDecision, failedLogins: Int, lockedUntil: Int64?) {
        guard active else { return (.inactive, failedLogins, lockedUntil) }
        if let until = lockedUntil, until > now { return (.locked(until: until), failedLogins, until) }
        // A lock that has run out starts a fresh count.
        let prior = (lockedUntil != nil) ? 0 : failedLogins
        if passwordMatches { return (.success, 0, nil) }
        let failed = prior + 1
        if failed >= policy.maxFailedLogins {
            let until = now + Int64(policy.lockMinutes) * 60_000
            return (.locked(until: until), failed, until)
        }
        return (.wrongPassword(remaining: policy.maxFailedLogins - failed), failed, nil)
    }

    /// PLT-32: a session idle longer than the policy's window has ended.
    public static func sessionExpired(lastSeen: Int64, now: Int64, policy: SecurityPolicy) -> Bool {
        now - lastSeen > Int64(policy.idleMinutes) * 60_000
    }

    /// PLT-30: the password must be changed (first login, or older than the maximum age).
    public static func passwordChangeDue(mustChange: Bool, changedAt: Int64, now: Int64, policy: SecurityPolicy) -> Bool {
        mustChange || now - changedAt > Int64(policy.password.maxAgeDays) * 86_400_000
    }
}
