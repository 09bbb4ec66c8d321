import Testing
@testable import FengqiaoCore

@Suite("Identifiers (PLT-10, PLT-11)")
struct IdentifierTests {
    // MARK: - PLT-10 USCC

    @Suite("PLT-10 USCC")
    struct USCCTests {
        static let valid = ["91350100M000100Y43", "914403001922038216", "9144030071526726XG", "11100000000013127D"]

        @Test("PLT-10 valid USCC vectors pass", arguments: valid)
        func validVectors(_ code: String) throws {
            let uscc = try USCC(code)
            #expect(uscc.value == code)
            #expect(uscc.description == code)
        }

        @Test("PLT-10 lower-case USCC is accepted and upper-cased", arguments: valid)
        func lowerCase(_ code: String) throws {
            #expect(try USCC(code.lowercased()).value == code)
        }

        @Test("PLT-10 full-width USCC and surrounding spaces are normalised", arguments: valid)
        func fullWidth(_ code: String) throws {
            // setup: ９１３５… with an ideographic space and a tab around it
            let wide = String(String.UnicodeScalarView(code.unicodeScalars.map { Unicode.Scalar($0.value + 0xFEE0)! }))
            // act / check
            #expect(try USCC("\u{3000}" + wide + "\t").value == code)
            #expect(try USCC(" " + wide.lowercased() + " ").value == code)
        }

        @Test("PLT-10 embedded organisation code is characters 9–17")
        func organisationCode() throws {
            #expect(try USCC("91350100M000100Y43").organisationCode == "M000100Y4")
            #expect(try USCC("9144030071526726XG").organisationCode == "71526726X")
            #expect(try USCC("914403001922038216").divisionCode == "440300")
        }

        @Test("PLT-10 spec invalid vector 91310000MA1FL0L41W is refused on its check character")
        func specInvalid() {
            #expect(throws: IdentifierError.checkCharacter(.uscc, expected: "F", found: "W")) {
                try USCC("91310000MA1FL0L41W")
            }
            #expect(!USCC.isValid("91310000MA1FL0L41W"))
        }

