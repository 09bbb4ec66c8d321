import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// The indicator targets set per procedure and year (statistics.md "targets configurable", ST-10;
/// migration 022). Generic over the procedure: its case type keys the rows, its module declares what
/// may be set and the defaults. Everyone who reads statistics reads the targets in force; holders of
/// `statistics.targets` save a year's values in one audited transaction.
public struct IndicatorTargetRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// One value set for a year, with who set it and when.
    public struct Setting: Sendable, Equatable {
        public let key: String
        public let value: Double
        public let setBy: String
        public let setAt: Int64
    }

    /// The values set for `year` (key → setting); keys the procedure no longer declares included.
    public func settings<P: Procedure>(_ procedure: P.Type, year: Int) async throws -> [String: Setting] {
        try await Self.settings(caseType: P.caseType, year: year, on: store.sql)
    }

    /// The targets in force for `year`: the declared defaults overridden by the values set.
    public func inForce<P: Procedure>(_ procedure: P.Type, year: Int) async throws -> IndicatorTargets.InForce {
        let set = try await settings(P.self, year: year)
        return P.module.indicatorTargets.inForce(year: year, configured: set.mapValues(\.value))
    }

    /// Saves values for `year`: key → value, nil to remove the year's value (back to the default);
    /// keys not given are left as they are. Refused whole with every fault (`target.out-of-range`,
    /// `target.unknown`, `target.year.invalid`), nothing written. One transaction, one audit event
    /// naming each change (before → after); nothing changed, nothing written.
    @discardableResult
    public func save<P: Procedure>(_ procedure: P.Type, year: Int, values: [String: Double?], actor: Actor,
                                   context: AuditContext) async throws -> IndicatorTargets.InForce {
        try actor.require(.statisticsTargets)
        let declared = P.module.indicatorTargets
        let errors = [IndicatorTargets.checkYear(year, today: store.clock.todayInBeijing)].compactMap { $0 } + declared.check(values)
        guard errors.isEmpty else { throw IndicatorTargets.refusal(errors) }
        return try await store.write(context) { tx in
            let current = try await Self.settings(caseType: P.caseType, year: year, on: tx.sql)
            var changes: [String: AuditDraft.Change] = [:]
            var lines: [String] = []
            for key in declared.keys {
                guard let wanted = values[key] else { continue }  // not given: unchanged
                let before = current[key]?.value
                guard before != wanted else { continue }
                try await tx.sql.delete(from: "indicator_targets").where("case_type", .equal, SQLBind(P.caseType))
                    .where("key", .equal, SQLBind(key)).where("year", .equal, SQLBind(year)).run()
                if let wanted {
                    try await tx.sql.insert(into: "indicator_targets").columns("case_type", "key", "year", "value", "set_by", "set_at")
                        .values(SQLBind(P.caseType), SQLBind(key), SQLBind(year), SQLBind(String(wanted)), SQLBind(actor.name), SQLBind(tx.now)).run()
                }
                let measure = declared.measure(key) ?? .ratio
                func text(_ v: Double?) -> String { v.map { IndicatorFormat.format($0, measure) } ?? "—" }
                changes[key] = .init(before: before.map { String($0) }, after: wanted.map { String($0) })
                let standard = declared.standard(key)
                lines.append("\(declared.nameZH(key) ?? key) \(before == nil ? "默认" : "")\(text(before ?? standard)) → "
                             + (wanted == nil ? "恢复默认\(text(standard))" : text(wanted)))
            }
            if !lines.isEmpty {
                tx.record("statistics.targets", "indicator_targets", "\(P.caseType)/\(year)", changes: changes,
                          detail: "设定\(year)年度\(P.nameZH)考核目标：" + lines.joined(separator: "；"))
            }
            let after = try await Self.settings(caseType: P.caseType, year: year, on: tx.sql)
            return declared.inForce(year: year, configured: after.mapValues(\.value))
        }
    }

    static func settings(caseType: String, year: Int, on sql: any SQLDatabase) async throws -> [String: Setting] {
        var out: [String: Setting] = [:]
        for r in try await sql.select().columns("key", "value", "set_by", "set_at").from("indicator_targets")
            .where("case_type", .equal, SQLBind(caseType)).where("year", .equal, SQLBind(year)).all() {
            let key = try r.decode(column: "key", as: String.self)
            // Written by `save` as a Swift decimal; a value that does not read back is no value (the default applies).
            guard let value = Double(try r.decode(column: "value", as: String.self)), value.isFinite else { continue }
            out[key] = Setting(key: key, value: value, setBy: try r.decode(column: "set_by", as: String.self),
                               setAt: try r.decode(column: "set_at", as: Int64.self))
        }
        return out
    }
}
