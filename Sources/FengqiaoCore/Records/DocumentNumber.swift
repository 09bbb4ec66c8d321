// Document numbers (文号, DOC-10) and blocks of numbers reserved for pre-printed paper forms
// (DOC-12, 行政处罚法 第五十二条). Pure values: allocation without gaps or duplicates (DOC-11) is the
// store's job; these types say what a number looks like and which use of a form is allowed.

// MARK: - Series

/// One numbering sequence (DOC-10): a unit's type word in one year, e.g. `中村约〔2025〕`. Serials run
/// 1, 2, 3 … within a series and are never reused (DOC-11).
public struct DocumentSeries: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The unit's code word (机关代字), e.g. `中村`; configured by the office (办公室).
    public let unitPrefix: String
    /// The document type's code word (文种代字), e.g. `约`, `约改`; a template's `typeWord`.
    public let typeWord: String
    /// The issue year, written in full.
    public let year: Int

    /// Longest unit prefix accepted; real 机关代字 are two to four characters.
    public static let maximumPrefixLength = 12
    /// Longest type word accepted; the shipped templates use one or two characters.
    public static let maximumTypeWordLength = 6
    /// Years a number may carry.
    public static let years = 1900...9999

    /// A series; throws `DomainError.invalid` naming every bad part (DOC-10).
    public init(unitPrefix: String, typeWord: String, year: Int) throws(DomainError) {
        var errors: [FieldError] = []
        errors += Self.problems(
            unitPrefix, field: "unitPrefix", codePart: "unit-prefix", nameZH: "单位代字",
            maximumLength: Self.maximumPrefixLength)
        errors += Self.problems(
            typeWord, field: "typeWord", codePart: "type-word", nameZH: "文种代字",
            maximumLength: Self.maximumTypeWordLength)
        if !Self.years.contains(year) {
            errors.append(
                FieldError(
                    field: "year", rule: "DOC-10", code: "document.number.year.invalid",
                    messageZH: "文号年份应为四位完整年份（如2025），不能是\(year)"))
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        self.unitPrefix = unitPrefix
        self.typeWord = typeWord
        self.year = year
    }

    /// Parts already checked by a `DocumentNumber` initialiser.
    init(checked unitPrefix: String, typeWord: String, year: Int) {
        self.unitPrefix = unitPrefix
        self.typeWord = typeWord
        self.year = year
    }

    /// `中村约〔2025〕`: the number without its serial and 号.
    public var heading: String { "\(unitPrefix)\(typeWord)〔\(year)〕" }

    public var description: String { heading }

    /// The number with serial `serial` in this series.
    public func number(_ serial: Int) throws(DomainError) -> DocumentNumber {
        try DocumentNumber(series: self, serial: serial)
    }

    public static func < (lhs: DocumentSeries, rhs: DocumentSeries) -> Bool {
        (lhs.unitPrefix, lhs.typeWord, lhs.year) < (rhs.unitPrefix, rhs.typeWord, rhs.year)
    }

    /// DOC-10: a code word is printed between other parts of the number, so it must not contain what
    /// delimits them (brackets, 号), digits (which would run into the year or serial), or spaces.
    static func problems(_ text: String, field: String, codePart: String, nameZH: String, maximumLength: Int) -> [FieldError] {
        let code = "document.number.\(codePart)"
        if text.isEmpty || text.allSatisfy(\.isWhitespace) {
            return [FieldError(field: field, rule: "DOC-10", code: "\(code).required", messageZH: "\(nameZH)不能为空")]
        }
        if text.count > maximumLength {
            return [
                FieldError(
                    field: field, rule: "DOC-10", code: "\(code).too-long",
                    messageZH: "\(nameZH)“\(text)”过长（最多\(maximumLength)个字）")
            ]
        }
        if let bad = text.first(where: isForbidden) {
            let what = bad.isWhitespace ? "空格" : "“\(bad)”"
            return [
                FieldError(
                    field: field, rule: "DOC-10", code: "\(code).invalid",
                    messageZH: "\(nameZH)“\(text)”不能含有\(what)（不能含括号、数字、空格或“号”字）")
            ]
        }
        return []
    }

    private static let forbidden: Set<Character> = [
        "〔", "〕", "[", "]", "(", ")", "（", "）", "【", "】", "〖", "〗", "{", "}", "<", ">", "《", "》",
        "［", "］", "｛", "｝", "〈", "〉", "「", "」", "号", "-", "/", "\\",
    ]

    private static func isForbidden(_ c: Character) -> Bool {
        if c.isWhitespace || forbidden.contains(c) { return true }
        // ASCII and full-width digits; Chinese numerals (一, 二 …) may appear in a unit's code word.
        if c.isASCII, c.isNumber { return true }
        if let s = c.unicodeScalars.first, c.unicodeScalars.count == 1, (0xFF10...0xFF19).contains(s.value) { return true }
        return c.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }
    }
}