        @Test("PLT-10 a correct check character does not save a broken organisation code")
        func organisationCheck() {
            // 91310000MA1FL0L41F passes the USCC check, but MA1FL0L4's GB 11714 check is 3, not 1.
            #expect(throws: IdentifierError.organisationCode(expected: "3", found: "1")) {
                try USCC("91310000MA1FL0L41F")
            }
        }

        @Test("PLT-10 wrong check character is refused with the expected one")
        func wrongCheck() {
            #expect(throws: IdentifierError.checkCharacter(.uscc, expected: "3", found: "4")) {
                try USCC("91350100M000100Y44")
            }
            #expect(throws: IdentifierError.checkCharacter(.uscc, expected: "D", found: "E")) {
                try USCC("11100000000013127E")
            }
        }

        @Test("PLT-10 wrong length is refused", arguments: [("91350100M000100Y4", 17), ("91350100M000100Y433", 19), ("9", 1)])
        func wrongLength(_ code: String, _ length: Int) {
            #expect(throws: IdentifierError.length(.uscc, expected: 18, actual: length)) { try USCC(code) }
        }

        @Test("PLT-10 empty input is refused")
        func empty() {
            #expect(throws: IdentifierError.empty(.uscc)) { try USCC("") }
            #expect(throws: IdentifierError.empty(.uscc)) { try USCC(" \u{3000}\n") }
        }

        @Test("PLT-10 letters I, O, S, V, Z and other characters are refused", arguments: ["I", "O", "S", "V", "Z", "-", "中"])
        func badCharacter(_ bad: String) {
            // setup: replace character 5 of a valid code
            var characters = Array("91350100M000100Y43")
            characters[4] = Character(bad)
            let code = String(characters)
            // act / check
            #expect(throws: IdentifierError.character(.uscc, position: 5, found: bad)) { try USCC(code) }
        }

        @Test("PLT-10 lower-case i and o are refused after upper-casing")
        func lowerCaseForbidden() {
            #expect(throws: IdentifierError.character(.uscc, position: 9, found: "O")) { try USCC("91350100o000100Y43") }
        }

        @Test("PLT-10 errors carry the rule, a code and a Chinese message")
        func errorDetails() {
            let length = IdentifierError.length(.uscc, expected: 18, actual: 17)
            #expect(length.ruleID == "PLT-10")
            #expect(length.code == "uscc.length")
            #expect(length.messageZH == "统一社会信用代码应为18位，实际为17位")
            let check = IdentifierError.checkCharacter(.uscc, expected: "X", found: "3")
            #expect(check.messageZH == "统一社会信用代码第18位校验码应为X，实际为3")
            let organisation = IdentifierError.organisationCode(expected: "3", found: "1")
            #expect(organisation.ruleID == "PLT-10")
            #expect(organisation.code == "uscc.organisation-code")
            #expect(organisation.messageZH.contains("组织机构代码"))
            #expect(IdentifierError.character(.uscc, position: 5, found: "I").messageZH.contains("第5位“I”"))
        }
    }

    // MARK: - PLT-11 ID number

    @Suite("PLT-11 ID number")
    struct IDNumberTests {
        static let today = LocalDate(year: 2025, month: 9, day: 30)!

        @Test("PLT-11 valid ID number vectors pass", arguments: ["11010519491231002X", "440524188001010014"])
        func validVectors(_ number: String) throws {
            #expect(try IDNumber(number, today: Self.today).value == number)
        }

        @Test("PLT-11 birth date is characters 7–14")
        func birthDate() throws {
            #expect(try IDNumber("11010519491231002X", today: Self.today).birthDate == LocalDate(year: 1949, month: 12, day: 31))
            #expect(try IDNumber("440524188001010014", today: Self.today).birthDate == LocalDate(year: 1880, month: 1, day: 1))
        }

        @Test("PLT-11 lower-case x, full-width digits and spaces are normalised")
        func normalised() throws {
            #expect(try IDNumber("11010519491231002x", today: Self.today).value == "11010519491231002X")
            #expect(try IDNumber(" １１０１０５１９４９１２３１００２ｘ\u{3000}", today: Self.today).value == "11010519491231002X")
        }

        @Test("PLT-11 spec invalid vector 110101199003077777 is refused on its check digit")
        func specInvalid() {
            #expect(throws: IdentifierError.checkCharacter(.idNumber, expected: "4", found: "7")) {
                try IDNumber("110101199003077777", today: Self.today)
            }
        }

        @Test("PLT-11 a 30 February birth date is refused even with a correct check digit")
        func february30() {
            // 11010519900230001X: Σ mod 11 gives X, so only the date is wrong.
            #expect(throws: IdentifierError.birthDate) { try IDNumber("11010519900230001X", today: Self.today) }
        }

        @Test("PLT-11 29 February is a real date only in leap years")
        func leapDay() throws {
            #expect(try IDNumber("110105200002290013", today: Self.today).birthDate == LocalDate(year: 2000, month: 2, day: 29))
            #expect(throws: IdentifierError.birthDate) { try IDNumber("110105190002290017", today: Self.today) }
        }

        @Test("PLT-11 a birth date after today is refused; today itself is accepted")
        func future() throws {
            // 2025-10-01 is tomorrow; both numbers carry a correct check digit.
            #expect(throws: IdentifierError.birthDate) { try IDNumber("110105202510010013", today: Self.today) }
            #expect(try IDNumber("110105202509300013", today: Self.today).birthDate == Self.today)
            #expect(IDNumber.isValid("110105202510010013", today: LocalDate(year: 2025, month: 10, day: 1)!))
        }

        @Test("PLT-11 wrong length is refused (15-digit numbers included)")
        func wrongLength() {
            #expect(throws: IdentifierError.length(.idNumber, expected: 18, actual: 15)) {
                try IDNumber("110105491231002", today: Self.today)
            }
            #expect(throws: IdentifierError.empty(.idNumber)) { try IDNumber("  ", today: Self.today) }
        }

        @Test("PLT-11 non-digits are refused; X only as the 18th character")
        func badCharacter() {
            #expect(throws: IdentifierError.character(.idNumber, position: 17, found: "X")) {
                try IDNumber("1101051949123100X2", today: Self.today)
            }
            #expect(throws: IdentifierError.character(.idNumber, position: 1, found: "A")) {
                try IDNumber("A1010519491231002X", today: Self.today)
            }
            #expect(throws: IdentifierError.character(.idNumber, position: 18, found: "Y")) {
                try IDNumber("11010519491231002Y", today: Self.today)
            }
        }

        @Test("PLT-11 errors carry the rule, a code and a Chinese message")
        func errorDetails() {
            #expect(IdentifierError.birthDate.ruleID == "PLT-11")
            #expect(IdentifierError.birthDate.code == "id-number.birth-date")
            #expect(IdentifierError.birthDate.messageZH.contains("出生日期不是有效日期或晚于今天"))
            let check = IdentifierError.checkCharacter(.idNumber, expected: "X", found: "3")
            #expect(check.ruleID == "PLT-11")
            #expect(check.messageZH == "身份证号码第18位校验码应为X，实际为3")
            #expect(IdentifierError.length(.idNumber, expected: 18, actual: 15).messageZH == "身份证号码应为18位，实际为15位")
        }

        @Test("X-09 an ID number never prints in full")
        func descriptionIsMasked() throws {
            let id = try IDNumber("11010519491231002X", today: Self.today)
            #expect("\(id)" == "1101**********002X")
            #expect(id.masked == "1101**********002X")
        }
    }
}
