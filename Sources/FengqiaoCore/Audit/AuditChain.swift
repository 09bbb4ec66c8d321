import Crypto
import Foundation

/// The hash used to chain audit events (PLT-23): SHA-256 by default, SM3 where national
/// cryptography is required.
public enum ChainHash: String, Sendable, Codable, CaseIterable {
    case sha256
    case sm3

    public func digest(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256: Array(SHA256.hash(data: bytes))
        case .sm3: SM3.hash(bytes)
        }
    }
}

/// An audit event before it is chained (PLT-20): who, where, when, what, before/after.
public struct AuditDraft: Sendable, Equatable {
    public var action: String
    public var objectType: String
    public var objectID: String?
    public var userID: String?
    public var userLogin: String?
    public var unitID: String?
    public var clientAddress: String?
    public var requestID: String?
    /// Changed fields: name → (before, after). Personal data is passed masked.
    public var changes: [String: Change]
    public var detail: String?

    public struct Change: Sendable, Equatable, Codable {
        public let before: String?
        public let after: String?
        public init(before: String?, after: String?) {
            self.before = before
            self.after = after
        }
    }

    public init(action: String, objectType: String, objectID: String? = nil, userID: String? = nil, userLogin: String? = nil, unitID: String? = nil,
                clientAddress: String? = nil, requestID: String? = nil, changes: [String: Change] = [:], detail: String? = nil) {
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.userID = userID
        self.userLogin = userLogin
        self.unitID = unitID
        self.clientAddress = clientAddress
        self.requestID = requestID
        self.changes = changes
        self.detail = detail
    }
}

/// A chained event as stored.
public struct AuditEvent: Sendable, Equatable {
    public let seq: Int64
    /// Unix time in milliseconds (UTC instant, X-01).
    public let at: Int64
    public let draft: AuditDraft
    public let previousHash: String
    public let hash: String

    public init(seq: Int64, at: Int64, draft: AuditDraft, previousHash: String, hash: String) {
        self.seq = seq
        self.at = at
        self.draft = draft
        self.previousHash = previousHash
        self.hash = hash
    }
}

public enum AuditChain {
    /// The hash before the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// The canonical form hashed for an event: fixed field order, length-prefixed values so that no
    /// two different events serialise alike, changes sorted by field name.
    public static func canonical(seq: Int64, at: Int64, _ d: AuditDraft) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        appendCanonical(seq: seq, at: at, d, to: &out)
        return out
    }

    /// Appends the canonical form to `out` without intermediate arrays or strings: the bulk import
    /// hashes one event per created party. Byte for byte what `canonical` has always produced
    /// (`len:value`, `-1:` for nil), since stored chains must keep verifying.
    static func appendCanonical(seq: Int64, at: Int64, _ d: AuditDraft, to out: inout [UInt8]) {
        func decimal(_ v: Int64) {
            // The ASCII decimal form of `v`, as `String(v)` writes it.
            if v == 0 { out.append(0x30); return }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                         UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var n = 0
            var m = v.magnitude
            withUnsafeMutableBytes(of: &digits) { buf in
                while m > 0 {
                    buf[n] = 0x30 + UInt8(m % 10)
                    m /= 10
                    n += 1
                }
                if v < 0 { out.append(0x2D) }
                while n > 0 {
                    n -= 1
                    out.append(buf[n])
                }
            }
        }
        func digitCount(_ v: Int64) -> Int {
            var m = v.magnitude
            var n = v < 0 ? 1 : 0
            repeat { n += 1; m /= 10 } while m > 0
            return n
        }
        func put(_ s: String?) {
            guard var s else { out.append(0x2D); out.append(0x31); out.append(0x3A); return }  // "-1:"
            s.withUTF8 { u in
                decimal(Int64(u.count))
                out.append(0x3A)
                out.append(contentsOf: u)
            }
        }
        func putNumber(_ v: Int64) {
            decimal(Int64(digitCount(v)))
            out.append(0x3A)
            decimal(v)
        }
        putNumber(seq); putNumber(at); put(d.action); put(d.objectType); put(d.objectID); put(d.userID); put(d.userLogin)
        put(d.unitID); put(d.clientAddress); put(d.requestID); put(d.detail)
        putNumber(Int64(d.changes.count))
        if d.changes.count == 1, let (key, change) = d.changes.first {
            put(key); put(change.before); put(change.after)
        } else {
            for (key, change) in d.changes.sorted(by: { $0.key < $1.key }) {
                put(key); put(change.before); put(change.after)
            }
        }
    }

    /// `hash = H(previous hash ‖ canonical event)` (PLT-20), hex encoded.
    public static func hash(previous: String, seq: Int64, at: Int64, draft: AuditDraft, using h: ChainHash) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(384)
        bytes.append(contentsOf: previous.utf8)
        appendCanonical(seq: seq, at: at, draft, to: &bytes)
        return hex(h.digest(bytes))
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        // Lower-case digits, written straight into the string's storage.
        String(unsafeUninitializedCapacity: bytes.count * 2) { buf in
            var i = 0
            for b in bytes {
                let hi = b >> 4, lo = b & 0x0f
                buf[i] = hi < 10 ? 0x30 + hi : 0x57 + hi
                buf[i + 1] = lo < 10 ? 0x30 + lo : 0x57 + lo
                i += 2
            }
            return i
        }
    }
}

