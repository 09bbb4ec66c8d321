import Testing
@testable import FengqiaoCore

@Suite("PLT-23 SM3")
struct SM3Tests {
    @Test("PLT-23 SM3(\"abc\") matches GB/T 32905-2016 example 1")
    func abc() {
        #expect(SM3.hex(Array("abc".utf8)) == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
    }

    @Test("PLT-23 SM3(\"abcd\" × 16) matches GB/T 32905-2016 example 2")
    func abcd16() {
        let message = Array(String(repeating: "abcd", count: 16).utf8)
        #expect(SM3.hex(message) == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")
    }

    // Reference digests computed with OpenSSL 3 (`openssl dgst -sm3`).
    @Test("PLT-23 SM3 padding boundaries match OpenSSL", arguments: [
        (0, "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b"),
        (55, "288337eef51eec62e7544d7270424c8dbe656254c99852870a73b2453a6a7fb1"),
        (56, "ba00ebedaab54065a5fd4f9f56326016203166bcee3eed44ea868d59d67aa3c8"),
        (63, "587308543551881ebd70d27ad358ff5dcdf24ac54822e2f7b7c3edce0985d21b"),
        (64, "616ec433c359e7c2b19f360e2b8f2a1b6e9ed76b8dc1a7d207b31a5341c611e9"),
        (65, "3d1d94afa238ec3e2bbc20ad504702b24c16f2889c94973f2f8da3526c44e4bc"),
        (119, "53282a90724e9eb79b18d06b5b8f7f02d046e18b29247dcdb064a136d5c4459a"),
        (128, "5fd947effbe82a5925faaee9123d43cea200cc257b28ed797505694b4bb020f6"),
    ])
    func boundaries(_ count: Int, _ digest: String) {
        #expect(SM3.hex([UInt8](repeating: UInt8(ascii: "a"), count: count)) == digest)
    }

    @Test("PLT-23 streaming in uneven pieces equals one-shot hashing")
    func streaming() {
        // setup: one million 'a' (OpenSSL reference), fed in pieces that straddle blocks
        let expected = "c8aaf89429554029e231941a2acc0ad61ff2a5acd8fadd25847a3a732b3b02c3"
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        var hasher = SM3Hasher()
        var offset = 0
        var piece = 1
        // act
        while offset < message.count {
            let end = min(message.count, offset + piece)
            hasher.update(message[offset..<end])
            offset = end
            piece = piece % 97 + 13
        }
        // check
        #expect(Hex.encode(hasher.finalize()) == expected)
        #expect(SM3.hex(message) == expected)
    }

    @Test("PLT-23 update accepts non-contiguous sequences")
    func nonContiguous() {
        var hasher = SM3Hasher()
        hasher.update("abc".utf8.lazy.map { $0 })
        #expect(Hex.encode(hasher.finalize()) == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
    }

    // Reference tags computed with Python's hmac module over OpenSSL's SM3.
    @Test("PLT-34 HMAC-SM3 matches the RFC 2104 construction for short, block-size and long keys")
    func hmac() {
        let fox = Array("The quick brown fox jumps over the lazy dog".utf8)
        #expect(Hex.encode(SM3.hmac(key: Array("key".utf8), message: fox))
            == "bd4a34077888162b210645b8ebf74b9af357303789357a27c7fc457244ebd398")
        #expect(Hex.encode(SM3.hmac(key: Array(0..<64), message: []))
            == "3f21aced563487175a00740c5a13cd3bc7f5a358b7488863ec5cf9a8acca5049")
        #expect(Hex.encode(SM3.hmac(key: Array(0..<100), message: Array("message".utf8)))
            == "61f228fea1aac7834b03543f6dffc921a4a0d4c8d1438876a5cc569e2de8977c")
    }

    @Test("PLT-23 hex round trip")
    func hex() {
        #expect(Hex.decode("00ff10AB") == [0x00, 0xFF, 0x10, 0xAB])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.encode([0x00, 0xFF, 0x10, 0xAB]) == "00ff10ab")
    }
}
