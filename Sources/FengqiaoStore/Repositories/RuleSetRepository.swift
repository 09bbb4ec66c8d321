import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// Time-limit rule sets (CAL-20…22): the shipped versions plus the legal department's, stored as
/// JSON documents (read and written whole; no JSON operators in SQL).
public struct RuleSetRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    public func book() async throws -> RuleBook {
        let rows = try await store.sql.select().column("body").from("rule_set_versions").orderBy("created_at").all()
        let decoder = JSONDecoder()
        let stored = try rows.map { try decoder.decode(RuleSet.self, from: Data(try $0.decode(column: "body", as: String.self).utf8)) }
        return RuleBook(store.procedures.ruleSets + ShippedRuleSets.platform + stored)
    }

    /// Saves the next version of a set (CAL-22), audited with the changed limits.
    public func saveNextVersion(key: String, edits: [String: RuleSetEditing.StepEdit], status: RuleSetStatus, effectiveFrom: LocalDate, citation: String,
                                actor: Actor, context: AuditContext) async throws -> RuleSet {
        try actor.require(.ruleSetEdit)
        let versions = try await book().versions(of: key)
        guard let previous = versions.last else { throw DomainError.notFound }
        let next = try RuleSetEditing.nextVersion(of: versions, edits: edits, status: status, effectiveFrom: effectiveFrom, citation: citation,
                                                  today: store.clock.todayInBeijing).get()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = String(decoding: try encoder.encode(next), as: UTF8.self)
        try await store.write(context) { tx in
            try await tx.sql.insert(into: "rule_set_versions").columns("id", "key", "version", "body", "created_at", "created_by")
                .values(SQLBind(UUID()), SQLBind(key), SQLBind(next.version), SQLBind(body), SQLBind(tx.now), SQLBind(context.login ?? "system"))
                .run()
            var changes: [String: AuditDraft.Change] = [
                "version": .init(before: String(previous.version), after: String(next.version)),
                "effectiveFrom": .init(before: previous.effectiveFrom.iso, after: next.effectiveFrom.iso),
                "status": .init(before: previous.status.rawValue, after: next.status.rawValue),
            ]
            for (step, rule) in next.rules {
                let old = previous.rules[step]
                if old != rule {
                    changes["rule.\(step)"] = .init(before: old.map { "\($0.count) \($0.unit.rawValue) 延\($0.maxExtension)" },
                                                    after: "\(rule.count) \(rule.unit.rawValue) 延\(rule.maxExtension)")
                }
            }
            tx.record("ruleset.version", "rule-set", key, changes: changes)
        }
        return next
    }
}
