import Crypto
import Foundation

/// Encryption of personal-data fields at rest (PLT-34, X-09). A keyring holds named keys; new
/// values are sealed with the current key and the key id is stored with the ciphertext, so a key can
/// be rotated without downtime: old values still open with their own key until re-sealed.
public struct FieldCrypto: Sendable {
    public enum Algorithm: String, Sendable, CaseIterable {
        case aes256gcm = "aes-256-gcm"
        case sm4 = "sm4"
    }

    public struct Key: Sendable {
        public let id: String
        /// 32 bytes. AES-256-GCM uses all; SM4 uses the first 16 to encrypt and the last 16 to MAC.
        public let bytes: [UInt8]
        public init(id: String, bytes: [UInt8]) {
            self.id = id
            self.bytes = bytes
        }
    }

    public enum Failure: Error, Sendable, Equatable {
        case malformed
        case unknownKey(String)
        case authentication
    }

    public let algorithm: Algorithm
    public let current: Key
    private let keys: [String: Key]
    private let indexKey: [UInt8]
    /// `g:keyid:` or `s:keyid:`, built once: a bulk import seals hundreds of thousands of values.
    private let sealPrefix: String

    /// - Parameter keys: the current key first, then older ones still needed to read.
    public init(algorithm: Algorithm, keys: [Key]) {
        precondition(!keys.isEmpty && keys.allSatisfy { $0.bytes.count == 32 }, "field keys must be 32 bytes")
        self.algorithm = algorithm
        self.current = keys[0]
        self.keys = Dictionary(keys.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The blind index must stay stable across rotations, so it derives from the oldest key.
        let base = keys[keys.count - 1]
        self.indexKey = Array(Array(HMAC<SHA256>.authenticationCode(for: Array("fengqiao-blind-index".utf8), using: SymmetricKey(data: base.bytes))))
        self.sealPrefix = "\(algorithm == .aes256gcm ? "g" : "s"):\(keys[0].id):"
    }

    /// `g|s:keyid:base64(nonce ‖ ciphertext ‖ tag)`.
    public func seal(_ plaintext: String) -> String {
        switch algorithm {
        case .aes256gcm:
            // BoringSSL's generator: one call, no system call per byte. A 12-byte nonce and a
            // 32-byte key are always valid for AES-GCM, so this cannot throw; with a 12-byte nonce
            // `combined` is exactly nonce ‖ ciphertext ‖ tag.
            let box = try! AES.GCM.seal(Array(plaintext.utf8), using: SymmetricKey(data: current.bytes), nonce: AES.GCM.Nonce())
            return sealPrefix + box.combined!.base64EncodedString()
        case .sm4:
            let nonce = Array(AES.GCM.Nonce())
            return sealPrefix + Data(nonce + SM4AEAD.seal(Array(plaintext.utf8), key: current.bytes, nonce: nonce)).base64EncodedString()
        }
    }

    public func open(_ sealed: String) throws(Failure) -> String {
        let parts = sealed.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let raw = Data(base64Encoded: String(parts[2])), raw.count >= 12 else { throw .malformed }
        guard let key = keys[String(parts[1])] else { throw .unknownKey(String(parts[1])) }
        let bytes = Array(raw)
        let nonce = Array(bytes[0..<12])
        let rest = Array(bytes[12...])
        let plain: [UInt8]
        switch parts[0] {
        case "g":
            guard rest.count >= 16 else { throw .malformed }
            do {
                let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: nonce), ciphertext: rest.dropLast(16), tag: rest.suffix(16))
                plain = Array(try AES.GCM.open(box, using: SymmetricKey(data: key.bytes)))
            } catch { throw .authentication }
        case "s":
            do { plain = try SM4AEAD.open(rest, key: key.bytes, nonce: nonce) } catch { throw .authentication }
        default:
            throw .malformed
        }
        return String(decoding: plain, as: UTF8.self)
    }

    /// True when a value was sealed with another key or algorithm and should be re-sealed (rotation).
    public func needsReseal(_ sealed: String) -> Bool {
        let parts = sealed.split(separator: ":", maxSplits: 2)
        return parts.count < 2 || String(parts[1]) != current.id || (parts[0] == "g") != (algorithm == .aes256gcm)
    }

    /// A keyed, deterministic index of a value (HMAC-SHA256), so that uniqueness of an ID number
    /// can be checked without storing it in clear (PLT-12 with X-09).
    public func blindIndex(_ value: String) -> String {
        AuditChain.hex(Array(HMAC<SHA256>.authenticationCode(for: Array(value.utf8), using: SymmetricKey(data: indexKey))))
    }
}
