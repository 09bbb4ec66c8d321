import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

public struct InboxItem: Sendable, Equatable {
    public let id: UUID
    public let kind: String
    public let title: String
    public let body: String
    public let link: String?
    public let createdAt: Int64
    public let read: Bool
}

/// The in-app inbox (CAL-41): every notice lands here whatever else is configured.
public struct NotificationRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// Puts a notice in each user's inbox, in one audited write.
    public func notify(_ userIDs: [UUID], _ notice: Notice, context: AuditContext) async throws {
        guard !userIDs.isEmpty else { return }
        try await store.write(context) { tx in try await Self.insert(tx, userIDs, notice) }
    }

    /// Puts a notice in each user's inbox inside a write that is already open (so a notice and the
    /// change it announces land together).
    public static func insert(_ tx: WriteTx, _ userIDs: [UUID], _ notice: Notice) async throws {
        guard !userIDs.isEmpty else { return }
        let rows: [[BulkValue]] = userIDs.map { [.uuid(UUID()), .uuid($0), .text(notice.kind), .text(notice.title), .text(notice.body),
                                                 .optionalText(notice.link), .int(tx.now)] }
        try await SQLSupport.bulkInsert(tx.sql, into: "notifications", columns: ["id", "user_id", "kind", "title", "body", "link", "created_at"], rows: rows)
        tx.record("notify", "notification", notice.kind, detail: "\(notice.title) → \(userIDs.count) 人")
    }

    /// The active users holding a permission through a role assigned in one of `units` (the unit
    /// heads of a unit, the leaders over it), for escalation (CAL-41).
    public func users(withPermission permission: Permission, roleCodes: Set<String>? = nil, inUnits units: [UUID]) async throws -> [(id: UUID, login: String, phone: String?)] {
        let codes = try await RoleRepository(store: store).catalog().codes(granting: permission).filter { roleCodes?.contains($0) ?? true }
        guard !codes.isEmpty, !units.isEmpty else { return [] }
        let ids = try await store.sql.select().column("user_id").from("role_assignments").where("role_code", .in, SQLBind.group(codes))
            .where("unit_id", .in, SQLBind.group(units)).all().map { try $0.decode(column: "user_id", as: UUID.self) }
        return try await contacts(Array(Set(ids)))
    }

    /// The active users holding any of `permissions` through a role assigned in one of `units`, by login —
    /// one read of the role catalogue and one of the assignments for all the permissions.
    public func users(withPermissions permissions: [Permission], inUnits units: [UUID]) async throws -> [(id: UUID, login: String, phone: String?)] {
        let catalog = try await RoleRepository(store: store).catalog()
        let codes = Set(permissions.flatMap { catalog.codes(granting: $0) })
        guard !codes.isEmpty, !units.isEmpty else { return [] }
        let ids = try await store.sql.select().column("user_id").from("role_assignments").where("role_code", .in, SQLBind.group(Array(codes)))
            .where("unit_id", .in, SQLBind.group(units)).all().map { try $0.decode(column: "user_id", as: UUID.self) }
        return try await contacts(Array(Set(ids)))
    }

    /// Login and phone of active users.
    public func contacts(_ ids: [UUID]) async throws -> [(id: UUID, login: String, phone: String?)] {
        guard !ids.isEmpty else { return [] }
        return try await store.sql.select().columns("id", "login", "phone").from("users").where("id", .in, SQLBind.group(ids))
            .where("active", .equal, SQLBind(true)).orderBy("login").all().map {
                (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "login", as: String.self), try $0.decode(column: "phone", as: String?.self))
            }
    }

    public func unreadCount(userID: UUID) async throws -> Int {
        let row = try await store.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("notifications")
            .where("user_id", .equal, SQLBind(userID)).where("read_at", .is, SQLLiteral.null).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    public func inbox(userID: UUID, limit: Int = 100) async throws -> [InboxItem] {
        try await store.sql.select().columns("id", "kind", "title", "body", "link", "created_at", "read_at").from("notifications")
            .where("user_id", .equal, SQLBind(userID)).orderBy("created_at", .descending).limit(limit).all().map {
                InboxItem(id: try $0.decode(column: "id", as: UUID.self), kind: try $0.decode(column: "kind", as: String.self),
                          title: try $0.decode(column: "title", as: String.self), body: try $0.decode(column: "body", as: String.self),
                          link: try $0.decode(column: "link", as: String?.self), createdAt: try $0.decode(column: "created_at", as: Int64.self),
                          read: try $0.decode(column: "read_at", as: Int64?.self) != nil)
            }
    }

    /// Reading one's own inbox is not a business write; it is not audited.
    public func markAllRead(userID: UUID) async throws {
        try await store.sql.update("notifications").set("read_at", to: SQLBind(store.clock.nowMillis))
            .where("user_id", .equal, SQLBind(userID)).where("read_at", .is, SQLLiteral.null).run()
    }

    /// The active users holding a permission through any of their roles.
    public func users(withPermission permission: Permission) async throws -> [(id: UUID, login: String, phone: String?)] {
        let codes = try await RoleRepository(store: store).catalog().codes(granting: permission)
        guard !codes.isEmpty else { return [] }
        let ids = try await store.sql.select().column("user_id").from("role_assignments").where("role_code", .in, SQLBind.group(codes)).all()
            .map { try $0.decode(column: "user_id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        return try await store.sql.select().columns("id", "login", "phone").from("users").where("id", .in, SQLBind.group(Array(Set(ids))))
            .where("active", .equal, SQLBind(true)).orderBy("login").all().map {
                (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "login", as: String.self), try $0.decode(column: "phone", as: String?.self))
            }
    }
}