// MARK: - Number

/// A document number (文号, DOC-10): `{unit prefix}{type word}〔{year}〕{n}号`, e.g. `中村约〔2025〕12号` —
/// six-corner brackets (六角括号), the full year, no 第, no leading zeros.
public struct DocumentNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The unit's code word (机关代字), e.g. `中村`.
    public let unitPrefix: String
    /// The document type's code word (文种代字), e.g. `约`.
    public let typeWord: String
    /// The issue year.
    public let year: Int
    /// 1, 2, 3 … within the series.
    public let serial: Int

    /// A number; throws `DomainError.invalid` naming every bad part (DOC-10).
    public init(unitPrefix: String, typeWord: String, year: Int, serial: Int) throws(DomainError) {
        var errors: [FieldError] = []
        do {
            _ = try DocumentSeries(unitPrefix: unitPrefix, typeWord: typeWord, year: year)
        } catch {
            errors += error.fields
        }
        if serial < 1 {
            errors.append(
                FieldError(
                    field: "serial", rule: "DOC-10", code: "document.number.serial.invalid",
                    messageZH: "文号序号应为正整数，不能是\(serial)"))
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        self.unitPrefix = unitPrefix
        self.typeWord = typeWord
        self.year = year
        self.serial = serial
    }

    /// The number with serial `serial` in a (valid) series.
    public init(series: DocumentSeries, serial: Int) throws(DomainError) {
        guard serial >= 1 else {
            throw DomainError.invalid([
                FieldError(
                    field: "serial", rule: "DOC-10", code: "document.number.serial.invalid",
                    messageZH: "文号序号应为正整数，不能是\(serial)")
            ])
        }
        self.unitPrefix = series.unitPrefix
        self.typeWord = series.typeWord
        self.year = series.year
        self.serial = serial
    }

    /// The series the number belongs to (DOC-10: one sequence per unit, type and year).
    public var series: DocumentSeries {
        // Valid by construction: the initialisers checked the same parts.
        DocumentSeries(checked: unitPrefix, typeWord: typeWord, year: year)
    }

    /// `中村约〔2025〕12号`.
    public var formatted: String { "\(unitPrefix)\(typeWord)〔\(year)〕\(serial)号" }

    public var description: String { formatted }

    /// Parses a number of a known unit: `中村约改〔2025〕3号` with prefix `中村` has type word `约改`.
    /// Only the exact DOC-10 form is accepted — not `[2025]`, `(2025)`, `〔25〕`, `第3号` or `03号`.
    ///
    /// The unit prefix and type word are written together with nothing between them, so a number
    /// alone cannot say where one ends (`中村约改` could be `中村` + `约改` or `中村约` + `改`); the
    /// caller names one of them.
    public init?(parsing text: String, unitPrefix: String) {
        guard let parts = Parts(parsing: text), parts.codeWords.hasPrefix(unitPrefix),
            parts.codeWords.count > unitPrefix.count
        else { return nil }
        let typeWord = String(parts.codeWords.dropFirst(unitPrefix.count))
        guard let n = try? DocumentNumber(unitPrefix: unitPrefix, typeWord: typeWord, year: parts.year, serial: parts.serial)
        else { return nil }
        self = n
    }

    /// Parses a number of a known document type: `中村约改〔2025〕3号` with type word `约改` has unit
    /// prefix `中村`. See `init?(parsing:unitPrefix:)`.
    public init?(parsing text: String, typeWord: String) {
        guard let parts = Parts(parsing: text), parts.codeWords.hasSuffix(typeWord),
            parts.codeWords.count > typeWord.count
        else { return nil }
        let unitPrefix = String(parts.codeWords.dropLast(typeWord.count))
        guard let n = try? DocumentNumber(unitPrefix: unitPrefix, typeWord: typeWord, year: parts.year, serial: parts.serial)
        else { return nil }
        self = n
    }

    public static func < (lhs: DocumentNumber, rhs: DocumentNumber) -> Bool {
        (lhs.unitPrefix, lhs.typeWord, lhs.year, lhs.serial) < (rhs.unitPrefix, rhs.typeWord, rhs.year, rhs.serial)
    }

    /// What a number says without knowing the unit: its code words (unit prefix and type word run
    /// together), year and serial. Only the exact DOC-10 form parses.
    public struct Parts: Sendable, Hashable {
        /// Unit prefix and type word together, e.g. `中村约`.
        public let codeWords: String
        public let year: Int
        public let serial: Int

        /// `中村约〔2025〕12号` → (`中村约`, 2025, 12); nil for anything else.
        public init?(parsing text: String) {
            guard text.last == "号",
                let open = text.lastIndex(of: "〔"), let close = text.lastIndex(of: "〕"), open < close
            else { return nil }
            let codeWords = text[..<open]
            let yearText = text[text.index(after: open)..<close]
            let serialText = text[text.index(after: close)..<text.index(before: text.endIndex)]
            // DOC-10: the full year, four ASCII digits; the serial without 第 and leading zeros.
            guard !codeWords.isEmpty, !codeWords.contains("〔"), !codeWords.contains("〕"),
                yearText.count == 4, yearText.allSatisfy(Self.isASCIIDigit),
                !serialText.isEmpty, serialText.count <= 9, serialText.allSatisfy(Self.isASCIIDigit),
                serialText.first != "0",
                let year = Int(yearText), let serial = Int(serialText)
            else { return nil }
            self.codeWords = String(codeWords)
            self.year = year
            self.serial = serial
        }

        private static func isASCIIDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
    }
}

