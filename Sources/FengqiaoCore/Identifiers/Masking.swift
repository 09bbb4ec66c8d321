/// Masks personal data for lists, exports and published cases: ID numbers, phone numbers,
/// names and addresses of natural persons. Masking is display-only; storage encrypts instead
/// (PLT-34).
public enum Masking {
    /// The mask character.
    public static let maskCharacter: Character = "*"

    /// Two-character surnames kept whole by `personName(_:)`.
    public static let compoundSurnames: Set<String> = [
        "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐",
    ]

    /// `11010519491231002X` → `1101**********002X`: keeps the first 4 and the last 4 characters
    /// . Anything of 8 characters or fewer is masked whole.
    public static func idNumber(_ idNumber: String) -> String {
        keep(Array(trimmed(idNumber)), first: 4, last: 4)
    }

    /// `13812341234` → `138****1234`: keeps the first 3 and the last 4 characters. Shorter
    /// numbers (under 8 characters) keep only their last 2.
    public static func phone(_ phone: String) -> String {
        let characters = Array(trimmed(phone))
        if characters.count >= 8 { return keep(characters, first: 3, last: 4) }
        return keep(characters, first: 0, last: characters.count > 2 ? 2 : 0)
    }

    /// `张三丰` → `张某`, `欧阳娜娜` → `欧阳某`: keeps the surname (both characters of a
    /// compound surname in `compoundSurnames`) and writes 某 for the given name. A one-character
    /// name becomes `某`.
    public static func personName(_ name: String) -> String {
        let characters = Array(trimmed(name))
        guard characters.count > 1 else { return characters.isEmpty ? "" : "某" }
        if characters.count > 2, compoundSurnames.contains(String(characters[0..<2])) {
            return String(characters[0..<2]) + "某"
        }
        return String(characters[0]) + "某"
    }

    /// `北京市海淀区中关村大街27号` → `北京市海淀区****`: keeps the administrative prefix down
    /// to the district or county (区/县/旗, or the city when there is no district) and masks the
    /// rest. An address without a recognisable administrative prefix becomes `****`.
    ///
    /// The prefix is read segment by segment: 省, 自治区, 特别行政区, 市, 自治州, 地区 and 盟 are
    /// upper levels and reading continues; 区, 县 and 旗 are the district level and reading
    /// stops. Words that end in 区 but are not districts (小区, 社区, 校区, 园区, 景区, 厂区) and
    /// anything that looks like a street (digits, 号, 村, 巷, 弄, or 路, 街, 镇 inside a segment)
    /// end the prefix, so a street or a housing estate is never kept.
    public static func address(_ address: String) -> String {
        let characters = Array(trimmed(address))
        let kept = administrativePrefixLength(characters)
        return String(characters[0..<kept]) + String(repeating: maskCharacter, count: 4)
    }

    /// Masks personal data in free text: every occurrence of the given names, ID numbers
    /// and phone numbers, then any run that looks like an ID number (17 digits and a digit or X,
    /// with a plausible birth date at characters 7–14) or a mainland mobile number (11 digits
    /// `1[3-9]…`, optionally after `86`), even when not listed.
    ///
    /// Names of a single character are not replaced (they would hit ordinary words); longer
    /// names are replaced longest first, so `欧阳娜娜` wins over `欧阳娜`.
    public static func maskText(_ text: String, names: [String], idNumbers: [String], phones: [String]) -> String {
        var result = text
        for id in prepared(idNumbers, minimumLength: 1) {
            result = result.replacing(id, with: idNumber(id))
        }
        for number in prepared(phones, minimumLength: 1) {
            result = result.replacing(number, with: phone(number))
        }
        for name in prepared(names, minimumLength: 2) {
            result = result.replacing(name, with: personName(name))
        }
        return maskScannedNumbers(result)
    }

    // MARK: - Helpers

    private static func trimmed(_ text: String) -> Substring {
        let start = text.firstIndex(where: { !$0.isWhitespace }) ?? text.endIndex
        let end = text.lastIndex(where: { !$0.isWhitespace }).map(text.index(after:)) ?? start
        return text[start..<end]
    }

    private static func keep(_ characters: [Character], first: Int, last: Int) -> String {
        guard characters.count > first + last else {
            return String(repeating: maskCharacter, count: characters.count)
        }
        var result = String(characters[0..<first])
        result.append(String(repeating: maskCharacter, count: characters.count - first - last))
        result.append(contentsOf: characters[(characters.count - last)...])
        return result
    }

