import Foundation

/// 行政相对人的类型 (platform.md, Parties).
public enum PartyKind: String, Sendable, Codable, CaseIterable {
    case enterprise
    case individualBusiness = "individual-business"
    case cooperative
    case socialOrganisation = "social-organisation"
    case person
    case other

    public var nameZH: String {
        switch self {
        case .enterprise: "企业"
        case .individualBusiness: "个体工商户"
        case .cooperative: "农民专业合作社"
        case .socialOrganisation: "社会组织"
        case .person: "自然人"
        case .other: "其他"
        }
    }

    /// Accepts the English code or the Chinese name, as register extracts write it.
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let k = PartyKind(rawValue: t) { self = k; return }
        if let k = PartyKind.allCases.first(where: { $0.nameZH == t }) { self = k; return }
        switch t {
        case "个体", "个体户": self = .individualBusiness
        case "合作社": self = .cooperative
        case "个人", "公民": self = .person
        case "公司": self = .enterprise
        default: return nil
        }
    }

    /// Kinds for which the ID number identifies the party (PLT-12).
    public var identifiedByIDNumber: Bool { self == .person }
}

/// What a user or an import row gives to create or edit a party, as raw text.
public struct PartyInput: Sendable, Equatable, Codable {
    public var kind: String
    public var name: String
    public var uscc: String?
    public var idNumber: String?
    public var representative: String?
    public var phone: String?
    public var address: String?
    public var industry: String?
    public var licenceTermEnd: String?
    public var unitCode: String?

    public init(kind: String, name: String, uscc: String? = nil, idNumber: String? = nil, representative: String? = nil,
                phone: String? = nil, address: String? = nil, industry: String? = nil, licenceTermEnd: String? = nil, unitCode: String? = nil) {
        self.kind = kind
        self.name = name
        self.uscc = uscc
        self.idNumber = idNumber
        self.representative = representative
        self.phone = phone
        self.address = address
        self.industry = industry
        self.licenceTermEnd = licenceTermEnd
        self.unitCode = unitCode
    }
}

/// A party that passed every check: identifiers normalised, kind resolved.
public struct ValidParty: Sendable, Equatable {
    public let kind: PartyKind
    public let name: String
    public let uscc: String?
    public let idNumber: String?
    public let representative: String?
    public let phone: String?
    public let address: String?
    public let industry: String?
    public let licenceTermEnd: LocalDate?
    /// PLT-15: a person with name and phone only.
    public let identityUnverified: Bool

    /// The natural key a party is unique by (PLT-12): the USCC, else a natural person's ID number.
    /// An operator's ID number does not identify an individual business: one person may run several.
    public var naturalKey: NaturalKey? {
        if let u = uscc { return .uscc(u) }
        if let i = idNumber, kind == .person { return .idNumber(i) }
        return nil
    }

    public enum NaturalKey: Sendable, Equatable, Hashable {
        case uscc(String)
        case idNumber(String)
    }
}

