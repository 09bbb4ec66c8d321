// The case file's completeness check (一案一档, DOC-40) and the head's override needed to close a case
// whose file is incomplete. Pure values: the caller passes the case type's required templates and
// the case's documents.

/// A document the case type requires in its file (DOC-40), from the template catalogue.
public struct RequiredDocument: Sendable, Hashable {
    /// Template code, e.g. `IV-NOTICE`.
    public let code: String
    /// Its Chinese name, e.g. `行政约谈通知书`.
    public let nameZH: String
    /// Whether it must be served on the party (送达回证, DOC-30).
    public let needsService: Bool

    public init(code: String, nameZH: String, needsService: Bool) {
        self.code = code
        self.nameZH = nameZH
        self.needsService = needsService
    }
}

/// One document of a case, as far as the completeness check needs it.
public struct CaseDocument: Sendable, Hashable {
    /// A document's life: drafted, issued (numbered, DOC-11), or voided (作废; keeps its number).
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case draft, issued, void
    }

    /// Template code.
    public let code: String
    /// The number allocated at issue; nil for drafts.
    public let number: DocumentNumber?
    public let state: State
    /// Whether a service record exists for it (DOC-30).
    public let served: Bool

    public init(code: String, number: DocumentNumber?, state: State, served: Bool) {
        self.code = code
        self.number = number
        self.state = state
        self.served = served
    }
}

/// What the completeness check found (DOC-40): required documents that are missing, only drafted,
/// or issued but not served. Lists keep the order of the case type's requirements.
public struct CompletenessReport: Sendable, Hashable {
    /// One finding: a required document and, for unserved ones, the numbers not yet served.
    public struct Gap: Sendable, Hashable {
        public let code: String
        public let nameZH: String
        /// Numbers of the issued but unserved documents; empty for missing and draft findings.
        public let numbers: [DocumentNumber]

        public init(code: String, nameZH: String, numbers: [DocumentNumber] = []) {
            self.code = code
            self.nameZH = nameZH
            self.numbers = numbers
        }
    }

    /// Required and absent: no issued or draft document of that template (voided ones do not count).
    public let missing: [Gap]
    /// Required and present only as a draft — not issued.
    public let drafts: [Gap]
    /// Required, needs service, and issued without a service record.
    public let unserved: [Gap]

    public var isComplete: Bool { missing.isEmpty && drafts.isEmpty && unserved.isEmpty }

    /// DOC-40: checks a case's documents against its case type's requirements.
    ///
    /// - A voided document does not count as present (DOC-11 keeps it in the file, marked 作废).
    /// - A required document is present once one document of its template is issued; drafts next to
    ///   an issued one are ignored.
    /// - For a template that needs service, *every* issued document of it must be served (a notice
    ///   to each of two parties is two documents, each with its own receipt).
    /// - A template listed twice is checked once.
    public init(required: [RequiredDocument], documents: [CaseDocument]) {
        var missing: [Gap] = [], drafts: [Gap] = [], unserved: [Gap] = []
        var seen: Set<String> = []
        for r in required where seen.insert(r.code).inserted {
            let mine = documents.filter { $0.code == r.code && $0.state != .void }
            let issued = mine.filter { $0.state == .issued }
            if issued.isEmpty {
                if mine.isEmpty {
                    missing.append(Gap(code: r.code, nameZH: r.nameZH))
                } else {
                    drafts.append(Gap(code: r.code, nameZH: r.nameZH))
                }
            } else if r.needsService {
                let pending = issued.filter { !$0.served }
                if !pending.isEmpty {
                    unserved.append(Gap(code: r.code, nameZH: r.nameZH, numbers: pending.compactMap(\.number)))
                }
            }
        }
        self.missing = missing
        self.drafts = drafts
        self.unserved = unserved
    }

    /// One field error per finding, with stable codes (`case-file.document.missing|draft|unserved`).
    public var fieldErrors: [FieldError] {
        func error(_ gap: Gap, _ kind: String, _ message: String) -> FieldError {
            FieldError(field: "documents.\(gap.code)", rule: "DOC-40", code: "case-file.document.\(kind)", messageZH: message)
        }
        return missing.map { error($0, "missing", "缺少《\($0.nameZH)》") }
            + drafts.map { error($0, "draft", "《\($0.nameZH)》尚未签发（仍为草稿）") }
            + unserved.map { gap in
                let numbers = gap.numbers.map(\.formatted).joined(separator: "、")
                return error(gap, "unserved", "《\(gap.nameZH)》\(numbers.isEmpty ? "" : numbers)尚未送达")
            }
    }
}

// MARK: - Closing with an incomplete file

extension Permission {
    /// DOC-40: closes a case whose file is incomplete, with a reason (a head's override).
    public static let caseCloseOverride: Permission = "case.close.override"
}

/// A head's decision to close a case despite an incomplete file (DOC-40).
public struct ClosingOverride: Sendable, Equatable {
    /// Who overrides; must hold `case.close.override`.
    public let approver: Actor
    /// Why the case may close without the missing documents.
    public let reason: String

    public init(approver: Actor, reason: String) {
        self.approver = approver
        self.reason = reason
    }
}

/// Why a case may close (DOC-40).
public enum ClosingClearance: Sendable, Equatable {
    /// The file is complete.
    case complete
    /// The file is incomplete and a head overrode it; keep both for the audit trail.
    case overridden(by: ClosingOverride, gaps: CompletenessReport)
}

extension CompletenessReport {
    /// DOC-40: whether the case may close. A complete file closes (any override is ignored); an
    /// incomplete one needs an override by a holder of `case.close.override` with a non-empty reason.
    ///
    /// Throws `invalid` (`case-file.incomplete`, with one field error per finding) when there is no
    /// override, `forbidden` (`case-file.override.not-permitted`) when the approver lacks the
    /// permission, `invalid` (`case-file.override.reason-required`) when the reason is empty — all
    /// with rule DOC-40.
    public func clearance(override: ClosingOverride?) throws(DomainError) -> ClosingClearance {
        if isComplete { return .complete }
        guard let override else {
            let list = fieldErrors.map(\.messageZH).joined(separator: "；")
            throw DomainError(
                .invalid, code: "case-file.incomplete",
                messageZH: "案卷不完整（\(list)），结案须经负责人批准并说明理由", ruleID: "DOC-40", fields: fieldErrors)
        }
        guard override.approver.can(.caseCloseOverride) else {
            throw DomainError(
                .forbidden, code: "case-file.override.not-permitted",
                messageZH: "案卷不完整时结案须由负责人批准（需要 \(Permission.caseCloseOverride.rawValue) 权限）", ruleID: "DOC-40")
        }
        let reason = RecordText.trimmed(override.reason)
        guard !reason.isEmpty else {
            throw DomainError.invalid([
                FieldError(
                    field: "override.reason", rule: "DOC-40", code: "case-file.override.reason-required",
                    messageZH: "案卷不完整时结案须说明理由")
            ])
        }
        return .overridden(by: ClosingOverride(approver: override.approver, reason: reason), gaps: self)
    }
}
