/// SM4 block cipher (GB/T 32907-2016): 128-bit key, 128-bit block, 32 rounds. The national
/// cryptography option for encrypting personal data at rest (PLT-34); use it through `SM4AEAD`,
/// never block by block.
public struct SM4: Sendable {
    /// Block size in bytes.
    public static let blockSize = 16
    /// Key size in bytes.
    public static let keySize = 16

    private let encryptionKeys: [UInt32]
    /// Decryption is encryption with the round keys in reverse order.
    private let decryptionKeys: [UInt32]

    /// Expands a 16-byte key. Any other length is a programming error.
    public init(key: [UInt8]) {
        precondition(key.count == SM4.keySize, "SM4 needs a 16-byte key, got \(key.count)")
        var k = [UInt32](repeating: 0, count: 4)
        for i in 0..<4 { k[i] = SM4.word(key, at: 4 * i) ^ SM4.fk[i] }
        var keys = [UInt32](repeating: 0, count: 32)
        for i in 0..<32 {
            let next = k[i & 3] ^ SM4.keyTransform(k[(i + 1) & 3] ^ k[(i + 2) & 3] ^ k[(i + 3) & 3] ^ SM4.ck[i])
            k[i & 3] = next
            keys[i] = next
        }
        encryptionKeys = keys
        decryptionKeys = keys.reversed()
    }

    /// Encrypts one 16-byte block.
    public func encryptBlock(_ block: [UInt8]) -> [UInt8] {
        crypt(block, keys: encryptionKeys)
    }

    /// Decrypts one 16-byte block.
    public func decryptBlock(_ block: [UInt8]) -> [UInt8] {
        crypt(block, keys: decryptionKeys)
    }

    /// Encrypts the block given as four big-endian words (used by the CTR mode).
    func encryptWords(_ x0: UInt32, _ x1: UInt32, _ x2: UInt32, _ x3: UInt32) -> (UInt32, UInt32, UInt32, UInt32) {
        SM4.rounds(x0, x1, x2, x3, keys: encryptionKeys)
    }

    private func crypt(_ block: [UInt8], keys: [UInt32]) -> [UInt8] {
        precondition(block.count == SM4.blockSize, "SM4 blocks are 16 bytes, got \(block.count)")
        let (y0, y1, y2, y3) = SM4.rounds(
            SM4.word(block, at: 0), SM4.word(block, at: 4), SM4.word(block, at: 8), SM4.word(block, at: 12), keys: keys)
        var out: [UInt8] = []
        out.reserveCapacity(16)
        SM4.append(y0, to: &out)
        SM4.append(y1, to: &out)
        SM4.append(y2, to: &out)
        SM4.append(y3, to: &out)
        return out
    }

    /// The 32 rounds X_{i+4} = X_i ⊕ T(X_{i+1} ⊕ X_{i+2} ⊕ X_{i+3} ⊕ rk_i), then the reverse R.
    private static func rounds(
        _ x0: UInt32, _ x1: UInt32, _ x2: UInt32, _ x3: UInt32, keys: [UInt32]
    ) -> (UInt32, UInt32, UInt32, UInt32) {
        var a = x0, b = x1, c = x2, d = x3
        keys.withUnsafeBufferPointer { rk in
            roundTable.withUnsafeBufferPointer { t in
                // T(x) = L(τ(x)), looked up byte by byte: L is linear, so it distributes over ⊕.
                @inline(__always) func mix(_ x: UInt32) -> UInt32 {
                    t[Int(x >> 24)] ^ t[256 | Int((x >> 16) & 0xFF)] ^ t[512 | Int((x >> 8) & 0xFF)] ^ t[768 | Int(x & 0xFF)]
                }
                var i = 0
                while i < 32 {
                    a ^= mix(b ^ c ^ d ^ rk[i])
                    b ^= mix(c ^ d ^ a ^ rk[i + 1])
                    c ^= mix(d ^ a ^ b ^ rk[i + 2])
                    d ^= mix(a ^ b ^ c ^ rk[i + 3])
                    i += 4
                }
            }
        }
        return (d, c, b, a)
    }