// MARK: - Reserved blocks for pre-printed forms (DOC-12)

/// Serials `first…last` of a series set aside for pre-printed paper forms (DOC-12, 行政处罚法
/// 第五十二条 当场处罚 uses 预定格式、编有号码的决定书). Issuing on the system skips them; each form's use
/// or voiding is recorded on its own (`PreprintedForm`).
public struct ReservedBlock: Sendable, Hashable, CustomStringConvertible {
    /// The unit, type word and year the forms are numbered in.
    public let series: DocumentSeries
    /// First and last reserved serial, inclusive.
    public let first: Int
    public let last: Int

    /// The most serials one block may hold: a print run, not a year's supply.
    public static let maximumCount = 1000

    /// A block; throws `DomainError.invalid` when `first` < 1, `last` < `first`, or more than
    /// `maximumCount` serials are asked for (DOC-12).
    public init(series: DocumentSeries, first: Int, last: Int) throws(DomainError) {
        var errors: [FieldError] = []
        if first < 1 {
            errors.append(
                FieldError(
                    field: "first", rule: "DOC-12", code: "document.reserved-block.first.invalid",
                    messageZH: "起始序号应为正整数，不能是\(first)"))
        }
        if last < first {
            errors.append(
                FieldError(
                    field: "last", rule: "DOC-12", code: "document.reserved-block.last.before-first",
                    messageZH: "终止序号\(last)不能小于起始序号\(first)"))
        } else if last - first + 1 > Self.maximumCount {
            errors.append(
                FieldError(
                    field: "last", rule: "DOC-12", code: "document.reserved-block.too-large",
                    messageZH: "一次最多预留\(Self.maximumCount)个号，\(first)至\(last)共\(last - first + 1)个"))
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        self.series = series
        self.first = first
        self.last = last
    }

    /// How many forms the block numbers.
    public var count: Int { last - first + 1 }

    /// Whether a serial of this series is reserved by the block.
    public func contains(_ serial: Int) -> Bool { (first...last).contains(serial) }

    /// Whether a number is one of the block's: same series and a reserved serial.
    public func contains(_ number: DocumentNumber) -> Bool { number.series == series && contains(number.serial) }

    /// Whether two blocks reserve a common number (the store refuses overlapping reservations).
    public func overlaps(_ other: ReservedBlock) -> Bool {
        series == other.series && first <= other.last && other.first <= last
    }

    /// The form numbered `serial`, in state `use`; refuses a serial outside the block (DOC-12).
    public func form(_ serial: Int, use: FormUse = .unused) throws(DomainError) -> PreprintedForm {
        guard contains(serial) else {
            throw DomainError.invalid([
                FieldError(
                    field: "serial", rule: "DOC-12", code: "document.form.not-reserved",
                    messageZH: "序号\(serial)不在预留号段\(description)内")
            ])
        }
        return PreprintedForm(number: try series.number(serial), use: use)
    }

    /// `中村约〔2025〕1—50号`.
    public var description: String { "\(series.heading)\(first)—\(last)号" }
}

/// What happened to one pre-printed form (DOC-12).
public enum FormUse: Sendable, Hashable {
    /// Still blank.
    case unused
    /// Filled in and issued in a case on a date.
    case used(caseRef: String, on: LocalDate)
    /// Spoilt or cancelled (作废), with the reason; `caseRef` is kept when a used form is voided.
    case voided(reason: String, caseRef: String?)

