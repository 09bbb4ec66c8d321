// Publishing a closed case to the typical-case library and the public site (DOC-60, X-09): every
// personal identifier of a natural person is removed before a reviewer confirms. Names become
// surname + 某, ID numbers and phone numbers are replaced by a placeholder (not partly masked as in
// lists: a published case keeps no digit of them), addresses keep the administrative part down to
// the district and lose the rest. Organisations' names, dates, case and document numbers, USCCs
// and amounts are kept: they are what makes the case useful.

/// Masks the free text of a case for publication (DOC-60) and finds what a reviewer must still
/// look at.
///
/// It knows the natural persons of the case (their names, ID numbers, phone numbers and
/// addresses) and also scans the text for ID-number-, phone- and address-shaped runs that were not
/// listed. `mask(text:)` and `check(text:)` use the same detection, so `check(text: mask(text: t))`
/// is empty.
public struct PublicationMasker: Sendable {
    /// A natural person named in the case.
    public struct Person: Sendable, Equatable {
        public var name: String
        public var idNumbers: [String]
        public var phones: [String]
        public var addresses: [String]

        public init(name: String, idNumbers: [String] = [], phones: [String] = [], addresses: [String] = []) {
            self.name = name
            self.idNumbers = idNumbers
            self.phones = phones
            self.addresses = addresses
        }
    }

    /// A personal identifier found in a text.
    public struct Leak: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable, Codable, CaseIterable {
            case personName, idNumber, phone, address

            public var nameZH: String {
                switch self {
                case .personName: "姓名"
                case .idNumber: "身份证号"
                case .phone: "电话号码"
                case .address: "详细地址"
                }
            }
        }

        public let kind: Kind
        /// The identifier as it appears in the text.
        public let text: String
        /// Offset of its first character (a `Character` count from the start of the text).
        public let offset: Int

