import Foundation

// PLT-16: the shipped version 1 of the violation-category tree, and how the legal department
// publishes the next version (add, edit, retire; an effective date), every fault named at once.

extension ViolationCategoryVersion {
    /// Version 1, seeded by migration 018. Its category codes are exactly the codes interview cases
    /// stored before the tree existed (`fire-equipment` … `other`), with the same Chinese names, so
    /// every stored case keeps a valid category. The key sectors of the coverage indicator are work
    /// safety, food safety and sanitation (statistics.md), as before.
    public static let shipped = ViolationCategoryVersion(version: 1, effectiveOn: LocalDate(year: 2020, month: 1, day: 1)!,
                                                         note: "初始版本：沿用约谈模块原有的十一个违法行为类别", nodes: shippedNodes)

    static let shippedNodes: [ViolationCategoryNode] = [
        .init(code: "sector-safety", nameZH: "安全生产", legalBasis: "《中华人民共和国安全生产法》《中华人民共和国消防法》", parent: nil, keySector: true),
        .init(code: "fire-equipment", nameZH: "消防器材缺失", legalBasis: "《中华人民共和国消防法》第十六条", parent: "sector-safety"),
        .init(code: "safety-rules", nameZH: "安全制度不健全", legalBasis: "《中华人民共和国安全生产法》第四条、第二十一条", parent: "sector-safety"),
        .init(code: "sector-food", nameZH: "食品安全", legalBasis: "《中华人民共和国食品安全法》", parent: nil, keySector: true),
        .init(code: "food", nameZH: "食品安全", legalBasis: "《中华人民共和国食品安全法》第三十三条、第三十四条", parent: "sector-food"),
        .init(code: "sector-sanitation", nameZH: "环境卫生", legalBasis: "《城市市容和环境卫生管理条例》", parent: nil, keySector: true),
        .init(code: "environment", nameZH: "环境卫生", legalBasis: "《城市市容和环境卫生管理条例》；经营场所卫生另见《中华人民共和国食品安全法》第三十三条",
              parent: "sector-sanitation"),
        .init(code: "sector-price", nameZH: "价格", legalBasis: "《中华人民共和国价格法》", parent: nil),
        .init(code: "price", nameZH: "价格违法", legalBasis: "《中华人民共和国价格法》第十三条、第十四条", parent: "sector-price"),
        .init(code: "sector-advertising", nameZH: "广告", legalBasis: "《中华人民共和国广告法》", parent: nil),
        .init(code: "advertising", nameZH: "广告违法", legalBasis: "《中华人民共和国广告法》第九条、第二十八条", parent: "sector-advertising"),
        .init(code: "sector-quality", nameZH: "产品质量与标签", legalBasis: "《中华人民共和国产品质量法》", parent: nil),
        .init(code: "labelling", nameZH: "标签标识不规范", legalBasis: "《中华人民共和国产品质量法》第二十七条", parent: "sector-quality"),
        .init(code: "sector-registration", nameZH: "企业登记与信息公示", legalBasis: "《中华人民共和国市场主体登记管理条例》《企业信息公示暂行条例》", parent: nil),
        .init(code: "annual-report", nameZH: "年报未公示", legalBasis: "《企业信息公示暂行条例》第八条", parent: "sector-registration"),
        .init(code: "licence", nameZH: "证照不全", legalBasis: "《无证无照经营查处办法》第二条", parent: "sector-registration"),
        .init(code: "sector-noise", nameZH: "噪声污染", legalBasis: "《中华人民共和国噪声污染防治法》", parent: nil),
        .init(code: "noise", nameZH: "噪声扰民", legalBasis: "《中华人民共和国噪声污染防治法》第六十四条", parent: "sector-noise"),
        .init(code: "sector-other", nameZH: "其他", legalBasis: "法律、法规规定的其他情形", parent: nil),
        .init(code: "other", nameZH: "其他", legalBasis: "依所违反的具体法律、法规条款认定（须说明）", parent: "sector-other"),
    ]
}

/// One change the legal department makes to the tree in a new version.
public enum ViolationCategoryChange: Sendable, Equatable {
    /// A new sector (no parent) or category; its code is new and never reused.
    case add(ViolationCategoryNode)
    /// A new name, legal basis, parent or key-sector flag for an existing code (old cases keep the
    /// code; they show the name they were verified with).
    case edit(code: String, nameZH: String, legalBasis: String, parent: String?, keySector: Bool)
    /// Not offered for new cases from the version's effective date; still named for old ones.
    case retire(code: String)

