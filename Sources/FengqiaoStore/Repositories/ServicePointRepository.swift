import FengqiaoCore
import Foundation
import SQLKit

/// Service points (complaints.md, ServicePoint; CP-40): 消协分会, 投诉举报站 and 联络点 of each unit with
/// their liaison and 挂牌 date, and each unit's target count — 挂牌率 = established ÷ target.
public struct ServicePointRepository: Sendable {
    let store: Store
    public init(store: Store) { self.store = store }

    public struct Point: Sendable, Equatable {
        public let id: UUID
        public let unitID: UUID
        public let kind: ServicePointKind
        public let name: String
        public let liaisonName: String
        public let liaisonPhone: String
        public let listedOn: LocalDate
    }

    /// The service points of the units the actor sees, by unit and 挂牌 date.
    public func points(actor: Actor) async throws -> [Point] {
        try actor.require(.caseRead)
        var q = store.sql.select().columns("id", "unit_id", "kind", "name", "liaison_name", "liaison_phone", "listed_on").from("service_points")
        if let units = actor.visibleUnits { q = q.where("unit_id", .in, SQLBind.group(Array(units))) }
        return try await q.orderBy("listed_on").all().map { r in
            Point(id: try r.decode(column: "id", as: UUID.self), unitID: try r.decode(column: "unit_id", as: UUID.self),
                  kind: ServicePointKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .liaison, name: try r.decode(column: "name", as: String.self),
                  liaisonName: try r.decode(column: "liaison_name", as: String.self), liaisonPhone: try r.decode(column: "liaison_phone", as: String.self),
                  listedOn: LocalDate(iso: try r.decode(column: "listed_on", as: String.self)) ?? LocalDate(year: 2000, month: 1, day: 1)!)
        }
    }

    /// Every registered point as the procedures see it (CP-17: the bodies a mediation may be delegated
    /// to), whatever the actor's scope: the engine checks the case's own unit tree.
    func all() async throws -> [ServicePointFact] {
        try await store.sql.select().columns("id", "unit_id", "kind", "name", "listed_on").from("service_points").orderBy("listed_on").all().compactMap { r in
            guard let kind = ServicePointKind(rawValue: try r.decode(column: "kind", as: String.self)),
                  let listed = LocalDate(iso: try r.decode(column: "listed_on", as: String.self)) else { return nil }
            return ServicePointFact(id: try r.decode(column: "id", as: UUID.self), unitID: try r.decode(column: "unit_id", as: UUID.self), kind: kind,
                                    name: try r.decode(column: "name", as: String.self), listedOn: listed)
        }
    }

    /// Each visible unit's target (units without one are absent).
    public func targets(actor: Actor) async throws -> [UUID: Int] {
        try actor.require(.caseRead)
        var out: [UUID: Int] = [:]
        for r in try await store.sql.select().columns("unit_id", "target").from("service_point_targets").all() {
            let unit = try r.decode(column: "unit_id", as: UUID.self)
            if actor.sees(unit: unit) { out[unit] = try r.decode(column: "target", as: Int.self) }
        }
        return out
    }

    /// CP-40: per visible unit with a target or a point, 挂牌率 on `day` (points listed on or before it).
    public func rates(actor: Actor, on day: LocalDate) async throws -> [UUID: ListingRate] {
        let points = try await points(actor: actor)
        let targets = try await targets(actor: actor)
        var out: [UUID: ListingRate] = [:]
        for unit in Set(points.map(\.unitID)).union(targets.keys) {
            out[unit] = ListingRate(established: points.count { $0.unitID == unit && $0.listedOn <= day && $0.kind.countsForListing }, target: targets[unit] ?? 0)
        }
        return out
    }

    /// Registers a service point of a unit the actor sees; every fault at once.
    public func create(_ v: [String: String], actor: Actor, context: AuditContext) async throws -> UUID {
        try actor.require(.complaintDispatch)
        var errors: [FieldError] = []
        let unit = v["unitID"].flatMap(UUID.init(uuidString:)) ?? actor.unitID
        if !actor.sees(unit: unit) { errors.append(FieldError(field: "unitID", rule: "X-05", code: "service-point.unit", messageZH: "所选单位不在您的管辖范围内")) }
        let kind = v["kind"].flatMap(ServicePointKind.init(rawValue:))
        if kind == nil { errors.append(FieldError(field: "kind", rule: "X-06", code: "input.choice.invalid", messageZH: "请选择服务站点类型")) }
        func text(_ k: String, _ label: String, max: Int) -> String {
            let t = v[k]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if t.isEmpty { errors.append(FieldError(field: k, rule: "X-06", code: "input.required", messageZH: "请填写“\(label)”")) }
            if t.count > max { errors.append(FieldError(field: k, rule: "X-06", code: "input.too-long", messageZH: "“\(label)”不得超过\(max)字")) }
            return t
        }
        let name = text("name", "站点名称", max: 100), liaison = text("liaisonName", "联络人", max: 30), phone = text("liaisonPhone", "联系电话", max: 20)
        if !phone.isEmpty && !phone.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) {
            errors.append(FieldError(field: "liaisonPhone", rule: "X-06", code: "service-point.phone", messageZH: "联系电话只能包含数字和“-”"))
        }
        let listed = v["listedOn"].flatMap(LocalDate.init(iso:))
        if listed == nil { errors.append(FieldError(field: "listedOn", rule: "X-06", code: "input.date.invalid", messageZH: "“挂牌日期”不是有效日期（格式 2025-10-09）")) }
        guard errors.isEmpty, let kind, let listed else { throw DomainError.invalid(errors) }
        let id = UUID()
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "service_points").columns("id", "unit_id", "kind", "name", "liaison_name", "liaison_phone", "listed_on", "created_at")
                .values(SQLBind(id), SQLBind(unit), SQLBind(kind.rawValue), SQLBind(name), SQLBind(liaison), SQLBind(phone), SQLBind(listed.iso), SQLBind(tx.now))
                .run()
            tx.record("service-point.create", "unit", unit.uuidString, detail: "\(kind.nameZH)“\(name)”\(listed.chinese)挂牌")
        }
        return id
    }

    /// Sets a unit's target count of service points (CP-40), audited with the old value.
    public func setTarget(unitID: UUID, target: String?, actor: Actor, context: AuditContext) async throws {
        try actor.require(.complaintDispatch)
        guard actor.sees(unit: unitID) else { throw DomainError.notFound }
        guard let n = target.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), (0...1000).contains(n) else {
            throw DomainError.invalid([FieldError(field: "target", rule: "CP-40", code: "service-point.target", messageZH: "目标数须为0至1000的整数")])
        }
        let old = try await targets(actor: actor)[unitID]
        try await store.write(context) { tx in
            try await tx.sql.delete(from: "service_point_targets").where("unit_id", .equal, SQLBind(unitID)).run()
            try await tx.sql.insert(into: "service_point_targets").columns("unit_id", "target", "updated_at")
                .values(SQLBind(unitID), SQLBind(n), SQLBind(tx.now)).run()
            tx.record("service-point.target", "unit", unitID.uuidString, changes: ["target": .init(before: old.map(String.init), after: "\(n)")])
        }
    }
}
