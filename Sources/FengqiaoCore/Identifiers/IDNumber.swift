/// A validated 18-digit 居民身份证号码 (GB 11643-1999), rule PLT-11.
///
/// `value` is the normalised form (half-width, check character `X` upper case). The number is
/// personal data: `description` is masked, so string interpolation and logs never show the
/// whole number; read `value` explicitly where it is needed (storage, encryption).
public struct IDNumber: Hashable, Sendable, CustomStringConvertible {
    /// The normalised 18-character number.
    public let value: String

    /// PLT-11 weights for characters 1–17.
    static let weights: [Int] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

    /// PLT-11: check character for Σ mod 11.
    static let checkCharacters: [UInt8] = Array("10X98765432".utf8)

    /// Validates and normalises `raw` (PLT-11).
    ///
    /// Trims whitespace, folds full-width characters and accepts a lower-case `x`; then checks the
    /// length, that characters 1–17 are digits and character 18 a digit or X, the check
    /// character, and that characters 7–14 are a real date not after `today`, throwing the first
    /// failure.
    public init(_ raw: String, today: LocalDate) throws(IdentifierError) {
        let scalars = try IdentifierText.normalisedScalars(raw, kind: .idNumber, expectedLength: 18)

        var bytes: [UInt8] = []
        bytes.reserveCapacity(18)
        var sum = 0
        for (index, scalar) in scalars.enumerated() {
            let isDigit = ("0"..."9").contains(scalar)
            // PLT-11: 17 digits, then a digit or X.
            guard isDigit || (index == 17 && scalar == "X") else {
                throw .character(.idNumber, position: index + 1, found: String(scalar))
            }
            if index < 17 { sum += Int(scalar.value - 0x30) * IDNumber.weights[index] }
            bytes.append(UInt8(scalar.value))
        }

        // PLT-11: check = "10X98765432"[Σ mod 11].
        let expected = IDNumber.checkCharacters[sum % 11]
        guard bytes[17] == expected else {
            throw .checkCharacter(.idNumber, expected: String(UnicodeScalar(expected)), found: String(UnicodeScalar(bytes[17])))
        }

        // PLT-11: the birth date is a real date, not in the future.
        guard let birth = IDNumber.birthDate(in: bytes), birth <= today else {
            throw .birthDate
        }

        value = String(decoding: bytes, as: UTF8.self)
    }

    /// The date of birth, characters 7–14 (`YYYYMMDD`).
    public var birthDate: LocalDate {
        // Validated in init, so the date is always real.
        IDNumber.birthDate(in: Array(value.utf8))!
    }

    /// Character 17 (顺序码 last digit): odd for men, even for women.
    public var isMale: Bool {
        let digit = value.utf8[value.utf8.index(value.utf8.startIndex, offsetBy: 16)]
        return (digit - UInt8(ascii: "0")) % 2 == 1
    }

    /// `1101**********002X`: safe for lists, exports and logs.
    public var masked: String { Masking.idNumber(value) }

    /// The masked number, never the full value.
    public var description: String { masked }

    /// Whether `raw` is a valid ID number on `today` (PLT-11), without the reason.
    public static func isValid(_ raw: String, today: LocalDate) -> Bool {
        (try? IDNumber(raw, today: today)) != nil
    }

    private static func birthDate(in bytes: [UInt8]) -> LocalDate? {
        func number(_ range: Range<Int>) -> Int {
            bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        return LocalDate(year: number(6..<10), month: number(10..<12), day: number(12..<14))
    }
}