    public var code: String {
        switch self {
        case let .add(n): n.code
        case let .edit(code, _, _, _, _), let .retire(code): code
        }
    }

    /// The line of the confirmation and the audit trail.
    public func summaryZH(in tree: ViolationCategoryVersion) -> String {
        switch self {
        case let .add(n): "新增\(n.isSector ? "行业领域" : "类别")“\(n.nameZH)”（\(n.code)）"
        case let .edit(code, name, _, _, _): "修改“\(tree.nameZH(code) ?? code)”（\(code)）为“\(name)”"
        case let .retire(code): "停用“\(tree.nameZH(code) ?? code)”（\(code)）"
        }
    }
}

extension ViolationCategoryVersion {
    /// The next version with `changes` applied, or every reason it cannot be published (PLT-16,
    /// X-06): an empty change, an unknown or reused code, a retired category retired again, an
    /// effective date before today or before the newest version's, and every fault of the new tree.
    public func publishing(_ changes: [ViolationCategoryChange], effectiveOn: LocalDate?, note: String, latest: ViolationCategoryVersion? = nil,
                           today: LocalDate) -> Result<ViolationCategoryVersion, DomainError> {
        var errors: [FieldError] = []
        func fault(_ field: String, _ code: String, _ message: String) {
            errors.append(FieldError(field: field, rule: "PLT-16", code: "category.\(code)", messageZH: message))
        }
        let base = latest ?? self
        if changes.isEmpty { fault("change", "change.empty", "请说明要新增、修改或停用的类别") }
        if let effectiveOn {
            if effectiveOn < today { fault("effectiveOn", "effective.past", "生效日期不能早于今天") }
            if effectiveOn < base.effectiveOn { fault("effectiveOn", "effective.order", "生效日期不能早于第\(base.version)版的生效日期（\(base.effectiveOn.chinese)）") }
        } else {
            fault("effectiveOn", "effective.invalid", "请填写生效日期（YYYY-MM-DD）")
        }
        var nodes = base.nodes
        for change in changes {
            let clean = change.code.trimmingCharacters(in: .whitespacesAndNewlines)
            let index = nodes.firstIndex { $0.code == clean }
            switch change {
            case var .add(n):
                if index != nil { fault("code", "code.exists", "类别代码“\(clean)”已经使用过（停用的代码也不能再用）"); continue }
                n.code = clean
                n.nameZH = n.nameZH.trimmingCharacters(in: .whitespacesAndNewlines)
                n.legalBasis = n.legalBasis.trimmingCharacters(in: .whitespacesAndNewlines)
                if n.parent?.isEmpty == true { n.parent = nil }
                if !n.isSector && n.legalBasis.isEmpty { fault("legalBasis", "legal-basis.required", "请填写“\(n.nameZH)”的法律依据") }
                nodes.append(n)
            case let .edit(_, name, basis, parent, key):
                guard let i = index else { fault("code", "code.unknown", "没有代码为“\(clean)”的类别"); continue }
                nodes[i].nameZH = name.trimmingCharacters(in: .whitespacesAndNewlines)
                nodes[i].legalBasis = basis.trimmingCharacters(in: .whitespacesAndNewlines)
                nodes[i].parent = parent?.isEmpty == true ? nil : parent
                nodes[i].keySector = key
                if !nodes[i].isSector && nodes[i].legalBasis.isEmpty { fault("legalBasis", "legal-basis.required", "请填写“\(nodes[i].nameZH)”的法律依据") }
            case .retire:
                guard let i = index else { fault("code", "code.unknown", "没有代码为“\(clean)”的类别"); continue }
                if nodes[i].retired { fault("code", "retired.already", "“\(nodes[i].nameZH)”已经停用") }
                nodes[i].retired = true
            }
        }
        let next = ViolationCategoryVersion(version: base.version + 1, effectiveOn: effectiveOn ?? today,
                                            note: note.trimmingCharacters(in: .whitespacesAndNewlines), nodes: nodes)
        errors += next.validate()
        if errors.isEmpty && next.offered.isEmpty { fault("change", "offered.empty", "发布后将没有可选的违法行为类别") }
        return errors.isEmpty ? .success(next) : .failure(.invalid(errors))
    }
}