    /// L(S(byte) placed at byte position p) for p = 0…3, 256 entries each: the round function T
    /// as four table lookups.
    private static let roundTable: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 1024)
        for position in 0..<4 {
            for byte in 0..<256 {
                let shifted = UInt32(sbox[byte]) << UInt32(24 - 8 * position)
                table[position * 256 + byte] = linear(shifted)
            }
        }
        return table
    }()

    // MARK: - Transforms

    @inline(__always) static func word(_ bytes: [UInt8], at i: Int) -> UInt32 {
        UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
    }

    @inline(__always) static func append(_ word: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: word >> 24))
        out.append(UInt8(truncatingIfNeeded: word >> 16))
        out.append(UInt8(truncatingIfNeeded: word >> 8))
        out.append(UInt8(truncatingIfNeeded: word))
    }

    /// τ: the S-box on each byte.
    private static func tau(_ x: UInt32) -> UInt32 {
        sbox.withUnsafeBufferPointer { s in
            UInt32(s[Int(x >> 24)]) << 24 | UInt32(s[Int((x >> 16) & 0xFF)]) << 16
                | UInt32(s[Int((x >> 8) & 0xFF)]) << 8 | UInt32(s[Int(x & 0xFF)])
        }
    }

    /// L, the round function's linear transform (T = L ∘ τ).
    private static func linear(_ b: UInt32) -> UInt32 {
        b ^ b.rotatedLeft(by: 2) ^ b.rotatedLeft(by: 10) ^ b.rotatedLeft(by: 18) ^ b.rotatedLeft(by: 24)
    }

    /// T' = L' ∘ τ, for the key schedule.
    private static func keyTransform(_ x: UInt32) -> UInt32 {
        let b = tau(x)
        return b ^ b.rotatedLeft(by: 13) ^ b.rotatedLeft(by: 23)
    }

    private static let fk: [UInt32] = [0xA3B1_BAC6, 0x56AA_3350, 0x677D_9197, 0xB270_22DC]

    /// CK_i: byte j of CK_i is (4i + j) × 7 mod 256.
    private static let ck: [UInt32] = (0..<32).map { (i: Int) -> UInt32 in
        var word: UInt32 = 0
        for j in 0..<4 {
            let byte = UInt32(((4 * i + j) * 7) % 256)
            word = word << 8 | byte
        }
        return word
    }

    static let sbox: [UInt8] = [
        0xD6, 0x90, 0xE9, 0xFE, 0xCC, 0xE1, 0x3D, 0xB7, 0x16, 0xB6, 0x14, 0xC2, 0x28, 0xFB, 0x2C, 0x05,
        0x2B, 0x67, 0x9A, 0x76, 0x2A, 0xBE, 0x04, 0xC3, 0xAA, 0x44, 0x13, 0x26, 0x49, 0x86, 0x06, 0x99,
        0x9C, 0x42, 0x50, 0xF4, 0x91, 0xEF, 0x98, 0x7A, 0x33, 0x54, 0x0B, 0x43, 0xED, 0xCF, 0xAC, 0x62,
        0xE4, 0xB3, 0x1C, 0xA9, 0xC9, 0x08, 0xE8, 0x95, 0x80, 0xDF, 0x94, 0xFA, 0x75, 0x8F, 0x3F, 0xA6,
        0x47, 0x07, 0xA7, 0xFC, 0xF3, 0x73, 0x17, 0xBA, 0x83, 0x59, 0x3C, 0x19, 0xE6, 0x85, 0x4F, 0xA8,
        0x68, 0x6B, 0x81, 0xB2, 0x71, 0x64, 0xDA, 0x8B, 0xF8, 0xEB, 0x0F, 0x4B, 0x70, 0x56, 0x9D, 0x35,
        0x1E, 0x24, 0x0E, 0x5E, 0x63, 0x58, 0xD1, 0xA2, 0x25, 0x22, 0x7C, 0x3B, 0x01, 0x21, 0x78, 0x87,
        0xD4, 0x00, 0x46, 0x57, 0x9F, 0xD3, 0x27, 0x52, 0x4C, 0x36, 0x02, 0xE7, 0xA0, 0xC4, 0xC8, 0x9E,
        0xEA, 0xBF, 0x8A, 0xD2, 0x40, 0xC7, 0x38, 0xB5, 0xA3, 0xF7, 0xF2, 0xCE, 0xF9, 0x61, 0x15, 0xA1,
        0xE0, 0xAE, 0x5D, 0xA4, 0x9B, 0x34, 0x1A, 0x55, 0xAD, 0x93, 0x32, 0x30, 0xF5, 0x8C, 0xB1, 0xE3,
        0x1D, 0xF6, 0xE2, 0x2E, 0x82, 0x66, 0xCA, 0x60, 0xC0, 0x29, 0x23, 0xAB, 0x0D, 0x53, 0x4E, 0x6F,
        0xD5, 0xDB, 0x37, 0x45, 0xDE, 0xFD, 0x8E, 0x2F, 0x03, 0xFF, 0x6A, 0x72, 0x6D, 0x6C, 0x5B, 0x51,
        0x8D, 0x1B, 0xAF, 0x92, 0xBB, 0xDD, 0xBC, 0x7F, 0x11, 0xD9, 0x5C, 0x41, 0x1F, 0x10, 0x5A, 0xD8,
        0x0A, 0xC1, 0x31, 0x88, 0xA5, 0xCD, 0x7B, 0xBD, 0x2D, 0x74, 0xD0, 0x12, 0xB8, 0xE5, 0xB4, 0xB0,
        0x89, 0x69, 0x97, 0x4A, 0x0C, 0x96, 0x77, 0x7E, 0x65, 0xB9, 0xF1, 0x09, 0xC5, 0x6E, 0xC6, 0x84,
        0x18, 0xF0, 0x7D, 0xEC, 0x3A, 0xDC, 0x4D, 0x20, 0x79, 0xEE, 0x5F, 0x3E, 0xD7, 0xCB, 0x39, 0x48,
    ]
}

