import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// A requested extension waiting for its named approver (CAL-32, X-02).
public struct ExtensionRequest: Sendable, Equatable {
    public let id: UUID
    public let clockID: UUID
    /// Added count, in the rule's unit.
    public let count: Int
    public let ground: String
    /// The approver the requester named; only this user can confirm.
    public let approverID: UUID
    public let approverName: String
    public let requestedBy: UUID
    public let requestedOn: LocalDate
}

/// CAL-32 extensions as request → confirm: a handler asks, naming the approver; the extension is
/// recorded (and the due date moves) only when that approver, logged in as themselves, confirms it
/// a deadline changes only through an audited extension with its approver).
///
/// Pending requests count toward the rule's maximum (total and number of grants): a request is
/// refused when the granted and pending extensions with it would exceed the rule, so confirming
/// what is pending can never be refused for the maximum alone.
public struct ClockExtensionRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// Asks for an extension of `count` (in the rule's unit) on a clock the actor handles, naming
    /// the approver. Checked at once against the rule: ground, count, the approver's permission, the
    /// maximum with pending requests, and the due date not passed. The approver is told.
    public func request(_ clockID: UUID, by count: Int, ground: String, approverID: UUID, actor: Actor,
                        context: AuditContext) async throws -> ClockRecord {
        try actor.require(.caseHandle)
        let org = OrganisationRepository(store: store)
        guard let approverUser = try await org.user(id: approverID), approverUser.active else {
            throw DomainError.invalid([FieldError(field: "approver", rule: "CAL-32", code: "clock.approver.unknown", messageZH: "批准人不存在或已停用")])
        }
        let approver = try await org.actor(for: approverUser)
        let calendar = try await CalendarRepository(store: store).current()
        let today = store.clock.todayInBeijing
        let clocks = ClockRepository(store: store)
        try await clocks.mutate(clockID, actor: actor, context: context) { tx, record in
            guard record.isOpen else { throw ClockRepository.closed(record) }
            var clock = record.clock(on: calendar)
            do {
                try clock.extend(by: count, ground: ground, approver: approverUser.name,
                                 approverPermissions: Set(approver.permissions.map(\.rawValue)), grantedOn: today)
            } catch { throw ClockRepository.domain(error) }
            try Self.checkPending(record, adding: count)
            let id = UUID()
            try await tx.sql.insert(into: "clock_extension_requests")
                .columns("id", "clock_id", "case_id", "count", "ground", "approver_id", "approver_name", "requested_by", "requested_on", "status",
                         "confirmed_on", "created_at", "updated_at")
                .values(SQLBind(id), SQLBind(record.id), SQLBind(record.caseID), SQLBind(count), SQLBind(ground), SQLBind(approverID),
                        SQLBind(approverUser.name), SQLBind(actor.userID), SQLBind(today.iso), SQLBind(Status.pending.rawValue), SQLLiteral.null,
                        SQLBind(tx.now), SQLBind(tx.now))
                .run()
            tx.record("clock.extension.request", "case", record.caseID.uuidString, changes: [
                "step": .init(before: nil, after: record.step), "extension": .init(before: nil, after: "+\(count) \(record.rule.unit.rawValue)"),
                "ground": .init(before: nil, after: ground), "approver": .init(before: nil, after: approverUser.name),
            ], detail: "clock \(record.id.uuidString) request \(id.uuidString)")
            let step = tx.store.procedures.stepName(record.step)
            try await NotificationRepository.insert(tx, [approverID], Notice(
                kind: "clock.extension.requested", title: "待确认延期：\(step)",
                body: "\(actor.name)申请将环节“\(step)”延期\(count)\(Self.unitZH(record.rule.unit))，理由：\(ground)。请在案件页确认。",
                link: "/cases/\(record.caseID.uuidString)"))
        }
        guard let stored = try await ClockRepository.load(clockID, on: store.sql) else { throw DomainError.notFound }
        return stored
    }

    /// The named approver confirms a pending request: the extension is recorded with them as its
    /// approver on today's date and the due date moves. Outside the actor's scope, or no such pending
    /// request: 404; anyone but the named approver: 403 `clock.extension.not-approver`.
    public func confirm(_ requestID: UUID, clockID: UUID, actor: Actor, context: AuditContext) async throws -> ClockRecord {
        let clocks = ClockRepository(store: store)
        guard let visible = try await clocks.find(clockID, actor: actor),
              let request = visible.pendingExtensions.first(where: { $0.id == requestID }) else { throw DomainError.notFound }
        guard request.approverID == actor.userID else {
            throw DomainError(.forbidden, code: "clock.extension.not-approver", messageZH: "只有申请中指定的批准人\(request.approverName)本人可以确认延期",
                              ruleID: "CAL-32")
        }
        let calendar = try await CalendarRepository(store: store).current()
        let today = store.clock.todayInBeijing
        try await clocks.mutate(clockID, actor: actor, context: context) { tx, record in
            // Re-read inside the transaction: a concurrent confirmation or end wins once.
            guard record.pendingExtensions.contains(where: { $0.id == requestID }) else {
                throw DomainError(.conflict, code: "clock.extension.not-pending", messageZH: "该延期申请已处理或已撤回", ruleID: "CAL-32")
            }
            guard record.isOpen else { throw ClockRepository.closed(record) }
            var clock = record.clock(on: calendar)
            let before = clock.dueDate(asOf: today).date
            do {
                try clock.extend(by: request.count, ground: request.ground, approver: actor.name,
                                 approverPermissions: Set(actor.permissions.map(\.rawValue)), grantedOn: today)
            } catch { throw ClockRepository.domain(error) }
            try await tx.sql.insert(into: "clock_records")
                .columns("id", "clock_id", "kind", "from_date", "to_date", "count", "ground", "approver_id", "approver_name", "granted_on", "created_at")
                .values(SQLBind(UUID()), SQLBind(record.id), SQLBind("extension"), SQLLiteral.null, SQLLiteral.null, SQLBind(request.count),
                        SQLBind(request.ground), SQLBind(actor.userID), SQLBind(actor.name), SQLBind(today.iso), SQLBind(tx.now))
                .run()
            try await tx.sql.update("clock_extension_requests").set("status", to: SQLBind(Status.confirmed.rawValue))
                .set("confirmed_on", to: SQLBind(today.iso)).set("updated_at", to: SQLBind(tx.now))
                .where("id", .equal, SQLBind(requestID)).where("status", .equal, SQLBind(Status.pending.rawValue)).run()
            let after = try await ClockRepository.storeDue(tx, id: record.id, clock: clock, today: today)
            tx.record("clock.extend", "case", record.caseID.uuidString, changes: [
                "step": .init(before: nil, after: record.step), "extension": .init(before: nil, after: "+\(request.count) \(record.rule.unit.rawValue)"),
                "ground": .init(before: nil, after: request.ground), "approver": .init(before: nil, after: actor.name),
                "due": .init(before: before.iso, after: after.iso),
            ], detail: "clock \(record.id.uuidString) request \(requestID.uuidString)")
        }
        guard let stored = try await ClockRepository.load(clockID, on: store.sql) else { throw DomainError.notFound }
        return stored
    }

    // MARK: Inside other writes

    enum Status: String { case pending, confirmed, withdrawn }

    /// The pending requests of these clocks, oldest first.
    static func pending(clockIDs: [UUID], on sql: any SQLDatabase) async throws -> [UUID: [ExtensionRequest]] {
        var out: [UUID: [ExtensionRequest]] = [:]
        for part in stride(from: 0, to: clockIDs.count, by: 500) {
            let chunk = Array(clockIDs[part..<min(part + 500, clockIDs.count)])
            for r in try await sql.select()
                .columns("id", "clock_id", "count", "ground", "approver_id", "approver_name", "requested_by", "requested_on")
                .from("clock_extension_requests").where("clock_id", .in, SQLBind.group(chunk))
                .where("status", .equal, SQLBind(Status.pending.rawValue)).orderBy("created_at").all() {
                let request = ExtensionRequest(
                    id: try r.decode(column: "id", as: UUID.self), clockID: try r.decode(column: "clock_id", as: UUID.self),
                    count: try r.decode(column: "count", as: Int.self), ground: try r.decode(column: "ground", as: String.self),
                    approverID: try r.decode(column: "approver_id", as: UUID.self), approverName: try r.decode(column: "approver_name", as: String.self),
                    requestedBy: try r.decode(column: "requested_by", as: UUID.self),
                    requestedOn: LocalDate(iso: try r.decode(column: "requested_on", as: String.self)) ?? LocalDate(ordinal: 0))
                out[request.clockID, default: []].append(request)
            }
        }
        return out
    }

    /// A clock that ends or is cancelled withdraws its pending requests (nothing left to extend).
    static func withdrawPending(_ tx: WriteTx, clockID: UUID, reason: String) async throws {
        try await tx.sql.update("clock_extension_requests").set("status", to: SQLBind(Status.withdrawn.rawValue))
            .set("updated_at", to: SQLBind(tx.now))
            .where("clock_id", .equal, SQLBind(clockID)).where("status", .equal, SQLBind(Status.pending.rawValue)).run()
    }

    /// CAL-32 with pending requests counted: the grants and total they would make with this one.
    static func checkPending(_ record: ClockRecord, adding count: Int) throws {
        let pending = record.pendingExtensions
        guard !pending.isEmpty else { return }
        let granted = record.records.filter { $0.kind == .extension }
        let unit = unitZH(record.rule.unit)
        if let grants = record.rule.maxExtensionGrants, granted.count + pending.count >= grants {
            throw DomainError.invalid([FieldError(field: "count", rule: "CAL-32", code: CalendarError.Code.extensionExceedsMaximum.rawValue,
                                                  messageZH: "该时限只能延期\(grants)次（含待确认的申请）")])
        }
        let total = granted.reduce(0) { $0 + $1.count } + pending.reduce(0) { $0 + $1.count } + count
        guard total <= record.rule.maxExtension else {
            throw DomainError.invalid([FieldError(field: "count", rule: "CAL-32", code: CalendarError.Code.extensionExceedsMaximum.rawValue,
                                                  messageZH: "延期累计\(total)\(unit)（含待确认的申请），超过规则允许的最多\(record.rule.maxExtension)\(unit)")])
        }
    }

    static func unitZH(_ unit: PeriodUnit) -> String {
        switch unit {
        case .workday: "个工作日"
        case .day: "日"
        case .month: "个月"
        case .hour: "小时"
        }
    }
}
