/// SM3 cryptographic hash (GB/T 32905-2016): 256-bit digest, 512-bit blocks. Used for the audit
/// chain where national cryptography is required (PLT-23) and, as HMAC-SM3, by `SM4AEAD` (PLT-34).
public enum SM3 {
    /// Digest size in bytes.
    public static let digestSize = 32
    /// Block size in bytes.
    public static let blockSize = 64

    /// The SM3 digest of `data` (32 bytes).
    public static func hash(_ data: [UInt8]) -> [UInt8] {
        var hasher = SM3Hasher()
        hasher.update(data)
        return hasher.finalize()
    }

    /// Lower-case hexadecimal SM3 digest of `data`.
    public static func hex(_ data: [UInt8]) -> String {
        Hex.encode(hash(data))
    }

    /// HMAC-SM3 (RFC 2104 with SM3, block size 64): a 32-byte tag.
    public static func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var hmac = SM3HMAC(key: key)
        hmac.update(message)
        return hmac.finalize()
    }
}

/// Streaming SM3 (GB/T 32905-2016): feed bytes with `update`, then `finalize` once.
public struct SM3Hasher: Sendable {
    private static let initialState: [UInt32] = [
        0x7380_166F, 0x4914_B2B9, 0x1724_42D7, 0xDA8A_0600, 0xA96F_30BC, 0x1631_38AA, 0xE38D_EE4D, 0xB0FB_0E4E,
    ]

    /// T_j rotated left by j mod 32, precomputed for the 64 rounds.
    private static let roundConstants: [UInt32] = (0..<64).map { j in
        (j < 16 ? UInt32(0x79CC_4519) : UInt32(0x7A87_9D8A)).rotatedLeft(by: UInt32(j % 32))
    }

    private var state: [UInt32]
    private var buffer: [UInt8]
    private var length: UInt64 = 0

    /// A hasher in the initial state.
    public init() {
        state = SM3Hasher.initialState
        buffer = []
        buffer.reserveCapacity(SM3.blockSize)
    }

    /// Absorbs `bytes`.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: $0) }
        if handled == nil {
            update(buffer: Array(bytes))
        }
    }

    private mutating func update(buffer input: [UInt8]) {
        input.withUnsafeBufferPointer { update(buffer: $0) }
    }

    private mutating func update(buffer input: UnsafeBufferPointer<UInt8>) {
        length &+= UInt64(input.count)
        var offset = 0
        if !buffer.isEmpty {
            let take = min(SM3.blockSize - buffer.count, input.count)
            buffer.append(contentsOf: input[0..<take])
            offset = take
            if buffer.count == SM3.blockSize {
                let block = buffer
                block.withUnsafeBufferPointer { compress($0, at: 0) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        while input.count - offset >= SM3.blockSize {
            compress(input, at: offset)
            offset += SM3.blockSize
        }
        if offset < input.count {
            buffer.append(contentsOf: input[offset...])
        }
    }

    /// Pads, processes the last block(s) and returns the 32-byte digest. The hasher should not be
    /// used afterwards.
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail = buffer
        tail.append(0x80)
        while tail.count % SM3.blockSize != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        tail.withUnsafeBufferPointer { pointer in
            var offset = 0
            while offset < pointer.count {
                compress(pointer, at: offset)
                offset += SM3.blockSize
            }
        }
        buffer.removeAll()
        var digest: [UInt8] = []
        digest.reserveCapacity(SM3.digestSize)
        for word in state {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// The compression function CF on the 64-byte block at `offset`.
    private mutating func compress(_ block: UnsafeBufferPointer<UInt8>, at offset: Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 68) { w in
            // Message expansion.
            for j in 0..<16 {
                let b = offset + 4 * j
                w[j] = UInt32(block[b]) << 24 | UInt32(block[b + 1]) << 16 | UInt32(block[b + 2]) << 8 | UInt32(block[b + 3])
            }
            for j in 16..<68 {
                let x = w[j - 16] ^ w[j - 9] ^ w[j - 3].rotatedLeft(by: 15)
                w[j] = SM3Hasher.p1(x) ^ w[j - 13].rotatedLeft(by: 7) ^ w[j - 6]
            }

            var a = state[0], b = state[1], c = state[2], d = state[3]
            var e = state[4], f = state[5], g = state[6], h = state[7]
            for j in 0..<64 {
                let a12 = a.rotatedLeft(by: 12)
                let ss1 = (a12 &+ e &+ SM3Hasher.roundConstants[j]).rotatedLeft(by: 7)
                let ss2 = ss1 ^ a12
                let ff: UInt32, gg: UInt32
                if j < 16 {
                    ff = a ^ b ^ c
                    gg = e ^ f ^ g
                } else {
                    ff = (a & b) | (a & c) | (b & c)
                    gg = (e & f) | (~e & g)
                }
                let tt1 = ff &+ d &+ ss2 &+ (w[j] ^ w[j + 4])
                let tt2 = gg &+ h &+ ss1 &+ w[j]
                d = c
                c = b.rotatedLeft(by: 9)
                b = a
                a = tt1
                h = g
                g = f.rotatedLeft(by: 19)
                f = e
                e = SM3Hasher.p0(tt2)
            }
            state[0] ^= a; state[1] ^= b; state[2] ^= c; state[3] ^= d
            state[4] ^= e; state[5] ^= f; state[6] ^= g; state[7] ^= h
        }
    }

    @inline(__always) private static func p0(_ x: UInt32) -> UInt32 {
        x ^ x.rotatedLeft(by: 9) ^ x.rotatedLeft(by: 17)
    }

    @inline(__always) private static func p1(_ x: UInt32) -> UInt32 {
        x ^ x.rotatedLeft(by: 15) ^ x.rotatedLeft(by: 23)
    }
}

/// Streaming HMAC-SM3 (RFC 2104, block size 64).
public struct SM3HMAC: Sendable {
    private var inner = SM3Hasher()
    private var outerKey: [UInt8]

    /// Keys longer than the block size are hashed first, as RFC 2104 requires.
    public init(key: [UInt8]) {
        var block = key.count > SM3.blockSize ? SM3.hash(key) : key
        block.append(contentsOf: repeatElement(0, count: SM3.blockSize - block.count))
        inner.update(block.map { $0 ^ 0x36 })
        outerKey = block.map { $0 ^ 0x5C }
    }

    /// Absorbs message bytes.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        inner.update(bytes)
    }

    /// The 32-byte tag.
    public mutating func finalize() -> [UInt8] {
        var outer = SM3Hasher()
        outer.update(outerKey)
        outer.update(inner.finalize())
        return outer.finalize()
    }
}

/// Lower-case hexadecimal encoding and decoding of bytes.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `[0xAB, 0x01]` → `"ab01"`.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `"AB01"` or `"ab01"` → `[0xAB, 0x01]`; nil for an odd length or a non-hex character.
    public static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension UInt32 {
    @inline(__always) func rotatedLeft(by n: UInt32) -> UInt32 {
        (self << (n & 31)) | (self >> ((32 &- n) & 31))
    }
}
