import FengqiaoCore
import FluentKit
import Foundation
import Metrics
import SQLKit
import Synchronization

/// Who and where a write comes from, stamped on every audit event (PLT-20).
public struct AuditContext: Sendable {
    public var userID: UUID?
    public var login: String?
    public var unitID: UUID?
    public var clientAddress: String?
    public var requestID: String?

    public init(userID: UUID? = nil, login: String? = nil, unitID: UUID? = nil, clientAddress: String? = nil, requestID: String? = nil) {
        self.userID = userID
        self.login = login
        self.unitID = unitID
        self.clientAddress = clientAddress
        self.requestID = requestID
    }

    public init(actor: Actor, clientAddress: String?, requestID: String?) {
        self.init(userID: actor.userID, login: actor.login, unitID: actor.unitID, clientAddress: clientAddress, requestID: requestID)
    }

    /// Work done by the system itself (migrations, the demo, the scheduler, the CLI).
    public static func system(_ what: String) -> AuditContext { AuditContext(login: "system:\(what)") }
}

/// The persistence entry point: a database plus the settings every repository needs. A `Sendable`
/// value passed explicitly to services (STYLE habit 3).
public struct Store: Sendable {
    public let db: any Database
    public let crypto: FieldCrypto
    public let chainHash: ChainHash
    public let clock: WallClock
    let gate: AsyncGate
    /// The procedures the app runs (issue 12): their rule sets, qualification kinds and case types.
    public let procedures: ProcedureRegistry
    /// Set inside `batch`: `db` is the batch's transaction and each write is a savepoint in it.
    let batchScope: BatchScope?

    public init(db: any Database, crypto: FieldCrypto, chainHash: ChainHash, clock: WallClock, gate: AsyncGate, procedures: ProcedureRegistry = .shipped) {
        self.init(db: db, crypto: crypto, chainHash: chainHash, clock: clock, gate: gate, procedures: procedures, batch: nil)
    }

    init(db: any Database, crypto: FieldCrypto, chainHash: ChainHash, clock: WallClock, gate: AsyncGate, procedures: ProcedureRegistry, batch: BatchScope?) {
        self.db = db
        self.crypto = crypto
        self.chainHash = chainHash
        self.clock = clock
        self.gate = gate
        self.procedures = procedures
        self.batchScope = batch
    }

    public var sql: any SQLDatabase { db as! any SQLDatabase }

    /// The same store reading another clock (the demo replays a case's history on its own dates).
    public func with(clock: WallClock) -> Store {
        Store(db: db, crypto: crypto, chainHash: chainHash, clock: clock, gate: gate, procedures: procedures, batch: batchScope)
    }

    /// Runs `body` in one transaction and appends its audit events in the same transaction:
    /// either the write and its trail both land or neither does.
    ///
    /// The first statement locks the audit head row. On PostgreSQL that row lock orders concurrent
    /// writers so the chain never forks; on SQLite a write as the first statement takes the write
    /// lock at once (no stale read snapshot to upgrade), and the in-process gate keeps our own
    /// connections from contending.
    public func write<T: Sendable>(_ context: AuditContext, _ body: @escaping @Sendable (WriteTx) async throws -> T) async throws -> T {
        if let batchScope { return try await batchScope.savepoint(self, context, body) }
        let dialect = try SQLSupport.dialect(db)
        if dialect == .sqlite { await gate.lock() }
        defer { if dialect == .sqlite { gate.unlock() } }
        // Read here: the transaction's closure may run in a task that does not inherit it.
        let claim = IdempotencyClaimScope.current
        return try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("UPDATE audit_head SET seq = seq WHERE id = 1").run()
            try await SQLSupport.tuneWriteConnection(sql)
            return try await Self.run(WriteTx(db: tx, store: self, context: context), claim: claim, body)
        }
    }

    /// The write's body, then its idempotency mark and its audit events, in the transaction open on `wtx`.
    static func run<T: Sendable>(_ wtx: WriteTx, claim: IdempotencyClaimScope?, _ body: @escaping @Sendable (WriteTx) async throws -> T) async throws -> T {
        let result = try await body(wtx)
        let drafts = wtx.audit.drain()
        // PLT-52: a create under an idempotency claim marks it in the same transaction.
        // The object is the one the write says it created, else its first event's object.
        if let claim, let created = wtx.audit.created ?? drafts.first.map({ ($0.objectType, $0.objectID ?? "") }) {
            try await claim.markCommitted(objectType: created.type, objectID: created.id, on: wtx.sql)
        }
        try await AuditWriter.flush(drafts, context: wtx.context, on: wtx.sql, clock: wtx.store.clock, configured: wtx.store.chainHash)
        return result
    }
}

/// A write transaction handed to repositories: the transaction's database and its audit buffer.
public struct WriteTx: Sendable {
    public let db: any Database
    public let store: Store
    public let context: AuditContext
    public let audit = AuditBuffer()

    public var sql: any SQLDatabase { db as! any SQLDatabase }
    public var now: Int64 { store.clock.nowMillis }

