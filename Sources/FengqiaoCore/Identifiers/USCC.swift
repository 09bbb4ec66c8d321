/// A validated 统一社会信用代码 (unified social credit code, GB 32100-2015), rule PLT-10.
///
/// `value` is the normalised form: 18 characters, upper case, half-width. Two codes typed
/// differently (`９１３５…`, lower case, surrounding spaces) are equal once validated.
public struct USCC: Hashable, Sendable, CustomStringConvertible {
    /// The normalised 18-character code.
    public let value: String

    /// The 31 characters a USCC may use, in value order (no I, O, S, V, Z).
    public static let alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

    /// PLT-10 weights for characters 1–17.
    static let weights: [Int] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// GB 11714 weights for the 8 body characters of the embedded organisation code.
    static let organisationWeights: [Int] = [3, 7, 9, 10, 5, 8, 4, 2]

    /// ASCII code → value in `alphabet`, or -1.
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (index, byte) in alphabet.utf8.enumerated() { table[Int(byte)] = Int8(index) }
        return table
    }()

    /// Validates and normalises `raw` (PLT-10).
    ///
    /// Trims whitespace, folds full-width characters and upper-cases first; then checks the
    /// length, the alphabet, the check character (character 18) and the embedded GB 11714
    /// organisation code (characters 9–17), in that order, throwing the first failure.
    public init(_ raw: String) throws(IdentifierError) {
        let scalars = try IdentifierText.normalisedScalars(raw, kind: .uscc, expectedLength: 18)

        // PLT-10: 18 characters from 0123456789ABCDEFGHJKLMNPQRTUWXY.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(18)
        var sum = 0
        for (index, scalar) in scalars.enumerated() {
            guard scalar.isASCII, case let v = USCC.values[Int(scalar.value)], v >= 0 else {
                throw .character(.uscc, position: index + 1, found: String(scalar))
            }
            if index < 17 { sum += Int(v) * USCC.weights[index] }
            bytes.append(UInt8(scalar.value))
        }

        // PLT-10: check = (31 − Σ mod 31) mod 31.
        let expected = USCC.character(forValue: (31 - sum % 31) % 31)
        guard bytes[17] == expected else {
            throw .checkCharacter(.uscc, expected: String(UnicodeScalar(expected)), found: String(UnicodeScalar(bytes[17])))
        }

        // PLT-10 / GB 11714: characters 9–17 are an organisation code with its own check.
        var orgSum = 0
        for offset in 0..<8 {
            orgSum += USCC.organisationValue(bytes[8 + offset]) * USCC.organisationWeights[offset]
        }
        let orgExpected = USCC.organisationCheck(sum: orgSum)
        guard bytes[16] == orgExpected else {
            throw .organisationCode(expected: String(UnicodeScalar(orgExpected)), found: String(UnicodeScalar(bytes[16])))
        }

        value = String(decoding: bytes, as: UTF8.self)
    }

    /// Characters 9–17: the embedded 组织机构代码 (GB 11714), check character included.
    public var organisationCode: String {
        String(value.dropFirst(8).prefix(9))
    }

    /// Character 1: 登记管理部门代码 (e.g. `9` 工商, `5` 民政, `1` 机构编制).
    public var registrationAuthority: Character { value.first! }

    /// Characters 3–8: the 行政区划代码 of the registering authority.
    public var divisionCode: String {
        String(value.dropFirst(2).prefix(6))
    }

    public var description: String { value }

    /// Whether `raw` is a valid USCC (PLT-10), without the reason.
    public static func isValid(_ raw: String) -> Bool {
        (try? USCC(raw)) != nil
    }

    // MARK: - Check characters

    private static func character(forValue value: Int) -> UInt8 {
        alphabet.utf8[alphabet.utf8.index(alphabet.utf8.startIndex, offsetBy: value)]
    }

    /// GB 11714: digits are their value, letters A=10 … Z=35.
    private static func organisationValue(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        default: Int(byte - UInt8(ascii: "A")) + 10
        }
    }

    /// GB 11714: check = 11 − Σ mod 11; 10 → X, 11 → 0.
    private static func organisationCheck(sum: Int) -> UInt8 {
        switch 11 - sum % 11 {
        case 10: UInt8(ascii: "X")
        case 11: UInt8(ascii: "0")
        case let digit: UInt8(ascii: "0") + UInt8(digit)
        }
    }
}