    /// 未使用 / 已使用 / 已作废.
    public var nameZH: String {
        switch self {
        case .unused: "未使用"
        case .used: "已使用"
        case .voided: "已作废"
        }
    }
}

/// One pre-printed form of a reserved block and its use (DOC-12). Transitions: unused → used,
/// unused → voided, used → voided (DOC-11: a cancelled document keeps its number, marked 作废).
/// A used or voided form is never used again, and a number is never reused.
public struct PreprintedForm: Sendable, Hashable {
    public let number: DocumentNumber
    public private(set) var use: FormUse

    /// A form as stored; new forms come from `ReservedBlock.form(_:)`.
    public init(number: DocumentNumber, use: FormUse = .unused) {
        self.number = number
        self.use = use
    }

    /// Records the form's use in a case. Refuses a used or voided form, an empty case reference, and a
    /// date outside the number's year (DOC-10: the year in a number is its issue year).
    public mutating func recordUse(caseRef: String, on date: LocalDate) throws(DomainError) {
        switch use {
        case .unused: break
        case .used(let other, let on):
            throw DomainError(
                .conflict, code: "document.form.already-used",
                messageZH: "\(number.formatted)已于\(on.chinese)用于\(other)，不能再次使用", ruleID: "DOC-12",
                fields: [FieldError(field: "serial", rule: "DOC-12", code: "document.form.already-used", messageZH: "该编号已使用")])
        case .voided(let reason, _):
            throw DomainError(
                .conflict, code: "document.form.voided",
                messageZH: "\(number.formatted)已作废（\(reason)），不能使用", ruleID: "DOC-12",
                fields: [FieldError(field: "serial", rule: "DOC-12", code: "document.form.voided", messageZH: "该编号已作废")])
        }
        var errors: [FieldError] = []
        let ref = RecordText.trimmed(caseRef)
        if ref.isEmpty {
            errors.append(
                FieldError(
                    field: "caseRef", rule: "DOC-12", code: "document.form.case-required",
                    messageZH: "请填写使用该文书的案件"))
        }
        if date.year != number.year {
            errors.append(
                FieldError(
                    field: "date", rule: "DOC-12", code: "document.form.wrong-year",
                    messageZH: "\(number.formatted)是\(number.year)年度的编号，不能用于\(date.chinese)制作的文书"))
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        use = .used(caseRef: ref, on: date)
    }

    /// Voids (作废) the form with a reason; an already voided form is refused.
    public mutating func void(reason: String) throws(DomainError) {
        let caseRef: String?
        switch use {
        case .unused: caseRef = nil
        case .used(let ref, _): caseRef = ref
        case .voided:
            throw DomainError(
                .conflict, code: "document.form.voided",
                messageZH: "\(number.formatted)已作废", ruleID: "DOC-12",
                fields: [FieldError(field: "serial", rule: "DOC-12", code: "document.form.voided", messageZH: "该编号已作废")])
        }
        let text = RecordText.trimmed(reason)
        guard !text.isEmpty else {
            throw DomainError.invalid([
                FieldError(
                    field: "reason", rule: "DOC-12", code: "document.form.void-reason-required",
                    messageZH: "作废须说明理由")
            ])
        }
        use = .voided(reason: text, caseRef: caseRef)
    }
}

// MARK: - Text helpers

/// Small text helpers for the records folder, kept free of Foundation.
enum RecordText {
    /// `text` without leading and trailing whitespace (including the ideographic space U+3000).
    static func trimmed(_ text: String) -> String {
        var s = Substring(text)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }

    /// `HH:mm`, 00:00–23:59, two digits each.
    static func isClockTime(_ text: String) -> Bool {
        let c = Array(text)
        guard c.count == 5, c[2] == ":" else { return false }
        let digits = [c[0], c[1], c[3], c[4]]
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let h = Int(String(c[0...1])), let m = Int(String(c[3...4]))
        else { return false }
        return h < 24 && m < 60
    }
}
