import FengqiaoCore
import FluentKit
import Foundation
import SQLKit

/// PLT-16: the shared violation-category tree. Everyone reads the version in force (procedures
/// check category fields against it); holders of `category.manage` (the legal department) publish
/// the next version — a full snapshot with its effective date, audited. Nothing is deleted:
/// a retired category stays in every later version, flagged.
public struct ViolationCategoryRepository: Sendable {
    public let store: Store
    public init(store: Store) { self.store = store }

    /// A published version and who published it (the version history).
    public struct Published: Sendable, Equatable {
        public let tree: ViolationCategoryVersion
        public let publishedBy: String
        public let publishedAt: Int64
    }

    /// Every version, oldest first.
    public func history() async throws -> [Published] {
        let heads = try await store.sql.select().columns("version", "effective_on", "note", "created_by", "created_at")
            .from("violation_category_versions").orderBy("version").all()
        var nodes: [Int: [ViolationCategoryNode]] = [:]
        for r in try await store.sql.select().columns("version", "code", "name_zh", "legal_basis", "parent_code", "key_sector", "retired")
            .from("violation_categories").orderBy("version").orderBy("position").all() {
            nodes[try r.decode(column: "version", as: Int.self), default: []].append(ViolationCategoryNode(
                code: try r.decode(column: "code", as: String.self), nameZH: try r.decode(column: "name_zh", as: String.self),
                legalBasis: try r.decode(column: "legal_basis", as: String.self), parent: try r.decode(column: "parent_code", as: String?.self),
                keySector: try r.decode(column: "key_sector", as: Bool.self), retired: try r.decode(column: "retired", as: Bool.self)))
        }
        return try heads.compactMap { r in
            let version = try r.decode(column: "version", as: Int.self)
            guard let on = LocalDate(iso: try r.decode(column: "effective_on", as: String.self)) else { return nil }
            return Published(tree: ViolationCategoryVersion(version: version, effectiveOn: on, note: try r.decode(column: "note", as: String.self),
                                                            nodes: nodes[version] ?? []),
                             publishedBy: try r.decode(column: "created_by", as: String.self), publishedAt: try r.decode(column: "created_at", as: Int64.self))
        }
    }

    /// The versions as the core reads them.
    public func versions() async throws -> ViolationCategoryHistory { ViolationCategoryHistory(try await history().map(\.tree)) }

    /// The version in force on `day` (today in Beijing when nil): what a new case is offered and checked against.
    public func inForce(on day: LocalDate? = nil) async throws -> ViolationCategoryVersion {
        try await versions().inForce(on: day ?? store.clock.todayInBeijing)
    }

    /// Publishes the next version with `changes`, effective on `effectiveOn` (today or later, not
    /// before the newest version's); refused with every fault (PLT-16, X-06), nothing written.
    /// The trail names each change.
    @discardableResult
    public func publish(_ changes: [ViolationCategoryChange], effectiveOn: LocalDate?, note: String, actor: Actor,
                        context: AuditContext) async throws -> ViolationCategoryVersion {
        try actor.require(.categoryManage)
        let all = try await versions()
        let latest = all.latest
        let next: ViolationCategoryVersion
        switch latest.publishing(changes, effectiveOn: effectiveOn, note: note, today: store.clock.todayInBeijing) {
        case let .success(v): next = v
        case let .failure(e): throw e
        }
        let lines = changes.map { $0.summaryZH(in: latest) }
        try await store.write(context) { tx in
            // The unique index on the version number refuses a concurrent publication of the same number.
            try await CreateViolationCategories.insert(next, by: actor.name, at: tx.now, on: tx.sql)
            tx.record("category.publish", "violation_category_version", String(next.version), changes: [
                "version": .init(before: String(latest.version), after: String(next.version)),
                "effectiveOn": .init(before: latest.effectiveOn.chinese, after: next.effectiveOn.chinese),
            ], detail: "发布违法行为类别第\(next.version)版（\(next.effectiveOn.chinese)起施行）：" + lines.joined(separator: "；"))
        }
        return next
    }
}
