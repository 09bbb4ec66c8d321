import Testing
@testable import FengqiaoCore

@Suite("PLT-34 SM4")
struct SM4Tests {
    static let standardKey = Hex.decode("0123456789abcdeffedcba9876543210")!

    @Test("PLT-34 SM4 encrypts the GB/T 32907-2016 example")
    func example1() {
        let sm4 = SM4(key: Self.standardKey)
        #expect(Hex.encode(sm4.encryptBlock(Self.standardKey)) == "681edf34d206965e86b3e94f536e4246")
    }

    @Test("PLT-34 SM4 decrypts the GB/T 32907-2016 example")
    func example1Decrypt() {
        let sm4 = SM4(key: Self.standardKey)
        #expect(sm4.decryptBlock(Hex.decode("681edf34d206965e86b3e94f536e4246")!) == Self.standardKey)
    }

    @Test("PLT-34 SM4 encrypting 1,000,000 times matches the GB/T 32907-2016 example")
    func example2() {
        // setup
        let sm4 = SM4(key: Self.standardKey)
        var block = Self.standardKey
        // act
        for _ in 0..<1_000_000 { block = sm4.encryptBlock(block) }
        // check
        #expect(Hex.encode(block) == "595298c7c6fd271f0402f804c33d3f66")
    }

    @Test("PLT-34 SM4 S-box is a permutation")
    func sboxIsPermutation() {
        #expect(Set(SM4.sbox).count == 256)
    }
}

@Suite("PLT-34 SM4AEAD")
struct SM4AEADTests {
    static let key: [UInt8] = Array(0..<32)
    static let nonce: [UInt8] = Hex.decode("000102030405060708090a0b")!
    static let plaintext: [UInt8] = Array("Fengqiao 枫桥 personal data: 11010519491231002X".utf8)

    @Test("PLT-34 SM4AEAD matches SM4-CTR then HMAC-SM3 computed with OpenSSL")
    func referenceVector() {
        // Reference: OpenSSL SM4-CTR with IV nonce‖00000001, then HMAC-SM3(key[16..<32], nonce‖ciphertext).
        let sealed = SM4AEAD.seal(Self.plaintext, key: Self.key, nonce: Self.nonce)
        #expect(Hex.encode(sealed) == "10a123598ea8356b76456472df60d076e723ac88a604e46cdff81539b081d95710a730fb04382cc3ced9f07f33eebee3d33eee8a3339dd507907930c8ba9151a390fa43f1117b484e6c415428d9d8b8b23")
    }

    @Test("PLT-34 SM4AEAD round trip for lengths around the block size", arguments: [0, 1, 15, 16, 17, 31, 32, 33, 100, 1000])
    func roundTrip(_ length: Int) throws {
        // setup
        let plaintext = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        // act
        let sealed = SM4AEAD.seal(plaintext, key: Self.key, nonce: Self.nonce)
        // check
        #expect(sealed.count == length + SM4AEAD.tagSize)
        if length >= 16 { #expect(Array(sealed.prefix(length)) != plaintext) }
        #expect(try SM4AEAD.open(sealed, key: Self.key, nonce: Self.nonce) == plaintext)
    }

    @Test("PLT-34 SM4AEAD refuses a value with any single byte altered")
    func tamper() {
        let sealed = SM4AEAD.seal(Self.plaintext, key: Self.key, nonce: Self.nonce)
        for index in sealed.indices {
            var altered = sealed
            altered[index] ^= 0x01
            #expect(throws: SM4AEADError.authenticationFailed) {
                try SM4AEAD.open(altered, key: Self.key, nonce: Self.nonce)
            }
        }
    }

    @Test("PLT-34 SM4AEAD refuses truncated or extended values")
    func truncated() {
        let sealed = SM4AEAD.seal(Self.plaintext, key: Self.key, nonce: Self.nonce)
        #expect(throws: SM4AEADError.authenticationFailed) {
            try SM4AEAD.open(Array(sealed.dropLast()), key: Self.key, nonce: Self.nonce)
        }
        #expect(throws: SM4AEADError.authenticationFailed) {
            try SM4AEAD.open(sealed + [0], key: Self.key, nonce: Self.nonce)
        }
        #expect(throws: SM4AEADError.truncated) {
            try SM4AEAD.open(Array(sealed.prefix(31)), key: Self.key, nonce: Self.nonce)
        }
    }

    @Test("PLT-34 SM4AEAD refuses a wrong key, a wrong MAC half or a wrong nonce")
    func wrongKey() {
        let sealed = SM4AEAD.seal(Self.plaintext, key: Self.key, nonce: Self.nonce)
        let otherKey: [UInt8] = Array(100..<132)
        var wrongMACHalf = Self.key
        wrongMACHalf[31] ^= 0x80
        var wrongNonce = Self.nonce
        wrongNonce[11] ^= 0x01
        #expect(throws: SM4AEADError.authenticationFailed) { try SM4AEAD.open(sealed, key: otherKey, nonce: Self.nonce) }
        #expect(throws: SM4AEADError.authenticationFailed) { try SM4AEAD.open(sealed, key: wrongMACHalf, nonce: Self.nonce) }
        #expect(throws: SM4AEADError.authenticationFailed) { try SM4AEAD.open(sealed, key: Self.key, nonce: wrongNonce) }
    }

    @Test("PLT-34 SM4AEAD with different nonces gives different ciphertexts")
    func nonceMatters() {
        var other = Self.nonce
        other[0] = 0xFF
        #expect(SM4AEAD.seal(Self.plaintext, key: Self.key, nonce: Self.nonce) != SM4AEAD.seal(Self.plaintext, key: Self.key, nonce: other))
    }

    @Test("PLT-34 constant-time comparison")
    func constantTime() {
        #expect(SM4AEAD.constantTimeEqual([1, 2, 3], [1, 2, 3][...]))
        #expect(!SM4AEAD.constantTimeEqual([1, 2, 3], [1, 2, 4][...]))
        #expect(!SM4AEAD.constantTimeEqual([1, 2, 3], [1, 2][...]))
    }
}
