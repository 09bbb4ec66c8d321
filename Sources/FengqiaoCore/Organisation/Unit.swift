import Foundation

/// The kinds of unit in the tree 局 → 分局 → 所 / 科室 (platform.md, Units).
public enum UnitKind: String, Sendable, Codable, CaseIterable {
    case bureau, branch, office, department, centre, external

    public var nameZH: String {
        switch self {
        case .bureau: "局"
        case .branch: "分局"
        case .office: "所"
        case .department: "科室"
        case .centre: "中心"
        case .external: "外部单位"
        }
    }
}

/// A unit as the domain sees it.
public struct OrgUnit: Sendable, Equatable, Codable, Identifiable {
    public let id: UUID
    public var code: String
    public var name: String
    public var kind: UnitKind
    public var parentID: UUID?
    public var areaCode: String?
    public var numberPrefix: String?
    public var active: Bool

    public init(id: UUID, code: String, name: String, kind: UnitKind, parentID: UUID?, areaCode: String?, numberPrefix: String?, active: Bool = true) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.parentID = parentID
        self.areaCode = areaCode
        self.numberPrefix = numberPrefix
        self.active = active
    }

    /// Checks a new or edited unit: code short ASCII, name present, area code six digits.
    public static func validate(code: String, name: String, areaCode: String?) -> [FieldError] {
        var errors: [FieldError] = []
        let codeOK = (1...16).contains(code.count) && code.unicodeScalars.allSatisfy {
            ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0x41 && $0.value <= 0x5A) || ($0.value >= 0x61 && $0.value <= 0x7A) || $0 == "-" || $0 == "_"
        }
        if !codeOK {
            errors.append(FieldError(field: "code", rule: "PLT-UNIT", code: "unit.code.invalid", messageZH: "单位代码应为1至16位英文字母、数字、连字符或下划线"))
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError(field: "name", rule: "PLT-UNIT", code: "unit.name.required", messageZH: "单位名称不能为空"))
        } else if name.count > 100 {
            // it heads pages and documents; kept whole or refused, never cut.
            errors.append(FieldError(field: "name", rule: "X-06", code: "unit.name.too-long", messageZH: "单位名称不能超过100个字"))
        }
        if let a = areaCode, !a.isEmpty, !(a.count == 6 && a.allSatisfy(\.isASCII) && a.allSatisfy(\.isNumber)) {
            errors.append(FieldError(field: "areaCode", rule: "PLT-UNIT", code: "unit.area-code.invalid", messageZH: "行政区划代码应为6位数字（GB/T 2260）"))
        }
        return errors
    }
}

/// The unit tree, for scope resolution (PLT-05) and display.
public struct UnitTree: Sendable {
    public let units: [UUID: OrgUnit]
    private let children: [UUID: [UUID]]

    public init(_ units: [OrgUnit]) {
        var byID: [UUID: OrgUnit] = [:]
        var children: [UUID: [UUID]] = [:]
        for u in units {
            byID[u.id] = u
            if let p = u.parentID { children[p, default: []].append(u.id) }
        }
        self.units = byID
        self.children = children
    }

    /// The unit and every unit below it.
    public func subtree(of root: UUID) -> Set<UUID> {
        var out: Set<UUID> = []
        var stack = [root]
        while let id = stack.popLast() {
            guard out.insert(id).inserted else { continue }
            stack.append(contentsOf: children[id] ?? [])
        }
        return out
    }

    /// Units in depth-first order with their depth, for an indented list.
    public func ordered() -> [(unit: OrgUnit, depth: Int)] {
        let roots = units.values.filter { $0.parentID == nil || units[$0.parentID!] == nil }.sorted { $0.code < $1.code }
        var out: [(OrgUnit, Int)] = []
        func walk(_ u: OrgUnit, _ d: Int) {
            out.append((u, d))
            for c in (children[u.id] ?? []).compactMap({ units[$0] }).sorted(by: { $0.code < $1.code }) { walk(c, d + 1) }
        }
        roots.forEach { walk($0, 0) }
        return out
    }

    /// The unit and its ancestors, nearest first.
    public func path(from id: UUID) -> [OrgUnit] {
        var out: [OrgUnit] = []
        var cur = units[id]
        while let u = cur, out.count < 64 {
            out.append(u)
            cur = u.parentID.flatMap { units[$0] }
        }
        return out
    }

    /// The name a document of a case in unit `id` is issued under (GB/T 9704 发文机关): the unit with its
    /// parent (江城区分局中村市场监管所); `inBureauName`, the county bureau above it — the nearest 分局,
    /// else the 局 — with its parent (CP-10: a 所 handles reports in the bureau's name).
    public func issuerName(of id: UUID, inBureauName: Bool = false) -> String {
        let from = inBureauName ? (nearest(.branch, from: id) ?? nearest(.bureau, from: id))?.id ?? id : id
        return path(from: from).reversed().map(\.name).suffix(2).joined()
    }

    /// Walks up to the nearest ancestor (or self) of the given kind.
    public func nearest(_ kind: UnitKind, from id: UUID) -> OrgUnit? {
        var cur = units[id]
        var guardCount = 0
        while let u = cur, guardCount < 64 {
            if u.kind == kind { return u }
            cur = u.parentID.flatMap { units[$0] }
            guardCount += 1
        }
        return nil
    }
}