    /// Names the object this write creates, when its audit events are about another (a document's
    /// issue is recorded on its case): an idempotent retry (PLT-52) learns this id.
    public func created(_ objectType: String, _ id: UUID) {
        audit.markCreated(objectType, id.uuidString)
    }

    /// Records an audit event for this transaction.
    public func record(_ action: String, _ objectType: String, _ objectID: String?, changes: [String: AuditDraft.Change] = [:], detail: String? = nil) {
        audit.append(AuditDraft(action: action, objectType: objectType, objectID: objectID, changes: changes, detail: detail))
    }
}

extension WriteTx {
    /// Records already-built audit events for this transaction, in order (bulk imports, where the
    /// drafts are prepared on several cores before the transaction starts).
    public func record(contentsOf drafts: [AuditDraft]) {
        audit.append(contentsOf: drafts)
    }
}

/// Buffers a transaction's audit drafts until commit.
public final class AuditBuffer: Sendable {
    private let drafts = Mutex<[AuditDraft]>([])
    private let createdObject = Mutex<(type: String, id: String)?>(nil)
    func markCreated(_ type: String, _ id: String) { createdObject.withLock { $0 = (type, id) } }
    var created: (type: String, id: String)? { createdObject.withLock { $0 } }
    public func append(_ d: AuditDraft) { drafts.withLock { $0.append(d) } }
    /// Appends many drafts, in order, under one lock (bulk imports).
    public func append(contentsOf d: [AuditDraft]) { drafts.withLock { $0.append(contentsOf: d) } }
    func drain() -> [AuditDraft] { drafts.withLock { let d = $0; $0 = []; return d } }
}

/// Appends chained events (PLT-20) and moves the head.
enum AuditWriter {
    static func flush(_ drafts: [AuditDraft], context: AuditContext, on sql: any SQLDatabase, clock: WallClock, configured: ChainHash) async throws {
        guard !drafts.isEmpty else { return }
        let head = try await sql.raw("SELECT seq, hash, algorithm FROM audit_head WHERE id = 1").first()
        guard let head else { throw StoreError.corrupt("audit_head row missing") }
        var seq = try head.decode(column: "seq", as: Int64.self)
        var previous = try head.decode(column: "hash", as: String.self)
        let recorded = try head.decode(column: "algorithm", as: String.self)
        // The chain keeps the algorithm it started with.
        let algorithm = ChainHash(rawValue: recorded) ?? configured
        let at = clock.nowMillis
        var rows: [[BulkValue]] = []
        rows.reserveCapacity(drafts.count)
        for var d in drafts {
            d.userID = d.userID ?? context.userID?.uuidString
            d.userLogin = d.userLogin ?? context.login
            d.unitID = d.unitID ?? context.unitID?.uuidString
            d.clientAddress = d.clientAddress ?? context.clientAddress
            d.requestID = d.requestID ?? context.requestID
            seq += 1
            let hash = AuditChain.hash(previous: previous, seq: seq, at: at, draft: d, using: algorithm)
            rows.append([.int(seq), .int(at), .text(d.action), .text(d.objectType), .optionalText(d.objectID), .optionalText(d.userID),
                         .optionalText(d.userLogin), .optionalText(d.unitID), .optionalText(d.clientAddress), .optionalText(d.requestID),
                         .text(AuditCodec.encode(d.changes)), .optionalText(d.detail), .text(previous), .text(hash)])
            previous = hash
        }
        try await SQLSupport.bulkInsert(sql, into: "audit_events", columns: ["seq", "at", "action", "object_type", "object_id", "user_id", "user_login",
                                                                             "unit_id", "client_address", "request_id", "changes", "detail",
                                                                             "previous_hash", "hash"], rows: rows)
        Counter(label: "fengqiao_audit_events_total").increment(by: drafts.count)
        try await sql.update("audit_head")
            .set("seq", to: SQLBind(seq)).set("hash", to: SQLBind(previous)).set("algorithm", to: SQLBind(algorithm.rawValue))
            .where("id", .equal, SQLBind(1))
            .run()
    }
}

/// The stored form of an event's changed fields: JSON with sorted keys.
public enum AuditCodec {
    /// Hand-written for speed on bulk writes; the output is plain JSON that `decode` (and any JSON
    /// reader) understands, keys sorted.
    public static func encode(_ changes: [String: AuditDraft.Change]) -> String {
        if changes.isEmpty { return "{}" }
        var out = "{"
        for (i, key) in changes.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            let c = changes[key]!
            out += quote(key) + ":{"
            var fields: [String] = []
            if let a = c.after { fields.append("\"after\":" + quote(a)) }
            if let b = c.before { fields.append("\"before\":" + quote(b)) }
            out += fields.joined(separator: ",") + "}"
        }
        return out + "}"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    public static func decode(_ text: String) -> [String: AuditDraft.Change] {
        (try? JSONDecoder().decode([String: AuditDraft.Change].self, from: Data(text.utf8))) ?? [:]
    }
}
