import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// Filters of the audit viewer (PLT-22).
public struct AuditQuery: Sendable, Equatable {
    public var login: String?
    public var objectID: String?
    public var action: String?
    public var fromMillis: Int64?
    public var toMillis: Int64?
    public var limit: Int
    public var beforeSeq: Int64?

    public init(login: String? = nil, objectID: String? = nil, action: String? = nil, fromMillis: Int64? = nil, toMillis: Int64? = nil,
                limit: Int = 100, beforeSeq: Int64? = nil) {
        self.login = login
        self.objectID = objectID
        self.action = action
        self.fromMillis = fromMillis
        self.toMillis = toMillis
        self.limit = limit
        self.beforeSeq = beforeSeq
    }
}

/// Reading and verifying the audit chain (PLT-21, PLT-22).
public struct AuditRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    private static let columns = ["seq", "at", "action", "object_type", "object_id", "user_id", "user_login", "unit_id", "client_address",
                                  "request_id", "changes", "detail", "previous_hash", "hash"]

    static func event(_ row: any SQLRow) throws -> AuditEvent {
        let draft = AuditDraft(
            action: try row.decode(column: "action", as: String.self), objectType: try row.decode(column: "object_type", as: String.self),
            objectID: try row.decode(column: "object_id", as: String?.self), userID: try row.decode(column: "user_id", as: String?.self),
            userLogin: try row.decode(column: "user_login", as: String?.self), unitID: try row.decode(column: "unit_id", as: String?.self),
            clientAddress: try row.decode(column: "client_address", as: String?.self), requestID: try row.decode(column: "request_id", as: String?.self),
            changes: AuditCodec.decode(try row.decode(column: "changes", as: String.self)), detail: try row.decode(column: "detail", as: String?.self))
        return AuditEvent(seq: try row.decode(column: "seq", as: Int64.self), at: try row.decode(column: "at", as: Int64.self), draft: draft,
                          previousHash: try row.decode(column: "previous_hash", as: String.self), hash: try row.decode(column: "hash", as: String.self))
    }

    /// Searches events, newest first. Reading the trail is itself audited by the caller (an export).
    public func search(_ q: AuditQuery, actor: Actor) async throws -> [AuditEvent] {
        try actor.require(.auditRead)
        var s = store.sql.select().columns(Self.columns.map { SQLColumn($0) }).from("audit_events")
        if let v = q.login, !v.isEmpty { s = s.where("user_login", .equal, SQLBind(v)) }
        if let v = q.objectID, !v.isEmpty { s = s.where("object_id", .equal, SQLBind(v)) }
        if let v = q.action, !v.isEmpty { s = s.where("action", .equal, SQLBind(v)) }
        if let v = q.fromMillis { s = s.where("at", .greaterThanOrEqual, SQLBind(v)) }
        if let v = q.toMillis { s = s.where("at", .lessThan, SQLBind(v)) }
        if let v = q.beforeSeq { s = s.where("seq", .lessThan, SQLBind(v)) }
        return try await s.orderBy("seq", .descending).limit(max(1, min(q.limit, 1000))).all().map(Self.event)
    }

    public func count() async throws -> Int {
        let row = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_events").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Walks the whole chain in order, in pages, and names the first bad event (PLT-21).
    public func verify(pageSize: Int = 5000, progress: @Sendable (Int64) -> Void = { _ in }) async throws -> AuditVerification {
        guard let head = try await store.sql.raw("SELECT seq, hash, algorithm FROM audit_head WHERE id = 1").first() else {
            throw StoreError.corrupt("audit_head row missing")
        }
        let headSeq = try head.decode(column: "seq", as: Int64.self)
        let headHash = try head.decode(column: "hash", as: String.self)
        let algorithm = ChainHash(rawValue: try head.decode(column: "algorithm", as: String.self)) ?? store.chainHash
        var verifier = AuditVerifier(hash: algorithm)
        var after: Int64 = -1 << 62
        while true {
            let rows = try await store.sql.select().columns(Self.columns.map { SQLColumn($0) }).from("audit_events")
                .where("seq", .greaterThan, SQLBind(after)).orderBy("seq").limit(pageSize).all()
            if rows.isEmpty { break }
            for row in rows {
                let e = try Self.event(row)
                if !verifier.feed(e) { return verifier.finish(head: nil) }
                after = e.seq
            }
            progress(after)
        }
        return verifier.finish(head: (headSeq, headHash))
    }
}
