import Testing
@testable import FengqiaoCore

@Suite("PLT-30 Password policy")
struct PasswordPolicyTests {
    let policy = PasswordPolicy()

    @Test("PLT-30 defaults are 8 characters, 3 of 4 classes, 90 days")
    func defaults() {
        #expect(policy.minLength == 8)
        #expect(policy.minClasses == 3)
        #expect(policy.maxAgeDays == 90)
        #expect(PasswordPolicy.standard == policy)
    }

    @Test("PLT-30 acceptable passwords have no violations", arguments: ["Abcdef12", "abcdef1!", "ABCDEF1!", "Abcdefg!", "枫桥Abc123", "Zq9 wx7 t"])
    func acceptable(_ password: String) {
        #expect(policy.violations(password, login: "zhangsan").isEmpty)
    }

    @Test("PLT-30 seven characters is too short, eight is enough")
    func length() {
        #expect(policy.violations("Abcde1!", login: "zhangsan") == [.tooShort(min: 8)])
        #expect(policy.violations("Abcde1!x", login: "zhangsan").isEmpty)
    }

    @Test("PLT-30 two classes are too few", arguments: ["abcdefgh12", "ABCDEFGH12", "abcdEFGH", "12345678!!", "abcdefgh!!"])
    func twoClasses(_ password: String) {
        #expect(policy.violations(password, login: "zhangsan") == [.tooFewClasses(min: 3)])
    }

    @Test("PLT-30 a short one-class password breaks both rules")
    func both() {
        #expect(policy.violations("abc", login: "zhangsan") == [.tooShort(min: 8), .tooFewClasses(min: 3)])
    }

    @Test("PLT-30 the login name may not appear in the password, whatever the case")
    func containsLogin() {
        #expect(policy.violations("ZhangSan#2025", login: "zhangsan") == [.containsLogin])
        #expect(policy.violations("x1!Admin99", login: "ADMIN") == [.containsLogin])
        #expect(policy.violations("Li#2025abc", login: "li").isEmpty)
    }

    @Test("PLT-30 a configured policy is applied")
    func configured() {
        let strict = PasswordPolicy(minLength: 12, minClasses: 4, maxAgeDays: 30)
        #expect(strict.violations("Abcdef12", login: "zhangsan") == [.tooShort(min: 12), .tooFewClasses(min: 4)])
        #expect(strict.violations("Abcdef12!xyz", login: "zhangsan").isEmpty)
    }

    @Test("PLT-30 passwords expire once older than 90 days")
    func expiry() {
        let changed = LocalDate(year: 2025, month: 7, day: 1)!
        #expect(!policy.isExpired(changedOn: changed, today: changed.adding(days: 90)))
        #expect(policy.isExpired(changedOn: changed, today: changed.adding(days: 91)))
        #expect(!PasswordPolicy(maxAgeDays: 0).isExpired(changedOn: changed, today: changed.adding(days: 1000)))
    }

    @Test("PLT-30 violations carry the rule, a code and a Chinese message")
    func messages() {
        #expect(PasswordViolation.tooShort(min: 8).messageZH == "密码至少需要8个字符")
        #expect(PasswordViolation.tooFewClasses(min: 3).messageZH.contains("3类"))
        #expect(PasswordViolation.containsLogin.messageZH == "密码不能包含登录名")
        #expect(PasswordViolation.containsLogin.ruleID == "PLT-30")
        #expect(PasswordViolation.tooShort(min: 8).code == "password.too-short")
    }
}