/// Why `SM4AEAD.open` refused a sealed value.
public enum SM4AEADError: Error, Sendable, Equatable {
    /// Shorter than a tag: cannot be a sealed value.
    case truncated
    /// The tag does not match: wrong key or nonce, or the data was altered (PLT-34).
    case authenticationFailed
}

/// Authenticated encryption with SM4 (PLT-34, the national-cryptography option): SM4-CTR, then
/// HMAC-SM3 over `nonce ‖ ciphertext` (encrypt-then-MAC).
///
/// - Key: 32 bytes, the first 16 for SM4, the last 16 for HMAC-SM3.
/// - Nonce: 12 bytes, never reused with the same key (a random nonce per value is fine up to
///   about 2³² values per key).
/// - Counter block: `nonce ‖ counter` with a 32-bit big-endian counter starting at 1.
/// - Output: `ciphertext ‖ tag`, the tag being the full 32-byte HMAC.
///
/// The two key halves are independent, so the tag proves the MAC half only: a key whose MAC half
/// is right but whose encryption half is wrong opens to garbage instead of failing. Keys are
/// generated and rotated whole (32 random bytes), so this does not arise in practice.
public enum SM4AEAD {
    /// Key size in bytes (16 encryption + 16 MAC).
    public static let keySize = 32
    /// Nonce size in bytes.
    public static let nonceSize = 12
    /// Tag size in bytes.
    public static let tagSize = 32

    /// Encrypts and authenticates `plaintext`; returns `ciphertext ‖ 32-byte tag`.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], nonce: [UInt8]) -> [UInt8] {
        let (cipher, macKey) = keys(key, nonce: nonce)
        var sealed = ctr(plaintext, cipher: cipher, nonce: nonce)
        sealed.append(contentsOf: tag(macKey: macKey, nonce: nonce, ciphertext: sealed[...]))
        return sealed
    }

    /// Verifies the tag (in constant time) and decrypts. Throws, revealing nothing of the
    /// plaintext, when the value was altered or the key or nonce is wrong (PLT-34).
    public static func open(_ sealed: [UInt8], key: [UInt8], nonce: [UInt8]) throws(SM4AEADError) -> [UInt8] {
        let (cipher, macKey) = keys(key, nonce: nonce)
        guard sealed.count >= tagSize else { throw .truncated }
        let ciphertext = sealed[..<(sealed.count - tagSize)]
        let expected = tag(macKey: macKey, nonce: nonce, ciphertext: ciphertext)
        guard constantTimeEqual(expected, sealed[(sealed.count - tagSize)...]) else {
            throw .authenticationFailed
        }
        return ctr(Array(ciphertext), cipher: cipher, nonce: nonce)
    }

    private static func keys(_ key: [UInt8], nonce: [UInt8]) -> (SM4, [UInt8]) {
        precondition(key.count == keySize, "SM4AEAD needs a 32-byte key, got \(key.count)")
        precondition(nonce.count == nonceSize, "SM4AEAD needs a 12-byte nonce, got \(nonce.count)")
        return (SM4(key: Array(key[0..<16])), Array(key[16..<32]))
    }

    private static func tag(macKey: [UInt8], nonce: [UInt8], ciphertext: ArraySlice<UInt8>) -> [UInt8] {
        var hmac = SM3HMAC(key: macKey)
        hmac.update(nonce)
        hmac.update(ciphertext)
        return hmac.finalize()
    }

    /// SM4-CTR: XOR with E(nonce ‖ counter), counter from 1. Encryption and decryption are the same.
    private static func ctr(_ input: [UInt8], cipher: SM4, nonce: [UInt8]) -> [UInt8] {
        let blocks = (input.count + 15) / 16
        precondition(blocks < Int(UInt32.max), "SM4AEAD: message too long for a 32-bit counter")
        let n0 = SM4.word(nonce, at: 0), n1 = SM4.word(nonce, at: 4), n2 = SM4.word(nonce, at: 8)
        var output = input
        var counter: UInt32 = 1
        var offset = 0
        var stream: [UInt8] = []
        stream.reserveCapacity(16)
        while offset < input.count {
            let (k0, k1, k2, k3) = cipher.encryptWords(n0, n1, n2, counter)
            stream.removeAll(keepingCapacity: true)
            for word in [k0, k1, k2, k3] { SM4.append(word, to: &stream) }
            for i in 0..<min(16, input.count - offset) {
                output[offset + i] ^= stream[i]
            }
            offset += 16
            counter &+= 1
        }
        return output
    }

    /// Compares two byte strings in time that depends only on their length.
    static func constantTimeEqual(_ a: [UInt8], _ b: ArraySlice<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
