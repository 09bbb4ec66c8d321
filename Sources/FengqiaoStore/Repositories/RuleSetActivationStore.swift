import FengqiaoCore
import Foundation
import SQLKit

/// What an activation did (CP-03), for the page and the API.
public struct RuleSetActivationResult: Sendable {
    /// The confirmed version.
    public let version: RuleSet
    /// Every clock it touched: each lost 规则待核实, the open ones were recounted.
    public let changes: [RuleSetActivation.ClockChange]
    /// The cases that now bind the confirmed version.
    public let cases: Int
}

extension RuleSetRepository {
    /// CP-03: the legal department activates the unconfirmed version `version` of `key` with a value
    /// and a citation for each step. In one transaction: the confirmed version is stored; every case
    /// bound to the unconfirmed version binds the confirmed one; every clock bound to it loses
    /// 规则待核实 and each open one is recounted with the confirmed values; each clock change is an
    /// audit event on its case (old due, new due, rule-set version, calendar revision), and the
    /// activation itself one on the rule set.
    public func activate(key: String, version: Int, values: [String: RuleSetEditing.StepEdit], citation: String,
                         actor: Actor, context: AuditContext) async throws -> RuleSetActivationResult {
        try actor.require(.ruleSetEdit)
        let versions = try await book().versions(of: key)
        guard let target = versions.first(where: { $0.version == version }) else { throw DomainError.notFound }
        let confirmed = try RuleSetActivation.activate(target, versions: versions, values: values, citation: citation).get()
        let calendar = try await CalendarRepository(store: store).current()
        let today = store.clock.todayInBeijing
        let body = try Self.body(confirmed)
        return try await store.write(context) { tx in
            // Re-check inside the write: another activation may have committed since the read.
            let stored = try await tx.sql.select().column("body").from("rule_set_versions").where("key", .equal, SQLBind(key)).all()
                .map { try JSONDecoder().decode(RuleSet.self, from: Data(try $0.decode(column: "body", as: String.self).utf8)) }
            if stored.contains(where: { $0.version >= confirmed.version || $0.confirms == version }) {
                throw DomainError(.conflict, code: "ruleset.activate.already", messageZH: "该规则集已被他人修改，请刷新后重试", ruleID: "CP-03")
            }
            try await Self.insert(tx, key: key, version: confirmed.version, body: body, login: context.login)

            // The clocks bound to the unconfirmed version.
            let rows = try await tx.sql.select().columns(ClockRepository.selected).from("clocks").where("rule_set", .equal, SQLBind(target.id)).all()
            let bound = try await ClockRepository.decode(rows, on: tx.sql).map {
                RuleSetActivation.BoundClock(id: $0.id, caseID: $0.caseID, step: $0.step, clock: $0.clock(on: calendar), storedDue: $0.due, isOpen: $0.isOpen)
            }
            let changes = RuleSetActivation.changes(bound, from: target, to: confirmed, today: today)
            for change in changes { try await Self.apply(tx, change, label: confirmed.label) }

            // The cases bound to it (CAL-21 binding follows the confirmation). A case binds at
            // receipt, which is on or before its opening, so no case opened before the range binds it.
            let caseRows = try await tx.sql.select().columns("id", "rule_versions").from("cases")
                .where("opened_on", .greaterThanOrEqual, SQLBind(target.effectiveFrom.iso)).all()
            var rebound: [UUID] = []
            for row in caseRows {
                let raw = try row.decode(column: "rule_versions", as: String.self)
                guard var map = try? JSONDecoder().decode([String: Int].self, from: Data(raw.utf8)), map[key] == version else { continue }
                map[key] = confirmed.version
                let after = CaseRepository.encode(map)
                let id = try row.decode(column: "id", as: UUID.self)
                try await tx.sql.update("cases").set("rule_versions", to: SQLBind(after)).set("updated_at", to: SQLBind(tx.now))
                    .where("id", .equal, SQLBind(id)).run()
                tx.record("case.ruleset.confirm", "case", id.uuidString, changes: ["ruleVersions": .init(before: raw, after: after)],
                          detail: "法制科确认时限规则“\(confirmed.nameZH)”（\(confirmed.label)）生效：第\(version)版由第\(confirmed.version)版确认，规则待核实标记解除")
                rebound.append(id)
            }
            let affected = Array(Set(rebound + changes.map(\.caseID)))
            try await ClockRepository.refreshNextDue(tx.sql, caseIDs: affected)

            var audit: [String: AuditDraft.Change] = [
                "version": .init(before: String(version), after: String(confirmed.version)),
                "status": .init(before: target.status.rawValue, after: confirmed.status.rawValue),
                "effectiveFrom": .init(before: target.effectiveFrom.iso, after: confirmed.effectiveFrom.iso),
                "citation": .init(before: target.citation, after: confirmed.citation),
                "cases": .init(before: nil, after: String(affected.count)),
                "recomputed": .init(before: nil, after: String(changes.filter(\.moved).count)),
            ]
            for step in confirmed.rules.keys.sorted() {
                guard let old = target.rules[step], let new = confirmed.rules[step] else { continue }
                audit["rule.\(step)"] = .init(before: "\(old.count) \(old.unit.rawValue) 延\(old.maxExtension) 依据：\(old.citation)",
                                              after: "\(new.count) \(new.unit.rawValue) 延\(new.maxExtension) 依据：\(new.citation)")
            }
            tx.record("ruleset.activate", "rule-set", key, changes: audit,
                      detail: "\(confirmed.label) 第\(version)版确认生效为第\(confirmed.version)版，日历修订 \(calendar.revision)")
            return RuleSetActivationResult(version: confirmed, changes: changes, cases: affected.count)
        }
    }