public enum PartyRules {
    /// Trims whitespace (including the ideographic space) without Foundation's slow path: a bulk
    /// import calls this ten times a row.
    static func clean(_ s: String?) -> String? {
        guard let s else { return nil }
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return nil }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return s }
        return String(scalars[first...last])
    }

    /// Validates a party (PLT-10, PLT-11, PLT-15), returning every field at fault at once.
    public static func validate(_ input: PartyInput, today: LocalDate) -> Result<ValidParty, DomainError> {
        var errors: [FieldError] = []
        let kind = PartyKind(text: input.kind)
        if kind == nil {
            errors.append(FieldError(field: "kind", rule: "PLT-PARTY", code: "party.kind.invalid",
                                     messageZH: "类型“\(input.kind)”无效，应为：" + PartyKind.allCases.map(\.nameZH).joined(separator: "、")))
        }
        let name = clean(input.name)
        if name == nil {
            errors.append(FieldError(field: "name", rule: "PLT-PARTY", code: "party.name.required", messageZH: "名称不能为空"))
        } else if name!.count > 200 {
            errors.append(FieldError(field: "name", rule: "PLT-PARTY", code: "party.name.too-long", messageZH: "名称不能超过200个字"))
        }
        var uscc: String?
        if let raw = clean(input.uscc) {
            do { uscc = try USCC(raw).value } catch {
                errors.append(FieldError(field: "uscc", rule: "PLT-10", code: "party.uscc.invalid", messageZH: error.messageZH))
            }
        } else if kind == .enterprise || kind == .socialOrganisation {
            errors.append(FieldError(field: "uscc", rule: "PLT-10", code: "party.uscc.required", messageZH: "企业和社会组织须填写统一社会信用代码"))
        }
        var idNumber: String?
        if let raw = clean(input.idNumber) {
            do { idNumber = try IDNumber(raw, today: today).value } catch {
                errors.append(FieldError(field: "idNumber", rule: "PLT-11", code: "party.id-number.invalid", messageZH: error.messageZH))
            }
        }
        // the other free-text fields are kept whole or refused, never cut.
        for (field, label, value, limit) in [("representative", "法定代表人/经营者", input.representative, 100),
                                             ("address", "地址", input.address, 500), ("industry", "行业", input.industry, 100)] {
            if let v = clean(value), v.count > limit {
                errors.append(FieldError(field: field, rule: "X-06", code: "party.\(field).too-long",
                                         messageZH: "“\(label)”不能超过\(limit)个字（现有\(v.count)个字）"))
            }
        }
        let phone = clean(input.phone)
        if let p = phone, !(p.count >= 7 && p.count <= 20 && p.allSatisfy({ $0.isASCII && ($0.isNumber || "-+ ()".contains($0)) })) {
            errors.append(FieldError(field: "phone", rule: "PLT-PARTY", code: "party.phone.invalid", messageZH: "电话号码格式不正确"))
        }
        var licenceEnd: LocalDate?
        if let raw = clean(input.licenceTermEnd), raw != "长期" {
            licenceEnd = LocalDate(iso: raw)
            if licenceEnd == nil {
                errors.append(FieldError(field: "licenceTermEnd", rule: "PLT-PARTY", code: "party.licence-term.invalid", messageZH: "营业期限应为日期（如 2030-12-31）或“长期”"))
            }
        }
        if kind == .person && idNumber == nil && phone == nil {
            errors.append(FieldError(field: "idNumber", rule: "PLT-15", code: "party.person.identity", messageZH: "自然人须填写身份证号码，或至少填写电话（身份待核实）"))
        }
        guard errors.isEmpty, let kind, let name else { return .failure(.invalid(errors)) }
        return .success(ValidParty(kind: kind, name: name, uscc: uscc, idNumber: idNumber, representative: clean(input.representative),
                                   phone: phone, address: clean(input.address), industry: clean(input.industry), licenceTermEnd: licenceEnd,
                                   identityUnverified: kind == .person && idNumber == nil))
    }
}

/// A party as read back for display, with personal data masked unless revealed.
public struct PartySummary: Sendable, Equatable, Codable, Identifiable {
    public let id: UUID
    public let kind: PartyKind
    public let name: String
    public let uscc: String?
    public let idNumberMasked: String?
    public let representative: String?
    public let phoneMasked: String?
    public let addressMasked: String?
    public let industry: String?
    public let licenceTermEnd: LocalDate?
    public let unitID: UUID
    public let identityUnverified: Bool
    /// The record this one was merged into (PLT-12), if any.
    public let mergedInto: UUID?
    public let version: Int

    public init(id: UUID, kind: PartyKind, name: String, uscc: String?, idNumberMasked: String?, representative: String?, phoneMasked: String?,
                addressMasked: String?, industry: String?, licenceTermEnd: LocalDate?, unitID: UUID, identityUnverified: Bool, mergedInto: UUID? = nil,
                version: Int) {
        self.id = id
        self.kind = kind
        self.name = name
        self.uscc = uscc
        self.idNumberMasked = idNumberMasked
        self.representative = representative
        self.phoneMasked = phoneMasked
        self.addressMasked = addressMasked
        self.industry = industry
        self.licenceTermEnd = licenceTermEnd
        self.unitID = unitID
        self.identityUnverified = identityUnverified
        self.mergedInto = mergedInto
        self.version = version
    }
}

/// One entry of a party's history across modules (PLT-13). Empty until procedures exist.
public struct PartyHistoryEntry: Sendable, Equatable, Codable {
    public let caseID: UUID
    public let caseNumber: String
    public let module: String
    public let state: String
    public let openedOn: LocalDate
    public let unitID: UUID

    public init(caseID: UUID, caseNumber: String, module: String, state: String, openedOn: LocalDate, unitID: UUID) {
        self.caseID = caseID
        self.caseNumber = caseNumber
        self.module = module
        self.state = state
        self.openedOn = openedOn
        self.unitID = unitID
    }
}
