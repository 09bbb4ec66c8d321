import Foundation

// PLT-08: the expert pool — experts and technical specialists (field, unit, contact, conflicts) who
// can be invited to an interview, a mediation or a hearing; their participation is recorded on the
// case. Pure values and checks; the store keeps the pool (the contact sealed, PLT-34).

extension Permission {
    /// Keeps the expert pool (the legal department, PLT-08).
    public static let expertManage: Permission = "expert.manage"
}

/// An expert as entered: every fault named at once.
public struct ExpertInput: Sendable, Equatable {
    public var name: String
    public var field: String
    public var organisation: String
    public var phone: String?

    public init(name: String, field: String, organisation: String, phone: String?) {
        self.name = name
        self.field = field
        self.organisation = organisation
        self.phone = phone
    }

    /// Trimmed and checked: a name, a field and a unit; a phone, when given, of 7–20 digits and dashes.
    public func validated() -> Result<ExpertInput, DomainError> {
        func clean(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
        let out = ExpertInput(name: clean(name), field: clean(field), organisation: clean(organisation),
                              phone: phone.map(clean).flatMap { $0.isEmpty ? nil : $0 })
        var errors: [FieldError] = []
        for (value, key, label) in [(out.name, "name", "姓名"), (out.field, "field", "专业领域"), (out.organisation, "organisation", "工作单位")] {
            if value.isEmpty { errors.append(FieldError(field: key, rule: "PLT-08", code: "expert.\(key).required", messageZH: "请填写“\(label)”")) }
            if value.count > 60 { errors.append(FieldError(field: key, rule: "X-06", code: "expert.\(key).long", messageZH: "“\(label)”不超过60字")) }
        }
        if let p = out.phone, !(7...20).contains(p.count) || !p.allSatisfy({ $0.isNumber || $0 == "-" }) {
            errors.append(FieldError(field: "phone", rule: "X-06", code: "expert.phone.invalid", messageZH: "联系电话应为7至20位数字（可含“-”）"))
        }
        return errors.isEmpty ? .success(out) : .failure(.invalid(errors))
    }
}

/// What an expert is invited to (PLT-08).
public enum ExpertOccasion: String, Sendable, CaseIterable {
    case interview, mediation, hearing
    public var nameZH: String {
        switch self {
        case .interview: "约谈"
        case .mediation: "调解"
        case .hearing: "听证"
        }
    }
}

/// An invitation of an expert to a case, checked against the pool and the case's parties.
public enum ExpertInvitation {
    /// Every reason the invitation is refused: an expert no longer in the pool, a conflict of
    /// interest with a party of the case (PLT-06, PLT-08), a date in the future or not a date.
    public static func check(expertName: String, active: Bool, conflictParties: Set<UUID>, caseParties: [UUID], on rawDate: String?,
                             today: LocalDate) -> Result<LocalDate, DomainError> {
        var errors: [FieldError] = []
        if !active { errors.append(FieldError(field: "expert", rule: "PLT-08", code: "expert.inactive", messageZH: "\(expertName)已不在专家库中")) }
        if caseParties.contains(where: conflictParties.contains) {
            errors.append(FieldError(field: "expert", rule: "PLT-06", code: "expert.conflict", messageZH: "\(expertName)与本案当事人存在利害关系，应当回避"))
        }
        let on = rawDate.flatMap { LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) }
        if on == nil { errors.append(FieldError(field: "on", rule: "X-06", code: "expert.date.invalid", messageZH: "请填写参与日期（YYYY-MM-DD）")) }
        if let on, on > today { errors.append(FieldError(field: "on", rule: "X-02", code: "expert.date.future", messageZH: "参与日期不能晚于今天")) }
        guard errors.isEmpty, let on else { return .failure(.invalid(errors)) }
        return .success(on)
    }
}
