import FengqiaoCore
import Foundation
import SQLKit

/// Who is told about a step (CAL-41, issue 12 item 6), by permission and unit — never by role code,
/// so a bureau that edits its roles (PLT-03) still reaches the right people.
public enum Escalation {
    /// The handler's unit head: whoever may assign the unit's cases (`case.assign`), assigned in the
    /// case's own unit (CAL-41 escalation at red).
    public static let unitHead: Permission = .caseAssign
    /// The responsible leader (分管领导, 主要领导): the leaders' own platform permission — approving
    /// archive destruction is granted to no one below them — held over the case's unit (CAL-41 after
    /// two working days red; the reports upward of IV-21, IV-25).
    public static let leader: Permission = .archiveDestroyApprove
}

extension NotificationRepository {
    /// Active users holding one of `permissions` through an assignment whose scope covers `unitID`
    /// (PLT-05): `all` anywhere, `unit-tree` at the unit or a unit above it, `unit` at the unit itself
    /// (an `own` assignment covers only the cases its holder is involved in, so it is not counted).
    /// These are the people whose queue a step needing that permission is in.
    public func holders(of permissions: Set<Permission>, covering unitID: UUID, tree: UnitTree) async throws -> [UUID] {
        let catalog = try await RoleRepository(store: store).catalog()
        let codes = Set(permissions.flatMap { catalog.codes(granting: $0) }).sorted()
        guard !codes.isEmpty else { return [] }
        let path = tree.path(from: unitID).map(\.id)
        let rows = try await store.sql.select().column("user_id").from("role_assignments").where("role_code", .in, SQLBind.group(codes))
            .where { w in
                var w = w.orWhere("scope", .equal, SQLBind(DataScope.all.rawValue))
                    .orWhere { $0.where("scope", .equal, SQLBind(DataScope.unit.rawValue)).where("unit_id", .equal, SQLBind(unitID)) }
                if !path.isEmpty {
                    w = w.orWhere { $0.where("scope", .equal, SQLBind(DataScope.unitTree.rawValue)).where("unit_id", .in, SQLBind.group(path)) }
                }
                return w
            }.all()
        let ids = Set(try rows.map { try $0.decode(column: "user_id", as: UUID.self) })
        return try await contacts(Array(ids)).map(\.id)
    }

    /// The unit heads of `unitID` (CAL-41): holders of `Escalation.unitHead` assigned in that unit.
    public func unitHeads(of unitID: UUID) async throws -> [UUID] {
        try await users(withPermission: Escalation.unitHead, inUnits: [unitID]).map(\.id)
    }

    /// The responsible leaders over `unitID` (CAL-41): holders of `Escalation.leader` covering it.
    public func leaders(over unitID: UUID, tree: UnitTree) async throws -> [UUID] {
        try await holders(of: [Escalation.leader], covering: unitID, tree: tree)
    }
}

extension ClockRepository {
    /// The case type of each case in `ids` (so the reminder pass can ask its procedure whose step a clock is).
    public func caseTypes(of ids: [UUID]) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: String] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            for row in try await store.sql.select().columns("id", "case_type").from("cases").where("id", .in, SQLBind.group(chunk)).all() {
                out[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "case_type", as: String.self)
            }
        }
        return out
    }
}