    /// One clock's change, stored and logged on its case's timeline.
    static func apply(_ tx: WriteTx, _ change: RuleSetActivation.ClockChange, label: String) async throws {
        var update = tx.sql.update("clocks").set("rule_unconfirmed", to: SQLBind(false)).set("rule_set", to: SQLBind(change.newRuleSet))
            .set("updated_at", to: SQLBind(tx.now))
        if change.newRuleSet != change.oldRuleSet {
            update = update.set("rule", to: SQLBind(ClockRepository.encode(change.newRule))).set("due_date", to: SQLBind(change.newDue.iso))
                .set("provisional", to: SQLBind(change.provisional)).set("due_at", to: SQLBind(change.dueAt))
                .set("calendar_revision", to: SQLBind(change.calendarRevision))
        }
        try await update.where("id", .equal, SQLBind(change.clockID)).run()
        // Never lose a recomputation: old and new due date, rule-set version and calendar revision.
        tx.record("clock.ruleset", "case", change.caseID.uuidString, changes: [
            "step": .init(before: nil, after: change.step),
            "rule": .init(before: "\(change.oldRuleSet) \(change.oldRule.count) \(change.oldRule.unit.rawValue)",
                          after: "\(change.newRuleSet) \(change.newRule.count) \(change.newRule.unit.rawValue)"),
            "due": .init(before: change.oldDue.iso, after: change.newDue.iso),
            "calendarRevision": .init(before: nil, after: String(change.calendarRevision)),
            "ruleUnconfirmed": .init(before: "true", after: "false"),
        ], detail: change.moved ? "时限规则 \(label) 确认生效，期限按确认的数值重算" : "时限规则 \(label) 确认生效，规则待核实标记解除")
    }

    /// A version as stored: the JSON body with sorted keys.
    static func body(_ set: RuleSet) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(set), as: UTF8.self)
    }

    static func insert(_ tx: WriteTx, key: String, version: Int, body: String, login: String?) async throws {
        try await tx.sql.insert(into: "rule_set_versions").columns("id", "key", "version", "body", "created_at", "created_by")
            .values(SQLBind(UUID()), SQLBind(key), SQLBind(version), SQLBind(body), SQLBind(tx.now), SQLBind(login ?? "system"))
            .run()
    }
}
