import Foundation

// MD-02 (seed 000 §一 第四、五条): where a mediator comes from — chosen from the unit's own staff,
// engaged from the public, or invited in a capacity (人大代表, 政协委员, 离退休干部, 法官, 检察官, 律师, 教师,
// 其他) — and the attestation that he meets 第四条 (为人公正, 联系群众, 热心行政调解工作, 具有一定法律、政策水平和
// 文化水平). Recorded once per person, revised when it changes; the list 法制科 files names it (MD-01).

/// Where a mediator comes from (MD-02).
public enum MediatorOrigin: String, ChoiceValue, Codable {
    case staff, engaged, invited
    public var nameZH: String {
        switch self {
        case .staff: "本单位工作人员"
        case .engaged: "群众选聘"
        case .invited: "特邀"
        }
    }
}

/// The capacity an invited mediator comes in (MD-02).
public enum InvitedCapacity: String, ChoiceValue, Codable {
    case deputy, member, retired, judge, procurator, lawyer, teacher, other
    public var nameZH: String {
        switch self {
        case .deputy: "人大代表"
        case .member: "政协委员"
        case .retired: "离退休干部"
        case .judge: "法官"
        case .procurator: "检察官"
        case .lawyer: "律师"
        case .teacher: "教师"
        case .other: "其他"
        }
    }
}

/// A mediator's recorded origin and 第四条 attestation (MD-02).
public struct MediatorProfile: Codable, Sendable, Equatable {
    public var origin: MediatorOrigin
    public var capacity: InvitedCapacity?
    /// What the capacity is when `other` (e.g. 社区主任), or the detail of any capacity.
    public var capacityNote: String?
    /// How he meets 第四条: who attested it and on what (e.g. 经所务会研究，为人公正…).
    public var attestation: String
    public var recordedOn: LocalDate

    public init(origin: MediatorOrigin, capacity: InvitedCapacity?, capacityNote: String?, attestation: String, recordedOn: LocalDate) {
        self.origin = origin
        self.capacity = capacity
        self.capacityNote = capacityNote
        self.attestation = attestation
        self.recordedOn = recordedOn
    }

    /// `特邀（律师）`, `特邀（其他：社区主任）`, `本单位工作人员`.
    public var labelZH: String {
        guard origin == .invited, let capacity else { return origin.nameZH }
        return "特邀（\(capacity.nameZH)" + (capacityNote.map { "：\($0)" } ?? "") + "）"
    }

    /// The 第四条 qualities a mediator must be attested to have.
    public static let qualitiesZH = "为人公正，联系群众，热心行政调解工作，具有一定法律、政策水平和文化水平"

    /// Checks a profile from the form's raw values (X-06): an origin; a capacity for, and only for, an
    /// invited mediator, with what it is when 其他; the attestation of 第四条 confirmed and its basis.
    public static func validate(origin rawOrigin: String?, capacity rawCapacity: String?, capacityNote rawNote: String?, attested: Bool,
                                basis rawBasis: String?, on day: LocalDate) -> Result<MediatorProfile, DomainError> {
        var errors: [FieldError] = []
        func fail(_ field: String, _ code: String, _ message: String) { errors.append(FieldError(field: field, rule: "MD-02", code: code, messageZH: message)) }
        let origin = rawOrigin.flatMap(MediatorOrigin.init(rawValue:))
        if origin == nil { fail("origin", "mediator.origin.required", "请选择调解员来源（本单位工作人员、群众选聘或特邀）") }
        let capacity = rawCapacity.flatMap { $0.isEmpty ? nil : InvitedCapacity(rawValue: $0) }
        let trimmed = rawNote?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let note: String? = trimmed.isEmpty ? nil : trimmed
        if origin == .invited, capacity == nil { fail("capacity", "mediator.capacity.required", "特邀调解员须注明身份（人大代表、政协委员、离退休干部、法官、检察官、律师、教师或其他）") }
        if origin != nil, origin != .invited, capacity != nil { fail("capacity", "mediator.capacity.not-invited", "只有特邀调解员填写特邀身份") }
        if capacity == .other, note == nil { fail("capacityNote", "mediator.capacity.other", "特邀身份为“其他”的，请写明具体身份") }
        if (note?.count ?? 0) > 60 { fail("capacityNote", "mediator.capacity.long", "身份说明不超过60字") }
        if !attested { fail("attested", "mediator.attestation.required", "须确认该调解员符合第四条的条件：\(qualitiesZH)") }
        let basis = rawBasis?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if basis.isEmpty { fail("basis", "mediator.attestation.basis", "请写明确认的依据（如经所务会研究、群众推选情况）") }
        if basis.count > 500 { fail("basis", "mediator.attestation.long", "确认依据不超过500字") }
        guard errors.isEmpty, let origin else { return .failure(.invalid(errors)) }
        return .success(MediatorProfile(origin: origin, capacity: origin == .invited ? capacity : nil, capacityNote: origin == .invited ? note : nil,
                                        attestation: basis, recordedOn: day))
    }

    /// MD-01, MD-02: the list filed names each mediator's origin — those of `unfiled` with none
    /// recorded keep the list from being filed.
    public static func missing(_ unfiled: [PersonFact], profiles: [UUID: MediatorProfile]) -> [FieldError] {
        let names = unfiled.filter { profiles[$0.id] == nil }.map(\.name).sorted()
        guard !names.isEmpty else { return [] }
        return [FieldError(field: "unit", rule: "MD-02", code: "mediation.mediator.no-origin",
                           messageZH: "\(names.joined(separator: "、"))尚未登记来源及第四条条件的确认，不能备案")]
    }
}