        public var description: String { "\(kind.nameZH)「\(text)」（第\(offset + 1)字）" }
    }

    public static let idNumberPlaceholder = "[身份证号已隐去]"
    public static let phonePlaceholder = "[电话已隐去]"
    /// What replaces the part of an address below the district (as `Masking.address`).
    public static let addressMask = String(repeating: Masking.maskCharacter, count: 4)

    /// Two-character surnames kept whole: the list masking uses, plus rarer ones seen in cases.
    public static let compoundSurnames: Set<String> = Masking.compoundSurnames.union([
        "轩辕", "钟离", "端木", "南宫", "西门", "百里", "呼延", "司空", "申屠", "澹台", "濮阳", "公羊", "太史", "闻人",
        "东郭", "公冶", "宗政", "赫连", "拓跋", "万俟",
    ])

    public let persons: [Person]
    /// Organisations' names (and any other text) kept as written even when a person's name or an
    /// address pattern occurs inside them.
    public let organisations: [String]
    /// Each listed person's name → its published form (`李明华` → `李某`; two persons who would
    /// both be `李某` become `李某甲` and `李某乙`, in the order given).
    public let publishedNames: [String: String]

    public init(persons: [Person], organisations: [String] = []) {
        self.persons = persons
        self.organisations = organisations.map(Self.trimmed).filter { !$0.isEmpty }
        var names: [String] = []
        for p in persons {
            let n = Self.trimmed(p.name)
            if n.count >= 2, !names.contains(n) { names.append(n) }
        }
        let plain = names.map(Self.publishedName)
        var published: [String: String] = [:]
        let stems = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]
        var seen: [String: Int] = [:]
        for (name, masked) in zip(names, plain) {
            if plain.filter({ $0 == masked }).count > 1 {
                let n = seen[masked, default: 0]
                seen[masked] = n + 1
                published[name] = masked + (n < stems.count ? stems[n] : String(n + 1))
            } else {
                published[name] = masked
            }
        }
        self.publishedNames = published
    }

    /// `张三` → `张某`, `欧阳娜娜` → `欧阳某` (DOC-60).
    public static func publishedName(_ name: String) -> String {
        let c = Array(trimmed(name))
        if c.count > 2, compoundSurnames.contains(String(c[0..<2])) { return String(c[0..<2]) + "某" }
        return Masking.personName(String(c))
    }

    /// The text with every personal identifier masked (DOC-60).
    public func mask(text: String) -> String {
        let c = Array(text)
        var result = ""
        var i = 0
        for span in spans(in: c) {
            result.append(contentsOf: c[i..<span.range.lowerBound])
            result.append(span.replacement)
            i = span.range.upperBound
        }
        result.append(contentsOf: c[i...])
        return result
    }

    /// Every personal identifier left in `text`, in text order; empty when it can be published.
    public func check(text: String) -> [Leak] {
        let c = Array(text)
        return spans(in: c).map { Leak(kind: $0.kind, text: String(c[$0.range]), offset: $0.range.lowerBound) }
    }

    // MARK: - Detection

    struct Span {
        let range: Range<Int>
        let kind: Leak.Kind
        let replacement: String
    }

    /// Spans claimed in priority order: organisations (kept), listed names, listed identifiers,
    /// scanned numbers, scanned addresses. A later span never overlaps an earlier one.
    func spans(in c: [Character]) -> [Span] {
        var claimed = Claims()
        for organisation in organisations.sorted(by: { $0.count > $1.count }) {
            for r in Self.occurrences(of: Array(organisation), in: c) { claimed.claim(r) }
        }
        var found: [Span] = []
        func add(_ span: Span) {
            guard !span.range.isEmpty, claimed.isFree(span.range) else { return }
            claimed.claim(span.range)
            found.append(span)
        }

        // Listed names, longest first so 欧阳娜娜 wins over 欧阳娜.
        for (name, masked) in publishedNames.sorted(by: { $0.key.count != $1.key.count ? $0.key.count > $1.key.count : $0.key < $1.key }) {
            for r in Self.occurrences(of: Array(name), in: c) { add(Span(range: r, kind: .personName, replacement: masked)) }
        }
        // Listed identifiers, exactly as recorded (catches those the scanner would not recognise).
        var listed: [(String, Leak.Kind, String)] = []
        for p in persons {
            listed += p.idNumbers.map { (Self.trimmed($0), Leak.Kind.idNumber, Self.idNumberPlaceholder) }
            listed += p.phones.map { (Self.trimmed($0), Leak.Kind.phone, Self.phonePlaceholder) }
            for address in p.addresses {
                let a = Array(Self.trimmed(address))
                let kept = Masking.administrativePrefixLength(a)
                listed.append((String(a), Leak.Kind.address, String(a[0..<kept]) + Self.addressMask))
                if kept > 0, a.count - kept >= 2 { listed.append((String(a[kept...]), Leak.Kind.address, Self.addressMask)) }
            }
        }
        for (value, kind, replacement) in listed.sorted(by: { $0.0.count > $1.0.count }) where value.count >= 2 {
            for r in Self.occurrences(of: Array(value), in: c) {
                // A listed number inside a longer code (`SF13812345678`) is part of that code.
                if kind != .address,
                    r.lowerBound > 0 && NumberScanner.isAlnum(c[r.lowerBound - 1])
                        || r.upperBound < c.count && NumberScanner.isAlnum(c[r.upperBound])
                {
                    continue
                }
                add(Span(range: r, kind: kind, replacement: replacement))
            }
        }
        // Unlisted ID numbers and phone numbers, then addresses.
        for span in NumberScanner.spans(in: c) { add(span) }
        for span in AddressScanner.spans(in: c, isFree: { claimed.isFree($0) }) { add(span) }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    struct Claims {
        private var ranges: [Range<Int>] = []
        func isFree(_ r: Range<Int>) -> Bool { !ranges.contains { $0.overlaps(r) } }
        func isFree(_ i: Int) -> Bool { !ranges.contains { $0.contains(i) } }
        mutating func claim(_ r: Range<Int>) { ranges.append(r) }
    }

    static func occurrences(of needle: [Character], in c: [Character]) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= c.count else { return [] }
        var result: [Range<Int>] = []
        var i = 0
        while i + needle.count <= c.count {
            if c[i] == needle[0], Array(c[i..<(i + needle.count)]) == needle {
                result.append(i..<(i + needle.count))
                i += needle.count
            } else {
                i += 1
            }
        }
        return result
    }

    static func trimmed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension PublicationMasker {
    // MARK: - Numbers

    /// Finds ID numbers (18 characters, or the old 15 digits) and phone numbers (mobile `1[3-9]` and
    /// nine digits, landlines `0…` with an area code, short local numbers after 电话/手机…) in free
    /// text, also when written in groups with spaces or dashes (`138 1234 5678`, `0571-88886666`).
    ///
    /// A run of digits touching ASCII letters is part of a code (a USCC such as `91110105MA01…`, a
    /// mail number) and is left alone; so is a run that reads as an amount, a date or a count (followed
    /// by 元, 万, 年, 号 …, or preceded by ¥ or 第).
    enum NumberScanner {
        struct Group {
            let start: Int
            let end: Int
            /// ASCII digits, possibly ending with `X`.
            let digits: String
        }

        static let separators: Set<Character> = [" ", "\u{3000}", "\u{00A0}", "-", "－", "–", "—"]
        static let closingParens: Set<Character> = [")", "）"]
        static let openingParens: Set<Character> = ["(", "（"]
        /// After a number: it is an amount, a date part, a count or a serial, not an identifier.
        static let notAfter: Set<Character> = Set("元万亿角分%％余多个件次年月日岁号条款项人户台")
        static let notBefore: Set<Character> = ["¥", "￥", "$", "第", "."]
        static let phoneKeywords = ["电话", "座机", "手机", "联系方式", "传真"]

        static func spans(in c: [Character]) -> [Span] {
            var result: [Span] = []
            for chain in chains(in: c) {
                var k = 0
                while k < chain.count {
                    var matched = false
                    for m in stride(from: min(chain.count - 1, k + 4), through: k, by: -1) {
                        let groups = Array(chain[k...m])
                        guard let kind = classify(groups, in: c) else { continue }
                        var start = groups[0].start
                        let end = groups[groups.count - 1].end
                        if start > 0, c[start - 1] == "+" { start -= 1 }
                        if start > 0, openingParens.contains(c[start - 1]), c[start..<end].contains(where: closingParens.contains) { start -= 1 }
                        let replacement = kind == .idNumber ? idNumberPlaceholder : phonePlaceholder
                        result.append(.init(range: start..<end, kind: kind, replacement: replacement))
                        k = m + 1
                        matched = true
                        break
                    }
                    if !matched { k += 1 }
                }
            }
            return result
        }

        /// Runs of digit groups joined by single separators, in text order.
        static func chains(in c: [Character]) -> [[Group]] {
            var chains: [[Group]] = []
            var current: [Group] = []
            var i = 0
            while i < c.count {
                guard isAlnum(c[i]) else { i += 1; continue }
                var j = i
                while j < c.count, isAlnum(c[j]) { j += 1 }
                let token = c[i..<j]
                let digits = String(token.compactMap(asciiDigit))
                // Digits, possibly ending with the X of an ID number (also in a group: `002X`).
                let endsWithX = digits.count == token.count - 1 && isX(token[j - 1])
                if digits.count == token.count || endsWithX {
                    let group = Group(start: i, end: j, digits: endsWithX ? digits + "X" : digits)
                    if let last = current.last, joined(c, from: last.end, to: i) {
                        current.append(group)
                    } else {
                        if !current.isEmpty { chains.append(current) }
                        current = [group]
                    }
                } else if !current.isEmpty {
                    chains.append(current)
                    current = []
                }
                i = j
            }
            if !current.isEmpty { chains.append(current) }
            return chains
        }

        /// Whether the characters between two groups join them: one separator, or a closing
        /// parenthesis with at most one separator after it (`(0571)8888 6666`).
        static func joined(_ c: [Character], from a: Int, to b: Int) -> Bool {
            let gap = c[a..<b]
            if gap.count == 1 { return separators.contains(gap.first!) || closingParens.contains(gap.first!) }
            if gap.count == 2 { return closingParens.contains(gap.first!) && separators.contains(gap.last!) }
            return false
        }

        static func classify(_ groups: [Group], in c: [Character]) -> Leak.Kind? {
            let start = groups[0].start, end = groups[groups.count - 1].end
            if end < c.count, notAfter.contains(c[end]) { return nil }
            if end + 1 < c.count, c[end] == "." || c[end] == "．", asciiDigit(c[end + 1]) != nil { return nil }
            if start > 0, notBefore.contains(c[start - 1]) { return nil }
            let digits = groups.map(\.digits).joined()
            let lengths = groups.map(\.digits.count)

            if lengths.count == 1 || lengths == [6, 8, 4] || lengths == [6, 4, 4, 4] || lengths == [6, 6, 3], isIDNumber(digits) { return .idNumber }
            if digits.contains("X") { return nil }
            let d = Array(digits)
            if d.count == 11, isMobile(d[...]), lengths.count <= 3, lengths.allSatisfy({ $0 >= 3 }) || lengths.count == 1 { return .phone }
            if d.count == 13, d[0] == "8", d[1] == "6", isMobile(d[2...]), lengths.count == 1 || lengths[0] == 2 { return .phone }
            if d.count >= 10, d[0] == "0", d[1] != "0" {
                if lengths.count == 1, d.count <= 12 { return .phone }
                let rest = lengths.dropFirst().reduce(0, +)
                if (3...4).contains(lengths[0]), (7...8).contains(rest), lengths.count <= 3 { return .phone }
            }
            if (7...8).contains(d.count), d[0] != "0", d[0] != "1", lengths.count <= 2 {
                let before = String(c[max(0, start - 8)..<start])
                if phoneKeywords.contains(where: before.contains) { return .phone }
            }
            return nil
        }

        static func isMobile(_ d: ArraySlice<Character>) -> Bool {
            let s = d.startIndex
            return d.count == 11 && d[s] == "1" && ("3"..."9").contains(d[s + 1])
        }

        /// An 18-character number with a plausible birth date (1800–2099, as `Masking`) and area code, whose check
        /// character is right or that is not a valid USCC; or 15 digits with a plausible `YYMMDD`.
        static func isIDNumber(_ digits: String) -> Bool {
            let d = Array(digits)
            guard let first = d.first, ("1"..."8").contains(first) else { return false }
            func number(_ r: Range<Int>) -> Int? { Int(String(d[r])) }
            if d.count == 18 {
                guard let year = number(6..<10), let month = number(10..<12), let day = number(12..<14),
                    (1800...2099).contains(year), (1...12).contains(month), (1...31).contains(day)
                else { return false }
                // PLT-11 check character; a wrong one on something that is a valid USCC is a company.
                var sum = 0
                for (index, ch) in d.prefix(17).enumerated() { sum += (Int(String(ch)) ?? 0) * IDNumber.weights[index] }
                let check = Character(UnicodeScalar(IDNumber.checkCharacters[sum % 11]))
                return check == d[17] || (try? USCC(digits)) == nil
            }
            if d.count == 15, !d.contains("X") {
                guard let month = number(8..<10), let day = number(10..<12) else { return false }
                return (1...12).contains(month) && (1...31).contains(day)
            }
            return false
        }

        static func asciiDigit(_ ch: Character) -> Character? {
            guard let s = ch.unicodeScalars.first, ch.unicodeScalars.count == 1 else { return nil }
            if ("0"..."9").contains(s) { return ch }
            if ("\u{FF10}"..."\u{FF19}").contains(s) { return Character(UnicodeScalar(s.value - 0xFF10 + 0x30)!) }
            return nil
        }

        static func isX(_ ch: Character) -> Bool { ch == "X" || ch == "x" || ch == "Ｘ" || ch == "ｘ" }

        /// ASCII or full-width letters and digits.
        static func isAlnum(_ ch: Character) -> Bool {
            guard let s = ch.unicodeScalars.first, ch.unicodeScalars.count == 1 else { return false }
            return (s.isASCII && (ch.isLetter || ch.isNumber)) || ("\u{FF10}"..."\u{FF19}").contains(s)
                || ("\u{FF21}"..."\u{FF3A}").contains(s) || ("\u{FF41}"..."\u{FF5A}").contains(s)
        }
    }

    // MARK: - Addresses

    /// Finds the part of an address below the district in free text (DOC-60): a house number
    /// (`88号`, `3幢`, `2单元301`, `5号楼`) right after a street, village or estate name, together with
    /// that name back to the district (区/县/旗) or city it follows, or to the word that introduces it
    /// (住, 位于, 地址 …). `浙江省杭州市西湖区文三路90号3幢` → `浙江省杭州市西湖区****`, as
    /// `Masking.address` does for a known address.
    enum AddressScanner {
        static let unitWords: [[Character]] = ["号楼", "号院", "单元", "号", "幢", "栋", "座", "室", "层", "楼", "弄", "巷", "组", "户"].map(Array.init)
        /// Last characters of a street, village or estate name that a house number may follow.
        static let streetEnds: Set<Character> = Set("路街道巷弄同里村屯庄组区园苑寓厦场城湾坊镇乡邸墅")
        /// Characters that end the walk back: the administrative levels kept, punctuation, and words
        /// that introduce an address.
        static let upperLevels: Set<Character> = Set("县旗市省州盟")
        static let notDistrictBefore区: Set<Character> = Set("小社校园景厂")
        static let introducers: Set<Character> = Set("住于在址为至到是往从的和及与向经将了把被对给该这其")
        static let chineseNumerals: Set<Character> = Set("〇零一二三四五六七八九十百")
        /// Longest street, village or estate name walked back over.
        static let maxNameLength = 14

        static func spans(in c: [Character], isFree: (Int) -> Bool) -> [Span] {
            var result: [Span] = []
            var i = 1
            while i < c.count {
                guard isNumeral(c[i]), !isNumeral(c[i - 1]), streetEnds.contains(c[i - 1]), isFree(i),
                    let end = tail(c, from: i)
                else { i += 1; continue }
                let start = nameStart(c, before: i, isFree: isFree)
                result.append(.init(range: start..<end, kind: .address, replacement: addressMask))
                i = end
            }
            return result
        }

        /// The end of the house number starting at `i` (numbers with their units, a room number after
        /// them), or nil when no unit follows the first number.
        static func tail(_ c: [Character], from i: Int) -> Int? {
            var j = i
            var units = 0
            while j < c.count {
                let numberEnd = number(c, from: j)
                if numberEnd > j {
                    if let unit = unit(c, at: numberEnd) {
                        j = numberEnd + unit
                        units += 1
                        continue
                    }
                    // A room number after a unit: `2单元301`, `5号院3-2-301`.
                    if units > 0, c[j..<numberEnd].allSatisfy({ NumberScanner.asciiDigit($0) != nil || "-－".contains($0) }),
                        numberEnd == c.count || !NumberScanner.notAfter.contains(c[numberEnd])
                    {
                        j = numberEnd
                    }
                    break
                }
                // A building letter: `B座`, `A栋`.
                if units > 0, c[j].isASCII, c[j].isUppercase, let unit = unit(c, at: j + 1) {
                    j += 1 + unit
                    continue
                }
                break
            }
            return units > 0 ? j : nil
        }

        /// The end of a number at `i`: numerals, possibly joined by `-` or `之` (`3-2`, `5之1`).
        static func number(_ c: [Character], from i: Int) -> Int {
            var j = i
            while j < c.count, isNumeral(c[j]) { j += 1 }
            guard j > i else { return i }
            if j + 1 < c.count, "-－之".contains(c[j]), isNumeral(c[j + 1]) { return number(c, from: j + 1) }
            return j
        }

        static func unit(_ c: [Character], at i: Int) -> Int? {
            for word in unitWords where i + word.count <= c.count && Array(c[i..<(i + word.count)]) == word {
                return word.count
            }
            return nil
        }

        /// Where the street, village or estate name before the house number at `i` starts.
        static func nameStart(_ c: [Character], before i: Int, isFree: (Int) -> Bool) -> Int {
            var b = i
            while b > 0, i - b < maxNameLength {
                let ch = c[b - 1]
                guard isHan(ch), isFree(b - 1), !upperLevels.contains(ch), !introducers.contains(ch) else { break }
                if ch == "区", b >= 2, !notDistrictBefore区.contains(c[b - 2]) { break }
                b -= 1
            }
            return b
        }

        static func isNumeral(_ ch: Character) -> Bool {
            NumberScanner.asciiDigit(ch) != nil || chineseNumerals.contains(ch)
        }

        static func isHan(_ ch: Character) -> Bool {
            guard let s = ch.unicodeScalars.first else { return false }
            return ("\u{4E00}"..."\u{9FFF}").contains(s) || ("\u{3400}"..."\u{4DBF}").contains(s)
        }
    }
}
