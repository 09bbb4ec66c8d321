import Foundation

// PLT-16: one shared tree of violation categories (code, name, legal basis, sector), kept by the
// legal department and versioned, read by every module — the interview's repeat exclusion (IV-03),
// guidance first-violation checks, complaint classification and the key-sector statistics. Pure
// values: the store keeps the versions (migration 018), the pages edit them.
//
// A version is a full snapshot of the tree; a case stores the category *code* (a string), so a case
// verified under version 1 keeps its code whatever later versions rename or retire. Codes are never
// removed from the tree: a category that no longer applies is retired — not offered for new cases,
// still named for old ones.

extension Permission {
    /// Publishes new versions of the violation-category tree (the legal department, PLT-16).
    public static let categoryManage: Permission = "category.manage"
}

/// One node of the tree: a sector (no parent) or a category under a sector (or under another category).
public struct ViolationCategoryNode: Sendable, Equatable, Codable {
    public var code: String
    public var nameZH: String
    /// The legal basis (法律依据) cited for the category, e.g. 《中华人民共和国消防法》第十六条.
    public var legalBasis: String
    /// The parent's code; nil for a sector.
    public var parent: String?
    /// For a sector: whether it is a key sector of the coverage indicator (statistics.md). A category
    /// inherits its sector's flag.
    public var keySector: Bool
    /// Not offered for new cases; still named for the cases that hold it.
    public var retired: Bool

    public init(code: String, nameZH: String, legalBasis: String, parent: String?, keySector: Bool = false, retired: Bool = false) {
        self.code = code
        self.nameZH = nameZH
        self.legalBasis = legalBasis
        self.parent = parent
        self.keySector = keySector
        self.retired = retired
    }

    public var isSector: Bool { parent == nil }
}

/// One published version of the tree: its number, the day it takes effect, its nodes.
public struct ViolationCategoryVersion: Sendable, Equatable, Codable {
    public let version: Int
    public let effectiveOn: LocalDate
    /// What the legal department said about the change (shown in the version history).
    public let note: String
    public let nodes: [ViolationCategoryNode]

    public init(version: Int, effectiveOn: LocalDate, note: String, nodes: [ViolationCategoryNode]) {
        self.version = version
        self.effectiveOn = effectiveOn
        self.note = note
        self.nodes = nodes
    }

    /// The code of the catch-all category whose choice needs a note (IV-03 keeps the note in the key).
    public static let otherCode = "other"

    public func node(_ code: String) -> ViolationCategoryNode? { nodes.first { $0.code == code } }

    /// The sectors, in the tree's order.
    public var sectors: [ViolationCategoryNode] { nodes.filter(\.isSector) }

    /// The nodes directly under `code`, in the tree's order.
    public func children(of code: String) -> [ViolationCategoryNode] { nodes.filter { $0.parent == code } }

    /// The sector a code belongs to (itself for a sector); nil for an unknown code or a broken chain.
    public func sector(of code: String) -> ViolationCategoryNode? {
        var seen: Set<String> = []
        var current = node(code)
        while let n = current, !seen.contains(n.code) {
            if n.isSector { return n }
            seen.insert(n.code)
            current = n.parent.flatMap(node)
        }
        return nil
    }

    /// Whether a case of this category counts in the key-sector coverage (its sector's flag).
    public func isKeySector(_ code: String) -> Bool { sector(of: code)?.keySector ?? false }

    /// A node is retired when it or any node above it is.
    public func isRetired(_ code: String) -> Bool {
        var seen: Set<String> = []
        var current = node(code)
        while let n = current, !seen.contains(n.code) {
            if n.retired { return true }
            seen.insert(n.code)
            current = n.parent.flatMap(node)
        }
        return false
    }

    /// The categories a new case may choose: the leaves under a sector, neither retired nor under a
    /// retired node, in the tree's order.
    public var offered: [ViolationCategoryNode] {
        nodes.filter { n in !n.isSector && !nodes.contains { $0.parent == n.code } && !isRetired(n.code) }
    }

    /// The Chinese name of a code, retired or not; nil for a code the tree never held.
    public func nameZH(_ code: String) -> String? { node(code)?.nameZH }

    /// How a category is offered: its name and sector.
    public func labelZH(_ code: String) -> String {
        guard let n = node(code) else { return code }
        guard let s = sector(of: code), s.code != code else { return n.nameZH }
        return "\(n.nameZH)（\(s.nameZH)）"
    }

    // MARK: Validation

    /// Every fault of the tree at once, each with rule PLT-16 and a stable code: a code and a name on
    /// every node, codes unique and well formed, every parent present, no cycle.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        func fault(_ field: String, _ code: String, _ message: String) {
            errors.append(FieldError(field: field, rule: "PLT-16", code: "category.\(code)", messageZH: message))
        }
        var seen: Set<String> = []
        let codes = Set(nodes.map(\.code))
        for n in nodes {
            let label = n.nameZH.isEmpty ? n.code : n.nameZH
            if n.code.isEmpty { fault("code", "code.required", "“\(label)”缺少类别代码") }
            else if !Self.wellFormed(n.code) { fault("code", "code.invalid", "类别代码“\(n.code)”只能由小写字母、数字和“-”组成，且以字母开头") }
            if !n.code.isEmpty && !seen.insert(n.code).inserted { fault("code", "code.duplicate", "类别代码“\(n.code)”重复") }
            if n.nameZH.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { fault("name", "name.required", "类别“\(n.code)”缺少名称") }
            if n.nameZH.count > 40 { fault("name", "name.long", "类别名称“\(n.nameZH)”不超过40字") }
            if let p = n.parent {
                if !codes.contains(p) { fault("parent", "parent.missing", "“\(label)”的上级类别“\(p)”不存在") }
                else if p == n.code || sector(of: n.code) == nil { fault("parent", "cycle", "“\(label)”的上级关系构成循环") }
            }
        }
        if !nodes.contains(where: { !$0.isSector }) { fault("nodes", "empty", "类别树中至少应有一个违法行为类别") }
        return errors
    }

    static func wellFormed(_ code: String) -> Bool {
        guard let first = code.unicodeScalars.first, ("a"..."z").contains(first), code.count <= 40 else { return false }
        return code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// Every published version, for the version in force on a day (X-08: the law changes).
public struct ViolationCategoryHistory: Sendable, Equatable {
    public let versions: [ViolationCategoryVersion]

    public init(_ versions: [ViolationCategoryVersion]) { self.versions = versions.sorted { $0.version < $1.version } }

    /// The newest version effective on `day` (the shipped version when none is).
    public func inForce(on day: LocalDate) -> ViolationCategoryVersion {
        versions.filter { $0.effectiveOn <= day }.max { ($0.effectiveOn, $0.version) < ($1.effectiveOn, $1.version) }
            ?? versions.min { $0.effectiveOn < $1.effectiveOn } ?? .shipped
    }

    /// The newest version, in force or pending.
    public var latest: ViolationCategoryVersion { versions.last ?? .shipped }
}
