// Retention periods (保管期限, DOC-43), archive numbers (档号, DOC-42) and when a file may be proposed
// for destruction (DOC-50). Pure values: "today" is always a parameter.

// MARK: - Retention code

/// A retention period code of the office's 保管期限表 (DOC-43).
public enum RetentionCode: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case d5 = "D5"
    case d10 = "D10"
    case d30 = "D30"
    /// 永久: never destroyed.
    case permanent = "Y"

    /// 定期5年 … 永久.
    public var nameZH: String {
        switch self {
        case .d5: "定期5年"
        case .d10: "定期10年"
        case .d30: "定期30年"
        case .permanent: "永久"
        }
    }

    /// Years kept; nil for permanent.
    public var years: Int? {
        switch self {
        case .d5: 5
        case .d10: 10
        case .d30: 30
        case .permanent: nil
        }
    }

    /// Shorter periods sort first; permanent is the longest.
    public static func < (lhs: RetentionCode, rhs: RetentionCode) -> Bool {
        (lhs.years ?? Int.max) < (rhs.years ?? Int.max)
    }
}

/// The retention class of a case (DOC-43): how grave it is, and whether it concerns people's
/// livelihood (民生保障), which outranks gravity.
public enum CaseGravity: String, Sendable, Hashable, Codable, CaseIterable {
    /// 一般案件.
    case ordinary
    /// 重大案件.
    case major
    /// 涉及民生保障的案件 — whatever its gravity.
    case livelihood

    public var nameZH: String {
        switch self {
        case .ordinary: "一般"
        case .major: "重大"
        case .livelihood: "涉及民生保障"
        }
    }
}

// MARK: - Policy

/// An office's retention schedule (保管期限表, DOC-43): the defaults from seed 003 §6.3 — ordinary
/// `D5`, major `D10`, livelihood `Y` — and the office's approved overrides per case type and gravity.
/// Module defaults that differ from 003 ship as overrides too.
public struct RetentionPolicy: Sendable, Equatable {
    /// A row of the schedule: a case type (a procedure key such as `interview`, `mediation`) and a
    /// gravity.
    public struct Key: Sendable, Hashable {
        public let caseType: String
        public let gravity: CaseGravity

        public init(caseType: String, gravity: CaseGravity) {
            self.caseType = caseType
            self.gravity = gravity
        }
    }

    /// DOC-43 defaults (seed 003 §6.3): 一般 5 年, 重大 10 年, 民生保障 永久.
    public static let defaults: [CaseGravity: RetentionCode] = [.ordinary: .d5, .major: .d10, .livelihood: .permanent]

    /// The schedule with no overrides.
    public static let standard = RetentionPolicy()

    /// The office's rows that differ from the defaults.
    public private(set) var overrides: [Key: RetentionCode]

    /// A schedule as stored. Rows given here are not checked; build user input with
    /// `setting(_:for:gravity:)`.
    public init(overrides: [Key: RetentionCode] = [:]) {
        self.overrides = overrides
    }

    /// DOC-43: the retention of a case of `caseType` and `gravity`: the office's row if it has one,
    /// else the default.
    public func code(caseType: String, gravity: CaseGravity) -> RetentionCode {
        overrides[Key(caseType: caseType, gravity: gravity)] ?? Self.defaults[gravity] ?? .d5
    }

    /// This schedule with one row set (or, for `nil`, reset to the default). Refuses an empty case
    /// type.
    public func setting(_ code: RetentionCode?, for caseType: String, gravity: CaseGravity) throws(DomainError) -> RetentionPolicy {
        let type = RecordText.trimmed(caseType)
        guard !type.isEmpty else {
            throw DomainError.invalid([
                FieldError(
                    field: "caseType", rule: "DOC-43", code: "retention.case-type.required",
                    messageZH: "请选择案件类型")
            ])
        }
        var copy = self
        copy.overrides[Key(caseType: type, gravity: gravity)] = code
        return copy
    }
}

// MARK: - Archive number