    private static func prepared(_ values: [String], minimumLength: Int) -> [String] {
        Set(values.map { String(trimmed($0)) })
            .filter { $0.count >= minimumLength }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    // MARK: Address

    /// The number of leading characters that form the administrative prefix of an address.
    static func administrativePrefixLength(_ c: [Character]) -> Int {
        var start = 0
        var kept = 0
        while start < c.count, let segment = administrativeSegment(c, from: start) {
            kept = segment.end
            if segment.isDistrict { break }
            start = segment.end
        }
        return kept
    }

    /// One administrative segment starting at `start`: its end (exclusive) and whether it is the
    /// district level (区/县/旗), or nil when what follows is not an administrative name.
    private static func administrativeSegment(_ c: [Character], from start: Int) -> (end: Int, isDistrict: Bool)? {
        // The longest county-level name (积石山保安族东乡族撒拉族自治县) has 15 characters.
        let limit = min(c.count, start + 16)
        var i = start
        while i < limit {
            let ch = c[i]
            let hasName = i > start
            let previous: Character? = hasName ? c[i - 1] : nil
            let beforePrevious: Character? = i - 2 >= start ? c[i - 2] : nil
            if isDigit(ch) || "号村巷弄".contains(ch) { return nil }
            if hasName, "路街镇".contains(ch) { return nil }
            switch ch {
            case "省", "盟":
                if hasName { return (i + 1, false) }
            case "市":
                // 沙市区, 市中区: a 市 followed by 区 belongs to the district's name.
                if hasName, i + 1 >= c.count || c[i + 1] != "区" { return (i + 1, false) }
            case "州":
                if beforePrevious == "自", previous == "治" { return (i + 1, false) }  // 自治州
            case "区":
                switch previous {
                case "治" where beforePrevious == "自": return (i + 1, false)  // 自治区
                case "政", "地": return (i + 1, false)                         // 特别行政区, 地区
                case "小", "社", "校", "园", "景", "厂": return nil             // not a district
                case .some: return (i + 1, true)
                case nil: break
                }
            case "县", "旗":
                if hasName { return (i + 1, true) }
            default:
                break
            }
            i += 1
        }
        return nil
    }

    // MARK: Scanning free text

    private static func isDigit(_ ch: Character) -> Bool {
        guard let scalar = ch.unicodeScalars.first, ch.unicodeScalars.count == 1 else { return false }
        return ("0"..."9").contains(scalar) || ("\u{FF10}"..."\u{FF19}").contains(scalar)
    }

    private static func isASCIIDigit(_ ch: Character) -> Bool {
        ch.isASCII && ch.isNumber
    }

    /// Masks unlisted ID-number-shaped and mobile-shaped runs of ASCII digits.
    static func maskScannedNumbers(_ text: String) -> String {
        let c = Array(text)
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var i = 0
        while i < c.count {
            guard isASCIIDigit(c[i]) else {
                result.append(c[i])
                i += 1
                continue
            }
            var j = i
            while j < c.count, isASCIIDigit(c[j]) { j += 1 }
            let digits = j - i
            // An 18th character X/x, not followed by another letter or digit.
            if digits == 17, j < c.count, c[j] == "X" || c[j] == "x",
               j + 1 == c.count || !(c[j + 1].isASCII && (c[j + 1].isLetter || c[j + 1].isNumber)) {
                j += 1
            }
            let run = Array(c[i..<j])
            if run.count == 18, hasPlausibleBirthDate(run) {
                result.append(keep(run, first: 4, last: 4))
            } else if run.count == 11, isMobile(run[...]) {
                result.append(keep(run, first: 3, last: 4))
            } else if run.count == 13, run[0] == "8", run[1] == "6", isMobile(run[2...]) {
                result.append("86")
                result.append(keep(Array(run[2...]), first: 3, last: 4))
            } else {
                result.append(contentsOf: run)
            }
            i = j
        }
        return result
    }

    private static func isMobile(_ run: ArraySlice<Character>) -> Bool {
        let start = run.startIndex
        return run.count == 11 && run[start] == "1" && ("3"..."9").contains(run[start + 1])
    }

    /// Characters 7–14 read as a date between 1800 and 2099 (month 1–12, day 1–31). This is what
    /// separates an ID number from an all-digit USCC such as `914403001922038216`.
    private static func hasPlausibleBirthDate(_ run: [Character]) -> Bool {
        func number(_ range: Range<Int>) -> Int? { Int(String(run[range])) }
        guard let year = number(6..<10), let month = number(10..<12), let day = number(12..<14) else { return false }
        return (1800...2099).contains(year) && (1...12).contains(month) && (1...31).contains(day)
    }
}