/// The result of walking the chain (PLT-21).
public enum AuditVerification: Sendable, Equatable {
    case intact(count: Int, lastSeq: Int64)
    case broken(seq: Int64, problem: Problem)

    public enum Problem: String, Sendable, Equatable {
        /// The event's content no longer matches its hash: edited.
        case altered
        /// One or more events before this one are missing: deleted.
        case missingBefore
        /// The event does not link to its predecessor's hash: inserted, or its predecessor replaced.
        case notLinked
        /// The last event is not the head the chain recorded: events removed at the end or appended outside the application.
        case headMismatch

        public var messageZH: String {
            switch self {
            case .altered: "事件内容与哈希不符（被篡改）"
            case .missingBefore: "此前的事件缺失（被删除）"
            case .notLinked: "事件未链接到前一事件（被插入或替换）"
            case .headMismatch: "链尾与记录的链头不符（末尾事件被删除或在系统外追加）"
            }
        }
    }

    public var isIntact: Bool { if case .intact = self { true } else { false } }
}

/// Verifies events in sequence order, feeding them one at a time so millions fit in memory.
public struct AuditVerifier: Sendable {
    private let hash: ChainHash
    private var expectedSeq: Int64 = 1
    private var previous = AuditChain.genesis
    private var count = 0
    public private(set) var failure: AuditVerification?

    public init(hash: ChainHash) { self.hash = hash }

    /// Checks the next event; returns false once the chain is broken.
    public mutating func feed(_ e: AuditEvent) -> Bool {
        guard failure == nil else { return false }
        if e.seq > expectedSeq {
            // A gap: events removed before this one.
            failure = .broken(seq: e.seq, problem: .missingBefore)
            return false
        }
        if e.seq < expectedSeq {
            // A second event claiming an earlier place: inserted.
            failure = .broken(seq: e.seq, problem: .notLinked)
            return false
        }
        let recomputed = AuditChain.hash(previous: e.previousHash, seq: e.seq, at: e.at, draft: e.draft, using: hash)
        if recomputed != e.hash {
            failure = .broken(seq: e.seq, problem: .altered)
            return false
        }
        if e.previousHash != previous {
            failure = .broken(seq: e.seq, problem: .notLinked)
            return false
        }
        previous = e.hash
        expectedSeq += 1
        count += 1
        return true
    }

    /// The final verdict, given the head the chain recorded (last seq and hash), if any.
    public func finish(head: (seq: Int64, hash: String)?) -> AuditVerification {
        if let failure { return failure }
        if let head, head.seq != expectedSeq - 1 || head.hash != previous {
            return .broken(seq: max(head.seq, expectedSeq - 1), problem: .headMismatch)
        }
        return .intact(count: count, lastSeq: expectedSeq - 1)
    }
}