/// An archive number (档号, DOC-42): `{fonds}-{year}-{retention code}-{item}`, e.g.
/// `J012-2025-D10-0007`; the item is zero-padded to four digits. Uniqueness is the store's job.
public struct ArchiveNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The fonds code (全宗号), e.g. `J012`.
    public let fonds: String
    /// The archiving year (年度).
    public let year: Int
    /// The retention period the file was archived under.
    public let retention: RetentionCode
    /// The item number (件号) within fonds, year and retention, 1…9999.
    public let item: Int

    /// Items per fonds, year and retention: four digits.
    public static let items = 1...9999
    /// Longest fonds code accepted.
    public static let maximumFondsLength = 12

    /// An archive number; throws `DomainError.invalid` naming every bad part (DOC-42).
    public init(fonds: String, year: Int, retention: RetentionCode, item: Int) throws(DomainError) {
        var errors: [FieldError] = []
        // The fonds is printed before a hyphen and parsed back, so: ASCII upper-case letters and digits.
        if fonds.isEmpty || fonds.count > Self.maximumFondsLength
            || !fonds.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) })
        {
            errors.append(
                FieldError(
                    field: "fonds", rule: "DOC-42", code: "archive.number.fonds.invalid",
                    messageZH: "全宗号应为1至\(Self.maximumFondsLength)位大写字母或数字，如 J012"))
        }
        if !DocumentSeries.years.contains(year) {
            errors.append(
                FieldError(
                    field: "year", rule: "DOC-42", code: "archive.number.year.invalid",
                    messageZH: "档号年度应为四位年份，不能是\(year)"))
        }
        if !Self.items.contains(item) {
            errors.append(
                FieldError(
                    field: "item", rule: "DOC-42", code: "archive.number.item.invalid",
                    messageZH: "件号应在1至9999之间，不能是\(item)"))
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        self.fonds = fonds
        self.year = year
        self.retention = retention
        self.item = item
    }

    /// Parses exactly the form `formatted` prints (four-digit item, upper-case codes); nil otherwise.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4,
            parts[1].count == 4, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(parts[1]),
            let retention = RetentionCode(rawValue: String(parts[2])),
            parts[3].count == 4, parts[3].allSatisfy({ $0.isASCII && $0.isNumber }), let item = Int(parts[3]),
            let n = try? ArchiveNumber(fonds: String(parts[0]), year: year, retention: retention, item: item)
        else { return nil }
        self = n
    }

    /// `J012-2025-D10-0007`.
    public var formatted: String {
        let i = String(item)
        return "\(fonds)-\(year)-\(retention.rawValue)-" + String(repeating: "0", count: max(0, 4 - i.count)) + i
    }

    public var description: String { formatted }

    public static func < (lhs: ArchiveNumber, rhs: ArchiveNumber) -> Bool {
        (lhs.fonds, lhs.year, lhs.retention, lhs.item) < (rhs.fonds, rhs.year, rhs.retention, rhs.item)
    }
}

// MARK: - Retention dates and destruction

/// When a file's retention ends and when it may be proposed for destruction (DOC-43, DOC-50).
public enum Retention {
    /// The last day a file must be kept; nil for permanent files.
    ///
    /// Chinese archival practice counts a retention period from 1 January of the year after the
    /// file's year (国家档案局令第8号 第十四条 counts from the year after the documents were formed;
    /// offices apply the same rule to the archiving year of a case file). So a file archived on any
    /// day of 2025 under `D5` is kept through 2026…2030: its retention ends on 2030-12-31, and it may
    /// be proposed for destruction from 2031-01-01. Counting whole years also keeps every file of one
    /// year's volume falling due together, which is how destruction lists are drawn up.
    public static func retentionEnds(archivedOn: LocalDate, code: RetentionCode) -> LocalDate? {
        guard let years = code.years else { return nil }
        return LocalDate(year: archivedOn.year + years, month: 12, day: 31)
    }

    /// DOC-50: whether a file may be put on a destruction list on `today`: its retention (or the date a
    /// review set when it kept the file, `keptUntil`) has ended, it is not permanent, and no hold
    /// (pending litigation, reconsideration, petition) applies.
    public static func isDueForDestruction(
        archivedOn: LocalDate, code: RetentionCode, today: LocalDate, keptUntil: LocalDate? = nil, underHold: Bool = false
    ) -> Bool {
        guard !underHold, let ends = retentionEnds(archivedOn: archivedOn, code: code) else { return false }
        return today > max(ends, keptUntil ?? ends)
    }
}
